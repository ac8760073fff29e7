package httpapi_test

// The authorization matrix's rows of proposals, rounds and the board of
// tasks. Proposals are the enterprise's (a verified enterprise proposes);
// officers and admins belong to the department, which does not.
func init() {
	matrix = append(matrix, tasksProposalsRows...)
}

func completeProposal() map[string]any {
	return map[string]any{"orgId": enterpriseOrg, "title": "Bảo quản quýt tươi bằng màng sáp sinh học", "kind": "pilot", "urgency": "high",
		"objectives": "Kéo dài thời gian bảo quản quýt lên 2–3 tháng.", "content": "Thử nghiệm trên 5 tấn quả.",
		"products": "Quy trình bảo quản; mô hình kho 10 tấn.", "application": "Vùng quýt Bắc Kạn.", "months": 24,
		"budget": map[string]any{"state": 1_000_000_000, "other": 0}}
}

// proposal writes a complete proposal of the enterprise and takes it to
// state (draft or submitted).
func (f *fixture) proposal(state string) string {
	t := f.h.T
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals", Token: f.tokens["enterprise"].Access, Body: completeProposal()})
	if r.Status != 201 {
		t.Fatalf("write a proposal: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if state == "submitted" {
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/proposals/" + id + "/submit", Token: f.tokens["enterprise"].Access}); r.Status != 200 {
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}
	}
	return id
}

func proposalURL(state, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/tasks/proposals/" + f.proposal(state) + suffix }
}

// round opens a round, with the enterprise's submitted proposal in it when
// full.
func (f *fixture) round(full bool) string {
	t := f.h.T
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds", Token: f.tokens["officer"].Access, Body: roundBody()})
	if r.Status != 201 {
		t.Fatalf("open a round: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if full {
		f.ids["proposal"] = f.proposal("submitted")
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + id + "/proposals", Token: f.tokens["officer"].Access,
			Body: map[string]any{"proposalIds": []string{f.ids["proposal"]}}}); r.Status != 200 {
			t.Fatalf("add to the round: %d %s", r.Status, r.Body)
		}
	}
	return id
}

func roundURL(full bool, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/tasks/rounds/" + f.round(full) + suffix }
}

// councilRound is a full round whose council (the reviewer) is assigned,
// and has scored when scored.
func (f *fixture) councilRound(scored bool) string {
	t := f.h.T
	round := f.round(true)
	if r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/council", Token: f.tokens["officer"].Access,
		Body: map[string]any{"reviewerIds": []string{f.ids["reviewer"]}}}); r.Status != 200 {
		t.Fatalf("assign the council: %d %s", r.Status, r.Body)
	}
	if scored {
		if r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/proposals/" + f.ids["proposal"] + "/score", Token: f.tokens["reviewer"].Access,
			Body: scoreBody()}); r.Status != 200 {
			t.Fatalf("score: %d %s", r.Status, r.Body)
		}
	}
	return round
}

func scoreBody() map[string]any {
	return map[string]any{"declaration": "no_conflict", "scores": []map[string]any{{"code": "need", "score": 8}, {"code": "feasibility", "score": 7}, {"code": "impact", "score": 9}}}
}

// orderedTask records a list approving the enterprise's proposal and
// returns the task's id.
func (f *fixture) orderedTask() string {
	t := f.h.T
	round := f.councilRound(true)
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/rounds/" + round + "/list", Token: f.tokens["officer"].Access, Body: map[string]any{
		"number": "15/QĐ-UBND", "date": "2026-12-01", "orders": []map[string]any{{"proposalId": f.ids["proposal"],
			"products": "Quy trình bảo quản quýt.", "months": 24, "maxBudget": 900_000_000, "mode": "selection"}}}})
	if r.Status != 200 {
		t.Fatalf("record the list: %d %s", r.Status, r.Body)
	}
	return r.JSON(t)["entries"].([]any)[0].(map[string]any)["taskId"].(string)
}

// proposerOnly: the proposing organisation's members take the step,
// officers read but may not, others do not learn it exists.
func proposerOnly(ok int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": ok, "institute": 404, "reviewer": 404, "officer": 403, "admin": 403}
}

var tasksProposalsRows = []row{
	{method: "GET", path: "/tasks/proposals", url: fixed("/api/v1/tasks/proposals"), want: only(nil, 200)},
	{method: "POST", path: "/tasks/proposals", url: fixed("/api/v1/tasks/proposals"), body: func(_ *fixture, role string) any {
		b := map[string]any{"title": "Bảo quản quýt tươi bằng màng sáp sinh học"}
		if role == "institute" {
			b["orgId"] = instituteOrg
		}
		return b
	}, want: map[string]int{"anon": 401, "enterprise": 201, "institute": 201, "reviewer": 201, "officer": 403, "admin": 403}}, // the reviewer belongs to a university
	{method: "GET", path: "/tasks/proposals/options", url: fixed("/api/v1/tasks/proposals/options"), want: all(200)},
	{method: "GET", path: "/tasks/proposals/:id", url: proposalURL("draft", ""),
		want: map[string]int{"anon": 401, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/tasks/proposals/:id", url: proposalURL("draft", ""), body: func(*fixture, string) any { return map[string]any{"months": 18} }, want: proposerOnly(200)},
	{method: "POST", path: "/tasks/proposals/:id/submit", url: proposalURL("draft", "/submit"), want: proposerOnly(200)},
	{method: "POST", path: "/tasks/proposals/:id/withdraw", url: proposalURL("submitted", "/withdraw"), want: proposerOnly(200)},

	{method: "GET", path: "/tasks/rounds", url: fixed("/api/v1/tasks/rounds"), want: only(nil, 200)},
	{method: "POST", path: "/tasks/rounds", url: fixed("/api/v1/tasks/rounds"), body: func(*fixture, string) any { return roundBody() },
		want: only(map[string]int{"officer": 201, "admin": 201}, 403)},
	{method: "GET", path: "/tasks/rounds/:id", url: roundURL(false, ""), want: only(map[string]int{"officer": 200, "admin": 200}, 404)},
	{method: "PATCH", path: "/tasks/rounds/:id", url: roundURL(false, ""), body: func(*fixture, string) any { return map[string]any{"passMark": 60} },
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/rounds/:id/proposals", url: func(f *fixture, _ string) string {
		f.ids["add"] = f.proposal("submitted")
		return "/api/v1/tasks/rounds/" + f.round(false) + "/proposals"
	}, body: func(f *fixture, _ string) any { return map[string]any{"proposalIds": []string{f.ids["add"]}} },
		want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/rounds/:id/council", url: roundURL(true, "/council"), body: func(f *fixture, _ string) any {
		return map[string]any{"reviewerIds": []string{f.ids["reviewer"]}}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},
	{method: "POST", path: "/tasks/rounds/:id/proposals/:pid/score", url: func(f *fixture, _ string) string {
		round := f.councilRound(false)
		return "/api/v1/tasks/rounds/" + round + "/proposals/" + f.ids["proposal"] + "/score"
	}, body: func(*fixture, string) any { return scoreBody() },
		want: map[string]int{"anon": 401, "enterprise": 404, "institute": 404, "reviewer": 200, "officer": 403, "admin": 403}},
	{method: "POST", path: "/tasks/rounds/:id/list", url: func(f *fixture, _ string) string {
		return "/api/v1/tasks/rounds/" + f.councilRound(true) + "/list"
	}, body: func(*fixture, string) any {
		return map[string]any{"number": "15/QĐ-UBND", "date": "2026-12-01"}
	}, want: only(map[string]int{"officer": 200, "admin": 200}, 403)},

	{method: "GET", path: "/tasks", url: fixed("/api/v1/tasks"), want: all(200)},
	{method: "GET", path: "/tasks/:id", url: func(f *fixture, _ string) string { return "/api/v1/tasks/" + f.orderedTask() },
		want: map[string]int{"anon": 404, "enterprise": 200, "institute": 404, "reviewer": 404, "officer": 200, "admin": 200}},
}
