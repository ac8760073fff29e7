package catalog

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Audit actions of listings.
const (
	ActionCreate  = "listing.create"
	ActionUpdate  = "listing.update"
	ActionDelete  = "listing.delete"
	ActionSubmit  = "listing.submit"
	ActionApprove = "listing.approve"
	ActionReject  = "listing.reject"
	ActionArchive = "listing.archive"
	ActionRenew   = "listing.renew"
)

// Errors with stable codes.
var (
	ErrNotFound          = errs.New(errs.NotFound, "listing_not_found")
	ErrInvalidTransition = errs.New(errs.Conflict, "invalid_transition")
	ErrUnderReview       = errs.New(errs.Conflict, "listing_under_review")
	ErrOrgNotVerified    = errs.New(errs.Forbidden, "org_not_verified")
	ErrOwnOrganization   = errs.New(errs.Forbidden, "own_organization")
)

// Orgs is what the catalog needs of organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Service is the catalog.
type Service struct {
	s       *store.Store
	orgs    Orgs
	tax     *taxonomy.Taxonomy
	audit   auth.Auditor
	log     *slog.Logger
	now     func() time.Time
	changes *Changes // told after every write (the indexer, matching)
	steps   *lifecycle.Machine[Listing, *Listing, struct{}]
	mailer  Mailer // nil: no e-mail
	baseURL string
}

// Options are the catalog's optional parts.
type Options struct {
	Now     func() time.Time // the platform's clock; nil: time.Now
	Changes *Changes         // nil: nobody is told of writes
	Mailer  Mailer           // nil: no expiry reminders by e-mail
	BaseURL string           // where links in e-mails point
}

// New returns the catalog service.
func New(s *store.Store, orgs Orgs, tax *taxonomy.Taxonomy, a auth.Auditor, log *slog.Logger, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	svc := &Service{s: s, orgs: orgs, tax: tax, audit: a, log: log, now: o.Now, changes: o.Changes, mailer: o.Mailer, baseURL: o.BaseURL}
	svc.steps = &lifecycle.Machine[Listing, *Listing, struct{}]{
		Store: s, Coll: Collection, Steps: steps, NotFound: ErrNotFound,
		// Who may act is checked before the write, against the
		// organisation's member list (owned, staffFor).
		Role: func(*auth.Principal, *Listing) struct{} { return struct{}{} }, Sees: func(struct{}) bool { return true },
		Subject:  func(l *Listing) audit.Subject { return audit.Subject{Type: "listing", ID: l.ID, Name: l.Title} },
		StateKey: "state", Audit: a, Now: func() time.Time { return svc.now() },
	}
	return svc
}

// Names of a listing's moderation steps.
const (
	StepSubmit  = "submit"
	StepApprove = "approve"
	StepReject  = "reject"
	StepArchive = "archive"
	StepRenew   = "renew"
)

func anyone(struct{}, string) bool { return true }

// steps is a listing's moderation: the states each step starts from and
// the state it leads to.
var steps = lifecycle.Table[*Listing, struct{}]{
	StepSubmit:  {Action: ActionSubmit, From: []string{StateDraft, StateRejected}, To: StatePending, Who: anyone},
	StepApprove: {Action: ActionApprove, From: []string{StatePending}, To: StatePublished, Who: anyone},
	StepReject:  {Action: ActionReject, From: []string{StatePending}, To: StateRejected, Who: anyone},
	StepArchive: {Action: ActionArchive, From: []string{StateDraft, StatePending, StatePublished, StateRejected}, To: StateArchived, Who: anyone},
	StepRenew:   {Action: ActionRenew, From: []string{StatePublished}, Who: anyone},
}

// CurrentState, Enter and Touch put a listing under the lifecycle (it
// keeps no history of its own: the audit log has it).
func (l *Listing) CurrentState() string { return l.State }

func (l *Listing) Enter(e lifecycle.Entry) { l.State = e.State }

func (l *Listing) Touch(now time.Time) { l.UpdatedAt = now }

// Taxonomy is the reference data listings use.
func (s *Service) Taxonomy() *taxonomy.Taxonomy { return s.tax }

// Now is the catalog's clock: what "expired" is measured against.
func (s *Service) Now() time.Time { return s.now() }

func isStaff(p *auth.Principal) bool { return p != nil && org.IsStaff(p) }

// memberOf reports whether p belongs to orgID.
func (s *Service) memberOf(ctx context.Context, p *auth.Principal, orgID string) (org.Organization, bool, error) {
	o, err := s.orgs.Get(ctx, orgID)
	if err != nil {
		if errors.Is(err, org.ErrNotFound) {
			return o, false, nil
		}
		return o, false, err
	}
	_, ok := o.Member(p.User.ID)
	return o, ok, nil
}

// Create saves a new draft for one of p's organisations.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (Listing, error) {
	var c validate.Checker
	l := Listing{State: StateDraft}
	if in.Kind == nil {
		c.Add("kind", "required")
	} else {
		l.Kind = *in.Kind
		c.OneOf("kind", l.Kind, Kinds)
	}
	switch {
	case in.OrgID != nil:
		l.OrgID = *in.OrgID
	case len(p.User.Orgs) == 1:
		l.OrgID = p.User.Orgs[0]
	default:
		c.Add("orgId", "required")
	}
	if err := c.Err(); err != nil {
		return Listing{}, err
	}
	id := store.NewID()
	if in.Task != nil {
		l.TaskID, l.NeedID = in.Task.TaskID, in.Task.NeedID
		if in.Task.ListingID != "" {
			id = in.Task.ListingID
		}
	} else if _, ok, err := s.memberOf(ctx, p, l.OrgID); err != nil {
		return Listing{}, err
	} else if !ok {
		return Listing{}, errs.Field("orgId", "not_a_member")
	}
	now := s.now().UTC()
	in.Kind, in.OrgID, in.Task = nil, nil, nil
	in.apply(&c, &l, s.tax, now)
	if l.Title == "" && !c.Has("title") {
		c.Add("title", "required")
	}
	if err := c.Err(); err != nil {
		return Listing{}, err
	}
	l.ID, l.CreatedBy, l.CreatedAt, l.UpdatedAt = id, p.User.ID, now, now
	fillNil(&l)
	if err := store.Insert(ctx, s.s, Collection, &l); err != nil {
		return Listing{}, err
	}
	s.record(ctx, p, ActionCreate, l, "", nil)
	s.onChange(l.ID)
	return l, nil
}

// fillNil gives list fields an empty value, so the API shows [] not null.
func fillNil(l *Listing) {
	for _, f := range []*[]string{&l.Sectors, &l.Keywords, &l.Images, &l.Attachments, &l.TransferForms, &l.Admitted} {
		if *f == nil {
			*f = []string{}
		}
	}
}

// Get reads a listing by id from the store (no permission check).
func (s *Service) Get(ctx context.Context, id string) (Listing, error) {
	l, err := store.Get[Listing](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return l, ErrNotFound.Wrap(err)
	}
	return l, err
}

// View is what p may read of a listing: the full record for its
// organisation's members and the department; ok=false for anyone else (who
// gets the public view from the search index, if it is published).
func (s *Service) View(ctx context.Context, p *auth.Principal, id string) (Listing, bool, error) {
	if p == nil {
		return Listing{}, false, nil
	}
	l, err := s.Get(ctx, id)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Listing{}, false, nil
		}
		return Listing{}, false, err
	}
	if isStaff(p) {
		return l, true, nil
	}
	if _, ok, err := s.memberOf(ctx, p, l.OrgID); err != nil || ok {
		return l, ok, err
	}
	// An organisation whose interest the owner accepted reads the
	// published need with its confidential details, nothing else private.
	if l.Public() && slices.ContainsFunc(p.User.Orgs, func(o string) bool { return slices.Contains(l.Admitted, o) }) {
		l.RejectReason, l.RejectComment, l.CreatedBy, l.Admitted = "", "", "", []string{}
		return l, true, nil
	}
	return Listing{}, false, nil
}

// Admit lets orgID read the listing's confidential details (the owner
// accepted its interest). Nothing public changes, but the version does, so
// the indexer is told as after any write.
func (s *Service) Admit(ctx context.Context, id, orgID string) error {
	_, err := store.Modify(ctx, s.s, Collection, id, 0, func(l *Listing) error {
		if slices.Contains(l.Admitted, orgID) {
			return errAlreadyAdmitted
		}
		l.Admitted = append(l.Admitted, orgID)
		return nil
	})
	if errors.Is(err, errAlreadyAdmitted) {
		return nil
	}
	if err != nil {
		return s.mapErr(err)
	}
	s.onChange(id)
	return nil
}

var errAlreadyAdmitted = errors.New("catalog: already admitted")

// Unadmit closes the confidential details to orgID again (its connection
// ended without a deal).
func (s *Service) Unadmit(ctx context.Context, id, orgID string) error {
	_, err := store.Modify(ctx, s.s, Collection, id, 0, func(l *Listing) error {
		i := slices.Index(l.Admitted, orgID)
		if i < 0 {
			return errAlreadyAdmitted
		}
		l.Admitted = slices.Delete(l.Admitted, i, i+1)
		return nil
	})
	if errors.Is(err, errAlreadyAdmitted) {
		return nil
	}
	if err != nil {
		return s.mapErr(err)
	}
	s.onChange(id)
	return nil
}

// Update changes a listing's fields (its organisation's members). A
// published listing goes back to moderation; one under review cannot change.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in Input, ifVersion int64) (Listing, error) {
	var c validate.Checker
	if in.Kind != nil {
		c.Add("kind", "immutable")
	}
	if in.OrgID != nil {
		c.Add("orgId", "immutable")
	}
	if err := c.Err(); err != nil {
		return Listing{}, err
	}
	return s.edit(ctx, p, id, ifVersion, "", func(l *Listing, now time.Time) error {
		var c validate.Checker
		in.apply(&c, l, s.tax, now)
		return c.Err()
	})
}

// edit changes a listing's content (its organisation's members): not while
// it is under review or archived, and a published listing goes back to
// moderation, so nothing reaches the public unreviewed.
func (s *Service) edit(ctx context.Context, p *auth.Principal, id string, ifVersion int64, reason string, fn func(l *Listing, now time.Time) error) (Listing, error) {
	if _, err := s.owned(ctx, p, id); err != nil {
		return Listing{}, err
	}
	now := s.now().UTC()
	var from string
	l, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(l *Listing) error {
		switch l.State {
		case StatePending:
			return ErrUnderReview
		case StateArchived:
			return ErrInvalidTransition
		}
		from = l.State
		if err := fn(l, now); err != nil {
			return err
		}
		if l.State == StatePublished {
			l.State, l.SubmittedAt = StatePending, &now
		}
		l.UpdatedAt = now
		return nil
	})
	if err != nil {
		return Listing{}, s.mapErr(err)
	}
	var changes map[string]audit.Change
	if from != l.State {
		changes = map[string]audit.Change{"state": {From: from, To: l.State}}
	}
	s.record(ctx, p, ActionUpdate, l, reason, changes)
	s.onChange(l.ID)
	return l, nil
}

// Delete removes a draft or a rejected listing; others are archived instead.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id string, ifVersion int64) error {
	if _, err := s.owned(ctx, p, id); err != nil {
		return err
	}
	l, err := store.DeleteIf(ctx, s.s, Collection, id, ifVersion, func(l *Listing) error {
		if l.State != StateDraft && l.State != StateRejected {
			return ErrInvalidTransition
		}
		return nil
	})
	if err != nil {
		return s.mapErr(err)
	}
	s.record(ctx, p, ActionDelete, l, "", nil)
	s.onChange(id)
	return nil
}

// owned loads a listing p may change: a member of its organisation.
func (s *Service) owned(ctx context.Context, p *auth.Principal, id string) (Listing, error) {
	l, err := s.Get(ctx, id)
	if err != nil {
		return l, err
	}
	if _, ok, err := s.memberOf(ctx, p, l.OrgID); err != nil {
		return l, err
	} else if !ok {
		if isStaff(p) {
			return l, errs.ErrForbidden
		}
		return l, ErrNotFound // others do not learn it exists
	}
	return l, nil
}

// transition takes a moderation step under one conditional write, audited.
func (s *Service) transition(ctx context.Context, p *auth.Principal, id string, ifVersion int64, step, reason string, fn func(l *Listing, now time.Time) error) (Listing, error) {
	l, err := s.steps.Apply(ctx, p, id, lifecycle.Move[*Listing]{Step: step, Version: ifVersion, Reason: reason, Change: fn})
	if err != nil {
		return Listing{}, s.mapErr(err)
	}
	s.onChange(l.ID)
	return l, nil
}

// Submit sends a draft (or a corrected rejected listing) to moderation.
// Only verified organisations submit, and only complete listings go.
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Listing, error) {
	l, err := s.owned(ctx, p, id)
	if err != nil {
		return l, err
	}
	o, err := s.orgs.Get(ctx, l.OrgID)
	if err != nil {
		return Listing{}, err
	}
	if o.Status != org.StatusVerified {
		return Listing{}, ErrOrgNotVerified
	}
	return s.transition(ctx, p, id, ifVersion, StepSubmit, "", func(l *Listing, now time.Time) error {
		var c validate.Checker
		checkComplete(&c, l)
		if err := c.Err(); err != nil {
			return err
		}
		l.SubmittedAt = &now
		return nil
	})
}

// staffFor checks p may moderate listings of orgID: an officer or admin who
// is not one of its members.
func (s *Service) staffFor(ctx context.Context, p *auth.Principal, id string) error {
	if !isStaff(p) {
		return errs.ErrForbidden
	}
	l, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if _, member, err := s.memberOf(ctx, p, l.OrgID); err != nil {
		return err
	} else if member {
		return ErrOwnOrganization
	}
	return nil
}

// Approve publishes a pending listing until its validUntil (12 months
// from now when absent or past).
func (s *Service) Approve(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Listing, error) {
	if err := s.staffFor(ctx, p, id); err != nil {
		return Listing{}, err
	}
	return s.transition(ctx, p, id, ifVersion, StepApprove, "", func(l *Listing, now time.Time) error {
		l.PublishedAt, l.RejectReason, l.RejectComment, l.RemindedAt = &now, "", "", nil
		if l.ValidUntil == nil || !l.ValidUntil.After(now) {
			until := now.Add(Validity)
			l.ValidUntil = &until
		}
		return nil
	})
}

// RejectInput is an officer's reason code and comment for refusing a
// listing.
type RejectInput struct {
	Reason  string `json:"reason" rule:"required"`
	Comment string `json:"comment" rule:"required,min=5,max=2000"`
}

var rejectRules = validate.RulesOf[RejectInput]()

// Reject returns a pending listing to its owner with a reason code and a
// comment saying what to fix.
func (s *Service) Reject(ctx context.Context, p *auth.Principal, id, reason, comment string, ifVersion int64) (Listing, error) {
	var c validate.Checker
	c.OneOf("reason", reason, taxonomy.Codes(s.tax.RejectReasons))
	comment = c.Prose("comment", comment, rejectRules.Of("comment"))
	if err := c.Err(); err != nil {
		return Listing{}, err
	}
	if err := s.staffFor(ctx, p, id); err != nil {
		return Listing{}, err
	}
	return s.transition(ctx, p, id, ifVersion, StepReject, reason+": "+comment, func(l *Listing, _ time.Time) error {
		l.RejectReason, l.RejectComment = reason, comment
		return nil
	})
}

// Archive takes a listing off the market (its members, or the department).
func (s *Service) Archive(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Listing, error) {
	if !isStaff(p) {
		if _, err := s.owned(ctx, p, id); err != nil {
			return Listing{}, err
		}
	}
	return s.transition(ctx, p, id, ifVersion, StepArchive, "", nil)
}

// Renew keeps a published listing up for another twelve months, expired
// or not.
func (s *Service) Renew(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Listing, error) {
	if _, err := s.owned(ctx, p, id); err != nil {
		return Listing{}, err
	}
	return s.transition(ctx, p, id, ifVersion, StepRenew, "", func(l *Listing, now time.Time) error {
		until := now.Add(Validity)
		l.ValidUntil, l.RemindedAt = &until, nil
		return nil
	})
}

// ListFilter narrows List.
type ListFilter struct {
	Mine  bool   // the listings of p's organisations
	State string // empty: every state
	Kind  string
	Page  int
	Size  int
}

// List pages through listings for their owners ("my listings") and the
// department (the moderation queue: pending, oldest first).
func (s *Service) List(ctx context.Context, p *auth.Principal, f ListFilter) ([]Listing, int64, error) {
	q := bson.D{}
	sort := listOrder
	switch {
	case f.Mine:
		q = append(q, bson.E{Key: "orgId", Value: bson.D{{Key: "$in", Value: append([]string{}, p.User.Orgs...)}}})
	case isStaff(p):
	default:
		return nil, 0, errs.ErrForbidden
	}
	if f.State != "" {
		q = append(q, bson.E{Key: "state", Value: f.State})
		if f.State == StatePending {
			sort = pendingOrder
		}
	}
	if f.Kind != "" {
		q = append(q, bson.E{Key: "kind", Value: f.Kind})
	}
	total, err := store.Count(ctx, s.s, Collection, q)
	if err != nil {
		return nil, 0, err
	}
	items, err := store.Find[Listing](ctx, s.s, Collection, q, options.Find().SetSort(sort).
		SetSkip(int64((f.Page-1)*f.Size)).SetLimit(int64(f.Size)))
	return items, total, err
}

// PublishedByOrg lists the published listings' ids of each organisation,
// in the catalogue's order: one scan for every organisation's public page
// (the market keeps it), not one per page view.
func (s *Service) PublishedByOrg(ctx context.Context) (map[string][]string, error) {
	items, err := store.Find[Listing](ctx, s.s, Collection, bson.D{{Key: "state", Value: StatePublished}},
		options.Find().SetSort(listOrder).SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "orgId", Value: 1}}))
	if err != nil {
		return nil, err
	}
	by := map[string][]string{}
	for _, l := range items {
		by[l.OrgID] = append(by[l.OrgID], l.ID)
	}
	return by, nil
}

func (s *Service) mapErr(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotFound.Wrap(err)
	}
	return err
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, l Listing, reason string, changes map[string]audit.Change) {
	if s.audit == nil {
		return
	}
	actor := audit.System
	if p != nil {
		actor = p.Actor()
	}
	_ = s.audit.Record(ctx, audit.Entry{
		Actor: actor, Action: action, Reason: reason, Changes: changes,
		Subject: audit.Subject{Type: "listing", ID: l.ID, Name: l.Title},
	})
}

// Seed is a listing as seed data gives it: the fields a client would send,
// plus the state and dates it is in.
type Seed struct {
	Input
	ID               string `json:"id"`
	Org              string `json:"org"`
	State            string `json:"state"`
	RejectReason     string `json:"rejectReason"`
	RejectComment    string `json:"rejectComment"`
	PublishedDaysAgo int    `json:"publishedDaysAgo"`
}

// Build turns a seed into a listing, checking it as the API would: a seed
// that the API would refuse is an error, not a quiet exception.
func (s *Service) Build(sd Seed, now time.Time) (Listing, error) {
	var c validate.Checker
	l := Listing{ID: sd.ID, OrgID: sd.Org, State: sd.State, CreatedBy: "system"}
	if sd.Kind != nil {
		l.Kind = *sd.Kind
	}
	c.OneOf("kind", l.Kind, Kinds)
	c.OneOf("state", l.State, States)
	if err := c.Err(); err != nil {
		return l, err
	}
	in := sd.Input
	in.Kind, in.OrgID = nil, nil
	in.apply(&c, &l, s.tax, now)
	if l.State != StateDraft {
		checkComplete(&c, &l)
	}
	if err := c.Err(); err != nil {
		return l, err
	}
	published := now.Add(-time.Duration(sd.PublishedDaysAgo) * 24 * time.Hour)
	l.CreatedAt, l.UpdatedAt = published.Add(-72*time.Hour), published
	switch l.State {
	case StatePending:
		l.SubmittedAt = &published
	case StatePublished, StateArchived:
		until := published.Add(Validity)
		l.SubmittedAt, l.PublishedAt, l.ValidUntil = &published, &published, &until
	case StateRejected:
		l.SubmittedAt, l.RejectReason, l.RejectComment = &published, sd.RejectReason, sd.RejectComment
	}
	fillNil(&l)
	return l, nil
}

// Stored says which of ids are stored: the demo catalogue loads on every
// start in demo mode and skips those.
func (s *Service) Stored(ctx context.Context, ids []string) (map[string]bool, error) {
	return store.Existing(ctx, s.s, Collection, ids)
}

// Import stores a built listing with its fixed id; importing the same id
// again changes nothing and reports created=false.
func (s *Service) Import(ctx context.Context, l Listing) (bool, error) {
	err := store.Insert(ctx, s.s, Collection, &l)
	if errors.Is(err, store.ErrDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	s.onChange(l.ID)
	return true, nil
}

// MaxFiles bounds the images and the attachments of one listing.
const MaxFiles = 10

// ErrTooManyFiles refuses an eleventh image or attachment.
var ErrTooManyFiles = errs.Field("file", "too_many", "max", MaxFiles)

// CanAttach checks p may add files to listing id, before the upload is
// read and stored.
func (s *Service) CanAttach(ctx context.Context, p *auth.Principal, id string) (Listing, error) {
	l, err := s.owned(ctx, p, id)
	if err != nil {
		return l, err
	}
	if l.State == StatePending {
		return l, ErrUnderReview
	}
	if l.State == StateArchived {
		return l, ErrInvalidTransition
	}
	return l, nil
}

// AttachFile records an uploaded image or document on a listing. Like any
// edit, it sends a published listing back to moderation.
func (s *Service) AttachFile(ctx context.Context, p *auth.Principal, id, fileID string, image bool) (Listing, error) {
	return s.edit(ctx, p, id, 0, "file "+fileID+" attached", func(l *Listing, _ time.Time) error {
		list := &l.Attachments
		if image {
			list = &l.Images
		}
		if len(*list) >= MaxFiles {
			return ErrTooManyFiles
		}
		*list = append(*list, fileID)
		return nil
	})
}

// DetachFile removes a file from a listing; it reports whether the listing
// held it.
func (s *Service) DetachFile(ctx context.Context, p *auth.Principal, id, fileID string) (Listing, error) {
	if _, err := s.owned(ctx, p, id); err != nil {
		return Listing{}, err
	}
	l, err := store.Modify(ctx, s.s, Collection, id, 0, func(l *Listing) error {
		n := len(l.Images) + len(l.Attachments)
		l.Images = slices.DeleteFunc(l.Images, func(x string) bool { return x == fileID })
		l.Attachments = slices.DeleteFunc(l.Attachments, func(x string) bool { return x == fileID })
		if len(l.Images)+len(l.Attachments) == n {
			return ErrFileNotOnListing
		}
		l.UpdatedAt = s.now().UTC()
		return nil
	})
	if err != nil {
		return Listing{}, s.mapErr(err)
	}
	s.record(ctx, p, ActionUpdate, l, "file "+fileID+" removed", nil)
	s.onChange(l.ID)
	return l, nil
}

// ErrFileNotOnListing is a file id the listing does not hold.
var ErrFileNotOnListing = errs.New(errs.NotFound, "file_not_found")

// Visible reports whether p may read the files of listing id: anyone for a
// published, unexpired listing; its members and the department otherwise.
func (s *Service) Visible(ctx context.Context, p *auth.Principal, id string) (bool, error) {
	l, err := s.Get(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if l.Public() && !l.Expired(s.now()) {
		return true, nil
	}
	_, full, err := s.View(ctx, p, id)
	return full, err
}

// Published lists every published listing (the sitemap and the feeds);
// expired ones are the caller's to leave out.
func (s *Service) Published(ctx context.Context) ([]Listing, error) {
	return store.Find[Listing](ctx, s.s, Collection, bson.D{{Key: "state", Value: StatePublished}})
}
