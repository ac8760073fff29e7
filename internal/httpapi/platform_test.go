package httpapi_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func TestOpenAPIListsEveryRoute(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	doc := h.Do(R{Method: "GET", Path: "/api/v1/openapi.json"}).JSON(t)
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, r := range h.Server.App().GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == "HEAD" || r.Path == "/api/v1/openapi.json" {
			continue
		}
		p := r.Path
		for _, seg := range strings.Split(p, "/") {
			if strings.HasPrefix(seg, ":") {
				p = strings.Replace(p, seg, "{"+seg[1:]+"}", 1)
			}
		}
		item, ok := paths[p].(map[string]any)
		if !ok || item[strings.ToLower(r.Method)] == nil {
			t.Errorf("%s %s is not in the OpenAPI document", r.Method, p)
			continue
		}
		op := item[strings.ToLower(r.Method)].(map[string]any)
		if rb, ok := op["requestBody"].(map[string]any); ok {
			ref := rb["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["$ref"].(string)
			if schemas[strings.TrimPrefix(ref, "#/components/schemas/")] == nil {
				t.Errorf("%s %s refers to a missing schema %s", r.Method, p, ref)
			}
		}
	}
}

func TestSPAServing(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	for _, path := range []string{"/", "/organization", "/officer/organizations?status=pending", "/invitations/abc.def"} {
		r := h.Do(R{Method: "GET", Path: path})
		if r.Status != 200 || !strings.Contains(string(r.Body), "Techmart SPA") || r.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d %q cache %q", path, r.Status, r.Body, r.Header.Get("Cache-Control"))
		}
	}
	a := h.Do(R{Method: "GET", Path: "/assets/index-abc123.js"})
	if a.Status != 200 || !strings.Contains(a.Header.Get("Cache-Control"), "immutable") || !strings.Contains(a.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("asset: %d %v", a.Status, a.Header)
	}
	if m := h.Do(R{Method: "GET", Path: "/assets/index-missing.js"}); m.Status != 404 {
		t.Fatalf("missing asset: %d", m.Status)
	}
	for _, p := range []string{"/api/v1/nope", "/api/v2/organizations", "/api/v1/organizations/x/unknown"} {
		r := h.Do(R{Method: "GET", Path: p})
		if r.Status != 404 || problemCode(t, r) != "route_not_found" {
			t.Errorf("%s: %d %s", p, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/some/page"}); r.Status != 405 {
		t.Fatalf("POST to a page: %d", r.Status)
	}
}

func TestHealthMetricsAndHeaders(t *testing.T) {
	t.Parallel()
	token := strings.Repeat("m", 32)
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false; c.MetricsToken = token })
	if r := h.Do(R{Method: "GET", Path: "/healthz"}); r.Status != 200 {
		t.Fatalf("healthz %d", r.Status)
	}
	ready := h.Do(R{Method: "GET", Path: "/readyz"})
	if ready.Status != 200 || ready.JSON(t)["status"] != "ok" || ready.JSON(t)["searchEngine"] != "bleve" {
		t.Fatalf("readyz %d %s", ready.Status, ready.Body)
	}
	r := h.Do(R{Method: "GET", Path: "/api/v1/config", Headers: map[string]string{"X-Request-ID": "trace-42"}})
	for k, want := range map[string]string{
		"X-Request-ID": "trace-42", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
	} {
		if got := r.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(r.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("CSP = %q", r.Header.Get("Content-Security-Policy"))
	}
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS must be off by default")
	}
	hostile := h.Do(R{Method: "GET", Path: "/healthz", Headers: map[string]string{"X-Request-ID": "evil\"id with spaces"}})
	if id := hostile.Header.Get("X-Request-ID"); id == "" || strings.ContainsAny(id, "\" ") {
		t.Errorf("hostile request id echoed: %q", id)
	}
	m := h.Do(R{Method: "GET", Path: "/metrics", Headers: map[string]string{"Authorization": "Bearer " + token}})
	if m.Status != 200 || !strings.Contains(string(m.Body), `techmart_http_requests_total{method="GET",route="/api/v1/config",status="200"}`) {
		t.Fatalf("metrics:\n%.2000s", m.Body)
	}
}

func TestCORSWhenConfigured(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false; c.CORSOrigins = []string{"https://cong.thainguyen.gov.vn"} })
	r := h.Do(R{Method: "GET", Path: "/api/v1/config", Headers: map[string]string{"Origin": "https://cong.thainguyen.gov.vn"}})
	if r.Header.Get("Access-Control-Allow-Origin") != "https://cong.thainguyen.gov.vn" {
		t.Fatalf("allowed origin not echoed: %v", r.Header)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/config", Headers: map[string]string{"Origin": "https://evil.example"}})
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("foreign origin allowed")
	}
}

func TestAdminAssignsRoles(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	admin := h.Demo("admin")
	users := h.Do(R{Method: "GET", Path: "/api/v1/users?q=Ph%E1%BA%A1m", Token: admin.Access}).JSON(t)
	if users["total"].(float64) != 1 {
		t.Fatalf("search by Vietnamese name: %v", users)
	}
	inst := users["items"].([]any)[0].(map[string]any)
	id := inst["id"].(string)
	r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + id + "/roles", Token: admin.Access, Body: map[string][]string{"roles": {"reviewer", "officer", "officer"}}})
	if r.Status != 200 || strings.Join(toStrings(r.JSON(t)["roles"]), ",") != "officer,reviewer" {
		t.Fatalf("set roles: %d %s", r.Status, r.Body)
	}
	// The new officer can open the queue at once, with the token they had.
	instTok := h.Demo("institute")
	if q := h.Do(R{Method: "GET", Path: "/api/v1/organizations", Token: instTok.Access}); q.Status != 200 {
		t.Fatalf("new officer: %d", q.Status)
	}
	if bad := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + id + "/roles", Token: admin.Access, Body: map[string][]string{"roles": {"superuser"}}}); bad.Status != 422 {
		t.Fatalf("unknown role: %d", bad.Status)
	}
	adminID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: admin.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	self := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + adminID + "/roles", Token: admin.Access, Body: map[string][]string{"roles": {}}})
	if self.Status != 422 || fieldCodes(t, self)["roles"] != "cannot_remove_own_admin" {
		t.Fatalf("admin demotes self: %d %s", self.Status, self.Body)
	}
	if nf := h.Do(R{Method: "PUT", Path: "/api/v1/users/000000000000000000000000/roles", Token: admin.Access, Body: map[string][]string{"roles": {}}}); nf.Status != 404 {
		t.Fatalf("unknown user: %d", nf.Status)
	}
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?action=user.roles", Token: admin.Access}).JSON(t)
	e := log["items"].([]any)[0].(map[string]any)
	ch := e["changes"].(map[string]any)["roles"].(map[string]any)
	if log["total"].(float64) != 1 || len(toStrings(ch["from"])) != 0 || strings.Join(toStrings(ch["to"]), ",") != "officer,reviewer" {
		t.Fatalf("audit of the role change: %v", log)
	}
}

func toStrings(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// Two admins demoting each other at the same moment never leave the
// platform without an admin.
func TestAdminsDemotingEachOtherKeepOne(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	for round := range 5 {
		a := h.Demo("admin")
		aID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: a.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
		email := fmt.Sprintf("second.admin%d@example.vn", round)
		_, b := h.Register(email, fmt.Sprintf("Công ty quản trị %d", round), "enterprise")
		bID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: b.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
		if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + bID + "/roles", Token: a.Access, Body: map[string][]string{"roles": {"admin"}}}); r.Status != 200 {
			t.Fatalf("promote: %d %s", r.Status, r.Body)
		}
		var wg sync.WaitGroup
		for _, x := range []struct{ tok, target string }{{a.Access, bID}, {b.Access, aID}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h.Do(R{Method: "PUT", Path: "/api/v1/users/" + x.target + "/roles", Token: x.tok, Body: map[string][]string{"roles": {}}})
			}()
		}
		wg.Wait()
		admins := 0
		for _, tok := range []string{a.Access, b.Access} {
			me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok}).JSON(t)
			if slices.Contains(toStrings(me["user"].(map[string]any)["roles"]), "admin") {
				admins++
			}
		}
		if admins == 0 {
			t.Fatalf("round %d: no admin left", round)
		}
		// Back to one admin for the next round: whoever is still admin
		// restores the demo admin, who then demotes the second one.
		for _, tok := range []string{a.Access, b.Access} {
			h.Do(R{Method: "PUT", Path: "/api/v1/users/" + aID + "/roles", Token: tok, Body: map[string][]string{"roles": {"admin"}}})
		}
		if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + bID + "/roles", Token: a.Access, Body: map[string][]string{"roles": {}}}); r.Status != 200 {
			t.Fatalf("reset: %d %s", r.Status, r.Body)
		}
	}
}
