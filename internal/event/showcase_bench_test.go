package event

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// fair is a province's Techmart at the scale of Techmart 2015: 600
// booths' worth of approved registrations showing three listings each, a
// few other events, 1,500 meetings and 463 deals.
func fair(regs int) (Event, []Registration, []Meeting, []Deal) {
	ev := Event{ID: "fair", State: StatePublished, StartDate: "2026-12-10", EndDate: "2026-12-13",
		Booths: []BoothType{{Code: "std", Name: "Gian tiêu chuẩn", Count: regs, Prefix: "A"}}}
	now := time.Date(2026, 12, 13, 0, 0, 0, 0, time.UTC)
	out := make([]Registration, regs)
	for i := range out {
		out[i] = Registration{ID: fmt.Sprintf("r%d", i), EventID: ev.ID, Role: RoleExhibitor, OrgKind: "enterprise", State: RegApproved,
			BoothType: "std", Booth: fmt.Sprintf("A-%d", i+1), Org: Ref{ID: fmt.Sprintf("o%d", i)},
			Listings: []string{fmt.Sprintf("l%d-1", i), fmt.Sprintf("l%d-2", i), fmt.Sprintf("l%d-3", i)}, Needs: []string{}, Slots: []int{}}
		if i%3 == 0 {
			out[i].CheckedInAt = &now
		}
	}
	meetings := make([]Meeting, 1500)
	for i := range meetings {
		meetings[i] = Meeting{ID: fmt.Sprintf("m%d", i), EventID: ev.ID, State: MeetAccepted,
			History: []Step{{State: MeetRequested}, {State: MeetAccepted}}, Outcomes: []Outcome{{Result: OutcomeHeld}}}
	}
	deals := make([]Deal, 463)
	for i := range deals {
		deals[i] = Deal{ID: fmt.Sprintf("d%d", i), EventID: ev.ID, Kind: DealKinds[i%2], ValueVND: 800_000_000, OnSpot: i%3 != 0,
			SignedOn: "2027-01-15", Sectors: []string{"agri_processing", "biotech"}[i%2:]}
	}
	return ev, out, meetings, deals
}

// BenchmarkReportCount counts the results of a fair of 600 stands, 1,500
// meetings and 463 deals from records already read.
func BenchmarkReportCount(b *testing.B) {
	ev, regs, meetings, deals := fair(600)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		Count(ev, regs, meetings, deals, now)
	}
}

// BenchmarkShowcaseTags reads which listings every published event shows
// (what the search indexer writes on each drain and a showcase checks on
// each view) from the embedded store holding 600 approved registrations.
func BenchmarkShowcaseTags(b *testing.B) {
	st := storetest.New(b)
	ctx := context.Background()
	ev, regs, _, _ := fair(600)
	if err := store.Insert(ctx, st, Collection, &ev); err != nil {
		b.Fatal(err)
	}
	for i := range regs {
		if err := store.Insert(ctx, st, RegistrationCollection, &regs[i]); err != nil {
			b.Fatal(err)
		}
	}
	s := NewShowcase(ShowcaseDeps{Store: st, Now: time.Now})
	b.ResetTimer()
	for b.Loop() {
		tags, err := s.Tags(ctx)
		if err != nil || len(tags) != 1800 {
			b.Fatalf("%d tags, %v", len(tags), err)
		}
	}
}
