package support

import "testing"

// A plan's target is measured only in its own period: Decision 684's ends
// in 2020, so a 2026 dashboard names it without claiming progress on it.
func TestTargetCoversItsPeriodOnly(t *testing.T) {
	tg := PlanTarget(20)
	for year, want := range map[int]bool{2015: false, 2016: true, 2020: true, 2021: false, 2026: false} {
		if got := tg.covers(year); got != want {
			t.Errorf("covers(%d) = %v, want %v", year, got, want)
		}
	}
}
