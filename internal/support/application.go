package support

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ApplicationCollection holds applications (dossiers).
const ApplicationCollection = "support_applications"

// Application states: the applicant's; the officers' steps are in
// decision.go and lifecycle.go.
const (
	AppDraft     = "draft"
	AppSubmitted = "submitted"
	AppWithdrawn = "withdrawn"
)

// AppStates lists every application state, in the order of the procedure.
var AppStates = []string{AppDraft, AppSubmitted, AppCompleteness, AppReturned, AppAppraisal, AppApproved, AppRejected,
	AppAgreementSigned, AppInProgress, AppAcceptanceRequested, AppAccepted, AppNotAccepted, AppClosed, AppWithdrawn}

// Audit actions.
const (
	ActionAppCreate   = "support.application.create"
	ActionAppUpdate   = "support.application.update"
	ActionAppSubmit   = "support.application.submit"
	ActionAppWithdraw = "support.application.withdraw"
)

// Errors with stable codes.
var (
	ErrApplicationNotFound = errs.New(errs.NotFound, "application_not_found")
	ErrWindowClosed        = errs.New(errs.Conflict, "window_closed")
	ErrNotEligible         = errs.New(errs.Forbidden, "not_eligible")
)

// Technology is what the enterprise means to adopt: a recorded transfer
// it receives, a published listing, or a description. Title is the
// transfer's or listing's, copied when linked, and so are a transfer's
// parties and signing date: every reader of the dossier (a reviewer too, who
// may not open the transfer itself) reads them here.
type Technology struct {
	TransferID    string `bson:"transferId,omitempty" json:"transferId,omitempty"`
	ListingID     string `bson:"listingId,omitempty" json:"listingId,omitempty"`
	Title         string `bson:"title,omitempty" json:"title,omitempty"`
	SupplierName  string `bson:"supplierName,omitempty" json:"supplierName,omitempty"`
	RecipientName string `bson:"recipientName,omitempty" json:"recipientName,omitempty"`
	SignedOn      string `bson:"signedOn,omitempty" json:"signedOn,omitempty"`
	Description   string `bson:"description,omitempty" json:"description,omitempty" rule:"max=8000"`
	// SupplierOrgID is the organisation behind the linked transfer or
	// listing: its people may not appraise the dossier either.
	SupplierOrgID string `bson:"supplierOrgId,omitempty" json:"-"`
}

// Transfers reads recorded technology transfers.
type Transfers interface {
	Get(ctx context.Context, p *auth.Principal, id string) (transfer.Transfer, error)
}

// Listings reads the catalogue.
type Listings interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
}

// linkTechnology checks what an application links: a transfer the
// applicant receives (or supplies), or a published listing; and copies
// its title. A description needs nothing.
func (s *Service) linkTechnology(ctx context.Context, p *auth.Principal, orgID string, t *Technology) error {
	t.Title, t.SupplierOrgID, t.SupplierName, t.RecipientName, t.SignedOn = "", "", "", "", ""
	if t.TransferID != "" && t.ListingID != "" {
		return errs.Field("technology", "one_of", "fields", []string{"transferId", "listingId"})
	}
	switch {
	case t.TransferID != "":
		if s.transfers == nil {
			return errs.Field("technology.transferId", "not_found")
		}
		tr, err := s.transfers.Get(ctx, p, t.TransferID)
		if err != nil {
			if _, ok := errs.As(err); ok {
				return errs.Field("technology.transferId", "not_found")
			}
			return err
		}
		if tr.Recipient.ID != orgID && tr.Supplier.ID != orgID {
			return errs.Field("technology.transferId", "not_a_party")
		}
		t.Title, t.SupplierOrgID = tr.Title, tr.Supplier.ID
		t.SupplierName, t.RecipientName, t.SignedOn = tr.Supplier.Name, tr.Recipient.Name, tr.SignedOn
		if tr.Supplier.ID == orgID {
			t.SupplierOrgID = tr.Recipient.ID
		}
	case t.ListingID != "":
		if s.listings == nil {
			return errs.Field("technology.listingId", "not_found")
		}
		l, err := s.listings.Get(ctx, t.ListingID)
		if _, known := errs.As(err); known || (err == nil && l.State != catalog.StatePublished) {
			return errs.Field("technology.listingId", "not_found")
		} else if err != nil {
			return err
		}
		t.Title, t.SupplierOrgID = l.Title, l.OrgID
	}
	return nil
}

// AppDocument is an uploaded file for one entry of the checklist.
type AppDocument struct {
	Code   string `bson:"code" json:"code"`
	FileID string `bson:"fileId" json:"fileId"`
	// Name and Size are the stored file's, filled in when the dossier is
	// sent (the bytes as uploaded, not as a compressed download counts).
	Name string `bson:"-" json:"name,omitempty"`
	Size int    `bson:"-" json:"size,omitempty"`
}

// Application is an enterprise's dossier for a programme.
type Application struct {
	store.Meta      `bson:",inline"`
	ID              string             `bson:"_id" json:"id"`
	ProgramID       string             `bson:"programId" json:"programId"`
	ProgramName     string             `bson:"programName" json:"programName"`
	OrgID           string             `bson:"orgId" json:"orgId"`
	OrgName         string             `bson:"orgName" json:"orgName"`
	State           string             `bson:"state" json:"state" rule:"enum=ApplicationState"`
	Title           string             `bson:"title" json:"title"`
	Summary         string             `bson:"summary" json:"summary"`
	Technology      Technology         `bson:"technology" json:"technology"`
	TotalCost       int64              `bson:"totalCost" json:"totalCost"`
	Requested       int64              `bson:"requested" json:"requested"`
	OwnContribution int64              `bson:"ownContribution" json:"ownContribution"`
	StartOn         string             `bson:"startOn,omitempty" json:"startOn,omitempty"`
	EndOn           string             `bson:"endOn,omitempty" json:"endOn,omitempty"`
	ExpectedResults string             `bson:"expectedResults" json:"expectedResults"`
	Documents       []AppDocument      `bson:"documents" json:"documents"`
	History         []Step             `bson:"history" json:"history"`
	Reviews         []council.Review   `bson:"reviews" json:"reviews"`
	Review          *council.Plan      `bson:"review,omitempty" json:"reviewPlan,omitempty"`
	Appraisal       *council.Appraisal `bson:"-" json:"appraisal,omitempty"` // officers' view
	Decision        *Decision          `bson:"decision,omitempty" json:"decision,omitempty"`
	Agreement       *Agreement         `bson:"agreement,omitempty" json:"agreement,omitempty"`
	Tranches        []ledger.Tranche   `bson:"tranches" json:"tranches"`
	Paid            int64              `bson:"-" json:"paid"`
	Acceptance      *Acceptance        `bson:"acceptance,omitempty" json:"acceptance,omitempty"`
	CreatedBy       string             `bson:"createdBy" json:"-"`
	CreatedAt       time.Time          `bson:"createdAt" json:"createdAt"`
	UpdatedAt       time.Time          `bson:"updatedAt" json:"updatedAt"`
	SubmittedAt     *time.Time         `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
	ClosedAt        *time.Time         `bson:"closedAt,omitempty" json:"closedAt,omitempty"`
	// Can is what the person asking may do with it now (View fills it).
	Can Can `bson:"-" json:"can"`
}

// Step is one state reached, for the applicant's timeline.
type Step struct {
	State string    `bson:"state" json:"state" rule:"enum=ApplicationState"`
	At    time.Time `bson:"at" json:"at"`
	Note  string    `bson:"note,omitempty" json:"note,omitempty"`
}

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// ApplicationInput is what the applicant enters; nil fields stay.
type ApplicationInput struct {
	ProgramID       *string     `json:"programId"`
	OrgID           *string     `json:"orgId"`
	Title           *string     `json:"title" rule:"min=5,max=300"`
	Summary         *string     `json:"summary" rule:"max=8000"`
	Technology      *Technology `json:"technology"`
	TotalCost       *int64      `json:"totalCost" rule:"min=0" doc:"VND"`
	Requested       *int64      `json:"requested" rule:"min=0" doc:"VND"`
	OwnContribution *int64      `json:"ownContribution" rule:"min=0" doc:"VND"`
	StartOn         *string     `json:"startOn" rule:"format=date"`
	EndOn           *string     `json:"endOn" rule:"format=date"`
	ExpectedResults *string     `json:"expectedResults" rule:"max=8000"`
}

// applicationRules are the limits declared on ApplicationInput's fields.
var applicationRules = validate.RulesOf[ApplicationInput]()

func (in ApplicationInput) apply(c *validate.Checker, a *Application) {
	if in.Title != nil {
		a.Title = validate.Text(*in.Title)
		r := applicationRules.Of("title")
		c.Name("title", a.Title, r.Min, r.Max)
	}
	if in.Summary != nil {
		a.Summary = validate.Multiline(*in.Summary)
		c.Optional("summary", a.Summary, applicationRules.Of("summary").Max)
	}
	if in.Technology != nil {
		t := *in.Technology
		t.Description = validate.Multiline(t.Description)
		c.Optional("technology.description", t.Description, applicationRules.Of("technology.description").Max)
		a.Technology = t
	}
	amount(c, "totalCost", in.TotalCost, &a.TotalCost, int64(applicationRules.Of("totalCost").Min))
	amount(c, "requested", in.Requested, &a.Requested, int64(applicationRules.Of("requested").Min))
	amount(c, "ownContribution", in.OwnContribution, &a.OwnContribution, int64(applicationRules.Of("ownContribution").Min))
	if in.StartOn != nil {
		a.StartOn = *in.StartOn
		c.Date("startOn", a.StartOn)
	}
	if in.EndOn != nil {
		a.EndOn = *in.EndOn
		c.Date("endOn", a.EndOn)
	}
	if a.StartOn != "" && a.EndOn != "" && a.EndOn < a.StartOn && !c.Has("startOn") && !c.Has("endOn") {
		c.Add("endOn", "before_start")
	}
	if in.ExpectedResults != nil {
		a.ExpectedResults = validate.Multiline(*in.ExpectedResults)
		c.Optional("expectedResults", a.ExpectedResults, applicationRules.Of("expectedResults").Max)
	}
}

// member reports whether p belongs to the application's organisation.
func member(p *auth.Principal, a *Application) bool {
	return p != nil && slices.Contains(p.User.Orgs, a.OrgID)
}

// CreateApplication saves a draft dossier for one of p's organisations.
func (s *Service) CreateApplication(ctx context.Context, p *auth.Principal, in ApplicationInput) (Application, error) {
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
	if in.ProgramID == nil || *in.ProgramID == "" {
		c.Add("programId", "required")
	}
	if in.Title == nil {
		c.Add("title", "required")
	}
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	o, err := s.orgs.Get(ctx, orgID)
	if err != nil {
		if errors.Is(err, org.ErrNotFound) {
			return Application{}, errs.Field("orgId", "not_a_member")
		}
		return Application{}, err
	}
	if _, ok := o.Member(p.User.ID); !ok {
		return Application{}, errs.Field("orgId", "not_a_member")
	}
	pr, err := store.Get[Program](ctx, s.s, ProgramCollection, *in.ProgramID)
	if err != nil || pr.State != ProgramPublished {
		return Application{}, errs.Field("programId", "not_found")
	}
	// The kind is known now; verification and the window are checked at
	// submission, when they matter.
	if !slices.Contains(pr.Eligibility.OrgKinds, o.Kind) {
		return Application{}, ErrNotEligible
	}
	now := s.now().UTC()
	a := Application{ID: store.NewID(), ProgramID: pr.ID, ProgramName: pr.Name, OrgID: o.ID, OrgName: o.Name, State: AppDraft,
		Documents: []AppDocument{}, Tranches: []ledger.Tranche{}, History: []Step{{State: AppDraft, At: now}}, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	in.apply(&c, &a)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	if err := s.linkTechnology(ctx, p, a.OrgID, &a.Technology); err != nil {
		return Application{}, err
	}
	if err := store.Insert(ctx, s.s, ApplicationCollection, &a); err != nil {
		return Application{}, err
	}
	s.recordApp(ctx, p, ActionAppCreate, a, nil)
	return a, nil
}

// withProgram reads an application p may read, and its programme.
func (s *Service) withProgram(ctx context.Context, p *auth.Principal, id string) (Application, Program, error) {
	a, err := s.GetApplication(ctx, p, id)
	if err != nil {
		return a, Program{}, err
	}
	pr, err := store.Get[Program](ctx, s.s, ProgramCollection, a.ProgramID)
	return a, pr, err
}

// GetApplication returns a dossier to its organisation and officers; no
// one else learns it exists.
func (s *Service) GetApplication(ctx context.Context, p *auth.Principal, id string) (Application, error) {
	a, err := store.Get[Application](ctx, s.s, ApplicationCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return a, ErrApplicationNotFound.Wrap(err)
	} else if err != nil {
		return a, err
	}
	if !member(p, &a) && !isStaff(p) && !isReviewer(p, &a) {
		return Application{}, ErrApplicationNotFound
	}
	return a, nil
}

// Scopes of a list of applications.
const (
	ScopeMine     = "mine"     // the principal's organisations' dossiers
	ScopeAll      = "all"      // officers: every submitted one
	ScopeAssigned = "assigned" // reviewers: the ones they appraise
)

// ApplicationFilter narrows a list.
type ApplicationFilter struct {
	Scope      string
	ProgramID  string
	State      string
	Query      string // words of the title or the applicant's name
	Page, Size int
}

// ApplicationPage is one page of a list, with how many of the listed
// dossiers are in each state (the state filter aside), for the queue's
// tabs.
type ApplicationPage struct {
	Items  []Application
	Total  int
	Counts map[string]int
}

// ListApplications returns the principal's organisations' dossiers,
// (officers) everyone's except drafts, or (reviewers) those assigned to
// them, newest change first.
func (s *Service) ListApplications(ctx context.Context, p *auth.Principal, f ApplicationFilter) (ApplicationPage, error) {
	none := ApplicationPage{Items: []Application{}, Counts: map[string]int{}}
	filter := bson.D{}
	switch f.Scope {
	case ScopeAll:
		if !isStaff(p) {
			return none, errs.ErrForbidden
		}
		filter = append(filter, bson.E{Key: "state", Value: bson.D{{Key: "$ne", Value: AppDraft}}})
	case ScopeAssigned:
		if !p.User.HasRole(auth.RoleReviewer) {
			return none, errs.ErrForbidden
		}
		// Filtered below: a province has hundreds of dossiers, not millions.
		filter = append(filter, bson.E{Key: "state", Value: bson.D{{Key: "$ne", Value: AppDraft}}})
	default:
		if len(p.User.Orgs) == 0 {
			return none, nil
		}
		filter = append(filter, bson.E{Key: "orgId", Value: bson.D{{Key: "$in", Value: p.User.Orgs}}})
	}
	if f.ProgramID != "" {
		filter = append(filter, bson.E{Key: "programId", Value: f.ProgramID})
	}
	all, err := store.Find[Application](ctx, s.s, ApplicationCollection, filter, options.Find().SetSort(applicationOrder))
	if err != nil {
		return none, err
	}
	words := search.Words(f.Query)
	counts := map[string]int{}
	all = slices.DeleteFunc(all, func(a Application) bool {
		if f.Scope == ScopeAssigned && !isReviewer(p, &a) {
			return true
		}
		var text []string
		if len(words) > 0 {
			text = search.Words(a.Title + " " + a.OrgName)
		}
		for _, w := range words { // every word, as a word or its beginning
			if !slices.ContainsFunc(text, func(t string) bool { return strings.HasPrefix(t, w) }) {
				return true
			}
		}
		counts[a.State]++
		return f.State != "" && a.State != f.State
	})
	items := store.PageOf(all, f.Page, f.Size)
	for i := range items {
		items[i] = s.View(p, items[i])
	}
	return ApplicationPage{Items: items, Total: len(all), Counts: counts}, nil
}

// UpdateApplication changes a draft (its organisation's members).
func (s *Service) UpdateApplication(ctx context.Context, p *auth.Principal, id string, in ApplicationInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	if in.ProgramID != nil {
		c.Add("programId", "immutable")
	}
	if in.OrgID != nil {
		c.Add("orgId", "immutable")
	}
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	if in.Technology != nil {
		// Checked before the write: reading a transfer inside the
		// conditional write would hold it up.
		cur, err := s.GetApplication(ctx, p, id)
		if err != nil {
			return cur, err
		}
		if err := s.linkTechnology(ctx, p, cur.OrgID, in.Technology); err != nil {
			return cur, err
		}
	}
	return s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepEdit, Version: ifVersion, Change: func(a *Application, _ time.Time) error {
		var c validate.Checker
		in.apply(&c, a) // a linked technology's title was set by linkTechnology
		return c.Err()
	}})
}

// May says whether p may take the named step (Step…) on a now, and if not
// why: the rule every step enforces and `can` shows.
func (s *Service) May(p *auth.Principal, a *Application, step string) error {
	return s.apps.Check(p, a, step)
}

// Submit sends a complete dossier: the window is open, the organisation is
// eligible and within the programme's limits per organisation (limits.go), the amounts hold (requested ≤ cap, ≤ share × cost, requested +
// own contribution = cost) and every required document is attached.
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Application, error) {
	a, pr, err := s.withProgram(ctx, p, id)
	if err != nil {
		return a, err
	}
	o, err := s.orgs.Get(ctx, a.OrgID)
	if err != nil {
		return a, err
	}
	now := s.now()
	if !pr.Open(calendar.Day(now)) {
		return a, ErrWindowClosed
	}
	if o.Status != org.StatusVerified || !slices.Contains(pr.Eligibility.OrgKinds, o.Kind) {
		return a, ErrNotEligible
	}
	if err := s.May(p, &a, StepSubmit); err != nil {
		return a, err
	}
	done, err := s.claimOpen(ctx, &pr, &a)
	if err != nil {
		return a, err
	}
	defer done()
	a, err = s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepSubmit, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		var c validate.Checker
		need := func(field string, ok bool) {
			if !ok {
				c.Add(field, "required")
			}
		}
		need("title", a.Title != "")
		need("summary", a.Summary != "")
		need("technology", a.Technology.TransferID != "" || a.Technology.ListingID != "" || a.Technology.Description != "")
		need("totalCost", a.TotalCost > 0)
		need("requested", a.Requested > 0)
		need("startOn", a.StartOn != "")
		need("endOn", a.EndOn != "")
		need("expectedResults", a.ExpectedResults != "")
		if a.Requested > pr.CapPerApp {
			c.Add("requested", "above_cap", "max", pr.CapPerApp)
		}
		if a.TotalCost > 0 && a.Requested*100 > a.TotalCost*int64(pr.MaxSharePct) {
			c.Add("requested", "above_share", "percent", pr.MaxSharePct, "max", a.TotalCost*int64(pr.MaxSharePct)/100)
		}
		if a.TotalCost > 0 && a.Requested+a.OwnContribution != a.TotalCost {
			c.Add("ownContribution", "does_not_add_up", "expected", a.TotalCost-a.Requested)
		}
		for _, d := range pr.Documents {
			if d.Required && !slices.ContainsFunc(a.Documents, func(x AppDocument) bool { return x.Code == d.Code }) {
				c.Add("documents."+d.Code, "document_missing")
			}
		}
		if err := c.Err(); err != nil {
			return err
		}
		a.SubmittedAt = &now
		return nil
	}})
	if err == nil {
		s.submitted(ctx, a)
	}
	return a, err
}

// submitted tells officers a dossier arrived; see Submit.
func (s *Service) submitted(ctx context.Context, a Application) {
	s.tellOfficers(ctx, a, AppSubmitted, nil)
}

// Withdraw takes a dossier back before any decision.
func (s *Service) Withdraw(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Application, error) {
	return s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepWithdraw, Version: ifVersion})
}

// MaxAppDocuments bounds a dossier's files.
const MaxAppDocuments = 40

// AttachDocument files an uploaded document under a checklist code.
func (s *Service) AttachDocument(ctx context.Context, p *auth.Principal, id, code, fileID string) (Application, error) {
	a, pr, err := s.withProgram(ctx, p, id)
	if err != nil {
		return a, err
	}
	if !slices.ContainsFunc(pr.Documents, func(d Document) bool { return d.Code == code }) {
		return a, errs.Field("code", "invalid_choice")
	}
	return s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepEdit, Change: func(a *Application, _ time.Time) error {
		if len(a.Documents) >= MaxAppDocuments {
			return errs.Field("file", "too_many", "max", MaxAppDocuments)
		}
		a.Documents = append(a.Documents, AppDocument{Code: code, FileID: fileID})
		return nil
	}})
}

// DetachDocument takes a file off a dossier the applicant may still
// change.
func (s *Service) DetachDocument(ctx context.Context, p *auth.Principal, id, fileID string) (Application, error) {
	return s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepEdit, Change: func(a *Application, _ time.Time) error {
		i := slices.IndexFunc(a.Documents, func(d AppDocument) bool { return d.FileID == fileID })
		if i < 0 {
			return files.ErrNotFound
		}
		a.Documents = slices.Delete(a.Documents, i, i+1)
		return nil
	}})
}

func (s *Service) recordApp(ctx context.Context, p *auth.Principal, action string, a Application, changes map[string]audit.Change) {
	s.recordAppReason(ctx, p, action, a, changes, "")
}
