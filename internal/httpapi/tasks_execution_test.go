package httpapi_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/task"
)

// taskBudget is the appraised budget of the tasks the tests insert.
const taskBudget = 900_000_000

// decidedTask inserts a task in state decided, as the selection steps
// leave it: the institute performs it, the enterprise proposed it from
// one of its published needs. It returns the task's id and the need's.
func decidedTask(t testing.TB, h *apptest.Harness) (string, string) {
	t.Helper()
	ctx := context.Background()
	needs, err := store.Find[catalog.Listing](ctx, h.App.Store, catalog.Collection,
		bson.M{"orgId": enterpriseOrg, "kind": catalog.KindDemand, "state": catalog.StatePublished})
	if err != nil || len(needs) == 0 {
		t.Fatalf("the enterprise's published need: %v (%d)", err, len(needs))
	}
	now := h.Clock.Now().UTC()
	id := store.NewID()
	tk := task.Task{
		ID: id, Code: "ĐTCT.2027.01", Title: "Nghiên cứu quy trình chế biến chè Shan tuyết chất lượng cao",
		Kind: task.KindResearch, Sectors: needs[0].Sectors,
		Objectives: "Xây dựng quy trình chế biến chè Shan tuyết đạt tiêu chuẩn xuất khẩu cho các hợp tác xã trong tỉnh.",
		ProposalID: store.NewID(), NeedID: needs[0].ID, Proposer: task.Ref{ID: enterpriseOrg, Name: "Doanh nghiệp"},
		RoundID: store.NewID(), List: task.Paper{Number: "1234/QĐ-UBND", Date: "2026-06-01"},
		Order:     task.Order{Products: "Quy trình công nghệ; 1 tấn chè thành phẩm", Months: 24, MaxBudget: 1_000_000_000, Mode: task.ModeSelection},
		Performer: &task.Ref{ID: instituteOrg, Name: "Viện"}, DossierID: store.NewID(), Budget: taskBudget,
		Decision: &task.Paper{Number: "456/QĐ-SKHCN", Date: "2026-10-01"},
		State:    task.StateDecided, History: []task.Step{{State: task.StateDecided, At: now}}, CreatedAt: now, UpdatedAt: now,
	}
	if err := store.Insert(ctx, h.App.Store, task.Collection, &tk); err != nil {
		t.Fatal(err)
	}
	return id, needs[0].ID
}

func contractBody() map[string]any {
	return map[string]any{
		"number": "01/2026/HĐ-KHCN", "signedOn": "2026-11-02", "amount": taskBudget,
		"starts": "2026-11-15", "ends": "2028-11-14",
		"milestones": []map[string]any{
			{"name": "Khảo sát vùng nguyên liệu", "due": "2027-05-30", "deliverables": "Báo cáo khảo sát 5 hợp tác xã", "tranche": 300_000_000},
			{"name": "Hoàn thiện quy trình", "due": "2028-10-30", "deliverables": "Quy trình chế biến được thẩm định", "tranche": 400_000_000},
		},
	}
}

// taskIn drives a decided task to a stage through the API: contracted,
// acceptance (requested), council (assigned: reviewer and reviewer2),
// accepted (both graded pass, concluded).
func taskIn(t testing.TB, h *apptest.Harness, stage string) string {
	t.Helper()
	id, _ := decidedTask(t, h)
	if stage == "decided" {
		return id
	}
	officer := h.Demo("officer")
	base := "/api/v1/tasks/" + id
	must := func(r apptest.Response, what string) {
		t.Helper()
		if r.Status != 200 && r.Status != 201 {
			t.Fatalf("%s: %d %s", what, r.Status, r.Body)
		}
	}
	must(h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: contractBody()}), "contract")
	if stage == "contracted" {
		return id
	}
	must(h.Do(R{Method: "POST", Path: base + "/acceptance-request", Token: h.Demo("institute").Access,
		Body: map[string]any{"report": "Nhiệm vụ đã hoàn thành đủ các sản phẩm theo hợp đồng."}}), "acceptance request")
	if stage == "acceptance" {
		return id
	}
	must(h.Do(R{Method: "PUT", Path: base + "/acceptance/council", Token: officer.Access, Body: councilBody(t, h)}), "council")
	if stage == "council" {
		return id
	}
	for _, who := range []string{"reviewer", "reviewer2"} {
		must(h.Do(R{Method: "POST", Path: base + "/acceptance/grades", Token: h.Demo(who).Access,
			Body: map[string]any{"declaration": "no_conflict", "grade": "pass", "comment": "Đạt yêu cầu."}}), "grade")
	}
	must(h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access,
		Body: map[string]any{"grade": "pass", "on": "2026-12-01"}}), "conclusion")
	return id
}

// councilBody names the demo's two reviewers, a pass needing more than
// half of the grades and an excellent all of them.
func councilBody(t testing.TB, h *apptest.Harness) map[string]any {
	return map[string]any{"memberIds": []string{userID(t, h, "reviewer"), userID(t, h, "reviewer2")},
		"rule": map[string]any{"members": 2, "passShare": 51, "excellentShare": 100}}
}

func userID(t testing.TB, h *apptest.Harness, label string) string {
	return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: h.Demo(label).Access}).JSON(t)["user"].(map[string]any)["id"].(string)
}

// TestTaskContract: the officer records the contract of a decided task
// (amount ≤ budget, tranches ≤ amount, dates in order), the task runs;
// the performer reports, officers inspect and extend, every step audited.
func TestTaskContract(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, inst, ent := h.Demo("officer"), h.Demo("institute"), h.Demo("enterprise")
	id, _ := decidedTask(t, h)
	base := "/api/v1/tasks/" + id

	v := h.Do(R{Method: "GET", Path: base + "/contract", Token: officer.Access})
	if v.Status != 200 || v.JSON(t)["contract"] != nil || v.JSON(t)["can"].(map[string]any)["contract"] != true {
		t.Fatalf("before the contract: %d %s", v.Status, v.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/contract", Token: inst.Access, Body: contractBody()}); r.Status != 403 {
		t.Fatalf("the performer signs: %d %s", r.Status, r.Body)
	}
	bad := contractBody()
	bad["amount"] = taskBudget + 1
	bad["ends"] = "2026-11-01"
	bad["milestones"] = []map[string]any{{"name": "X", "due": "2030-01-01", "deliverables": "", "tranche": -1}}
	r := h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: bad})
	codes := fieldCodes(t, r)
	for f, c := range map[string]string{"amount": "above_task_budget", "ends": "not_after", "milestones.0.name": "too_short",
		"milestones.0.deliverables": "required", "milestones.0.tranche": "negative"} {
		if codes[f] != c {
			t.Errorf("%s: %q, want %q (%s)", f, codes[f], c, r.Body)
		}
	}
	over := contractBody()
	over["amount"] = 600_000_000
	if r := h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: over}); r.Status != 422 || fieldCodes(t, r)["milestones"] != "tranches_above_amount" {
		t.Fatalf("tranches above the amount: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: contractBody(), Headers: map[string]string{"If-Match": `"7"`}}); r.Status != 412 {
		t.Fatalf("stale If-Match: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: contractBody()})
	if r.Status != 201 {
		t.Fatalf("contract: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	if m["task"].(map[string]any)["state"] != "contracted" || m["remaining"].(float64) != taskBudget {
		t.Fatalf("contracted: %s", r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/contract", Token: officer.Access, Body: contractBody()}); r.Status != 409 {
		t.Fatalf("a second contract: %d %s", r.Status, r.Body)
	}

	// Reports: the performer's; the proposer reads but may not write.
	rep := map[string]any{"milestone": 0, "text": "Đã khảo sát 3 trên 5 hợp tác xã, thu 40 mẫu chè tươi."}
	if r := h.Do(R{Method: "POST", Path: base + "/reports", Token: ent.Access, Body: rep}); r.Status != 403 {
		t.Fatalf("the proposer reports: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/reports", Token: inst.Access, Body: map[string]any{"milestone": 5, "text": rep["text"]}}); r.Status != 422 || fieldCodes(t, r)["milestone"] != "out_of_range" {
		t.Fatalf("a report on no milestone: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/reports", Token: inst.Access, Body: rep})
	if r.Status != 200 || len(r.JSON(t)["contract"].(map[string]any)["reports"].([]any)) != 1 {
		t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	if got := h.Do(R{Method: "GET", Path: base + "/contract", Token: ent.Access}); got.Status != 200 || !strings.Contains(string(got.Body), "40 mẫu chè") {
		t.Fatalf("the proposer reads: %d %s", got.Status, got.Body)
	}

	// Inspections and extensions: officers only; an extension moves the
	// end date later, and the audit keeps both dates.
	insp := map[string]any{"on": "2026-11-20", "findings": "Đúng tiến độ khảo sát, hồ sơ mẫu đầy đủ.", "conclusion": "Đạt tiến độ."}
	if r := h.Do(R{Method: "POST", Path: base + "/inspections", Token: inst.Access, Body: insp}); r.Status != 403 {
		t.Fatalf("the performer inspects: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/inspections", Token: officer.Access, Body: insp}); r.Status != 200 {
		t.Fatalf("inspection: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/extensions", Token: officer.Access, Body: map[string]any{"ends": "2028-01-01", "reason": "Thời tiết bất thường làm chậm vụ chè."}}); r.Status != 422 || fieldCodes(t, r)["ends"] != "not_later" {
		t.Fatalf("an earlier end: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/extensions", Token: officer.Access, Body: map[string]any{"ends": "2029-05-14", "reason": "Thời tiết bất thường làm chậm vụ chè."}})
	if r.Status != 200 || r.JSON(t)["contract"].(map[string]any)["ends"] != "2029-05-14" {
		t.Fatalf("extension: %d %s", r.Status, r.Body)
	}
	entries, err := store.Find[audit.Entry](context.Background(), h.App.Store, audit.Collection, bson.M{"subject.id": id})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]audit.Entry{}
	for _, e := range entries {
		actions[e.Action] = e
	}
	for _, a := range []string{"task.contract", "task.report", "task.inspect", "task.extend"} {
		if _, ok := actions[a]; !ok {
			t.Errorf("no audit entry %s (%v)", a, actions)
		}
	}
	if c := actions["task.extend"].Changes["ends"]; c.From != "2028-11-14" || c.To != "2029-05-14" {
		t.Errorf("the extension's audit: %+v", c)
	}
}

// TestTaskTranches: tranches never pass the contract's amount; a key
// repeated with the same body counts once, with another body it is
// refused as support refuses it.
func TestTaskTranches(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	id := taskIn(t, h, "contracted")
	path := "/api/v1/tasks/" + id + "/tranches"
	pay := func(key string, amount int64) apptest.Response {
		return h.Do(R{Method: "POST", Path: path, Token: officer.Access, Headers: map[string]string{"Idempotency-Key": key},
			Body: map[string]any{"amount": amount, "on": "2026-11-20", "note": "Đợt 1"}})
	}
	if r := h.Do(R{Method: "POST", Path: path, Token: h.Demo("institute").Access, Body: map[string]any{"amount": 1, "on": "2026-11-20"}}); r.Status != 403 {
		t.Fatalf("the performer pays itself: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: path, Token: officer.Access, Body: map[string]any{"amount": 0, "on": "2999-01-01"}}); r.Status != 422 ||
		fieldCodes(t, r)["amount"] != "not_positive" || fieldCodes(t, r)["on"] != "in_future" {
		t.Fatalf("bad tranche: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: path, Token: officer.Access, Body: map[string]any{"amount": 1, "on": "2026-10-01"}}); r.Status != 422 || fieldCodes(t, r)["on"] != "before_contract" {
		t.Fatalf("a tranche before the contract: %d %s", r.Status, r.Body)
	}
	r := pay("t-1", 300_000_000)
	if r.Status != 200 || r.JSON(t)["remaining"].(float64) != taskBudget-300_000_000 {
		t.Fatalf("tranche: %d %s", r.Status, r.Body)
	}
	if r := pay("t-1", 300_000_000); r.Status != 200 || r.JSON(t)["paid"].(float64) != 300_000_000 {
		t.Fatalf("the same request again: %d %s", r.Status, r.Body)
	}
	if r := pay("t-1", 200_000_000); r.Status != 422 || problemCode(t, r) != "idempotency_key_reused" {
		t.Fatalf("the key with another body: %d %s", r.Status, r.Body)
	}
	if r := pay("t-2", taskBudget); r.Status != 409 || problemCode(t, r) != "above_approved" {
		t.Fatalf("past the amount: %d %s", r.Status, r.Body)
	}
	if r := pay("t-3", taskBudget-300_000_000); r.Status != 200 || r.JSON(t)["remaining"].(float64) != 0 {
		t.Fatalf("the rest: %d %s", r.Status, r.Body)
	}
}

// TestTaskTranchesConcurrent: twenty tranches sent at once, adding up to
// twice the contract's amount, pay exactly the amount.
func TestTaskTranchesConcurrent(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	id := taskIn(t, h, "contracted")
	const n = 20
	amount := int64(taskBudget / 10)
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/tranches", Token: officer.Access,
				Headers: map[string]string{"Idempotency-Key": fmt.Sprintf("race-%d", i)},
				Body:    map[string]any{"amount": amount, "on": "2026-11-20"}})
			statuses[i] = r.Status
		}()
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, s := range statuses {
		switch s {
		case 200:
			ok++
		case 409:
			refused++
		default:
			t.Errorf("status %d", s)
		}
	}
	if ok != 10 || refused != 10 {
		t.Errorf("%d paid, %d refused; want 10 and 10", ok, refused)
	}
	v := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + id + "/contract", Token: officer.Access}).JSON(t)
	if v["paid"].(float64) != taskBudget || v["remaining"].(float64) != 0 || len(v["tranches"].([]any)) != 10 {
		t.Fatalf("paid %v, remaining %v, %d tranches", v["paid"], v["remaining"], len(v["tranches"].([]any)))
	}
}

// TestTaskAcceptance: the performer asks for acceptance; officers assign
// a council (not from the performer); each member grades; the conclusion
// must follow the grades under the task's rule; then the registration and
// the results as a listing linked to the task and its need, whose owner
// is told.
func TestTaskAcceptance(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, inst, ent, rev, rev2 := h.Demo("officer"), h.Demo("institute"), h.Demo("enterprise"), h.Demo("reviewer"), h.Demo("reviewer2")
	id := taskIn(t, h, "contracted")
	base := "/api/v1/tasks/" + id

	if r := h.Do(R{Method: "POST", Path: base + "/acceptance-request", Token: ent.Access, Body: map[string]any{"report": "Nhiệm vụ đã hoàn thành đủ sản phẩm."}}); r.Status != 403 {
		t.Fatalf("the proposer asks: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/acceptance-request", Token: inst.Access, Body: map[string]any{"report": "ngắn"}}); r.Status != 422 || fieldCodes(t, r)["report"] != "too_short" {
		t.Fatalf("a short report: %d %s", r.Status, r.Body)
	}
	r := h.Do(R{Method: "POST", Path: base + "/acceptance-request", Token: inst.Access, Body: map[string]any{"report": "Nhiệm vụ đã hoàn thành đủ các sản phẩm theo hợp đồng."}})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != "acceptance" {
		t.Fatalf("acceptance request: %d %s", r.Status, r.Body)
	}

	// The council: reviewers only, none of the performer's, the rule's
	// number of them.
	instID := userID(t, h, "institute")
	body := councilBody(t, h)
	body["memberIds"] = []string{instID, userID(t, h, "reviewer")}
	if r := h.Do(R{Method: "PUT", Path: base + "/acceptance/council", Token: officer.Access, Body: body}); r.Status != 422 || fieldCodes(t, r)["memberIds.0"] != "not_a_reviewer" {
		t.Fatalf("a non-reviewer: %d %s", r.Status, r.Body)
	}
	body = councilBody(t, h)
	body["rule"] = map[string]any{"members": 3, "passShare": 0, "excellentShare": 100}
	if r := h.Do(R{Method: "PUT", Path: base + "/acceptance/council", Token: officer.Access, Body: body}); r.Status != 422 ||
		fieldCodes(t, r)["rule.passShare"] != "out_of_range" {
		t.Fatalf("a bad rule: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/contract", Token: rev.Access}); r.Status != 404 {
		t.Fatalf("a reviewer not on the council reads the contract: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PUT", Path: base + "/acceptance/council", Token: officer.Access, Body: councilBody(t, h)}); r.Status != 200 {
		t.Fatalf("council: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/contract", Token: rev.Access}); r.Status != 200 || r.JSON(t)["member"] != true || r.JSON(t)["can"].(map[string]any)["grade"] != true {
		t.Fatalf("a council member reads the contract: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access, Body: map[string]any{"grade": "pass", "on": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "acceptance_council_incomplete" {
		t.Fatalf("a conclusion before the grades: %d %s", r.Status, r.Body)
	}
	grade := func(tok apptest.Tokens, g, comment string) apptest.Response {
		return h.Do(R{Method: "POST", Path: base + "/acceptance/grades", Token: tok.Access, Body: map[string]any{"declaration": "no_conflict", "grade": g, "comment": comment}})
	}
	if r := grade(inst, "excellent", ""); r.Status != 403 || problemCode(t, r) != "not_on_council" {
		t.Fatalf("the performer grades: %d %s", r.Status, r.Body)
	}
	if r := grade(rev, "fail", ""); r.Status != 422 || fieldCodes(t, r)["comment"] != "required" {
		t.Fatalf("a fail without a reason: %d %s", r.Status, r.Body)
	}
	if r := grade(rev, "excellent", "Sản phẩm vượt yêu cầu."); r.Status != 200 || r.JSON(t)["can"].(map[string]any)["grade"] != true {
		t.Fatalf("grade: %d %s", r.Status, r.Body)
	}
	r = grade(rev2, "pass", "Đạt.")
	if r.Status != 200 || r.JSON(t)["carried"] != "pass" {
		t.Fatalf("grade 2: %d %s", r.Status, r.Body)
	}
	if v := h.Do(R{Method: "GET", Path: base + "/contract", Token: officer.Access}).JSON(t); v["can"].(map[string]any)["accept"] != true {
		t.Fatalf("a complete council offers no conclusion: %v", v["can"])
	}
	// One excellent of two: under "all excellent" the grade is a pass.
	if r := h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access, Body: map[string]any{"grade": "excellent", "on": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "grade_against_rule" {
		t.Fatalf("an excellent the grades do not carry: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access, Body: map[string]any{"grade": "pass", "on": "2026-12-01"}})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != "accepted" || r.JSON(t)["task"].(map[string]any)["grade"] != "pass" {
		t.Fatalf("conclusion: %d %s", r.Status, r.Body)
	}

	// The public results count the task, naming its performer.
	res, err := h.App.Results.Refresh(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(res.Tasks, func(p results.Project) bool { return p.ID == id }); i < 0 || res.Tasks[i].Organization != "Viện" {
		t.Fatalf("the accepted task is not in the public results: %+v", res.Tasks)
	}
	if !slices.ContainsFunc(res.Figures, func(f results.Figure) bool {
		return f.Section == results.SectionTasks && f.Count != nil && *f.Count >= 1
	}) {
		t.Fatal("no figure of accepted tasks")
	}

	// Registration, then the results on the market.
	if r := h.Do(R{Method: "POST", Path: base + "/registration", Token: officer.Access, Body: map[string]any{"number": "", "date": "2999-01-01"}}); r.Status != 422 ||
		fieldCodes(t, r)["number"] != "required" || fieldCodes(t, r)["date"] != "in_future" {
		t.Fatalf("a bad registration: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/registration", Token: officer.Access, Body: map[string]any{"number": "2026-12-KQNV-01", "date": "2026-12-03"}}); r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != "registered" {
		t.Fatalf("registration: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/publish", Token: inst.Access})
	if r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	lid, _ := r.JSON(t)["task"].(map[string]any)["listingId"].(string)
	l := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + lid, Token: inst.Access})
	lm := l.JSON(t)
	if l.Status != 200 || lm["state"] != "draft" || lm["orgId"] != instituteOrg || lm["taskId"] != id || lm["needId"] == nil || lm["kind"] != "technology" {
		t.Fatalf("the listing: %d %s", l.Status, l.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/publish", Token: inst.Access}); r.Status != 409 || problemCode(t, r) != "task_already_published" {
		t.Fatalf("publish twice: %d %s", r.Status, r.Body)
	}
	notes := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access, Headers: map[string]string{"Accept-Language": "en"}})
	if !strings.Contains(string(notes.Body), "are now on the market") {
		t.Fatalf("the need's owner was not told: %s", notes.Body)
	}
}

// TestTaskAcceptanceFails: a council whose grades are mostly fail carries
// a fail; the task fails and cannot be registered or published.
func TestTaskAcceptanceFails(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	id := taskIn(t, h, "council")
	base := "/api/v1/tasks/" + id
	for _, who := range []string{"reviewer", "reviewer2"} {
		g := map[string]any{"declaration": "no_conflict", "grade": "fail", "comment": "Thiếu sản phẩm chính."}
		if who == "reviewer2" {
			g["grade"] = "pass"
		}
		if r := h.Do(R{Method: "POST", Path: base + "/acceptance/grades", Token: h.Demo(who).Access, Body: g}); r.Status != 200 {
			t.Fatalf("grade: %d %s", r.Status, r.Body)
		}
	}
	// One pass of two is not more than half.
	if r := h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access, Body: map[string]any{"grade": "pass", "on": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "grade_against_rule" {
		t.Fatalf("a pass the grades do not carry: %d %s", r.Status, r.Body)
	}
	r := h.Do(R{Method: "POST", Path: base + "/acceptance/conclusion", Token: officer.Access, Body: map[string]any{"grade": "fail", "on": "2026-12-01"}})
	if r.Status != 200 || r.JSON(t)["task"].(map[string]any)["state"] != "failed" {
		t.Fatalf("fail: %d %s", r.Status, r.Body)
	}
	can := r.JSON(t)["can"].(map[string]any)
	if can["register"] != false || can["publish"] != false {
		t.Fatalf("a failed task offers %v", can)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/registration", Token: officer.Access, Body: map[string]any{"number": "X-1", "date": "2026-12-03"}}); r.Status != 409 {
		t.Fatalf("register a failed task: %d %s", r.Status, r.Body)
	}
}

// executionRows are the matrix rows of the execution routes: the
// institute performs the task, the enterprise proposed it, the reviewer
// sits on its council.
var executionRows = []row{
	{method: "GET", path: "/tasks/:id/contract", url: taskURL("contracted", "/contract"),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 200, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "POST", path: "/tasks/:id/contract", url: taskURL("decided", "/contract"), body: func(*fixture, string) any { return contractBody() },
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "POST", path: "/tasks/:id/tranches", url: taskURL("contracted", "/tranches"), body: func(*fixture, string) any {
		return map[string]any{"amount": 1000, "on": "2026-11-20"}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/reports", url: taskURL("contracted", "/reports"), body: func(*fixture, string) any {
		return map[string]any{"milestone": 0, "text": "Đã khảo sát 3 trên 5 hợp tác xã theo kế hoạch."}
	}, want: only(map[string]int{"institute": 200, "officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/reports/:reportId/files", url: taskURL("contracted", "/reports/000000000000000000000000/files"),
		want: map[string]int{"anon": 401, "enterprise": 403, "institute": 404, "reviewer": 403, "officer": 404, "admin": 404}},
	{method: "POST", path: "/tasks/:id/inspections", url: taskURL("contracted", "/inspections"), body: func(*fixture, string) any {
		return map[string]any{"on": "2026-11-20", "findings": "Đúng tiến độ khảo sát.", "conclusion": "Đạt tiến độ."}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/extensions", url: taskURL("contracted", "/extensions"), body: func(*fixture, string) any {
		return map[string]any{"ends": "2029-01-01", "reason": "Thời tiết bất thường làm chậm vụ chè."}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/acceptance-request", url: taskURL("contracted", "/acceptance-request"), body: func(*fixture, string) any {
		return map[string]any{"report": "Nhiệm vụ đã hoàn thành đủ các sản phẩm theo hợp đồng."}
	}, want: only(map[string]int{"institute": 200, "officer": 200, "admin": 200}, 403)},
	{method: "PUT", path: "/tasks/:id/acceptance/council", url: taskURL("acceptance", "/acceptance/council"), body: func(f *fixture, _ string) any {
		return councilBody(f.h.T, f.h)
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/acceptance/grades", url: taskURL("council", "/acceptance/grades"), body: func(*fixture, string) any {
		return map[string]any{"declaration": "no_conflict", "grade": "pass", "comment": "Đạt."}
	}, want: only(map[string]int{"reviewer": 200}, 403)},
	{method: "POST", path: "/tasks/:id/acceptance/conclusion", url: taskURL("council", "/acceptance/conclusion"), body: func(*fixture, string) any {
		return map[string]any{"grade": "pass", "on": "2026-12-01"}
	}, want: only(map[string]int{"officer": 409, "admin": 409}, 403)},
	{method: "POST", path: "/tasks/:id/registration", url: taskURL("accepted", "/registration"), body: func(*fixture, string) any {
		return map[string]any{"number": "2026-12-KQNV-01", "date": "2026-12-03"}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/:id/publish", url: taskURL("accepted", "/publish"), want: only(map[string]int{"institute": 200, "officer": 200, "admin": 200}, 403)},
}

func init() { matrix = append(matrix, executionRows...) }

// taskURL makes a task in a stage (see taskIn) for each call.
func taskURL(stage, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/tasks/" + taskIn(f.h.T, f.h, stage) + suffix }
}

// TestDemoTaskWaitsForItsContract: the demo has a decided task the
// institute performs, answering the enterprise's need, whose contract an
// officer may record; the institute reads it, a stranger to it does not act.
func TestDemoTaskWaitsForItsContract(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	path := "/api/v1/tasks/7461736b0000000000000001/contract"
	v := h.Do(R{Method: "GET", Path: path, Token: h.Demo("officer").Access})
	m := v.JSON(t)
	if v.Status != 200 || m["task"].(map[string]any)["state"] != "decided" || m["can"].(map[string]any)["contract"] != true {
		t.Fatalf("the demo task: %d %s", v.Status, v.Body)
	}
	if m["task"].(map[string]any)["needId"] != "6c6973740000000000000101" || m["task"].(map[string]any)["budget"].(float64) != 850_000_000 {
		t.Fatalf("the demo task's need and budget: %s", v.Body)
	}
	v = h.Do(R{Method: "GET", Path: path, Token: h.Demo("institute").Access})
	if v.Status != 200 || v.JSON(t)["can"].(map[string]any)["contract"] != false {
		t.Fatalf("the performer: %d %s", v.Status, v.Body)
	}
}

// TestTaskReportFiles: the performer attaches a document to its progress
// report; officers and the proposer read it, someone else (not on the
// council) and an anonymous visitor do not; the proposer may not attach.
func TestTaskReportFiles(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, ent, officer := h.Demo("institute"), h.Demo("enterprise"), h.Demo("officer")
	id := taskIn(t, h, "contracted")
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/reports", Token: inst.Access,
		Body: map[string]any{"milestone": 0, "text": "Đã khảo sát 3 trên 5 hợp tác xã, thu 40 mẫu chè tươi."}})
	if r.Status != 200 {
		t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	reports := r.JSON(t)["contract"].(map[string]any)["reports"].([]any)
	rid := reports[0].(map[string]any)["id"].(string)
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	path := "/api/v1/tasks/" + id + "/reports/" + rid + "/files"
	if r := postFile(t, h, ent.Access, path, "bien-ban.pdf", pdf, nil); r.Status != 403 {
		t.Fatalf("the proposer attaches: %d %s", r.Status, r.Body)
	}
	if r := postFile(t, h, inst.Access, "/api/v1/tasks/"+id+"/reports/000000000000000000000000/files", "bien-ban.pdf", pdf, nil); r.Status != 404 {
		t.Fatalf("no such report: %d %s", r.Status, r.Body)
	}
	up := postFile(t, h, inst.Access, path, "bien-ban-khao-sat.pdf", pdf, nil)
	if up.Status != 201 {
		t.Fatalf("upload: %d %s", up.Status, up.Body)
	}
	fid := up.JSON(t)["id"].(string)
	v := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + id + "/contract", Token: officer.Access}).JSON(t)
	files := v["contract"].(map[string]any)["reports"].([]any)[0].(map[string]any)["files"].([]any)
	if len(files) != 1 || files[0].(map[string]any)["name"] != "bien-ban-khao-sat.pdf" {
		t.Fatalf("the report's files: %v", files)
	}
	for who, want := range map[string]int{"officer": 200, "enterprise": 200, "institute": 200, "reviewer": 404, "": 404} {
		tok := ""
		if who != "" {
			tok = h.Demo(who).Access
		}
		if r := h.Do(R{Method: "GET", Path: "/api/v1/files/" + fid, Token: tok}); r.Status != want {
			t.Errorf("%q reads the file: %d, want %d", who, r.Status, want)
		}
	}
}

// TestTaskPublishOnceConcurrently: five publications sent at once make one
// listing; the others are refused.
func TestTaskPublishOnceConcurrently(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	id := taskIn(t, h, "accepted")
	var wg sync.WaitGroup
	statuses := make([]int, 5)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/publish", Token: inst.Access}).Status
		}()
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		switch s {
		case 200:
			ok++
		case 409:
		default:
			t.Errorf("status %d", s)
		}
	}
	n, err := store.Count(context.Background(), h.App.Store, catalog.Collection, bson.M{"taskId": id})
	if err != nil {
		t.Fatal(err)
	}
	if ok != 1 || n != 1 {
		t.Fatalf("%d publications went through, %d listings: %v", ok, n, statuses)
	}
}
