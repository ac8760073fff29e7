package httpapi_test

import (
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// BenchmarkListingPage is a listing's page as a crawler or a shared link
// fetches it: the listing and its organisation by _id, the head rendered
// and injected into index.html.
func BenchmarkListingPage(b *testing.B) {
	h := apptest.New(b)
	for b.Loop() {
		if r := h.Do(R{Method: "GET", Path: "/listings/" + demoNeed}); r.Status != 200 {
			b.Fatal(r.Status)
		}
	}
}

// BenchmarkListingCard draws a listing's share card (the cache is
// bypassed: each round is a new language or a first fetch).
func BenchmarkListingCard(b *testing.B) {
	h := apptest.New(b)
	for b.Loop() {
		h.App.Site.ForgetCards()
		if r := h.Do(R{Method: "GET", Path: "/cards/listings/" + demoNeed + ".png"}); r.Status != 200 {
			b.Fatal(r.Status)
		}
	}
}

// BenchmarkSitemap is the sitemap index over the demo catalogue: "scan"
// reads the published listings, the programmes and the verified
// organisations each time; "kept" is what a crawler gets within a minute
// of the last scan.
func BenchmarkSitemap(b *testing.B) {
	h := apptest.New(b)
	for _, c := range []struct {
		name string
		keep time.Duration
	}{{"scan", 0}, {"kept", time.Minute}} {
		b.Run(c.name, func(b *testing.B) {
			h.App.Site.CacheFor = c.keep
			for b.Loop() {
				if r := h.Do(R{Method: "GET", Path: "/sitemap.xml"}); r.Status != 200 {
					b.Fatal(r.Status)
				}
			}
		})
	}
}
