// Package support runs the province's technology-innovation support:
// programmes (calls with a budget, a window, eligibility, required
// documents and appraisal criteria), and — as it grows — the applications
// enterprises file against them, their appraisal, decisions and
// disbursements. A programme's money is a ledger inside the programme's
// own document (total, committed, disbursed), so "never commit more than
// the budget" is one conditional write on one document.
package support

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/techmart-vn/techmart/internal/paper"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ProgramCollection holds programmes.
const ProgramCollection = "support_programs"

// Specs declare the collections.
// The orders programmes and applications are listed in.
var (
	programOrder     = bson.D{{Key: "window.opensOn", Value: -1}, {Key: "createdAt", Value: -1}}
	applicationOrder = bson.D{{Key: "updatedAt", Value: -1}}
)

var Specs = []store.CollectionSpec{
	{Name: ProgramCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "window.opensOn", Value: -1}, {Key: "createdAt", Value: -1}}},
		{Keys: bson.D{{Key: "window.opensOn", Value: -1}, {Key: "createdAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "in a state", Equal: []string{"state"}, Sort: programOrder},
		{Name: "staff: all", Sort: programOrder},
		{Name: "published (dashboard)", Equal: []string{"state"}},
	}},
	{Name: ApplicationCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "programId", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "programId", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "state", Value: 1}}},
		{Keys: bson.D{{Key: "updatedAt", Value: -1}, {Key: "state", Value: 1}}},
		{Keys: bson.D{{Key: "programId", Value: 1}, {Key: "state", Value: 1}}},
		{Keys: bson.D{{Key: "state", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "my organisations'", Equal: []string{"orgId"}, Sort: applicationOrder},
		{Name: "my organisations' in a programme", Equal: []string{"orgId", "programId"}, Sort: applicationOrder},
		{Name: "staff and reviewers: all but drafts", Range: []string{"state"}, Sort: applicationOrder},
		{Name: "staff and reviewers: a programme's but drafts", Equal: []string{"programId"}, Range: []string{"state"}, Sort: applicationOrder},
		{Name: "dashboard: all but drafts", Range: []string{"state"}},
	}},
	{Name: counterCollection},
	{Name: instanceCollection, ExpireAt: "expiresAt"},
	{Name: claimCollection},
}

// Programme states.
const (
	ProgramDraft     = "draft"
	ProgramPublished = "published"
)

// ProgramStates lists the states of a programme.
var ProgramStates = []string{ProgramDraft, ProgramPublished}

// Audit actions.
const (
	ActionProgramCreate  = "support.program.create"
	ActionProgramUpdate  = "support.program.update"
	ActionProgramPublish = "support.program.publish"
)

// Errors with stable codes.
var (
	ErrProgramNotFound   = errs.New(errs.NotFound, "program_not_found")
	ErrInvalidTransition = errs.New(errs.Conflict, "invalid_transition")
)

// LegalBasis is the decision a programme rests on.
type LegalBasis struct {
	Number string `bson:"number" json:"number" rule:"min=3,max=60"` // e.g. 684/QĐ-UBND
	Date   string `bson:"date" json:"date" rule:"format=date"`
	Title  string `bson:"title,omitempty" json:"title,omitempty" rule:"max=500"`
}

// Window is when applications are accepted, days in Vietnam's time zone,
// both inclusive.
type Window struct {
	OpensOn  string `bson:"opensOn" json:"opensOn" rule:"format=date"`
	ClosesOn string `bson:"closesOn" json:"closesOn" rule:"format=date"`
}

// Eligibility says who may apply.
type Eligibility struct {
	OrgKinds []string `bson:"orgKinds" json:"orgKinds" rule:"enum=RegisterKind"`
	// InProvince requires the organisation to be located in the province
	// (all registered organisations are, today).
	InProvince bool `bson:"inProvince" json:"inProvince"`
	// STEnterprise requires a certified science and technology enterprise.
	STEnterprise bool `bson:"stEnterprise" json:"stEnterprise"`
}

// Document is one entry of the required documents checklist.
type Document struct {
	Code     string `bson:"code" json:"code"`
	Name     string `bson:"name" json:"name" rule:"min=2,max=300"`
	Required bool   `bson:"required" json:"required"`
}

// Program is one support call.
type Program struct {
	store.Meta `bson:",inline"`
	ID         string         `bson:"_id" json:"id"`
	State      string         `bson:"state" json:"state" rule:"enum=ProgramState"`
	Name       string         `bson:"name" json:"name"`
	Summary    string         `bson:"summary" json:"summary"`
	LegalBasis LegalBasis     `bson:"legalBasis" json:"legalBasis"`
	Window     Window         `bson:"window" json:"window"`
	Ledger     ledger.Account `bson:"ledger" json:"-"`
	// Reservations are the approved amounts the ledger's Committed adds
	// up, one per application.
	Reservations []Reservation       `bson:"reservations" json:"-"`
	Budget       int64               `bson:"-" json:"budget"`
	CapPerApp    int64               `bson:"capPerApplication" json:"capPerApplication"`
	MaxSharePct  int                 `bson:"maxSharePercent" json:"maxSharePercent"`
	Eligibility  Eligibility         `bson:"eligibility" json:"eligibility"`
	Documents    []Document          `bson:"documents" json:"documents"`
	Criteria     []council.Criterion `bson:"criteria" json:"criteria"`
	PassMark     int                 `bson:"passMark" json:"passMark"`
	Reviewers    int                 `bson:"reviewersPerApplication" json:"reviewersPerApplication"`
	// Per organisation (limits.go): open applications at once, approvals.
	OpenPerOrg     int        `bson:"openPerOrganization" json:"openPerOrganization"`
	ApprovedPerOrg int        `bson:"approvedPerOrganization" json:"approvedPerOrganization"`
	CreatedBy      string     `bson:"createdBy" json:"-"`
	CreatedAt      time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt      time.Time  `bson:"updatedAt" json:"updatedAt"`
	PublishedAt    *time.Time `bson:"publishedAt,omitempty" json:"publishedAt,omitempty"`
}

// Open reports whether applications are accepted on day (YYYY-MM-DD).
func (p *Program) Open(day string) bool {
	return p.State == ProgramPublished && p.Window.OpensOn <= day && day <= p.Window.ClosesOn
}

// Service runs programmes.
type Service struct {
	s     *store.Store
	orgs  Orgs
	users Users
	notes Notifier
	// What applications may point at.
	transfers Transfers
	listings  Listings
	office    paper.Office
	audit     auth.Auditor
	log       *slog.Logger
	now       func() time.Time
	w         *writer // this instance as a writer of ledgers (writers.go)
	apps      *lifecycle.Machine[Application, *Application, Role]
}

// Deps are what the service works with besides the store.
type Deps struct {
	Orgs      Orgs
	Users     Users
	Notes     Notifier
	Transfers Transfers    // recorded transfers applications may point at
	Listings  Listings     // listings applications may point at
	Office    paper.Office // the department that issues the papers
	Audit     auth.Auditor
	Log       *slog.Logger
	Now       func() time.Time // the platform's clock; nil: time.Now
}

// New returns the service. In embedded mode the store's lock on the data
// directory makes this process the only writer (see writers.go).
func New(s *store.Store, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	svc := &Service{s: s, orgs: d.Orgs, users: d.Users, notes: d.Notes, transfers: d.Transfers, listings: d.Listings,
		office: d.Office, audit: d.Audit, log: d.Log, now: d.Now, w: newWriter(s.Embedded())}
	svc.apps = svc.machine()
	return svc
}

// ProgramInput is what an officer enters; nil fields stay as they are on
// edit.
type ProgramInput struct {
	Name        *string             `json:"name" rule:"min=5,max=300"`
	Summary     *string             `json:"summary" rule:"max=4000"`
	LegalBasis  *LegalBasis         `json:"legalBasis"`
	Window      *Window             `json:"window"`
	Budget      *int64              `json:"budget" rule:"min=1" doc:"VND"`
	CapPerApp   *int64              `json:"capPerApplication" rule:"min=1" doc:"VND"`
	MaxSharePct *int                `json:"maxSharePercent" rule:"min=1,max=100"`
	Eligibility *Eligibility        `json:"eligibility"`
	Documents   []Document          `json:"documents" rule:"max=30"`
	Criteria    []council.Criterion `json:"criteria" rule:"max=20"`
	PassMark    *int                `json:"passMark" rule:"min=1,max=100"`
	Reviewers   *int                `json:"reviewersPerApplication"`
	// Limits per organisation (default 1).
	OpenPerOrg     *int `json:"openPerOrganization" rule:"min=1,max=100"`
	ApprovedPerOrg *int `json:"approvedPerOrganization" rule:"min=1,max=100"`
}

// programRules are the limits declared on ProgramInput's fields.
var programRules = validate.RulesOf[ProgramInput]()

// MaxBudget bounds a programme's budget and any amount (10^15 VND).
const MaxBudget = ledger.MaxAmount

// applicantKinds are the organisation kinds that may be made eligible.
var applicantKinds = org.RegisterKinds

// apply checks in and writes it to p. Cross-field rules (cap within the
// budget, weights adding up) are checked by complete.
func (in ProgramInput) apply(c *validate.Checker, p *Program) {
	if in.Name != nil {
		p.Name = validate.Text(*in.Name)
		r := programRules.Of("name")
		c.Name("name", p.Name, r.Min, r.Max)
	}
	if in.Summary != nil {
		p.Summary = validate.Multiline(*in.Summary)
		c.Optional("summary", p.Summary, programRules.Of("summary").Max)
	}
	if in.LegalBasis != nil {
		p.LegalBasis = LegalBasis{Number: validate.Text(in.LegalBasis.Number), Date: in.LegalBasis.Date, Title: validate.Text(in.LegalBasis.Title)}
		r := programRules.Of("legalBasis.number")
		c.Name("legalBasis.number", p.LegalBasis.Number, r.Min, r.Max)
		if _, ok := c.Date("legalBasis.date", p.LegalBasis.Date); !ok && !c.Has("legalBasis.date") {
			c.Add("legalBasis.date", "required")
		}
		c.Optional("legalBasis.title", p.LegalBasis.Title, programRules.Of("legalBasis.title").Max)
	}
	if in.Window != nil {
		p.Window = *in.Window
		_, okO := c.Date("window.opensOn", p.Window.OpensOn)
		_, okC := c.Date("window.closesOn", p.Window.ClosesOn)
		if okO && okC && p.Window.ClosesOn < p.Window.OpensOn {
			c.Add("window.closesOn", "before_opening")
		}
	}
	amount(c, "budget", in.Budget, &p.Ledger.Total, int64(programRules.Of("budget").Min))
	amount(c, "capPerApplication", in.CapPerApp, &p.CapPerApp, int64(programRules.Of("capPerApplication").Min))
	if in.MaxSharePct != nil {
		if r := programRules.Of("maxSharePercent"); *in.MaxSharePct < r.Min || *in.MaxSharePct > r.Max {
			c.Add("maxSharePercent", "out_of_range", "min", r.Min, "max", r.Max)
		} else {
			p.MaxSharePct = *in.MaxSharePct
		}
	}
	if in.Eligibility != nil {
		e := *in.Eligibility
		e.OrgKinds = slices.Compact(slices.Sorted(slices.Values(e.OrgKinds)))
		for _, k := range e.OrgKinds {
			if !slices.Contains(applicantKinds, k) {
				c.Add("eligibility.orgKinds", "invalid_choice", "choices", applicantKinds)
				break
			}
		}
		p.Eligibility = e
	}
	if in.Documents != nil {
		p.Documents = []Document{}
		for i, d := range in.Documents {
			d.Name = validate.Text(d.Name)
			if d.Code == "" {
				d.Code = "doc" + itoa(i+1)
			}
			r := programRules.Of("documents.name")
			c.Name("documents."+itoa(i)+".name", d.Name, r.Min, r.Max)
			p.Documents = append(p.Documents, d)
		}
		if r := programRules.Of("documents"); len(p.Documents) > r.Max {
			c.Add("documents", "too_many", "max", r.Max)
		}
	}
	if in.Criteria != nil {
		p.Criteria = council.CheckCriteria(c, "criteria", in.Criteria, programRules.Of("criteria").Max)
	}
	if in.PassMark != nil {
		if r := programRules.Of("passMark"); *in.PassMark < r.Min || *in.PassMark > r.Max {
			c.Add("passMark", "out_of_range", "min", r.Min, "max", r.Max)
		} else {
			p.PassMark = *in.PassMark
		}
	}
	if in.Reviewers != nil {
		if *in.Reviewers < 1 || *in.Reviewers > 9 {
			c.Add("reviewersPerApplication", "out_of_range", "min", 1, "max", 9)
		} else {
			p.Reviewers = *in.Reviewers
		}
	}
	perOrganization(c, "openPerOrganization", in.OpenPerOrg, &p.OpenPerOrg, programRules.Of("openPerOrganization"))
	perOrganization(c, "approvedPerOrganization", in.ApprovedPerOrg, &p.ApprovedPerOrg, programRules.Of("approvedPerOrganization"))
}

// amount checks a VND amount, when given, against [min, MaxBudget] and
// stores it.
func amount(c *validate.Checker, field string, v, dst *int64, min int64) {
	if v == nil {
		return
	}
	if *v < min || *v > MaxBudget {
		c.Add(field, "out_of_range", "min", min, "max", int64(MaxBudget))
		return
	}
	*dst = *v
}

func itoa(i int) string { return strconv.Itoa(i) }

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

// complete checks what a published programme must have.
func complete(c *validate.Checker, p *Program) {
	need := func(field string, ok bool) {
		if !ok && !c.Has(field) {
			c.Add(field, "required")
		}
	}
	need("name", p.Name != "")
	need("legalBasis.number", p.LegalBasis.Number != "")
	need("legalBasis.date", p.LegalBasis.Date != "")
	need("window.opensOn", p.Window.OpensOn != "")
	need("window.closesOn", p.Window.ClosesOn != "")
	need("budget", p.Ledger.Total > 0)
	need("capPerApplication", p.CapPerApp > 0)
	need("maxSharePercent", p.MaxSharePct > 0)
	need("eligibility.orgKinds", len(p.Eligibility.OrgKinds) > 0)
	need("documents", len(p.Documents) > 0)
	need("criteria", len(p.Criteria) > 0)
	need("passMark", p.PassMark > 0)
	need("reviewersPerApplication", p.Reviewers > 0)
	if p.CapPerApp > p.Ledger.Total && p.Ledger.Total > 0 {
		c.Add("capPerApplication", "above_budget")
	}
	council.CheckWeights(c, "criteria", p.Criteria)
}

func isStaff(p *auth.Principal) bool { return org.IsStaff(p) }

// Create saves a draft programme (officers).
func (s *Service) Create(ctx context.Context, p *auth.Principal, in ProgramInput) (Program, error) {
	return s.CreateWithID(ctx, p, store.NewID(), in)
}

// CreateWithID is Create under a given id: the demo data's programmes keep
// theirs, so loading it again finds what it made whatever was renamed.
func (s *Service) CreateWithID(ctx context.Context, p *auth.Principal, id string, in ProgramInput) (Program, error) {
	if !isStaff(p) {
		return Program{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	pr := Program{ID: id, State: ProgramDraft, Documents: []Document{}, Criteria: []council.Criterion{}, Reservations: []Reservation{},
		Eligibility: Eligibility{OrgKinds: []string{}}, OpenPerOrg: DefaultPerOrganization, ApprovedPerOrg: DefaultPerOrganization, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	var c validate.Checker
	if in.Name == nil {
		c.Add("name", "required")
	}
	in.apply(&c, &pr)
	if err := c.Err(); err != nil {
		return Program{}, err
	}
	if err := store.Insert(ctx, s.s, ProgramCollection, &pr); err != nil {
		return Program{}, err
	}
	s.record(ctx, p, ActionProgramCreate, pr, nil)
	return withBudget(pr), nil
}

// withBudget is a programme as shown: its budget, and its limits per
// organisation as they apply.
func withBudget(p Program) Program {
	p.Budget = p.Ledger.Total
	p.OpenPerOrg, p.ApprovedPerOrg = p.OpenLimit(), p.ApprovedLimit()
	return p
}

// Get returns a programme: published ones to everyone, drafts to officers.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (Program, error) {
	pr, err := store.Get[Program](ctx, s.s, ProgramCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return pr, ErrProgramNotFound.Wrap(err)
	} else if err != nil {
		return pr, err
	}
	if pr.State != ProgramPublished && !isStaff(p) {
		return Program{}, ErrProgramNotFound
	}
	return withBudget(pr), nil
}

// List returns published programmes, newest window first; officers see
// drafts too (or only one state).
func (s *Service) List(ctx context.Context, p *auth.Principal, state string, page, size int) ([]Program, int, error) {
	filter := bson.D{{Key: "state", Value: ProgramPublished}}
	if isStaff(p) {
		filter = bson.D{}
		if state != "" {
			filter = bson.D{{Key: "state", Value: state}}
		}
	} else if state != "" && state != ProgramPublished {
		return []Program{}, 0, nil
	}
	all, err := store.Find[Program](ctx, s.s, ProgramCollection, filter, options.Find().SetSort(programOrder))
	if err != nil {
		return nil, 0, err
	}
	for i := range all {
		all[i] = withBudget(all[i])
	}
	return store.PageOf(all, page, size), len(all), nil
}

// Update changes a programme (officers). Once published, the budget may
// not fall below what is committed.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in ProgramInput, ifVersion int64) (Program, error) {
	if !isStaff(p) {
		return Program{}, errs.ErrForbidden
	}
	var before Program
	pr, err := store.Modify(ctx, s.s, ProgramCollection, id, ifVersion, func(pr *Program) error {
		before = *pr
		var c validate.Checker
		in.apply(&c, pr)
		if pr.State == ProgramPublished {
			complete(&c, pr)
			if pr.Ledger.Total < pr.Ledger.Committed {
				c.Add("budget", "below_committed", "committed", pr.Ledger.Committed)
			}
		}
		if err := c.Err(); err != nil {
			return err
		}
		pr.UpdatedAt = s.now().UTC()
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return pr, ErrProgramNotFound.Wrap(err)
	} else if err != nil {
		return pr, err
	}
	changes := map[string]audit.Change{}
	if before.Ledger.Total != pr.Ledger.Total {
		changes["budget"] = audit.Change{From: before.Ledger.Total, To: pr.Ledger.Total}
	}
	if before.Window != pr.Window {
		changes["window"] = audit.Change{From: before.Window, To: pr.Window}
	}
	s.record(ctx, p, ActionProgramUpdate, pr, changes)
	return withBudget(pr), nil
}

// Publish makes a complete draft public (officers).
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Program, error) {
	if !isStaff(p) {
		return Program{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	pr, err := store.Modify(ctx, s.s, ProgramCollection, id, ifVersion, func(pr *Program) error {
		if pr.State != ProgramDraft {
			return ErrInvalidTransition
		}
		var c validate.Checker
		complete(&c, pr)
		if err := c.Err(); err != nil {
			return err
		}
		pr.State, pr.PublishedAt, pr.UpdatedAt = ProgramPublished, &now, now
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return pr, ErrProgramNotFound.Wrap(err)
	} else if err != nil {
		return pr, err
	}
	s.record(ctx, p, ActionProgramPublish, pr, map[string]audit.Change{"state": {From: ProgramDraft, To: ProgramPublished}})
	return withBudget(pr), nil
}

// Budget is a programme's money as reported.
type Budget struct {
	Total     int64 `json:"total"`
	Committed int64 `json:"committed"`
	Disbursed int64 `json:"disbursed"`
	Remaining int64 `json:"remaining"`
}

// BudgetOf reports a programme's ledger (as visible as the programme).
func (s *Service) BudgetOf(ctx context.Context, p *auth.Principal, id string) (Budget, error) {
	pr, err := s.Get(ctx, p, id)
	if err != nil {
		return Budget{}, err
	}
	l := pr.Ledger
	return Budget{Total: l.Total, Committed: l.Committed, Disbursed: l.Disbursed, Remaining: l.Remaining()}, nil
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, pr Program, changes map[string]audit.Change) {
	_ = s.audit.Record(ctx, audit.Entry{
		ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "support.program", ID: pr.ID, Name: pr.Name}, Changes: changes,
	})
}
