package httpapi_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
)

// supportSteps are the calls of the support journey, as helpers that fail
// the test on an unexpected status.
type supportSteps struct {
	t  *testing.T
	h  *apptest.Harness
	id string // the application
}

func (s supportSteps) do(tok, method, suffix string, body any, want int, headers ...string) map[string]any {
	s.t.Helper()
	hd := map[string]string{}
	for i := 0; i+1 < len(headers); i += 2 {
		hd[headers[i]] = headers[i+1]
	}
	r := s.h.Do(R{Method: method, Path: "/api/v1/support/applications/" + s.id + suffix, Token: tok, Body: body, Headers: hd})
	if r.Status != want {
		s.t.Fatalf("%s %s: %d %s (want %d)", method, suffix, r.Status, r.Body, want)
	}
	if len(r.Body) == 0 || r.Body[0] != '{' {
		return nil
	}
	return r.JSON(s.t)
}

// problemField is the code of a field in a problem's list.
func problemField(t *testing.T, p map[string]any, field string) string {
	t.Helper()
	list, _ := p["errors"].([]any)
	for _, e := range list {
		if m := e.(map[string]any); m["field"] == field {
			return m["code"].(string)
		}
	}
	t.Fatalf("no error for %s in %v", field, p)
	return ""
}

// inboxText is the newest notification text of a person containing want.
func inboxHas(t *testing.T, h *apptest.Harness, tok, want string) {
	t.Helper()
	h.App.Notify.Wait()
	r := h.Do(R{Method: "GET", Path: "/api/v1/notifications?pageSize=50", Token: tok, Headers: map[string]string{"Accept-Language": "vi"}})
	for _, it := range r.JSON(t)["items"].([]any) {
		if strings.Contains(it.(map[string]any)["text"].(string), want) {
			return
		}
	}
	t.Fatalf("no notification with %q: %s", want, r.Body)
}

// TestSupportJourney follows the path through the API: an officer
// opens a programme → an enterprise applies, linking its recorded transfer
// → returned for a missing document → resubmitted → two reviewers (a
// conflicted one refused) score it → the officer approves a reduced
// amount → the agreement → two tranches → acceptance → closed; the
// budget, the dashboard, the papers and the audit log show every step.
func TestSupportJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, admin, ent, inst := h.Demo("officer"), h.Demo("admin"), h.Demo("enterprise"), h.Demo("institute")
	rev1, rev2 := h.Demo("reviewer"), h.Demo("reviewer2")

	// The programme: the contract is not required by the checklist, so
	// only the officer's check finds it missing.
	body := programBody()
	body["documents"] = []map[string]any{{"code": "proposal", "name": "Thuyết minh dự án", "required": true}, {"code": "contract", "name": "Hợp đồng chuyển giao công nghệ"}}
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: body})
	prog := r.JSON(t)["id"].(string)
	pr := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + prog + "/publish", Token: officer.Access}).JSON(t)
	criteria := pr["criteria"].([]any)
	c1, c2 := criteria[0].(map[string]any)["code"].(string), criteria[1].(map[string]any)["code"].(string)

	// The enterprise's recorded transfer (demo data) to link.
	var transferID string
	for _, it := range h.Do(R{Method: "GET", Path: "/api/v1/transfers", Token: ent.Access}).JSON(t)["items"].([]any) {
		if m := it.(map[string]any); strings.Contains(m["title"].(string), "chế phẩm vi sinh") {
			transferID = m["id"].(string)
		}
	}
	if transferID == "" {
		t.Fatal("the demo transfer is missing")
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{
		"programId": prog, "title": "Ứng dụng chế phẩm vi sinh xử lý phụ phẩm thành phân bón hữu cơ",
		"technology": map[string]any{"listingId": "6c697374000000000000ffff"}}})
	if r.Status != 422 || problemField(t, r.JSON(t), "technology.listingId") != "not_found" {
		t.Fatalf("an unknown listing: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{
		"programId": prog, "title": "Ứng dụng chế phẩm vi sinh xử lý phụ phẩm thành phân bón hữu cơ",
		"technology": map[string]any{"transferId": transferID}}})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	app := r.JSON(t)
	s := supportSteps{t: t, h: h, id: app["id"].(string)}
	if tech := app["technology"].(map[string]any); !strings.Contains(tech["title"].(string), "chế phẩm vi sinh") {
		t.Fatalf("the linked transfer's title: %v", tech)
	}
	today := calendar.Day(time.Now())
	s.do(ent.Access, "PATCH", "", map[string]any{
		"summary":   "Đầu tư dây chuyền ủ phân từ phụ phẩm nông nghiệp bằng chế phẩm vi sinh nhận chuyển giao.",
		"totalCost": 1_000_000_000, "requested": 300_000_000, "ownContribution": 700_000_000,
		"startOn": today, "endOn": time.Now().AddDate(1, 0, 0).Format(time.DateOnly),
		"expectedResults": "500 tấn phân bón hữu cơ mỗi năm; giảm đốt phụ phẩm tại 3 xã."}, 200)
	if r := uploadTo(t, h, ent.Access, "/api/v1/support/applications/"+s.id+"/files", "proposal"); r.Status != 201 {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	}
	s.do(ent.Access, "POST", "/submit", nil, 200)
	inboxHas(t, h, officer.Access, "đã nộp hồ sơ")

	// Returned for the missing contract, then completed and resubmitted.
	s.do(officer.Access, "POST", "/check", nil, 200)
	s.do(officer.Access, "POST", "/return", map[string]string{"reason": "Thiếu hợp đồng chuyển giao công nghệ đã ký"}, 200)
	inboxHas(t, h, ent.Access, "Thiếu hợp đồng chuyển giao công nghệ đã ký")
	// A wrong file is taken off again (only by the applicant).
	wrong := uploadTo(t, h, ent.Access, "/api/v1/support/applications/"+s.id+"/files", "contract").JSON(t)["id"].(string)
	s.do(officer.Access, "DELETE", "/files/"+wrong, nil, 403)
	s.do(ent.Access, "DELETE", "/files/"+wrong, nil, 204)
	s.do(ent.Access, "DELETE", "/files/"+wrong, nil, 404)
	if docs := s.do(ent.Access, "GET", "", nil, 200)["documents"].([]any); len(docs) != 1 {
		t.Fatalf("documents after removing one: %v", docs)
	}
	// Each document comes with its name and its stored size, which a
	// compressed download's Content-Length would understate.
	doc := s.do(ent.Access, "GET", "", nil, 200)["documents"].([]any)[0].(map[string]any)
	if stored, err := h.App.Files.Get(t.Context(), doc["fileId"].(string)); err != nil || doc["size"] != float64(stored.Size) || stored.Size == 0 || doc["name"] != stored.Name {
		t.Fatalf("a document's name and size: %v (stored %+v, %v)", doc, stored, err)
	}
	if r := uploadTo(t, h, ent.Access, "/api/v1/support/applications/"+s.id+"/files", "contract"); r.Status != 201 {
		t.Fatalf("upload the contract: %d %s", r.Status, r.Body)
	}
	s.do(ent.Access, "POST", "/submit", nil, 200)
	s.do(officer.Access, "POST", "/check", nil, 200)

	// Reviewers: a member of the applicant is shown as conflicted and
	// refused; the programme wants exactly two.
	entUser := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: ent.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + entUser + "/roles", Token: admin.Access, Body: map[string]any{"roles": []string{"reviewer"}}}); r.Status != 200 {
		t.Fatalf("roles: %d %s", r.Status, r.Body)
	}
	people := map[string]map[string]any{}
	for _, it := range h.Do(R{Method: "GET", Path: "/api/v1/support/reviewers?applicationId=" + s.id, Token: officer.Access}).JSON(t)["items"].([]any) {
		people[it.(map[string]any)["email"].(string)] = it.(map[string]any)
	}
	if people["enterprise@demo.techmart.vn"]["conflict"] != true || people["reviewer@demo.techmart.vn"]["conflict"] != false || people["reviewer2@demo.techmart.vn"]["conflict"] != false {
		t.Fatalf("conflicts: %v", people)
	}
	r1, r2 := people["reviewer@demo.techmart.vn"]["id"].(string), people["reviewer2@demo.techmart.vn"]["id"].(string)
	p := s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{entUser, r1}}, 422)
	if problemField(t, p, "reviewerIds.0") != "conflict_of_interest" {
		t.Fatalf("conflicted reviewer: %v", p)
	}
	if problemField(t, s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{r1}}, 422), "reviewerIds") != "count" {
		t.Fatal("one reviewer of two")
	}
	if a := s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{r1, r2}}, 200); a["state"] != "appraisal" {
		t.Fatalf("assigned: %v", a["state"])
	}
	inboxHas(t, h, rev1.Access, "Bạn được phân công thẩm định")

	// A reviewer may not open the linked transfer, so the dossier carries
	// what the score sheet shows of it, and can says not to ask for it.
	seen := s.do(rev1.Access, "GET", "", nil, 200)
	tech := seen["technology"].(map[string]any)
	if tech["supplierName"] == nil || tech["supplierName"] == "" || tech["recipientName"] == nil || tech["signedOn"] == nil {
		t.Fatalf("the reviewer's dossier lacks the transfer's parties and date: %v", tech)
	}
	if seen["can"].(map[string]any)["openTransfer"] != false {
		t.Fatalf("a reviewer may not open the transfer: %v", seen["can"])
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/transfers/" + transferID, Token: rev1.Access}); r.Status != 404 {
		t.Fatalf("a reviewer reads the transfer: %d", r.Status)
	}
	for _, tok := range []string{ent.Access, officer.Access} {
		if s.do(tok, "GET", "", nil, 200)["can"].(map[string]any)["openTransfer"] != true {
			t.Fatal("the applicant and the officer open the linked transfer")
		}
	}

	// Who sees what: reviewers their own review only; the applicant none;
	// another organisation nothing; scope=assigned lists it.
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/applications?scope=assigned", Token: rev2.Access}).JSON(t); l["total"].(float64) != 1 {
		t.Fatalf("assigned list: %v", l)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications?scope=all", Token: rev2.Access}); r.Status != 403 {
		t.Fatalf("a reviewer lists all: %d", r.Status)
	}
	s.do(inst.Access, "GET", "", nil, 404)
	s.do(officer.Access, "POST", "/decide", map[string]any{"outcome": "approved", "amount": 1}, 409)

	// Scores: a declaration is required and every criterion in range.
	if problemField(t, s.do(rev1.Access, "POST", "/scores", map[string]any{"scores": []any{}}, 422), "declaration") != "required" {
		t.Fatal("no declaration")
	}
	p = s.do(rev1.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict", "scores": []map[string]any{{"code": c1, "score": 11}}}, 422)
	if problemField(t, p, "scores."+c1) != "out_of_range" || problemField(t, p, "scores."+c2) != "required" {
		t.Fatalf("bad scores: %v", p)
	}
	p = s.do(rev1.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict",
		"scores": []map[string]any{{"code": c1, "score": 8, "comment": strings.Repeat("x", 2001)}, {"code": c2, "score": 7}}}, 422)
	if problemField(t, p, "scores."+c1+".comment") != "too_long" {
		t.Fatalf("a long comment: %v", p)
	}
	s.do(ent.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict"}, 403)
	s.do(rev1.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict", "comment": "Công nghệ phù hợp",
		"scores": []map[string]any{{"code": c1, "score": 8}, {"code": c2, "score": 7, "comment": "Thị trường phân bón hữu cơ tốt"}}}, 200)
	mine := s.do(rev2.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict",
		"scores": []map[string]any{{"code": c1, "score": 6}, {"code": c2, "score": 9}}}, 200)
	if reviews := mine["reviews"].([]any); len(reviews) != 1 || reviews[0].(map[string]any)["total"].(float64) != 78 {
		t.Fatalf("a reviewer sees: %v", reviews)
	}
	if a := s.do(ent.Access, "GET", "", nil, 200); len(a["reviews"].([]any)) != 0 || a["appraisal"] != nil {
		t.Fatalf("the applicant sees reviews: %v %v", a["reviews"], a["appraisal"])
	}
	inboxHas(t, h, officer.Access, "đã đủ điểm thẩm định")
	ap := s.do(officer.Access, "GET", "", nil, 200)["appraisal"].(map[string]any)
	// 40×8+60×7 → 74.0; 40×6+60×9 → 78.0.
	if ap["complete"] != true || ap["mean"].(float64) != 76 || ap["spread"].(float64) != 4 || ap["passed"] != true {
		t.Fatalf("appraisal: %v", ap)
	}
	if cs := ap["criteria"].([]any)[0].(map[string]any); cs["mean"].(float64) != 7 || cs["spread"].(float64) != 2 {
		t.Fatalf("criterion summary: %v", cs)
	}

	// A reduced approval, sent twice with one key.
	decide := map[string]any{"outcome": "approved", "amount": 250_000_000, "reason": "Giảm chi phí thiết bị phụ trợ"}
	a := s.do(officer.Access, "POST", "/decide", decide, 200, "Idempotency-Key", "decide-1")
	again := s.do(officer.Access, "POST", "/decide", decide, 200, "Idempotency-Key", "decide-1")
	number := a["decision"].(map[string]any)["number"].(string)
	if a["state"] != "approved" || !strings.HasSuffix(number, "/QĐ-SKHCN") || again["version"] != a["version"] {
		t.Fatalf("decision: %v / %v", a["decision"], again["decision"])
	}
	inboxHas(t, h, ent.Access, "250.000.000 đồng")
	budget := func() map[string]any {
		return h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t)
	}
	if b := budget(); b["committed"].(float64) != 250_000_000 || b["remaining"].(float64) != 1_750_000_000 {
		t.Fatalf("budget after approval: %v", b)
	}

	// The printable decision, in Vietnamese (official) and English.
	html := s.h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + s.id + "/decision", Token: ent.Access})
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: " + number, "QUYẾT ĐỊNH", "Căn cứ Quyết định số 684/QĐ-UBND",
		"Điều 1.", "250.000.000 đồng (bằng chữ: Hai trăm năm mươi triệu đồng)", "Công ty TNHH Nông sản sạch Ba Bể", "GIÁM ĐỐC", "Nơi nhận:", "điểm bình quân 76.0/100"} {
		if !strings.Contains(string(html.Body), want) {
			t.Errorf("the decision lacks %q", want)
		}
	}
	if !strings.HasPrefix(html.Header.Get("Content-Type"), "text/html") {
		t.Errorf("content type %q", html.Header.Get("Content-Type"))
	}
	en := s.h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + s.id + "/decision?lang=en", Token: officer.Access})
	if !strings.Contains(string(en.Body), "SOCIALIST REPUBLIC OF VIET NAM") || !strings.Contains(string(en.Body), "250,000,000 VND") {
		t.Errorf("the English decision: %s", en.Body)
	}
	pdf := s.h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + s.id + "/decision?format=pdf", Token: ent.Access})
	if pdf.Status != 200 || pdf.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) || !bytes.Contains(bytes.ToLower(pdf.Body), []byte("liberationserif")) {
		t.Errorf("the PDF: %d %q %.20q", pdf.Status, pdf.Header.Get("Content-Type"), pdf.Body)
	}
	s.do(rev1.Access, "GET", "/decision", nil, 404)
	s.do(inst.Access, "GET", "/decision", nil, 404)
	s.do(ent.Access, "GET", "/agreement", nil, 409)
	s.do(ent.Access, "GET", "/decision?format=docx", nil, 422)

	// Agreement, two tranches, acceptance, closing.
	if problemField(t, s.do(officer.Access, "POST", "/agreement", map[string]any{"number": "15/2026/HĐ-HTĐMCN", "signedOn": "2020-01-01"}, 422), "signedOn") != "before_decision" {
		t.Fatal("an agreement before the decision")
	}
	s.do(officer.Access, "POST", "/agreement", map[string]any{"number": "15/2026/HĐ-HTĐMCN", "signedOn": today}, 200)
	s.do(ent.Access, "POST", "/acceptance-request", map[string]any{"report": "Dự án đã hoàn thành đúng tiến độ."}, 409) // not under way yet
	if a := s.do(officer.Access, "POST", "/disbursements", map[string]any{"amount": 100_000_000, "on": today, "note": "Tạm ứng đợt 1"}, 200, "Idempotency-Key", "t1"); a["state"] != "in_progress" {
		t.Fatalf("first tranche: %v", a["state"])
	}
	s.do(officer.Access, "POST", "/disbursements", map[string]any{"amount": 100_000_000, "on": today, "note": "Đợt 2"}, 200, "Idempotency-Key", "t2")
	inboxHas(t, h, ent.Access, "Đã giải ngân 100.000.000 đồng")
	s.do(ent.Access, "POST", "/acceptance-request", map[string]any{"report": "Xong."}, 422)
	s.do(ent.Access, "POST", "/acceptance-request", map[string]any{"report": "Dây chuyền ủ phân vận hành ổn định, đạt 520 tấn/năm; báo cáo kèm theo."}, 200)
	inboxHas(t, h, officer.Access, "đề nghị nghiệm thu")
	s.do(officer.Access, "POST", "/acceptance", map[string]any{"outcome": "not_accepted", "on": today}, 422) // a reason is required
	s.do(officer.Access, "POST", "/acceptance", map[string]any{"outcome": "accepted", "on": today, "note": "Đạt các chỉ tiêu"}, 200)
	if a := s.do(officer.Access, "POST", "/close", map[string]any{"note": "Hoàn thành"}, 200); a["state"] != "closed" || a["paid"].(float64) != 200_000_000 {
		t.Fatalf("closed: %v %v", a["state"], a["paid"])
	}
	// The unpaid 50 million went back to the programme.
	if b := budget(); b["committed"].(float64) != 200_000_000 || b["disbursed"].(float64) != 200_000_000 || b["remaining"].(float64) != 1_800_000_000 {
		t.Fatalf("budget after closing: %v", b)
	}
	summary := s.h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + s.id + "/agreement", Token: ent.Access})
	for _, want := range []string{"TÓM TẮT HỢP ĐỒNG HỖ TRỢ", "15/2026/HĐ-HTĐMCN", "Tạm ứng đợt 1", "200.000.000 đồng", "chế phẩm vi sinh"} {
		if !strings.Contains(string(summary.Body), want) {
			t.Errorf("the agreement summary lacks %q", want)
		}
	}

	// The dashboard counts the enterprise and the money, this year.
	d := h.Do(R{Method: "GET", Path: "/api/v1/support/dashboard"}).JSON(t)
	if d["supportedEnterprises"].(float64) != 1 || d["target"].(map[string]any)["enterprises"].(float64) != 20 {
		t.Fatalf("dashboard: %v", d)
	}
	// Decision 684's target ran from 2016 to 2020: named, not measured
	// against this year's programme.
	if tg := d["target"].(map[string]any); tg["from"].(float64) != 2016 || tg["year"].(float64) != 2020 || tg["current"] != false || tg["supported"].(float64) != 0 {
		t.Fatalf("a target whose period has ended: %v", tg)
	}
	var line map[string]any
	for _, it := range d["programs"].([]any) {
		if it.(map[string]any)["id"] == prog {
			line = it.(map[string]any)
		}
	}
	if line == nil || line["committed"].(float64) != 200_000_000 || line["disbursed"].(float64) != 200_000_000 || line["enterprises"].(float64) != 1 ||
		line["applications"].(map[string]any)["closed"].(float64) != 1 {
		t.Fatalf("programme line: %v", line)
	}
	years := d["years"].([]any)
	if y := years[len(years)-1].(map[string]any); y["year"].(float64) != float64(time.Now().Year()) || y["committed"].(float64) != 200_000_000 || y["disbursed"].(float64) != 200_000_000 {
		t.Fatalf("years: %v", years)
	}

	// The audit log has every step.
	var actions []string
	for _, e := range h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + s.id + "&pageSize=100", Token: officer.Access}).JSON(t)["items"].([]any) {
		actions = append(actions, strings.TrimPrefix(e.(map[string]any)["action"].(string), "support.application."))
	}
	for _, want := range []string{"create", "update", "submit", "check", "return", "assign_reviewers", "score", "decide", "agreement", "disburse", "acceptance_request", "acceptance", "close"} {
		if !slices.Contains(actions, want) {
			t.Errorf("the audit log lacks %s: %v", want, actions)
		}
	}
}

// TestReviewerRecusal: a reviewer who declares a conflict steps aside, the
// officer cannot decide until someone else scores, and the one who stepped
// aside cannot be assigned again.
func TestReviewerRecusal(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, rev1, rev2 := h.Demo("officer"), h.Demo("reviewer"), h.Demo("reviewer2")
	_, ids := appraisalQueue(t, h, 2, 1, 100_000_000)
	ctx := context.Background()
	// Put the two demo reviewers on it, unscored.
	var revIDs []string
	for _, tok := range []apptest.Tokens{rev1, rev2} {
		revIDs = append(revIDs, h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string))
	}
	if _, err := store.Modify(ctx, h.App.Store, support.ApplicationCollection, ids[0], 0, func(a *support.Application) error {
		a.Reviews = []council.Review{{ReviewerID: revIDs[0], ReviewerName: "A", AssignedAt: time.Now()}, {ReviewerID: revIDs[1], ReviewerName: "B", AssignedAt: time.Now()}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s := supportSteps{t: t, h: h, id: ids[0]}
	s.do(rev1.Access, "POST", "/scores", map[string]any{"declaration": "conflict", "comment": "Tôi từng tư vấn cho doanh nghiệp này"}, 200)
	inboxHas(t, h, officer.Access, "xung đột lợi ích")
	s.do(rev1.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict"}, 409) // stepped aside for good
	s.do(officer.Access, "POST", "/decide", map[string]any{"outcome": "approved", "amount": 1}, 409)
	p := s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{revIDs[0], revIDs[1]}}, 422)
	if problemField(t, p, "reviewerIds.0") != "conflict_of_interest" {
		t.Fatalf("re-assigning one who stepped aside: %v", p)
	}
}

// TestReviewerReplaced: during appraisal an officer replaces a reviewer who
// has not scored; the one replaced is told, the new one asked, and one who
// has scored cannot be taken off.
func TestReviewerReplaced(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, admin, rev1, rev2 := h.Demo("officer"), h.Demo("admin"), h.Demo("reviewer"), h.Demo("reviewer2")
	_, third := h.Register("chuyengia3@example.vn", "Viện Nghiên cứu Độc lập", "institute")
	id := func(tok apptest.Tokens) string {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	r1, r2, r3 := id(rev1), id(rev2), id(third)
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + r3 + "/roles", Token: admin.Access, Body: map[string]any{"roles": []string{"reviewer"}}}); r.Status != 200 {
		t.Fatalf("roles: %d %s", r.Status, r.Body)
	}
	_, ids := appraisalQueue(t, h, 2, 1, 100_000_000)
	if _, err := store.Modify(context.Background(), h.App.Store, support.ApplicationCollection, ids[0], 0, func(a *support.Application) error {
		a.Reviews = []council.Review{{ReviewerID: r1, ReviewerName: "A", AssignedAt: time.Now()}, {ReviewerID: r2, ReviewerName: "B", AssignedAt: time.Now()}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s := supportSteps{t: t, h: h, id: ids[0]}
	criteria := s.do(officer.Access, "GET", "", nil, 200)["reviewPlan"].(map[string]any)["criteria"].([]any)
	var marks []map[string]any
	for _, c := range criteria {
		marks = append(marks, map[string]any{"code": c.(map[string]any)["code"], "score": 6})
	}
	s.do(rev2.Access, "POST", "/scores", map[string]any{"declaration": "no_conflict", "scores": marks}, 200)
	p := s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{r1, r3}}, 422)
	if problemField(t, p, "reviewerIds") != "cannot_remove_scored" {
		t.Fatalf("taking off a reviewer who scored: %v", p)
	}
	a := s.do(officer.Access, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{r2, r3}}, 200)
	if n := len(a["reviews"].([]any)); n != 2 || a["state"] != "appraisal" {
		t.Fatalf("after replacing: %d reviews, %v", n, a["state"])
	}
	inboxHas(t, h, rev1.Access, "không còn được phân công")
	inboxHas(t, h, third.Access, "Bạn được phân công thẩm định")
	s.do(rev1.Access, "GET", "", nil, 404)
	s.do(third.Access, "GET", "", nil, 200)
}
