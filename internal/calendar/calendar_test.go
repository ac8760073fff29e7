package calendar

import (
	"testing"
	"time"
)

// TestDay: late evening UTC is already the next day in Vietnam.
func TestDay(t *testing.T) {
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 27, 16, 59, 0, 0, time.UTC), "2026-11-27"},
		{time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC), "2026-11-28"},
		{time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC), "2027-01-01"},
	}
	for _, c := range cases {
		if got := Day(c.at); got != c.want {
			t.Errorf("Day(%v) = %s, want %s", c.at, got, c.want)
		}
	}
}

// A day is in the future only when it comes after Vietnam's today: at
// 01:00 in Vietnam (18:00 UTC the day before) today is not the future,
// tomorrow is, and UTC's date is the past.
func TestFuture(t *testing.T) {
	now := time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC) // 8 December, 01:00 in Vietnam
	for day, want := range map[string]bool{"2026-12-07": false, "2026-12-08": false, "2026-12-09": true} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := Future(d, now); got != want {
			t.Errorf("Future(%s) at %s = %v, want %v", day, now, got, want)
		}
	}
}
