package httpapi_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/task"
)

// collegeOwner owns Trường Cao đẳng Bắc Kạn, a second S&T organisation
// (a university with no demo reviewer among its members; the demo
// reviewer is of Trường Đại học Nông Lâm).
const collegeOwner = "lienhe.cdbk@demo.techmart.vn"

// orderedTask inserts a task as the approved list leaves it (the
// proposals' step makes them; here they are written as they are).
func orderedTask(t testing.TB, h *apptest.Harness, mode string) string {
	t.Helper()
	now := h.Clock.Now().UTC()
	tk := task.Task{ID: store.NewID(), Code: "ĐTCT.2027.0" + strconv.Itoa(int(now.UnixNano()%9)+1),
		Title: "Nghiên cứu quy trình nhân giống và chế biến chè Shan tuyết Bằng Phúc", Kind: task.KindResearch,
		Sectors: []string{"agri_processing"}, Objectives: "Nâng cao giá trị chè Shan tuyết của tỉnh.",
		ProposalID: store.NewID(), Proposer: task.Ref{ID: enterpriseOrg, Name: "Công ty TNHH Nông sản sạch Ba Bể"}, RoundID: store.NewID(),
		List:  task.Paper{Number: "1234/QĐ-UBND", Date: "2026-11-20"},
		Order: task.Order{Products: "Quy trình nhân giống; 2 tấn chè thành phẩm", Months: 24, MaxBudget: 1_500_000_000, Mode: mode},
		State: task.StateOrdered, History: []task.Step{{State: task.StateOrdered, At: now}}, CreatedAt: now, UpdatedAt: now}
	if mode == task.ModeDirect {
		tk.Order.Assignee = &task.Ref{ID: instituteOrg, Name: "Viện Khoa học Sự sống – Đại học Thái Nguyên"}
	}
	if err := store.Insert(context.Background(), h.App.Store, task.Collection, &tk); err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

// vnDayFrom is Vietnam's day n days after the platform's today.
func vnDayFrom(h *apptest.Harness, n int) string {
	return calendar.Day(h.Clock.Now().AddDate(0, 0, n))
}

func taskCallBody(h *apptest.Harness) map[string]any {
	b := councilPlanBody()
	b["opens"], b["closes"], b["note"] = vnDayFrom(h, 0), vnDayFrom(h, 14), "Thông báo tuyển chọn đợt 1"
	return b
}

// councilPlanBody is how the selection council scores: two criteria
// (codes c1, c2), a pass mark, two members per dossier.
func councilPlanBody() map[string]any {
	return map[string]any{"criteria": []map[string]any{{"name": "Tính khả thi của phương án", "weight": 60}, {"name": "Năng lực của tổ chức và chủ nhiệm", "weight": 40}},
		"passMark": 60, "required": 2}
}

// score sends a council member's marks for a dossier.
func score(t *testing.T, h *apptest.Harness, tok, taskID, dossierID string, c1, c2 int) apptest.Response {
	t.Helper()
	return h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + taskID + "/scores", Token: tok, Body: map[string]any{"dossierId": dossierID, "declaration": "no_conflict",
		"scores": []map[string]any{{"code": "c1", "score": c1}, {"code": "c2", "score": c2}}, "comment": "Hồ sơ đầy đủ."}})
}

func dossierBody() map[string]any {
	return map[string]any{
		"lead": "TS. Nguyễn Văn An", "summary": "Hoàn thiện quy trình nhân giống chè Shan tuyết bằng giâm cành.",
		"approach": "Thí nghiệm đồng ruộng tại Bằng Phúc, phân tích chất lượng tại phòng thí nghiệm.",
		"products": "Quy trình nhân giống; 2 tấn chè thành phẩm", "months": 24,
		"budget": []map[string]any{
			{"item": "Công lao động khoa học", "unit": "ngày công", "quantity": 400, "unitPrice": 1_500_000, "source": "state"},
			{"item": "Vật tư, phân bón", "unit": "gói", "quantity": 1, "unitPrice": 300_000_000, "source": "state"},
			{"item": "Nhà xưởng đối ứng", "unit": "gói", "quantity": 1, "unitPrice": 200_000_000, "source": "other"},
		},
	}
}

// openCall opens a selection call on a new task and returns it.
func openCall(t *testing.T, h *apptest.Harness) string {
	t.Helper()
	id := orderedTask(t, h, task.ModeSelection)
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/open", Token: h.Demo("officer").Access, Body: taskCallBody(h)})
	if r.Status != 200 {
		t.Fatalf("open: %d %s", r.Status, r.Body)
	}
	return id
}

// submittedDossier creates, completes and submits a dossier of tok's
// organisation for the task and returns its id.
func submittedDossier(t *testing.T, h *apptest.Harness, tok, taskID string) string {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + taskID + "/dossiers", Token: tok, Body: dossierBody()})
	if r.Status != 201 {
		t.Fatalf("create dossier: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if r := postFile(t, h, tok, "/api/v1/tasks/dossiers/"+id+"/files", "cv.pdf", smallPDF, map[string]string{"kind": "lead_cv"}); r.Status != 201 {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/dossiers/" + id + "/submit", Token: tok}); r.Status != 200 {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	return id
}

// The selection of the issue: the officer opens the call; an institute
// and a university submit dossiers (an enterprise may not); the call
// closes; the officer chooses one, the other is not selected; the budget
// is appraised line by line within the order; the decision is recorded
// and printed.
func TestTaskSelectionJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, inst, uni, ent := h.Demo("officer"), h.Demo("institute"), h.Login(collegeOwner, apptest.DemoPassword), h.Demo("enterprise")
	id := orderedTask(t, h, task.ModeSelection)
	base := "/api/v1/tasks/" + id

	// An ordered task is the department's: others do not learn it exists.
	if r := h.Do(R{Method: "GET", Path: base + "/selection", Token: inst.Access}); r.Status != 404 {
		t.Fatalf("ordered task for the institute: %d", r.Status)
	}
	bad := councilPlanBody()
	bad["opens"], bad["closes"], bad["required"] = vnDayFrom(h, 3), vnDayFrom(h, 1), 0
	bad["criteria"] = []map[string]any{{"name": "Tính khả thi", "weight": 50}}
	r := h.Do(R{Method: "POST", Path: base + "/open", Token: officer.Access, Body: bad})
	if f := fieldCodes(t, r); r.Status != 422 || f["closes"] != "before_opening" || f["criteria"] != "weights_not_100" || f["required"] != "out_of_range" {
		t.Fatalf("closes before opens: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/open", Token: officer.Access, Body: taskCallBody(h)})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != task.StateCallOpen {
		t.Fatalf("open: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/tasks/calls"})
	if r.Status != 200 || !strings.Contains(string(r.Body), id) {
		t.Fatalf("calls: %d %s", r.Status, r.Body)
	}
	// Anyone reads the call; the institute may apply, the enterprise not.
	if v := h.Do(R{Method: "GET", Path: base + "/selection", Token: inst.Access}).JSON(t); v["canApply"] != true {
		t.Fatalf("institute may not apply: %v", v)
	}
	if v := h.Do(R{Method: "GET", Path: base + "/selection", Token: ent.Access}).JSON(t); v["canApply"] != false {
		t.Fatalf("enterprise may apply: %v", v)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/dossiers", Token: ent.Access, Body: dossierBody()}); r.Status != 403 || problemCode(t, r) != "not_an_st_organization" {
		t.Fatalf("enterprise dossier: %d %s", r.Status, r.Body)
	}

	d1 := submittedDossier(t, h, inst.Access, id)
	d2 := submittedDossier(t, h, uni.Access, id)
	if r := h.Do(R{Method: "POST", Path: base + "/dossiers", Token: inst.Access, Body: dossierBody()}); r.Status != 409 || problemCode(t, r) != "dossier_exists" {
		t.Fatalf("second dossier: %d %s", r.Status, r.Body)
	}
	// A submitted dossier is read by its organisation and officers only.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d1, Token: uni.Access}); r.Status != 404 {
		t.Fatalf("another applicant reads a dossier: %d", r.Status)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d1, Token: officer.Access})
	if v := r.JSON(t); r.Status != 200 || v["stateBudget"].(float64) != 900_000_000 || v["otherBudget"].(float64) != 200_000_000 {
		t.Fatalf("dossier sums: %d %s", r.Status, r.Body)
	}
	v := h.Do(R{Method: "GET", Path: base + "/selection", Token: officer.Access}).JSON(t)
	if n := len(v["dossiers"].([]any)); n != 2 {
		t.Fatalf("officer sees %d dossiers", n)
	}
	if can := v["can"].(map[string]any); can["closeCall"] != true || can["select"] != false {
		t.Fatalf("officer's can: %v", can)
	}

	r = h.Do(R{Method: "POST", Path: base + "/close-call", Token: officer.Access})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != task.StateSelecting {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/dossiers/" + d2 + "/withdraw", Token: uni.Access}); r.Status != 409 || problemCode(t, r) != "call_closed" {
		t.Fatalf("withdraw after the call: %d %s", r.Status, r.Body)
	}
	// The council: nobody from an applying organisation.
	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: inst.Access}).JSON(t)
	instUser := me["user"].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + instUser + "/roles", Token: h.Demo("admin").Access, Body: map[string]any{"roles": []string{"reviewer"}}}); r.Status != 200 {
		t.Fatalf("roles: %d %s", r.Status, r.Body)
	}
	rev, rev2 := h.Demo("reviewer"), h.Demo("reviewer2")
	ids := func(tok apptest.Tokens) string {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	revID, rev2ID := ids(rev), ids(rev2)
	r = h.Do(R{Method: "GET", Path: base + "/reviewers", Token: officer.Access})
	if !strings.Contains(string(r.Body), `"id":"`+instUser+`"`) || strings.Count(string(r.Body), `"conflict":true`) != 1 {
		t.Fatalf("reviewers: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{instUser, revID}}})
	if r.Status != 422 || fieldCodes(t, r)["reviewerIds.0"] != "conflict_of_interest" {
		t.Fatalf("conflicted member: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{revID}}}); r.Status != 422 || fieldCodes(t, r)["reviewerIds"] != "too_few" {
		t.Fatalf("too few: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{revID, rev2ID}}}); r.Status != 200 {
		t.Fatalf("council: %d %s", r.Status, r.Body)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: rev.Access}).Body), "hội đồng tuyển chọn") {
		t.Fatal("the member was not told")
	}
	// A member reads the dossiers before the council and scores them.
	v = h.Do(R{Method: "GET", Path: base + "/selection", Token: rev.Access}).JSON(t)
	if len(v["dossiers"].([]any)) != 2 || v["can"].(map[string]any)["score"] != true {
		t.Fatalf("member's view: %v", v)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d2, Token: rev.Access}); r.Status != 200 {
		t.Fatalf("member reads a dossier: %d", r.Status)
	}
	if r := score(t, h, rev.Access, id, d1, 11, 8); r.Status != 422 || fieldCodes(t, r)["scores.c1"] != "out_of_range" {
		t.Fatalf("score out of range: %d %s", r.Status, r.Body)
	}
	if r := score(t, h, inst.Access, id, d1, 9, 9); r.Status != 403 {
		t.Fatalf("an applicant scores: %d %s", r.Status, r.Body)
	}
	for _, s := range []struct {
		tok    apptest.Tokens
		d      string
		c1, c2 int
	}{{rev, d1, 9, 8}, {rev, d2, 6, 7}, {rev2, d1, 8, 8}} {
		if r := score(t, h, s.tok.Access, id, s.d, s.c1, s.c2); r.Status != 200 {
			t.Fatalf("score: %d %s", r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: base + "/select", Token: officer.Access, Body: map[string]any{"dossierId": d1}}); r.Status != 409 || problemCode(t, r) != "council_incomplete" {
		t.Fatalf("select before the council is done: %d %s", r.Status, r.Body)
	}
	if r := score(t, h, rev2.Access, id, d2, 5, 5); r.Status != 200 {
		t.Fatalf("score: %d %s", r.Status, r.Body)
	}
	// The member reads their own review only; officers each dossier's sums.
	mv := h.Do(R{Method: "GET", Path: base + "/selection", Token: rev.Access}).JSON(t)["council"].(map[string]any)
	if rs := mv["dossiers"].([]any)[0].(map[string]any)["reviews"].([]any); len(rs) != 1 {
		t.Fatalf("member reads %d reviews", len(rs))
	}
	ov := h.Do(R{Method: "GET", Path: base + "/selection", Token: officer.Access}).JSON(t)
	ap := ov["council"].(map[string]any)["dossiers"].([]any)[0].(map[string]any)["appraisal"].(map[string]any)
	if ap["complete"] != true || ap["mean"].(float64) != 83 || ov["can"].(map[string]any)["select"] != true {
		t.Fatalf("officer's summary: %v", ap)
	}
	selectDossier(t, h, id, d1)
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d2, Token: uni.Access}).JSON(t)["state"]; st != task.DossierNotSelected {
		t.Fatalf("the other dossier: %v", st)
	}
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d1, Token: inst.Access}).JSON(t)["state"]; st != task.DossierSelected {
		t.Fatalf("the chosen dossier: %v", st)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: uni.Access}).Body), "không được chọn") {
		t.Fatal("the other applicant was not told")
	}

	// Had the choice stopped before the dossiers moved, the next step
	// finishes it: here the other dossier is put back as it was.
	if _, err := store.Modify(context.Background(), h.App.Store, task.DossierCollection, d2, 0, func(d *task.Dossier) error {
		d.State = task.DossierSubmitted
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The appraisal: a line above its request, then a fair one.
	r = h.Do(R{Method: "POST", Path: base + "/appraise", Token: officer.Access, Body: map[string]any{"lines": []map[string]any{
		{"approved": 700_000_000}, {"approved": 250_000_000}, {"approved": 200_000_000}}}})
	if r.Status != 422 || fieldCodes(t, r)["lines.0.approved"] != "above_requested" {
		t.Fatalf("above the request: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/appraise", Token: officer.Access, Body: map[string]any{"lines": []map[string]any{{"approved": 1}}}})
	if r.Status != 422 || fieldCodes(t, r)["lines"] != "count_lines" {
		t.Fatalf("too few lines: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/appraise", Token: officer.Access, Body: map[string]any{"lines": []map[string]any{
		{"approved": 550_000_000, "note": "Giảm 30 ngày công"}, {"approved": 250_000_000}, {"approved": 200_000_000}}, "note": "Tổ thẩm định thống nhất."}})
	if r.Status != 200 {
		t.Fatalf("appraise: %d %s", r.Status, r.Body)
	}
	v = r.JSON(t)
	if tk := v["task"].(map[string]any); tk["state"] != task.StateAppraised || tk["budget"].(float64) != 800_000_000 {
		t.Fatalf("appraised: %v", tk)
	}
	if ap := v["appraisal"].(map[string]any); ap["state"].(float64) != 800_000_000 || ap["other"].(float64) != 200_000_000 {
		t.Fatalf("appraisal: %v", ap)
	}
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/dossiers/" + d2, Token: uni.Access}).JSON(t)["state"]; st != task.DossierNotSelected {
		t.Fatalf("the other dossier after the appraisal: %v", st)
	}
	if ap := h.Do(R{Method: "GET", Path: base + "/selection", Token: uni.Access}).JSON(t)["appraisal"]; ap != nil {
		t.Fatalf("another applicant reads the appraisal: %v", ap)
	}

	if r := h.Do(R{Method: "POST", Path: base + "/decide", Token: officer.Access, Body: map[string]any{"number": "", "date": vnDayFrom(h, 2)}}); r.Status != 422 ||
		fieldCodes(t, r)["number"] != "required" || fieldCodes(t, r)["date"] != "in_future" {
		t.Fatalf("bad decision: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/papers/decision"}); r.Status != 409 {
		t.Fatalf("paper before the decision: %d", r.Status)
	}
	r = h.Do(R{Method: "POST", Path: base + "/decide", Token: officer.Access, Body: map[string]any{"number": "125/QĐ-SKHCN", "date": vnDayFrom(h, 0)}})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != task.StateDecided {
		t.Fatalf("decide: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: base + "/papers/decision?format=html"})
	html := string(r.Body)
	for _, want := range []string{"125/QĐ-SKHCN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Viện Khoa học Sự sống", "TS. Nguyễn Văn An", "24 tháng", "800.000.000", "bằng chữ: Tám trăm triệu đồng"} {
		if !strings.Contains(html, want) {
			t.Fatalf("decision paper lacks %q: %d %s", want, r.Status, html)
		}
	}
	if r := h.Do(R{Method: "GET", Path: base + "/papers/decision?format=pdf&lang=en"}); r.Status != 200 || !strings.HasPrefix(string(r.Body), "%PDF") {
		t.Fatalf("pdf: %d", r.Status)
	}
	// Every step is in the audit log.
	audit := string(h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access}).Body)
	for _, a := range []string{"task.open", "task.close_call", "task.assign_council", "task.score", "task.select", "task.appraise", "task.decide"} {
		if !strings.Contains(audit, `"`+a+`"`) {
			t.Fatalf("audit lacks %s: %s", a, audit)
		}
	}
}

// selectDossier chooses dossier d of task id (officer).
func selectDossier(t *testing.T, h *apptest.Harness, id, d string) {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/select", Token: h.Demo("officer").Access, Body: map[string]any{"dossierId": d}})
	if r.Status != 200 {
		t.Fatalf("select: %d %s", r.Status, r.Body)
	}
	if tk := r.JSON(t)["task"].(map[string]any); tk["state"] != task.StateSelected || tk["dossierId"] != d {
		t.Fatalf("selected: %v", tk)
	}
}

// A dossier is submitted complete, within the order and the window; a
// stale version is refused.
func TestTaskDossierRules(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	id := openCall(t, h)
	body := dossierBody()
	body["budget"] = []map[string]any{{"item": "Thiết bị", "unit": "bộ", "quantity": 2, "unitPrice": 800_000_000, "source": "state"},
		{"item": "", "unit": "bộ", "quantity": 0, "unitPrice": -1, "source": "gift"}}
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/dossiers", Token: inst.Access, Body: body})
	if f := fieldCodes(t, r); r.Status != 422 || f["budget.1.item"] != "required" || f["budget.1.quantity"] != "out_of_range" ||
		f["budget.1.unitPrice"] != "out_of_range" || f["budget.1.source"] != "invalid_choice" {
		t.Fatalf("bad lines: %d %s", r.Status, r.Body)
	}
	body["budget"] = body["budget"].([]map[string]any)[:1]
	body["months"] = 30
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/dossiers", Token: inst.Access, Body: body})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	d := r.JSON(t)
	did, version := d["id"].(string), r.Header.Get("ETag")
	if can := d["can"].(map[string]any); can["submit"] != true || can["edit"] != true {
		t.Fatalf("can: %v", can)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/dossiers/" + did + "/submit", Token: inst.Access})
	if f := fieldCodes(t, r); r.Status != 422 || f["budget"] != "above_max_budget" || f["months"] != "above_order" || f["files.lead_cv"] != "document_missing" {
		t.Fatalf("submit past the order: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/dossiers/" + did, Token: inst.Access, Body: map[string]any{"months": 20}, Headers: map[string]string{"If-Match": version}})
	if r.Status != 200 {
		t.Fatalf("patch: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/dossiers/" + did, Token: inst.Access, Body: map[string]any{"months": 21}, Headers: map[string]string{"If-Match": version}}); r.Status != 412 {
		t.Fatalf("stale patch: %d %s", r.Status, r.Body)
	}
	// After the window closes, nothing is submitted.
	h.Clock.Set(func() time.Time { return time.Now().AddDate(0, 0, 20) })
	inst = h.Demo("institute")
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/dossiers/" + did + "/submit", Token: inst.Access}); r.Status != 409 || problemCode(t, r) != "call_closed" {
		t.Fatalf("submit after the window: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/close-call", Token: h.Demo("officer").Access}); r.Status != 409 || problemCode(t, r) != "no_dossiers" {
		t.Fatalf("close without dossiers: %d %s", r.Status, r.Body)
	}
}

// A direct assignment makes the order's organisation the performer; only
// it may file the dossier.
func TestTaskDirectAssignment(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, inst := h.Demo("officer"), h.Demo("institute")
	uni := h.Login(collegeOwner, apptest.DemoPassword)
	id := orderedTask(t, h, task.ModeDirect)
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/open", Token: officer.Access, Body: map[string]any{}})
	if f := fieldCodes(t, r); r.Status != 422 || f["criteria"] != "required" {
		t.Fatalf("open without a plan: %d %s", r.Status, r.Body)
	}
	plan := councilPlanBody()
	plan["required"] = 1
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/open", Token: officer.Access, Body: plan})
	if r.Status != 200 {
		t.Fatalf("open: %d %s", r.Status, r.Body)
	}
	if tk := r.JSON(t)["task"].(map[string]any); tk["state"] != task.StateAssigned || tk["performer"].(map[string]any)["id"] != instituteOrg {
		t.Fatalf("assigned: %v", tk)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/dossiers", Token: uni.Access, Body: dossierBody()}); r.Status != 403 || problemCode(t, r) != "not_the_assignee" {
		t.Fatalf("another organisation: %d %s", r.Status, r.Body)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: inst.Access}).Body), "giao trực tiếp") {
		t.Fatal("the assignee was not told")
	}
	d := submittedDossier(t, h, inst.Access, id)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/close-call", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	rev := h.Demo("reviewer")
	revID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: rev.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{revID}}}); r.Status != 200 {
		t.Fatalf("council: %d %s", r.Status, r.Body)
	}
	if r := score(t, h, rev.Access, id, d, 7, 7); r.Status != 200 {
		t.Fatalf("score: %d %s", r.Status, r.Body)
	}
	selectDossier(t, h, id, d)
}

// Members scoring at the same time all count: each score is one
// conditional write of the task, none lost to another.
func TestTaskCouncilScoresConcurrently(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, inst, col := h.Demo("officer"), h.Demo("institute"), h.Login(collegeOwner, apptest.DemoPassword)
	rev, rev2 := h.Demo("reviewer"), h.Demo("reviewer2")
	id := openCall(t, h)
	d1, d2 := submittedDossier(t, h, inst.Access, id), submittedDossier(t, h, col.Access, id)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/close-call", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	ids := make([]string, 0, 2)
	for _, tok := range []apptest.Tokens{rev, rev2} {
		ids = append(ids, h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string))
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": ids}}); r.Status != 200 {
		t.Fatalf("council: %d %s", r.Status, r.Body)
	}
	var wg sync.WaitGroup
	status := make(chan int, 4)
	for _, tok := range []apptest.Tokens{rev, rev2} {
		for _, d := range []string{d1, d2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status <- score(t, h, tok.Access, id, d, 7, 8).Status
			}()
		}
	}
	wg.Wait()
	close(status)
	for s := range status {
		if s != 200 {
			t.Fatalf("a score was refused: %d", s)
		}
	}
	v := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + id + "/selection", Token: officer.Access}).JSON(t)
	for _, d := range v["council"].(map[string]any)["dossiers"].([]any) {
		if ap := d.(map[string]any)["appraisal"].(map[string]any); ap["count"].(float64) != 2 || ap["complete"] != true {
			t.Fatalf("scores lost: %v", ap)
		}
	}
	if v["can"].(map[string]any)["select"] != true {
		t.Fatal("the council is complete but select is not offered")
	}
}

// TestTaskPublicPage: a task's page has its own head once the task is
// public (its call open: named in the description with its closing day);
// on the approved list before its call, or unknown, it is 404; robots.txt
// lets the page be crawled and keeps the working pages out.
func TestTaskPublicPage(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ordered := orderedTask(t, h, task.ModeSelection)
	for _, path := range []string{"/tasks/" + ordered, "/tasks/000000000000000000000000", "/en/tasks/" + ordered} {
		if hd := fetchHead(t, h, path); hd.status != 404 {
			t.Errorf("%s: %d, want 404", path, hd.status)
		}
	}
	id := openCall(t, h)
	hd := fetchHead(t, h, "/tasks/"+id)
	if hd.status != 200 || !strings.Contains(hd.title, "chè Shan tuyết Bằng Phúc") || hd.canonical != "http://techmart.test/tasks/"+id ||
		!strings.Contains(hd.meta["description"], "nhận hồ sơ đến") || hd.meta["robots"] != "" {
		t.Fatalf("the call's page: %d %q %q %v", hd.status, hd.title, hd.canonical, hd.meta)
	}
	if en := fetchHead(t, h, "/en/tasks/"+id); en.status != 200 || !strings.Contains(en.title, "Commissioned S&T task") || !strings.Contains(en.meta["description"], "dossiers until") {
		t.Errorf("the English page: %d %q %v", en.status, en.title, en.meta)
	}
	robots := string(h.Do(R{Method: "GET", Path: "/robots.txt"}).Body)
	for _, rule := range []string{"Disallow: /tasks/*/selection", "Disallow: /tasks/board", "Disallow: /en/tasks/*/contract"} {
		if !strings.Contains(robots, rule) {
			t.Errorf("robots.txt has no %q", rule)
		}
	}
	if strings.Contains(robots, "Disallow: /tasks/\n") {
		t.Error("robots.txt keeps every task page out")
	}
}
