package org

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Errors of this package.
var (
	ErrNotFound           = errs.New(errs.NotFound, "organization_not_found")
	ErrInvalidTransition  = errs.New(errs.Conflict, "invalid_transition")
	ErrOwnOrganization    = errs.New(errs.Forbidden, "own_organization")
	ErrAlreadyMember      = &errs.Error{Kind: errs.Conflict, Code: "already_member", Fields: []errs.FieldError{{Field: "email", Code: "already_member"}}}
	ErrLastOwner          = errs.New(errs.Conflict, "last_owner")
	ErrInvitationNotFound = errs.New(errs.NotFound, "invitation_not_found")
	ErrEmailMismatch      = errs.Field("token", "email_mismatch")
	ErrVerifiedLocked     = errs.New(errs.Conflict, "verified_locked")
	ErrNoCertificate      = errs.New(errs.NotFound, "certificate_not_found")
)

// InvitationTTL is how long an invitation link stays valid.
const InvitationTTL = 14 * 24 * time.Hour

// Users is what this package needs of the accounts service.
type Users interface {
	LinkOrg(ctx context.Context, userID, orgID string) error
	UnlinkOrg(ctx context.Context, userID, orgID string) error
}

// Mailer sends invitation e-mails; nil when no SMTP server is configured.
type Mailer interface {
	SendInvitation(ctx context.Context, inv InvitationMail) error
}

// InvitationMail is what an invitation e-mail says.
type InvitationMail struct {
	To, OrgName, InviterName string
	// AcceptURL opens the page in Vietnamese, AcceptURLEn in English: the
	// e-mail says everything in both languages, each with its own link.
	AcceptURL, AcceptURLEn string
	ExpiresAt              time.Time
}

// Service is the organisations service. Every rule about who may do what to
// an organisation is here, not in the HTTP handlers.
type Service struct {
	s       *store.Store
	users   Users
	audit   auth.Auditor
	mailer  Mailer
	baseURL string
	log     *slog.Logger
	now     func() time.Time
	// communes are the codes an address may name (the taxonomy's current
	// communes and wards).
	communes []string
}

// New returns the service. mailer may be nil; now is the platform's clock
// (nil: time.Now); communes are the codes an address may name.
func New(s *store.Store, users Users, a auth.Auditor, mailer Mailer, baseURL string, log *slog.Logger, now func() time.Time, communes []string) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{s: s, users: users, audit: a, mailer: mailer, baseURL: baseURL, log: log, now: now, communes: communes}
}

// CommuneCodes are the codes an organisation's address may name.
func (s *Service) CommuneCodes() []string { return s.communes }

// CheckNew validates a new organisation's fields under prefix.
func CheckNew(c *validate.Checker, prefix string, name, kind *string) {
	*name = validate.Text(*name)
	c.Name(prefix+"name", *name, 2, 200)
	c.OneOf(prefix+"kind", *kind, RegisterKinds)
}

// Create makes an organisation owned by owner, in the given status (pending
// for a registration; seeds may create verified ones).
func (s *Service) Create(ctx context.Context, owner auth.User, name, kind, status string, ev Evidence) (Organization, error) {
	now := s.now().UTC()
	ev.Certificate = nil // uploaded later, through SetCertificate
	o := Organization{
		ID: store.NewID(), Name: validate.Text(name), Kind: kind, Status: status, Evidence: ev,
		Members:     []Member{{UserID: owner.ID, Email: owner.Email, FullName: owner.FullName, Role: RoleOwner, JoinedAt: now}},
		Invitations: []Invitation{}, CreatedAt: now, CreatedBy: owner.ID,
	}
	if status != StatusPending {
		o.DecidedAt, o.DecidedBy = &now, audit.System.ID
	}
	if err := store.Insert(ctx, s.s, Collection, &o); err != nil {
		return Organization{}, err
	}
	if err := s.users.LinkOrg(ctx, owner.ID, o.ID); err != nil {
		_ = store.Delete(ctx, s.s, Collection, o.ID)
		return Organization{}, err
	}
	s.record(ctx, audit.Entry{
		Actor: audit.Actor{ID: owner.ID, Email: owner.Email}, Action: audit.OrgCreate, Subject: subject(o),
		Changes: map[string]audit.Change{"status": {From: nil, To: status}, "kind": {From: nil, To: kind}},
	})
	return o, nil
}

// Get reads an organisation without checking who asks (internal use).
func (s *Service) Get(ctx context.Context, id string) (Organization, error) {
	o, err := store.Get[Organization](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return o, ErrNotFound.Wrap(err)
	}
	return o, err
}

// Public reads an organisation the public may see: a verified one. Any
// other, like a missing one, is errs.ErrNotFound, so the answer does not
// tell that an organisation waits for verification.
func (s *Service) Public(ctx context.Context, id string) (Organization, error) {
	o, err := s.Get(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && !o.IsPublic()) {
		return Organization{}, errs.ErrNotFound.Wrap(err)
	}
	return o, err
}

// CountVerified counts the verified organisations of the market: every
// kind but the department and the provincial agencies.
func (s *Service) CountVerified(ctx context.Context) (int, error) {
	all, err := store.Find[Organization](ctx, s.s, Collection, bson.D{{Key: "status", Value: StatusVerified}},
		options.Find().SetSort(listOrder).SetProjection(bson.D{{Key: "kind", Value: 1}}))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, o := range all {
		if o.Kind != KindDepartment && o.Kind != KindAgency {
			n++
		}
	}
	return n, nil
}

// IsStaff reports whether p works for the department on the platform.
func IsStaff(p *auth.Principal) bool {
	return p != nil && p.User.HasRole(auth.RoleOfficer, auth.RoleAdmin)
}

// View reads an organisation for p: its members, officers and admins.
func (s *Service) View(ctx context.Context, p *auth.Principal, id string) (Organization, error) {
	o, err := s.Get(ctx, id)
	if err != nil {
		return o, err
	}
	if _, member := o.Member(p.User.ID); !member && !IsStaff(p) {
		return Organization{}, errs.ErrForbidden
	}
	return o, nil
}

// ForUser returns the organisations u belongs to, in the order joined.
func (s *Service) ForUser(ctx context.Context, u auth.User) ([]Organization, error) {
	out := make([]Organization, 0, len(u.Orgs))
	for _, id := range u.Orgs {
		o, err := s.Get(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if _, ok := o.Member(u.ID); ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// List pages through organisations in a status, oldest first — the
// officer's queue works from the longest waiting.
func (s *Service) List(ctx context.Context, p *auth.Principal, status string, page, size int) ([]Organization, int64, error) {
	if !IsStaff(p) {
		return nil, 0, errs.ErrForbidden
	}
	filter := bson.D{}
	if status != "" {
		filter = bson.D{{Key: "status", Value: status}}
	}
	total, err := store.Count(ctx, s.s, Collection, filter)
	if err != nil {
		return nil, 0, err
	}
	items, err := store.Find[Organization](ctx, s.s, Collection, filter, options.Find().
		SetSort(listOrder).
		SetSkip(int64((page-1)*size)).SetLimit(int64(size)))
	return items, total, err
}

// Verify marks an organisation verified (officers). ifVersion, when not 0,
// must be the version the officer saw.
func (s *Service) Verify(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Organization, error) {
	return s.decide(ctx, p, id, ifVersion, StatusVerified, "")
}

// RejectInput is the reason an officer gives for refusing verification.
type RejectInput struct {
	Reason string `json:"reason" rule:"required,min=5,max=1000"`
}

var rejectRules = validate.RulesOf[RejectInput]()

// Reject refuses verification with a reason the owner will read.
func (s *Service) Reject(ctx context.Context, p *auth.Principal, id, reason string, ifVersion int64) (Organization, error) {
	reason = validate.Text(reason)
	var c validate.Checker
	r := rejectRules.Of("reason")
	c.Reason("reason", reason, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return Organization{}, err
	}
	return s.decide(ctx, p, id, ifVersion, StatusRejected, reason)
}

// allowed lists the verification transitions: a rejected organisation can
// still be verified once it has put things right; a verified one is final
// here (revoking verification is a separate, later decision).
var allowed = map[string][]string{
	StatusPending:  {StatusVerified, StatusRejected},
	StatusRejected: {StatusVerified},
}

func (s *Service) decide(ctx context.Context, p *auth.Principal, id string, ifVersion int64, to, reason string) (Organization, error) {
	if !IsStaff(p) {
		return Organization{}, errs.ErrForbidden
	}
	var from string
	now := s.now().UTC()
	o, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(o *Organization) error {
		if _, member := o.Member(p.User.ID); member {
			return ErrOwnOrganization // nobody decides on their own organisation
		}
		if !slices.Contains(allowed[o.Status], to) {
			return ErrInvalidTransition
		}
		from = o.Status
		o.Status, o.RejectReason, o.DecidedAt, o.DecidedBy = to, reason, &now, p.User.ID
		return nil
	})
	if err != nil {
		return o, s.mapErr(err)
	}
	action := audit.OrgVerify
	if to == StatusRejected {
		action = audit.OrgReject
	}
	s.record(ctx, audit.Entry{
		Actor: p.Actor(), Action: action, Subject: subject(o), Reason: reason,
		Changes: map[string]audit.Change{"status": {From: from, To: to}},
	})
	return o, nil
}

// Update lets an owner correct the name and kind while the organisation is
// not yet verified; a rejected one goes back to the queue.
// ev, when given, replaces the evidence.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id, name, kind string, ev *Evidence, ifVersion int64) (Organization, error) {
	var c validate.Checker
	CheckNew(&c, "", &name, &kind)
	if ev != nil {
		CheckEvidence(&c, "evidence.", ev, s.communes)
	}
	if err := c.Err(); err != nil {
		return Organization{}, err
	}
	var changes map[string]audit.Change
	o, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(o *Organization) error {
		changes = map[string]audit.Change{} // Modify may run this again after a lost race
		if err := MayEdit(p, o); err != nil {
			return err
		}
		if o.Name != name {
			changes["name"] = audit.Change{From: o.Name, To: name}
		}
		if o.Kind != kind {
			changes["kind"] = audit.Change{From: o.Kind, To: kind}
		}
		if ev != nil {
			for field, ch := range evidenceChanges(o.Evidence, *ev) {
				changes[field] = ch
			}
			cert := o.Evidence.Certificate
			o.Evidence = *ev
			o.Evidence.Certificate = cert
		}
		if o.Status == StatusRejected {
			changes["status"] = audit.Change{From: o.Status, To: StatusPending}
			o.Status, o.RejectReason = StatusPending, ""
		}
		o.Name, o.Kind = name, kind
		return nil
	})
	if err != nil {
		return o, s.mapErr(err)
	}
	if len(changes) > 0 {
		s.record(ctx, audit.Entry{Actor: p.Actor(), Action: audit.OrgUpdate, Subject: subject(o), Changes: changes})
	}
	return o, nil
}

// DescriptionInput is an organisation's description for its public page.
type DescriptionInput struct {
	Description string `json:"description" rule:"max=2000"`
}

var descriptionRules = validate.RulesOf[DescriptionInput]()

// SetDescription changes what the organisation's public page says of it
// (its owners, in any status: unlike its identity, verification does not
// freeze it). ifVersion 0 skips the version check.
func (s *Service) SetDescription(ctx context.Context, p *auth.Principal, id string, in DescriptionInput, ifVersion int64) (Organization, error) {
	var c validate.Checker
	text := validate.Multiline(in.Description)
	c.Optional("description", text, descriptionRules.Of("description").Max)
	if err := c.Err(); err != nil {
		return Organization{}, err
	}
	var from string
	o, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(o *Organization) error {
		if !o.IsOwner(p.User.ID) {
			return errs.ErrForbidden
		}
		from, o.Description = o.Description, text
		return nil
	})
	if err != nil {
		return o, s.mapErr(err)
	}
	if from != text {
		s.record(ctx, audit.Entry{Actor: p.Actor(), Action: audit.OrgUpdate, Subject: subject(o),
			Changes: map[string]audit.Change{"description": {From: from, To: text}}})
	}
	return o, nil
}

// MayEdit reports whether p may change o's name, kind and evidence: its
// owners, until it is verified.
func MayEdit(p *auth.Principal, o *Organization) error {
	if !o.IsOwner(p.User.ID) {
		return errs.ErrForbidden
	}
	if o.Status == StatusVerified {
		return ErrVerifiedLocked
	}
	return nil
}

// SetCertificate attaches the scan of the organisation's certificate
// (owners, as MayEdit). It returns the organisation and the certificate it
// replaced, whose file the caller deletes. ifVersion 0 skips the version
// check.
func (s *Service) SetCertificate(ctx context.Context, p *auth.Principal, id string, cert Certificate, ifVersion int64) (Organization, *Certificate, error) {
	return s.certificate(ctx, p, id, ifVersion, func(*Certificate) (*Certificate, error) { return &cert, nil })
}

// RemoveCertificate removes the certificate whose file is fileID (owners,
// as MayEdit); the caller deletes the file.
func (s *Service) RemoveCertificate(ctx context.Context, p *auth.Principal, id, fileID string, ifVersion int64) (Organization, error) {
	o, _, err := s.certificate(ctx, p, id, ifVersion, func(old *Certificate) (*Certificate, error) {
		if old == nil || old.ID != fileID {
			return nil, ErrNoCertificate
		}
		return nil, nil
	})
	return o, err
}

func (s *Service) certificate(ctx context.Context, p *auth.Principal, id string, ifVersion int64, next func(old *Certificate) (*Certificate, error)) (Organization, *Certificate, error) {
	var old, cert *Certificate
	o, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(o *Organization) error {
		if err := MayEdit(p, o); err != nil {
			return err
		}
		var err error
		old = o.Evidence.Certificate
		if cert, err = next(old); err != nil {
			return err
		}
		o.Evidence.Certificate = cert
		return nil
	})
	if err != nil {
		return o, nil, s.mapErr(err)
	}
	name := func(c *Certificate) any {
		if c == nil {
			return nil
		}
		return c.Name
	}
	s.record(ctx, audit.Entry{Actor: p.Actor(), Action: audit.OrgUpdate, Subject: subject(o),
		Changes: map[string]audit.Change{"certificate": {From: name(old), To: name(cert)}}})
	return o, old, nil
}

// Invited is the result of an invitation: the link to pass on when no e-mail
// could be sent.
type Invited struct {
	Invitation Invitation
	AcceptURL  string
	EmailSent  bool
}

// Invite asks someone to join (owners). A second invitation to the same
// address replaces the first, so only the newest link works.
func (s *Service) Invite(ctx context.Context, p *auth.Principal, id, email, role string) (Invited, error) {
	var c validate.Checker
	email = c.Email("email", email)
	c.OneOf("role", role, Roles)
	if err := c.Err(); err != nil {
		return Invited{}, err
	}
	now := s.now().UTC()
	token, hash := newInvitationToken(id)
	inv := Invitation{
		ID: store.NewID(), Email: email, Role: role, TokenHash: hash, InvitedBy: p.User.ID,
		CreatedAt: now, ExpiresAt: now.Add(InvitationTTL),
	}
	o, err := store.Modify(ctx, s.s, Collection, id, 0, func(o *Organization) error {
		if !o.IsOwner(p.User.ID) {
			return errs.ErrForbidden
		}
		if slices.ContainsFunc(o.Members, func(m Member) bool { return m.Email == email }) {
			return ErrAlreadyMember
		}
		o.Invitations = slices.DeleteFunc(o.Invitations, func(i Invitation) bool {
			return i.Email == email || now.After(i.ExpiresAt)
		})
		o.Invitations = append(o.Invitations, inv)
		return nil
	})
	if err != nil {
		return Invited{}, s.mapErr(err)
	}
	out := Invited{Invitation: inv, AcceptURL: s.baseURL + "/invitations/" + token}
	if s.mailer != nil {
		err := s.mailer.SendInvitation(ctx, InvitationMail{
			To: email, OrgName: o.Name, InviterName: p.User.FullName, AcceptURL: out.AcceptURL,
			AcceptURLEn: s.baseURL + "/en/invitations/" + token, ExpiresAt: inv.ExpiresAt,
		})
		if err != nil {
			// The invitation stands; the owner can still copy the link.
			s.log.WarnContext(ctx, "invitation e-mail not sent", "org", o.ID, "err", err)
		}
		out.EmailSent = err == nil
	}
	s.record(ctx, audit.Entry{
		Actor: p.Actor(), Action: audit.OrgInvite, Subject: subject(o),
		Changes: map[string]audit.Change{"invitation": {From: nil, To: email + " (" + role + ")"}},
	})
	return out, nil
}

// RevokeInvitation withdraws an open invitation (owners).
func (s *Service) RevokeInvitation(ctx context.Context, p *auth.Principal, id, invitationID string) error {
	var email string
	o, err := store.Modify(ctx, s.s, Collection, id, 0, func(o *Organization) error {
		if !o.IsOwner(p.User.ID) {
			return errs.ErrForbidden
		}
		i := slices.IndexFunc(o.Invitations, func(i Invitation) bool { return i.ID == invitationID })
		if i < 0 {
			return ErrInvitationNotFound
		}
		email = o.Invitations[i].Email
		o.Invitations = slices.Delete(o.Invitations, i, i+1)
		return nil
	})
	if err != nil {
		return s.mapErr(err)
	}
	s.record(ctx, audit.Entry{
		Actor: p.Actor(), Action: audit.OrgInviteRevoke, Subject: subject(o),
		Changes: map[string]audit.Change{"invitation": {From: email, To: nil}},
	})
	return nil
}

// Invitation looks up an open invitation by its token, for the public page
// that shows what a link is for.
func (s *Service) Invitation(ctx context.Context, token string) (Organization, Invitation, error) {
	orgID, hash, ok := splitInvitationToken(token)
	if !ok {
		return Organization{}, Invitation{}, ErrInvitationNotFound
	}
	o, err := s.Get(ctx, orgID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Organization{}, Invitation{}, ErrInvitationNotFound
		}
		return Organization{}, Invitation{}, err
	}
	inv, ok := findInvitation(o, hash, s.now())
	if !ok {
		return Organization{}, Invitation{}, ErrInvitationNotFound
	}
	return o, inv, nil
}

func findInvitation(o Organization, hash string, now time.Time) (Invitation, bool) {
	for _, i := range o.Invitations {
		if i.TokenHash == hash && now.Before(i.ExpiresAt) {
			return i, true
		}
	}
	return Invitation{}, false
}

// Accept makes u a member through an invitation addressed to u's e-mail.
// Accepting again after a crash between the two writes completes the link.
func (s *Service) Accept(ctx context.Context, u auth.User, token string) (Organization, error) {
	orgID, hash, ok := splitInvitationToken(token)
	if !ok {
		return Organization{}, ErrInvitationNotFound
	}
	now := s.now().UTC()
	var joined Member
	o, err := store.Modify(ctx, s.s, Collection, orgID, 0, func(o *Organization) error {
		if _, member := o.Member(u.ID); member {
			return errAlready
		}
		inv, ok := findInvitation(*o, hash, now)
		if !ok {
			return ErrInvitationNotFound
		}
		if inv.Email != u.Email {
			return ErrEmailMismatch
		}
		joined = Member{UserID: u.ID, Email: u.Email, FullName: u.FullName, Role: inv.Role, JoinedAt: now}
		o.Members = append(o.Members, joined)
		o.Invitations = slices.DeleteFunc(o.Invitations, func(i Invitation) bool { return i.ID == inv.ID })
		return nil
	})
	switch {
	case errors.Is(err, errAlready):
		if err := s.users.LinkOrg(ctx, u.ID, orgID); err != nil {
			return Organization{}, err
		}
		return s.Get(ctx, orgID)
	case errors.Is(err, store.ErrNotFound):
		return Organization{}, ErrInvitationNotFound
	case err != nil:
		return Organization{}, err
	}
	if err := s.users.LinkOrg(ctx, u.ID, orgID); err != nil {
		return Organization{}, err
	}
	s.record(ctx, audit.Entry{
		Actor: audit.Actor{ID: u.ID, Email: u.Email}, Action: audit.OrgMemberJoin, Subject: subject(o),
		Changes: map[string]audit.Change{"member": {From: nil, To: u.Email + " (" + joined.Role + ")"}},
	})
	return o, nil
}

var errAlready = errors.New("org: already a member")

// RemoveMember takes someone out (owners; anyone may leave). The last owner
// cannot go: an organisation always has someone who can manage it.
func (s *Service) RemoveMember(ctx context.Context, p *auth.Principal, id, userID string) error {
	var removed Member
	o, err := store.Modify(ctx, s.s, Collection, id, 0, func(o *Organization) error {
		if !o.IsOwner(p.User.ID) && p.User.ID != userID {
			return errs.ErrForbidden
		}
		m, ok := o.Member(userID)
		if !ok {
			return errs.ErrNotFound
		}
		if m.Role == RoleOwner && o.owners() == 1 {
			return ErrLastOwner
		}
		removed = m
		o.Members = slices.DeleteFunc(o.Members, func(m Member) bool { return m.UserID == userID })
		return nil
	})
	if err != nil {
		return s.mapErr(err)
	}
	if err := s.users.UnlinkOrg(ctx, userID, id); err != nil {
		return err
	}
	s.record(ctx, audit.Entry{
		Actor: p.Actor(), Action: audit.OrgMemberRemove, Subject: subject(o),
		Changes: map[string]audit.Change{"member": {From: removed.Email + " (" + removed.Role + ")", To: nil}},
	})
	return nil
}

func (s *Service) mapErr(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotFound.Wrap(err)
	}
	return err
}

func (s *Service) record(ctx context.Context, e audit.Entry) {
	if s.audit != nil {
		_ = s.audit.Record(ctx, e)
	}
}

func subject(o Organization) audit.Subject {
	return audit.Subject{Type: "organization", ID: o.ID, Name: o.Name}
}

// Stored says which of ids are stored: the demo organisations load on
// every start in demo mode and skip those.
func (s *Service) Stored(ctx context.Context, ids []string) (map[string]bool, error) {
	return store.Existing(ctx, s.s, Collection, ids)
}

// Import inserts a complete organisation as given (seed data with a fixed
// id) and links its members. Importing the same id again changes nothing and
// reports created=false.
func (s *Service) Import(ctx context.Context, o Organization) (created bool, err error) {
	if o.Invitations == nil {
		o.Invitations = []Invitation{}
	}
	err = store.Insert(ctx, s.s, Collection, &o)
	if errors.Is(err, store.ErrDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, m := range o.Members {
		if err := s.users.LinkOrg(ctx, m.UserID, o.ID); err != nil {
			return true, err
		}
	}
	s.record(ctx, audit.Entry{
		Actor: audit.System, Action: audit.OrgCreate, Subject: subject(o), Reason: "seed",
		Changes: map[string]audit.Change{"status": {From: nil, To: o.Status}},
	})
	return true, nil
}

// Reconcile repairs what a crash between two documents' writes can leave:
// an organisation lists a member whose account does not link back to it
// (Create, Accept and Import write the organisation first), so the member
// would not see it. Links the other way are harmless — ForUser checks
// membership — and are left alone. It runs at start-up; LinkOrg writes
// only when a link is missing.
func (s *Service) Reconcile(ctx context.Context) error {
	orgs, err := store.Find[Organization](ctx, s.s, Collection, bson.D{},
		options.Find().SetProjection(bson.D{{Key: "members", Value: 1}}))
	if err != nil {
		return fmt.Errorf("org: reconcile: %w", err)
	}
	for _, o := range orgs {
		for _, m := range o.Members {
			if err := s.users.LinkOrg(ctx, m.UserID, o.ID); err != nil && !errors.Is(err, auth.ErrUserNotFound) {
				return fmt.Errorf("org: reconcile %s: %w", o.ID, err)
			}
		}
	}
	return nil
}
