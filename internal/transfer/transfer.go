// Package transfer records technology transfers (deals): who transferred
// what to whom, in which form and by which methods, for how much, when the
// contract was signed, and whether and when it was registered with the
// department — then how the technology is being used. A transfer comes
// from an agreed connection or is entered by an officer. Registration
// falls due 90 days after signing when the law requires it (Law on
// Technology Transfer 2017, art. 31); the rule is data here, not a guess
// about each contract: whoever records the transfer says whether it must be
// registered.
package transfer

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
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Collection holds transfers.
const Collection = "transfers"

// Spec declares the collection.
var Spec = store.CollectionSpec{Name: Collection, Indexes: []mongo.IndexModel{
	{Keys: bson.D{{Key: "supplier.id", Value: 1}, {Key: "createdAt", Value: -1}}},
	{Keys: bson.D{{Key: "recipient.id", Value: 1}, {Key: "createdAt", Value: -1}}},
	{Keys: bson.D{{Key: "createdAt", Value: -1}}},
	{Keys: bson.D{{Key: "registration.status", Value: 1}}},
}, Queries: []store.Query{
	{Name: "mine", Sort: listOrder, Or: []store.Query{{Name: "as supplier", Equal: []string{"supplier.id"}}, {Name: "as recipient", Equal: []string{"recipient.id"}}}},
	{Name: "staff: all", Sort: listOrder},
	{Name: "registration due (reminders)", Equal: []string{"registration.status"}},
}}

// listOrder is how transfers are listed: the newest first.
var listOrder = bson.D{{Key: "createdAt", Value: -1}}

// RegistrationDays is how long after signing a contract that must be
// registered may wait.
const RegistrationDays = 90

// RemindBefore is how early the parties hear that registration falls due.
const RemindBefore = 14 * 24 * time.Hour

// Registration statuses.
const (
	RegNotRequired = "not_required"
	RegDue         = "due"
	RegSubmitted   = "submitted"
	RegRegistered  = "registered"
)

// Audit actions.
const (
	ActionCreate         = "transfer.create"
	ActionUpdate         = "transfer.update"
	ActionRegistration   = "transfer.registration"
	ActionImplementation = "transfer.implementation"
	ActionDocument       = "transfer.document"
)

// Errors with stable codes.
var (
	ErrNotFound          = errs.New(errs.NotFound, "transfer_not_found")
	ErrInvalidTransition = errs.New(errs.Conflict, "invalid_transition")
)

// Registration is the contract's registration with the department.
type Registration struct {
	Required     bool   `bson:"required" json:"required"`
	Status       string `bson:"status" json:"status"`
	DueOn        string `bson:"dueOn,omitempty" json:"dueOn,omitempty"`
	SubmittedOn  string `bson:"submittedOn,omitempty" json:"submittedOn,omitempty"`
	Number       string `bson:"number,omitempty" json:"number,omitempty"`
	RegisteredOn string `bson:"registeredOn,omitempty" json:"registeredOn,omitempty"`
}

// Implementation is how the transferred technology is being used.
type Implementation struct {
	Status  string `bson:"status" json:"status"`
	Outcome string `bson:"outcome,omitempty" json:"outcome,omitempty"`
}

// Transfer is one deal.
type Transfer struct {
	store.Meta     `bson:",inline"`
	ID             string                  `bson:"_id" json:"id"`
	ConnectionID   string                  `bson:"connectionId,omitempty" json:"connectionId,omitempty"`
	Listings       []connection.ListingRef `bson:"listings" json:"listings"`
	Supplier       connection.Ref          `bson:"supplier" json:"supplier"`
	Recipient      connection.Ref          `bson:"recipient" json:"recipient"`
	Title          string                  `bson:"title" json:"title"`
	Form           string                  `bson:"form" json:"form"`
	Methods        []string                `bson:"methods" json:"methods"`
	ContractValue  int64                   `bson:"contractValue" json:"contractValue"`
	SignedOn       string                  `bson:"signedOn" json:"signedOn"`
	Registration   Registration            `bson:"registration" json:"registration"`
	Implementation Implementation          `bson:"implementation" json:"implementation"`
	Documents      []string                `bson:"documents" json:"-"`
	Sectors        []string                `bson:"sectors" json:"sectors"`
	// PublicConsent: both parties agreed that the public results may name
	// them and the contract's value. Without it the contract is only ever
	// counted among at least two others (internal/results).
	PublicConsent bool       `bson:"publicConsent" json:"publicConsent"`
	CreatedBy     string     `bson:"createdBy" json:"-"`
	CreatedAt     time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt     time.Time  `bson:"updatedAt" json:"updatedAt"`
	DueRemindedAt *time.Time `bson:"dueRemindedAt,omitempty" json:"-"`
}

// Overdue reports whether registration is due and its day has passed
// (days are counted in Vietnam's time zone).
func (t *Transfer) Overdue(now time.Time) bool {
	return t.Registration.Status == RegDue && t.Registration.DueOn != "" && calendar.Day(now) > t.Registration.DueOn
}

// Connections is what transfers need of connections.
type Connections interface {
	Get(ctx context.Context, p *auth.Principal, id string) (connection.Connection, error)
	LinkTransfer(ctx context.Context, p *auth.Principal, id, transferID string) (connection.Connection, error)
}

// Catalog finds listings.
type Catalog interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
}

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Notifier tells the parties.
type Notifier interface {
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// Service records transfers.
type Service struct {
	s     *store.Store
	conns Connections
	cat   Catalog
	orgs  Orgs
	notes Notifier
	tax   *taxonomy.Taxonomy
	audit auth.Auditor
	log   *slog.Logger
	now   func() time.Time
	steps *lifecycle.Machine[Transfer, *Transfer, bool]
}

// New returns the service.
func New(s *store.Store, conns Connections, cat Catalog, orgs Orgs, notes Notifier, tax *taxonomy.Taxonomy, a auth.Auditor, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	svc := &Service{s: s, conns: conns, cat: cat, orgs: orgs, notes: notes, tax: tax, audit: a, log: log, now: now}
	svc.steps = &lifecycle.Machine[Transfer, *Transfer, bool]{
		Store: s, Coll: Collection, Steps: steps, NotFound: ErrNotFound, Role: involved, Sees: func(ok bool) bool { return ok },
		Subject: func(t *Transfer) audit.Subject { return audit.Subject{Type: "transfer", ID: t.ID, Name: t.Title} },
		Audit:   a, Now: func() time.Time { return svc.now() },
	}
	return svc
}

// involved: a party or the department (the role of a transfer's table).
func involved(p *auth.Principal, t *Transfer) bool {
	return p != nil && (Party(p, t) || org.IsStaff(p))
}

// Names of a transfer's steps. Its state is the registration's status.
const (
	StepUpdate    = "update"
	StepImplement = "implement"
	StepDocument  = "document"
	StepSubmitReg = "registration.submit"
	StepRegister  = "registration.register"
)

var (
	anyStatus = []string{RegNotRequired, RegDue, RegSubmitted, RegRegistered}
	mayAct    = func(ok bool, _ string) bool { return ok }
)

// steps: the parties and the department edit a transfer in any state; the
// registration is submitted once, then registered.
var steps = lifecycle.Table[*Transfer, bool]{
	StepUpdate:    {Action: ActionUpdate, From: anyStatus, Who: mayAct},
	StepImplement: {Action: ActionImplementation, From: anyStatus, Who: mayAct},
	StepDocument:  {Action: ActionDocument, From: anyStatus, Who: mayAct},
	StepSubmitReg: {Action: ActionRegistration, From: []string{RegNotRequired, RegDue}, To: RegSubmitted, Who: mayAct},
	StepRegister:  {Action: ActionRegistration, From: []string{RegNotRequired, RegDue, RegSubmitted}, To: RegRegistered, Who: mayAct},
}

// CurrentState, Enter and Touch put a transfer under the lifecycle.
func (t *Transfer) CurrentState() string { return t.Registration.Status }

func (t *Transfer) Enter(e lifecycle.Entry) { t.Registration.Status = e.State }

func (t *Transfer) Touch(now time.Time) { t.UpdatedAt = now }

// Input is what a person enters; nil fields are left as they are on edit.
type Input struct {
	ConnectionID         string   `json:"connectionId"`
	SupplierOrgID        string   `json:"supplierOrgId"`
	RecipientOrgID       string   `json:"recipientOrgId"`
	ListingIDs           []string `json:"listingIds"`
	Title                *string  `json:"title"`
	Form                 *string  `json:"form"`
	Methods              []string `json:"methods"`
	ContractValue        *int64   `json:"contractValue"`
	SignedOn             *string  `json:"signedOn"`
	RegistrationRequired *bool    `json:"registrationRequired"`
	// PublicConsent records that both parties agreed to publish their
	// names and the contract's value in the public results.
	PublicConsent *bool `json:"publicConsent"`
}

// MaxContractValue bounds a contract's value (10^15 VND: far above any
// provincial deal, far below int64's limit).
const MaxContractValue = 1_000_000_000_000_000

// apply checks in's fields and writes them to t.
func (s *Service) apply(c *validate.Checker, t *Transfer, in Input, creating bool) {
	if in.Title != nil || creating {
		t.Title = validate.Text(deref(in.Title))
		c.Name("title", t.Title, 5, 300)
	}
	if in.Form != nil || creating {
		t.Form = deref(in.Form)
		c.OneOf("form", t.Form, taxonomy.Codes(s.tax.TransferForms))
	}
	if in.Methods != nil || creating {
		t.Methods = slices.Compact(slices.Sorted(slices.Values(in.Methods)))
		if len(t.Methods) == 0 {
			c.Add("methods", "required")
		}
		for _, m := range t.Methods {
			if !slices.Contains(taxonomy.Codes(s.tax.TransferMethods), m) {
				c.Add("methods", "invalid_choice", "choices", taxonomy.Codes(s.tax.TransferMethods))
				break
			}
		}
	}
	if in.ContractValue != nil || creating {
		switch {
		case in.ContractValue == nil:
			c.Add("contractValue", "required")
		case *in.ContractValue < 0 || *in.ContractValue > MaxContractValue:
			c.Add("contractValue", "out_of_range", "min", 0, "max", int64(MaxContractValue))
		default:
			t.ContractValue = *in.ContractValue
		}
	}
	if in.SignedOn != nil || creating {
		t.SignedOn = deref(in.SignedOn)
		if d, ok := c.Date("signedOn", t.SignedOn); !ok && !c.Has("signedOn") {
			c.Add("signedOn", "required")
		} else if ok && calendar.Future(d, s.now()) {
			c.Add("signedOn", "in_future")
		}
	}
	if in.PublicConsent != nil || creating {
		t.PublicConsent = in.PublicConsent != nil && *in.PublicConsent
	}
	if in.RegistrationRequired != nil || creating {
		t.Registration.Required = in.RegistrationRequired != nil && *in.RegistrationRequired
	}
	// The status follows the rule unless the registration is under way.
	if t.Registration.Status != RegSubmitted && t.Registration.Status != RegRegistered {
		t.Registration.Status, t.Registration.DueOn = RegNotRequired, ""
		if t.Registration.Required {
			t.Registration.Status = RegDue
		}
	}
	if t.Registration.Required {
		if d, err := time.Parse(time.DateOnly, t.SignedOn); err == nil {
			t.Registration.DueOn = d.AddDate(0, 0, RegistrationDays).Format(time.DateOnly)
		}
	} else {
		t.Registration.DueOn = ""
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Create records a transfer: from an agreed connection by its parties or
// an officer, or from scratch by an officer naming the organisations and
// listings.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (Transfer, error) {
	return s.CreateWithID(ctx, p, store.NewID(), in)
}

// CreateWithID is Create under a given id: the demo data's transfers keep
// theirs, so loading it again finds what it made whatever was renamed.
func (s *Service) CreateWithID(ctx context.Context, p *auth.Principal, id string, in Input) (Transfer, error) {
	now := s.now().UTC()
	t := Transfer{ID: id, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now,
		Implementation: Implementation{Status: "not_started"}, Documents: []string{}}
	var c validate.Checker
	var conn *connection.Connection
	if in.ConnectionID != "" {
		cn, err := s.conns.Get(ctx, p, in.ConnectionID)
		if err != nil {
			if errors.Is(err, connection.ErrNotFound) {
				return Transfer{}, errs.Field("connectionId", "not_found")
			}
			return Transfer{}, err
		}
		if cn.TransferID != "" {
			return Transfer{}, connection.ErrTransferExists
		}
		if cn.State != connection.StateAgreed {
			return Transfer{}, errs.Field("connectionId", "not_agreed")
		}
		if !connection.CanOf(p, &cn).RecordTransfer {
			return Transfer{}, errs.ErrForbidden
		}
		conn = &cn
		t.ConnectionID = cn.ID
		t.Listings = []connection.ListingRef{cn.Listing}
		t.Sectors = cn.Sectors
		// The organisation with the offer supplies; for a need, the party.
		t.Supplier, t.Recipient = cn.Owner, cn.Party
		if cn.Listing.Kind == catalog.KindDemand {
			t.Supplier, t.Recipient = cn.Party, cn.Owner
		}
	} else {
		if !org.IsStaff(p) {
			return Transfer{}, errs.Field("connectionId", "required")
		}
		t.Supplier = s.orgRef(ctx, &c, "supplierOrgId", in.SupplierOrgID)
		t.Recipient = s.orgRef(ctx, &c, "recipientOrgId", in.RecipientOrgID)
		if t.Supplier.ID != "" && t.Supplier.ID == t.Recipient.ID {
			c.Add("recipientOrgId", "same_organization")
		}
		if len(in.ListingIDs) > 10 {
			c.Add("listingIds", "too_many", "max", 10)
		}
		for _, id := range slices.Compact(slices.Sorted(slices.Values(in.ListingIDs))) {
			l, err := s.cat.Get(ctx, id)
			if err != nil {
				c.Add("listingIds", "not_found")
				break
			}
			t.Listings = append(t.Listings, connection.ListingRef{ID: l.ID, Kind: l.Kind, Title: l.Title})
			for _, sec := range l.Sectors {
				if !slices.Contains(t.Sectors, sec) {
					t.Sectors = append(t.Sectors, sec)
				}
			}
		}
	}
	s.apply(&c, &t, in, true)
	if err := c.Err(); err != nil {
		return Transfer{}, err
	}
	var link func(id string) error
	if conn != nil {
		link = func(id string) error {
			_, err := s.conns.LinkTransfer(ctx, p, conn.ID, id)
			return err
		}
	}
	return s.insert(ctx, p, t, link)
}

// insert writes a new transfer, links it to where it came from (link may
// be nil: if another transfer won the race for the origin, this one goes),
// records and notifies it.
func (s *Service) insert(ctx context.Context, p *auth.Principal, t Transfer, link func(id string) error) (Transfer, error) {
	if t.Listings == nil {
		t.Listings = []connection.ListingRef{}
	}
	if t.Sectors == nil {
		t.Sectors = []string{}
	}
	if err := store.Insert(ctx, s.s, Collection, &t); err != nil {
		return Transfer{}, err
	}
	if link != nil {
		if err := link(t.ID); err != nil {
			if _, derr := store.DeleteIf(ctx, s.s, Collection, t.ID, 0, func(*Transfer) error { return nil }); derr != nil {
				s.log.Error("transfer left without its origin", "transfer", t.ID, "err", derr)
			}
			return Transfer{}, err
		}
	}
	s.record(ctx, p, ActionCreate, t, nil)
	s.notes.ToOrgs(ctx, []string{t.Supplier.ID, t.Recipient.ID}, p.User.ID, notify.Note{Kind: notify.KindTransfer,
		Params: map[string]string{"title": t.Title, "signedOn": vnDate(t.SignedOn)}, Link: "/transfers/" + t.ID})
	return t, nil
}

func (s *Service) orgRef(ctx context.Context, c *validate.Checker, field, id string) connection.Ref {
	if id == "" {
		c.Add(field, "required")
		return connection.Ref{}
	}
	o, err := s.orgs.Get(ctx, id)
	if err != nil {
		c.Add(field, "not_found")
		return connection.Ref{}
	}
	return connection.Ref{ID: o.ID, Name: o.Name}
}

// Party reports whether p belongs to one of t's organisations.
func Party(p *auth.Principal, t *Transfer) bool {
	return p != nil && (slices.Contains(p.User.Orgs, t.Supplier.ID) || slices.Contains(p.User.Orgs, t.Recipient.ID))
}

// Can lists what p may do with t.
type Can struct {
	Edit      bool `json:"edit"`
	Register  bool `json:"register"`
	Implement bool `json:"implement"`
}

// CanOf is what the SPA shows; the same table enforces it.
func CanOf(p *auth.Principal, t *Transfer) Can {
	m := steps
	ok := involved(p, t)
	can := func(name string) bool { return ok && slices.Contains(m[name].From, t.Registration.Status) }
	return Can{Edit: can(StepUpdate), Register: can(StepRegister), Implement: can(StepImplement)}
}

// Get returns a transfer to its parties and officers; it is never public.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (Transfer, error) {
	t, err := store.Get[Transfer](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, ErrNotFound.Wrap(err)
	} else if err != nil {
		return t, err
	}
	if p == nil || (!Party(p, &t) && !org.IsStaff(p)) {
		return Transfer{}, ErrNotFound
	}
	return t, nil
}

// change is every edit: the table's step as one conditional write, with
// what changed audited.
func (s *Service) change(ctx context.Context, p *auth.Principal, id string, ifVersion int64, step string, fn func(t *Transfer) error) (Transfer, error) {
	return s.steps.Apply(ctx, p, id, lifecycle.Move[*Transfer]{Step: step, Version: ifVersion,
		Change:  func(t *Transfer, _ time.Time) error { return fn(t) },
		Changes: func(before, after *Transfer) map[string]audit.Change { return diff(*before, *after) }})
}

func diff(a, b Transfer) map[string]audit.Change {
	out := map[string]audit.Change{}
	add := func(name string, x, y any, same bool) {
		if !same {
			out[name] = audit.Change{From: x, To: y}
		}
	}
	add("title", a.Title, b.Title, a.Title == b.Title)
	add("form", a.Form, b.Form, a.Form == b.Form)
	add("methods", a.Methods, b.Methods, slices.Equal(a.Methods, b.Methods))
	add("contractValue", a.ContractValue, b.ContractValue, a.ContractValue == b.ContractValue)
	add("signedOn", a.SignedOn, b.SignedOn, a.SignedOn == b.SignedOn)
	add("publicConsent", a.PublicConsent, b.PublicConsent, a.PublicConsent == b.PublicConsent)
	add("registration", a.Registration, b.Registration, a.Registration == b.Registration)
	add("implementation", a.Implementation, b.Implementation, a.Implementation == b.Implementation)
	add("documents", len(a.Documents), len(b.Documents), len(a.Documents) == len(b.Documents))
	return out
}

// Update changes the contract's details.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in Input, ifVersion int64) (Transfer, error) {
	var c validate.Checker
	if in.ConnectionID != "" || in.SupplierOrgID != "" || in.RecipientOrgID != "" || in.ListingIDs != nil {
		c.Add("connectionId", "immutable")
	}
	if err := c.Err(); err != nil {
		return Transfer{}, err
	}
	return s.change(ctx, p, id, ifVersion, StepUpdate, func(t *Transfer) error {
		var c validate.Checker
		s.apply(&c, t, in, false)
		return c.Err()
	})
}

// RegistrationInput moves the registration on.
type RegistrationInput struct {
	Status       string `json:"status"`
	SubmittedOn  string `json:"submittedOn"`
	Number       string `json:"number"`
	RegisteredOn string `json:"registeredOn"`
}

// Register records the registration's progress: submitted (with the day),
// then registered (with the certificate's number and day).
func (s *Service) Register(ctx context.Context, p *auth.Principal, id string, in RegistrationInput, ifVersion int64) (Transfer, error) {
	var c validate.Checker
	c.OneOf("status", in.Status, []string{RegSubmitted, RegRegistered})
	in.Number = validate.Text(in.Number)
	switch in.Status {
	case RegSubmitted:
		if _, ok := c.Date("submittedOn", in.SubmittedOn); !ok && !c.Has("submittedOn") {
			c.Add("submittedOn", "required")
		}
	case RegRegistered:
		c.Name("number", in.Number, 1, 60)
		if _, ok := c.Date("registeredOn", in.RegisteredOn); !ok && !c.Has("registeredOn") {
			c.Add("registeredOn", "required")
		}
	}
	if err := c.Err(); err != nil {
		return Transfer{}, err
	}
	step := map[string]string{RegSubmitted: StepSubmitReg, RegRegistered: StepRegister}[in.Status]
	return s.change(ctx, p, id, ifVersion, step, func(t *Transfer) error {
		r := &t.Registration
		day := in.SubmittedOn
		if in.Status == RegRegistered {
			day = in.RegisteredOn
		}
		if day < t.SignedOn {
			return errs.Field(map[string]string{RegSubmitted: "submittedOn", RegRegistered: "registeredOn"}[in.Status], "before_signing")
		}
		if in.Status == RegSubmitted {
			r.SubmittedOn = in.SubmittedOn
		} else {
			r.Number, r.RegisteredOn = in.Number, in.RegisteredOn
		}
		return nil
	})
}

// ImplementationInput reports how the technology is being used.
type ImplementationInput struct {
	Status  string `json:"status" rule:"required"`
	Outcome string `json:"outcome" rule:"max=4000"`
}

var implementationRules = validate.RulesOf[ImplementationInput]()

// Implement records the implementation status and the outcome so far.
func (s *Service) Implement(ctx context.Context, p *auth.Principal, id string, in ImplementationInput, ifVersion int64) (Transfer, error) {
	var c validate.Checker
	c.OneOf("status", in.Status, taxonomy.Codes(s.tax.ImplementationStatuses))
	in.Outcome = validate.Multiline(in.Outcome)
	c.Optional("outcome", in.Outcome, implementationRules.Of("outcome").Max)
	if err := c.Err(); err != nil {
		return Transfer{}, err
	}
	return s.change(ctx, p, id, ifVersion, StepImplement, func(t *Transfer) error {
		t.Implementation = Implementation{Status: in.Status, Outcome: in.Outcome}
		return nil
	})
}

// MaxDocuments bounds a transfer's attachments.
const MaxDocuments = 20

// ErrTooManyDocuments refuses the twenty-first document.
var ErrTooManyDocuments = errs.Field("file", "too_many", "max", MaxDocuments)

// Attach adds an uploaded file to t's documents.
func (s *Service) Attach(ctx context.Context, p *auth.Principal, id, fileID string) (Transfer, error) {
	return s.change(ctx, p, id, 0, StepDocument, func(t *Transfer) error {
		if len(t.Documents) >= MaxDocuments {
			return ErrTooManyDocuments
		}
		t.Documents = append(t.Documents, fileID)
		return nil
	})
}

// Detach removes a document.
func (s *Service) Detach(ctx context.Context, p *auth.Principal, id, fileID string) (Transfer, error) {
	return s.change(ctx, p, id, 0, StepDocument, func(t *Transfer) error {
		i := slices.Index(t.Documents, fileID)
		if i < 0 {
			return errs.New(errs.NotFound, "file_not_found")
		}
		t.Documents = slices.Delete(t.Documents, i, i+1)
		return nil
	})
}

// Filter narrows a list.
type Filter struct {
	connection.Scope
	All          bool
	Registration string // a status, or "overdue"
	Page, Size   int
}

// List returns transfers, newest first: the principal's organisations', or
// all of them for officers.
func (s *Service) List(ctx context.Context, p *auth.Principal, f Filter) ([]Transfer, int, error) {
	if f.All && !org.IsStaff(p) {
		return nil, 0, errs.ErrForbidden
	}
	if f.Registration != "" && !slices.Contains([]string{RegNotRequired, RegDue, RegSubmitted, RegRegistered, "overdue"}, f.Registration) {
		return nil, 0, errs.Field("registration", "invalid_choice")
	}
	filter := bson.D{}
	if !f.All {
		if len(p.User.Orgs) == 0 {
			return []Transfer{}, 0, nil
		}
		in := bson.D{{Key: "$in", Value: p.User.Orgs}}
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{bson.D{{Key: "supplier.id", Value: in}}, bson.D{{Key: "recipient.id", Value: in}}}})
	}
	all, err := store.Find[Transfer](ctx, s.s, Collection, filter, options.Find().SetSort(listOrder))
	if err != nil {
		return nil, 0, err
	}
	now := s.now()
	keep := all[:0]
	for _, t := range all {
		if !f.Covers(t.Sectors, t.CreatedAt) {
			continue
		}
		switch f.Registration {
		case "":
		case "overdue":
			if !t.Overdue(now) {
				continue
			}
		default:
			if t.Registration.Status != f.Registration {
				continue
			}
		}
		keep = append(keep, t)
	}
	return store.PageOf(keep, f.Page, f.Size), len(keep), nil
}

// All returns every transfer in the scope, for the pipeline report.
func (s *Service) All(ctx context.Context, sc connection.Scope) ([]Transfer, error) {
	all, err := store.Find[Transfer](ctx, s.s, Collection, bson.D{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(t Transfer) bool { return !sc.Covers(t.Sectors, t.CreatedAt) }), nil
}

// RemindDue tells both parties, once, that a contract's registration falls
// due within RemindBefore (or is already late).
func (s *Service) RemindDue(ctx context.Context) (int, error) {
	now := s.now()
	due, err := store.Find[Transfer](ctx, s.s, Collection, bson.D{{Key: "registration.status", Value: RegDue}})
	if err != nil {
		return 0, err
	}
	n := 0
	soon := calendar.Day(now.Add(RemindBefore))
	for _, t := range due {
		if t.DueRemindedAt != nil || t.Registration.DueOn == "" || t.Registration.DueOn > soon {
			continue
		}
		t, err := store.Modify(ctx, s.s, Collection, t.ID, 0, func(x *Transfer) error {
			if x.DueRemindedAt != nil || x.Registration.Status != RegDue {
				return errAlreadyReminded
			}
			at := now.UTC()
			x.DueRemindedAt = &at
			return nil
		})
		if err != nil {
			continue
		}
		s.notes.ToOrgs(ctx, []string{t.Supplier.ID, t.Recipient.ID}, "", notify.Note{Kind: notify.KindRegistrationDue,
			Params: map[string]string{"title": t.Title, "dueOn": vnDate(t.Registration.DueOn)}, Link: "/transfers/" + t.ID})
		n++
	}
	return n, nil
}

var errAlreadyReminded = errors.New("transfer: already reminded")

// vnDate writes 2026-03-05 as 05/03/2026.
func vnDate(d string) string {
	p := strings.Split(d, "-")
	if len(p) != 3 {
		return d
	}
	return p[2] + "/" + p[1] + "/" + p[0]
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, t Transfer, changes map[string]audit.Change) {
	_ = s.audit.Record(ctx, audit.Entry{
		ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "transfer", ID: t.ID, Name: t.Title}, Changes: changes,
	})
}
