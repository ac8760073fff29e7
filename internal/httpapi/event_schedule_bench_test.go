package httpapi_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/store"
)

// seedCrowd writes a matchmaking event of the size: 300 approved
// registrations (a third free all day, a third in one session a day, a
// third in a random half of the slots) and 1,500 accepted meetings between
// random pairs, on 2 days × 16 slots × 40 tables.
func seedCrowd(b *testing.B, h *apptest.Harness, seed uint64) string {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 1500))
	now := time.Now().UTC()
	ev := event.Event{ID: store.NewID(), Name: "Ngày kết nối B2B quy mô tỉnh", Kind: event.KindMatchmaking, State: event.StatePublished,
		StartDate: "2026-05-12", EndDate: "2026-05-13", Venue: "Trung tâm Hội nghị tỉnh", Organisers: []string{}, Sectors: []string{},
		Meetings: event.MeetingSettings{Days: []string{"2026-05-12", "2026-05-13"}, Start: "08:00", Minutes: 15, SlotsPerDay: 16, Tables: 40,
			Breaks: []event.Break{{After: 7, Minutes: 60}}}, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
	if err := store.Insert(ctx, h.App.Store, event.Collection, &ev); err != nil {
		b.Fatal(err)
	}
	regs := make([]event.Registration, 300)
	for i := range regs {
		var slots []int
		switch i % 3 {
		case 1:
			from := 8 * r.IntN(2)
			for d := range 2 {
				for s := from; s < from+8; s++ {
					slots = append(slots, d*16+s)
				}
			}
		case 2:
			for s := range 32 {
				if r.IntN(2) == 0 {
					slots = append(slots, s)
				}
			}
		}
		regs[i] = event.Registration{ID: store.NewID(), EventID: ev.ID, Role: event.RoleParticipant,
			Org: event.Ref{ID: fmt.Sprintf("org%03d", i), Name: fmt.Sprintf("Tổ chức %d", i)}, Listings: []string{}, Needs: []string{},
			Slots: slots, State: event.RegApproved, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
	}
	if err := store.InsertMany(ctx, h.App.Store, event.RegistrationCollection, regs); err != nil {
		b.Fatal(err)
	}
	ms := make([]event.Meeting, 1500)
	for i := range ms {
		a, c := r.IntN(300), r.IntN(300)
		for c == a {
			c = r.IntN(300)
		}
		ms[i] = event.Meeting{ID: store.NewID(), EventID: ev.ID, From: event.Ref{ID: regs[a].ID, Name: regs[a].Org.Name}, FromOrg: regs[a].Org.ID,
			To: event.Ref{ID: regs[c].ID, Name: regs[c].Org.Name}, ToOrg: regs[c].Org.ID, Message: "Xin gặp để trao đổi.", State: event.MeetAccepted,
			Outcomes: []event.Outcome{}, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
	}
	if err := store.InsertMany(ctx, h.App.Store, event.MeetingCollection, ms); err != nil {
		b.Fatal(err)
	}
	return ev.ID
}

// BenchmarkScheduleRun is POST /events/{id}/schedule over HTTP at the
// issue's size, on the embedded store: "first" places every meeting of a
// fresh event (a conditional write per placed meeting); "again" runs once
// more with nothing changed (no write but the event's scheduledAt).
func BenchmarkScheduleRun(b *testing.B) {
	h := apptest.New(b)
	officer := h.Demo("officer")
	run := func(id string) {
		r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + id + "/schedule", Token: officer.Access})
		if r.Status != 200 {
			b.Fatalf("schedule: %d %.300s", r.Status, r.Body)
		}
	}
	b.Run("first", func(b *testing.B) {
		for i := range b.N {
			b.StopTimer()
			id := seedCrowd(b, h, uint64(i+1))
			b.StartTimer()
			run(id)
		}
	})
	b.Run("again", func(b *testing.B) {
		id := seedCrowd(b, h, 99)
		run(id)
		for b.Loop() {
			run(id)
		}
	})
}
