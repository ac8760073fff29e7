package httpapi_test

import (
	"context"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// BenchmarkHomePage measures what the home page and an organisation's page
// ask of the server on the demo data: the market counted afresh (one
// search with facets, the verified organisations, the transfers, the
// programmes) and as kept, a person's next steps, an organisation's page
// (go test -run '^$' -bench HomePage -benchtime 100x ./internal/httpapi/).
func BenchmarkHomePage(b *testing.B) {
	h := apptest.New(b)
	get := func(b *testing.B, path, token string) {
		for b.Loop() {
			if r := h.Do(R{Method: "GET", Path: path, Token: token}); r.Status != 200 {
				b.Fatal(r.Status, string(r.Body))
			}
		}
	}
	b.Run("market/counted", func(b *testing.B) {
		for b.Loop() {
			if _, err := h.App.Market.Refresh(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("market/kept", func(b *testing.B) { get(b, "/api/v1/public/market", "") })
	b.Run("next-steps/enterprise", func(b *testing.B) { get(b, "/api/v1/me/next-steps", h.Demo("enterprise").Access) })
	b.Run("next-steps/officer", func(b *testing.B) { get(b, "/api/v1/me/next-steps", h.Demo("officer").Access) })
	b.Run("organization", func(b *testing.B) { get(b, "/api/v1/public/organizations/"+instituteOrg, "") })
}
