package httpapi_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkMatches loads the synthetic catalogue (TECHMART_BENCH_LISTINGS,
// default 10,000) and measures GET /listings/{id}/matches for random
// listings under 16 clients, as an officer (who gets the matches; an
// anonymous visitor gets similar listings, a cheaper query), then the search API with and without the
// matching worker recomputing suggestions the whole time.
func BenchmarkMatches(b *testing.B) {
	h, base, ids := catalogueIDs(b)
	pick := func(r *rand.Rand, _ *rand.Zipf) string { return ids[r.IntN(len(ids))] }
	matches := func(r *rand.Rand, z *rand.Zipf) string { return pick(r, z) + "/matches?limit=10" }
	officer := h.Demo("officer").Access
	b.Run("API", func(b *testing.B) { loadAs(b, 16, officer, base, "/api/v1/listings/", matches) })
	b.Run("APIOneClient", func(b *testing.B) { loadAs(b, 1, officer, base, "/api/v1/listings/", matches) })
	// Search is measured with the query cache bypassed, so every query
	// reaches the engine and competes with the worker for the processor.
	raw := uncached(b, h)
	b.Run("SearchIdle", func(b *testing.B) { load(b, raw, "/api/v1/search?", queryMix) })
	b.Run("SearchWhileRecomputing", func(b *testing.B) {
		// The worker as serve runs it, kept busy: a listing changes every
		// millisecond, far more often than a province's catalogue does.
		ctx, stop := context.WithCancel(context.Background())
		defer stop()
		go h.App.Matching.Run(ctx, 20*time.Millisecond)
		go func() {
			r := rand.New(rand.NewPCG(3, 3))
			for ctx.Err() == nil {
				h.App.Matching.Changed(ids[r.IntN(len(ids))])
				time.Sleep(time.Millisecond)
			}
		}()
		time.Sleep(200 * time.Millisecond)
		load(b, raw, "/api/v1/search?", queryMix)
	})
	b.Run("SearchIdleAfter", func(b *testing.B) { load(b, raw, "/api/v1/search?", queryMix) })
}
