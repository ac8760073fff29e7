package event

import (
	"context"
	"errors"
	"log/slog"
	"slices"
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
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/validate"
)

// MeetingKeyCollection holds one key per pair of registrations of an
// event: the lock that allows one open (requested or accepted) meeting
// between them; a decline or a cancellation opens it again.
const MeetingKeyCollection = "event_meeting_keys"

// meetingOrder lists an event's meetings: the newest request first.
var meetingOrder = bson.D{{Key: "createdAt", Value: -1}}

// MeetingSpecs declare the meetings, their keys and the deals, with the
// queries "my meetings", the officers' list and the deal log make.
var MeetingSpecs = []store.CollectionSpec{
	{Name: MeetingCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "createdAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "an event's meetings", Equal: []string{"eventId"}, Sort: meetingOrder},
	}},
	{Name: MeetingKeyCollection},
	{Name: DealCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "createdAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "an event's deals", Equal: []string{"eventId"}, Sort: meetingOrder},
	}},
}

// Audit actions of meetings, check-ins and deals.
const (
	ActionMeetingRequest  = "event.meeting.request"
	ActionMeetingAccept   = "event.meeting.accept"
	ActionMeetingDecline  = "event.meeting.decline"
	ActionMeetingCancel   = "event.meeting.cancel"
	ActionMeetingOutcome  = "event.meeting.outcome"
	ActionCheckIn         = "event.checkin"
	ActionDealRecord      = "event.deal.record"
	ActionDealTransfer    = "event.deal.transfer"
	auditSubjectMeeting   = "event.meeting"
	auditSubjectDeal      = "event.deal"
	auditSubjectAttendant = "event.registration"
)

// Errors of meetings with stable codes.
var (
	ErrMeetingExists       = errs.New(errs.Conflict, "meeting_exists")
	ErrEventNotOpen        = errs.New(errs.Conflict, "event_not_open")
	ErrNotRegistered       = errs.New(errs.Forbidden, "not_registered")
	ErrMeetingNotStarted   = errs.New(errs.Conflict, "event_not_started")
	ErrDealNotFound        = errs.New(errs.NotFound, "deal_not_found")
	ErrDealNotContract     = errs.New(errs.Conflict, "deal_not_contract")
	ErrDealTransferExists  = errs.New(errs.Conflict, "deal_transfer_exists")
	ErrRegistrationPending = errs.New(errs.Conflict, "registration_not_approved")
	// ErrSuggestionsDown: the search engine, which holds the listings
	// compared, did not answer.
	ErrSuggestionsDown = errs.New(errs.Unavailable, "search_unavailable")
)

// Registry reads events and their registrations. The events' own service
// provides it; storeRegistry reads the collections directly.
type Registry interface {
	Event(ctx context.Context, id string) (Event, error)
	Registration(ctx context.Context, id string) (Registration, error)
	Registrations(ctx context.Context, eventID string, states ...string) ([]Registration, error)
}

// StoreRegistry reads events and registrations from the store.
func StoreRegistry(s *store.Store) Registry { return storeRegistry{s} }

type storeRegistry struct{ s *store.Store }

func (r storeRegistry) Event(ctx context.Context, id string) (Event, error) {
	e, err := store.Get[Event](ctx, r.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return e, ErrNotFound.Wrap(err)
	}
	return e, err
}

func (r storeRegistry) Registration(ctx context.Context, id string) (Registration, error) {
	g, err := store.Get[Registration](ctx, r.s, RegistrationCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return g, ErrRegistrationNotFound.Wrap(err)
	}
	return g, err
}

func (r storeRegistry) Registrations(ctx context.Context, eventID string, states ...string) ([]Registration, error) {
	all, err := store.Find[Registration](ctx, r.s, RegistrationCollection, bson.D{{Key: "eventId", Value: eventID}})
	if err != nil || len(states) == 0 {
		return all, err
	}
	return slices.DeleteFunc(all, func(g Registration) bool { return !slices.Contains(states, g.State) }), nil
}

// MeetingListings finds listings.
type MeetingListings interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
}

// MeetingMatcher scores a listing against the listings an event's registrations
// bring (internal/matching).
type MeetingMatcher interface {
	Among(ctx context.Context, srcs []catalog.Listing, ids []string) ([][]matching.Match, error)
}

// MeetingTransfers records a deal's contract as a transfer.
type MeetingTransfers interface {
	CreateFor(ctx context.Context, p *auth.Principal, in transfer.Input, o transfer.Origin) (transfer.Transfer, error)
}

// MeetingDeps are what the meetings, check-ins and deals need.
type MeetingDeps struct {
	Registry  Registry
	Listings  MeetingListings
	Matcher   MeetingMatcher
	Notes     Notifier
	Transfers MeetingTransfers
	Taxonomy  *taxonomy.Taxonomy
	Audit     auth.Auditor
	Log       *slog.Logger
	Now       func() time.Time
}

// Meetings runs an event's B2B meetings (requests, answers, outcomes and
// suggestions), check-in on the day and the deal log.
type Meetings struct {
	s     *store.Store
	d     MeetingDeps
	steps *lifecycle.Machine[Meeting, *Meeting, MeetRole]
}

// NewMeetings returns the service.
func NewMeetings(s *store.Store, d MeetingDeps) *Meetings {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Registry == nil {
		d.Registry = StoreRegistry(s)
	}
	m := &Meetings{s: s, d: d}
	steps := *meetingTable
	steps.Store, steps.Coll, steps.StateKey, steps.Audit, steps.Now = s, MeetingCollection, "state", d.Audit, d.Now
	steps.Subject = func(x *Meeting) audit.Subject {
		return audit.Subject{Type: auditSubjectMeeting, ID: x.ID, Name: x.From.Name + " – " + x.To.Name}
	}
	m.steps = &steps
	return m
}

// Now is the service's clock.
func (m *Meetings) Now() time.Time { return m.d.Now() }

// MeetRole is how a principal stands to a meeting.
type MeetRole struct {
	From, To, Staff bool
}

func (r MeetRole) side() bool { return r.From || r.To }

// Any reports whether the principal may see the meeting.
func (r MeetRole) Any() bool { return r.From || r.To || r.Staff }

// MeetRoleOf works out p's role from the organisations p belongs to.
func MeetRoleOf(p *auth.Principal, x *Meeting) MeetRole {
	if p == nil {
		return MeetRole{}
	}
	return MeetRole{From: slices.Contains(p.User.Orgs, x.FromOrg), To: slices.Contains(p.User.Orgs, x.ToOrg), Staff: org.IsStaff(p)}
}

// Names of a meeting's steps.
const (
	StepMeetAccept  = "accept"
	StepMeetDecline = "decline"
	StepMeetCancel  = "cancel"
	StepMeetOutcome = "outcome"
)

// meetingSteps: the organisation asked accepts or declines; the asker
// withdraws a request; either side (or an officer) cancels an accepted
// meeting; either side records how it went.
var meetingSteps = lifecycle.Table[*Meeting, MeetRole]{
	StepMeetAccept:  {Action: ActionMeetingAccept, From: []string{MeetRequested}, To: MeetAccepted, Who: func(r MeetRole, _ string) bool { return r.To }},
	StepMeetDecline: {Action: ActionMeetingDecline, From: []string{MeetRequested}, To: MeetDeclined, Who: func(r MeetRole, _ string) bool { return r.To }},
	StepMeetCancel: {Action: ActionMeetingCancel, From: []string{MeetRequested, MeetAccepted}, To: MeetCancelled, Who: func(r MeetRole, s string) bool {
		return (r.From && s == MeetRequested) || (s == MeetAccepted && r.Any())
	}},
	StepMeetOutcome: {Action: ActionMeetingOutcome, From: []string{MeetAccepted}, Who: func(r MeetRole, _ string) bool { return r.side() }},
}

var meetingTable = &lifecycle.Machine[Meeting, *Meeting, MeetRole]{Steps: meetingSteps, Role: MeetRoleOf, Sees: MeetRole.Any, NotFound: ErrMeetingNotFound}

// CurrentState, Enter and Touch put a meeting under the lifecycle.
func (x *Meeting) CurrentState() string { return x.State }

func (x *Meeting) Enter(e lifecycle.Entry) {
	x.State = e.State
	x.History = append(x.History, Step{State: e.State, At: e.At, By: e.By, Note: e.Note})
}

func (x *Meeting) Touch(now time.Time) { x.UpdatedAt = now }

// MeetingCan lists what p may do with a meeting now.
type MeetingCan struct {
	Accept  bool `json:"accept"`
	Decline bool `json:"decline"`
	Cancel  bool `json:"cancel"`
	// Outcome: record how the meeting went (either side, once the event
	// has begun).
	Outcome bool `json:"outcome"`
	// Deal: record an MoU or a contract signed from this meeting.
	Deal bool `json:"deal"`
}

// begun reports whether the event's first day has come (Vietnam time).
func begun(e Event, now time.Time) bool {
	return e.StartDate != "" && calendar.Day(now) >= e.StartDate
}

// CanOfMeeting is what the SPA shows; the same table enforces it.
func (m *Meetings) CanOfMeeting(p *auth.Principal, e Event, x *Meeting) MeetingCan {
	c := meetingTable.Can(p, x)
	on := begun(e, m.d.Now())
	r := MeetRoleOf(p, x)
	return MeetingCan{Accept: c[StepMeetAccept], Decline: c[StepMeetDecline], Cancel: c[StepMeetCancel],
		Outcome: c[StepMeetOutcome] && on, Deal: on && x.State == MeetAccepted && (r.Any())}
}

// MeetingInput is a request for a meeting: From is the asking
// registration (optional when the person's organisations have one in the
// event), To the registration asked, ListingID the offer or need it is
// about, Suggested whether it follows a suggestion.
type MeetingInput struct {
	From      string `json:"fromRegistrationId"`
	To        string `json:"toRegistrationId" rule:"required"`
	ListingID string `json:"listingId"`
	Message   string `json:"message" rule:"required,min=10,max=500"`
	Suggested bool   `json:"suggested"`
}

var meetingInputRules = validate.RulesOf[MeetingInput]()

// DeclineInput is a decline's optional reason, which the asker reads.
type DeclineInput struct {
	Reason string `json:"reason" rule:"max=500"`
}

var declineRules = validate.RulesOf[DeclineInput]()

// OutcomeInput is how a meeting went, as one side records it.
type OutcomeInput struct {
	Result   string `json:"result" rule:"required,enum=MeetingOutcome"`
	Interest bool   `json:"interest"`
	NextStep string `json:"nextStep" rule:"max=1000"`
}

var outcomeRules = validate.RulesOf[OutcomeInput]()

// Approved returns the event's approved registrations.
func (m *Meetings) Approved(ctx context.Context, eventID string) ([]Registration, error) {
	return m.d.Registry.Registrations(ctx, eventID, RegApproved)
}

// Open reports whether meetings may be asked for: the event is published
// and not over.
func (m *Meetings) Open(e Event) bool {
	return e.State == StatePublished && (e.EndDate == "" || calendar.Day(m.d.Now()) <= e.EndDate)
}

// mine returns p's approved registration in e: the one named, or the only
// one of p's organisations.
func (m *Meetings) mine(ctx context.Context, p *auth.Principal, eventID, id, field string) (Registration, error) {
	if id != "" {
		g, err := m.d.Registry.Registration(ctx, id)
		if err != nil || g.EventID != eventID || !slices.Contains(p.User.Orgs, g.Org.ID) {
			return Registration{}, errs.Field(field, "not_found")
		}
		if g.State != RegApproved {
			return Registration{}, ErrRegistrationPending
		}
		return g, nil
	}
	regs, err := m.d.Registry.Registrations(ctx, eventID, RegApproved)
	if err != nil {
		return Registration{}, err
	}
	var found []Registration
	for _, g := range regs {
		if slices.Contains(p.User.Orgs, g.Org.ID) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return Registration{}, ErrNotRegistered
	case 1:
		return found[0], nil
	}
	return Registration{}, errs.Field(field, "required")
}

func pairKey(eventID, a, b string) string {
	if a > b {
		a, b = b, a
	}
	return eventID + "." + a + "." + b
}

type meetingKey struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	MeetingID  string `bson:"meetingId"`
	Open       bool   `bson:"open"`
}

// Request asks another registration of the event for a meeting: a meeting
// requested, one open meeting per pair of registrations. The organisation
// asked is told.
func (m *Meetings) Request(ctx context.Context, p *auth.Principal, eventID string, in MeetingInput) (Meeting, error) {
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return Meeting{}, err
	}
	if e.State != StatePublished && !org.IsStaff(p) {
		return Meeting{}, ErrNotFound
	}
	var v validate.Checker
	msg := v.Prose("message", in.Message, meetingInputRules.Of("message"))
	if in.To == "" {
		v.Add("toRegistrationId", "required")
	}
	if err := v.Err(); err != nil {
		return Meeting{}, err
	}
	if !m.Open(e) {
		return Meeting{}, ErrEventNotOpen
	}
	from, err := m.mine(ctx, p, e.ID, in.From, "fromRegistrationId")
	if err != nil {
		return Meeting{}, err
	}
	to, err := m.d.Registry.Registration(ctx, in.To)
	if err != nil || to.EventID != e.ID || to.State != RegApproved {
		return Meeting{}, errs.Field("toRegistrationId", "not_found")
	}
	if to.Org.ID == from.Org.ID {
		return Meeting{}, errs.Field("toRegistrationId", "same_organization")
	}
	if in.ListingID != "" {
		brought := slices.Concat(from.Listings, from.Needs, to.Listings, to.Needs)
		if !slices.Contains(brought, in.ListingID) {
			return Meeting{}, errs.Field("listingId", "not_found")
		}
	}
	now := m.d.Now().UTC()
	x := Meeting{
		ID: store.NewID(), EventID: e.ID,
		From: Ref{ID: from.ID, Name: from.Org.Name}, FromOrg: from.Org.ID,
		To: Ref{ID: to.ID, Name: to.Org.Name}, ToOrg: to.Org.ID,
		ListingID: in.ListingID, Message: msg, Suggested: in.Suggested, State: MeetRequested,
		Outcomes: []Outcome{}, History: []Step{{State: MeetRequested, At: now, By: p.User.ID}},
		CreatedAt: now, UpdatedAt: now,
	}
	// The meeting is written first, then claims the pair's key: a key
	// always names a meeting that exists, so a key whose meeting is over
	// (or gone: a crash before the release) is taken over, and a request
	// that loses the claim removes its meeting.
	if err := store.Insert(ctx, m.s, MeetingCollection, &x); err != nil {
		return Meeting{}, err
	}
	key := pairKey(e.ID, from.ID, to.ID)
	if _, err := store.Upsert(ctx, m.s, MeetingKeyCollection, key, func(k *meetingKey, exists bool) error {
		if exists && k.Open && k.MeetingID != x.ID {
			if y, err := store.Get[Meeting](ctx, m.s, MeetingCollection, k.MeetingID); err == nil && (y.State == MeetRequested || y.State == MeetAccepted) {
				return ErrMeetingExists
			}
		}
		k.ID, k.MeetingID, k.Open = key, x.ID, true
		return nil
	}); err != nil {
		if derr := store.Delete(ctx, m.s, MeetingCollection, x.ID); derr != nil {
			m.d.Log.Error("meeting left without its key", "meeting", x.ID, "err", derr)
		}
		return Meeting{}, err
	}
	m.record(ctx, p, ActionMeetingRequest, audit.Subject{Type: auditSubjectMeeting, ID: x.ID, Name: x.From.Name + " – " + x.To.Name}, "", nil)
	m.d.Notes.ToOrgs(ctx, []string{x.ToOrg}, p.User.ID, notify.Note{Kind: notify.KindEventMeeting,
		Params: map[string]string{"step": MeetRequested, "org": x.From.Name, "event": e.Name}, Link: meetingsLink(e.ID)})
	return x, nil
}

func meetingsLink(eventID string) string { return "/events/" + eventID + "/meetings" }

// release opens a pair's key again once its meeting is over.
func (m *Meetings) release(ctx context.Context, x Meeting) {
	_, err := store.Modify(ctx, m.s, MeetingKeyCollection, pairKey(x.EventID, x.From.ID, x.To.ID), 0, func(k *meetingKey) error {
		if k.MeetingID != x.ID {
			return errKeyNotMine
		}
		k.Open = false
		return nil
	})
	if err != nil && !errors.Is(err, errKeyNotMine) && !errors.Is(err, store.ErrNotFound) {
		m.d.Log.Warn("meeting key not released", "meeting", x.ID, "err", err)
	}
}

var errKeyNotMine = errors.New("event: meeting key held by another meeting")

func (m *Meetings) record(ctx context.Context, p *auth.Principal, action string, sub audit.Subject, reason string, changes map[string]audit.Change) {
	actor := audit.System
	if p != nil {
		actor = p.Actor()
	}
	if m.d.Audit == nil {
		return
	}
	_ = m.d.Audit.Record(ctx, audit.Entry{ID: store.NewID(), At: m.d.Now().UTC(), Actor: actor, Action: action, Subject: sub, Reason: reason, Changes: changes})
}

// meeting reads a meeting of the event that p may see.
func (m *Meetings) meeting(ctx context.Context, p *auth.Principal, eventID, id string) (Meeting, error) {
	x, err := store.Get[Meeting](ctx, m.s, MeetingCollection, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (x.EventID != eventID || !MeetRoleOf(p, &x).Any())) {
		return Meeting{}, ErrMeetingNotFound
	}
	return x, err
}

// Accept accepts a request (the organisation asked).
func (m *Meetings) Accept(ctx context.Context, p *auth.Principal, eventID, id string, ifVersion int64) (Meeting, error) {
	return m.move(ctx, p, eventID, id, lifecycle.Move[*Meeting]{Step: StepMeetAccept, Version: ifVersion})
}

// Decline declines a request with an optional reason the asker reads.
func (m *Meetings) Decline(ctx context.Context, p *auth.Principal, eventID, id string, in DeclineInput, ifVersion int64) (Meeting, error) {
	var v validate.Checker
	reason := validate.Multiline(in.Reason)
	v.Optional("reason", reason, declineRules.Of("reason").Max)
	if err := v.Err(); err != nil {
		return Meeting{}, err
	}
	return m.move(ctx, p, eventID, id, lifecycle.Move[*Meeting]{Step: StepMeetDecline, Version: ifVersion, Note: reason, Reason: reason})
}

// Cancel withdraws a request (the asker) or calls off an accepted meeting
// (either side, or an officer).
func (m *Meetings) Cancel(ctx context.Context, p *auth.Principal, eventID, id string, in DeclineInput, ifVersion int64) (Meeting, error) {
	var v validate.Checker
	reason := validate.Multiline(in.Reason)
	v.Optional("reason", reason, declineRules.Of("reason").Max)
	if err := v.Err(); err != nil {
		return Meeting{}, err
	}
	return m.move(ctx, p, eventID, id, lifecycle.Move[*Meeting]{Step: StepMeetCancel, Version: ifVersion, Note: reason, Reason: reason})
}

// RecordOutcome records how an accepted meeting went, for the side p acts
// for; recording again replaces that side's outcome.
func (m *Meetings) RecordOutcome(ctx context.Context, p *auth.Principal, eventID, id string, in OutcomeInput, ifVersion int64) (Meeting, error) {
	var v validate.Checker
	next := validate.Multiline(in.NextStep)
	v.OneOf("result", in.Result, Outcomes)
	v.Optional("nextStep", next, outcomeRules.Of("nextStep").Max)
	if err := v.Err(); err != nil {
		return Meeting{}, err
	}
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return Meeting{}, err
	}
	if _, err := m.meeting(ctx, p, eventID, id); err != nil {
		return Meeting{}, err
	}
	if !begun(e, m.d.Now()) {
		return Meeting{}, ErrMeetingNotStarted
	}
	return m.move(ctx, p, eventID, id, lifecycle.Move[*Meeting]{Step: StepMeetOutcome, Version: ifVersion,
		Change: func(x *Meeting, now time.Time) error {
			side := Ref{ID: x.FromOrg, Name: x.From.Name}
			if r := MeetRoleOf(p, x); !r.From {
				side = Ref{ID: x.ToOrg, Name: x.To.Name}
			}
			o := Outcome{Result: in.Result, Interest: in.Interest, NextStep: next, RecordedBy: side, At: now}
			x.Outcomes = slices.DeleteFunc(x.Outcomes, func(o Outcome) bool { return o.RecordedBy.ID == side.ID })
			x.Outcomes = append(x.Outcomes, o)
			return nil
		},
		Changes: func(_, after *Meeting) map[string]audit.Change {
			return map[string]audit.Change{"outcome": {To: in.Result}}
		}})
}

// move is every step of a meeting: the table's step as one conditional
// write, audited; then the other side hears of it.
func (m *Meetings) move(ctx context.Context, p *auth.Principal, eventID, id string, mv lifecycle.Move[*Meeting]) (Meeting, error) {
	if _, err := m.meeting(ctx, p, eventID, id); err != nil {
		return Meeting{}, err
	}
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return Meeting{}, err
	}
	x, err := m.steps.Apply(ctx, p, id, mv)
	if err != nil {
		return x, err
	}
	if x.State == MeetDeclined || x.State == MeetCancelled {
		m.release(ctx, x)
	}
	if mv.Step == StepMeetOutcome {
		return x, nil
	}
	actor := "Sở KH&CN"
	switch r := MeetRoleOf(p, &x); {
	case r.From:
		actor = x.From.Name
	case r.To:
		actor = x.To.Name
	}
	m.d.Notes.ToOrgs(ctx, []string{x.FromOrg, x.ToOrg}, p.User.ID, notify.Note{Kind: notify.KindEventMeeting,
		Params: map[string]string{"step": x.State, "org": actor, "event": e.Name, "reason": mv.Note}, Link: meetingsLink(e.ID)})
	return x, nil
}

// MeetingFilter narrows an event's meetings: All is every meeting of the
// event (officers), otherwise those of the person's organisations.
type MeetingFilter struct {
	All   bool
	State string
}

// List returns an event's meetings p may see, newest first, with the
// event.
func (m *Meetings) List(ctx context.Context, p *auth.Principal, eventID string, f MeetingFilter) (Event, []Meeting, error) {
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return e, nil, err
	}
	if f.All && !org.IsStaff(p) {
		return e, nil, errs.ErrForbidden
	}
	if e.State != StatePublished && !org.IsStaff(p) {
		return e, nil, ErrNotFound
	}
	all, err := store.Find[Meeting](ctx, m.s, MeetingCollection, bson.D{{Key: "eventId", Value: e.ID}}, options.Find().SetSort(meetingOrder))
	if err != nil {
		return e, nil, err
	}
	keep := all[:0]
	for _, x := range all {
		r := MeetRoleOf(p, &x)
		if (f.All || r.side()) && (f.State == "" || x.State == f.State) {
			keep = append(keep, x)
		}
	}
	return e, keep, nil
}

// Meeting returns one meeting of an event to its sides and officers.
func (m *Meetings) Meeting(ctx context.Context, p *auth.Principal, eventID, id string) (Event, Meeting, error) {
	x, err := m.meeting(ctx, p, eventID, id)
	if err != nil {
		return Event{}, x, err
	}
	e, err := m.d.Registry.Event(ctx, eventID)
	return e, x, err
}

// Suggestion is a registration of the event worth meeting: one of its
// listings fits one the person's registration brings (an offer for a
// need, or a need for an offer), scored by the matching module.
type Suggestion struct {
	Registration SuggestedParty    `json:"registration"`
	Listing      ListingBrief      `json:"listing"` // theirs
	Mine         ListingBrief      `json:"mine"`    // the person's registration's
	Score        int               `json:"score"`
	Reasons      []matching.Reason `json:"-"`
	// Meeting is the open meeting between the two registrations, if any.
	Meeting string `json:"meetingId,omitempty"`
	Can     struct {
		Request bool `json:"request"`
	} `json:"can"`
}

// SuggestedParty names a registration.
type SuggestedParty struct {
	ID    string `json:"id"`
	Org   Ref    `json:"org"`
	Role  string `json:"role"`
	Booth string `json:"booth,omitempty"`
}

// ListingBrief names a listing.
type ListingBrief struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

// Suggestions returns, for p's approved registration in the event, the
// other approved registrations whose listings fit its own (best pair per
// registration, best first) and the registration they are for.
func (m *Meetings) Suggestions(ctx context.Context, p *auth.Principal, eventID, regID string, limit int) (Registration, []Suggestion, error) {
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return Registration{}, nil, err
	}
	if e.State != StatePublished && !org.IsStaff(p) {
		return Registration{}, nil, ErrNotFound
	}
	me, err := m.mine(ctx, p, e.ID, regID, "registrationId")
	if err != nil {
		return Registration{}, nil, err
	}
	regs, err := m.d.Registry.Registrations(ctx, e.ID, RegApproved)
	if err != nil {
		return me, nil, err
	}
	owner := map[string]Registration{} // listing id → the registration bringing it
	var offers, needs []string
	for _, g := range regs {
		if g.Org.ID == me.Org.ID {
			continue
		}
		for _, id := range g.Listings {
			owner[id] = g
			offers = append(offers, id)
		}
		for _, id := range g.Needs {
			owner[id] = g
			needs = append(needs, id)
		}
	}
	_, meetings, err := m.List(ctx, p, e.ID, MeetingFilter{})
	if err != nil {
		return me, nil, err
	}
	openWith := map[string]string{} // registration id → open meeting id
	for _, x := range meetings {
		if x.State != MeetRequested && x.State != MeetAccepted {
			continue
		}
		switch me.ID {
		case x.From.ID:
			openWith[x.To.ID] = x.ID
		case x.To.ID:
			openWith[x.From.ID] = x.ID
		}
	}
	// The registration's offers are scored against the needs brought, its
	// needs against the offers, in one pass over the candidates.
	var srcs []catalog.Listing
	for _, id := range slices.Concat(me.Listings, me.Needs) {
		l, err := m.d.Listings.Get(ctx, id)
		if errors.Is(err, catalog.ErrNotFound) {
			continue
		} else if err != nil {
			return me, nil, err
		}
		srcs = append(srcs, l)
	}
	best := map[string]Suggestion{}
	if len(srcs) > 0 && len(owner) > 0 {
		found, err := m.d.Matcher.Among(ctx, srcs, slices.Concat(offers, needs))
		if err != nil {
			return me, nil, ErrSuggestionsDown.Wrap(err)
		}
		for i, ms := range found {
			l := srcs[i]
			for _, x := range ms {
				g := owner[x.Doc.ID]
				if cur, ok := best[g.ID]; ok && cur.Score >= x.Score {
					continue
				}
				s := Suggestion{Registration: SuggestedParty{ID: g.ID, Org: g.Org, Role: g.Role, Booth: g.Booth},
					Listing: ListingBrief{ID: x.Doc.ID, Kind: x.Doc.Kind, Title: x.Doc.Title},
					Mine:    ListingBrief{ID: l.ID, Kind: l.Kind, Title: l.Title}, Score: x.Score, Reasons: x.Reasons,
					Meeting: openWith[g.ID]}
				s.Can.Request = s.Meeting == "" && m.Open(e)
				best[g.ID] = s
			}
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(a.Registration.Org.Name, b.Registration.Org.Name)
	})
	return me, out[:min(limit, len(out))], nil
}

// Taxonomy is the reference data the reasons are written with.
func (m *Meetings) Taxonomy() *taxonomy.Taxonomy { return m.d.Taxonomy }
