// Package calendar is Vietnam's calendar. The province's days — an
// application window, a contract's registration deadline, a listing's
// expiry, the date on a decision — begin and end in Asia/Ho_Chi_Minh,
// whatever zone the server runs in.
package calendar

import "time"

// Vietnam is the zone; UTC+7 (no daylight saving) when the system has no
// zone database.
var Vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// Day is t's day in Vietnam, YYYY-MM-DD.
func Day(t time.Time) string { return t.In(Vietnam).Format(time.DateOnly) }

// Future reports whether day d (as a date field parses, midnight UTC) comes
// after today in Vietnam at now. Comparing the days, not the instants,
// keeps "today" today in the hours when Vietnam's date is ahead of UTC's.
func Future(d, now time.Time) bool { return d.Format(time.DateOnly) > Day(now) }
