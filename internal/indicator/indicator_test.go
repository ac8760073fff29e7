package indicator_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Vietnam)
}

func ptr[T any](v T) *T { return &v }

func open(t testing.TB) *store.Store {
	t.Helper()
	st := storetest.New(t)
	specs := append([]store.CollectionSpec{transfer.Spec, catalog.Spec, org.Spec}, support.Specs...)
	if err := st.Ensure(context.Background(), specs...); err != nil {
		t.Fatal(err)
	}
	return st
}

func insert(t testing.TB, st *store.Store, coll string, doc any) {
	t.Helper()
	if err := store.Insert(context.Background(), st, coll, doc); err != nil {
		t.Fatal(err)
	}
}

func ids(r indicator.Result) []string {
	out := []string{}
	for _, rec := range r.Records {
		out = append(out, rec.ID)
	}
	return out
}

func count(t *testing.T, s *indicator.Snapshot, metric string, filters map[string]string, w indicator.Window) indicator.Result {
	t.Helper()
	r, err := s.Count(indicator.Query{Metric: metric, Filters: filters}, w)
	if err != nil {
		t.Fatalf("%s %v: %v", metric, filters, err)
	}
	return r
}

func newTransfer(id, title, form, signedOn string, value int64, sectors ...string) *transfer.Transfer {
	return &transfer.Transfer{ID: id, Title: title, Form: form, SignedOn: signedOn, ContractValue: value, Sectors: sectors,
		Methods: []string{"documents"}, Listings: nil, Documents: []string{},
		Registration: transfer.Registration{Status: transfer.RegNotRequired}}
}

// A contract signed on 14/12 (even at 23:30 Vietnam time, still 14/12 there)
// counts in that reporting year; one signed on 15/12 counts in the next.
// Listings, dated by instants, follow the same Vietnam days: 23:30 on 14/12
// Vietnam time is 16:30 UTC the same day.
func TestPeriodBoundaries(t *testing.T) {
	st := open(t)
	rule := period.Default()
	insert(t, st, transfer.Collection, newTransfer("t-last", "Signed 14/12 23:30", "licence", "2026-12-14", 100, "biotech"))
	insert(t, st, transfer.Collection, newTransfer("t-next", "Signed 15/12", "licence", "2026-12-15", 200, "biotech"))
	insert(t, st, transfer.Collection, newTransfer("t-first", "Signed 15/12 of the year before", "licence", "2025-12-15", 400, "biotech"))
	insert(t, st, transfer.Collection, newTransfer("t-before", "Signed 14/12 of the year before", "licence", "2025-12-14", 800, "biotech"))
	last := vn(2026, 12, 14, 23, 30)
	next := vn(2026, 12, 15, 0, 0)
	insert(t, st, catalog.Collection, &catalog.Listing{ID: "l-last", Kind: catalog.KindTechnology, State: catalog.StatePublished, Title: "Published 14/12 23:30", PublishedAt: &last})
	insert(t, st, catalog.Collection, &catalog.Listing{ID: "l-next", Kind: catalog.KindTechnology, State: catalog.StatePublished, Title: "Published 15/12 00:00", PublishedAt: &next})

	s, err := indicator.New(st).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	y2026, y2027 := indicator.YearOf(rule.Year(2026)), indicator.YearOf(rule.Year(2027))
	if got := ids(count(t, s, indicator.TransfersSigned, nil, y2026)); !slices.Equal(got, []string{"t-first", "t-last"}) {
		t.Errorf("2026 transfers = %v, want t-first and t-last", got)
	}
	if got := ids(count(t, s, indicator.TransfersSigned, nil, y2027)); !slices.Equal(got, []string{"t-next"}) {
		t.Errorf("2027 transfers = %v, want t-next", got)
	}
	if r := count(t, s, indicator.TransfersSignedValue, nil, y2026); r.Value() != 500 {
		t.Errorf("2026 value = %d, want 500", r.Value())
	}
	if r := count(t, s, indicator.TransfersSignedValue, nil, indicator.UpTo(rule.Year(2026))); r.Value() != 1300 || r.Count != 3 {
		t.Errorf("cumulative to 2026 = %d from %d, want 1300 from 3", r.Value(), r.Count)
	}
	if got := ids(count(t, s, indicator.ListingsPublished, nil, y2026)); !slices.Equal(got, []string{"l-last"}) {
		t.Errorf("2026 listings = %v, want l-last", got)
	}
	if got := ids(count(t, s, indicator.ListingsPublished, nil, y2027)); !slices.Equal(got, []string{"l-next"}) {
		t.Errorf("2027 listings = %v, want l-next", got)
	}
	if rule.YearOf(last) != 2026 || rule.YearOf(next) != 2027 {
		t.Errorf("period: %d, %d", rule.YearOf(last), rule.YearOf(next))
	}
}

// Every metric counts what it says, with its filters, and returns the
// records it counted.
func TestMetrics(t *testing.T) {
	st := open(t)
	in := func(m time.Month, d int) time.Time { return vn(2026, m, d, 10, 0) }
	reg := newTransfer("t1", "Shan tuyết tea processing", "licence", "2026-03-01", 1_000_000, "agri_processing", "biotech")
	reg.Registration = transfer.Registration{Required: true, Status: transfer.RegRegistered, RegisteredOn: "2026-04-01", Number: "01/ĐK"}
	reg.PublicConsent = true
	insert(t, st, transfer.Collection, reg)
	insert(t, st, transfer.Collection, newTransfer("t2", "Vegetable greenhouse", "technical_service", "2026-05-01", 2_000_000, "hitech_agri"))
	late := newTransfer("t3", "Registered next year", "licence", "2026-11-01", 4_000_000, "biotech")
	late.Registration = transfer.Registration{Required: true, Status: transfer.RegRegistered, RegisteredOn: "2027-01-05"}
	insert(t, st, transfer.Collection, late)

	for _, l := range []catalog.Listing{
		{ID: "l1", Kind: catalog.KindIP, IPType: "collective_trademark", Title: "Chè Tân Cương collective mark", Sectors: []string{"agri_processing"}, PublishedAt: ptr(in(2, 1))},
		{ID: "l2", Kind: catalog.KindIP, IPType: "geographical_indication", Title: "GI", PublishedAt: ptr(in(2, 2))},
		{ID: "l3", Kind: catalog.KindTechnology, Title: "Tech", Sectors: []string{"biotech"}, PublishedAt: ptr(in(2, 3))},
		{ID: "l4", Kind: catalog.KindDemand, Title: "Draft need, never published"},
	} {
		insert(t, st, catalog.Collection, &l)
	}
	for _, o := range []org.Organization{
		{ID: "o1", Name: "Enterprise A", Kind: org.KindEnterprise, Status: org.StatusVerified, CreatedAt: in(1, 5), DecidedAt: ptr(in(1, 6))},
		{ID: "o2", Name: "Institute B", Kind: org.KindInstitute, Status: org.StatusPending, CreatedAt: in(1, 7)},
		{ID: "o3", Name: "Enterprise C", Kind: org.KindEnterprise, Status: org.StatusVerified, CreatedAt: vn(2024, 1, 1, 0, 0), DecidedAt: ptr(in(3, 1))},
	} {
		insert(t, st, org.Collection, &o)
	}
	insert(t, st, support.ApplicationCollection, &support.Application{ID: "a1", ProgramID: "p1", OrgID: "o1", OrgName: "Enterprise A", Title: "Renew the tea line", State: support.AppAccepted,
		Acceptance: &support.Acceptance{Outcome: support.AppAccepted, On: "2026-10-01"}})
	insert(t, st, support.ApplicationCollection, &support.Application{ID: "a2", ProgramID: "p1", OrgID: "o1", OrgName: "Enterprise A", Title: "Second project", State: support.AppApproved})
	insert(t, st, support.ApplicationCollection, &support.Application{ID: "a3", ProgramID: "p2", OrgID: "o3", OrgName: "Enterprise C", Title: "Other programme", State: support.AppApproved})
	p1 := support.Program{ID: "p1", Name: "Programme 1", State: support.ProgramPublished, Reservations: []support.Reservation{
		{ApplicationID: "a1", OrgID: "o1", At: in(4, 1), Hold: ledger.Hold{Amount: 300, Released: 50, Tranches: []ledger.Tranche{{Amount: 100, On: "2026-05-01"}, {Amount: 150, On: "2027-01-01"}}}},
		{ApplicationID: "a2", OrgID: "o1", At: in(6, 1), Hold: ledger.Hold{Amount: 500}},
	}}
	p2 := support.Program{ID: "p2", Name: "Programme 2", State: support.ProgramPublished, Reservations: []support.Reservation{
		{ApplicationID: "a3", OrgID: "o3", At: vn(2025, 6, 1, 0, 0), Hold: ledger.Hold{Amount: 700}},
	}}
	insert(t, st, support.ProgramCollection, &p1)
	insert(t, st, support.ProgramCollection, &p2)

	s, err := indicator.New(st).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w := indicator.YearOf(period.Default().Year(2026))
	for _, tc := range []struct {
		metric  string
		filters map[string]string
		value   int64
		ids     []string
	}{
		{indicator.TransfersSigned, nil, 3, []string{"t1", "t2", "t3"}},
		{indicator.TransfersSigned, map[string]string{"form": "licence"}, 2, []string{"t1", "t3"}},
		{indicator.TransfersSigned, map[string]string{"sector": "biotech"}, 2, []string{"t1", "t3"}},
		{indicator.TransfersSignedValue, map[string]string{"sector": "hitech_agri"}, 2_000_000, []string{"t2"}},
		{indicator.TransfersRegistered, nil, 1, []string{"t1"}},
		{indicator.TransfersRegisteredValue, nil, 1_000_000, []string{"t1"}},
		{indicator.ListingsPublished, nil, 3, []string{"l1", "l2", "l3"}},
		{indicator.ListingsPublished, map[string]string{"kind": "technology"}, 1, []string{"l3"}},
		{indicator.IPListingsPublished, map[string]string{"ipType": "collective_trademark"}, 1, []string{"l1"}},
		{indicator.IPListingsPublished, nil, 2, []string{"l1", "l2"}},
		{indicator.OrgsRegistered, nil, 2, []string{"o1", "o2"}},
		{indicator.OrgsRegistered, map[string]string{"status": "pending"}, 1, []string{"o2"}},
		{indicator.OrgsVerified, map[string]string{"kind": "enterprise"}, 2, []string{"o1", "o3"}},
		{indicator.EnterprisesSupported, nil, 1, []string{"o1"}},
		{indicator.ApplicationsApproved, nil, 2, []string{"a1", "a2"}},
		{indicator.ApplicationsApproved, map[string]string{"program": "p2"}, 0, []string{}},
		{indicator.SupportCommitted, nil, 750, []string{"a1", "a2"}},
		{indicator.SupportDisbursed, nil, 100, []string{"a1#1"}},
		{indicator.ProjectsAccepted, nil, 1, []string{"a1"}},
	} {
		r := count(t, s, tc.metric, tc.filters, w)
		if r.Value() != tc.value || !slices.Equal(ids(r), tc.ids) {
			t.Errorf("%s %v = %d %v, want %d %v", tc.metric, tc.filters, r.Value(), ids(r), tc.value, tc.ids)
		}
	}
	// What the records say, for linking and for the public's consent rule.
	r := count(t, s, indicator.TransfersSigned, map[string]string{"form": "licence"}, w)
	if rec := r.Records[0]; rec.Title != "Shan tuyết tea processing" || rec.Link != "/transfers/t1" || rec.Confidential || rec.Day != "2026-03-01" {
		t.Errorf("t1's record = %+v", rec)
	}
	if !r.Records[1].Confidential {
		t.Errorf("t3 has no consent, its record must say confidential: %+v", r.Records[1])
	}
	// Everything up to 2026: p2's approval of 2025 counts too.
	if r := count(t, s, indicator.EnterprisesSupported, nil, indicator.UpTo(period.Default().Year(2026))); r.Count != 2 {
		t.Errorf("enterprises supported to 2026 = %d, want 2", r.Count)
	}
}

// A query names a metric of the catalogue and only the filters it takes.
func TestQueryValidate(t *testing.T) {
	for _, tc := range []struct {
		q     indicator.Query
		field string
	}{
		{indicator.Query{Metric: "transfers.nope"}, "metric"},
		{indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"kind": "ip"}}, "filters.kind"},
		{indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"form": ""}}, "filters.form"},
	} {
		err := tc.q.Validate()
		e, ok := errs.As(err)
		if !ok || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
			t.Errorf("%+v: %v, want one field error on %s", tc.q, err, tc.field)
		}
	}
	if err := (indicator.Query{Metric: indicator.IPListingsPublished, Filters: map[string]string{"ipType": "geographical_indication"}}).Validate(); err != nil {
		t.Errorf("a good query: %v", err)
	}
	if _, err := indicator.New(nil).Count(context.Background(), indicator.Query{Metric: "x"}, indicator.Window{}); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("an unknown metric must be refused before reading: %v", err)
	}
}

// Every metric has both labels, a unit and an explanation; ids are unique.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range indicator.Catalogue() {
		if seen[m.ID] || m.Label.Vi == "" || m.Label.En == "" || m.Counted.Vi == "" || m.Counted.En == "" ||
			(m.Unit != indicator.UnitCount && m.Unit != indicator.UnitVND) {
			t.Errorf("metric %+v", m)
		}
		seen[m.ID] = true
	}
}

// Each read of a Snapshot is served by an index of its collection (or is
// a whole scan, which it means to be).
func TestSourcesAreServed(t *testing.T) {
	for _, src := range indicator.Sources {
		spec := src.Spec
		spec.Queries = []store.Query{src.Query}
		if u := spec.Unserved(); len(u) > 0 {
			t.Error(u)
		}
	}
}

// The events' figures: organisations taking part in published events
// (each once, on the first event's opening day), and the MoUs and
// contracts recorded there — signed on the spot or within six months of
// the event's end, by kind, sector and event.
func TestEventMetrics(t *testing.T) {
	st := open(t)
	fair := &event.Event{ID: "fair", Name: "Techmart 2026", State: event.StatePublished, StartDate: "2026-12-10", EndDate: "2026-12-12"}
	draft := &event.Event{ID: "draft", Name: "Draft", State: event.StateDraft, StartDate: "2026-11-10", EndDate: "2026-11-10"}
	spring := &event.Event{ID: "spring", Name: "Demo day", State: event.StatePublished, StartDate: "2026-04-02", EndDate: "2026-04-02"}
	for _, ev := range []*event.Event{fair, draft, spring} {
		insert(t, st, event.Collection, ev)
	}
	reg := func(id, eventID, orgID, kind, state string) {
		insert(t, st, event.RegistrationCollection, &event.Registration{ID: id, EventID: eventID, Org: event.Ref{ID: orgID, Name: orgID}, OrgKind: kind, State: state})
	}
	reg("r1", "fair", "coop", "enterprise", event.RegApproved)
	reg("r2", "fair", "inst", "institute", event.RegApproved)
	reg("r3", "fair", "late", "enterprise", event.RegPending)
	reg("r4", "draft", "other", "enterprise", event.RegApproved)
	reg("r5", "spring", "coop", "enterprise", event.RegApproved)
	deal := func(id, eventID, kind, signedOn string, onSpot bool, value int64, sectors ...string) {
		insert(t, st, event.DealCollection, &event.Deal{ID: id, EventID: eventID, Kind: kind, SignedOn: signedOn, OnSpot: onSpot, ValueVND: value, Sectors: sectors,
			Supplier: event.Ref{ID: "inst", Name: "Viện"}, Recipient: event.Ref{ID: "coop", Name: "HTX"}})
	}
	deal("d1", "fair", event.DealMoU, "2026-12-11", true, 0, "biotech")
	deal("d2", "fair", event.DealContract, "2026-12-12", true, 300, "biotech", "agri_processing")
	deal("d3", "fair", event.DealContract, "2027-06-12", false, 500, "biotech")  // within six months: next reporting year
	deal("d4", "fair", event.DealContract, "2027-06-13", false, 9000, "biotech") // too late: not the fair's
	s, err := indicator.New(st).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	y2026, y2027, all := indicator.YearOf(period.Default().Year(2026)), indicator.YearOf(period.Default().Year(2027)), indicator.Window{To: vn(2030, 1, 1, 0, 0)}
	if r := count(t, s, indicator.EventParticipants, nil, y2026); !slices.Equal(ids(r), []string{"coop", "inst"}) || r.Records[0].Day != "2026-04-02" {
		t.Errorf("participants: %v %+v", ids(r), r.Records)
	}
	if r := count(t, s, indicator.EventParticipants, map[string]string{indicator.FilterKind: "enterprise", indicator.FilterEvent: "fair"}, y2026); !slices.Equal(ids(r), []string{"coop"}) {
		t.Errorf("enterprises at the fair: %v", ids(r))
	}
	if r := count(t, s, indicator.EventDeals, nil, y2026); !slices.Equal(ids(r), []string{"d1", "d2"}) {
		t.Errorf("deals 2026: %v", ids(r))
	}
	if r := count(t, s, indicator.EventDealsValue, map[string]string{indicator.FilterKind: event.DealContract}, all); r.Value() != 800 || r.Count != 2 {
		t.Errorf("contract value: %d of %d", r.Value(), r.Count)
	}
	if r := count(t, s, indicator.EventDeals, map[string]string{indicator.FilterSector: "biotech"}, y2027); !slices.Equal(ids(r), []string{"d3"}) {
		t.Errorf("deals 2027: %v", ids(r))
	}
}
