package httpapi_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
)

// TestApplicationCanMatchesTheServer: in every state of the procedure, for
// the applicant, an officer, an assigned reviewer and a stranger, each step
// the application's `can` offers gets past the server's rules, and each it
// withholds is refused (403, 404 or 409) — because both come from one table.
func TestApplicationCanMatchesTheServer(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	toks := map[string]apptest.Tokens{"enterprise": h.Demo("enterprise"), "officer": h.Demo("officer"), "reviewer": h.Demo("reviewer"), "institute": h.Demo("institute")}
	userID := func(tok apptest.Tokens) string {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	reviewer, reviewer2 := userID(toks["reviewer"]), userID(h.Demo("reviewer2"))
	_, ids := appraisalQueue(t, h, 1, 1, 300_000_000)
	id := ids[0]
	// The demo reviewer is one of the two who scored.
	if _, err := store.Modify(ctx, h.App.Store, support.ApplicationCollection, id, 0, func(a *support.Application) error {
		a.Reviews[1].ReviewerID, a.Reviews[1].ReviewerName = reviewer, "Chuyên gia thẩm định"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	today := calendar.Day(time.Now())
	snapshot := func() support.Application {
		a, err := store.Get[support.Application](ctx, h.App.Store, support.ApplicationCollection, id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	officerDo := func(suffix string, body any) {
		t.Helper()
		if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + suffix, Token: toks["officer"].Access, Body: body}); r.Status != 200 {
			t.Fatalf("%s: %d %s", suffix, r.Status, r.Body)
		}
	}
	// The states, as snapshots of the one application walked through the
	// procedure (the early ones derived from the appraisal).
	states := map[string]support.Application{}
	appraisal := snapshot()
	for _, s := range []string{support.AppDraft, support.AppSubmitted, support.AppCompleteness, support.AppReturned} {
		a := appraisal
		a.State, a.Reviews, a.Review = s, []council.Review{}, nil
		states[s] = a
	}
	states[support.AppAppraisal] = appraisal
	officerDo("/decide", map[string]any{"outcome": "approved", "amount": 200_000_000})
	states[support.AppApproved] = snapshot()
	officerDo("/agreement", map[string]any{"number": "01/2026/HĐ-HTĐMCN", "signedOn": today})
	officerDo("/disbursements", map[string]any{"amount": 50_000_000, "on": today})
	states[support.AppInProgress] = snapshot()
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/acceptance-request", Token: toks["enterprise"].Access,
		Body: map[string]any{"report": "Dây chuyền bảo quản đã vận hành ổn định từ tháng 10."}}); r.Status != 200 {
		t.Fatalf("acceptance request: %d %s", r.Status, r.Body)
	}
	states[support.AppAcceptanceRequested] = snapshot()
	officerDo("/acceptance", map[string]any{"outcome": "accepted", "on": today})
	states[support.AppAccepted] = snapshot()
	officerDo("/close", map[string]any{})
	states[support.AppClosed] = snapshot()

	type call struct {
		step, method, suffix string
		body                 any
	}
	// Close last: it settles the programme's ledger.
	calls := []call{
		{support.StepEdit, "PATCH", "", map[string]any{"summary": "Tóm tắt mới của dự án đổi mới công nghệ."}},
		{support.StepSubmit, "POST", "/submit", nil},
		{support.StepWithdraw, "POST", "/withdraw", nil},
		{support.StepCheck, "POST", "/check", nil},
		{support.StepReturn, "POST", "/return", map[string]any{"reason": "Thiếu hợp đồng chuyển giao công nghệ."}},
		{support.StepAssignReviewers, "POST", "/assign-reviewers", map[string]any{"reviewerIds": []string{reviewer, reviewer2}}},
		{support.StepScore, "POST", "/scores", map[string]any{"declaration": "conflict"}},
		{support.StepDecide, "POST", "/decide", map[string]any{"outcome": "rejected", "reason": "Không đạt yêu cầu thẩm định."}},
		{support.StepAgreement, "POST", "/agreement", map[string]any{"number": "02/2026/HĐ-HTĐMCN", "signedOn": today}},
		{support.StepDisburse, "POST", "/disbursements", map[string]any{"amount": 1000, "on": today}},
		{support.StepRequestAcceptance, "POST", "/acceptance-request", map[string]any{"report": "Dự án đã hoàn thành, sản phẩm đạt tiêu chuẩn."}},
		{support.StepAcceptance, "POST", "/acceptance", map[string]any{"outcome": "not_accepted", "on": today, "note": "Chưa đạt chỉ tiêu."}},
		{support.StepClose, "POST", "/close", map[string]any{}},
	}
	restore := func(a support.Application) {
		t.Helper()
		if err := store.Delete(ctx, h.App.Store, support.ApplicationCollection, id); err != nil {
			t.Fatal(err)
		}
		if err := store.Insert(ctx, h.App.Store, support.ApplicationCollection, &a); err != nil {
			t.Fatal(err)
		}
	}
	offered := map[string]bool{} // every step offered to someone somewhere
	for state, snap := range states {
		for role, tok := range toks {
			restore(snap)
			can := map[string]bool{}
			if r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + id, Token: tok.Access}); r.Status == 200 {
				for k, v := range r.JSON(t)["can"].(map[string]any) {
					can[k] = v.(bool)
				}
				// Every step, and openTransfer: whether the linked transfer
				// may be opened (a read, checked by TestSupportJourney).
				if _, ok := can["openTransfer"]; !ok || len(can) != len(calls)+1 {
					t.Fatalf("%s, %s: can has %d entries: %v", state, role, len(can), can)
				}
			} else if r.Status != 404 {
				t.Fatalf("%s, %s: read %d", state, role, r.Status)
			}
			for _, c := range calls {
				restore(snap)
				r := h.Do(R{Method: c.method, Path: "/api/v1/support/applications/" + id + c.suffix, Token: tok.Access, Body: c.body})
				refused := slices.Contains([]int{403, 404, 409}, r.Status)
				if can[c.step] == refused || r.Status >= 500 {
					t.Errorf("%s, %s, %s: can=%v but the server answered %d %s", state, role, c.step, can[c.step], r.Status, r.Body)
				}
				offered[c.step] = offered[c.step] || can[c.step]
			}
		}
	}
	for _, c := range calls {
		if !offered[c.step] {
			t.Errorf("the step %s was never offered: the states miss it", c.step)
		}
	}
	// An offered step sent with a stale If-Match is refused and changes nothing.
	snap := states[support.AppSubmitted]
	restore(snap)
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/withdraw", Token: toks["enterprise"].Access,
		Headers: map[string]string{"If-Match": strconv.Quote(strconv.FormatInt(snap.Version+1, 10))}})
	if r.Status != 412 || problemCode(t, r) != "version_mismatch" {
		t.Fatalf("stale If-Match: %d %s", r.Status, r.Body)
	}
	if a := snapshot(); a.State != support.AppSubmitted || a.Version != snap.Version {
		t.Fatalf("a stale step changed the application: %s v%d", a.State, a.Version)
	}
}
