package period

import (
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
)

func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Vietnam)
}

// TestYearBoundaries: a transfer signed at 23:30 on 14/12 Vietnam time
// counts in this year; one on 15/12 at 00:00 in the next, although both
// are still 14/12 or 15/12 in UTC.
func TestYearBoundaries(t *testing.T) {
	r := Default()
	cases := []struct {
		at   time.Time
		want int
	}{
		{vn(2026, 12, 14, 23, 30), 2026},
		{vn(2026, 12, 15, 0, 0), 2027},
		{vn(2025, 12, 15, 0, 0), 2026},
		{vn(2025, 12, 14, 23, 59), 2025},
		{vn(2026, 1, 1, 0, 0), 2026},
		{vn(2026, 11, 30, 12, 0), 2026},
	}
	for _, c := range cases {
		if got := r.YearOf(c.at); got != c.want {
			t.Errorf("YearOf(%v) = %d, want %d", c.at, got, c.want)
		}
		if !r.Year(c.want).Contains(c.at) {
			t.Errorf("Year(%d) does not contain %v", c.want, c.at)
		}
	}
	p := r.Year(2026)
	if p.FirstDay != "2025-12-15" || p.LastDay != "2026-12-14" || p.DueDay != "2026-11-30" {
		t.Errorf("2026 = %s..%s due %s", p.FirstDay, p.LastDay, p.DueDay)
	}
	if want := vn(2025, 12, 15, 0, 0); !p.From.Equal(want) {
		t.Errorf("From = %v, want %v", p.From, want)
	}
}

func TestOpenDueAndDaysLeft(t *testing.T) {
	p := Default().Year(2026)
	cases := []struct {
		at            time.Time
		open, overdue bool
		left          int
	}{
		{vn(2026, 10, 31, 23, 59), false, false, 31},
		{vn(2026, 11, 1, 0, 0), true, false, 30},
		{vn(2026, 11, 23, 9, 0), true, false, 8},
		{vn(2026, 11, 29, 9, 0), true, false, 2},
		{vn(2026, 11, 30, 23, 59), true, false, 1},
		{vn(2026, 12, 1, 0, 0), true, true, 0},
	}
	for _, c := range cases {
		if p.Open(c.at) != c.open || p.Overdue(c.at) != c.overdue || p.DaysLeft(c.at) != c.left {
			t.Errorf("at %v: open %v overdue %v left %d, want %v %v %d", c.at,
				p.Open(c.at), p.Overdue(c.at), p.DaysLeft(c.at), c.open, c.overdue, c.left)
		}
	}
}

// TestCalendarYearRule: a rule whose data are the calendar year (1/1) keeps
// them in the same year.
func TestCalendarYearRule(t *testing.T) {
	r := Rule{Start: MonthDay{time.January, 1}, Opens: MonthDay{time.December, 1}, Due: MonthDay{time.December, 20}}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	p := r.Year(2026)
	if p.FirstDay != "2026-01-01" || p.LastDay != "2026-12-31" {
		t.Errorf("calendar year = %s..%s", p.FirstDay, p.LastDay)
	}
	if r.YearOf(vn(2026, 12, 31, 23, 0)) != 2026 || r.YearOf(vn(2027, 1, 1, 0, 0)) != 2027 {
		t.Error("calendar-year boundaries wrong")
	}
}

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Rule{
		{Start: MonthDay{time.April, 31}, Opens: MonthDay{time.November, 1}, Due: MonthDay{time.November, 30}},
		{Start: MonthDay{time.December, 15}, Opens: MonthDay{time.December, 1}, Due: MonthDay{time.November, 30}},
		{Start: MonthDay{13, 1}, Opens: MonthDay{time.November, 1}, Due: MonthDay{time.November, 30}},
	}
	for _, r := range bad {
		if r.Validate() == nil {
			t.Errorf("%+v accepted", r)
		}
	}
}
