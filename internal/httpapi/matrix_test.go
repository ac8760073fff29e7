package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	planreport "github.com/techmart-vn/techmart/internal/report"
)

// roles of the matrix: anonymous, the owner of the organisation under test
// (enterprise), the owner of another organisation (institute), a reviewer,
// an officer and an admin.
var roles = []string{"anon", "enterprise", "institute", "reviewer", "officer", "admin"}

type row struct {
	method, path string // path in Fiber syntax, as registered
	// url builds the concrete URL; body is sent as JSON.
	url  func(f *fixture, role string) string
	body func(f *fixture, role string) any
	want map[string]int
}

type fixture struct {
	h      *apptest.Harness
	tokens map[string]apptest.Tokens
	ids    map[string]string // user ids by role
	n      int
}

// pending registers a fresh organisation so each role decides on its own.
func (f *fixture) pending() string {
	f.n++
	id, _ := f.h.Register(fmt.Sprintf("matrix%d@example.vn", f.n), fmt.Sprintf("Doanh nghiệp thử %d", f.n), "enterprise")
	return id
}

// completeListing is a technology offer ready to submit.
func completeListing(orgID string) map[string]any {
	return map[string]any{
		"kind": "technology", "orgId": orgID, "title": "Quy trình sấy chè Shan tuyết bằng hơi nóng",
		"summary":     "Công nghệ sấy chè xanh giữ hương vị, rút ngắn thời gian sấy một nửa so với sấy thủ công.",
		"description": "Quy trình gồm làm héo, diệt men, vò và sấy hai giai đoạn.",
		"sectors":     []string{"agri_processing"}, "trl": 7, "transferForms": []string{"licence"},
		"price": map[string]any{"mode": "negotiable"},
	}
}

// listing makes a listing of the enterprise's organisation in a state.
func (f *fixture) listing(state string) string {
	t := f.h.T
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: f.tokens["enterprise"].Access, Body: completeListing(enterpriseOrg)})
	if r.Status != 201 {
		t.Fatalf("create listing: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	steps := map[string][]string{"draft": nil, "pending": {"submit"}, "published": {"submit", "approve"}}[state]
	for _, step := range steps {
		tok := f.tokens["enterprise"]
		if step == "approve" {
			tok = f.tokens["officer"]
		}
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/" + step, Token: tok.Access}); r.Status != 200 {
			t.Fatalf("%s listing: %d %s", step, r.Status, r.Body)
		}
	}
	return id
}

func listingURL(state, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/listings/" + f.listing(state) + suffix }
}

// ownerOnly is a listing route only the owning organisation may use:
// others do not learn the listing exists, staff are refused.
func ownerOnly(ok int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": ok, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}
}

// connection opens a connection on a published listing of the enterprise
// (the owner) in which the institute (the party) expressed interest, and
// takes it to state.
func (f *fixture) connection(state string) string {
	t := f.h.T
	listing := f.listing("published")
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/listings/" + listing + "/interests", Token: f.tokens["institute"].Access,
		Body: map[string]any{"seeks": "Chúng tôi muốn ứng dụng quy trình này cho xưởng chè."}})
	if r.Status != 201 {
		t.Fatalf("express interest: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if state == "accepted" {
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/connections/" + id + "/accept", Token: f.tokens["enterprise"].Access}); r.Status != 200 {
			t.Fatalf("accept: %d %s", r.Status, r.Body)
		}
	}
	return id
}

func connURL(state, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/connections/" + f.connection(state) + suffix }
}

// transfer is one an officer recorded between the institute (supplier) and
// the enterprise (recipient), due for registration.
func (f *fixture) transfer() string {
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: f.tokens["officer"].Access, Body: transferBody()})
	if r.Status != 201 {
		f.h.T.Fatalf("record transfer: %d %s", r.Status, r.Body)
	}
	return r.JSON(f.h.T)["id"].(string)
}

func transferBody() map[string]any {
	return map[string]any{"supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "title": "Chuyển giao quy trình sấy chè",
		"form": "licence", "methods": []string{"documents", "training"}, "contractValue": 350_000_000, "signedOn": "2026-10-01", "registrationRequired": true}
}

func transferURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/transfers/" + f.transfer() + suffix }
}

// parties is a connection or transfer route its two organisations and the
// department may use; a reviewer does not learn it exists.
func parties(owner, party, staff int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": owner, "institute": party, "reviewer": 404, "officer": staff, "admin": staff}
}

// programBody is a complete support programme.
func programBody() map[string]any {
	return map[string]any{
		"name":       "Hỗ trợ doanh nghiệp đổi mới công nghệ năm 2027",
		"summary":    "Hỗ trợ một phần kinh phí để doanh nghiệp trong tỉnh nhận chuyển giao và ứng dụng công nghệ mới.",
		"legalBasis": map[string]string{"number": "684/QĐ-UBND", "date": "2016-05-23", "title": "Kế hoạch phát triển thị trường khoa học và công nghệ"},
		"window": map[string]string{"opensOn": time.Now().AddDate(0, 0, -1).Format(time.DateOnly),
			"closesOn": time.Now().AddDate(0, 2, 0).Format(time.DateOnly)},
		"budget": 2_000_000_000, "capPerApplication": 300_000_000, "maxSharePercent": 30,
		"eligibility": map[string]any{"orgKinds": []string{"enterprise"}, "inProvince": true},
		"documents":   []map[string]any{{"name": "Thuyết minh dự án", "required": true}, {"name": "Hợp đồng chuyển giao công nghệ", "required": true}},
		"criteria":    []map[string]any{{"name": "Tính mới của công nghệ", "weight": 40}, {"name": "Hiệu quả kinh tế", "weight": 60}},
		"passMark":    60, "reviewersPerApplication": 2,
	}
}

// program creates a complete programme as the officer, published or not.
func (f *fixture) program(published bool) string {
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: f.tokens["officer"].Access, Body: programBody()})
	if r.Status != 201 {
		f.h.T.Fatalf("create programme: %d %s", r.Status, r.Body)
	}
	id := r.JSON(f.h.T)["id"].(string)
	if published {
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: f.tokens["officer"].Access}); r.Status != 200 {
			f.h.T.Fatalf("publish programme: %d %s", r.Status, r.Body)
		}
	}
	return id
}

func programURL(published bool, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/support/programs/" + f.program(published) + suffix }
}

// synonymURL is a fresh synonym rule, created by the officer.
func synonymURL(f *fixture, _ string) string {
	f.n++
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/synonyms", Token: f.tokens["officer"].Access,
		Body: map[string]any{"terms": []string{fmt.Sprintf("matrix%d", f.n), fmt.Sprintf("ma trận %d", f.n)}}})
	if r.Status != 201 {
		f.h.T.Fatalf("create synonym: %d %s", r.Status, r.Body)
	}
	return "/api/v1/synonyms/" + r.JSON(f.h.T)["id"].(string)
}

// application is a draft of the enterprise for a published programme.
func (f *fixture) application() string {
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: f.tokens["enterprise"].Access,
		Body: map[string]any{"programId": f.program(true), "title": "Đổi mới dây chuyền bảo quản quýt"}})
	if r.Status != 201 {
		f.h.T.Fatalf("create application: %d %s", r.Status, r.Body)
	}
	return r.JSON(f.h.T)["id"].(string)
}

func applicationURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/support/applications/" + f.application() + suffix }
}

// applicant is a dossier route: its organisation acts, officers read
// (and are refused acting), others do not learn it exists.
func applicant(ok, staff int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": ok, "institute": 404, "reviewer": 404, "officer": staff, "admin": staff}
}

// fairURL is a published fair's URL plus suffix (showFair).
func fairURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string {
		ev, _ := showFair(f.h.T, f.h, "published")
		return "/api/v1/events/" + ev.ID + suffix
	}
}

func fixed(u string) func(*fixture, string) string { return func(*fixture, string) string { return u } }

// openReports opens the demo plan's current year (idempotent) and returns
// the URL of Sở Nông nghiệp và Môi trường's report plus suffix.
func openReports(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string {
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/plans/" + demoPlan + "/periods", Token: f.tokens["officer"].Access, Body: map[string]any{"year": 2026}}); r.Status != 200 {
			f.h.T.Fatalf("open the year: %d %s", r.Status, r.Body)
		}
		return "/api/v1/reports/" + planreport.ID(demoPlan, 2026, agencyNNMT) + suffix
	}
}

// planBody is a small complete plan.
func planBody() map[string]any {
	return map[string]any{"number": "15/KH-UBND", "date": "2026-02-10", "issuer": "UBND tỉnh Thái Nguyên",
		"title":    "Kế hoạch phát triển thị trường khoa học và công nghệ năm 2026",
		"agencies": []map[string]any{{"code": "so_khcn", "name": "Sở Khoa học và Công nghệ"}},
		"targets": []map[string]any{{"code": "1", "indicator": "Hợp đồng chuyển giao công nghệ", "unit": "hợp đồng", "milestones": []map[string]any{{"year": 2026, "value": 10}},
			"responsible": "so_khcn", "source": "platform", "query": map[string]any{"metric": "transfers.signed"}}}}
}

func all(status int) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = status
	}
	return m
}

func only(allowed map[string]int, others int) map[string]int {
	m := map[string]int{"anon": 401}
	for _, r := range roles[1:] {
		m[r] = others
	}
	for r, s := range allowed {
		m[r] = s
	}
	return m
}

var matrix = []row{
	{method: "GET", path: "/config", url: fixed("/api/v1/config"), want: all(200)},
	{method: "GET", path: "/openapi.json", url: fixed("/api/v1/openapi.json"), want: all(200)},
	{method: "POST", path: "/auth/register", url: fixed("/api/v1/auth/register"), body: func(*fixture, string) any { return map[string]any{} }, want: all(422)},
	{method: "POST", path: "/auth/login", url: fixed("/api/v1/auth/login"), body: func(*fixture, string) any {
		return map[string]string{"email": "nobody@example.vn", "password": "wrong wrong"}
	}, want: all(401)},
	{method: "POST", path: "/auth/refresh", url: fixed("/api/v1/auth/refresh"), body: func(*fixture, string) any {
		return map[string]string{"refreshToken": "junk"}
	}, want: all(401)},
	{method: "POST", path: "/auth/logout", url: fixed("/api/v1/auth/logout"), body: func(*fixture, string) any {
		return map[string]string{"refreshToken": "junk"}
	}, want: all(204)},
	{method: "POST", path: "/auth/password-reset", url: fixed("/api/v1/auth/password-reset"), body: func(_ *fixture, role string) any {
		return map[string]string{"email": role + ".reset@example.vn"}
	}, want: all(202)},
	{method: "POST", path: "/auth/password-reset/confirm", url: fixed("/api/v1/auth/password-reset/confirm"), body: func(*fixture, string) any {
		return map[string]string{"token": "junk", "password": "Chè Shan tuyết Na Hang 2027"}
	}, want: all(422)},
	{method: "GET", path: "/me", url: fixed("/api/v1/me"), want: only(nil, 200)},
	{method: "POST", path: "/me/password", url: fixed("/api/v1/me/password"), body: func(*fixture, string) any { return map[string]any{} }, want: only(nil, 422)},
	{method: "GET", path: "/organizations", url: fixed("/api/v1/organizations"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/organizations/:id", url: fixed("/api/v1/organizations/" + enterpriseOrg),
		want: only(map[string]int{"enterprise": 200, "officer": 200, "admin": 200}, 403)},
	{method: "PATCH", path: "/organizations/:id", url: fixed("/api/v1/organizations/" + enterpriseOrg),
		body: func(*fixture, string) any { return map[string]string{"name": "Tên mới", "kind": "enterprise"} },
		want: only(map[string]int{"enterprise": 409}, 403)}, // verified_locked: past the permission check
	{method: "POST", path: "/organizations/:id/certificate", url: fixed("/api/v1/organizations/" + enterpriseOrg + "/certificate"),
		want: only(map[string]int{"enterprise": 409}, 403)}, // verified_locked: past the permission check
	{method: "DELETE", path: "/organizations/:id/certificate", url: fixed("/api/v1/organizations/" + enterpriseOrg + "/certificate"),
		want: only(map[string]int{"enterprise": 409}, 403)},
	{method: "POST", path: "/organizations/:id/verify", url: func(f *fixture, _ string) string {
		return "/api/v1/organizations/" + f.pending() + "/verify"
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/organizations/:id/reject", url: func(f *fixture, _ string) string {
		return "/api/v1/organizations/" + f.pending() + "/reject"
	}, body: func(*fixture, string) any { return map[string]string{"reason": "Hồ sơ chưa đầy đủ"} },
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/organizations/:id/invitations", url: fixed("/api/v1/organizations/" + enterpriseOrg + "/invitations"),
		body: func(_ *fixture, role string) any {
			return map[string]string{"email": role + ".invitee@example.vn", "role": "member"}
		},
		want: only(map[string]int{"enterprise": 201}, 403)},
	{method: "DELETE", path: "/organizations/:id/invitations/:invitationId", url: fixed("/api/v1/organizations/" + enterpriseOrg + "/invitations/000000000000000000000000"),
		want: only(map[string]int{"enterprise": 404}, 403)},
	{method: "DELETE", path: "/organizations/:id/members/:userId", url: func(f *fixture, _ string) string {
		return "/api/v1/organizations/" + enterpriseOrg + "/members/" + f.ids["enterprise"]
	}, want: only(map[string]int{"enterprise": 409}, 403)}, // last owner
	{method: "GET", path: "/invitations/:token", url: fixed("/api/v1/invitations/" + strings.Repeat("a", 24) + "." + strings.Repeat("b", 43)), want: all(404)},
	{method: "POST", path: "/invitations/accept", url: fixed("/api/v1/invitations/accept"),
		body: func(*fixture, string) any { return map[string]string{"token": "junk"} }, want: only(nil, 404)},
	{method: "GET", path: "/users", url: fixed("/api/v1/users"), want: only(map[string]int{"admin": 200}, 403)},
	{method: "PUT", path: "/users/:id/roles", url: func(f *fixture, _ string) string { return "/api/v1/users/" + f.ids["reviewer"] + "/roles" },
		body: func(*fixture, string) any { return map[string][]string{"roles": {"reviewer"}} }, want: only(map[string]int{"admin": 200}, 403)},
	{method: "POST", path: "/users/:id/password-reset", url: func(f *fixture, _ string) string { return "/api/v1/users/" + f.ids["enterprise"] + "/password-reset" },
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "GET", path: "/audit", url: fixed("/api/v1/audit"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/admin/backups", url: fixed("/api/v1/admin/backups"), want: only(map[string]int{"admin": 200}, 403)},
	{method: "POST", path: "/admin/backups", url: fixed("/api/v1/admin/backups"), want: only(map[string]int{"admin": 409}, 403)}, // backups_off in the harness
	{method: "POST", path: "/admin/exports", url: fixed("/api/v1/admin/exports"), want: only(map[string]int{"admin": 201}, 403)},

	{method: "GET", path: "/taxonomy", url: fixed("/api/v1/taxonomy"), want: all(200)},
	{method: "POST", path: "/listings", url: fixed("/api/v1/listings"), body: func(*fixture, string) any { return completeListing(enterpriseOrg) },
		want: only(map[string]int{"enterprise": 201}, 422)}, // not_a_member of that organisation
	{method: "GET", path: "/listings", url: fixed("/api/v1/listings?state=pending"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/listings/:id", url: listingURL("draft", ""),
		want: map[string]int{"anon": 404, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/listings/:id", url: listingURL("draft", ""),
		body: func(*fixture, string) any { return map[string]any{"keywords": []string{"chè", "sấy"}} }, want: ownerOnly(200)},
	{method: "DELETE", path: "/listings/:id", url: listingURL("draft", ""), want: ownerOnly(204)},
	{method: "POST", path: "/listings/:id/submit", url: listingURL("draft", "/submit"), want: ownerOnly(200)},
	{method: "POST", path: "/listings/:id/approve", url: listingURL("pending", "/approve"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/listings/:id/reject", url: listingURL("pending", "/reject"),
		body: func(*fixture, string) any {
			return map[string]string{"reason": "incomplete", "comment": "Thiếu thông số kỹ thuật"}
		},
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/listings/:id/archive", url: listingURL("draft", "/archive"),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "POST", path: "/listings/:id/renew", url: listingURL("published", "/renew"), want: ownerOnly(200)},
	{method: "POST", path: "/listings/:id/files", url: listingURL("draft", "/files"), body: func(*fixture, string) any { return map[string]any{} },
		want: ownerOnly(422)}, // no multipart file: past the permission check
	{method: "GET", path: "/listings/:id/files", url: listingURL("draft", "/files"),
		want: map[string]int{"anon": 404, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "DELETE", path: "/listings/:id/files/:fileId", url: listingURL("draft", "/files/000000000000000000000000"),
		want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 404, "admin": 404}},
	{method: "GET", path: "/files/:id", url: fixed("/api/v1/files/000000000000000000000000"), want: all(404)},
	{method: "GET", path: "/files/:id/thumbnail", url: fixed("/api/v1/files/000000000000000000000000/thumbnail"), want: all(404)},
	{method: "GET", path: "/search", url: fixed("/api/v1/search?q=che"), want: all(200)},
	{method: "GET", path: "/search/suggest", url: fixed("/api/v1/search/suggest?q=che"), want: all(200)},

	{method: "GET", path: "/listings/:id/matches", url: listingURL("published", "/matches"), want: all(200)},
	{method: "POST", path: "/matches", url: fixed("/api/v1/matches"), body: func(*fixture, string) any { return map[string]string{"needId": "x", "offerId": "y"} },
		want: only(map[string]int{"officer": 422, "admin": 422}, 403)},
	{method: "POST", path: "/listings/:id/interests", url: listingURL("published", "/interests"),
		body: func(*fixture, string) any {
			return map[string]string{"seeks": "Chúng tôi cần công nghệ này cho nhà máy."}
		},
		want: map[string]int{"anon": 401, "enterprise": 403, "institute": 201, "reviewer": 201, "officer": 403, "admin": 403}}, // own organisation; the department brokers
	{method: "GET", path: "/connections", url: fixed("/api/v1/connections"), want: only(nil, 200)},
	{method: "GET", path: "/connections/:id", url: connURL("requested", ""), want: parties(200, 200, 200)},
	{method: "POST", path: "/connections/:id/accept", url: connURL("requested", "/accept"), want: parties(200, 403, 403)},
	{method: "POST", path: "/connections/:id/decline", url: connURL("requested", "/decline"),
		body: func(*fixture, string) any { return map[string]string{"reason": "price"} }, want: parties(200, 403, 403)},
	{method: "POST", path: "/connections/:id/negotiate", url: connURL("accepted", "/negotiate"), want: parties(200, 200, 403)},
	{method: "POST", path: "/connections/:id/agree", url: connURL("accepted", "/agree"), want: parties(200, 200, 200)},
	{method: "POST", path: "/connections/:id/close", url: connURL("accepted", "/close"), want: parties(200, 200, 200)},
	{method: "GET", path: "/connections/:id/messages", url: connURL("requested", "/messages"), want: parties(200, 200, 200)},
	{method: "POST", path: "/connections/:id/messages", url: connURL("accepted", "/messages"),
		body: func(*fixture, string) any { return map[string]string{"body": "Xin chào, hẹn gặp tuần sau."} }, want: parties(201, 201, 201)},
	{method: "GET", path: "/notifications", url: fixed("/api/v1/notifications"), want: only(nil, 200)},
	{method: "GET", path: "/notifications/unread", url: fixed("/api/v1/notifications/unread"), want: only(nil, 200)},
	{method: "POST", path: "/notifications/read", url: fixed("/api/v1/notifications/read"), body: func(*fixture, string) any { return map[string]bool{"all": true} }, want: only(nil, 200)},
	{method: "GET", path: "/me/notification-preferences", url: fixed("/api/v1/me/notification-preferences"), want: only(nil, 200)},
	{method: "PUT", path: "/me/notification-preferences", url: fixed("/api/v1/me/notification-preferences"),
		body: func(*fixture, string) any { return map[string]any{"email": map[string]bool{"message": false}} }, want: only(nil, 200)},
	{method: "GET", path: "/pipeline", url: fixed("/api/v1/pipeline"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/synonyms", url: fixed("/api/v1/synonyms"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/synonyms", url: fixed("/api/v1/synonyms"),
		body: func(_ *fixture, role string) any {
			return map[string]any{"terms": []string{"thử " + role}, "expansions": []string{"kiểm tra"}}
		},
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "PATCH", path: "/synonyms/:id", url: synonymURL,
		body: func(*fixture, string) any { return map[string]any{"terms": []string{"vừng", "mè"}} }, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "DELETE", path: "/synonyms/:id", url: synonymURL, want: only(map[string]int{"officer": 204, "admin": 204}, 403)},
	{method: "POST", path: "/transfers", url: fixed("/api/v1/transfers"), body: func(*fixture, string) any { return transferBody() },
		want: only(map[string]int{"officer": 201, "admin": 201}, 422)}, // members must start from a connection
	{method: "GET", path: "/transfers", url: fixed("/api/v1/transfers"), want: only(nil, 200)},
	{method: "GET", path: "/transfers/:id", url: transferURL(""), want: parties(200, 200, 200)},
	{method: "PATCH", path: "/transfers/:id", url: transferURL(""), body: func(*fixture, string) any { return map[string]any{"contractValue": 400_000_000} },
		want: parties(200, 200, 200)},
	{method: "POST", path: "/transfers/:id/registration", url: transferURL("/registration"),
		body: func(*fixture, string) any {
			return map[string]string{"status": "submitted", "submittedOn": "2026-10-20"}
		}, want: parties(200, 200, 200)},
	{method: "POST", path: "/transfers/:id/implementation", url: transferURL("/implementation"),
		body: func(*fixture, string) any { return map[string]string{"status": "in_progress"} }, want: parties(200, 200, 200)},
	{method: "POST", path: "/transfers/:id/files", url: transferURL("/files"), body: func(*fixture, string) any { return map[string]any{} },
		want: parties(422, 422, 422)}, // no multipart file: past the permission check
	{method: "GET", path: "/support/programs", url: fixed("/api/v1/support/programs"), want: all(200)},
	{method: "POST", path: "/support/programs", url: fixed("/api/v1/support/programs"), body: func(*fixture, string) any { return programBody() },
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "GET", path: "/support/programs/:id", url: programURL(false, ""),
		want: map[string]int{"anon": 404, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/support/programs/:id", url: programURL(false, ""),
		body: func(*fixture, string) any { return map[string]any{"passMark": 65} }, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/support/programs/:id/publish", url: programURL(false, "/publish"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/support/programs/:id/budget", url: programURL(true, "/budget"), want: all(200)},
	{method: "GET", path: "/support/applications", url: fixed("/api/v1/support/applications"), want: only(nil, 200)},
	{method: "POST", path: "/support/applications", url: fixed("/api/v1/support/applications"),
		body: func(f *fixture, _ string) any {
			return map[string]any{"programId": f.program(true), "title": "Đổi mới dây chuyền bảo quản quýt"}
		},
		want: only(map[string]int{"enterprise": 201}, 403)}, // the programme is for enterprises
	{method: "GET", path: "/support/applications/:id", url: applicationURL(""), want: applicant(200, 200)},
	{method: "PATCH", path: "/support/applications/:id", url: applicationURL(""),
		body: func(*fixture, string) any { return map[string]any{"totalCost": 900_000_000} }, want: applicant(200, 403)},
	{method: "POST", path: "/support/applications/:id/submit", url: applicationURL("/submit"), want: applicant(422, 403)}, // incomplete: past the permission check
	{method: "POST", path: "/support/applications/:id/withdraw", url: applicationURL("/withdraw"), want: applicant(200, 403)},
	{method: "POST", path: "/support/applications/:id/files", url: applicationURL("/files"), body: func(*fixture, string) any { return map[string]any{} },
		want: applicant(422, 403)},
	// Officers' steps on a draft: past the permission check, wrong state.
	{method: "POST", path: "/support/applications/:id/check", url: applicationURL("/check"), want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/support/applications/:id/return", url: applicationURL("/return"),
		body: func(*fixture, string) any { return map[string]string{"reason": "Thiếu hợp đồng chuyển giao"} }, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "GET", path: "/support/reviewers", url: fixed("/api/v1/support/reviewers"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/support/applications/:id/assign-reviewers", url: applicationURL("/assign-reviewers"),
		body: func(*fixture, string) any { return map[string]any{"reviewerIds": []string{}} }, want: only(map[string]int{"officer": 422, "admin": 422}, 403)},
	// Only assigned reviewers score: the applicant and officers are refused,
	// anyone else does not learn the dossier exists.
	{method: "POST", path: "/support/applications/:id/scores", url: applicationURL("/scores"),
		body: func(*fixture, string) any { return map[string]any{"declaration": "no_conflict"} }, want: applicant(403, 403)},
	{method: "POST", path: "/support/applications/:id/agreement", url: applicationURL("/agreement"),
		body: func(*fixture, string) any {
			return map[string]any{"number": "01/HĐ-HTĐMCN", "signedOn": "2026-11-01"}
		}, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/support/applications/:id/acceptance-request", url: applicationURL("/acceptance-request"),
		body: func(*fixture, string) any {
			return map[string]any{"report": "Dự án đã hoàn thành, dây chuyền vận hành ổn định từ tháng 10."}
		}, want: applicant(409, 403)},
	{method: "POST", path: "/support/applications/:id/acceptance", url: applicationURL("/acceptance"),
		body: func(*fixture, string) any { return map[string]any{"outcome": "accepted", "on": "2026-11-01"} }, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "DELETE", path: "/support/applications/:id/files/:fileId", url: applicationURL("/files/000000000000000000000000"), want: applicant(404, 404)},
	// Papers exist after the decision: on a draft, its organisation and
	// officers get past the permission check to 409.
	{method: "GET", path: "/support/applications/:id/decision", url: applicationURL("/decision"), want: applicant(409, 409)},
	{method: "GET", path: "/support/applications/:id/agreement", url: applicationURL("/agreement?format=pdf"), want: applicant(409, 409)},
	{method: "GET", path: "/support/dashboard", url: fixed("/api/v1/support/dashboard"), want: all(200)},
	{method: "GET", path: "/statistics", url: fixed("/api/v1/statistics?year=2026"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/public/results", url: fixed("/api/v1/public/results"), want: all(200)},
	{method: "GET", path: "/public/results.json", url: fixed("/api/v1/public/results.json"), want: all(200)},
	{method: "GET", path: "/public/results.csv", url: fixed("/api/v1/public/results.csv"), want: all(200)},
	{method: "GET", path: "/events/:id/showcase", url: fairURL("/showcase"), want: all(200)},
	{method: "GET", path: "/events/:id/booths/:booth/qr.svg", url: fairURL("/booths/A-2/qr.svg"), want: all(200)},
	{method: "GET", path: "/events/:id/catalogue", url: fairURL("/catalogue"), want: all(200)},
	{method: "GET", path: "/events/:id/report", url: fairURL("/report"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/public/market", url: fixed("/api/v1/public/market"), want: all(200)},
	{method: "GET", path: "/public/organizations/:id", url: fixed("/api/v1/public/organizations/" + instituteOrg), want: all(200)},
	{method: "PUT", path: "/organizations/:id/description", url: fixed("/api/v1/organizations/" + enterpriseOrg + "/description"),
		body: func(*fixture, string) any { return map[string]any{"description": "Doanh nghiệp nông sản sạch."} },
		want: only(map[string]int{"enterprise": 200}, 403)},
	{method: "GET", path: "/me/next-steps", url: fixed("/api/v1/me/next-steps"), want: only(nil, 200)},
	{method: "POST", path: "/support/applications/:id/close", url: applicationURL("/close"),
		body: func(*fixture, string) any { return map[string]any{} }, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/support/applications/:id/decide", url: applicationURL("/decide"),
		body: func(*fixture, string) any { return map[string]any{"outcome": "approved", "amount": 1} }, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/support/applications/:id/disbursements", url: applicationURL("/disbursements"),
		body: func(*fixture, string) any { return map[string]any{"amount": 1000, "on": "2026-11-01"} }, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "GET", path: "/plans", url: fixed("/api/v1/plans"), want: only(map[string]int{"enterprise": 200, "institute": 200, "reviewer": 200, "officer": 200, "admin": 200}, 0)},
	{method: "POST", path: "/plans", url: fixed("/api/v1/plans"), body: func(*fixture, string) any { return planBody() }, want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "GET", path: "/plans/:id", url: fixed("/api/v1/plans/" + demoPlan), want: only(map[string]int{"enterprise": 200, "institute": 200, "reviewer": 200, "officer": 200, "admin": 200}, 0)},
	{method: "PATCH", path: "/plans/:id", url: fixed("/api/v1/plans/" + demoPlan), body: func(*fixture, string) any {
		return map[string]any{"horizon": "Đến năm 2020, tầm nhìn đến năm 2030"}
	},
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/plans/:id/periods", url: fixed("/api/v1/plans/" + demoPlan + "/periods"), body: func(*fixture, string) any { return map[string]any{"year": 2026} },
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/plans/:id/progress", url: fixed("/api/v1/plans/" + demoPlan + "/progress?year=2026"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/plans/:id/provincial-report", url: fixed("/api/v1/plans/" + demoPlan + "/provincial-report?year=2026&format=docx"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/reports", url: fixed("/api/v1/reports"), want: only(map[string]int{"enterprise": 200, "institute": 200, "reviewer": 200, "officer": 200, "admin": 200}, 0)},
	// Only members of an agency the plan names have a report to start.
	{method: "POST", path: "/reports", url: func(f *fixture, role string) string { openReports("")(f, role); return "/api/v1/reports" },
		body: func(*fixture, string) any { return map[string]any{"planId": demoPlan, "year": 2026} }, want: only(nil, 403)},
	{method: "GET", path: "/reports/:id", url: openReports(""), want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/reports/:id", url: openReports(""), body: func(*fixture, string) any { return map[string]any{"items": []any{}} },
		want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}},
	{method: "POST", path: "/reports/:id/submit", url: openReports("/submit"), want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}},
	{method: "POST", path: "/reports/:id/return", url: openReports("/return"), body: func(*fixture, string) any { return map[string]any{"reason": "Thiếu số liệu chỉ tiêu 1."} },
		want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/reports/:id/accept", url: openReports("/accept"), want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/reports/:id/files", url: openReports("/files"), want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}},
	{method: "DELETE", path: "/reports/:id/files/:fileId", url: openReports("/files/000000000000000000000000"), want: only(nil, 404)},
	{method: "DELETE", path: "/transfers/:id/files/:fileId", url: transferURL("/files/000000000000000000000000"),
		want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 404, "admin": 404}},

	{method: "GET", path: "/events", url: fixed("/api/v1/events?when=upcoming"), want: all(200)},
	{method: "POST", path: "/events", url: fixed("/api/v1/events"), body: func(*fixture, string) any { return eventBody(5) },
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "GET", path: "/events/:id", url: eventURL(false, ""), want: map[string]int{"anon": 404, "enterprise": 404, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/events/:id", url: eventURL(false, ""), body: func(*fixture, string) any {
		return map[string]any{"venue": "Hội trường Sở Khoa học và Công nghệ"}
	},
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/events/:id/publish", url: eventURL(false, "/publish"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/events/:id/cancel", url: eventURL(true, "/cancel"), body: func(*fixture, string) any {
		return map[string]any{"reason": "Hoãn do bão số 3, sẽ tổ chức lại sau."}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/events/:id/registrations", url: eventURL(true, "/registrations"), want: only(map[string]int{"enterprise": 200, "institute": 200, "reviewer": 200, "officer": 200, "admin": 200}, 0)},
	// Officers and admins belong to no organisation that may register.
	{method: "POST", path: "/events/:id/registrations", url: eventURL(true, "/registrations"), body: func(*fixture, string) any { return map[string]any{"role": "participant"} },
		want: map[string]int{"anon": 401, "enterprise": 201, "institute": 201, "reviewer": 201, "officer": 422, "admin": 422}},
	{method: "GET", path: "/events/:id/registrations/:rid", url: eventRegistrationURL(""),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "POST", path: "/events/:id/registrations/:rid/approve", url: eventRegistrationURL("/approve"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/events/:id/registrations/:rid/reject", url: eventRegistrationURL("/reject"),
		body: func(*fixture, string) any {
			return map[string]any{"reason": "Nhu cầu không thuộc chủ đề của sự kiện."}
		},
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/events/:id/registrations/:rid/withdraw", url: eventRegistrationURL("/withdraw"),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}},
	// Events: the B2B schedule (officers) and a registration's agenda (its
	// organisation's members; officers name the registration).
	{method: "GET", path: "/events/:id/schedule", url: matchmakingURL("/schedule"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/events/:id/schedule", url: matchmakingURL("/schedule"), want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "GET", path: "/events/:id/agenda", url: matchmakingURL("/agenda"),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 200, "reviewer": 404, "officer": 422, "admin": 422}},
}

// TestAuthorizationMatrix calls every API route as every role and checks
// the status; another test checks that every registered route has a row.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	// The rows are split into shards, each on a platform of its own, so
	// they run side by side (a seeded platform starts in a fraction of a
	// second); within a shard they run in order.
	const shards = 4
	size := (len(matrix) + shards - 1) / shards
	for start := 0; start < len(matrix); start += size {
		rows := matrix[start:min(start+size, len(matrix))]
		t.Run(fmt.Sprintf("rows %d-%d", start+1, start+len(rows)), func(t *testing.T) {
			t.Parallel()
			matrixShard(t, rows)
		})
	}
}

func matrixShard(t *testing.T, rows []row) {
	h := apptest.New(t)
	f := &fixture{h: h, tokens: map[string]apptest.Tokens{}, ids: map[string]string{}}
	for _, r := range roles[1:] {
		f.tokens[r] = h.Demo(r)
		f.ids[r] = h.Do(R{Method: "GET", Path: "/api/v1/me", Token: f.tokens[r].Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	for _, rw := range rows {
		for _, role := range roles {
			t.Run(rw.method+" "+rw.path+" as "+role, func(t *testing.T) {
				req := R{Method: rw.method, Path: rw.url(f, role), Token: f.tokens[role].Access}
				if rw.body != nil {
					req.Body = rw.body(f, role)
				}
				got := h.Do(req)
				if want := rw.want[role]; got.Status != want {
					t.Fatalf("status %d, want %d: %.300s", got.Status, want, got.Body)
				}
				if got.Status == 401 || got.Status == 403 {
					for k := range got.JSON(t) {
						if !problemKeys[k] {
							t.Fatalf("a refusal carries %q: %s", k, got.Body)
						}
					}
				}
			})
		}
	}
}

var problemKeys = map[string]bool{"type": true, "title": true, "status": true, "detail": true, "instance": true, "code": true, "requestId": true}

func TestMatrixCoversEveryRoute(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	have := map[string]bool{}
	for _, rw := range matrix {
		have[rw.method+" "+rw.path] = true
	}
	for _, r := range h.Server.App().GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == "HEAD" {
			continue
		}
		key := r.Method + " " + strings.TrimPrefix(r.Path, "/api/v1")
		if !have[key] {
			t.Errorf("route %s has no row in the authorization matrix", key)
		}
	}
}
