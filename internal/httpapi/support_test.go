package httpapi_test

import (
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// TestProgramLifecycle: an officer drafts a programme, cannot publish it
// incomplete, completes and publishes it; the public then sees it and its
// budget, and the budget cannot fall below what is committed.
func TestProgramLifecycle(t *testing.T) {
	h := apptest.New(t)
	officer, ent := h.Demo("officer"), h.Demo("enterprise")
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: map[string]any{"name": "Hỗ trợ đổi mới công nghệ 2027"}})
	if r.Status != 201 || r.JSON(t)["state"] != "draft" {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/programs"}).JSON(t); l["total"].(float64) != 0 {
		t.Fatalf("a draft is public: %v", l)
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
	l := h.Do(R{Method: "GET", Path: "/api/v1/support/programs", Token: ent.Access}).JSON(t)
	if l["total"].(float64) != 1 {
		t.Fatalf("public list: %v", l)
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
