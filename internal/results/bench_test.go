package results_test

import (
	"context"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/indicator/indicatortest"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/store/storetest"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// BenchmarkResults counts the public results of a province over five
// years, uncached, then writes the CSV (go test -run '^$' -bench Results
// -benchtime 3x ./internal/results/).
func BenchmarkResults(b *testing.B) {
	st := indicatortest.Open(b, storetest.New(b))
	indicatortest.Province(b, st)
	tax, err := taxonomy.Load()
	if err != nil {
		b.Fatal(err)
	}
	var r results.Results
	b.Run("compute", func(b *testing.B) {
		for b.Loop() {
			// TTL 0: every Get counts again.
			svc := results.New(indicator.New(st), tax, period.Default(), nil, func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }, 0, nil)
			if r, err = svc.Get(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			if _, err := results.CSV(r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
