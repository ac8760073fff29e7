// Package period is the reporting year of the province's plan and of the
// S&T statistical regime: data from 15 December of the previous year to
// 14 December (inclusive, Vietnam's days), reports open from 1 November and
// due on 30 November. The days are a Rule — data, not constants — because
// the ministry's circulars have moved them before and may again.
package period

import (
	"fmt"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
)

// MonthDay is a day of the year, e.g. 15/12.
type MonthDay struct {
	Month time.Month `json:"month"`
	Day   int        `json:"day"`
}

func (d MonthDay) String() string { return fmt.Sprintf("%02d/%02d", d.Day, int(d.Month)) }

// Rule says when a reporting year's data begin (in the previous calendar
// year when Start falls after Due, as 15/12 does), when reports open and
// when they are due.
type Rule struct {
	Start MonthDay `json:"start"` // first day of data; the last is the day before it, a year later
	Opens MonthDay `json:"opens"` // reports may be submitted from this day
	Due   MonthDay `json:"due"`   // the last day to submit
}

// Default is the regime in force: 15/12–14/12, open from 1/11, due 30/11.
func Default() Rule {
	return Rule{
		Start: MonthDay{time.December, 15},
		Opens: MonthDay{time.November, 1},
		Due:   MonthDay{time.November, 30},
	}
}

// Validate refuses days that do not exist (31/4) and a year whose data
// would start after its reports are due.
func (r Rule) Validate() error {
	for _, d := range []MonthDay{r.Start, r.Opens, r.Due} {
		if d.Month < time.January || d.Month > time.December || d.Day < 1 ||
			d.Day > daysIn(d.Month) {
			return fmt.Errorf("period: no such day %s", d)
		}
	}
	if !before(r.Opens, r.Due) && r.Opens != r.Due {
		return fmt.Errorf("period: reports open (%s) after they are due (%s)", r.Opens, r.Due)
	}
	return nil
}

// daysIn counts February as 28 days so that a rule holds every year.
func daysIn(m time.Month) int {
	return time.Date(2001, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func before(a, b MonthDay) bool {
	return a.Month < b.Month || (a.Month == b.Month && a.Day < b.Day)
}

// Period is one reporting year: [From, To) as instants, with the days a
// person reads.
type Period struct {
	Year     int       `json:"year"`
	From     time.Time `json:"from"`     // first instant of data (00:00 Vietnam time)
	To       time.Time `json:"to"`       // first instant after the data (exclusive)
	FirstDay string    `json:"firstDay"` // YYYY-MM-DD, inclusive
	LastDay  string    `json:"lastDay"`  // YYYY-MM-DD, inclusive
	Opens    time.Time `json:"opens"`    // reports accepted from
	Due      time.Time `json:"due"`      // end of the due day (exclusive instant)
	DueDay   string    `json:"dueDay"`   // YYYY-MM-DD
}

func day(y int, d MonthDay) time.Time {
	return time.Date(y, d.Month, d.Day, 0, 0, 0, 0, calendar.Vietnam)
}

// startYear is the calendar year in which year y's data begin: the year
// before when the start day comes after the due day (15/12 after 30/11).
func (r Rule) startYear(y int) int {
	if before(r.Due, r.Start) {
		return y - 1
	}
	return y
}

// Year is reporting year y.
func (r Rule) Year(y int) Period {
	from := day(r.startYear(y), r.Start)
	to := day(r.startYear(y+1), r.Start)
	due := day(y, r.Due).AddDate(0, 0, 1)
	return Period{
		Year:     y,
		From:     from.UTC(),
		To:       to.UTC(),
		FirstDay: from.Format(time.DateOnly),
		LastDay:  to.AddDate(0, 0, -1).Format(time.DateOnly),
		Opens:    day(y, r.Opens).UTC(),
		Due:      due.UTC(),
		DueDay:   day(y, r.Due).Format(time.DateOnly),
	}
}

// YearOf is the reporting year whose data include t.
func (r Rule) YearOf(t time.Time) int {
	y := t.In(calendar.Vietnam).Year()
	for _, c := range []int{y, y + 1, y - 1} {
		if r.Year(c).Contains(t) {
			return c
		}
	}
	return y // unreachable for a valid rule: the years tile time
}

// Contains says whether t falls in the period's data.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && t.Before(p.To)
}

// Open says whether reports for the period may be submitted at now.
func (p Period) Open(now time.Time) bool { return !now.Before(p.Opens) }

// Overdue says whether the due day has passed at now.
func (p Period) Overdue(now time.Time) bool { return !now.Before(p.Due) }

// DaysLeft is how many Vietnam days remain before the due day ends,
// counting the due day itself: 1 on the due day, 0 once it has passed.
func (p Period) DaysLeft(now time.Time) int {
	if p.Overdue(now) {
		return 0
	}
	today := now.In(calendar.Vietnam)
	start := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, calendar.Vietnam)
	return int(p.Due.Sub(start).Hours()/24 + 0.5)
}
