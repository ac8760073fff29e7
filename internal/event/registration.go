package event

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
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

// ErrNoBoothLeft refuses to approve a waitlisted registration while no
// booth of its type is free.
var ErrNoBoothLeft = errs.New(errs.Conflict, "no_booth_left")

// RoleSystem is the platform itself, promoting from the waiting list.
const RoleSystem Role = RoleStaff + 1

func (s *Service) registrationMachine() *lifecycle.Machine[Registration, *Registration, Role] {
	staff := func(r Role, _ string) bool { return r == RoleStaff || r == RoleSystem }
	return &lifecycle.Machine[Registration, *Registration, Role]{
		Store: s.s, Coll: RegistrationCollection,
		Steps: lifecycle.Table[*Registration, Role]{
			"approve":  {Action: ActionApprove, From: []string{RegPending, RegWaitlisted}, To: RegApproved, Who: staff},
			"reject":   {Action: ActionReject, From: []string{RegPending, RegWaitlisted}, To: RegRejected, Who: staff},
			"withdraw": {Action: ActionWithdraw, From: []string{RegPending, RegApproved, RegWaitlisted}, To: RegWithdrawn, Who: func(r Role, _ string) bool { return r == RoleMember }},
			"promote":  {Action: ActionPromote, From: []string{RegWaitlisted}, To: RegApproved, Who: func(r Role, _ string) bool { return r == RoleSystem }},
		},
		// nil is the system (promotions); the routes always pass a person.
		Role: func(p *auth.Principal, r *Registration) Role {
			switch {
			case p == nil:
				return RoleSystem
			case isStaff(p):
				return RoleStaff
			case slices.Contains(p.User.Orgs, r.Org.ID):
				return RoleMember
			}
			return RoleNone
		},
		Sees:     func(r Role) bool { return r != RoleNone },
		NotFound: ErrRegistrationNotFound,
		Subject: func(r *Registration) audit.Subject {
			return audit.Subject{Type: "event.registration", ID: r.ID, Name: r.Org.Name}
		},
		StateKey: "state",
		Audit:    s.audit,
		Now:      s.now,
	}
}

// RegistrationID is the id of an organisation's registration for an
// event: one per pair, so registering twice collides on the key.
func RegistrationID(eventID, orgID string) string {
	h := sha256.Sum256([]byte(eventID + "\x00" + orgID))
	return hex.EncodeToString(h[:12])
}

// RegistrationInput is what an organisation sends to take part.
type RegistrationInput struct {
	// OrgID is the organisation registering; it may be left out by a
	// member of one organisation.
	OrgID string `json:"orgId" rule:"max=40"`
	Role  string `json:"role" rule:"required,enum=EventRole"`
	// BoothType is the booth asked for (exhibitors; inventors ask for a
	// free one).
	BoothType string   `json:"boothType" rule:"max=20"`
	Listings  []string `json:"listings" rule:"max=20" doc:"published offers of the organisation shown at the booth"`
	Needs     []string `json:"needs" rule:"max=20" doc:"published needs of the organisation brought to the event (the reverse techmart)"`
	Slots     []int    `json:"slots" rule:"max=1000" doc:"meeting slots the organisation is available in (day × slotsPerDay + slot); none: all"`
	Note      string   `json:"note" rule:"max=2000"`
}

// RejectInput is an officer's reason for refusing a registration.
type RejectInput struct {
	Reason string `json:"reason" rule:"required,min=5,max=1000"`
}

var (
	registrationRules = validate.RulesOf[RegistrationInput]()
	rejectRules       = validate.RulesOf[RejectInput]()
)

// RegistrationCan says what the caller may do with a registration now.
type RegistrationCan struct {
	Approve  bool `json:"approve"`
	Reject   bool `json:"reject"`
	Withdraw bool `json:"withdraw"`
}

// RegistrationView is a registration as the API answers it.
type RegistrationView struct {
	Registration
	Can RegistrationCan `json:"can"`
}

// regView is r as p sees it. With its event, a waitlisted registration may
// be approved only while a booth of its pool is free.
func (s *Service) regView(p *auth.Principal, r Registration, e *Event) RegistrationView {
	can := s.regs.Can(p, &r)
	if r.State == RegWaitlisted && e != nil && !boothLeft(e, &r) {
		can["approve"] = false
	}
	for _, l := range []*[]string{&r.Listings, &r.Needs} {
		if *l == nil {
			*l = []string{}
		}
	}
	if r.Slots == nil {
		r.Slots = []int{}
	}
	return RegistrationView{Registration: r, Can: RegistrationCan{Approve: can["approve"], Reject: can["reject"], Withdraw: can["withdraw"]}}
}

// boothLeft says whether r's booth type has a booth free in r's pool.
func boothLeft(e *Event, r *Registration) bool {
	for _, a := range availability(e) {
		if a.Code == r.BoothType {
			if r.Role == RoleInventor {
				return a.QuotaLeft > 0
			}
			return a.Left > 0
		}
	}
	return false
}

// needsBooth says whether a registration takes a booth.
func needsBooth(r *Registration) bool { return r.Role == RoleExhibitor || r.Role == RoleInventor }

// newCheckInCode is the secret of a registration's badge.
func newCheckInCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// Register records an organisation's registration for a published event
// whose registration window is open, waiting for an officer.
func (s *Service) Register(ctx context.Context, p *auth.Principal, eventID string, in RegistrationInput) (RegistrationView, error) {
	e, err := s.Get(ctx, p, eventID)
	if err != nil {
		return RegistrationView{}, err
	}
	if !e.RegistrationOpen(calendar.Day(s.now())) {
		return RegistrationView{}, ErrRegistrationClosed
	}
	var c validate.Checker
	orgID := in.OrgID
	if orgID == "" && len(p.User.Orgs) == 1 {
		orgID = p.User.Orgs[0]
	}
	if orgID == "" {
		c.Add("orgId", "required")
	}
	c.OneOf("role", in.Role, Roles)
	note := validate.Multiline(in.Note)
	c.Optional("note", note, registrationRules.Of("note").Max)
	if err := c.Err(); err != nil {
		return RegistrationView{}, err
	}
	o, err := s.orgs.Get(ctx, orgID)
	if errors.Is(err, org.ErrNotFound) {
		return RegistrationView{}, errs.Field("orgId", "not_a_member")
	} else if err != nil {
		return RegistrationView{}, err
	}
	if _, ok := o.Member(p.User.ID); !ok {
		return RegistrationView{}, errs.Field("orgId", "not_a_member")
	}
	if o.Kind == org.KindDepartment || o.Kind == org.KindAgency {
		return RegistrationView{}, errs.Field("orgId", "department_not_registrant")
	}
	if o.Status != org.StatusVerified {
		return RegistrationView{}, ErrOrgNotVerified
	}
	now := s.now().UTC()
	r := Registration{ID: RegistrationID(e.ID, o.ID), EventID: e.ID, Role: in.Role, Org: Ref{ID: o.ID, Name: o.Name}, OrgKind: o.Kind,
		Contact: Ref{ID: p.User.ID, Name: p.User.FullName}, Listings: []string{}, Needs: []string{}, Slots: []int{}, Note: note,
		State: RegPending, CheckInCode: newCheckInCode(), History: []Step{{State: RegPending, At: now, By: p.User.ID}}, CreatedAt: now, UpdatedAt: now}
	if in.Role == RoleInventor && o.Kind != org.KindIndividual {
		c.Add("role", "inventor_individual_only")
	}
	if needsBooth(&r) {
		i := slices.IndexFunc(e.Booths, func(b BoothType) bool { return b.Code == in.BoothType })
		switch {
		case in.BoothType == "":
			c.Add("boothType", "required")
		case i < 0:
			codes := []string{}
			for _, b := range e.Booths {
				codes = append(codes, b.Code)
			}
			c.Add("boothType", "invalid_choice", "choices", codes)
		case in.Role == RoleInventor && e.Booths[i].FreeQuota == 0:
			c.Add("boothType", "no_free_quota")
		default:
			r.BoothType = in.BoothType
		}
	}
	r.Listings = s.ownListings(ctx, &c, "listings", in.Listings, o.ID, true)
	r.Needs = s.ownListings(ctx, &c, "needs", in.Needs, o.ID, false)
	if in.Role == RoleExhibitor && len(in.Listings) == 0 {
		c.Add("listings", "required")
	}
	slots := e.Meetings.SlotsPerDay * len(e.Meetings.Days)
	for _, sl := range in.Slots {
		if sl < 0 || sl >= slots {
			c.Add("slots", "out_of_range", "min", 0, "max", max(slots-1, 0))
			break
		}
	}
	r.Slots = slices.Compact(slices.Sorted(slices.Values(in.Slots)))
	if r.Slots == nil {
		r.Slots = []int{}
	}
	if err := c.Err(); err != nil {
		return RegistrationView{}, err
	}
	if err := store.Insert(ctx, s.s, RegistrationCollection, &r); err != nil {
		if !mongo.IsDuplicateKeyError(err) && !errors.Is(err, store.ErrDuplicate) {
			return RegistrationView{}, err
		}
		if r, err = s.registerAgain(ctx, r); err != nil {
			return RegistrationView{}, err
		}
	}
	if s.audit != nil {
		_ = s.audit.Record(ctx, audit.Entry{At: now, Actor: p.Actor(), Action: ActionRegister,
			Subject: audit.Subject{Type: "event.registration", ID: r.ID, Name: o.Name}})
	}
	return s.regView(p, r, &e), nil
}

// registerAgain puts a new registration in the place of the organisation's
// earlier one for the event, if that one ended (withdrawn or refused): its
// history goes on, the rest is the new one's. Any other earlier
// registration still stands, and two people registering again at once
// find the second refused (the version read is the one replaced).
func (s *Service) registerAgain(ctx context.Context, r Registration) (Registration, error) {
	prev, err := store.Get[Registration](ctx, s.s, RegistrationCollection, r.ID)
	if err != nil {
		return r, err
	}
	if !prev.Ended() {
		return r, ErrAlreadyRegistered
	}
	next, err := store.Modify[Registration](ctx, s.s, RegistrationCollection, r.ID, prev.Version, func(cur *Registration) error {
		if !cur.Ended() {
			return ErrAlreadyRegistered
		}
		history := append(cur.History, r.History...)
		created := cur.CreatedAt
		*cur = r
		cur.History, cur.CreatedAt = history, created
		return nil
	})
	if errors.Is(err, store.ErrStale) {
		return r, ErrAlreadyRegistered
	}
	return next, err
}

// Ended reports whether a registration is over (withdrawn by its
// organisation or refused by an officer): the organisation may register
// for the event again.
func (r *Registration) Ended() bool {
	return r.State == RegWithdrawn || r.State == RegRejected
}

// ownListings checks that ids are published listings of the organisation,
// offers or needs.
func (s *Service) ownListings(ctx context.Context, c *validate.Checker, field string, ids []string, orgID string, offers bool) []string {
	out := []string{}
	if m := registrationRules.Of(field).Max; len(ids) > m {
		c.Add(field, "too_many", "max", m)
		return out
	}
	for _, id := range ids {
		if slices.Contains(out, id) {
			continue
		}
		l, err := s.listings.Get(ctx, id)
		if err != nil || l.OrgID != orgID || l.State != catalog.StatePublished || catalog.IsOffer(l.Kind) != offers {
			if offers {
				c.Add(field, "not_own_offer", "id", id)
			} else {
				c.Add(field, "not_own_need", "id", id)
			}
			return out
		}
		out = append(out, id)
	}
	return out
}

// registration reads one registration of an event that p may see.
func (s *Service) registration(ctx context.Context, p *auth.Principal, eventID, id string) (Registration, error) {
	r, err := store.Get[Registration](ctx, s.s, RegistrationCollection, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.EventID != eventID) {
		return Registration{}, ErrRegistrationNotFound
	} else if err != nil {
		return r, err
	}
	if !s.regs.Sees(s.regs.Role(p, &r)) {
		return Registration{}, ErrRegistrationNotFound
	}
	return r, nil
}

// GetRegistration returns one registration to its organisation and
// officers.
func (s *Service) GetRegistration(ctx context.Context, p *auth.Principal, eventID, id string) (RegistrationView, error) {
	r, err := s.registration(ctx, p, eventID, id)
	if err != nil {
		return RegistrationView{}, err
	}
	return s.regView(p, r, s.eventOf(ctx, eventID)), nil
}

// ListRegistrations returns an event's registrations, oldest first:
// all to officers (in a state, of a role), the caller's organisations'
// to anyone else.
func (s *Service) ListRegistrations(ctx context.Context, p *auth.Principal, eventID, state, role string, page, size int) ([]RegistrationView, int, error) {
	e, err := s.Get(ctx, p, eventID)
	if err != nil {
		return nil, 0, err
	}
	filter := bson.D{{Key: "eventId", Value: eventID}}
	switch {
	case isStaff(p):
		if state != "" {
			filter = append(filter, bson.E{Key: "state", Value: state})
		}
	case len(p.User.Orgs) == 0:
		return []RegistrationView{}, 0, nil
	default:
		filter = append(filter, bson.E{Key: "org.id", Value: bson.D{{Key: "$in", Value: p.User.Orgs}}})
	}
	all, err := store.Find[Registration](ctx, s.s, RegistrationCollection, filter, options.Find().SetSort(registrationOrder))
	if err != nil {
		return nil, 0, err
	}
	out := make([]RegistrationView, 0, len(all))
	for _, r := range all {
		if (role != "" && r.Role != role) || (state != "" && r.State != state) {
			continue
		}
		out = append(out, s.regView(p, r, &e))
	}
	return store.PageOf(out, page, size), len(out), nil
}

// Registrations returns an event's registrations in any of states (all
// when none is given), oldest first: for the other steps of an event.
func (s *Service) Registrations(ctx context.Context, eventID string, states ...string) ([]Registration, error) {
	filter := bson.D{{Key: "eventId", Value: eventID}}
	if len(states) > 0 {
		filter = append(filter, bson.E{Key: "state", Value: bson.D{{Key: "$in", Value: states}}})
	}
	return store.Find[Registration](ctx, s.s, RegistrationCollection, filter, options.Find().SetSort(registrationOrder))
}

// ApprovedRegistration returns an organisation's approved registration for
// an event (ErrRegistrationNotFound when it has none): one _id lookup.
func (s *Service) ApprovedRegistration(ctx context.Context, eventID, orgID string) (Registration, error) {
	r, err := store.Get[Registration](ctx, s.s, RegistrationCollection, RegistrationID(eventID, orgID))
	if errors.Is(err, store.ErrNotFound) {
		return r, ErrRegistrationNotFound.Wrap(err)
	} else if err != nil {
		return r, err
	}
	if r.State != RegApproved {
		return Registration{}, ErrRegistrationNotFound
	}
	return r, nil
}

// errUnchanged aborts a Modify that has nothing to write.
var errUnchanged = errors.New("unchanged")

func boothName(b BoothType, n int) string { return b.Prefix + "-" + strconv.Itoa(n) }

// allocate gives r a booth of its type, from the free quota for an
// inventor and from the rest for anyone else: the lowest free number, or
// the one it already holds. It returns "" when none is left. One
// conditional write on the event, so concurrent approvals never give more
// booths than the plan has.
func (s *Service) allocate(ctx context.Context, r *Registration) (string, error) {
	booth := ""
	_, err := store.Modify(ctx, s.s, Collection, r.EventID, 0, func(e *Event) error {
		booth = ""
		if i := slices.IndexFunc(e.Allocations, func(a Allocation) bool { return a.Registration == r.ID }); i >= 0 {
			booth = e.Allocations[i].Booth
			return errUnchanged
		}
		i := slices.IndexFunc(e.Booths, func(b BoothType) bool { return b.Code == r.BoothType })
		if i < 0 {
			return errUnchanged
		}
		b, free := e.Booths[i], r.Role == RoleInventor
		pool := b.Count - b.FreeQuota
		if free {
			pool = b.FreeQuota
		}
		used := map[int]bool{}
		inPool := 0
		for _, a := range e.Allocations {
			if a.BoothType == b.Code {
				used[a.Number] = true
				if a.Free == free {
					inPool++
				}
			}
		}
		if inPool >= pool {
			return errUnchanged
		}
		for n := 1; n <= b.Count; n++ {
			if !used[n] {
				booth = boothName(b, n)
				e.Allocations = append(e.Allocations, Allocation{BoothType: b.Code, Number: n, Booth: booth, Registration: r.ID, Free: free, At: s.now().UTC()})
				return nil
			}
		}
		return errUnchanged
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return "", err
	}
	return booth, nil
}

// release frees the booth a registration holds, if any, unless the
// registration is approved with it (a concurrent approval that won).
func (s *Service) release(ctx context.Context, eventID, regID string, unlessHeld bool) error {
	if unlessHeld {
		if r, err := store.Get[Registration](ctx, s.s, RegistrationCollection, regID); err == nil && r.State == RegApproved && r.Booth != "" {
			return nil
		}
	}
	_, err := store.Modify(ctx, s.s, Collection, eventID, 0, func(e *Event) error {
		n := len(e.Allocations)
		e.Allocations = slices.DeleteFunc(e.Allocations, func(a Allocation) bool { return a.Registration == regID })
		if len(e.Allocations) == n {
			return errUnchanged
		}
		return nil
	})
	if errors.Is(err, errUnchanged) {
		return nil
	}
	return err
}

// Approve takes a registration in (officers): a participant at once; an
// exhibitor or inventor with a booth number, or onto the waiting list
// when its type has none left (a waitlisted one stays there: 409
// no_booth_left).
func (s *Service) Approve(ctx context.Context, p *auth.Principal, eventID, id string, ifVersion int64) (RegistrationView, error) {
	r, err := s.registration(ctx, p, eventID, id)
	if err != nil {
		return RegistrationView{}, err
	}
	if err := s.regs.Check(p, &r, "approve"); err != nil {
		return RegistrationView{}, err
	}
	to, booth := RegApproved, ""
	if needsBooth(&r) {
		if booth, err = s.allocate(ctx, &r); err != nil {
			return RegistrationView{}, err
		}
		if booth == "" {
			if r.State == RegWaitlisted {
				return RegistrationView{}, ErrNoBoothLeft
			}
			to = RegWaitlisted
		}
	}
	out, err := s.regs.Apply(ctx, p, id, lifecycle.Move[*Registration]{Step: "approve", Version: ifVersion, To: to,
		Change: func(d *Registration, now time.Time) error {
			d.Booth = booth
			if to == RegWaitlisted {
				d.WaitlistedAt = &now
			}
			return nil
		},
		Changes: boothChange})
	if err != nil {
		if booth != "" {
			if rerr := s.release(ctx, eventID, id, true); rerr != nil {
				s.log.Error("event: release a booth after a failed approval", "registration", id, "err", rerr)
			}
		}
		return RegistrationView{}, err
	}
	s.tell(ctx, out)
	return s.regView(p, out, s.eventOf(ctx, eventID)), nil
}

// eventOf reads an event for a view's `can`; nil when it cannot be read.
func (s *Service) eventOf(ctx context.Context, id string) *Event {
	e, err := store.Get[Event](ctx, s.s, Collection, id)
	if err != nil {
		return nil
	}
	return &e
}

// tell lets the registered organisation's members know what became of
// its registration: "approved", "booth", "waitlisted" or "rejected".
func (s *Service) tell(ctx context.Context, r Registration) {
	if s.notes == nil {
		return
	}
	step := map[string]string{RegApproved: "approved", RegWaitlisted: "waitlisted", RegRejected: "rejected"}[r.State]
	if step == "" {
		return
	}
	if r.State == RegApproved && r.Booth != "" {
		step = "booth"
	}
	name := ""
	if e := s.eventOf(ctx, r.EventID); e != nil {
		name = e.Name
	}
	s.notes.ToOrgs(ctx, []string{r.Org.ID}, "", notify.Note{Kind: notify.KindEvent, Link: "/events/" + r.EventID,
		Params: map[string]string{"event": step, "org": r.Org.Name, "name": name, "booth": r.Booth, "reason": r.RejectReason}})
}

func boothChange(before, after *Registration) map[string]audit.Change {
	ch := map[string]audit.Change{}
	if before.Booth != after.Booth {
		ch["booth"] = audit.Change{From: before.Booth, To: after.Booth}
	}
	return ch
}

// Reject refuses a pending or waitlisted registration with a reason
// (officers).
func (s *Service) Reject(ctx context.Context, p *auth.Principal, eventID, id string, in RejectInput, ifVersion int64) (RegistrationView, error) {
	if _, err := s.registration(ctx, p, eventID, id); err != nil {
		return RegistrationView{}, err
	}
	reason := validate.Multiline(in.Reason)
	out, err := s.regs.Apply(ctx, p, id, lifecycle.Move[*Registration]{Step: "reject", Version: ifVersion, Note: reason, Reason: reason,
		Change: func(d *Registration, _ time.Time) error {
			var c validate.Checker
			r := rejectRules.Of("reason")
			c.Reason("reason", reason, r.Min, r.Max)
			if err := c.Err(); err != nil {
				return err
			}
			d.RejectReason = reason
			return nil
		}})
	if err != nil {
		return RegistrationView{}, err
	}
	s.tell(ctx, out)
	return s.regView(p, out, s.eventOf(ctx, eventID)), nil
}

// Withdraw takes an organisation's registration back (its members); a
// booth it held frees and goes to the first on the waiting list.
func (s *Service) Withdraw(ctx context.Context, p *auth.Principal, eventID, id string, ifVersion int64) (RegistrationView, error) {
	if _, err := s.registration(ctx, p, eventID, id); err != nil {
		return RegistrationView{}, err
	}
	out, err := s.regs.Apply(ctx, p, id, lifecycle.Move[*Registration]{Step: "withdraw", Version: ifVersion})
	if err != nil {
		return RegistrationView{}, err
	}
	if out.Booth != "" {
		if err := s.release(ctx, eventID, id, false); err != nil {
			return RegistrationView{}, err
		}
		if err := s.Promote(ctx, eventID); err != nil {
			s.log.Error("event: promote from the waiting list", "event", eventID, "err", err)
		}
	}
	return s.regView(p, out, s.eventOf(ctx, eventID)), nil
}

// Promote gives the booths free now to the waiting list, first come first
// served within each booth type and pool (free quota or not).
func (s *Service) Promote(ctx context.Context, eventID string) error {
	waiting, err := store.Find[Registration](ctx, s.s, RegistrationCollection,
		bson.D{{Key: "eventId", Value: eventID}, {Key: "state", Value: RegWaitlisted}}, options.Find().SetSort(waitlistOrder))
	if err != nil {
		return err
	}
	for _, r := range waiting {
		booth, err := s.allocate(ctx, &r)
		if err != nil {
			return err
		}
		if booth == "" {
			continue
		}
		promoted, err := s.regs.Apply(ctx, nil, r.ID, lifecycle.Move[*Registration]{Step: "promote",
			Change: func(d *Registration, _ time.Time) error { d.Booth = booth; return nil }, Changes: boothChange})
		if err == nil {
			s.tell(ctx, promoted)
		} else {
			if rerr := s.release(ctx, eventID, r.ID, true); rerr != nil {
				return rerr
			}
			if !errors.Is(err, lifecycle.ErrInvalidTransition) {
				return err
			}
		}
	}
	return nil
}

// claimGrace is how long a booth claimed by an approval may wait for the
// registration to be written before Reconcile takes it back.
const claimGrace = 10 * time.Minute

// Reconcile takes back the booths an approval claimed on an event but never
// gave (the process stopped between the two writes, or the registration
// changed meanwhile): a claim older than claimGrace whose registration is
// not approved with that booth. Then the waiting lists get what freed. It
// returns how many booths it took back.
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	events, err := store.Find[Event](ctx, s.s, Collection, bson.D{{Key: "state", Value: StatePublished}})
	if err != nil {
		return 0, err
	}
	taken := 0
	now := s.now().UTC()
	for _, e := range events {
		var stale []string
		for _, a := range e.Allocations {
			if now.Sub(a.At) < claimGrace {
				continue
			}
			r, err := store.Get[Registration](ctx, s.s, RegistrationCollection, a.Registration)
			if err == nil && r.State == RegApproved && r.Booth == a.Booth {
				continue
			} else if err != nil && !errors.Is(err, store.ErrNotFound) {
				return taken, err
			}
			stale = append(stale, a.Registration)
		}
		for _, id := range stale {
			if err := s.release(ctx, e.ID, id, true); err != nil {
				return taken, err
			}
			taken++
		}
		if len(stale) > 0 {
			if err := s.Promote(ctx, e.ID); err != nil {
				return taken, err
			}
		}
	}
	return taken, nil
}
