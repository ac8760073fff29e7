package apptest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

type R = apptest.Request

// One clock: moving the harness's clock moves what tokens are checked
// against, what listings are stamped with and what the audit log records.
func TestOneClock(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	before := h.Demo("institute")
	at := time.Date(2031, 3, 4, 5, 6, 7, 0, time.UTC)
	h.Clock.Set(func() time.Time { return at })
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: before.Access}); r.Status != http.StatusUnauthorized {
		t.Fatalf("a token from five years ago: %d %s", r.Status, r.Body)
	}
	inst := h.Demo("institute")
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: inst.Access, Body: map[string]any{
		"kind": "technology", "title": "Sấy lạnh vải thiều giữ màu",
	}})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	if got := r.JSON(t)["createdAt"]; got != at.Format(time.RFC3339) {
		t.Fatalf("listing created at %v, want %s", got, at.Format(time.RFC3339))
	}
	audit := h.Do(R{Method: "GET", Path: "/api/v1/audit?pageSize=1", Token: h.Demo("admin").Access}).JSON(t)
	items, _ := audit["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["at"] != at.Format(time.RFC3339) {
		t.Fatalf("newest audit entry: %v", audit)
	}
	h.Clock.Set(nil)
	if d := time.Since(h.App.Now()); d < 0 || d > time.Minute {
		t.Fatalf("back to real time: %s off", d)
	}
}

// Every harness starts from the same seeded demo data (accounts, listings
// and their search index) in a data directory of its own.
func TestSeededDataIsPerHarness(t *testing.T) {
	t.Parallel()
	a, b := apptest.New(t), apptest.New(t)
	if a.App.Config.DataDir == b.App.Config.DataDir {
		t.Fatal("two harnesses share a data directory")
	}
	for _, h := range []*apptest.Harness{a, b} {
		if h.App.Demo == nil || len(h.App.Demo.Accounts) == 0 {
			t.Fatal("demo accounts not listed for the login page")
		}
		h.Demo("officer")
		if s := h.Do(R{Method: "GET", Path: "/api/v1/search?q=ch%C3%A8"}).JSON(t); s["total"].(float64) == 0 {
			t.Fatalf("the demo listings are not searchable: %v", s)
		}
	}
	a.Register("rieng@example.vn", "Công ty Riêng", "enterprise")
	if r := b.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": "rieng@example.vn", "password": "correct horse battery"}}); r.Status != http.StatusUnauthorized {
		t.Fatalf("an account made on one harness logs in on another: %d %s", r.Status, r.Body)
	}
}
