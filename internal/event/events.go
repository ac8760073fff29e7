package event

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// The orders events and registrations are listed in.
var (
	eventOrder        = bson.D{{Key: "startDate", Value: 1}, {Key: "_id", Value: 1}}
	registrationOrder = bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}
	waitlistOrder     = bson.D{{Key: "waitlistedAt", Value: 1}, {Key: "_id", Value: 1}}
)

// Specs declare the collections of events and registrations with their
// indexes and the queries this slice asks of them.
var Specs = []store.CollectionSpec{
	{Name: Collection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "startDate", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "startDate", Value: 1}, {Key: "_id", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "published", Equal: []string{"state"}, Sort: eventOrder},
		{Name: "staff: all", Sort: eventOrder},
	}},
	{Name: RegistrationCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "state", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "state", Value: 1}, {Key: "waitlistedAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "org.id", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "an event's", Equal: []string{"eventId"}, Sort: registrationOrder},
		{Name: "an event's in states", Equal: []string{"eventId", "state"}, Sort: registrationOrder},
		{Name: "an event's waiting list", Equal: []string{"eventId", "state"}, Sort: waitlistOrder},
		{Name: "an event's of my organisations", Equal: []string{"eventId", "org.id"}, Sort: registrationOrder},
	}},
}

// Audit actions of this slice.
const (
	ActionCreate   = "event.create"
	ActionUpdate   = "event.update"
	ActionPublish  = "event.publish"
	ActionCancel   = "event.cancel"
	ActionRegister = "event.registration.create"
	ActionApprove  = "event.registration.approve"
	ActionReject   = "event.registration.reject"
	ActionWithdraw = "event.registration.withdraw"
	ActionPromote  = "event.registration.promote"
)

// Errors with stable codes of this slice.
var (
	ErrRegistrationClosed = errs.New(errs.Conflict, "registration_closed")
	ErrAlreadyRegistered  = errs.New(errs.Conflict, "already_registered")
	ErrOrgNotVerified     = errs.New(errs.Forbidden, "registrant_not_verified")
)

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Listings finds the listings a registration shows or brings.
type Listings interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
}

// Notifier tells an organisation's members what happened.
type Notifier interface {
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// Service runs events and their registrations (the events slice). Other
// steps reach events and registrations through its exported methods: Get,
// ApprovedRegistration and Registrations.
type Service struct {
	s        *store.Store
	orgs     Orgs
	listings Listings
	notes    Notifier
	sectors  []string
	audit    lifecycle.Auditor
	log      *slog.Logger
	now      func() time.Time
	events   *lifecycle.Machine[Event, *Event, Role]
	regs     *lifecycle.Machine[Registration, *Registration, Role]
}

// Deps are what the service works with besides the store.
type Deps struct {
	Orgs     Orgs
	Listings Listings
	Notes    Notifier // nil: nobody is told
	// Sectors are the taxonomy's sector codes an event's themes are chosen
	// from.
	Sectors []string
	Audit   lifecycle.Auditor
	Log     *slog.Logger
	Now     func() time.Time // the platform's clock; nil: time.Now
}

// New returns the service.
func New(s *store.Store, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	svc := &Service{s: s, orgs: d.Orgs, listings: d.Listings, notes: d.Notes, sectors: d.Sectors, audit: d.Audit, log: d.Log, now: d.Now}
	svc.events = svc.eventMachine()
	svc.regs = svc.registrationMachine()
	return svc
}

// Role is how a person stands to an event or a registration.
type Role int

// Roles.
const (
	RoleNone   Role = iota // may not see it (a draft event, another's registration)
	RolePublic             // anyone, a published event
	RoleMember             // a member of the registered organisation
	RoleStaff              // an officer or admin (the system, for promotions)
)

// The documents as lifecycle moves them.

func (e *Event) CurrentState() string { return e.State }
func (e *Event) Enter(x lifecycle.Entry) {
	e.State = x.State
	e.History = append(e.History, Step{State: x.State, At: x.At, By: x.By, Note: x.Note})
}
func (e *Event) Touch(now time.Time) { e.UpdatedAt = now }

func (r *Registration) CurrentState() string { return r.State }
func (r *Registration) Enter(x lifecycle.Entry) {
	r.State = x.State
	r.History = append(r.History, Step{State: x.State, At: x.At, By: x.By, Note: x.Note})
}
func (r *Registration) Touch(now time.Time) { r.UpdatedAt = now }

func isStaff(p *auth.Principal) bool { return org.IsStaff(p) }

func (s *Service) eventMachine() *lifecycle.Machine[Event, *Event, Role] {
	staffOnly := func(r Role, _ string) bool { return r == RoleStaff }
	return &lifecycle.Machine[Event, *Event, Role]{
		Store: s.s, Coll: Collection,
		Steps: lifecycle.Table[*Event, Role]{
			"edit":    {Action: ActionUpdate, From: []string{StateDraft, StatePublished}, Who: staffOnly},
			"publish": {Action: ActionPublish, From: []string{StateDraft}, To: StatePublished, Who: staffOnly, Ready: func(e *Event, _ Role) error { return complete(e) }},
			"cancel":  {Action: ActionCancel, From: []string{StateDraft, StatePublished}, To: StateCancelled, Who: staffOnly},
		},
		Role: func(p *auth.Principal, e *Event) Role {
			switch {
			case isStaff(p):
				return RoleStaff
			case e.State == StatePublished, e.State == StateCancelled && e.PublishedAt != nil:
				return RolePublic
			}
			return RoleNone
		},
		Sees:     func(r Role) bool { return r != RoleNone },
		NotFound: ErrNotFound,
		Subject:  func(e *Event) audit.Subject { return audit.Subject{Type: "event.event", ID: e.ID, Name: e.Name} },
		StateKey: "state",
		Audit:    s.audit,
		Now:      s.now,
	}
}

// EventInput is what an officer enters; nil fields stay as they are on
// edit.
type EventInput struct {
	Name               *string          `json:"name" rule:"min=5,max=300"`
	NameEN             *string          `json:"nameEn" rule:"max=300"`
	Kind               *string          `json:"kind" rule:"enum=EventKind"`
	StartDate          *string          `json:"startDate" rule:"format=date"`
	EndDate            *string          `json:"endDate" rule:"format=date"`
	Venue              *string          `json:"venue" rule:"max=300"`
	Link               *string          `json:"link" rule:"max=500" doc:"the online techmart's address, https://…"`
	Organisers         []string         `json:"organisers" rule:"max=10"`
	Sectors            []string         `json:"sectors" rule:"max=10"`
	RegistrationOpens  *string          `json:"registrationOpens" rule:"format=date"`
	RegistrationCloses *string          `json:"registrationCloses" rule:"format=date"`
	Description        *string          `json:"description" rule:"max=8000"`
	DescriptionEN      *string          `json:"descriptionEn" rule:"max=8000"`
	Booths             []BoothType      `json:"booths" rule:"max=20"`
	Meetings           *MeetingSettings `json:"meetings"`
}

var (
	eventRules   = validate.RulesOf[EventInput]()
	boothRules   = validate.RulesOf[BoothType]()
	meetingRules = validate.RulesOf[MeetingSettings]()
	breakRules   = validate.RulesOf[Break]()
)

// maxOrganiser is the longest organiser's name.
const maxOrganiser = 200

// apply checks in and writes it to e; cross-field rules are checked by
// consistent, and what a published event must have by complete.
func (s *Service) apply(c *validate.Checker, in EventInput, e *Event) {
	text := func(field string, v *string, dst *string, multiline bool) {
		if v == nil {
			return
		}
		if multiline {
			*dst = validate.Multiline(*v)
		} else {
			*dst = validate.Text(*v)
		}
		c.Optional(field, *dst, eventRules.Of(field).Max)
	}
	if in.Name != nil {
		e.Name = validate.Text(*in.Name)
		r := eventRules.Of("name")
		c.Name("name", e.Name, r.Min, r.Max)
	}
	text("nameEn", in.NameEN, &e.NameEN, false)
	if in.NameEN != nil && e.NameEN != "" {
		c.Name("nameEn", e.NameEN, 1, eventRules.Of("nameEn").Max)
	}
	if in.Kind != nil {
		c.OneOf("kind", *in.Kind, Kinds)
		e.Kind = *in.Kind
	}
	date := func(field string, v *string, dst *string) {
		if v == nil {
			return
		}
		*dst = *v
		c.Date(field, *v)
	}
	date("startDate", in.StartDate, &e.StartDate)
	date("endDate", in.EndDate, &e.EndDate)
	date("registrationOpens", in.RegistrationOpens, &e.RegistrationOpens)
	date("registrationCloses", in.RegistrationCloses, &e.RegistrationCloses)
	text("venue", in.Venue, &e.Venue, false)
	if in.Link != nil {
		e.Link = strings.TrimSpace(*in.Link)
		if e.Link != "" {
			u, err := url.Parse(e.Link)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				c.Add("link", "invalid_url")
			} else if n := len([]rune(e.Link)); n > eventRules.Of("link").Max {
				c.Add("link", "too_long", "max", eventRules.Of("link").Max)
			}
		}
	}
	if in.Organisers != nil {
		e.Organisers = []string{}
		for i, o := range in.Organisers {
			o = validate.Text(o)
			c.Name("organisers."+strconv.Itoa(i), o, 2, maxOrganiser)
			if !slices.Contains(e.Organisers, o) {
				e.Organisers = append(e.Organisers, o)
			}
		}
		if m := eventRules.Of("organisers").Max; len(e.Organisers) > m {
			c.Add("organisers", "too_many", "max", m)
		}
	}
	if in.Sectors != nil {
		e.Sectors = []string{}
		for _, v := range in.Sectors {
			if !slices.Contains(s.sectors, v) {
				c.Add("sectors", "invalid_choice", "choices", s.sectors)
				break
			}
			if !slices.Contains(e.Sectors, v) {
				e.Sectors = append(e.Sectors, v)
			}
		}
		if m := eventRules.Of("sectors").Max; len(e.Sectors) > m {
			c.Add("sectors", "too_many", "max", m)
		}
	}
	text("description", in.Description, &e.Description, true)
	text("descriptionEn", in.DescriptionEN, &e.DescriptionEN, true)
	if in.Booths != nil {
		e.Booths = booths(c, in.Booths)
	}
	if in.Meetings != nil {
		e.Meetings = meetings(c, *in.Meetings)
	}
}

// within checks an int field against its declared bounds.
func within(c *validate.Checker, field string, v int, r validate.Rule) bool {
	if v < r.Min || (r.HasMax && v > r.Max) {
		c.Add(field, "out_of_range", "min", r.Min, "max", r.Max)
		return false
	}
	return true
}

func booths(c *validate.Checker, in []BoothType) []BoothType {
	out := []BoothType{}
	if m := eventRules.Of("booths").Max; len(in) > m {
		c.Add("booths", "too_many", "max", m)
		return out
	}
	for i, b := range in {
		f := "booths." + strconv.Itoa(i) + "."
		b.Code = strings.TrimSpace(b.Code)
		b.Name, b.NameEN, b.Prefix = validate.Text(b.Name), validate.Text(b.NameEN), strings.TrimSpace(b.Prefix)
		r := boothRules.Of("code")
		c.Name(f+"code", b.Code, r.Min, r.Max)
		if slices.ContainsFunc(out, func(o BoothType) bool { return o.Code == b.Code }) {
			c.Add(f+"code", "duplicate")
		}
		r = boothRules.Of("name")
		c.Name(f+"name", b.Name, r.Min, r.Max)
		c.Optional(f+"nameEn", b.NameEN, boothRules.Of("nameEn").Max)
		r = boothRules.Of("prefix")
		c.Name(f+"prefix", b.Prefix, r.Min, r.Max)
		if slices.ContainsFunc(out, func(o BoothType) bool { return o.Prefix == b.Prefix }) {
			c.Add(f+"prefix", "duplicate")
		}
		if r := boothRules.Of("sizeM2"); b.SizeM2 < float64(r.Min) || b.SizeM2 > float64(r.Max) {
			c.Add(f+"sizeM2", "out_of_range", "min", r.Min, "max", r.Max)
		}
		within(c, f+"count", b.Count, boothRules.Of("count"))
		if r := boothRules.Of("feeVnd"); b.FeeVND < int64(r.Min) || b.FeeVND > int64(r.Max) {
			c.Add(f+"feeVnd", "out_of_range", "min", r.Min, "max", r.Max)
		}
		if within(c, f+"freeQuota", b.FreeQuota, boothRules.Of("freeQuota")) && b.FreeQuota > b.Count && b.Count > 0 {
			c.Add(f+"freeQuota", "above_count", "count", b.Count)
		}
		out = append(out, b)
	}
	return out
}

func meetings(c *validate.Checker, m MeetingSettings) MeetingSettings {
	if m.Days == nil {
		m.Days = []string{}
	}
	if m.Breaks == nil {
		m.Breaks = []Break{}
	}
	if r := meetingRules.Of("days"); len(m.Days) > r.Max {
		c.Add("meetings.days", "too_many", "max", r.Max)
	}
	for i, d := range m.Days {
		if _, ok := c.Date("meetings.days."+strconv.Itoa(i), d); !ok && d == "" {
			c.Add("meetings.days."+strconv.Itoa(i), "required")
		}
	}
	m.Days = slices.Compact(slices.Sorted(slices.Values(m.Days)))
	if m.Start != "" {
		if _, err := time.Parse("15:04", m.Start); err != nil || len(m.Start) != 5 {
			c.Add("meetings.start", "invalid_time")
		}
	}
	within(c, "meetings.minutes", m.Minutes, meetingRules.Of("minutes"))
	within(c, "meetings.slotsPerDay", m.SlotsPerDay, meetingRules.Of("slotsPerDay"))
	within(c, "meetings.tables", m.Tables, meetingRules.Of("tables"))
	if r := meetingRules.Of("breaks"); len(m.Breaks) > r.Max {
		c.Add("meetings.breaks", "too_many", "max", r.Max)
	}
	for i, b := range m.Breaks {
		f := "meetings.breaks." + strconv.Itoa(i) + "."
		within(c, f+"minutes", b.Minutes, breakRules.Of("minutes"))
		if within(c, f+"after", b.After, breakRules.Of("after")) && m.SlotsPerDay > 0 && b.After >= m.SlotsPerDay-1 {
			c.Add(f+"after", "out_of_range", "min", 0, "max", max(m.SlotsPerDay-2, 0))
		}
	}
	return m
}

// consistent checks the rules between fields, on every write.
func consistent(c *validate.Checker, e *Event) {
	if e.StartDate != "" && e.EndDate != "" && e.EndDate < e.StartDate && !c.Has("endDate") {
		c.Add("endDate", "before_start")
	}
	if e.RegistrationOpens != "" && e.RegistrationCloses != "" && e.RegistrationCloses < e.RegistrationOpens && !c.Has("registrationCloses") {
		c.Add("registrationCloses", "before_opening")
	}
	if e.RegistrationCloses != "" && e.EndDate != "" && e.RegistrationCloses > e.EndDate && !c.Has("registrationCloses") {
		c.Add("registrationCloses", "after_event")
	}
	for i, d := range e.Meetings.Days {
		if e.StartDate != "" && e.EndDate != "" && (d < e.StartDate || d > e.EndDate) && !c.Has("meetings.days."+strconv.Itoa(i)) {
			c.Add("meetings.days."+strconv.Itoa(i), "outside_event")
		}
	}
}

// complete checks what a published event must have.
func complete(e *Event) error {
	var c validate.Checker
	need := func(field string, ok bool) {
		if !ok {
			c.Add(field, "required")
		}
	}
	need("name", e.Name != "")
	need("kind", e.Kind != "")
	need("startDate", e.StartDate != "")
	need("endDate", e.EndDate != "")
	need("registrationOpens", e.RegistrationOpens != "")
	need("registrationCloses", e.RegistrationCloses != "")
	need("organisers", len(e.Organisers) > 0)
	need("sectors", len(e.Sectors) > 0)
	if e.Kind != KindOnline {
		need("venue", e.Venue != "")
	}
	if e.Kind == KindOnline || e.Kind == KindHybrid {
		need("link", e.Link != "")
	}
	if m := e.Meetings; len(m.Days) > 0 || m.SlotsPerDay > 0 || m.Tables > 0 {
		// Matchmaking is set up whole or not at all.
		need("meetings.days", len(m.Days) > 0)
		need("meetings.start", m.Start != "")
		need("meetings.minutes", m.Minutes > 0)
		need("meetings.slotsPerDay", m.SlotsPerDay > 0)
		need("meetings.tables", m.Tables > 0)
	}
	return c.Err()
}

// fitsAllocations refuses a booth plan that drops a type or booths
// already given to registrations.
func fitsAllocations(c *validate.Checker, e *Event) {
	for _, a := range e.Allocations {
		i := slices.IndexFunc(e.Booths, func(b BoothType) bool { return b.Code == a.BoothType })
		if i < 0 {
			c.Add("booths", "booth_in_use", "booth", a.Booth)
			return
		}
		if b := e.Booths[i]; a.Number > b.Count || a.Booth != boothName(b, a.Number) {
			c.Add("booths."+strconv.Itoa(i)+".count", "booth_in_use", "booth", a.Booth)
			return
		}
	}
}

// Create saves a draft event (officers).
func (s *Service) Create(ctx context.Context, p *auth.Principal, in EventInput) (EventView, error) {
	return s.CreateWithID(ctx, p, store.NewID(), in)
}

// CreateWithID is Create under a given id: the demo data's event keeps
// its own, so loading it again finds what it made whatever was renamed.
func (s *Service) CreateWithID(ctx context.Context, p *auth.Principal, id string, in EventInput) (EventView, error) {
	if !isStaff(p) {
		return EventView{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	e := Event{ID: id, State: StateDraft, Organisers: []string{}, Sectors: []string{}, Booths: []BoothType{},
		Meetings: MeetingSettings{Days: []string{}, Breaks: []Break{}}, Allocations: []Allocation{},
		History: []Step{{State: StateDraft, At: now, By: p.User.ID}}, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	var c validate.Checker
	if in.Name == nil {
		c.Add("name", "required")
	}
	if in.Kind == nil {
		c.Add("kind", "required")
	}
	s.apply(&c, in, &e)
	consistent(&c, &e)
	if err := c.Err(); err != nil {
		return EventView{}, err
	}
	if err := store.Insert(ctx, s.s, Collection, &e); err != nil {
		return EventView{}, err
	}
	if s.audit != nil {
		_ = s.audit.Record(ctx, audit.Entry{At: now, Actor: p.Actor(), Action: ActionCreate,
			Subject: audit.Subject{Type: "event.event", ID: e.ID, Name: e.Name}})
	}
	return s.view(p, e), nil
}

// Update changes an event (officers; a draft or a published one, which
// must stay complete). Booths added to a published event's plan go to its
// waiting list.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in EventInput, ifVersion int64) (EventView, error) {
	e, err := s.events.Apply(ctx, p, id, lifecycle.Move[*Event]{Step: "edit", Version: ifVersion,
		Change: func(e *Event, _ time.Time) error {
			var c validate.Checker
			s.apply(&c, in, e)
			consistent(&c, e)
			fitsAllocations(&c, e)
			if err := c.Err(); err != nil {
				return err
			}
			if e.State == StatePublished {
				return complete(e)
			}
			return nil
		},
		Changes: func(before, after *Event) map[string]audit.Change {
			ch := map[string]audit.Change{}
			if before.Name != after.Name {
				ch["name"] = audit.Change{From: before.Name, To: after.Name}
			}
			if before.StartDate != after.StartDate || before.EndDate != after.EndDate {
				ch["dates"] = audit.Change{From: before.StartDate + "/" + before.EndDate, To: after.StartDate + "/" + after.EndDate}
			}
			if before.RegistrationCloses != after.RegistrationCloses {
				ch["registrationCloses"] = audit.Change{From: before.RegistrationCloses, To: after.RegistrationCloses}
			}
			return ch
		}})
	if err != nil {
		return EventView{}, err
	}
	if in.Booths != nil && e.State == StatePublished {
		// More booths, or a larger free quota, free places for the
		// waiting list.
		if err := s.Promote(ctx, e.ID); err != nil {
			s.log.Error("event: promote from the waiting list", "event", e.ID, "err", err)
		} else if e, err = s.Get(ctx, p, e.ID); err != nil {
			return EventView{}, err
		}
	}
	return s.view(p, e), nil
}

// Publish makes a complete draft public (officers).
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (EventView, error) {
	e, err := s.events.Apply(ctx, p, id, lifecycle.Move[*Event]{Step: "publish", Version: ifVersion,
		Change: func(e *Event, now time.Time) error { e.PublishedAt = &now; return nil }})
	if err != nil {
		return EventView{}, err
	}
	return s.view(p, e), nil
}

// CancelInput says why an event is called off.
type CancelInput struct {
	Reason string `json:"reason" rule:"required,min=5,max=1000"`
}

var cancelRules = validate.RulesOf[CancelInput]()

// Cancel calls an event off (officers), with the reason those registered
// are told. A published event stays readable, marked cancelled; its
// registration closes and its day's pages close with it.
func (s *Service) Cancel(ctx context.Context, p *auth.Principal, id string, in CancelInput, ifVersion int64) (EventView, error) {
	var c validate.Checker
	in.Reason = c.Prose("reason", in.Reason, cancelRules.Of("reason"))
	if err := c.Err(); err != nil {
		return EventView{}, err
	}
	e, err := s.events.Apply(ctx, p, id, lifecycle.Move[*Event]{Step: "cancel", Version: ifVersion, Note: in.Reason, Reason: in.Reason,
		Change: func(e *Event, now time.Time) error { e.CancelledAt, e.CancelReason = &now, in.Reason; return nil }})
	if err != nil {
		return EventView{}, err
	}
	if s.notes != nil {
		regs, err := s.Registrations(ctx, e.ID, RegPending, RegApproved, RegWaitlisted)
		if err != nil {
			s.log.Error("event cancelled: registrations not told", "event", e.ID, "err", err)
		}
		orgs := make([]string, 0, len(regs))
		for _, r := range regs {
			orgs = append(orgs, r.Org.ID)
		}
		if len(orgs) > 0 {
			s.notes.ToOrgs(ctx, orgs, "", notify.Note{Kind: notify.KindEvent, Link: "/events/" + e.ID,
				Params: map[string]string{"event": "cancelled", "name": e.Name, "reason": e.CancelReason}})
		}
	}
	return s.view(p, e), nil
}

// Get returns an event: published ones to everyone, drafts to officers.
// Other slices read events through it.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (Event, error) {
	e, err := store.Get[Event](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return e, ErrNotFound.Wrap(err)
	} else if err != nil {
		return e, err
	}
	if !s.events.Sees(s.events.Role(p, &e)) {
		return Event{}, ErrNotFound
	}
	return e, nil
}

// View returns an event as p may see it, with what p may do.
func (s *Service) View(ctx context.Context, p *auth.Principal, id string) (EventView, error) {
	e, err := s.Get(ctx, p, id)
	if err != nil {
		return EventView{}, err
	}
	v := s.view(p, e)
	if p == nil {
		return v, nil
	}
	// Each organisation has one registration at a time: the caller may
	// register while one of theirs has none, or one that ended (withdrawn,
	// refused). An approved registration opens the day's pages: meetings,
	// agenda, deals.
	register := false
	for _, orgID := range p.User.Orgs {
		r, err := store.Get[Registration](ctx, s.s, RegistrationCollection, RegistrationID(e.ID, orgID))
		switch {
		case errors.Is(err, store.ErrNotFound):
			register = true
		case err != nil:
			return EventView{}, err
		case r.Ended():
			register = true
		case r.State == RegApproved && e.State == StatePublished:
			v.Can.Deals = true
			v.Can.Meetings, v.Can.Agenda = e.HasMeetings(), e.HasMeetings()
		}
	}
	v.Can.Register = v.Can.Register && register
	return v, nil
}

// Timing of an event against today.
const (
	WhenUpcoming = "upcoming" // not over yet (ends today or later)
	WhenPast     = "past"
)

// Whens lists the list's filters by time.
var Whens = []string{WhenUpcoming, WhenPast}

// List returns events: published ones for everyone, drafts too for
// officers (or one state), upcoming soonest first or past latest first.
func (s *Service) List(ctx context.Context, p *auth.Principal, state, when string, page, size int) ([]EventView, int, error) {
	filter := bson.D{{Key: "state", Value: StatePublished}}
	if isStaff(p) {
		filter = bson.D{}
		if state != "" {
			filter = bson.D{{Key: "state", Value: state}}
		}
	} else if state != "" && state != StatePublished {
		return []EventView{}, 0, nil
	}
	all, err := store.Find[Event](ctx, s.s, Collection, filter, options.Find().SetSort(eventOrder))
	if err != nil {
		return nil, 0, err
	}
	today := calendar.Day(s.now())
	out := make([]EventView, 0, len(all))
	for _, e := range all {
		switch {
		case when == WhenUpcoming && e.EndDate != "" && e.EndDate < today:
			continue
		case when == WhenPast && (e.EndDate == "" || e.EndDate >= today):
			continue
		}
		out = append(out, s.view(p, e))
	}
	if when == WhenPast {
		slices.Reverse(out)
	}
	return store.PageOf(out, page, size), len(out), nil
}

// HasMeetings reports whether the event runs B2B meetings: it has days,
// slots and tables to place them in.
func (e *Event) HasMeetings() bool {
	m := e.Meetings
	return len(m.Days) > 0 && m.SlotsPerDay > 0 && m.Tables > 0
}

// EventCan says what the caller may do with an event now.
type EventCan struct {
	Edit    bool `json:"edit"`
	Publish bool `json:"publish"`
	// Cancel: an officer calls the event off, with a reason.
	Cancel bool `json:"cancel"`
	// Register: the registration window is open (the caller still needs a
	// verified organisation).
	Register bool `json:"register"`
	// Registrations: the caller works the registration queue.
	Registrations bool `json:"registrations"`
	// Meetings and Agenda: the caller's organisation is approved for the
	// published event and the event runs B2B meetings, so it asks for
	// meetings and has an agenda.
	Meetings bool `json:"meetings"`
	Agenda   bool `json:"agenda"`
	// Deals: the caller reads and records the event's deals (a registrant
	// approved, or an officer).
	Deals bool `json:"deals"`
	// Schedule, CheckIn and Report are the officers' screens of a
	// published event: the B2B scheduler (when it runs B2B meetings), the
	// door, the results.
	Schedule bool `json:"schedule"`
	CheckIn  bool `json:"checkIn"`
	Report   bool `json:"report"`
}

// BoothAvailability is how many booths of a type are given and left:
// Free of them for anyone, FreeQuota for inventors.
type BoothAvailability struct {
	Code      string `json:"code"`
	Count     int    `json:"count"`
	Taken     int    `json:"taken"`
	Left      int    `json:"left"`
	QuotaLeft int    `json:"quotaLeft"`
}

// EventView is an event as the API answers it.
type EventView struct {
	Event
	RegistrationOpen bool                `json:"registrationOpen"`
	Availability     []BoothAvailability `json:"availability"`
	Can              EventCan            `json:"can"`
}

// RegistrationOpen reports whether registrations are taken on day
// (YYYY-MM-DD, Vietnam): published, and within the window. It closes by
// itself after RegistrationCloses.
func (e *Event) RegistrationOpen(day string) bool {
	return e.State == StatePublished && e.RegistrationOpens <= day && day <= e.RegistrationCloses
}

func (s *Service) view(p *auth.Principal, e Event) EventView {
	open := e.RegistrationOpen(calendar.Day(s.now()))
	v := EventView{Event: e, RegistrationOpen: open, Availability: availability(&e)}
	can := s.events.Can(p, &e)
	// An incomplete draft may still be published by who may publish it:
	// the attempt names what is missing.
	var invalid *errs.Error
	if err := s.events.Check(p, &e, "publish"); errors.As(err, &invalid) && invalid.Kind == errs.Invalid {
		can["publish"] = true
	}
	staff, published := isStaff(p), e.State == StatePublished
	v.Can = EventCan{Edit: can["edit"], Publish: can["publish"], Cancel: can["cancel"], Register: open && p != nil && !staff, Registrations: staff,
		Deals: staff && published, Schedule: staff && published && e.HasMeetings(), CheckIn: staff && published, Report: staff && published}
	if v.Organisers == nil {
		v.Organisers = []string{}
	}
	if v.Sectors == nil {
		v.Sectors = []string{}
	}
	if v.Booths == nil {
		v.Booths = []BoothType{}
	}
	return v
}

func availability(e *Event) []BoothAvailability {
	out := make([]BoothAvailability, 0, len(e.Booths))
	for _, b := range e.Booths {
		paid, free := 0, 0
		for _, a := range e.Allocations {
			if a.BoothType == b.Code {
				if a.Free {
					free++
				} else {
					paid++
				}
			}
		}
		out = append(out, BoothAvailability{Code: b.Code, Count: b.Count, Taken: paid + free,
			Left: max(b.Count-b.FreeQuota-paid, 0), QuotaLeft: max(b.FreeQuota-free, 0)})
	}
	return out
}
