package indicator_test

import (
	"context"
	"testing"

	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/indicator/indicatortest"
	"github.com/techmart-vn/techmart/internal/period"
)

// BenchmarkSnapshot reads a province's records once (go test -run '^$'
// -bench Snapshot ./internal/indicator/).
func BenchmarkSnapshot(b *testing.B) {
	st := open(b)
	indicatortest.Province(b, st)
	eng := indicator.New(st)
	b.ResetTimer()
	for b.Loop() {
		if _, err := eng.Snapshot(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountEveryMetric counts every metric of the catalogue, and
// every transfer metric per form and per sector, for one year from one
// Snapshot: what a statistics form costs after its read.
func BenchmarkCountEveryMetric(b *testing.B) {
	st := open(b)
	indicatortest.Province(b, st)
	s, err := indicator.New(st).Snapshot(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	w := indicator.YearOf(period.Default().Year(2026))
	var qs []indicator.Query
	for _, m := range indicator.Catalogue() {
		qs = append(qs, indicator.Query{Metric: m.ID})
	}
	for _, f := range indicatortest.Forms {
		qs = append(qs, indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"form": f}},
			indicator.Query{Metric: indicator.TransfersSignedValue, Filters: map[string]string{"form": f}})
	}
	for _, sec := range indicatortest.Sectors {
		qs = append(qs, indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"sector": sec}})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, q := range qs {
			if _, err := s.Count(q, w); err != nil {
				b.Fatal(err)
			}
		}
	}
}
