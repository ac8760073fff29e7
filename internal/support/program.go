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

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ProgramCollection holds programmes.
const ProgramCollection = "support_programs"

// Specs declare the collections.
var Specs = []store.CollectionSpec{
	{Name: ProgramCollection, Indexes: []mongo.IndexModel{{Keys: bson.D{{Key: "state", Value: 1}, {Key: "window.opensOn", Value: -1}}}}},
	{Name: ApplicationCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "programId", Value: 1}, {Key: "state", Value: 1}}},
	}},
	{Name: counterCollection},
}

// Programme states.
const (
	ProgramDraft     = "draft"
	ProgramPublished = "published"
)

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
	Number string `bson:"number" json:"number"` // e.g. 684/QĐ-UBND
	Date   string `bson:"date" json:"date"`     // YYYY-MM-DD
	Title  string `bson:"title,omitempty" json:"title,omitempty"`
}

// Window is when applications are accepted, days in Vietnam's time zone,
// both inclusive.
type Window struct {
	OpensOn  string `bson:"opensOn" json:"opensOn"`
	ClosesOn string `bson:"closesOn" json:"closesOn"`
}

// Eligibility says who may apply.
type Eligibility struct {
	OrgKinds []string `bson:"orgKinds" json:"orgKinds"`
	// InProvince requires the organisation to be located in the province
	// (all registered organisations are, today).
	InProvince bool `bson:"inProvince" json:"inProvince"`
	// STEnterprise requires a certified science and technology enterprise.
	STEnterprise bool `bson:"stEnterprise" json:"stEnterprise"`
}

// Document is one entry of the required documents checklist.
type Document struct {
	Code     string `bson:"code" json:"code"`
	Name     string `bson:"name" json:"name"`
	Required bool   `bson:"required" json:"required"`
}

// Criterion is one appraisal criterion; weights add up to 100.
type Criterion struct {
	Code   string `bson:"code" json:"code"`
	Name   string `bson:"name" json:"name"`
	Weight int    `bson:"weight" json:"weight"`
}

// Ledger is the programme's money, VND.
type Ledger struct {
	Total     int64 `bson:"total" json:"total"`
	Committed int64 `bson:"committed" json:"committed"` // approved, not yet disbursed or not
	Disbursed int64 `bson:"disbursed" json:"disbursed"`
}

// Remaining is what may still be committed.
func (l Ledger) Remaining() int64 { return l.Total - l.Committed }

// Program is one support call.
type Program struct {
	store.Meta `bson:",inline"`
	ID         string     `bson:"_id" json:"id"`
	State      string     `bson:"state" json:"state"`
	Name       string     `bson:"name" json:"name"`
	Summary    string     `bson:"summary" json:"summary"`
	LegalBasis LegalBasis `bson:"legalBasis" json:"legalBasis"`
	Window     Window     `bson:"window" json:"window"`
	Ledger     Ledger     `bson:"ledger" json:"-"`
	// Reservations are the approved amounts the ledger's Committed adds
	// up, one per application.
	Reservations []Reservation `bson:"reservations" json:"-"`
	Budget       int64         `bson:"-" json:"budget"`
	CapPerApp    int64         `bson:"capPerApplication" json:"capPerApplication"`
	MaxSharePct  int           `bson:"maxSharePercent" json:"maxSharePercent"`
	Eligibility  Eligibility   `bson:"eligibility" json:"eligibility"`
	Documents    []Document    `bson:"documents" json:"documents"`
	Criteria     []Criterion   `bson:"criteria" json:"criteria"`
	PassMark     int           `bson:"passMark" json:"passMark"`
	Reviewers    int           `bson:"reviewersPerApplication" json:"reviewersPerApplication"`
	CreatedBy    string        `bson:"createdBy" json:"-"`
	CreatedAt    time.Time     `bson:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time     `bson:"updatedAt" json:"updatedAt"`
	PublishedAt  *time.Time    `bson:"publishedAt,omitempty" json:"publishedAt,omitempty"`
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
	office    Office
	audit     auth.Auditor
	log       *slog.Logger
	now       func() time.Time
}

// Deps are what the service works with besides the store.
type Deps struct {
	Orgs      Orgs
	Users     Users
	Notes     Notifier
	Transfers Transfers // recorded transfers applications may point at
	Listings  Listings  // listings applications may point at
	Office    Office    // the department that issues the papers
	Audit     auth.Auditor
	Log       *slog.Logger
	Now       func() time.Time // the platform's clock; nil: time.Now
}

// New returns the service.
func New(s *store.Store, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{s: s, orgs: d.Orgs, users: d.Users, notes: d.Notes, transfers: d.Transfers, listings: d.Listings,
		office: d.Office, audit: d.Audit, log: d.Log, now: d.Now}
}

// ProgramInput is what an officer enters; nil fields stay as they are on
// edit.
type ProgramInput struct {
	Name        *string      `json:"name"`
	Summary     *string      `json:"summary"`
	LegalBasis  *LegalBasis  `json:"legalBasis"`
	Window      *Window      `json:"window"`
	Budget      *int64       `json:"budget"`
	CapPerApp   *int64       `json:"capPerApplication"`
	MaxSharePct *int         `json:"maxSharePercent"`
	Eligibility *Eligibility `json:"eligibility"`
	Documents   []Document   `json:"documents"`
	Criteria    []Criterion  `json:"criteria"`
	PassMark    *int         `json:"passMark"`
	Reviewers   *int         `json:"reviewersPerApplication"`
}

// MaxBudget bounds a programme's budget (10^15 VND).
const MaxBudget = 1_000_000_000_000_000

// applicantKinds are the organisation kinds that may be made eligible.
var applicantKinds = org.RegisterKinds

// apply checks in and writes it to p. Cross-field rules (cap within the
// budget, weights adding up) are checked by complete.
func (in ProgramInput) apply(c *validate.Checker, p *Program) {
	if in.Name != nil {
		p.Name = validate.Text(*in.Name)
		c.Name("name", p.Name, 5, 300)
	}
	if in.Summary != nil {
		p.Summary = validate.Multiline(*in.Summary)
		c.Optional("summary", p.Summary, 4000)
	}
	if in.LegalBasis != nil {
		p.LegalBasis = LegalBasis{Number: validate.Text(in.LegalBasis.Number), Date: in.LegalBasis.Date, Title: validate.Text(in.LegalBasis.Title)}
		c.Name("legalBasis.number", p.LegalBasis.Number, 3, 60)
		if _, ok := c.Date("legalBasis.date", p.LegalBasis.Date); !ok && !c.Has("legalBasis.date") {
			c.Add("legalBasis.date", "required")
		}
		c.Optional("legalBasis.title", p.LegalBasis.Title, 500)
	}
	if in.Window != nil {
		p.Window = *in.Window
		_, okO := c.Date("window.opensOn", p.Window.OpensOn)
		_, okC := c.Date("window.closesOn", p.Window.ClosesOn)
		if okO && okC && p.Window.ClosesOn < p.Window.OpensOn {
			c.Add("window.closesOn", "before_opening")
		}
	}
	amount(c, "budget", in.Budget, &p.Ledger.Total, 1)
	amount(c, "capPerApplication", in.CapPerApp, &p.CapPerApp, 1)
	if in.MaxSharePct != nil {
		if *in.MaxSharePct < 1 || *in.MaxSharePct > 100 {
			c.Add("maxSharePercent", "out_of_range", "min", 1, "max", 100)
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
			c.Name("documents."+itoa(i)+".name", d.Name, 2, 300)
			p.Documents = append(p.Documents, d)
		}
		if len(p.Documents) > 30 {
			c.Add("documents", "too_many", "max", 30)
		}
	}
	if in.Criteria != nil {
		p.Criteria = []Criterion{}
		for i, cr := range in.Criteria {
			cr.Name = validate.Text(cr.Name)
			if cr.Code == "" {
				cr.Code = "c" + itoa(i+1)
			}
			c.Name("criteria."+itoa(i)+".name", cr.Name, 2, 300)
			if cr.Weight < 1 || cr.Weight > 100 {
				c.Add("criteria."+itoa(i)+".weight", "out_of_range", "min", 1, "max", 100)
			}
			p.Criteria = append(p.Criteria, cr)
		}
		if len(p.Criteria) > 20 {
			c.Add("criteria", "too_many", "max", 20)
		}
	}
	if in.PassMark != nil {
		if *in.PassMark < 1 || *in.PassMark > 100 {
			c.Add("passMark", "out_of_range", "min", 1, "max", 100)
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
	if len(p.Criteria) > 0 {
		sum := 0
		for _, cr := range p.Criteria {
			sum += cr.Weight
		}
		if sum != 100 {
			c.Add("criteria", "weights_not_100", "sum", sum)
		}
	}
}

func isStaff(p *auth.Principal) bool { return org.IsStaff(p) }

// Create saves a draft programme (officers).
func (s *Service) Create(ctx context.Context, p *auth.Principal, in ProgramInput) (Program, error) {
	if !isStaff(p) {
		return Program{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	pr := Program{ID: store.NewID(), State: ProgramDraft, Documents: []Document{}, Criteria: []Criterion{}, Reservations: []Reservation{},
		Eligibility: Eligibility{OrgKinds: []string{}}, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
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

func withBudget(p Program) Program {
	p.Budget = p.Ledger.Total
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
	all, err := store.Find[Program](ctx, s.s, ProgramCollection, filter, options.Find().SetSort(bson.D{{Key: "window.opensOn", Value: -1}, {Key: "createdAt", Value: -1}}))
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
	pr, err := store.Modify(ctx, s.s, ProgramCollection, id, func(pr *Program) error {
		if ifVersion != 0 && pr.Version != ifVersion {
			return errs.ErrVersionMismatch
		}
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
	pr, err := store.Modify(ctx, s.s, ProgramCollection, id, func(pr *Program) error {
		if ifVersion != 0 && pr.Version != ifVersion {
			return errs.ErrVersionMismatch
		}
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
