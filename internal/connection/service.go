package connection

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Catalog is what connections need of listings.
type Catalog interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
	Admit(ctx context.Context, id, orgID string) error
	Unadmit(ctx context.Context, id, orgID string) error
	Now() time.Time
}

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Notifier tells organisations what happened.
type Notifier interface {
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// Brokers finds the officer who proposed a pair involving the listing and
// the interested organisation, if any.
type Brokers interface {
	Broker(ctx context.Context, l catalog.Listing, partyOrgID string) (*Ref, error)
}

// Service runs connections.
type Service struct {
	s       *store.Store
	cat     Catalog
	orgs    Orgs
	notes   Notifier
	brokers Brokers
	tax     *taxonomy.Taxonomy
	audit   auth.Auditor
	log     *slog.Logger
	now     func() time.Time
	steps   *lifecycle.Machine[Connection, *Connection, Role]
}

// New returns the service; brokers may be nil.
func New(s *store.Store, cat Catalog, orgs Orgs, notes Notifier, brokers Brokers, tax *taxonomy.Taxonomy, a auth.Auditor, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	svc := &Service{s: s, cat: cat, orgs: orgs, notes: notes, brokers: brokers, tax: tax, audit: a, log: log, now: now}
	svc.steps = svc.machine()
	return svc
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Interest is what an organisation says when it expresses interest.
type Interest struct {
	OrgID  *string `json:"orgId"`
	Seeks  string  `json:"seeks" rule:"required,min=10,max=2000"`
	Brings string  `json:"brings" rule:"max=2000"`
}

var interestRules = validate.RulesOf[Interest]()

// Express records an organisation's interest in a published listing of
// another organisation: a connection in state requested. One open interest
// per organisation and listing.
func (s *Service) Express(ctx context.Context, p *auth.Principal, listingID string, in Interest) (Connection, error) {
	l, err := s.cat.Get(ctx, listingID)
	if errors.Is(err, catalog.ErrNotFound) {
		return Connection{}, catalog.ErrNotFound
	} else if err != nil {
		return Connection{}, err
	}
	if !l.Public() || l.Expired(s.cat.Now()) {
		if l.State == catalog.StatePublished || l.State == catalog.StateArchived {
			return Connection{}, ErrListingUnavailable
		}
		return Connection{}, catalog.ErrNotFound // drafts and pending ones are not public
	}
	var c validate.Checker
	orgID := ""
	switch {
	case in.OrgID != nil:
		orgID = *in.OrgID
	case len(p.User.Orgs) == 1:
		orgID = p.User.Orgs[0]
	default:
		c.Add("orgId", "required")
	}
	seeks, brings := validate.Multiline(in.Seeks), validate.Multiline(in.Brings)
	sr, br := interestRules.Of("seeks"), interestRules.Of("brings")
	c.Reason("seeks", seeks, sr.Min, sr.Max)
	c.Optional("brings", brings, br.Max)
	if err := c.Err(); err != nil {
		return Connection{}, err
	}
	o, err := s.orgs.Get(ctx, orgID)
	if errors.Is(err, org.ErrNotFound) {
		return Connection{}, errs.Field("orgId", "not_a_member")
	} else if err != nil {
		return Connection{}, err
	}
	if _, ok := o.Member(p.User.ID); !ok {
		return Connection{}, errs.Field("orgId", "not_a_member")
	}
	if o.ID == l.OrgID {
		return Connection{}, ErrOwnOrganization
	}
	if o.Kind == org.KindDepartment {
		// The department brokers (POST /matches); it is not a party.
		return Connection{}, ErrDepartmentNotParty
	}
	if o.Status != org.StatusVerified {
		return Connection{}, ErrOrgNotVerified
	}
	owner, err := s.orgs.Get(ctx, l.OrgID)
	if err != nil {
		return Connection{}, err
	}
	now := s.now().UTC()
	conn := Connection{
		ID: store.NewID(), Listing: ListingRef{ID: l.ID, Kind: l.Kind, Title: l.Title},
		Owner: Ref{ID: owner.ID, Name: owner.Name}, Party: Ref{ID: o.ID, Name: o.Name},
		State: StateRequested, Seeks: seeks, Brings: brings, Sectors: slices.Clone(l.Sectors),
		History:   []Step{{State: StateRequested, At: now, By: p.User.ID}},
		CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now, StateChangedAt: now,
	}
	if conn.Sectors == nil {
		conn.Sectors = []string{}
	}
	if s.brokers != nil {
		if conn.Broker, err = s.brokers.Broker(ctx, l, o.ID); err != nil {
			return Connection{}, err
		}
	}
	// Claim the (listing, organisation) key first: whoever opens it writes
	// the connection. A key left open by a connection that never got
	// written (a crash in between) is taken over.
	if _, err := store.Upsert(ctx, s.s, KeyCollection, keyID(l.ID, o.ID), func(k *key, exists bool) error {
		if exists && k.Open {
			if _, err := store.Get[Connection](ctx, s.s, Collection, k.ConnectionID); err == nil {
				return ErrInterestExists
			}
		}
		k.ID, k.ConnectionID, k.Open = keyID(l.ID, o.ID), conn.ID, true
		return nil
	}); err != nil {
		return Connection{}, mapErr(err)
	}
	if err := store.Insert(ctx, s.s, Collection, &conn); err != nil {
		s.release(ctx, conn)
		return Connection{}, err
	}
	s.record(ctx, p, ActionInterest, conn, "", "")
	s.notes.ToOrgs(ctx, []string{conn.Owner.ID}, p.User.ID, notify.Note{Kind: notify.KindInterest,
		Params: map[string]string{"org": o.Name, "listing": l.Title}, Link: "/connections/" + conn.ID})
	return conn, nil
}

// release opens the key again once a connection is over.
func (s *Service) release(ctx context.Context, c Connection) {
	_, err := store.Modify(ctx, s.s, KeyCollection, keyID(c.Listing.ID, c.Party.ID), 0, func(k *key) error {
		if k.ConnectionID != c.ID {
			return errNotMine
		}
		k.Open = false
		return nil
	})
	if err != nil && !errors.Is(err, errNotMine) && !errors.Is(err, store.ErrNotFound) {
		s.log.Warn("interest key not released", "connection", c.ID, "err", err)
	}
}

var errNotMine = errors.New("connection: key held by another connection")

func mapErr(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return ErrNotFound.Wrap(err)
	}
	return err
}

// Role is how a principal stands to a connection.
type Role struct {
	Owner, Party, Staff, Broker bool
}

// Any reports whether the principal may see the connection at all.
func (r Role) Any() bool { return r.Owner || r.Party || r.Staff || r.Broker }

// RoleOf works out p's role from the organisations p belongs to.
func RoleOf(p *auth.Principal, c *Connection) Role {
	if p == nil {
		return Role{}
	}
	return Role{
		Owner:  slices.Contains(p.User.Orgs, c.Owner.ID),
		Party:  slices.Contains(p.User.Orgs, c.Party.ID),
		Staff:  org.IsStaff(p),
		Broker: c.Broker != nil && c.Broker.ID == p.User.ID,
	}
}

// Can lists the actions p may take on c now.
type Can struct {
	Accept         bool `json:"accept"`
	Decline        bool `json:"decline"`
	Negotiate      bool `json:"negotiate"`
	Agree          bool `json:"agree"`
	Close          bool `json:"close"`
	Message        bool `json:"message"`
	RecordTransfer bool `json:"recordTransfer"`
}

// Names of the steps of a connection, as its table and `can` name them.
const (
	StepAccept    = "accept"
	StepDecline   = "decline"
	StepNegotiate = "negotiate"
	StepAgree     = "agree"
	StepClose     = "close"
)

func (r Role) side() bool { return r.Owner || r.Party }

// involved: the parties, the department and the broker.
func (r Role) involved() bool { return r.side() || r.Staff || r.Broker }

// steps is a connection's procedure: the one table that enforces the steps
// and fills `can`.
var steps = lifecycle.Table[*Connection, Role]{
	StepAccept:    {Action: ActionAccept, From: []string{StateRequested}, To: StateAccepted, Who: func(r Role, _ string) bool { return r.Owner }},
	StepDecline:   {Action: ActionDecline, From: []string{StateRequested}, To: StateDeclined, Who: func(r Role, _ string) bool { return r.Owner }},
	StepNegotiate: {Action: ActionNegotiate, From: []string{StateAccepted}, To: StateNegotiating, Who: func(r Role, _ string) bool { return r.side() }},
	StepAgree:     {Action: ActionAgree, From: []string{StateAccepted, StateNegotiating}, To: StateAgreed, Who: func(r Role, _ string) bool { return r.involved() }},
	// The requester withdraws a request; anyone involved ends a live one.
	StepClose: {Action: ActionClose, From: []string{StateRequested, StateAccepted, StateNegotiating}, To: StateClosed,
		Who: func(r Role, s string) bool {
			return (r.Party && s == StateRequested) || (s != StateRequested && r.involved())
		}},
}

// rules applies the table without a store: what CanOf asks.
var rules = &lifecycle.Machine[Connection, *Connection, Role]{Steps: steps, Role: RoleOf, Sees: Role.Any, NotFound: ErrNotFound}

// CanOf is what the SPA shows as buttons; the same table enforces them.
func CanOf(p *auth.Principal, c *Connection) Can {
	r, m := RoleOf(p, c), rules.Can(p, c)
	return Can{
		Accept: m[StepAccept], Decline: m[StepDecline], Negotiate: m[StepNegotiate], Agree: m[StepAgree], Close: m[StepClose],
		Message:        r.involved() && (c.Live() || c.State == StateAgreed),
		RecordTransfer: (r.side() || r.Staff) && c.State == StateAgreed && c.TransferID == "",
	}
}

// machine is the table over the service's store, audit log and clock.
func (s *Service) machine() *lifecycle.Machine[Connection, *Connection, Role] {
	m := *rules
	m.Store, m.Coll, m.StateKey, m.Audit, m.Now = s.s, Collection, "state", s.audit, s.now
	m.Subject = func(c *Connection) audit.Subject {
		return audit.Subject{Type: "connection", ID: c.ID, Name: c.Listing.Title + " – " + c.Party.Name}
	}
	return &m
}

// CurrentState, Enter and Touch put a connection under the lifecycle.
func (c *Connection) CurrentState() string { return c.State }

func (c *Connection) Enter(e lifecycle.Entry) {
	c.State, c.StateChangedAt = e.State, e.At
	c.History = append(c.History, Step{State: e.State, At: e.At, By: e.By})
}

func (c *Connection) Touch(now time.Time) { c.UpdatedAt = now }

// Get returns a connection its parties, its broker or an officer may see.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (Connection, error) {
	c, err := store.Get[Connection](ctx, s.s, Collection, id)
	if err != nil {
		return c, mapErr(err)
	}
	if !RoleOf(p, &c).Any() {
		return Connection{}, ErrNotFound // others do not learn it exists
	}
	return c, nil
}

// Decision carries a decline's reason or a close's comment.
type Decision struct {
	Reason  string `json:"reason"`
	Comment string `json:"comment" rule:"max=1000" doc:"required (5 characters or more) when the reason is other"`
}

var decisionRules = validate.RulesOf[Decision]()

// Accept opens the conversation; a need's confidential details open to
// the interested organisation.
func (s *Service) Accept(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Connection, error) {
	c, err := s.move(ctx, p, lifecycle.Move[*Connection]{Step: StepAccept, Version: ifVersion}, id)
	if err != nil {
		return c, err
	}
	if c.Listing.Kind == catalog.KindDemand {
		if err := s.cat.Admit(ctx, c.Listing.ID, c.Party.ID); err != nil {
			// The acceptance stands; the owner can share the details in
			// the thread. Logged so an officer can repair it.
			s.log.Error("confidential details not opened to the accepted party", "connection", c.ID, "err", err)
		}
	}
	return c, nil
}

// Decline closes a request with a reason the requester learns.
func (s *Service) Decline(ctx context.Context, p *auth.Principal, id string, d Decision, ifVersion int64) (Connection, error) {
	var v validate.Checker
	d.Comment = validate.Multiline(d.Comment)
	v.OneOf("reason", d.Reason, taxonomy.Codes(s.tax.DeclineReasons))
	if d.Reason == "other" {
		v.Reason("comment", d.Comment, 5, decisionRules.Of("comment").Max)
	} else {
		v.Optional("comment", d.Comment, decisionRules.Of("comment").Max)
	}
	if err := v.Err(); err != nil {
		return Connection{}, err
	}
	return s.move(ctx, p, lifecycle.Move[*Connection]{Step: StepDecline, Version: ifVersion, Reason: d.Reason + ": " + d.Comment,
		Change: func(c *Connection, _ time.Time) error {
			c.DeclineReason, c.DeclineComment = d.Reason, d.Comment
			return nil
		}}, id)
}

// Negotiate marks an accepted connection as negotiating.
func (s *Service) Negotiate(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Connection, error) {
	return s.move(ctx, p, lifecycle.Move[*Connection]{Step: StepNegotiate, Version: ifVersion}, id)
}

// Agree records that the parties reached an agreement.
func (s *Service) Agree(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Connection, error) {
	return s.move(ctx, p, lifecycle.Move[*Connection]{Step: StepAgree, Version: ifVersion}, id)
}

// Close ends a connection without a deal (the requester may withdraw a
// request this way).
func (s *Service) Close(ctx context.Context, p *auth.Principal, id string, d Decision, ifVersion int64) (Connection, error) {
	var v validate.Checker
	d.Comment = validate.Multiline(d.Comment)
	v.Optional("comment", d.Comment, decisionRules.Of("comment").Max)
	if err := v.Err(); err != nil {
		return Connection{}, err
	}
	return s.move(ctx, p, lifecycle.Move[*Connection]{Step: StepClose, Version: ifVersion, Reason: d.Comment,
		Change: func(c *Connection, _ time.Time) error {
			c.CloseComment = d.Comment
			return nil
		}}, id)
}

// move is every state change: the table's step as one conditional write
// (version, the actor's right, the state it starts from), audited; then
// what follows it and the notification.
func (s *Service) move(ctx context.Context, p *auth.Principal, mv lifecycle.Move[*Connection], id string) (Connection, error) {
	var from string
	change := mv.Change
	mv.Change = func(c *Connection, now time.Time) error {
		from = c.State
		if change != nil {
			return change(c, now)
		}
		return nil
	}
	c, err := s.steps.Apply(ctx, p, id, mv)
	if err != nil {
		return c, err
	}
	to := c.State
	if to == StateDeclined || to == StateClosed {
		s.release(ctx, c)
	}
	if to == StateClosed && from != StateRequested && c.Listing.Kind == catalog.KindDemand {
		// No deal: the need's confidential details close to the party again.
		if err := s.cat.Unadmit(ctx, c.Listing.ID, c.Party.ID); err != nil {
			s.log.Error("confidential details not closed to a party without a deal", "connection", c.ID, "err", err)
		}
	}
	params := map[string]string{"state": to, "listing": c.Listing.Title, "org": actorOrg(p, &c)}
	if to == StateDeclined {
		params["reason"], params["comment"] = c.DeclineReason, c.DeclineComment
	}
	s.notes.ToOrgs(ctx, []string{c.Owner.ID, c.Party.ID}, p.User.ID, notify.Note{Kind: notify.KindDecision, Params: params, Link: "/connections/" + c.ID})
	return c, nil
}

// actorOrg names the side p acted for.
func actorOrg(p *auth.Principal, c *Connection) string {
	switch r := RoleOf(p, c); {
	case r.Owner:
		return c.Owner.Name
	case r.Party:
		return c.Party.Name
	}
	return "Sở KH&CN"
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, c Connection, from, reason string) {
	e := audit.Entry{
		ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "connection", ID: c.ID, Name: c.Listing.Title + " – " + c.Party.Name}, Reason: reason,
	}
	if from != "" {
		e.Changes = map[string]audit.Change{"state": {From: from, To: c.State}}
	}
	_ = s.audit.Record(ctx, e)
}

// Messages returns a connection's thread, oldest first.
func (s *Service) Messages(ctx context.Context, p *auth.Principal, id string) ([]Message, error) {
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	t, err := store.Get[Thread](ctx, s.s, ThreadCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return []Message{}, nil
	}
	return t.Messages, err
}

// MessageInput is one message of a thread. MaxThread is the most messages
// a thread keeps: one document holds the whole thread, and 1,000 messages
// of the longest kind stay far below a document's 16 MB.
type MessageInput struct {
	Body string `json:"body" rule:"required,min=1,max=4000"`
}

// MaxThread is the most messages a thread keeps.
const MaxThread = 1000

var messageRules = validate.RulesOf[MessageInput]()

// ErrThreadFull refuses message 1,001; the parties continue elsewhere.
var ErrThreadFull = errs.New(errs.Conflict, "thread_full")

// Post adds a message. A message in an accepted connection starts the
// negotiation.
func (s *Service) Post(ctx context.Context, p *auth.Principal, id, body string) (Message, error) {
	var v validate.Checker
	body = validate.Multiline(body)
	r := messageRules.Of("body")
	v.Reason("body", body, r.Min, r.Max)
	if err := v.Err(); err != nil {
		return Message{}, err
	}
	// The connection is touched first, under its conditional write, so the
	// state the message is allowed in is the state it is written in.
	now := s.now().UTC()
	c, err := store.Modify(ctx, s.s, Collection, id, 0, func(c *Connection) error {
		if !RoleOf(p, c).Any() {
			return ErrNotFound
		}
		if !CanOf(p, c).Message {
			if c.Live() || c.State == StateAgreed {
				return errs.ErrForbidden
			}
			return ErrThreadClosed
		}
		c.LastMessageAt, c.UpdatedAt = &now, now
		if c.State == StateAccepted {
			c.Enter(lifecycle.Entry{State: StateNegotiating, At: now, By: p.User.ID})
		}
		return nil
	})
	if err != nil {
		return Message{}, mapErr(err)
	}
	m := Message{ID: store.NewID(), Author: Ref{ID: p.User.ID, Name: cmpOr(p.User.FullName, p.User.Email)}, Body: body, CreatedAt: now}
	switch r := RoleOf(p, &c); {
	case r.Owner:
		m.Org = &Ref{ID: c.Owner.ID, Name: c.Owner.Name}
	case r.Party:
		m.Org = &Ref{ID: c.Party.ID, Name: c.Party.Name}
	}
	if _, err := store.Upsert(ctx, s.s, ThreadCollection, id, func(t *Thread, exists bool) error {
		if !exists {
			t.ID = id
		}
		if len(t.Messages) >= MaxThread {
			return ErrThreadFull
		}
		t.Messages = append(t.Messages, m)
		return nil
	}); err != nil {
		return Message{}, mapErr(err)
	}
	excerpt := body
	if utf8.RuneCountInString(excerpt) > 140 {
		excerpt = string([]rune(excerpt)[:140]) + "…"
	}
	s.notes.ToOrgs(ctx, []string{c.Owner.ID, c.Party.ID}, p.User.ID, notify.Note{Kind: notify.KindMessage,
		Params: map[string]string{"author": m.Author.Name, "listing": c.Listing.Title, "excerpt": excerpt}, Link: "/connections/" + id})
	return m, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Scope is the sector and period reports and lists are cut to: records of
// the sector created in [From, To); zero parts cover everything.
type Scope struct {
	Sector   string
	From, To time.Time
}

// Covers reports whether a record with these sectors, created then, is in
// the scope.
func (sc Scope) Covers(sectors []string, created time.Time) bool {
	if sc.Sector != "" && !slices.Contains(sectors, sc.Sector) {
		return false
	}
	if !sc.From.IsZero() && created.Before(sc.From) {
		return false
	}
	return sc.To.IsZero() || created.Before(sc.To)
}

// Filter narrows a list of connections.
type Filter struct {
	Scope
	All       bool // every connection (officers); otherwise the principal's
	State     string
	Stale     bool
	ListingID string
	Page      int
	Size      int
}

// List returns the connections matching f, most recently changed first.
func (s *Service) List(ctx context.Context, p *auth.Principal, f Filter) ([]Connection, int, error) {
	if f.All && !org.IsStaff(p) {
		return nil, 0, errs.ErrForbidden
	}
	if f.State != "" && !slices.Contains(States, f.State) {
		return nil, 0, errs.Field("state", "invalid_choice", "choices", States)
	}
	filter := bson.D{}
	if !f.All {
		or := bson.A{bson.D{{Key: "broker.id", Value: p.User.ID}}}
		if len(p.User.Orgs) > 0 {
			or = append(or, bson.D{{Key: "owner.id", Value: bson.D{{Key: "$in", Value: p.User.Orgs}}}},
				bson.D{{Key: "party.id", Value: bson.D{{Key: "$in", Value: p.User.Orgs}}}})
		}
		filter = append(filter, bson.E{Key: "$or", Value: or})
	}
	if f.State != "" {
		filter = append(filter, bson.E{Key: "state", Value: f.State})
	}
	if f.ListingID != "" {
		filter = append(filter, bson.E{Key: "listing.id", Value: f.ListingID})
	}
	all, err := store.Find[Connection](ctx, s.s, Collection, filter, options.Find().SetSort(listOrder))
	if err != nil {
		return nil, 0, err
	}
	now := s.now()
	keep := all[:0]
	for _, c := range all {
		if (f.Stale && !c.Stale(now)) || !f.Covers(c.Sectors, c.CreatedAt) {
			continue
		}
		keep = append(keep, c)
	}
	return store.PageOf(keep, f.Page, f.Size), len(keep), nil
}

// All returns every connection in the scope, for the pipeline report.
func (s *Service) All(ctx context.Context, sc Scope) ([]Connection, error) {
	all, err := store.Find[Connection](ctx, s.s, Collection, bson.D{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c Connection) bool { return !sc.Covers(c.Sectors, c.CreatedAt) }), nil
}

// Nudge reminds both sides of every live connection quiet for StaleAfter,
// at most once per StaleAfter (a conditional claim, so replicas do not
// both send).
func (s *Service) Nudge(ctx context.Context) (int, error) {
	now := s.now().UTC()
	live, err := store.Find[Connection](ctx, s.s, Collection, bson.D{{Key: "state", Value: bson.D{{Key: "$in", Value: bson.A{StateAccepted, StateNegotiating}}}}})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range live {
		if !c.Stale(now) || (c.NudgedAt != nil && now.Sub(*c.NudgedAt) < StaleAfter) {
			continue
		}
		c, err := store.Modify(ctx, s.s, Collection, c.ID, 0, func(x *Connection) error {
			if !x.Stale(now) || (x.NudgedAt != nil && now.Sub(*x.NudgedAt) < StaleAfter) {
				return errNotDue
			}
			x.NudgedAt = &now
			return nil
		})
		if err != nil {
			continue
		}
		s.notes.ToOrgs(ctx, []string{c.Owner.ID, c.Party.ID}, "", notify.Note{Kind: notify.KindNudge,
			Params: map[string]string{"listing": c.Listing.Title}, Link: "/connections/" + c.ID})
		n++
	}
	return n, nil
}

var errNotDue = errors.New("connection: not due")

// LinkTransfer marks an agreed connection as recorded by transfer id; it
// fails if the connection is not agreed or already has a transfer.
func (s *Service) LinkTransfer(ctx context.Context, p *auth.Principal, id, transferID string) (Connection, error) {
	c, err := store.Modify(ctx, s.s, Collection, id, 0, func(c *Connection) error {
		can := CanOf(p, c)
		switch {
		case !RoleOf(p, c).Any():
			return ErrNotFound
		case c.TransferID != "":
			return ErrTransferExists
		case c.State != StateAgreed:
			return ErrInvalidTransition
		case !can.RecordTransfer:
			return errs.ErrForbidden
		}
		c.TransferID, c.UpdatedAt = transferID, s.now().UTC()
		return nil
	})
	return c, mapErr(err)
}

// ErrTransferExists: the connection already has its transfer.
var ErrTransferExists = errs.New(errs.Conflict, "transfer_exists")

// Trim shortens s for a subject line.
func Trim(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n])) + "…"
}
