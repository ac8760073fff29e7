package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/store"
)

// day is today plus n days, as the API writes dates.
func day(n int) string { return calendar.Day(time.Now().AddDate(0, 0, n)) }

// eventBody is a complete hybrid fair whose registration is open, with
// boothCount standard booths (one of them free for inventors) and a
// matchmaking day.
func eventBody(boothCount int) map[string]any {
	return map[string]any{
		"name": "Chợ công nghệ và thiết bị tỉnh Thái Nguyên 2027", "nameEn": "Thái Nguyên Techmart 2027", "kind": "hybrid",
		"startDate": day(20), "endDate": day(21), "venue": "Trung tâm Hội nghị tỉnh, TP. Thái Nguyên",
		"link": "https://techmart.example.gov.vn/truc-tuyen", "organisers": []string{"Sở Khoa học và Công nghệ", "Trường Đại học Nông Lâm"},
		"sectors": []string{"agri_processing"}, "registrationOpens": day(-1), "registrationCloses": day(10),
		"description": "Trưng bày, giới thiệu công nghệ chế biến chè, miến dong, quýt và kết nối cung – cầu.",
		"booths": []map[string]any{{"code": "std", "name": "Gian hàng tiêu chuẩn", "nameEn": "Standard booth", "sizeM2": 9, "count": boothCount,
			"feeVnd": 3_000_000, "freeQuota": 1, "prefix": "A"}},
		"meetings": map[string]any{"days": []string{day(21)}, "start": "08:30", "minutes": 20, "slotsPerDay": 12, "tables": 10,
			"breaks": []map[string]any{{"after": 5, "minutes": 30}}},
	}
}

// newEvent creates an event as the officer, published or not.
func newEvent(h *apptest.Harness, officer string, body map[string]any, publish bool) map[string]any {
	h.T.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/events", Token: officer, Body: body})
	if r.Status != 201 {
		h.T.Fatalf("create event: %d %s", r.Status, r.Body)
	}
	e := r.JSON(h.T)
	if publish {
		r = h.Do(R{Method: "POST", Path: "/api/v1/events/" + e["id"].(string) + "/publish", Token: officer})
		if r.Status != 200 {
			h.T.Fatalf("publish event: %d %s", r.Status, r.Body)
		}
		e = r.JSON(h.T)
	}
	return e
}

// publishedOffer is one of the organisation's published offers.
func publishedOffer(t *testing.T, h *apptest.Harness, orgID string, kind string) string {
	t.Helper()
	ls, err := store.Find[catalog.Listing](context.Background(), h.App.Store, catalog.Collection, bson.D{{Key: "orgId", Value: orgID}, {Key: "state", Value: catalog.StatePublished}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if (kind == "demand") == (l.Kind == catalog.KindDemand) {
			return l.ID
		}
	}
	t.Fatalf("organisation %s has no published %s listing", orgID, kind)
	return ""
}

func TestEventLifecycle(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer").Access

	// Bad input: every field named, never a 500.
	bad := eventBody(5)
	bad["kind"], bad["endDate"], bad["link"] = "carnival", day(19), "javascript:alert(1)"
	bad["booths"] = []map[string]any{{"code": "std", "name": "Gian", "count": 3, "freeQuota": 4, "prefix": "A"}}
	r := h.Do(R{Method: "POST", Path: "/api/v1/events", Token: officer, Body: bad})
	if r.Status != 422 {
		t.Fatalf("bad event: %d %s", r.Status, r.Body)
	}
	got := fieldCodes(t, r)
	for f, code := range map[string]string{"kind": "invalid_choice", "endDate": "before_start", "link": "invalid_url", "booths.0.freeQuota": "above_count"} {
		if got[f] != code {
			t.Errorf("field %s: %q, want %q (all: %v)", f, got[f], code, got)
		}
	}

	// A draft lacking what publishing needs is refused with the fields.
	r = h.Do(R{Method: "POST", Path: "/api/v1/events", Token: officer, Body: map[string]any{"name": "Ngày hội kết nối cung cầu", "kind": "matchmaking"}})
	if r.Status != 201 {
		t.Fatalf("create draft: %d %s", r.Status, r.Body)
	}
	draft := r.JSON(t)
	id := draft["id"].(string)
	if can := draft["can"].(map[string]any); can["publish"] != true || can["edit"] != true || can["register"] != false {
		t.Fatalf("officer's can on a draft: %v", can)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/publish", Token: officer})
	if codes := fieldCodes(t, r); r.Status != 422 || codes["venue"] != "required" || codes["startDate"] != "required" {
		t.Fatalf("publish incomplete: %d %s", r.Status, r.Body)
	}
	// Nobody but officers sees a draft.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id}); r.Status != 404 {
		t.Fatalf("anonymous reads a draft: %d", r.Status)
	}
	// Edit with the version read; a stale one is 412.
	body := eventBody(5)
	body["kind"] = "matchmaking"
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/events/" + id, Token: officer, Body: body, Headers: map[string]string{"If-Match": `"1"`}})
	if r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/events/" + id, Token: officer, Body: map[string]any{"venue": "Hội trường Sở"}, Headers: map[string]string{"If-Match": `"1"`}})
	if r.Status != 412 {
		t.Fatalf("stale edit: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/publish", Token: officer})
	if r.Status != 200 || r.JSON(t)["state"] != "published" {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/publish", Token: officer}); r.Status != 409 {
		t.Fatalf("publish twice: %d %s", r.Status, r.Body)
	}

	// The public list: upcoming has it, past does not; a visitor may not register.
	ent := h.Demo("enterprise").Access
	r = h.Do(R{Method: "GET", Path: "/api/v1/events?when=upcoming"})
	if r.Status != 200 || !strings.Contains(string(r.Body), id) {
		t.Fatalf("upcoming: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events?when=past"}); strings.Contains(string(r.Body), id) {
		t.Fatalf("past lists an upcoming event: %s", r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events?when=soon"}); r.Status != 422 {
		t.Fatalf("bad when: %d", r.Status)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: ent})
	if can := r.JSON(t)["can"].(map[string]any); can["register"] != true || can["edit"] != false {
		t.Fatalf("member's can on an open event: %v", can)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id}); r.JSON(t)["can"].(map[string]any)["register"] != false {
		t.Fatalf("a visitor may register: %s", r.Body)
	}
	// After the event it is past.
	h.Clock.Set(func() time.Time { return time.Now().AddDate(0, 0, 30) })
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events?when=past"}); !strings.Contains(string(r.Body), id) {
		t.Fatalf("past: %s", r.Body)
	}
}

func TestEventRegistrationAndWaitingList(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent, inst := h.Demo("officer").Access, h.Demo("enterprise").Access, h.Demo("institute").Access
	// One paid booth and one free one (the free quota): 2 booths.
	e := newEvent(h, officer, eventBody(2), true)
	id := e["id"].(string)
	regs := "/api/v1/events/" + id + "/registrations"

	// Refusals name their fields.
	r := h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "exhibitor", "boothType": "vip", "listings": []string{publishedOffer(t, h, instituteOrg, "offer")}, "slots": []int{99}}})
	if codes := fieldCodes(t, r); r.Status != 422 || codes["boothType"] != "invalid_choice" || codes["listings"] != "not_own_offer" || codes["slots"] != "out_of_range" {
		t.Fatalf("bad registration: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "inventor", "boothType": "std"}})
	if codes := fieldCodes(t, r); r.Status != 422 || codes["role"] != "inventor_individual_only" {
		t.Fatalf("enterprise as inventor: %d %s", r.Status, r.Body)
	}

	// The institute exhibits; the enterprise also asks for a booth and
	// brings a need.
	r = h.Do(R{Method: "POST", Path: regs, Token: inst, Body: map[string]any{"role": "exhibitor", "boothType": "std",
		"listings": []string{publishedOffer(t, h, instituteOrg, "offer")}, "slots": []int{0, 1, 2, 2}}})
	if r.Status != 201 {
		t.Fatalf("institute registers: %d %s", r.Status, r.Body)
	}
	first := r.JSON(t)
	if first["state"] != "pending" || fmt.Sprint(first["slots"]) != "[0 1 2]" || first["can"].(map[string]any)["withdraw"] != true {
		t.Fatalf("registration: %s", r.Body)
	}
	if strings.Contains(string(r.Body), "checkInCode") {
		t.Fatalf("the badge's secret leaks: %s", r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: regs, Token: inst, Body: map[string]any{"role": "participant"}}); r.Status != 409 || r.JSON(t)["code"] != "already_registered" {
		t.Fatalf("twice: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "exhibitor", "boothType": "std",
		"listings": []string{publishedOffer(t, h, enterpriseOrg, "offer")}, "needs": []string{publishedOffer(t, h, enterpriseOrg, "demand")}}})
	if r.Status != 201 {
		t.Fatalf("enterprise registers: %d %s", r.Status, r.Body)
	}
	second := r.JSON(t)
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: ent}); r.JSON(t)["can"].(map[string]any)["register"] != false {
		t.Fatalf("an organisation registered already may register again: %s", r.Body)
	}

	// Each sees its own; officers see both.
	if r := h.Do(R{Method: "GET", Path: regs, Token: ent}); r.JSON(t)["total"] != float64(1) {
		t.Fatalf("enterprise's list: %s", r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: regs + "?state=pending", Token: officer}); r.JSON(t)["total"] != float64(2) {
		t.Fatalf("officer's queue: %s", r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: regs + "/" + first["id"].(string), Token: ent}); r.Status != 404 {
		t.Fatalf("another organisation's registration: %d", r.Status)
	}

	// One paid booth: the first approved gets A-1, the second waits.
	r = h.Do(R{Method: "POST", Path: regs + "/" + first["id"].(string) + "/approve", Token: officer})
	if r.Status != 200 || r.JSON(t)["state"] != "approved" || r.JSON(t)["booth"] != "A-1" {
		t.Fatalf("approve first: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: regs + "/" + second["id"].(string) + "/approve", Token: officer})
	if r.Status != 200 || r.JSON(t)["state"] != "waitlisted" || r.JSON(t)["booth"] != nil {
		t.Fatalf("approve second: %d %s", r.Status, r.Body)
	}
	if can := r.JSON(t)["can"].(map[string]any); can["approve"] != false || can["reject"] != true {
		t.Fatalf("can of a waitlisted registration while no booth is free: %v", can)
	}
	if r := h.Do(R{Method: "POST", Path: regs + "/" + second["id"].(string) + "/approve", Token: officer}); r.Status != 409 || r.JSON(t)["code"] != "no_booth_left" {
		t.Fatalf("approve a waitlisted one with no booth: %d %s", r.Status, r.Body)
	}
	ev := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id}).JSON(t)
	if av := ev["availability"].([]any)[0].(map[string]any); av["taken"] != float64(1) || av["left"] != float64(0) || av["quotaLeft"] != float64(1) {
		t.Fatalf("availability: %v", av)
	}
	// The event's can opens the day's pages: an approved registrant's
	// meetings, agenda and deals; the officers' scheduler, door and report.
	for _, c := range []struct {
		who   string
		token string
		want  map[string]bool
	}{
		{"approved registrant", inst, map[string]bool{"meetings": true, "agenda": true, "deals": true, "schedule": false, "checkIn": false, "report": false}},
		{"waitlisted registrant", ent, map[string]bool{"meetings": false, "agenda": false, "deals": false, "schedule": false, "checkIn": false, "report": false}},
		{"officer", officer, map[string]bool{"meetings": false, "agenda": false, "deals": true, "schedule": true, "checkIn": true, "report": true}},
		{"visitor", "", map[string]bool{"meetings": false, "agenda": false, "deals": false, "schedule": false, "checkIn": false, "report": false}},
	} {
		can := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: c.token}).JSON(t)["can"].(map[string]any)
		for k, v := range c.want {
			if can[k] != v {
				t.Errorf("%s: can.%s = %v, want %v", c.who, k, can[k], v)
			}
		}
	}
	// Without a meeting grid there are no meetings to ask for or schedule.
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/events/" + id, Token: officer, Headers: map[string]string{"If-Match": h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: officer}).Header.Get("ETag")},
		Body: map[string]any{"meetings": map[string]any{"days": []string{}, "start": "", "minutes": 0, "slotsPerDay": 0, "tables": 0, "breaks": []any{}}}})
	if r.Status != 200 {
		t.Fatalf("drop the meeting grid: %d %s", r.Status, r.Body)
	}
	for token, want := range map[string]map[string]bool{inst: {"meetings": false, "agenda": false, "deals": true}, officer: {"schedule": false, "checkIn": true}} {
		can := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: token}).JSON(t)["can"].(map[string]any)
		for k, v := range want {
			if can[k] != v {
				t.Errorf("without meetings: can.%s = %v, want %v", k, can[k], v)
			}
		}
	}
	// The plan cannot drop a booth given.
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/events/" + id, Token: officer, Body: map[string]any{"booths": []map[string]any{}}})
	if codes := fieldCodes(t, r); r.Status != 422 || codes["booths"] != "booth_in_use" {
		t.Fatalf("drop a booth in use: %d %s", r.Status, r.Body)
	}

	// The institute withdraws: its booth goes to the enterprise.
	r = h.Do(R{Method: "POST", Path: regs + "/" + first["id"].(string) + "/withdraw", Token: inst})
	if r.Status != 200 || r.JSON(t)["state"] != "withdrawn" {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: regs + "/" + second["id"].(string), Token: ent})
	if got := r.JSON(t); got["state"] != "approved" || got["booth"] != "A-1" {
		t.Fatalf("promoted: %s", r.Body)
	}
	// Each step told the organisation, in its reader's language: the
	// waiting list, then the booth (one line for the event, the newest
	// step's text, counting both).
	notes := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent}).JSON(t)["items"].([]any)
	if len(notes) != 1 || !strings.Contains(notes[0].(map[string]any)["text"].(string), "đã được duyệt: gian hàng A-1") || notes[0].(map[string]any)["count"] != float64(2) {
		t.Errorf("the enterprise's notifications: %v", notes)
	}
	if en := string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: inst, Headers: map[string]string{"Accept-Language": "en"}}).Body); !strings.Contains(en, "was approved: booth A-1") {
		t.Errorf("the institute was not told in English: %.600s", en)
	}
	if _, err := h.App.Events.ApprovedRegistration(context.Background(), id, enterpriseOrg); err != nil {
		t.Fatalf("ApprovedRegistration: %v", err)
	}
	// Refusing needs a reason; an approved registration cannot be refused.
	if r := h.Do(R{Method: "POST", Path: regs + "/" + second["id"].(string) + "/reject", Token: officer, Body: map[string]any{"reason": "Trùng"}}); r.Status != 409 {
		t.Fatalf("reject approved: %d %s", r.Status, r.Body)
	}

	// Registration closes by itself after its last day.
	h.Clock.Set(func() time.Time { return time.Now().AddDate(0, 0, 11) })
	reviewer := h.Demo("reviewer").Access
	if r := h.Do(R{Method: "POST", Path: regs, Token: reviewer, Body: map[string]any{"role": "participant"}}); r.Status != 409 || r.JSON(t)["code"] != "registration_closed" {
		t.Fatalf("after closing: %d %s", r.Status, r.Body)
	}
}

func TestEventRejectWithReason(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent := h.Demo("officer").Access, h.Demo("enterprise").Access
	id := newEvent(h, officer, eventBody(5), true)["id"].(string)
	regs := "/api/v1/events/" + id + "/registrations"
	r := h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "participant", "needs": []string{publishedOffer(t, h, enterpriseOrg, "demand")}}})
	if r.Status != 201 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	rid := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/reject", Token: officer, Body: map[string]any{"reason": "x"}}); r.Status != 422 || fieldCodes(t, r)["reason"] != "too_short" {
		t.Fatalf("short reason: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: regs + "/" + rid + "/reject", Token: officer, Body: map[string]any{"reason": "Nhu cầu không thuộc lĩnh vực của sự kiện."}})
	if got := r.JSON(t); r.Status != 200 || got["state"] != "rejected" || got["rejectReason"] != "Nhu cầu không thuộc lĩnh vực của sự kiện." {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	if can := r.JSON(t)["can"].(map[string]any); can["approve"] != false || can["reject"] != false {
		t.Fatalf("can after rejection: %v", can)
	}
}

// TestConcurrentBoothApprovals: fifty exhibitors approved at once for ten
// booths get exactly ten distinct booths; forty wait.
func TestConcurrentBoothApprovals(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer").Access
	body := eventBody(10)
	body["booths"].([]map[string]any)[0]["freeQuota"] = 0
	id := newEvent(h, officer, body, true)["id"].(string)
	ctx := context.Background()
	now := time.Now().UTC()
	ids := make([]string, 50)
	for i := range ids {
		orgID := fmt.Sprintf("%024x", i+1)
		r := event.Registration{ID: event.RegistrationID(id, orgID), EventID: id, Role: event.RoleExhibitor,
			Org: event.Ref{ID: orgID, Name: fmt.Sprintf("Hợp tác xã chè số %d", i+1)}, OrgKind: "enterprise", BoothType: "std",
			Listings: []string{}, Needs: []string{}, Slots: []int{}, State: event.RegPending, CheckInCode: fmt.Sprintf("C%d", i),
			History: []event.Step{{State: event.RegPending, At: now}}, CreatedAt: now, UpdatedAt: now}
		if err := store.Insert(ctx, h.App.Store, event.RegistrationCollection, &r); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	var wg sync.WaitGroup
	statuses := make([]int, len(ids))
	for i, rid := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/registrations/" + rid + "/approve", Token: officer}).Status
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != 200 {
			t.Fatalf("approval %d: %d", i, s)
		}
	}
	all, err := h.App.Events.Registrations(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	booths := map[string]bool{}
	waiting := 0
	for _, r := range all {
		switch r.State {
		case event.RegApproved:
			if r.Booth == "" || booths[r.Booth] {
				t.Fatalf("booth %q given twice or empty", r.Booth)
			}
			booths[r.Booth] = true
		case event.RegWaitlisted:
			waiting++
		default:
			t.Fatalf("registration in %s", r.State)
		}
	}
	if len(booths) != 10 || waiting != 40 {
		t.Fatalf("%d booths given, %d waiting; want 10 and 40", len(booths), waiting)
	}
	e, err := h.App.Events.Get(ctx, nil, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Allocations) != 10 {
		t.Fatalf("%d allocations on the event", len(e.Allocations))
	}
}

// event is a fresh event of the officer's for the authorization matrix.
func (f *fixture) event(publish bool) string {
	return newEvent(f.h, f.tokens["officer"].Access, eventBody(5), publish)["id"].(string)
}

func eventURL(publish bool, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/events/" + f.event(publish) + suffix }
}

// eventRegistrationURL is the enterprise's pending registration, as a
// participant, for a fresh published event.
func eventRegistrationURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string {
		id := f.event(true)
		r := f.h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/registrations", Token: f.tokens["enterprise"].Access, Body: map[string]any{"role": "participant"}})
		if r.Status != 201 {
			f.h.T.Fatalf("register for the event: %d %s", r.Status, r.Body)
		}
		return "/api/v1/events/" + id + "/registrations/" + r.JSON(f.h.T)["id"].(string) + suffix
	}
}

// TestEventPublicPages: a published event's page has its own head with a
// schema.org Event and is in the sitemap; a draft is 404 and is not.
func TestEventPublicPages(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer").Access
	pub := newEvent(h, officer, eventBody(5), true)["id"].(string)
	draft := newEvent(h, officer, eventBody(5), false)["id"].(string)

	hd := fetchHead(t, h, "/events/"+pub)
	if hd.status != 200 || len(hd.jsonLD) != 1 || hd.jsonLD[0]["@type"] != "Event" || !strings.Contains(hd.title, "Chợ công nghệ và thiết bị tỉnh Thái Nguyên 2027") {
		t.Fatalf("event page: %d %q %v", hd.status, hd.title, hd.jsonLD)
	}
	ld := hd.jsonLD[0]
	if ld["startDate"] != day(20) || ld["eventAttendanceMode"] != "https://schema.org/MixedEventAttendanceMode" || ld["url"] != "http://techmart.test/events/"+pub {
		t.Errorf("JSON-LD: %v", ld)
	}
	if places, _ := ld["location"].([]any); len(places) != 2 {
		t.Errorf("a hybrid fair has a place and a virtual location: %v", ld["location"])
	}
	en := fetchHead(t, h, "/en/events/"+pub)
	if en.status != 200 || !strings.Contains(en.title, "Thái Nguyên Techmart 2027") || en.canonical != "http://techmart.test/en/events/"+pub {
		t.Errorf("English event page: %d %q %q", en.status, en.title, en.canonical)
	}
	// The showcase is named for its event, in the page's language.
	if sc := fetchHead(t, h, "/en/events/"+pub+"/showcase"); sc.status != 200 || !strings.Contains(sc.title, "Thái Nguyên Techmart 2027") || sc.canonical != "http://techmart.test/en/events/"+pub+"/showcase" {
		t.Errorf("English showcase page: %d %q %q", sc.status, sc.title, sc.canonical)
	}
	for path, want := range map[string]int{"/events": 200, "/en/events": 200, "/events/" + draft: 404, "/events/000000000000000000000000": 404,
		"/events/" + draft + "/showcase": 404, "/events/000000000000000000000000/showcase": 404} {
		if got := fetchHead(t, h, path); got.status != want {
			t.Errorf("%s: %d, want %d", path, got.status, want)
		}
	}

	var idx sitemapDoc
	getXML(t, h, "/sitemap.xml", "application/xml", &idx)
	found := map[string]bool{}
	for _, s := range idx.Sitemaps {
		var chunk sitemapDoc
		getXML(t, h, strings.TrimPrefix(s.Loc, "http://techmart.test"), "application/xml", &chunk)
		for _, u := range chunk.URLs {
			found[u.Loc] = true
		}
	}
	if !found["http://techmart.test/events/"+pub] || !found["http://techmart.test/en/events"] || found["http://techmart.test/events/"+draft] {
		t.Errorf("sitemap: published %v, list %v, draft %v", found["http://techmart.test/events/"+pub], found["http://techmart.test/en/events"], found["http://techmart.test/events/"+draft])
	}
}

// TestInventorsFreeQuota: the free quota is kept for inventors and the
// rest for everyone else, each with its own waiting list; booths added to
// the plan go to the waiting list.
func TestInventorsFreeQuota(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer").Access
	id := newEvent(h, officer, eventBody(2), true)["id"].(string) // one paid booth, one free
	ctx := context.Background()
	now := time.Now().UTC()
	insert := func(n int, role string) string {
		orgID := fmt.Sprintf("%024x", n)
		r := event.Registration{ID: event.RegistrationID(id, orgID), EventID: id, Role: role,
			Org: event.Ref{ID: orgID, Name: fmt.Sprintf("Hợp tác xã %d", n)}, OrgKind: "individual", BoothType: "std",
			Listings: []string{}, Needs: []string{}, Slots: []int{}, State: event.RegPending, CheckInCode: fmt.Sprintf("Q%d", n),
			History: []event.Step{{State: event.RegPending, At: now}}, CreatedAt: now.Add(time.Duration(n) * time.Second), UpdatedAt: now}
		if err := store.Insert(ctx, h.App.Store, event.RegistrationCollection, &r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	approve := func(rid, state, booth string) {
		t.Helper()
		r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/registrations/" + rid + "/approve", Token: officer})
		got := r.JSON(t)
		if r.Status != 200 || got["state"] != state || (booth != "" && got["booth"] != booth) {
			t.Fatalf("approve %s: %d %s, want %s %s", rid, r.Status, r.Body, state, booth)
		}
	}
	ex1, ex2, inv1, inv2 := insert(1, event.RoleExhibitor), insert(2, event.RoleExhibitor), insert(3, event.RoleInventor), insert(4, event.RoleInventor)
	approve(ex1, "approved", "A-1")
	approve(ex2, "waitlisted", "")
	approve(inv1, "approved", "A-2")
	approve(inv2, "waitlisted", "")

	// A third booth, paid: the waiting exhibitor gets it, not the inventor.
	body := eventBody(3)
	r := h.Do(R{Method: "PATCH", Path: "/api/v1/events/" + id, Token: officer, Body: map[string]any{"booths": body["booths"]}})
	if r.Status != 200 {
		t.Fatalf("add a booth: %d %s", r.Status, r.Body)
	}
	if av := r.JSON(t)["availability"].([]any)[0].(map[string]any); av["taken"] != float64(3) || av["left"] != float64(0) {
		t.Fatalf("availability after promotion: %v", av)
	}
	got := map[string]event.Registration{}
	all, err := h.App.Events.Registrations(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		got[r.ID] = r
	}
	if r := got[ex2]; r.State != event.RegApproved || r.Booth != "A-3" {
		t.Fatalf("waiting exhibitor: %s %q", r.State, r.Booth)
	}
	if r := got[inv2]; r.State != event.RegWaitlisted {
		t.Fatalf("waiting inventor: %s", r.State)
	}
}

// TestReconcileBoothClaims: a booth claimed on the event by an approval
// that never reached its registration is taken back after the grace
// period and goes to the waiting list; a booth given is kept.
func TestReconcileBoothClaims(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent := h.Demo("officer").Access, h.Demo("enterprise").Access
	id := newEvent(h, officer, eventBody(2), true)["id"].(string) // one paid booth
	regs := "/api/v1/events/" + id + "/registrations"
	r := h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "exhibitor", "boothType": "std", "listings": []string{publishedOffer(t, h, enterpriseOrg, "offer")}}})
	if r.Status != 201 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	rid := r.JSON(t)["id"].(string)
	ctx := context.Background()
	// A crash between the two writes: the booth claimed for a registration
	// still pending.
	if _, err := store.Modify(ctx, h.App.Store, event.Collection, id, 0, func(e *event.Event) error {
		e.Allocations = append(e.Allocations, event.Allocation{BoothType: "std", Number: 1, Booth: "A-1", Registration: "000000000000000000000bad", At: time.Now().UTC()})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/approve", Token: officer}); r.JSON(t)["state"] != "waitlisted" {
		t.Fatalf("approve while the booth is claimed: %s", r.Body)
	}
	// Within the grace period the claim is left alone.
	if n, err := h.App.Events.Reconcile(ctx); err != nil || n != 0 {
		t.Fatalf("reconcile a fresh claim: %d %v", n, err)
	}
	h.Clock.Set(func() time.Time { return time.Now().Add(time.Hour) })
	if n, err := h.App.Events.Reconcile(ctx); err != nil || n != 1 {
		t.Fatalf("reconcile: %d %v", n, err)
	}
	got, err := h.App.Events.ApprovedRegistration(ctx, id, enterpriseOrg)
	if err != nil || got.Booth != "A-1" {
		t.Fatalf("the waiting registration got the booth back: %+v %v", got, err)
	}
	// A booth given stays given.
	if n, err := h.App.Events.Reconcile(ctx); err != nil || n != 0 {
		t.Fatalf("reconcile again: %d %v", n, err)
	}
}

// TestEventCancel: an officer calls a published event off with a reason;
// those registered are told; the event stays readable, marked cancelled,
// and closes to registration; a second cancel is refused.
func TestEventCancel(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent, inst := h.Demo("officer").Access, h.Demo("enterprise").Access, h.Demo("institute").Access
	id := newEvent(h, officer, eventBody(5), true)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/registrations", Token: ent, Body: map[string]any{"role": "participant"}}); r.Status != 201 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	got := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: officer})
	if got.JSON(t)["can"].(map[string]any)["cancel"] != true {
		t.Fatalf("an officer may cancel: %s", got.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/cancel", Token: officer, Body: map[string]any{"reason": "x"}}); r.Status != 422 || fieldCodes(t, r)["reason"] != "too_short" {
		t.Fatalf("a short reason: %d %s", r.Status, r.Body)
	}
	const reason = "Hoãn do bão số 3, Sở sẽ thông báo ngày tổ chức lại."
	r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/cancel", Token: officer, Body: map[string]any{"reason": reason}, Headers: map[string]string{"If-Match": got.Header.Get("ETag")}})
	if r.Status != 200 || r.JSON(t)["state"] != "cancelled" || r.JSON(t)["cancelReason"] != reason {
		t.Fatalf("cancel: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/cancel", Token: officer, Body: map[string]any{"reason": reason}}); r.Status != 409 {
		t.Fatalf("cancel twice: %d %s", r.Status, r.Body)
	}
	// Readable by anyone, marked cancelled, closed to registration.
	pub := h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: inst})
	if pub.Status != 200 || pub.JSON(t)["state"] != "cancelled" || pub.JSON(t)["can"].(map[string]any)["register"] != false {
		t.Fatalf("a cancelled event to others: %d %s", pub.Status, pub.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/registrations", Token: inst, Body: map[string]any{"role": "participant"}}); r.Status != 409 {
		t.Fatalf("registering for a cancelled event: %d %s", r.Status, r.Body)
	}
	if hd := fetchHead(t, h, "/events/"+id); hd.status != 200 || len(hd.jsonLD) != 1 || hd.jsonLD[0]["eventStatus"] != "https://schema.org/EventCancelled" {
		t.Errorf("the cancelled event's page: %d %v", hd.status, hd.jsonLD)
	}
	// The registered enterprise was told why.
	notes := string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent}).Body)
	if !strings.Contains(notes, "đã bị hủy. Lý do: "+reason) {
		t.Errorf("the registrant was not told: %.600s", notes)
	}
	// A draft cancelled is nobody's business but the officers'.
	draft := newEvent(h, officer, eventBody(5), false)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + draft + "/cancel", Token: officer, Body: map[string]any{"reason": reason}}); r.Status != 200 {
		t.Fatalf("cancel a draft: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + draft, Token: inst}); r.Status != 404 {
		t.Errorf("a cancelled draft is visible: %d", r.Status)
	}
}

// An organisation whose registration ended (refused, or withdrawn by
// itself) registers again in its place: the same registration, pending
// again, its history going on; one that still stands is not doubled.
func TestEventRegisterAgain(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent := h.Demo("officer").Access, h.Demo("enterprise").Access
	id := newEvent(h, officer, eventBody(5), true)["id"].(string)
	regs := "/api/v1/events/" + id + "/registrations"
	need := publishedOffer(t, h, enterpriseOrg, "demand")
	register := func(note string) apptest.Response {
		return h.Do(R{Method: "POST", Path: regs, Token: ent, Body: map[string]any{"role": "participant", "needs": []string{need}, "note": note}})
	}
	canRegister := func() bool {
		return h.Do(R{Method: "GET", Path: "/api/v1/events/" + id, Token: ent}).JSON(t)["can"].(map[string]any)["register"] == true
	}
	r := register("")
	if r.Status != 201 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	rid := r.JSON(t)["id"].(string)
	if r := register(""); r.Status != 409 || problemCode(t, r) != "already_registered" {
		t.Fatalf("a pending registration doubled: %d %s", r.Status, r.Body)
	}
	if canRegister() {
		t.Fatal("can.register while a registration is pending")
	}
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/reject", Token: officer, Body: map[string]any{"reason": "Thiếu thông tin về nhu cầu công nghệ."}}); r.Status != 200 {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	if !canRegister() {
		t.Fatal("no can.register after the refusal")
	}
	r = register("Đã bổ sung mô tả nhu cầu.")
	got := r.JSON(t)
	if r.Status != 201 || got["id"] != rid || got["state"] != "pending" || got["rejectReason"] != nil || got["note"] != "Đã bổ sung mô tả nhu cầu." {
		t.Fatalf("register again after a refusal: %d %s", r.Status, r.Body)
	}
	if hist := got["history"].([]any); len(hist) != 3 || hist[1].(map[string]any)["state"] != "rejected" || hist[2].(map[string]any)["state"] != "pending" {
		t.Fatalf("history after registering again: %v", hist)
	}
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/approve", Token: officer}); r.Status != 200 || r.JSON(t)["state"] != "approved" {
		t.Fatalf("approve the second registration: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/withdraw", Token: ent}); r.Status != 200 || r.JSON(t)["state"] != "withdrawn" {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	if r := register(""); r.Status != 201 || r.JSON(t)["state"] != "pending" {
		t.Fatalf("register again after withdrawing: %d %s", r.Status, r.Body)
	}
	list := h.Do(R{Method: "GET", Path: regs, Token: officer}).JSON(t)
	if list["total"] != float64(1) {
		t.Fatalf("the event has %v registrations, want the one", list["total"])
	}
}

// Several members of a refused organisation register again at once: one
// registration results, the others are told it exists.
func TestConcurrentRegisterAgain(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent := h.Demo("officer").Access, h.Demo("enterprise").Access
	id := newEvent(h, officer, eventBody(5), true)["id"].(string)
	regs := "/api/v1/events/" + id + "/registrations"
	body := map[string]any{"role": "participant", "needs": []string{publishedOffer(t, h, enterpriseOrg, "demand")}}
	r := h.Do(R{Method: "POST", Path: regs, Token: ent, Body: body})
	if r.Status != 201 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	rid := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: regs + "/" + rid + "/reject", Token: officer, Body: map[string]any{"reason": "Thiếu thông tin về nhu cầu công nghệ."}}); r.Status != 200 {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	statuses := make([]int, 6)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "POST", Path: regs, Token: ent, Body: body}).Status
		}()
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case 201:
			created++
		case 409:
		default:
			t.Errorf("status %d", s)
		}
	}
	reg := h.Do(R{Method: "GET", Path: regs + "/" + rid, Token: officer}).JSON(t)
	if created != 1 || reg["state"] != "pending" || len(reg["history"].([]any)) != 3 {
		t.Fatalf("%d registered again (want 1); the registration: %v", created, reg)
	}
}
