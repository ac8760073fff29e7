package httpapi_test

import (
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// Every $ref in the OpenAPI document names a schema it declares.
func collectRefs(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if r, ok := x["$ref"].(string); ok {
			out[r] = true
		}
		for _, y := range x {
			collectRefs(y, out)
		}
	case []any:
		for _, y := range x {
			collectRefs(y, out)
		}
	}
}

// TestOpenAPILimitsAreEnforced: every schema the document names resolves,
// and a limit the document states is the one the server enforces — a
// request just past it gets the field's error.
func TestOpenAPILimitsAreEnforced(t *testing.T) {
	h := apptest.New(t)
	doc := h.Do(R{Method: "GET", Path: "/api/v1/openapi.json"}).JSON(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	refs := map[string]bool{}
	collectRefs(doc, refs)
	for r := range refs {
		name, ok := strings.CutPrefix(r, "#/components/schemas/")
		if !ok || schemas[name] == nil {
			t.Errorf("%s does not resolve", r)
		}
	}
	for name, s := range schemas {
		if _, ok := s.(map[string]any)["type"]; !ok && s.(map[string]any)["allOf"] == nil {
			t.Errorf("schema %s has no type", name)
		}
	}

	officer, enterprise, reviewer := h.Demo("officer").Access, h.Demo("enterprise").Access, h.Demo("reviewer").Access
	// A path into the document's schemas ("ListingInput.title"), the bound
	// to cross, the request and the field error expected.
	cases := []struct {
		field, bound string
		method, path string
		token        string
		body         map[string]any
		wantField    string
		wantCode     string
	}{
		{"ListingInput.title", "maxLength", "POST", "/api/v1/listings", enterprise,
			map[string]any{"kind": "technology", "orgId": enterpriseOrg}, "title", "too_long"},
		{"ListingInput.summary", "minLength", "POST", "/api/v1/listings", enterprise,
			map[string]any{"kind": "technology", "orgId": enterpriseOrg}, "summary", "too_short"},
		{"ListingInput.trl", "maximum", "POST", "/api/v1/listings", enterprise,
			map[string]any{"kind": "technology", "orgId": enterpriseOrg}, "trl", "out_of_range"},
		{"Reason.reason", "maxLength", "POST", "/api/v1/support/applications/nothing/return", officer,
			map[string]any{}, "reason", "too_long"},
		{"AcceptanceRequest.report", "minLength", "POST", "/api/v1/support/applications/nothing/acceptance-request", enterprise,
			map[string]any{}, "report", "too_short"},
		{"DisburseInput.note", "maxLength", "POST", "/api/v1/support/applications/nothing/disbursements", officer,
			map[string]any{"amount": 1000, "on": "2026-01-05"}, "note", "too_long"},
		{"ScoreInput.comment", "maxLength", "POST", "/api/v1/support/applications/nothing/scores", reviewer,
			map[string]any{"declaration": "no_conflict"}, "comment", "too_long"},
		{"ImplementationInput.outcome", "maxLength", "POST", "/api/v1/transfers/nothing/implementation", enterprise,
			map[string]any{"status": "in_use"}, "outcome", "too_long"},
		{"Reject.reason", "maxLength", "POST", "/api/v1/organizations/" + pendingOrg + "/reject", officer,
			map[string]any{}, "reason", "too_long"},
		{"ProgramInput.name", "maxLength", "POST", "/api/v1/support/programs", officer,
			map[string]any{}, "name", "too_long"},
		{"ProgramInput.maxSharePercent", "maximum", "POST", "/api/v1/support/programs", officer,
			map[string]any{}, "maxSharePercent", "out_of_range"},
		{"DecideInput.number", "maxLength", "POST", "/api/v1/support/applications/nothing/decide", officer,
			map[string]any{"outcome": "approved", "amount": 1000}, "number", "too_long"},
	}
	for _, c := range cases {
		t.Run(c.field+"."+c.bound, func(t *testing.T) {
			schema, prop, _ := strings.Cut(c.field, ".")
			props := schemas[schema].(map[string]any)["properties"].(map[string]any)
			p, _ := props[prop].(map[string]any)
			limit, ok := p[c.bound].(float64)
			if !ok {
				t.Fatalf("%s has no %s: %v", c.field, c.bound, p)
			}
			n := int(limit)
			var value any
			switch c.bound {
			case "maxLength":
				value = strings.Repeat("ư", n+1) // characters, not bytes
			case "minLength":
				value = strings.Repeat("ư", n-1)
			case "maximum":
				value = n + 1
			case "minimum":
				value = n - 1
			}
			body := map[string]any{c.wantField: value}
			for k, v := range c.body {
				body[k] = v
			}
			r := h.Do(R{Method: c.method, Path: c.path, Token: c.token, Body: body})
			if r.Status != 422 {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if got := fieldCodes(t, r)[c.wantField]; got != c.wantCode {
				t.Fatalf("%s = %q, want %q; %s", c.wantField, got, c.wantCode, r.Body)
			}
			// Just inside the limit, the field has no error.
			switch c.bound {
			case "maxLength":
				body[c.wantField] = strings.Repeat("ư", n)
			case "minLength":
				body[c.wantField] = strings.Repeat("ư", n)
			case "maximum":
				body[c.wantField] = n
			}
			if r := h.Do(R{Method: c.method, Path: c.path, Token: c.token, Body: body}); fieldCodes(t, r)[c.wantField] != "" && r.Status == 422 {
				t.Fatalf("at the limit: %s", r.Body)
			}
		})
	}
}
