package event

import "testing"

// A deal counts on the spot, later within six months of the event's last
// day (the same day six months on, or that month's last day), or not at all.
func TestDealTiming(t *testing.T) {
	for _, tc := range []struct {
		end, until string
	}{{"2026-12-12", "2027-06-12"}, {"2026-08-31", "2027-02-28"}, {"2027-08-31", "2028-02-29"}, {"2026-06-30", "2026-12-30"}} {
		ev := Event{StartDate: "2026-01-01", EndDate: tc.end}
		if got := DealsCountUntil(ev); got != tc.until {
			t.Errorf("until after %s: %s, want %s", tc.end, got, tc.until)
		}
	}
	ev := Event{StartDate: "2026-08-29", EndDate: "2026-08-31"}
	for _, tc := range []struct {
		d    Deal
		want string
	}{
		{Deal{OnSpot: true, SignedOn: "2026-08-30"}, DealOnSpot},
		{Deal{SignedOn: "2026-09-15"}, DealLater},
		{Deal{SignedOn: "2027-02-28"}, DealLater},
		{Deal{SignedOn: "2027-03-01"}, DealOutside},
		{Deal{}, DealOutside},
	} {
		if got := DealTiming(ev, tc.d); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.d, got, tc.want)
		}
	}
}
