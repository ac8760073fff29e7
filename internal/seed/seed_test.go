package seed_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/seed"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/seeds"
)

// The demo catalogue passes the API's own checks, loads once, and is
// searchable: the plan's products are found as a visitor would type them.
func TestDemoCatalogue(t *testing.T) {
	h := apptest.New(t)
	h.Settle()
	ctx := context.Background()
	sum, err := h.App.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accounts+sum.Organizations+sum.Listings != 0 {
		t.Fatalf("loading the demo twice created %+v", sum)
	}
	d, _ := seeds.LoadDemo()
	if len(d.Organizations) < 15 {
		t.Errorf("%d demo organisations, want at least 15", len(d.Organizations))
	}
	count := func(kinds ...string) int {
		r, err := h.App.Search.Search(ctx, search.Query{Filter: search.Filter{Kinds: kinds, ActiveAt: h.App.Catalog.Now()}, PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	if offers, needs := count("technology", "equipment", "ip"), count("demand"); offers < 60 || needs < 20 {
		t.Errorf("published: %d offers, %d needs; want ≥ 60 and ≥ 20", offers, needs)
	}
	for _, q := range []string{"che shan tuyet", "mien dong", "quyt", "hong khong hat", "gao bao thai", "nuoc thai", "say nang luong mat troi"} {
		r, err := h.App.Search.Search(ctx, search.Query{Text: q, Filter: search.Filter{ActiveAt: h.App.Catalog.Now()}, PageSize: 3})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total == 0 {
			t.Errorf("%q finds nothing in the demo catalogue", q)
		}
	}
}

// The demo's programme, transfer and event are keyed by their ids: renamed in the
// store, they are still found when the demo loads again (as on every start
// in demo mode), so nothing is added twice and nobody is notified.
func TestDemoReloadAfterRenames(t *testing.T) {
	h := apptest.New(t)
	ctx := context.Background()
	db := h.App.Store.Database()
	for coll, rename := range map[string]bson.D{
		support.ProgramCollection: {{Key: "name", Value: "Chương trình đã đổi tên"}},
		transfer.Collection:       {{Key: "title", Value: "Chuyển giao đã đổi tên"}},
		event.Collection:          {{Key: "name", Value: "Sự kiện đã đổi tên"}},
	} {
		res, err := db.Collection(coll).UpdateOne(ctx, bson.D{{Key: "_id", Value: map[string]string{
			support.ProgramCollection: "70726f670000000000000001", transfer.Collection: "7472616e0000000000000001",
			event.Collection: demoEventID,
		}[coll]}}, bson.D{{Key: "$set", Value: rename}})
		if err != nil || res.MatchedCount != 1 {
			t.Fatalf("rename in %s: %v %+v (the seeded record is not under its stable id)", coll, err, res)
		}
	}
	unread := func() map[string]int {
		out := map[string]int{}
		for _, label := range []string{"admin", "officer", "reviewer", "enterprise", "institute"} {
			u, err := h.App.Auth.UserByEmail(ctx, label+"@demo.techmart.vn")
			if err != nil {
				t.Fatal(err)
			}
			if out[label], err = h.App.Notify.Unread(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	before := unread()
	counts := func() map[string]int64 {
		out := map[string]int64{}
		for _, coll := range []string{support.ProgramCollection, transfer.Collection, event.Collection, event.RegistrationCollection} {
			n, err := store.Count(ctx, h.App.Store, coll, bson.D{})
			if err != nil {
				t.Fatal(err)
			}
			out[coll] = n
		}
		return out
	}
	seeded := counts()
	sum, err := h.App.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (seed.Summary{}) {
		t.Fatalf("loading again after renames created %+v", sum)
	}
	for coll, n := range counts() {
		if n != seeded[coll] {
			t.Errorf("%s: %d records after loading again, want the %d seeded", coll, n, seeded[coll])
		}
	}
	if after := unread(); !maps.Equal(before, after) {
		t.Errorf("loading the demo notified: %v → %v", before, after)
	}
}

// demoEventID is the demo Techmart's stable id in seeds/events.json.
const demoEventID = "6576656e7400000000000001"

// The demo loads one Techmart, published through the event service's
// checks, its dates after the load day and its registration open on it,
// with the institute exhibiting at a numbered booth and the enterprise
// bringing its needs, both approved; nobody is told, and loading again
// adds nothing.
func TestDemoEvent(t *testing.T) {
	h := apptest.New(t)
	ctx := context.Background()
	today := calendar.Day(h.App.Now())
	visible, _, err := h.App.Events.List(ctx, nil, "", event.WhenUpcoming, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	var e event.EventView
	for _, v := range visible {
		if v.ID == demoEventID {
			e = v
		}
	}
	if e.ID == "" {
		t.Fatalf("the demo event is not among the %d upcoming events a visitor sees", len(visible))
	}
	if e.State != event.StatePublished || !e.RegistrationOpen || e.Kind == "" || e.NameEN == "" || e.Venue == "" || len(e.Sectors) == 0 {
		t.Errorf("demo event: state %s, registration open %v, kind %q, English name %q, venue %q, sectors %v",
			e.State, e.RegistrationOpen, e.Kind, e.NameEN, e.Venue, e.Sectors)
	}
	if !(e.RegistrationOpens <= today && today <= e.RegistrationCloses && e.RegistrationCloses < e.StartDate && today < e.StartDate && e.StartDate < e.EndDate) {
		t.Errorf("demo event's days against the load day %s: registration %s–%s, event %s–%s",
			today, e.RegistrationOpens, e.RegistrationCloses, e.StartDate, e.EndDate)
	}
	if !e.HasMeetings() || e.Meetings.Days[0] != e.StartDate {
		t.Errorf("demo event's meetings %+v, want B2B meetings from %s", e.Meetings, e.StartDate)
	}
	if y := e.StartDate[:4]; !strings.HasSuffix(e.Name, y) || !strings.HasSuffix(e.NameEN, y) {
		t.Errorf("demo event %q / %q, want the names to end in the year it starts (%s)", e.Name, e.NameEN, y)
	}
	regs, err := h.App.Events.Registrations(ctx, demoEventID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]event.Registration{}
	for _, r := range regs {
		if r.State != event.RegApproved {
			t.Errorf("registration of %s is %s, want approved", r.Org.Name, r.State)
		}
		roles[r.Role] = r
	}
	ex, pa := roles[event.RoleExhibitor], roles[event.RoleParticipant]
	if len(regs) != 2 || ex.Org.ID != "64656d6f0000000000000002" || pa.Org.ID != "64656d6f0000000000000003" {
		t.Fatalf("demo registrations %+v, want the institute exhibiting and the enterprise taking part", regs)
	}
	if ex.Booth == "" || len(ex.Listings) == 0 || pa.Booth != "" || len(pa.Needs) == 0 {
		t.Errorf("exhibitor at booth %q showing %v; participant at booth %q bringing %v", ex.Booth, ex.Listings, pa.Booth, pa.Needs)
	}
	for _, a := range e.Availability {
		if a.Code == ex.BoothType && a.Taken != 1 {
			t.Errorf("booths of type %s: %d taken, want the exhibitor's one", a.Code, a.Taken)
		}
	}
	for _, label := range []string{"institute", "enterprise"} {
		u, err := h.App.Auth.UserByEmail(ctx, label+"@demo.techmart.vn")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := h.App.Notify.UnreadOf(ctx, u.ID, notify.KindEvent); err != nil || n != 0 {
			t.Errorf("%s has %d event notifications (%v) from loading the demo", label, n, err)
		}
	}

	count := func(coll string) int64 {
		n, err := store.Count(ctx, h.App.Store, coll, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	events, registrations := count(event.Collection), count(event.RegistrationCollection)
	sum, err := h.App.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Events != 0 || count(event.Collection) != events || count(event.RegistrationCollection) != registrations {
		t.Errorf("loading again: %d new events; %d events, %d registrations, want %d and %d",
			sum.Events, count(event.Collection), count(event.RegistrationCollection), events, registrations)
	}
}
