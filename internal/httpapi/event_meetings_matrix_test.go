package httpapi_test

import "github.com/techmart-vn/techmart/internal/event"

// The authorization matrix's rows of the meetings, check-in and deal
// routes. Each URL is of a fresh event happening today in which the
// enterprise (a participant) and the institute (an exhibitor) are
// approved.
func init() {
	matrix = append(matrix, meetingRows...)
}

// meetingEvent seeds the event and returns its base URL and the
// enterprise's and the institute's registrations.
func (f *fixture) meetingEvent() (string, string, string) {
	id, regs := seedEvent(f.h.T, f.h, vnDay(0), vnDay(1), twoParties()...)
	return "/api/v1/events/" + id, regs[0], regs[1]
}

// meeting opens a meeting the enterprise asks of the institute and takes
// it to state (requested or accepted).
func (f *fixture) meeting(state, suffix string) string {
	base, _, inst := f.meetingEvent()
	r := f.h.Do(R{Method: "POST", Path: base + "/meetings", Token: f.tokens["enterprise"].Access,
		Body: map[string]any{"toRegistrationId": inst, "message": "Xin gặp để trao đổi về bộ kit phát hiện bệnh."}})
	if r.Status != 201 {
		f.h.T.Fatalf("request a meeting: %d %s", r.Status, r.Body)
	}
	mid := r.JSON(f.h.T)["id"].(string)
	if state == event.MeetAccepted {
		if r := f.h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: f.tokens["institute"].Access}); r.Status != 200 {
			f.h.T.Fatalf("accept: %d %s", r.Status, r.Body)
		}
	}
	return base + "/meetings/" + mid + suffix
}

func meetingURL(state, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return f.meeting(state, suffix) }
}

func meetingEventURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { base, _, _ := f.meetingEvent(); return base + suffix }
}

// contractURL records a contract between the two and returns its URL.
func contractURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string {
		base, _, _ := f.meetingEvent()
		r := f.h.Do(R{Method: "POST", Path: base + "/deals", Token: f.tokens["officer"].Access, Body: map[string]any{"kind": "contract",
			"supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "form": "licence", "valueVnd": 100_000_000, "signedOn": vnDay(0)}})
		if r.Status != 201 {
			f.h.T.Fatalf("record a contract: %d %s", r.Status, r.Body)
		}
		return base + "/deals/" + r.JSON(f.h.T)["id"].(string) + suffix
	}
}

// The meetings' sides: the enterprise asked, the institute was asked;
// officers see every meeting but answer none; a reviewer does not learn
// it exists.
func sides(from, to, staff int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": from, "institute": to, "reviewer": 404, "officer": staff, "admin": staff}
}

var meetingRows = []row{
	{method: "GET", path: "/events/:id/meetings", url: meetingEventURL("/meetings"), want: only(nil, 200)},
	{method: "POST", path: "/events/:id/meetings", url: func(f *fixture, role string) string {
		base, _, inst := f.meetingEvent()
		f.ids["meetingTo"] = inst
		return base + "/meetings"
	}, body: func(f *fixture, _ string) any {
		return map[string]any{"toRegistrationId": f.ids["meetingTo"], "message": "Xin gặp để trao đổi về bộ kit phát hiện bệnh."}
	}, want: only(map[string]int{"enterprise": 201, "institute": 422}, 403)},
	{method: "POST", path: "/events/:id/meetings/:mid/accept", url: meetingURL(event.MeetRequested, "/accept"), want: sides(403, 200, 403)},
	{method: "POST", path: "/events/:id/meetings/:mid/decline", url: meetingURL(event.MeetRequested, "/decline"), want: sides(403, 200, 403)},
	{method: "POST", path: "/events/:id/meetings/:mid/cancel", url: meetingURL(event.MeetRequested, "/cancel"), want: sides(200, 403, 403)},
	{method: "POST", path: "/events/:id/meetings/:mid/outcome", url: meetingURL(event.MeetAccepted, "/outcome"),
		body: func(*fixture, string) any { return map[string]any{"result": "held", "interest": true} }, want: sides(200, 200, 403)},
	{method: "GET", path: "/events/:id/suggestions", url: meetingEventURL("/suggestions"), want: only(map[string]int{"enterprise": 200, "institute": 200}, 403)},
	{method: "GET", path: "/events/:id/registrations/:rid/badge", url: func(f *fixture, _ string) string {
		base, ent, _ := f.meetingEvent()
		return base + "/registrations/" + ent + "/badge?format=json"
	}, want: map[string]int{"anon": 401, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	// Only officers check in; a wrong code gets past the access check.
	{method: "POST", path: "/events/:id/checkins", url: meetingEventURL("/checkins"), body: func(*fixture, string) any { return map[string]any{"code": "x.y"} },
		want: only(map[string]int{"officer": 422, "admin": 422}, 403)},
	{method: "GET", path: "/events/:id/checkins", url: meetingEventURL("/checkins"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/events/:id/deals", url: meetingEventURL("/deals"), want: only(nil, 200)},
	{method: "POST", path: "/events/:id/deals", url: meetingEventURL("/deals"), body: func(*fixture, string) any {
		return map[string]any{"kind": "mou", "supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "signedOn": vnDay(0)}
	}, want: only(map[string]int{"enterprise": 201, "institute": 201, "officer": 201, "admin": 201}, 403)},
	{method: "POST", path: "/events/:id/deals/:did/transfer", url: contractURL("/transfer"), body: func(*fixture, string) any {
		return map[string]any{"title": "Chuyển giao bộ kit phát hiện nhanh bệnh", "methods": []string{"documents"}}
	}, want: map[string]int{"anon": 401, "enterprise": 201, "institute": 201, "reviewer": 404, "officer": 201, "admin": 201}},
}
