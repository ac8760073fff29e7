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
