package httpapi_test

import (
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// BenchmarkLogin is dominated by argon2id (19 MiB, 2 passes) by design.
func BenchmarkLogin(b *testing.B) {
	h := apptest.New(b, func(c *apptestConfig) { c.LoginLimit = 1 << 30 })
	for b.Loop() {
		h.Demo("officer")
	}
}

// BenchmarkMe is an authenticated read: token check, session and user by
// _id, then each organisation by _id — the shape of every logged-in request.
func BenchmarkMe(b *testing.B) {
	h := apptest.New(b)
	tok := h.Demo("enterprise")
	for b.Loop() {
		if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}); r.Status != 200 {
			b.Fatal(r.Status)
		}
	}
}
