package apptest_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/search"
)

// BenchmarkNew is the cost of starting one platform with the demo data:
// copied from the data seeded once per test binary, or seeded afresh (a
// wrapped search engine takes that path). Besides wall time it reports
// the CPU time of the process per start, which other load on the machine
// does not inflate.
func BenchmarkNew(b *testing.B) {
	identity := func(e search.Engine) search.Engine { return e }
	for _, c := range []struct {
		name string
		wrap func(search.Engine) search.Engine
	}{{"seeded", nil}, {"fresh", identity}} {
		b.Run(c.name, func(b *testing.B) {
			apptest.New(b) // the seeded data is made once, outside the measurement
			cpu := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				apptest.NewWithEngine(b, c.wrap)
			}
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
