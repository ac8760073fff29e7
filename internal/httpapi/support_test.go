package httpapi_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/ledger"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
)

// TestProgramLifecycle: an officer drafts a programme, cannot publish it
// incomplete, completes and publishes it; the public then sees it and its
// budget, and the budget cannot fall below what is committed.
func TestProgramLifecycle(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent := h.Demo("officer"), h.Demo("enterprise")
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: map[string]any{"name": "Hỗ trợ đổi mới công nghệ 2027"}})
	if r.Status != 201 || r.JSON(t)["state"] != "draft" {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if slices.Contains(ids(t, h.Do(R{Method: "GET", Path: "/api/v1/support/programs"})), id) {
		t.Fatal("a draft is public")
	}

	// Incomplete: every missing part is named.
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access})
	if r.Status != 422 {
		t.Fatalf("publish incomplete: %d %s", r.Status, r.Body)
	}
	missing := map[string]bool{}
	for _, e := range r.JSON(t)["errors"].([]any) {
		missing[e.(map[string]any)["field"].(string)] = true
	}
	for _, f := range []string{"legalBasis.number", "window.opensOn", "budget", "capPerApplication", "maxSharePercent", "documents", "criteria", "passMark", "reviewersPerApplication"} {
		if !missing[f] {
			t.Errorf("publish did not name %s: %s", f, r.Body)
		}
	}

	// Bad values are refused field by field.
	bad := programBody()
	bad["window"] = map[string]string{"opensOn": "2027-03-31", "closesOn": "2027-01-01"}
	bad["budget"] = -5
	bad["maxSharePercent"] = 120
	bad["eligibility"] = map[string]any{"orgKinds": []string{"department"}}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: bad})
	if r.Status != 422 {
		t.Fatalf("bad values: %d %s", r.Status, r.Body)
	}
	codes := map[string]string{}
	for _, e := range r.JSON(t)["errors"].([]any) {
		e := e.(map[string]any)
		codes[e["field"].(string)] = e["code"].(string)
	}
	for f, c := range map[string]string{"window.closesOn": "before_opening", "budget": "out_of_range", "maxSharePercent": "out_of_range", "eligibility.orgKinds": "invalid_choice"} {
		if codes[f] != c {
			t.Errorf("%s: %q, want %q (%v)", f, codes[f], c, codes)
		}
	}

	// Weights must add up to 100 before publishing.
	body := programBody()
	body["criteria"] = []map[string]any{{"name": "Tính mới", "weight": 40}, {"name": "Hiệu quả", "weight": 40}}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: body}); r.Status != 200 {
		t.Fatalf("complete: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 422 || !strings.Contains(string(r.Body), "weights_not_100") {
		t.Fatalf("weights 80: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: programBody()}); r.Status != 200 {
		t.Fatalf("fix weights: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 200 || r.JSON(t)["state"] != "published" {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 409 {
		t.Fatalf("publish twice: %d", r.Status)
	}

	// The public sees it, with its budget.
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/programs", Token: ent.Access}); !slices.Contains(ids(t, l), id) {
		t.Fatalf("public list: %s", l.Body)
	}
	b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + id + "/budget"}).JSON(t)
	if b["total"].(float64) != 2_000_000_000 || b["committed"].(float64) != 0 || b["remaining"].(float64) != 2_000_000_000 {
		t.Fatalf("budget: %v", b)
	}
	// Once published, it stays complete.
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: map[string]any{"capPerApplication": 3_000_000_000}}); r.Status != 422 || !strings.Contains(string(r.Body), "above_budget") {
		t.Fatalf("cap above budget: %d %s", r.Status, r.Body)
	}
	audit := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access}).JSON(t)
	if audit["total"].(float64) < 3 {
		t.Fatalf("audit: %v", audit)
	}
}

// TestApplicationSubmission: an enterprise drafts a dossier and cannot
// submit it until it is complete, within the programme's cap and share,
// adds up, and carries every required document; then it is submitted,
// frozen, and can be withdrawn. Outsiders never see it.
func TestApplicationSubmission(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, ent, inst := h.Demo("officer"), h.Demo("enterprise"), h.Demo("institute")
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: programBody()})
	prog := r.JSON(t)["id"].(string)
	docs := r.JSON(t)["documents"].([]any)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + prog + "/publish", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{"programId": prog, "title": "Đổi mới dây chuyền bảo quản quýt"}})
	if r.Status != 201 {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	submit := func() apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/submit", Token: ent.Access})
	}
	fields := func(r apptest.Response) map[string]string {
		out := map[string]string{}
		if r.Status != 422 {
			t.Fatalf("want 422: %d %s", r.Status, r.Body)
		}
		for _, e := range r.JSON(t)["errors"].([]any) {
			e := e.(map[string]any)
			out[e["field"].(string)] = e["code"].(string)
		}
		return out
	}
	got := fields(submit())
	for _, f := range []string{"summary", "technology", "totalCost", "requested", "startOn", "endOn", "expectedResults"} {
		if got[f] != "required" {
			t.Errorf("%s: %q (%v)", f, got[f], got)
		}
	}
	for _, d := range docs {
		if code := d.(map[string]any)["code"].(string); got["documents."+code] != "document_missing" {
			t.Errorf("document %s not asked for: %v", code, got)
		}
	}

	patch := func(body map[string]any) {
		t.Helper()
		if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/applications/" + id, Token: ent.Access, Body: body}); r.Status != 200 {
			t.Fatalf("patch %v: %d %s", body, r.Status, r.Body)
		}
	}
	patch(map[string]any{"summary": "Nhận chuyển giao công nghệ màng bao chitosan và kho mát cho 380 tấn quýt mỗi vụ.",
		"technology": map[string]string{"description": "Màng bao chitosan kết hợp kho mát 6–8 °C."}, "startOn": "2027-02-01", "endOn": "2027-12-31",
		"expectedResults": "Giảm hao hụt từ 25% xuống dưới 8%.", "totalCost": 2_000_000_000, "requested": 400_000_000, "ownContribution": 1_600_000_000})
	got = fields(submit())
	if got["requested"] != "above_cap" { // cap 300 million
		t.Errorf("cap: %v", got)
	}
	patch(map[string]any{"requested": 300_000_000, "ownContribution": 600_000_000, "totalCost": 800_000_000})
	got = fields(submit())
	if got["requested"] != "above_share" || got["ownContribution"] != "does_not_add_up" { // 30 % of 800 million is 240
		t.Errorf("share and sum: %v", got)
	}
	patch(map[string]any{"totalCost": 1_000_000_000, "requested": 300_000_000, "ownContribution": 700_000_000})
	for _, d := range docs {
		if up := uploadTo(t, h, ent.Access, "/api/v1/support/applications/"+id+"/files", d.(map[string]any)["code"].(string)); up.Status != 201 {
			t.Fatalf("upload: %d %s", up.Status, up.Body)
		}
	}
	if r := submit(); r.Status != 200 || r.JSON(t)["state"] != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	// The officer checks it and returns it for a missing detail; the
	// applicant reads why, corrects and submits again.
	step := func(verb string, body any) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/" + verb, Token: officer.Access, Body: body})
	}
	if r := step("check", nil); r.Status != 200 || r.JSON(t)["state"] != "completeness_check" {
		t.Fatalf("check: %d %s", r.Status, r.Body)
	}
	if r := step("return", map[string]string{"reason": "Thiếu bản sao hợp đồng chuyển giao có chữ ký"}); r.Status != 200 {
		t.Fatalf("return: %d %s", r.Status, r.Body)
	}
	back := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + id, Token: ent.Access}).JSON(t)
	hist := back["history"].([]any)
	if back["state"] != "returned" || hist[len(hist)-1].(map[string]any)["note"] != "Thiếu bản sao hợp đồng chuyển giao có chữ ký" {
		t.Fatalf("returned: %v", back)
	}
	patch(map[string]any{"expectedResults": "Giảm hao hụt từ 25% xuống dưới 8%; bán được sau Tết."})
	if r := submit(); r.Status != 200 || r.JSON(t)["state"] != "submitted" {
		t.Fatalf("resubmit: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/applications/" + id, Token: ent.Access, Body: map[string]any{"requested": 1}}); r.Status != 409 {
		t.Fatalf("a submitted dossier changed: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + id, Token: inst.Access}); r.Status != 404 {
		t.Fatalf("another organisation reads it: %d", r.Status)
	}
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/applications?scope=all", Token: officer.Access}).JSON(t); l["total"].(float64) != 1 {
		t.Fatalf("officer queue: %v", l)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/withdraw", Token: ent.Access}); r.Status != 200 || r.JSON(t)["state"] != "withdrawn" {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}

	// Outside the window nothing is submitted.
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{"programId": prog, "title": "Hồ sơ thứ hai của công ty"}})
	late := r.JSON(t)["id"].(string)
	h.Clock.Set(func() time.Time { return time.Now().AddDate(0, 3, 0) })
	ent = h.Demo("enterprise") // three months on, the first token has expired
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + late + "/submit", Token: ent.Access}); r.Status != 409 || r.JSON(t)["code"] != "window_closed" {
		t.Fatalf("after the window: %d %s", r.Status, r.Body)
	}
}

// ids are the ids of a list's items.
func ids(t *testing.T, r apptest.Response) []string {
	t.Helper()
	var out []string
	for _, it := range r.JSON(t)["items"].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

// uploadTo posts a small PDF as multipart "file" with a checklist "code".
func uploadTo(t *testing.T, h *apptest.Harness, tok, path, code string) apptest.Response {
	t.Helper()
	return postFile(t, h, tok, path, code+".pdf", smallPDF, map[string]string{"code": code})
}

// appraisalQueue publishes a programme with budget for `room` approvals of
// `amount` and puts n applications straight into appraisal, scored by two
// reviewers (the steps before are tested elsewhere; here the money is).
func appraisalQueue(t testing.TB, h *apptest.Harness, room, n int, amount int64) (string, []string) {
	t.Helper()
	officer := h.Demo("officer")
	body := programBody()
	body["budget"], body["capPerApplication"] = int64(room)*amount, amount
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: body})
	prog := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + prog + "/publish", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	// Every application is the same enterprise's: let it have them all
	// approved (written as is: a benchmark's n passes the form's bound).
	pr, err := store.Modify(context.Background(), h.App.Store, support.ProgramCollection, prog, 0, func(p *support.Program) error {
		p.ApprovedPerOrg = max(n, 1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var scores []council.Score
	for _, c := range pr.Criteria {
		scores = append(scores, council.Score{Code: c.Code, Score: 8})
	}
	total := 80.0
	reviews := []council.Review{
		{ReviewerID: "r1", ReviewerName: "Chuyên gia 1", AssignedAt: now, Declaration: council.NoConflict, Scores: scores, Total: &total, SubmittedAt: &now},
		{ReviewerID: "r2", ReviewerName: "Chuyên gia 2", AssignedAt: now, Declaration: council.NoConflict, Scores: scores, Total: &total, SubmittedAt: &now},
	}
	apps := make([]support.Application, n)
	ids := make([]string, n)
	for i := range apps {
		ids[i] = store.NewID()
		apps[i] = support.Application{ID: ids[i], ProgramID: prog, OrgID: enterpriseOrg, OrgName: "Công ty TNHH Nông sản sạch Ba Bể",
			State: support.AppAppraisal, Title: fmt.Sprintf("Hồ sơ %d", i), TotalCost: 4 * amount, Requested: amount, OwnContribution: 3 * amount,
			Reviews: reviews, Review: &council.Plan{Criteria: pr.Criteria, PassMark: pr.PassMark, Required: 2},
			Documents: []support.AppDocument{}, History: []support.Step{{State: support.AppAppraisal, At: now}}, CreatedAt: now, UpdatedAt: now}
	}
	if err := store.InsertMany(context.Background(), h.App.Store, support.ApplicationCollection, apps); err != nil {
		t.Fatal(err)
	}
	return prog, ids
}

// TestApprovalsNeverExceedTheBudget: 50 officers' approvals at once
// against a programme with room for 10 → exactly 10 approved, the rest
// refused, and the ledger exact.
func TestApprovalsNeverExceedTheBudget(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	const amount = 150_000_000
	prog, ids := appraisalQueue(t, h, 10, 50, amount)
	codes := make([]int, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/decide", Token: officer.Access,
				Body: map[string]any{"outcome": "approved", "amount": amount}, Headers: map[string]string{"Idempotency-Key": "k-" + id}}).Status
		}()
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 409:
			refused++
		default:
			t.Fatalf("status %d in %v", c, codes)
		}
	}
	if ok != 10 || refused != 40 {
		t.Fatalf("%d approved, %d refused: %v", ok, refused, codes)
	}
	b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t)
	if b["committed"].(float64) != 10*amount || b["remaining"].(float64) != 0 {
		t.Fatalf("ledger: %v", b)
	}
	approved := h.Do(R{Method: "GET", Path: "/api/v1/support/applications?scope=all&state=approved&pageSize=100", Token: officer.Access}).JSON(t)
	if approved["total"].(float64) != 10 {
		t.Fatalf("approved applications: %v", approved["total"])
	}
	// The counts per state ignore the state filter: the queue's tabs.
	if c := approved["counts"].(map[string]any); c["approved"].(float64) != 10 || c["appraisal"].(float64) != 40 {
		t.Fatalf("counts: %v", c)
	}
}

// TestDecisionIdempotency: the same decision sent twice (same key) counts
// once; the key sent again with another amount is refused (422
// idempotency_key_reused), not answered with the first; another decision
// after it is refused.
func TestDecisionIdempotency(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	prog, ids := appraisalQueue(t, h, 3, 2, 200_000_000)
	decide := func(id, key string, amount int64) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/decide", Token: officer.Access,
			Body: map[string]any{"outcome": "approved", "amount": amount}, Headers: map[string]string{"Idempotency-Key": key}})
	}
	first := decide(ids[0], "once", 150_000_000)
	again := decide(ids[0], "once", 150_000_000)
	if first.Status != 200 || again.Status != 200 || first.JSON(t)["version"] != again.JSON(t)["version"] {
		t.Fatalf("repeat: %d %s / %d %s", first.Status, first.Body, again.Status, again.Body)
	}
	reused := decide(ids[0], "once", 100_000_000)
	if reused.Status != 422 || reused.JSON(t)["code"] != "idempotency_key_reused" || !strings.Contains(string(reused.Body), `"field":"Idempotency-Key"`) {
		t.Fatalf("the key with another amount: %d %s", reused.Status, reused.Body)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != 150_000_000 {
		t.Fatalf("counted twice: %v", b)
	}
	if r := decide(ids[0], "other", 100_000_000); r.Status != 409 {
		t.Fatalf("a second decision: %d %s", r.Status, r.Body)
	}
	if r := decide(ids[1], "big", 200_000_001); r.Status != 422 {
		t.Fatalf("above requested: %d %s", r.Status, r.Body)
	}
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + ids[1] + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "rejected", "reason": "Công nghệ không mới so với hiện trạng"}})
	if r.Status != 200 || r.JSON(t)["state"] != "rejected" {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
}

// TestReconcileRepairsInterruptedApprovals: a reservation written without
// its decision (a crash between the two documents) is finished when the
// application still waits, and released when it does not.
func TestReconcileRepairsInterruptedApprovals(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	prog, ids := appraisalQueue(t, h, 5, 2, 100_000_000)
	ctx := context.Background()
	past := time.Now().UTC().Add(-time.Hour)
	// Simulate the crash: reservations written, applications untouched;
	// then the second applicant withdraws.
	if _, err := store.Modify(ctx, h.App.Store, support.ProgramCollection, prog, 0, func(p *support.Program) error {
		for _, id := range ids {
			p.Reservations = append(p.Reservations, support.Reservation{ApplicationID: id, Hold: ledger.Hold{Amount: 100_000_000, Key: "k" + id}, By: "officer", At: past})
			p.Ledger.Committed += 100_000_000
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Modify(ctx, h.App.Store, support.ApplicationCollection, ids[1], 0, func(a *support.Application) error {
		a.State = support.AppWithdrawn
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	finished, released, err := h.App.Support.Reconcile(ctx)
	if err != nil || finished != 1 || released != 1 {
		t.Fatalf("reconcile: %d finished, %d released, %v", finished, released, err)
	}
	a, _ := store.Get[support.Application](ctx, h.App.Store, support.ApplicationCollection, ids[0])
	if a.State != support.AppApproved || a.Decision == nil || a.Decision.Amount != 100_000_000 {
		t.Fatalf("finished application: %+v", a)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != 100_000_000 || b["remaining"].(float64) != 400_000_000 {
		t.Fatalf("ledger after repair: %v", b)
	}
	if f, r, _ := h.App.Support.Reconcile(ctx); f != 0 || r != 0 {
		t.Fatalf("a second run changed something: %d %d", f, r)
	}
}

// TestDisbursements: tranches never pay more than approved, even sent at
// once; the same tranche sent twice counts once, and its key with another
// amount is refused (422, in the request's language); the ledger adds up.
func TestDisbursements(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	prog, ids := appraisalQueue(t, h, 2, 1, 300_000_000)
	id := ids[0]
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "approved", "amount": 250_000_000}}); r.Status != 200 {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/disbursements", Token: officer.Access,
		Body: map[string]any{"amount": 1, "on": "2026-11-20"}}); r.Status != 409 {
		t.Fatalf("paid before the agreement: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/agreement", Token: officer.Access,
		Body: map[string]any{"number": "07/2026/HĐ-HTĐMCN", "signedOn": calendar.Day(time.Now())}}); r.Status != 200 || r.JSON(t)["state"] != "agreement_signed" {
		t.Fatalf("agreement: %d %s", r.Status, r.Body)
	}
	pay := func(key string, amount int64) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/disbursements", Token: officer.Access,
			Body: map[string]any{"amount": amount, "on": "2026-11-20", "note": "Đợt cấp kinh phí"}, Headers: map[string]string{"Idempotency-Key": key}})
	}
	if r := pay("t1", 100_000_000); r.Status != 200 || r.JSON(t)["state"] != "in_progress" {
		t.Fatalf("first tranche: %d %s", r.Status, r.Body)
	}
	if r := pay("t1", 100_000_000); r.Status != 200 || len(r.JSON(t)["tranches"].([]any)) != 1 {
		t.Fatalf("the same tranche again: %d %s", r.Status, r.Body)
	}
	reused := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/disbursements", Token: officer.Access,
		Body:    map[string]any{"amount": 70_000_000, "on": "2026-11-20", "note": "Đợt cấp kinh phí"},
		Headers: map[string]string{"Idempotency-Key": "t1", "Accept-Language": "en"}})
	if reused.Status != 422 || reused.JSON(t)["code"] != "idempotency_key_reused" || !strings.Contains(reused.JSON(t)["title"].(string), "different request") {
		t.Fatalf("the tranche's key with another amount: %d %s", reused.Status, reused.Body)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["disbursed"].(float64) != 100_000_000 {
		t.Fatalf("the reused key paid: %v", b)
	}
	// Ten tranches of 50 million at once against 150 million left: three pass.
	codes := make([]int, 10)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = pay(fmt.Sprintf("c%d", i), 50_000_000).Status }()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == 200 {
			ok++
		} else if c != 409 {
			t.Fatalf("status %d in %v", c, codes)
		}
	}
	if ok != 3 {
		t.Fatalf("%d tranches of 50 million passed, want 3: %v", ok, codes)
	}
	b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t)
	if b["committed"].(float64) != 250_000_000 || b["disbursed"].(float64) != 250_000_000 || b["remaining"].(float64) != 350_000_000 {
		t.Fatalf("ledger: %v", b)
	}
	a := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + id, Token: officer.Access}).JSON(t)
	if n := len(a["tranches"].([]any)); n != 4 {
		t.Fatalf("tranches on the application: %d", n)
	}
	if r := pay("late", 1); r.Status != 409 || r.JSON(t)["code"] != "above_approved" {
		t.Fatalf("past the approved amount: %d %s", r.Status, r.Body)
	}
}

// TestReconcileSettlesClosedApplications: a file closed without its
// reservation settled (a crash between the two writes) gets the unpaid
// rest back into the budget on the next run, once.
func TestReconcileSettlesClosedApplications(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	prog, ids := appraisalQueue(t, h, 2, 1, 100_000_000)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + ids[0] + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "approved", "amount": 80_000_000}}); r.Status != 200 {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	ctx := context.Background()
	if _, err := store.Modify(ctx, h.App.Store, support.ApplicationCollection, ids[0], 0, func(a *support.Application) error {
		a.State = support.AppClosed
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(func() time.Time { return time.Now().Add(time.Hour) })
	if f, _, err := h.App.Support.Reconcile(ctx); err != nil || f != 1 {
		t.Fatalf("reconcile: %d, %v", f, err)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != 0 || b["remaining"].(float64) != 200_000_000 {
		t.Fatalf("ledger after settling: %v", b)
	}
	if f, r, _ := h.App.Support.Reconcile(ctx); f != 0 || r != 0 {
		t.Fatalf("a second run changed something: %d %d", f, r)
	}
}

// TestStartFinishesCrashedWritersAtOnce: a reservation written a moment
// ago by an instance that then crashed (no decision on the application) is
// finished by the next start at once, not a minute later: in embedded mode
// the data directory has one owner, so its writer is gone.
func TestStartFinishesCrashedWritersAtOnce(t *testing.T) {
	h := apptest.New(t)
	prog, ids := appraisalQueue(t, h, 2, 1, 100_000_000)
	ctx := context.Background()
	if _, err := store.Modify(ctx, h.App.Store, support.ProgramCollection, prog, 0, func(p *support.Program) error {
		p.Reservations = append(p.Reservations, support.Reservation{ApplicationID: ids[0], OrgID: enterpriseOrg, Hold: ledger.Hold{Amount: 100_000_000, Key: "crash"},
			Writer: "crashed-instance", By: "officer", At: time.Now().UTC()})
		p.Ledger.Committed += 100_000_000
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cfg := h.App.Config
	cfg.DataDir = t.TempDir() // the search index of the restarted platform
	next, err := app.New(ctx, cfg, h.App.Store, app.Options{Log: slog.New(slog.DiscardHandler), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = next.Search.Close() })
	a, err := store.Get[support.Application](ctx, h.App.Store, support.ApplicationCollection, ids[0])
	if err != nil || a.State != support.AppApproved || a.Decision == nil || a.Decision.Key != "crash" || a.Decision.Amount != 100_000_000 {
		t.Fatalf("after the restart: %+v %v", a.Decision, err)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != 100_000_000 {
		t.Fatalf("ledger: %v", b)
	}
}

// TestLimitsPerOrganization: a programme limits each organisation's open
// applications (checked at submission) and approvals (at the decision),
// one of each by default, as the officer sets them; under concurrency
// exactly the limit passes.
func TestLimitsPerOrganization(t *testing.T) {
	h := apptest.New(t)
	officer, ent := h.Demo("officer"), h.Demo("enterprise")
	const amount = 100_000_000
	prog, ids := appraisalQueue(t, h, 10, 10, amount)
	patch := func(body map[string]any) apptest.Response {
		return h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + prog, Token: officer.Access, Body: body})
	}
	if r := patch(map[string]any{"approvedPerOrganization": 0, "openPerOrganization": 101}); r.Status != 422 ||
		!strings.Contains(string(r.Body), `"field":"approvedPerOrganization"`) || !strings.Contains(string(r.Body), `"field":"openPerOrganization"`) {
		t.Fatalf("limits out of range: %d %s", r.Status, r.Body)
	}
	if r := patch(map[string]any{"approvedPerOrganization": 2}); r.Status != 200 || r.JSON(t)["approvedPerOrganization"] != 2.0 || r.JSON(t)["openPerOrganization"] != 1.0 {
		t.Fatalf("set the approvals: %d %s", r.Status, r.Body)
	}
	codes := make([]apptest.Response, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/decide", Token: officer.Access,
				Body: map[string]any{"outcome": "approved", "amount": amount}})
		}()
	}
	wg.Wait()
	approved, refused := 0, []string{}
	for i, r := range codes {
		switch {
		case r.Status == 200:
			approved++
		case r.Status == 409 && r.JSON(t)["code"] == "approval_limit":
			refused = append(refused, ids[i])
		default:
			t.Fatalf("decision: %d %s", r.Status, r.Body)
		}
	}
	if approved != 2 {
		t.Fatalf("%d approvals of one enterprise, want 2", approved)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != 2*amount {
		t.Fatalf("ledger: %v", b)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + refused[0] + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "rejected", "reason": "Đã đủ số hồ sơ được hỗ trợ"}}); r.Status != 200 {
		t.Fatalf("a rejection past the limit: %d %s", r.Status, r.Body)
	}
	// Another draft of the enterprise's in that programme could never be
	// approved: submitting it is refused at once.
	extra := support.Application{ID: store.NewID(), ProgramID: prog, OrgID: enterpriseOrg, OrgName: "Công ty TNHH Nông sản sạch Ba Bể", State: support.AppDraft,
		Title: "Hồ sơ thêm", Documents: []support.AppDocument{}, Tranches: []ledger.Tranche{}, History: []support.Step{}}
	if err := store.Insert(context.Background(), h.App.Store, support.ApplicationCollection, &extra); err != nil {
		t.Fatal(err)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + extra.ID + "/submit", Token: ent.Access}); r.Status != 409 || r.JSON(t)["code"] != "approval_limit" {
		t.Fatalf("a submission past the approvals: %d %s", r.Status, r.Body)
	}

	// Submissions: ten of one enterprise's complete drafts at once against
	// a programme that takes three open ones.
	body := programBody()
	body["openPerOrganization"], body["approvedPerOrganization"] = 3, 5
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: body})
	open := r.JSON(t)["id"].(string)
	var docs []support.AppDocument
	for _, d := range r.JSON(t)["documents"].([]any) {
		docs = append(docs, support.AppDocument{Code: d.(map[string]any)["code"].(string), FileID: store.NewID()})
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + open + "/publish", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	if g := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + open}).JSON(t); g["openPerOrganization"] != 3.0 || g["approvedPerOrganization"] != 5.0 {
		t.Fatalf("the limits as shown: %v", g)
	}
	now := time.Now().UTC()
	drafts := make([]support.Application, 10)
	for i := range drafts {
		drafts[i] = support.Application{ID: store.NewID(), ProgramID: open, OrgID: enterpriseOrg, OrgName: "Công ty TNHH Nông sản sạch Ba Bể", State: support.AppDraft,
			Title: fmt.Sprintf("Hồ sơ %d", i), Summary: "Đổi mới công nghệ bảo quản", Technology: support.Technology{Description: "Kho mát"},
			TotalCost: 1_000_000_000, Requested: 300_000_000, OwnContribution: 700_000_000, StartOn: "2027-02-01", EndOn: "2027-12-31",
			ExpectedResults: "Giảm hao hụt", Documents: docs, Tranches: []ledger.Tranche{}, History: []support.Step{{State: support.AppDraft, At: now}}, CreatedAt: now, UpdatedAt: now}
	}
	if err := store.InsertMany(context.Background(), h.App.Store, support.ApplicationCollection, drafts); err != nil {
		t.Fatal(err)
	}
	submit := func(id string) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/submit", Token: ent.Access})
	}
	results := make([]apptest.Response, len(drafts))
	for i, d := range drafts {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = submit(d.ID) }()
	}
	wg.Wait()
	var submitted, waiting []string
	for i, r := range results {
		switch {
		case r.Status == 200:
			submitted = append(submitted, drafts[i].ID)
		case r.Status == 409 && r.JSON(t)["code"] == "open_application_limit":
			waiting = append(waiting, drafts[i].ID)
		default:
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}
	}
	if len(submitted) != 3 {
		t.Fatalf("%d open applications of one enterprise, want 3", len(submitted))
	}
	// Withdrawing one frees its place, for one more.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + submitted[0] + "/withdraw", Token: ent.Access}); r.Status != 200 {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	if r := submit(waiting[0]); r.Status != 200 {
		t.Fatalf("after a withdrawal: %d %s", r.Status, r.Body)
	}
	if r := submit(waiting[1]); r.Status != 409 || r.JSON(t)["code"] != "open_application_limit" {
		t.Fatalf("past the limit again: %d %s", r.Status, r.Body)
	}
}
