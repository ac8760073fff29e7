package statistics_test

import (
	"context"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/indicator/indicatortest"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/store/storetest"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// BenchmarkStatistics fills the three forms for a province-sized year and
// writes the workbook (go test -run '^$' -bench Statistics -benchtime 3x
// ./internal/statistics/).
func BenchmarkStatistics(b *testing.B) {
	st := indicatortest.Open(b, storetest.New(b))
	indicatortest.Province(b, st)
	tax, err := taxonomy.Load()
	if err != nil {
		b.Fatal(err)
	}
	layout, err := statistics.Load(tax)
	if err != nil {
		b.Fatal(err)
	}
	svc := statistics.New(indicator.New(st), layout, period.Default(), func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) })
	var rep statistics.Report
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			if rep, err = svc.Report(context.Background(), 2026); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("xlsx", func(b *testing.B) {
		for b.Loop() {
			if _, err := statistics.XLSX(rep, "vi"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
