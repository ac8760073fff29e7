package httpapi_test

import (
	"testing"

	"github.com/techmart-vn/techmart/internal/task"
)

// The authorization matrix's rows of the selection routes. Each URL is of
// a fresh task taken to the state the route needs; the institute is the
// applicant, the demo reviewer (of Trường Đại học Nông Lâm, which does not
// apply here) the council.
func init() {
	matrix = append(matrix, selectionRows...)
}

// selTask takes a new selection task to state and returns its id; the
// institute's dossier (submitted from call_open on) is kept in f.ids.
func (f *fixture) selTask(state string) string {
	t := f.h.T.(*testing.T)
	h, officer := f.h, f.tokens["officer"].Access
	id := orderedTask(t, h, task.ModeSelection)
	if state == task.StateOrdered {
		return id
	}
	plan := taskCallBody(h)
	plan["required"] = 1
	if r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/open", Token: officer, Body: plan}); r.Status != 200 {
		t.Fatalf("open: %d %s", r.Status, r.Body)
	}
	f.ids["dossier"] = submittedDossier(t, h, f.tokens["institute"].Access, id)
	steps := []struct {
		state, path string
		body        any
	}{
		{task.StateSelecting, "/close-call", nil},
		{"council", "/council", map[string]any{"reviewerIds": []string{f.ids["reviewer"]}}},
		{"scored", "/scores", nil},
		{task.StateSelected, "/select", map[string]any{"dossierId": f.ids["dossier"]}},
		{task.StateAppraised, "/appraise", map[string]any{"lines": []map[string]any{{"approved": 600_000_000}, {"approved": 300_000_000}, {"approved": 200_000_000}}}},
		{task.StateDecided, "/decide", map[string]any{"number": "77/QĐ-SKHCN", "date": vnDayFrom(h, 0)}},
	}
	for _, s := range steps {
		if state == task.StateCallOpen {
			return id
		}
		var r = score(t, h, f.tokens["reviewer"].Access, id, f.ids["dossier"], 8, 8)
		if s.path != "/scores" {
			r = h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + s.path, Token: officer, Body: s.body})
		}
		if r.Status != 200 {
			t.Fatalf("%s: %d %s", s.path, r.Status, r.Body)
		}
		if s.state == state {
			return id
		}
	}
	return id
}

func selTaskURL(state, suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string { return "/api/v1/tasks/" + f.selTask(state) + suffix }
}

// selDossier is a draft dossier of the institute on an open call; with
// file, a CV attached, whose id is kept in f.ids.
func (f *fixture) selDossier(file bool, suffix string) string {
	t := f.h.T.(*testing.T)
	id := f.selTask(task.StateOrdered)
	plan := taskCallBody(f.h)
	if r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/open", Token: f.tokens["officer"].Access, Body: plan}); r.Status != 200 {
		t.Fatalf("open: %d %s", r.Status, r.Body)
	}
	tok := f.tokens["institute"].Access
	r := f.h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + id + "/dossiers", Token: tok, Body: dossierBody()})
	if r.Status != 201 {
		t.Fatalf("dossier: %d %s", r.Status, r.Body)
	}
	did := r.JSON(t)["id"].(string)
	if file {
		r := postFile(t, f.h, tok, "/api/v1/tasks/dossiers/"+did+"/files", "cv.pdf", smallPDF, map[string]string{"kind": "lead_cv"})
		if r.Status != 201 {
			t.Fatalf("upload: %d %s", r.Status, r.Body)
		}
		files := r.JSON(t)["files"].([]any)
		f.ids["file"] = files[len(files)-1].(map[string]any)["fileId"].(string)
	}
	return "/api/v1/tasks/dossiers/" + did + suffix
}

// dossierOwner is a route of a draft dossier: the institute acts,
// officers read but may not act, others do not learn it exists.
func dossierOwner(ok int) map[string]int {
	return map[string]int{"anon": 401, "enterprise": 404, "institute": ok, "reviewer": 404, "officer": 403, "admin": 403}
}

var staffTaskStep = only(map[string]int{"officer": 200, "admin": 200}, 403)

var selectionRows = []row{
	{method: "GET", path: "/tasks/calls", url: fixed("/api/v1/tasks/calls"), want: all(200)},
	{method: "POST", path: "/tasks/:id/open", url: selTaskURL(task.StateOrdered, "/open"),
		body: func(f *fixture, _ string) any { return taskCallBody(f.h) }, want: staffTaskStep},
	{method: "POST", path: "/tasks/:id/close-call", url: selTaskURL(task.StateCallOpen, "/close-call"), want: staffTaskStep},
	// A call is public; an ordered task is the department's.
	{method: "GET", path: "/tasks/:id/selection", url: selTaskURL(task.StateCallOpen, "/selection"), want: all(200)},
	// An S&T organisation applies (the reviewer is a member of a
	// university); an enterprise and the department may not.
	{method: "POST", path: "/tasks/:id/dossiers", url: selTaskURL(task.StateCallOpen, "/dossiers"),
		body: func(*fixture, string) any { return dossierBody() },
		want: map[string]int{"anon": 401, "enterprise": 403, "institute": 409, "reviewer": 201, "officer": 403, "admin": 403}},
	{method: "GET", path: "/tasks/dossiers/:id", url: func(f *fixture, _ string) string { return f.selDossier(false, "") },
		want: map[string]int{"anon": 401, "enterprise": 404, "institute": 200, "reviewer": 404, "officer": 200, "admin": 200}},
	{method: "PATCH", path: "/tasks/dossiers/:id", url: func(f *fixture, _ string) string { return f.selDossier(false, "") },
		body: func(*fixture, string) any { return map[string]any{"months": 12} }, want: dossierOwner(200)},
	{method: "POST", path: "/tasks/dossiers/:id/submit", url: func(f *fixture, _ string) string { return f.selDossier(true, "/submit") }, want: dossierOwner(200)},
	{method: "POST", path: "/tasks/dossiers/:id/withdraw", url: func(f *fixture, _ string) string { return f.selDossier(false, "/withdraw") }, want: dossierOwner(200)},
	// JSON instead of a form: the institute passes the checks of who, and
	// is told the kind is missing.
	{method: "POST", path: "/tasks/dossiers/:id/files", url: func(f *fixture, _ string) string { return f.selDossier(false, "/files") },
		body: func(*fixture, string) any { return map[string]any{} }, want: dossierOwner(422)},
	{method: "DELETE", path: "/tasks/dossiers/:id/files/:fileId", url: func(f *fixture, _ string) string {
		u := f.selDossier(true, "/files/")
		return u + f.ids["file"]
	}, want: dossierOwner(204)},
	{method: "GET", path: "/tasks/:id/reviewers", url: selTaskURL(task.StateCallOpen, "/reviewers"), want: staffTaskStep},
	{method: "POST", path: "/tasks/:id/council", url: selTaskURL(task.StateSelecting, "/council"),
		body: func(f *fixture, _ string) any { return map[string]any{"reviewerIds": []string{f.ids["reviewer"]}} }, want: staffTaskStep},
	// Only a council member scores; the task is public, so others learn
	// it exists.
	{method: "POST", path: "/tasks/:id/scores", url: selTaskURL("council", "/scores"),
		body: func(f *fixture, _ string) any {
			return map[string]any{"dossierId": f.ids["dossier"], "declaration": "no_conflict", "scores": []map[string]any{{"code": "c1", "score": 7}, {"code": "c2", "score": 7}}}
		}, want: map[string]int{"anon": 401, "enterprise": 403, "institute": 403, "reviewer": 200, "officer": 403, "admin": 403}},
	{method: "POST", path: "/tasks/:id/select", url: selTaskURL("scored", "/select"),
		body: func(f *fixture, _ string) any { return map[string]any{"dossierId": f.ids["dossier"]} }, want: staffTaskStep},
	{method: "POST", path: "/tasks/:id/appraise", url: selTaskURL(task.StateSelected, "/appraise"),
		body: func(*fixture, string) any {
			return map[string]any{"lines": []map[string]any{{"approved": 600_000_000}, {"approved": 300_000_000}, {"approved": 200_000_000}}}
		}, want: staffTaskStep},
	{method: "POST", path: "/tasks/:id/decide", url: selTaskURL(task.StateAppraised, "/decide"),
		body: func(f *fixture, _ string) any {
			return map[string]any{"number": "78/QĐ-SKHCN", "date": vnDayFrom(f.h, 0)}
		}, want: staffTaskStep},
	{method: "GET", path: "/tasks/:id/papers/decision", url: selTaskURL(task.StateDecided, "/papers/decision"), want: all(200)},
}
