package indicator

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/task"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// Source is one read a Snapshot makes: a collection, the filter's shape
// as declared to the owner's indexes (store.Query), the filter and the
// fields projected. TestSourcesAreServed checks each against the owner's
// CollectionSpec.
type Source struct {
	Spec   store.CollectionSpec
	Query  store.Query
	Filter bson.D
	Fields []string
}

// Sources are the reads of a Snapshot, one per collection.
var Sources = []Source{
	{Spec: transfer.Spec, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"title", "form", "sectors", "contractValue", "signedOn", "registration", "supplier", "recipient", "publicConsent"}},
	{Spec: catalog.Spec, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"kind", "state", "title", "sectors", "ipType", "publishedAt"}},
	{Spec: org.Spec, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"name", "kind", "status", "createdAt", "decidedAt"}},
	{Spec: support.Specs[0], Query: store.Query{Name: "indicator: published programmes", Equal: []string{"state"}},
		Filter: bson.D{{Key: "state", Value: support.ProgramPublished}},
		Fields: []string{"name", "reservations.applicationId", "reservations.orgId", "reservations.amount", "reservations.released", "reservations.at", "reservations.tranches.amount", "reservations.tranches.on"}},
	{Spec: support.Specs[1], Query: store.Query{Name: "indicator: all but drafts", Range: []string{"state"}},
		Filter: bson.D{{Key: "state", Value: bson.D{{Key: "$ne", Value: support.AppDraft}}}},
		Fields: []string{"title", "programId", "orgId", "orgName", "state", "acceptance.outcome", "acceptance.on"}},
	{Spec: store.CollectionSpec{Name: event.Collection}, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"name", "state", "startDate", "endDate"}},
	{Spec: store.CollectionSpec{Name: event.RegistrationCollection}, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"eventId", "state", "org", "orgKind"}},
	{Spec: store.CollectionSpec{Name: event.DealCollection}, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"eventId", "kind", "supplier", "recipient", "valueVnd", "onSpot", "signedOn", "sectors"}},
	{Spec: store.CollectionSpec{Name: task.Collection}, Query: store.Query{Name: "indicator: all"}, Filter: bson.D{},
		Fields: []string{"code", "title", "sectors", "performer", "history.state", "history.at"}},
}

// The projections: only the fields counted.
type (
	partyRef struct {
		ID   string `bson:"id"`
		Name string `bson:"name"`
	}
	transferRow struct {
		ID            string   `bson:"_id"`
		Title         string   `bson:"title"`
		Form          string   `bson:"form"`
		Sectors       []string `bson:"sectors"`
		ContractValue int64    `bson:"contractValue"`
		SignedOn      string   `bson:"signedOn"`
		Registration  struct {
			Status       string `bson:"status"`
			RegisteredOn string `bson:"registeredOn"`
		} `bson:"registration"`
		Supplier      partyRef `bson:"supplier"`
		Recipient     partyRef `bson:"recipient"`
		PublicConsent bool     `bson:"publicConsent"`
	}
	listingRow struct {
		ID          string     `bson:"_id"`
		Kind        string     `bson:"kind"`
		State       string     `bson:"state"`
		Title       string     `bson:"title"`
		Sectors     []string   `bson:"sectors"`
		IPType      string     `bson:"ipType"`
		PublishedAt *time.Time `bson:"publishedAt"`
	}
	orgRow struct {
		ID        string     `bson:"_id"`
		Name      string     `bson:"name"`
		Kind      string     `bson:"kind"`
		Status    string     `bson:"status"`
		CreatedAt time.Time  `bson:"createdAt"`
		DecidedAt *time.Time `bson:"decidedAt"`
	}
	programRow struct {
		ID           string `bson:"_id"`
		Name         string `bson:"name"`
		Reservations []struct {
			ApplicationID string    `bson:"applicationId"`
			OrgID         string    `bson:"orgId"`
			Amount        int64     `bson:"amount"`
			Released      int64     `bson:"released"`
			At            time.Time `bson:"at"`
			Tranches      []struct {
				Amount int64  `bson:"amount"`
				On     string `bson:"on"`
			} `bson:"tranches"`
		} `bson:"reservations"`
	}
	applicationRow struct {
		ID         string `bson:"_id"`
		Title      string `bson:"title"`
		ProgramID  string `bson:"programId"`
		OrgID      string `bson:"orgId"`
		OrgName    string `bson:"orgName"`
		State      string `bson:"state"`
		Acceptance struct {
			Outcome string `bson:"outcome"`
			On      string `bson:"on"`
		} `bson:"acceptance"`
	}
)

// taskRow is a commissioned task, projected: its steps say when it was
// accepted.
type taskRow struct {
	ID        string     `bson:"_id"`
	Code      string     `bson:"code"`
	Title     string     `bson:"title"`
	Sectors   []string   `bson:"sectors"`
	Performer partyRef   `bson:"performer"`
	History   []taskStep `bson:"history"`
}

type taskStep struct {
	State string    `bson:"state"`
	At    time.Time `bson:"at"`
}

// The events' records: their own types, projected (Sources).
type (
	eventRow        = event.Event
	registrationRow = event.Registration
	dealRow         = event.Deal
)

// Engine reads the platform's records for counting.
type Engine struct {
	st *store.Store
}

// New returns an engine over the store.
func New(st *store.Store) *Engine { return &Engine{st: st} }

// Snapshot is the counted fields of every source, read once; it is
// immutable and safe to count from concurrently.
type Snapshot struct {
	transfers    []transferRow
	listings     []listingRow
	orgs         []orgRow
	programs     []programRow
	applications map[string]applicationRow
	events       map[string]eventRow
	eventRegs    []registrationRow
	eventDeals   []dealRow
	tasks        []taskRow
}

// Snapshot reads the sources (one scan each, projected).
func (e *Engine) Snapshot(ctx context.Context) (*Snapshot, error) {
	s := &Snapshot{}
	var apps []applicationRow
	if err := read(ctx, e.st, Sources[0], &s.transfers); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[1], &s.listings); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[2], &s.orgs); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[3], &s.programs); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[4], &apps); err != nil {
		return nil, err
	}
	s.applications = make(map[string]applicationRow, len(apps))
	for _, a := range apps {
		s.applications[a.ID] = a
	}
	var events []eventRow
	if err := read(ctx, e.st, Sources[5], &events); err != nil {
		return nil, err
	}
	s.events = make(map[string]eventRow, len(events))
	for _, ev := range events {
		s.events[ev.ID] = ev
	}
	if err := read(ctx, e.st, Sources[6], &s.eventRegs); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[7], &s.eventDeals); err != nil {
		return nil, err
	}
	if err := read(ctx, e.st, Sources[8], &s.tasks); err != nil {
		return nil, err
	}
	return s, nil
}

func read[T any](ctx context.Context, st *store.Store, src Source, out *[]T) error {
	proj := bson.D{}
	for _, f := range src.Fields {
		proj = append(proj, bson.E{Key: f, Value: 1})
	}
	rows, err := store.Find[T](ctx, st, src.Spec.Name, src.Filter, options.Find().SetProjection(proj))
	if err != nil {
		return fmt.Errorf("indicator: read %s: %w", src.Spec.Name, err)
	}
	*out = rows
	return nil
}

// Count reads a snapshot and counts one query: for a single figure. Count
// many figures from one Snapshot.
func (e *Engine) Count(ctx context.Context, q Query, w Window) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	s, err := e.Snapshot(ctx)
	if err != nil {
		return Result{}, err
	}
	return s.Count(q, w)
}

// Count counts q over w. Records come in a stable order: by day, then id.
func (s *Snapshot) Count(q Query, w Window) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	m, _ := Lookup(q.Metric)
	r := Result{Query: q, Unit: m.Unit, Records: []Record{}}
	f := q.Filters
	want := func(name, v string) bool { return f[name] == "" || f[name] == v }
	wantAny := func(name string, vs []string) bool { return f[name] == "" || slices.Contains(vs, f[name]) }
	add := func(rec Record) {
		r.Records = append(r.Records, rec)
		r.Count++
		r.Sum += rec.Value
	}
	switch q.Metric {
	case TransfersSigned, TransfersSignedValue, TransfersRegistered, TransfersRegisteredValue:
		registered := q.Metric == TransfersRegistered || q.Metric == TransfersRegisteredValue
		for _, t := range s.transfers {
			day := t.SignedOn
			if registered {
				if t.Registration.Status != transfer.RegRegistered {
					continue
				}
				day = t.Registration.RegisteredOn
			}
			if !w.ContainsDay(day) || !want(FilterForm, t.Form) || !wantAny(FilterSector, t.Sectors) {
				continue
			}
			add(Record{Type: "transfer", ID: t.ID, Title: t.Title, Link: "/transfers/" + t.ID, Day: day,
				Value: t.ContractValue, Confidential: !t.PublicConsent, Sectors: t.Sectors,
				Parties: []string{t.Supplier.Name, t.Recipient.Name}, PartyIDs: []string{t.Supplier.ID, t.Recipient.ID}})
		}
	case ListingsPublished, IPListingsPublished:
		for _, l := range s.listings {
			if l.PublishedAt == nil || !w.Contains(*l.PublishedAt) || (q.Metric == IPListingsPublished && l.Kind != catalog.KindIP) ||
				!want(FilterKind, l.Kind) || !want(FilterIPType, l.IPType) || !wantAny(FilterSector, l.Sectors) {
				continue
			}
			add(Record{Type: "listing", ID: l.ID, Title: l.Title, Link: "/listings/" + l.ID, Day: calendar.Day(*l.PublishedAt), Sectors: l.Sectors})
		}
	case OrgsRegistered, OrgsVerified:
		for _, o := range s.orgs {
			at := o.CreatedAt
			if q.Metric == OrgsVerified {
				if o.Status != org.StatusVerified || o.DecidedAt == nil {
					continue
				}
				at = *o.DecidedAt
			}
			if !w.Contains(at) || !want(FilterKind, o.Kind) || !want(FilterStatus, o.Status) {
				continue
			}
			add(Record{Type: "organization", ID: o.ID, Title: o.Name, Link: "/organization/" + o.ID, Day: calendar.Day(at)})
		}
	case EnterprisesSupported, ApplicationsApproved, SupportCommitted, SupportDisbursed:
		seen := map[string]bool{}
		for _, p := range s.programs {
			if !want(FilterProgram, p.ID) {
				continue
			}
			for _, res := range p.Reservations {
				a := s.applications[res.ApplicationID]
				orgID := cmp.Or(res.OrgID, a.OrgID)
				if q.Metric == SupportDisbursed {
					for i, t := range res.Tranches {
						if w.ContainsDay(t.On) {
							add(Record{Type: "tranche", ID: fmt.Sprintf("%s#%d", res.ApplicationID, i+1), Title: cmp.Or(a.Title, p.Name),
								Link: "/support/applications/" + res.ApplicationID, Day: t.On, Value: t.Amount, Parties: []string{a.OrgName}})
						}
					}
					continue
				}
				if !w.Contains(res.At) {
					continue
				}
				rec := Record{Type: "application", ID: res.ApplicationID, Title: cmp.Or(a.Title, p.Name),
					Link: "/support/applications/" + res.ApplicationID, Day: calendar.Day(res.At),
					Value: res.Amount - res.Released, Parties: []string{a.OrgName}}
				if q.Metric == EnterprisesSupported {
					if orgID == "" || seen[orgID] {
						continue
					}
					seen[orgID] = true
					rec = Record{Type: "organization", ID: orgID, Title: a.OrgName, Link: "/organization/" + orgID, Day: rec.Day}
				}
				add(rec)
			}
		}
	case EventParticipants:
		seen := map[string]bool{}
		// Events in order of their opening day, so an organisation counts
		// on the first it took part in.
		regs := slices.Clone(s.eventRegs)
		slices.SortStableFunc(regs, func(a, b registrationRow) int {
			return cmp.Compare(s.events[a.EventID].StartDate, s.events[b.EventID].StartDate)
		})
		for _, r := range regs {
			ev, ok := s.events[r.EventID]
			if !ok || ev.State != event.StatePublished || r.State != event.RegApproved || seen[r.Org.ID] ||
				!w.ContainsDay(ev.StartDate) || !want(FilterKind, r.OrgKind) || !want(FilterEvent, ev.ID) {
				continue
			}
			seen[r.Org.ID] = true
			add(Record{Type: "organization", ID: r.Org.ID, Title: r.Org.Name, Link: "/organizations/" + r.Org.ID, Day: ev.StartDate})
		}
	case EventDeals, EventDealsValue:
		for _, d := range s.eventDeals {
			ev, ok := s.events[d.EventID]
			if !ok || event.DealTiming(ev, d) == event.DealOutside || !w.ContainsDay(d.SignedOn) ||
				!want(FilterKind, d.Kind) || !wantAny(FilterSector, d.Sectors) || !want(FilterEvent, ev.ID) {
				continue
			}
			add(Record{Type: "deal", ID: d.ID, Title: d.Supplier.Name + " – " + d.Recipient.Name, Link: "/events/" + ev.ID + "/deals",
				Day: d.SignedOn, Value: d.ValueVND, Sectors: d.Sectors, Parties: []string{d.Supplier.Name, d.Recipient.Name},
				PartyIDs: []string{d.Supplier.ID, d.Recipient.ID}, Confidential: true})
		}
	case TasksAccepted:
		for _, t := range s.tasks {
			i := slices.IndexFunc(t.History, func(h taskStep) bool { return h.State == task.StateAccepted })
			if i < 0 {
				continue
			}
			day := calendar.Day(t.History[i].At)
			if !w.ContainsDay(day) {
				continue
			}
			add(Record{Type: "task", ID: t.ID, Title: t.Code + " " + t.Title, Link: "/tasks/" + t.ID,
				Day: day, Sectors: t.Sectors, Parties: []string{t.Performer.Name}, PartyIDs: []string{t.Performer.ID}})
		}
	case ProjectsAccepted:
		for _, a := range s.applications {
			if a.Acceptance.Outcome != support.AppAccepted || !w.ContainsDay(a.Acceptance.On) || !want(FilterProgram, a.ProgramID) {
				continue
			}
			add(Record{Type: "application", ID: a.ID, Title: a.Title, Link: "/support/applications/" + a.ID,
				Day: a.Acceptance.On, Parties: []string{a.OrgName}})
		}
	}
	slices.SortFunc(r.Records, func(a, b Record) int { return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.ID, b.ID)) })
	return r, nil
}

// Program is a published support programme, for breakdowns by the
// "program" filter.
type Program struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Programs lists the published programmes, by name.
func (s *Snapshot) Programs() []Program {
	out := make([]Program, 0, len(s.programs))
	for _, p := range s.programs {
		out = append(out, Program{ID: p.ID, Name: p.Name})
	}
	slices.SortFunc(out, func(a, b Program) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out
}
