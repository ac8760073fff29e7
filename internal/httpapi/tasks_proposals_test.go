package httpapi_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/task"
)

// Ids from seeds/demo.json of the commissioning's demo.
const (
	communeOrg = "64656d6f00000000000000b1" // UBND xã Bằng Thành, owned by commune@demo
	tangerine  = "6c6973740000000000000101" // a published need of the enterprise
)

// roundBody is a round with three criteria adding up to 100.
func roundBody() map[string]any {
	return map[string]any{"name": "Xác định nhiệm vụ KH&CN cấp tỉnh năm 2027", "year": 2027, "required": 1, "passMark": 50,
		"criteria": []map[string]any{
			{"key": "need", "name": "Tính cấp thiết", "nameEn": "Urgency", "weight": 40},
			{"key": "feasibility", "name": "Tính khả thi", "nameEn": "Feasibility", "weight": 30},
			{"key": "impact", "name": "Hiệu quả kinh tế – xã hội", "nameEn": "Socio-economic impact", "weight": 30},
		}}
}

// proposalFromNeed has the commune propose a task from the enterprise's
// need, complete it and send it; it returns the proposal's id.
func proposalFromNeed(t *testing.T, h *apptest.Harness, commune string) string {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: commune, Body: map[string]any{"fromNeed": tangerine}})
	if r.Status != 201 {
		t.Fatalf("propose from the need: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + id, Token: commune, Body: map[string]any{
		"kind": "pilot", "urgency": "high", "content": "Thử nghiệm bảo quản quýt bằng màng sáp sinh học trên 5 tấn quả.",
		"products": "Quy trình bảo quản quýt 2–3 tháng; mô hình kho 10 tấn.", "application": "Các hộ trồng quýt xã Bằng Thành.",
		"months": 24, "budget": map[string]any{"state": 1_500_000_000, "other": 300_000_000, "otherSources": "Doanh nghiệp đối ứng"}}})
	if r.Status != 200 {
		t.Fatalf("complete the proposal: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals/" + id + "/submit", Token: commune}); r.Status != 200 {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	return id
}

// The first stages of a commissioned task: a commune proposes a task from
// an enterprise's published need (the link kept, the need's owner told),
// an officer groups it into a round and records the approved list, the
// task appears on the board as ordered with `can`, the proposer is told,
// and the rest of the round is not approved.
func TestProposalToOrderedTask(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	commune, officer, ent := h.Demo("commune").Access, h.Demo("officer").Access, h.Demo("enterprise").Access

	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: commune, Body: map[string]any{"fromNeed": tangerine}})
	if r.Status != 201 {
		t.Fatalf("propose from the need: %d %s", r.Status, r.Body)
	}
	p := r.JSON(t)
	if p["needId"] != tangerine || p["needOwner"].(map[string]any)["id"] != enterpriseOrg || p["proposer"].(map[string]any)["id"] != communeOrg ||
		!strings.Contains(p["title"].(string), "quýt") || p["objectives"] == "" || len(p["sectors"].([]any)) == 0 || p["state"] != "draft" {
		t.Fatalf("the proposal did not start from the need: %s", r.Body)
	}
	id := p["id"].(string)
	// Incomplete: the submission names what is missing.
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals/" + id + "/submit", Token: commune})
	if f := fieldCodes(t, r); r.Status != 422 || f["products"] != "required" || f["months"] != "required" {
		t.Fatalf("incomplete submission: %d %s", r.Status, r.Body)
	}
	second := proposalFromNeed(t, h, commune)
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + id, Token: commune, Headers: map[string]string{"If-Match": `"1"`}, Body: map[string]any{"months": 18}})
	if r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	// A stale version is refused.
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + id, Token: commune, Headers: map[string]string{"If-Match": `"1"`}, Body: map[string]any{"months": 20}}); r.Status != 412 {
		t.Fatalf("stale edit: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + id, Token: commune, Body: map[string]any{
		"content": "Thử nghiệm bảo quản quýt bằng màng sáp sinh học.", "products": "Quy trình bảo quản quýt.", "application": "Xã Bằng Thành.",
		"budget": map[string]any{"state": 900_000_000, "other": 0}}})
	if r.Status != 200 || !r.JSON(t)["can"].(map[string]any)["submit"].(bool) {
		t.Fatalf("complete: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals/" + id + "/submit", Token: commune}); r.Status != 200 || r.JSON(t)["state"] != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	// Another organisation does not learn the proposal exists; a submitted
	// one is no longer edited.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/" + id, Token: h.Demo("institute").Access}); r.Status != 404 {
		t.Fatalf("another organisation reads it: %d", r.Status)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + id, Token: commune, Body: map[string]any{"months": 12}}); r.Status != 409 {
		t.Fatalf("edit after submission: %d %s", r.Status, r.Body)
	}
	// The need's owner was told.
	if notes := string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent}).Body); !strings.Contains(notes, "UBND xã Bằng Thành đã đề xuất đặt hàng nhiệm vụ") {
		t.Errorf("the need's owner was not told: %.500s", notes)
	}

	// A round: criteria must add up to 100.
	bad := roundBody()
	bad["criteria"].([]map[string]any)[0]["weight"] = 10
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds", Token: officer, Body: bad}); r.Status != 422 || fieldCodes(t, r)["criteria"] != "weights_not_100" {
		t.Fatalf("weights: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds", Token: officer, Body: roundBody()})
	if r.Status != 201 {
		t.Fatalf("create round: %d %s", r.Status, r.Body)
	}
	round := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "1/QĐ-UBND", "date": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "round_empty" {
		t.Fatalf("a list of an empty round: %d %s", r.Status, r.Body)
	}
	draft := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: commune, Body: map[string]any{"title": "Một đề xuất còn đang viết dở"}}).JSON(t)["id"].(string)
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals", Token: officer, Body: map[string]any{"proposalIds": []string{id, draft}}})
	if r.Status != 422 || fieldCodes(t, r)["proposalIds.1"] != "not_submitted" {
		t.Fatalf("a draft added: %d %s", r.Status, r.Body)
	}
	// The refused request left the first proposal as it was.
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/" + id, Token: commune}).JSON(t)["state"]; st != "submitted" {
		t.Fatalf("after a refused addition the proposal is %v", st)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals", Token: officer, Body: map[string]any{"proposalIds": []string{id, second}}})
	if r.Status != 200 || len(r.JSON(t)["proposals"].([]any)) != 2 || r.JSON(t)["can"].(map[string]any)["decide"].(bool) {
		t.Fatalf("add proposals: %d %s", r.Status, r.Body)
	}
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/" + id, Token: commune}).JSON(t)["state"]; st != "in_round" {
		t.Fatalf("in a round the proposal is %v", st)
	}

	// The list waits for the advisory council: assigned, then every
	// proposal scored.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "1/QĐ-UBND", "date": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "council_not_assigned" {
		t.Fatalf("a list without a council: %d %s", r.Status, r.Body)
	}
	rev, rev2 := h.Demo("reviewer").Access, h.Demo("reviewer2").Access
	userID := func(tok string) string {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/council", Token: officer, Body: map[string]any{"reviewerIds": []string{userID(ent)}}}); r.Status != 422 || fieldCodes(t, r)["reviewerIds.0"] != "not_a_reviewer" {
		t.Fatalf("a council of a non-reviewer: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/council", Token: officer, Body: map[string]any{"reviewerIds": []string{userID(rev), userID(rev2)}}})
	if r.Status != 200 || len(r.JSON(t)["entries"].([]any)[0].(map[string]any)["reviews"].([]any)) != 2 {
		t.Fatalf("assign the council: %d %s", r.Status, r.Body)
	}
	if notes := string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: rev}).Body); !strings.Contains(notes, "hội đồng tư vấn xác định nhiệm vụ") {
		t.Errorf("the council member was not told: %.400s", notes)
	}
	score := func(tok, pid string, marks ...int) apptest.Response {
		scores := []map[string]any{}
		for i, k := range []string{"need", "feasibility", "impact"} {
			if i < len(marks) {
				scores = append(scores, map[string]any{"code": k, "score": marks[i]})
			}
		}
		return h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals/" + pid + "/score", Token: tok, Body: map[string]any{"declaration": "no_conflict", "scores": scores}})
	}
	if r := score(rev, id, 9, 8); r.Status != 422 || fieldCodes(t, r)["scores.impact"] != "required" {
		t.Fatalf("a mark missing: %d %s", r.Status, r.Body)
	}
	if r := score(h.Demo("institute").Access, id, 9, 8, 7); r.Status != 404 {
		t.Fatalf("a stranger scores: %d %s", r.Status, r.Body)
	}
	for _, x := range []struct {
		tok, pid string
		marks    []int
	}{{rev, id, []int{9, 8, 8}}, {rev, second, []int{5, 4, 6}}, {rev2, id, []int{7, 8, 9}}} {
		if r := score(x.tok, x.pid, x.marks...); r.Status != 200 {
			t.Fatalf("score: %d %s", r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "1/QĐ-UBND", "date": "2026-12-01"}}); r.Status != 409 || problemCode(t, r) != "council_incomplete" {
		t.Fatalf("a list before the council is done: %d %s", r.Status, r.Body)
	}
	// The second member steps aside from the second proposal: the first's
	// marks complete it.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals/" + second + "/score", Token: rev2, Body: map[string]any{"declaration": "conflict", "comment": "Tôi tư vấn cho doanh nghiệp có nhu cầu."}}); r.Status != 200 {
		t.Fatalf("step aside: %d %s", r.Status, r.Body)
	}
	// A member reads their own reviews only; officers read the summary,
	// ranked.
	mine := h.Do(R{Method: "GET", Path: "/api/v1/tasks/rounds/" + round, Token: rev2}).JSON(t)
	if rs := mine["entries"].([]any)[0].(map[string]any)["reviews"].([]any); len(rs) != 1 || mine["entries"].([]any)[0].(map[string]any)["appraisal"] != nil || !mine["can"].(map[string]any)["score"].(bool) {
		t.Errorf("a member's view: %v", mine["entries"])
	}
	ov := h.Do(R{Method: "GET", Path: "/api/v1/tasks/rounds/" + round, Token: officer}).JSON(t)
	e0 := ov["entries"].([]any)[0].(map[string]any)
	if ap := e0["appraisal"].(map[string]any); ap["complete"] != true || ap["mean"] != 81.5 || e0["rank"] != float64(1) || ov["entries"].([]any)[1].(map[string]any)["rank"] != float64(2) {
		t.Errorf("the officers' summary: %v", ov["entries"])
	}

	// The approved list: checked field by field.
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "", "date": "1/12/2026",
		"orders": []map[string]any{{"proposalId": draft, "products": "x", "months": 0, "maxBudget": 0, "mode": "direct"}}}})
	f := fieldCodes(t, r)
	if r.Status != 422 || f["number"] != "required" || f["date"] != "invalid_date" || f["orders.0.proposalId"] != "not_in_round" ||
		f["orders.0.months"] != "out_of_range" || f["orders.0.assigneeId"] != "required" {
		t.Fatalf("a bad list: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "2150/QĐ-UBND", "date": "2026-12-05",
		"orders": []map[string]any{{"proposalId": id, "products": "Quy trình bảo quản quýt tươi 2–3 tháng; mô hình trình diễn.", "months": 24,
			"maxBudget": 1_200_000_000, "mode": "selection"}}}})
	if r.Status != 200 {
		t.Fatalf("record the list: %d %s", r.Status, r.Body)
	}
	rd := r.JSON(t)
	e := rd["entries"].([]any)[0].(map[string]any)
	if rd["state"] != "decided" || e["approved"] != true || e["code"] != "NV.2027.01" || e["taskId"] == "" || rd["entries"].([]any)[1].(map[string]any)["approved"] != false {
		t.Fatalf("the decided round: %s", r.Body)
	}
	taskID := e["taskId"].(string)
	if st := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/" + second, Token: commune}).JSON(t)["state"]; st != "not_approved" {
		t.Errorf("the other proposal is %v", st)
	}
	got := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/" + id, Token: commune}).JSON(t)
	if got["state"] != "approved" || got["taskId"] != taskID {
		t.Errorf("the approved proposal: %v", got)
	}

	// The task: ordered, linked to the proposal, the need and the round.
	r = h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + taskID, Token: officer})
	tk := r.JSON(t)
	if r.Status != 200 || tk["state"] != "ordered" || tk["needId"] != tangerine || tk["proposalId"] != id || tk["roundId"] != round ||
		tk["list"].(map[string]any)["number"] != "2150/QĐ-UBND" || tk["order"].(map[string]any)["maxBudget"] != float64(1_200_000_000) {
		t.Fatalf("the task: %d %s", r.Status, r.Body)
	}
	if can := tk["can"].(map[string]any); can["open"] != true || can["cancel"] != true || can["contract"] != false {
		t.Errorf("the officer's can: %v", can)
	}
	// The proposer reads it without steps; a stranger and a visitor do not
	// learn an ordered task exists.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + taskID, Token: commune}); r.Status != 200 || r.JSON(t)["can"].(map[string]any)["open"] != false {
		t.Errorf("the proposer reads: %d %s", r.Status, r.Body)
	}
	for _, tok := range []string{h.Demo("institute").Access, ""} {
		if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + taskID, Token: tok}); r.Status != 404 {
			t.Errorf("an ordered task read by others: %d", r.Status)
		}
	}
	// The board: the officers' counts by state.
	b := h.Do(R{Method: "GET", Path: "/api/v1/tasks?state=ordered", Token: officer}).JSON(t)
	if b["counts"].(map[string]any)["ordered"] != float64(1) || b["total"] != float64(1) || b["states"].([]any)[0] != "ordered" {
		t.Errorf("the board: %v", b)
	}
	// An ordered task is the department's until its call (the demo's
	// decided task is public).
	if b := h.Do(R{Method: "GET", Path: "/api/v1/tasks", Token: ""}); strings.Contains(string(b.Body), taskID) {
		t.Errorf("a visitor's board shows the ordered task: %s", b.Body)
	}
	// The proposer was told, in English too.
	if notes := string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: commune, Headers: map[string]string{"Accept-Language": "en"}}).Body); !strings.Contains(notes, "is on the list of commissioned S\\u0026T tasks (decision no. 2150/QĐ-UBND") ||
		!strings.Contains(notes, "is not on the list") {
		t.Errorf("the proposer was not told: %.800s", notes)
	}
	// A decided round takes nothing more.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: map[string]any{"number": "3/QĐ-UBND", "date": "2026-12-06"}}); r.Status != 409 {
		t.Errorf("a second list: %d %s", r.Status, r.Body)
	}
}

// Only verified organisations of a proposing kind propose, and only from a
// published need.
func TestProposalWho(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	_, pending := h.Register("moi@example.vn", "Công ty TNHH Mới thành lập", "enterprise")
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: pending.Access, Body: map[string]any{"title": "Đề xuất của một tổ chức chưa xác minh"}}); r.Status != 403 || problemCode(t, r) != "not_a_proposer" {
		t.Errorf("an unverified organisation: %d %s", r.Status, r.Body)
	}
	if o := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/options", Token: pending.Access}).JSON(t); len(o["orgs"].([]any)) != 0 {
		t.Errorf("options of an unverified organisation: %v", o)
	}
	// /me tells the screens who may propose, by the same rule.
	mayPropose := func(token string) any {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: token}).JSON(t)["can"].(map[string]any)["proposeTasks"]
	}
	if mayPropose(pending.Access) != false || mayPropose(h.Demo("commune").Access) != true || mayPropose(h.Demo("officer").Access) != false {
		t.Errorf("me.can.proposeTasks: unverified %v, commune %v, officer %v", mayPropose(pending.Access), mayPropose(h.Demo("commune").Access), mayPropose(h.Demo("officer").Access))
	}
	if o := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals/options", Token: h.Demo("commune").Access}).JSON(t); len(o["orgs"].([]any)) != 1 {
		t.Errorf("options of the commune: %v", o)
	}
	// A draft need is not proposed from.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: h.Demo("commune").Access, Body: map[string]any{"fromNeed": "6c6973740000000000000117"}}); r.Status != 409 || problemCode(t, r) != "need_not_published" {
		t.Errorf("a draft need: %d %s", r.Status, r.Body)
	}
	// An offer is not a need.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: h.Demo("commune").Access, Body: map[string]any{"fromNeed": "6c6973740000000000000001"}}); r.Status != 409 {
		t.Errorf("an offer: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/proposals?scope=all", Token: h.Demo("commune").Access}); r.Status != 403 {
		t.Errorf("scope=all for a member: %d", r.Status)
	}
}

// A proposal joins one round only, whichever of many officers' requests
// comes first; two officers recording the list of one round at once make
// its tasks once.
func TestConcurrentRoundClaims(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	commune, officer := h.Demo("commune").Access, h.Demo("officer").Access
	id := proposalFromNeed(t, h, commune)
	const n = 6
	rounds := make([]string, n)
	for i := range rounds {
		r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds", Token: officer, Body: roundBody()})
		if r.Status != 201 {
			t.Fatalf("create round: %d %s", r.Status, r.Body)
		}
		rounds[i] = r.JSON(t)["id"].(string)
	}
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for _, round := range rounds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals", Token: officer, Body: map[string]any{"proposalIds": []string{id}}}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	won := 0
	for s := range statuses {
		switch s {
		case 200:
			won++
		case 422:
		default:
			t.Errorf("status %d", s)
		}
	}
	if won != 1 {
		t.Fatalf("%d rounds took the proposal", won)
	}
	in := 0
	var round string
	for _, rd := range rounds {
		if len(h.Do(R{Method: "GET", Path: "/api/v1/tasks/rounds/" + rd, Token: officer}).JSON(t)["entries"].([]any)) > 0 {
			in++
			round = rd
		}
	}
	if in != 1 {
		t.Fatalf("the proposal is in %d rounds", in)
	}

	rev := h.Demo("reviewer").Access
	revID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: rev}).JSON(t)["user"].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/council", Token: officer, Body: map[string]any{"reviewerIds": []string{revID}}}); r.Status != 200 {
		t.Fatalf("council: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals/" + id + "/score", Token: rev, Body: map[string]any{"declaration": "no_conflict",
		"scores": []map[string]any{{"code": "need", "score": 8}, {"code": "feasibility", "score": 8}, {"code": "impact", "score": 8}}}}); r.Status != 200 {
		t.Fatalf("score: %d %s", r.Status, r.Body)
	}
	list := map[string]any{"number": "9/QĐ-UBND", "date": "2026-12-02", "orders": []map[string]any{{"proposalId": id, "products": "Quy trình bảo quản quýt.",
		"months": 12, "maxBudget": 500_000_000, "mode": "selection"}}}
	statuses = make(chan int, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: officer, Body: list}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	got := []int{}
	for s := range statuses {
		got = append(got, s)
	}
	if !(slices.Contains(got, 200) && slices.Contains(got, 409)) {
		t.Fatalf("two lists at once: %v", got)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/tasks?state=ordered", Token: officer}).JSON(t); b["total"] != float64(1) {
		t.Errorf("tasks made: %v", b["total"])
	}
}

// A list whose tasks and verdicts were not written (the process stopped
// after the round's write) is carried out when an officer opens the round.
func TestListSettledOnNextRead(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	commune, officer := h.Demo("commune").Access, h.Demo("officer").Access
	id := proposalFromNeed(t, h, commune)
	round := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds", Token: officer, Body: roundBody()}).JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals", Token: officer, Body: map[string]any{"proposalIds": []string{id}}}); r.Status != 200 {
		t.Fatalf("add: %d %s", r.Status, r.Body)
	}
	// The round's write as Decide makes it, and nothing after it.
	ctx := context.Background()
	taskID := store.NewID()
	if _, err := store.Modify[task.Round](ctx, h.App.Store, task.RoundCollection, round, 0, func(r *task.Round) error {
		r.State, r.List = task.RoundDecided, &task.Paper{Number: "7/QĐ-UBND", Date: "2026-12-03"}
		r.Entries[0].Approved, r.Entries[0].TaskID, r.Entries[0].Code = true, taskID, "NV.2027.01"
		r.Entries[0].Order = &task.Order{Products: "Quy trình bảo quản quýt.", Months: 12, MaxBudget: 500_000_000, Mode: task.ModeSelection}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + taskID, Token: officer}); r.Status != 404 {
		t.Fatalf("the task before the round is read: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/rounds/" + round, Token: officer}); r.Status != 200 || r.JSON(t)["proposals"].([]any)[0].(map[string]any)["state"] != "approved" {
		t.Fatalf("read the round: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/tasks/" + taskID, Token: officer}); r.Status != 200 || r.JSON(t)["code"] != "NV.2027.01" {
		t.Fatalf("the task after: %d %s", r.Status, r.Body)
	}
	// Reading again makes nothing twice.
	h.Do(R{Method: "GET", Path: "/api/v1/tasks/rounds/" + round, Token: officer})
	if b := h.Do(R{Method: "GET", Path: "/api/v1/tasks?state=ordered", Token: officer}).JSON(t); b["total"] != float64(1) {
		t.Errorf("tasks: %v", b["total"])
	}
}

// A proposer chooses the proposal's sectors among the taxonomy's.
func TestProposalSectors(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	commune := h.Demo("commune").Access
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: commune, Body: map[string]any{
		"title": "Chọn giống và quy trình thâm canh quýt cho xã Bằng Thành", "sectors": []string{"no_such_sector"}}})
	if r.Status != 422 || fieldCodes(t, r)["sectors"] != "invalid_choice" {
		t.Fatalf("an unknown sector: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: commune, Body: map[string]any{
		"title": "Chọn giống và quy trình thâm canh quýt cho xã Bằng Thành", "sectors": []string{"hitech_agri", "agri_processing", "hitech_agri"}}})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	p := r.JSON(t)
	if got := fmt.Sprint(p["sectors"]); got != "[agri_processing hitech_agri]" {
		t.Fatalf("sectors saved: %s", got)
	}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/tasks/proposals/" + p["id"].(string), Token: commune,
		Headers: map[string]string{"If-Match": fmt.Sprintf(`"%v"`, p["version"])}, Body: map[string]any{"sectors": []string{"biotech"}}})
	if r.Status != 200 || fmt.Sprint(r.JSON(t)["sectors"]) != "[biotech]" {
		t.Fatalf("change the sectors: %d %s", r.Status, r.Body)
	}
}
