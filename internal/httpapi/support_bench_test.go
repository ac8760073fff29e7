package httpapi_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// BenchmarkApprovals measures decisions through the API on one
// programme, all reserving in its one ledger document: the hot spot of
// the support procedure. 8 officers at once; every approval fits the
// budget, so none is refused.
func BenchmarkApprovals(b *testing.B) {
	h := apptest.New(b)
	officer := h.Demo("officer")
	_, ids := appraisalQueue(b, h, b.N, b.N, 1_000_000)
	var next atomic.Int64
	var wg sync.WaitGroup
	lat := make([]time.Duration, b.N)
	b.ResetTimer()
	start := time.Now()
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				start := time.Now()
				r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + ids[i] + "/decide", Token: officer.Access,
					Body: map[string]any{"outcome": "approved", "amount": 1_000_000}, Headers: map[string]string{"Idempotency-Key": fmt.Sprint("b", i)}})
				lat[i] = time.Since(start)
				if r.Status != 200 {
					b.Errorf("decide: %d %s", r.Status, r.Body)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	report(b, lat, elapsed)
}

// BenchmarkDecisionPaper measures the printable decision, HTML and PDF.
func BenchmarkDecisionPaper(b *testing.B) {
	h := apptest.New(b)
	officer := h.Demo("officer")
	_, ids := appraisalQueue(b, h, 1, 1, 100_000_000)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + ids[0] + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "approved", "amount": 100_000_000}}); r.Status != 200 {
		b.Fatalf("decide: %d %s", r.Status, r.Body)
	}
	for _, format := range []string{"html", "pdf"} {
		b.Run(format, func(b *testing.B) {
			size := 0
			for b.Loop() {
				r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + ids[0] + "/decision?format=" + format, Token: officer.Access})
				if r.Status != 200 {
					b.Fatalf("%d %s", r.Status, r.Body)
				}
				size = len(r.Body)
			}
			b.ReportMetric(float64(size)/1024, "KiB")
		})
	}
}
