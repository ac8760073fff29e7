package task

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ApplicantKinds are the organisations that may apply to perform a task:
// S&T organisations (institutes, universities, public S&T centres).
var ApplicantKinds = []string{org.KindInstitute, org.KindUniversity, org.KindSTOrg}

// Sources of a budget line's money.
const (
	SourceState = "state" // the province's S&T budget: appraised, capped by the order
	SourceOther = "other" // the performer's own or other sources
)

// Sources lists every source of money.
var Sources = []string{SourceState, SourceOther}

// Kinds of a dossier's files.
const (
	FileLeadCV        = "lead_cv"        // the lead's CV (required)
	FileMemberCV      = "member_cv"      // a key member's CV
	FilePartnerLetter = "partner_letter" // a partner's letter of commitment
)

// DossierFileKinds lists every kind of file.
var DossierFileKinds = []string{FileLeadCV, FileMemberCV, FilePartnerLetter}

// Limits of a dossier.
const (
	MaxBudgetLines  = 60
	MaxDossierFiles = 30
	// MaxAmount bounds one amount (VND): far above any provincial task,
	// low enough that a sum of lines cannot overflow.
	MaxAmount = 1_000_000_000_000_000
)

// BudgetLine is one line of a dossier's budget table (dự toán).
type BudgetLine struct {
	Item      string `bson:"item" json:"item" rule:"min=2,max=300"`
	Unit      string `bson:"unit" json:"unit" rule:"min=1,max=40"`
	Quantity  int64  `bson:"quantity" json:"quantity" rule:"min=1,max=1000000"`
	UnitPrice int64  `bson:"unitPrice" json:"unitPrice" rule:"min=0" doc:"VND"`
	Source    string `bson:"source" json:"source" rule:"enum=TaskBudgetSource"`
	// Amount is quantity × unit price, worked out by the server.
	Amount int64 `bson:"amount" json:"amount" doc:"VND, quantity × unit price"`
}

// DossierFile is an uploaded CV or letter.
type DossierFile struct {
	Kind   string `bson:"kind" json:"kind" rule:"enum=TaskDossierFileKind"`
	FileID string `bson:"fileId" json:"fileId"`
	Name   string `bson:"name" json:"name"`
	Size   int    `bson:"size" json:"size"`
}

// Dossier is an organisation's application to perform a task (hồ sơ
// đăng ký tuyển chọn, giao trực tiếp).
type Dossier struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id" json:"id"`
	TaskID     string `bson:"taskId" json:"taskId"`
	TaskCode   string `bson:"taskCode" json:"taskCode"`
	TaskTitle  string `bson:"taskTitle" json:"taskTitle"`
	OrgID      string `bson:"orgId" json:"orgId"`
	OrgName    string `bson:"orgName" json:"orgName"`
	State      string `bson:"state" json:"state" rule:"enum=TaskDossierState"`
	// The application form: the lead (chủ nhiệm), the summary, the
	// approach, the products promised and the months needed.
	Lead     string       `bson:"lead" json:"lead"`
	Summary  string       `bson:"summary" json:"summary"`
	Approach string       `bson:"approach" json:"approach"`
	Products string       `bson:"products" json:"products"`
	Months   int          `bson:"months" json:"months"`
	Budget   []BudgetLine `bson:"budget" json:"budget"`
	// StateBudget and OtherBudget are the table's sums by source.
	StateBudget int64         `bson:"stateBudget" json:"stateBudget"`
	OtherBudget int64         `bson:"otherBudget" json:"otherBudget"`
	Files       []DossierFile `bson:"files" json:"files"`
	History     []Step        `bson:"history" json:"history"`
	CreatedBy   string        `bson:"createdBy" json:"-"`
	CreatedAt   time.Time     `bson:"createdAt" json:"createdAt"`
	UpdatedAt   time.Time     `bson:"updatedAt" json:"updatedAt"`
	SubmittedAt *time.Time    `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
	// Can is what the person asking may do with it now.
	Can map[string]bool `bson:"-" json:"can"`
}

// CurrentState, Enter and Touch make a Dossier a lifecycle document.
func (d *Dossier) CurrentState() string { return d.State }

// Enter moves the dossier to e.State and keeps e in its history.
func (d *Dossier) Enter(e lifecycle.Entry) {
	d.State = e.State
	d.History = append(d.History, Step{State: e.State, At: e.At, By: e.By, Note: e.Note})
}

// Touch records that the dossier changed at now.
func (d *Dossier) Touch(now time.Time) { d.UpdatedAt = now }

// sum works out each line's amount and the sums by source.
func (d *Dossier) sum() {
	d.StateBudget, d.OtherBudget = 0, 0
	for i := range d.Budget {
		l := &d.Budget[i]
		l.Amount = l.Quantity * l.UnitPrice
		if l.Source == SourceState {
			d.StateBudget += l.Amount
		} else {
			d.OtherBudget += l.Amount
		}
	}
}

// DossierRole is how a person stands to a dossier.
type DossierRole struct {
	Member bool // of the applying organisation
	Staff  bool
}

// Steps of a dossier.
const (
	DossierStepEdit     = "edit"
	DossierStepSubmit   = "submit"
	DossierStepWithdraw = "withdraw"
	DossierStepChoose   = "choose"  // submitted → selected (the task's select)
	DossierStepDecline  = "decline" // submitted → not_selected (the task's select)
)

func dossierMember(r DossierRole, _ string) bool { return r.Member }

func dossierStaff(r DossierRole, _ string) bool { return r.Staff }

// DossierSteps is a dossier's lifecycle table.
var DossierSteps = lifecycle.Table[*Dossier, DossierRole]{
	DossierStepEdit:     {Action: "task.dossier.update", From: []string{DossierDraft}, Who: dossierMember},
	DossierStepSubmit:   {Action: "task.dossier.submit", From: []string{DossierDraft}, To: DossierSubmitted, Who: dossierMember},
	DossierStepWithdraw: {Action: "task.dossier.withdraw", From: []string{DossierDraft, DossierSubmitted}, To: DossierWithdrawn, Who: dossierMember},
	DossierStepChoose:   {Action: "task.dossier.select", From: []string{DossierSubmitted}, To: DossierSelected, Who: dossierStaff},
	DossierStepDecline:  {Action: "task.dossier.not_select", From: []string{DossierSubmitted}, To: DossierNotSelected, Who: dossierStaff},
}

func dossierMachine(s *store.Store, a lifecycle.Auditor, now func() time.Time) *lifecycle.Machine[Dossier, *Dossier, DossierRole] {
	return &lifecycle.Machine[Dossier, *Dossier, DossierRole]{
		Store: s, Coll: DossierCollection, Steps: DossierSteps,
		Role: func(p *auth.Principal, d *Dossier) DossierRole {
			if p == nil {
				return DossierRole{}
			}
			return DossierRole{Member: slices.Contains(p.User.Orgs, d.OrgID), Staff: org.IsStaff(p)}
		},
		Sees:     func(r DossierRole) bool { return r.Member || r.Staff },
		NotFound: ErrDossierNotFound,
		Subject: func(d *Dossier) audit.Subject {
			return audit.Subject{Type: AuditSubjectDossier, ID: d.ID, Name: d.TaskCode + " " + d.OrgName}
		},
		StateKey: "state",
		Audit:    a,
		Now:      now,
	}
}

// DossierInput is the application form; nil fields stay.
type DossierInput struct {
	OrgID    *string       `json:"orgId" doc:"the applying organisation; needed only by a member of several"`
	Lead     *string       `json:"lead" rule:"min=3,max=200" doc:"the lead's full name and title"`
	Summary  *string       `json:"summary" rule:"max=8000"`
	Approach *string       `json:"approach" rule:"max=12000"`
	Products *string       `json:"products" rule:"max=8000"`
	Months   *int          `json:"months" rule:"min=1,max=60"`
	Budget   *[]BudgetLine `json:"budget" rule:"max=60"`
}

var dossierRules = validate.RulesOf[DossierInput]()

func (in DossierInput) apply(c *validate.Checker, d *Dossier) {
	if in.Lead != nil {
		d.Lead = validate.Text(*in.Lead)
		r := dossierRules.Of("lead")
		c.Name("lead", d.Lead, r.Min, r.Max)
	}
	text := func(field string, v *string, dst *string) {
		if v != nil {
			*dst = validate.Multiline(*v)
			c.Optional(field, *dst, dossierRules.Of(field).Max)
		}
	}
	text("summary", in.Summary, &d.Summary)
	text("approach", in.Approach, &d.Approach)
	text("products", in.Products, &d.Products)
	if in.Months != nil {
		r := dossierRules.Of("months")
		if *in.Months < r.Min || *in.Months > r.Max {
			c.Add("months", "out_of_range", "min", r.Min, "max", r.Max)
		} else {
			d.Months = *in.Months
		}
	}
	if in.Budget != nil {
		lines := slices.Clone(*in.Budget)
		if len(lines) > MaxBudgetLines {
			c.Add("budget", "too_many", "max", MaxBudgetLines)
			return
		}
		for i := range lines {
			checkLine(c, "budget."+strconv.Itoa(i), &lines[i])
		}
		d.Budget = lines
	}
	d.sum()
}

// checkLine normalises and checks one budget line.
func checkLine(c *validate.Checker, field string, l *BudgetLine) {
	l.Item, l.Unit = validate.Text(l.Item), validate.Text(l.Unit)
	r := dossierRules.Of("budget.item")
	c.Name(field+".item", l.Item, r.Min, r.Max)
	r = dossierRules.Of("budget.unit")
	c.Name(field+".unit", l.Unit, r.Min, r.Max)
	if r := dossierRules.Of("budget.quantity"); l.Quantity < int64(r.Min) || l.Quantity > int64(r.Max) {
		c.Add(field+".quantity", "out_of_range", "min", r.Min, "max", r.Max)
		l.Quantity = 0
	}
	if l.UnitPrice < 0 || l.UnitPrice > MaxAmount/1_000_000 {
		c.Add(field+".unitPrice", "out_of_range", "min", 0, "max", int64(MaxAmount/1_000_000))
		l.UnitPrice = 0
	}
	c.OneOf(field+".source", l.Source, Sources)
	l.Amount = 0
}

// applicant checks that p may apply for t on behalf of orgID: a member
// of a verified S&T organisation; for a direct assignment, the assignee.
func (s *Selection) applicant(ctx context.Context, p *auth.Principal, t *Task, orgID string) (org.Organization, error) {
	o, err := s.orgs.Get(ctx, orgID)
	if errors.Is(err, org.ErrNotFound) {
		return o, errs.Field("orgId", "not_a_member")
	} else if err != nil {
		return o, err
	}
	if _, ok := o.Member(p.User.ID); !ok {
		return o, errs.Field("orgId", "not_a_member")
	}
	if !slices.Contains(ApplicantKinds, o.Kind) || o.Status != org.StatusVerified {
		return o, ErrNotApplicant
	}
	if t.State == StateAssigned && (t.Performer == nil || t.Performer.ID != o.ID) {
		return o, ErrNotAssignee
	}
	return o, nil
}

// canApply reports whether p may start a dossier for t now: the call is
// open and p belongs to an eligible organisation without a dossier for
// it yet.
func (s *Selection) canApply(ctx context.Context, p *auth.Principal, t *Task, mine []Dossier) bool {
	if p == nil || !s.open(t) {
		return false
	}
	for _, id := range p.User.Orgs {
		if slices.ContainsFunc(mine, func(d Dossier) bool { return d.OrgID == id && d.State != DossierWithdrawn }) {
			continue
		}
		if _, err := s.applicant(ctx, p, t, id); err == nil {
			return true
		}
	}
	return false
}

// CreateDossier starts a draft dossier for a task whose call is open.
func (s *Selection) CreateDossier(ctx context.Context, p *auth.Principal, taskID string, in DossierInput) (Dossier, error) {
	t, err := s.Get(ctx, p, taskID)
	if err != nil {
		return Dossier{}, err
	}
	if !s.open(&t) {
		return Dossier{}, ErrCallClosed
	}
	orgID := ""
	switch {
	case in.OrgID != nil && *in.OrgID != "":
		orgID = *in.OrgID
	case len(p.User.Orgs) == 1:
		orgID = p.User.Orgs[0]
	default:
		return Dossier{}, errs.Field("orgId", "required")
	}
	o, err := s.applicant(ctx, p, &t, orgID)
	if err != nil {
		return Dossier{}, err
	}
	have, err := store.Find[Dossier](ctx, s.s, DossierCollection, bson.D{{Key: "orgId", Value: o.ID}, {Key: "taskId", Value: t.ID}})
	if err != nil {
		return Dossier{}, err
	}
	if slices.ContainsFunc(have, func(d Dossier) bool { return d.State != DossierWithdrawn }) {
		return Dossier{}, ErrDossierExists
	}
	now := s.now().UTC()
	d := Dossier{ID: store.NewID(), TaskID: t.ID, TaskCode: t.Code, TaskTitle: t.Title, OrgID: o.ID, OrgName: o.Name,
		State: DossierDraft, Budget: []BudgetLine{}, Files: []DossierFile{}, History: []Step{{State: DossierDraft, At: now, By: p.User.ID}},
		CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	var c validate.Checker
	in.OrgID = nil
	in.apply(&c, &d)
	if err := c.Err(); err != nil {
		return Dossier{}, err
	}
	if err := store.Insert(ctx, s.s, DossierCollection, &d); err != nil {
		return Dossier{}, err
	}
	s.record(ctx, audit.Entry{At: now, Actor: p.Actor(), Action: "task.dossier.create",
		Subject: audit.Subject{Type: AuditSubjectDossier, ID: d.ID, Name: d.TaskCode + " " + d.OrgName}})
	return s.ViewDossier(p, d), nil
}

// GetDossier reads a dossier: its organisation, officers and (once the
// call closed) the selection council's members.
func (s *Selection) GetDossier(ctx context.Context, p *auth.Principal, id string) (Dossier, error) {
	d, err := store.Get[Dossier](ctx, s.s, DossierCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return d, ErrDossierNotFound.Wrap(err)
	} else if err != nil {
		return d, err
	}
	r := s.dossiers.Role(p, &d)
	if r.Member || r.Staff {
		return s.ViewDossier(p, d), nil
	}
	if p != nil && d.State != DossierDraft && d.State != DossierWithdrawn {
		t, err := store.Get[Task](ctx, s.s, Collection, d.TaskID)
		if err == nil && t.Selection != nil && t.Selection.Member(p.User.ID) && t.Selection.scores(d.ID) {
			return s.ViewDossier(p, d), nil
		}
	}
	return Dossier{}, ErrDossierNotFound
}

// ViewDossier fills what p may do with d now.
func (s *Selection) ViewDossier(p *auth.Principal, d Dossier) Dossier {
	d.Can = map[string]bool{}
	for _, step := range []string{DossierStepEdit, DossierStepSubmit, DossierStepWithdraw} {
		d.Can[step] = s.dossiers.Check(p, &d, step) == nil
	}
	return d
}

// UpdateDossier changes a draft.
func (s *Selection) UpdateDossier(ctx context.Context, p *auth.Principal, id string, in DossierInput, ifVersion int64) (Dossier, error) {
	if in.OrgID != nil {
		return Dossier{}, errs.Field("orgId", "immutable")
	}
	d, err := s.dossiers.Apply(ctx, p, id, lifecycle.Move[*Dossier]{Step: DossierStepEdit, Version: ifVersion, Change: func(d *Dossier, _ time.Time) error {
		var c validate.Checker
		in.apply(&c, d)
		return c.Err()
	}})
	return s.ViewDossier(p, d), err
}

// SubmitDossier sends a complete dossier inside the call's window (or,
// for a direct assignment, before the officers close it): the form
// filled in, a budget whose state part is within the order's maximum, the
// lead's CV attached.
func (s *Selection) SubmitDossier(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Dossier, error) {
	d, err := s.GetDossier(ctx, p, id)
	if err != nil {
		return d, err
	}
	if err := s.dossiers.Check(p, &d, DossierStepSubmit); err != nil {
		return d, err
	}
	t, err := store.Get[Task](ctx, s.s, Collection, d.TaskID)
	if err != nil {
		return d, err
	}
	if !s.open(&t) {
		return d, ErrCallClosed
	}
	if _, err := s.applicant(ctx, p, &t, d.OrgID); err != nil {
		return d, err
	}
	d, err = s.dossiers.Apply(ctx, p, id, lifecycle.Move[*Dossier]{Step: DossierStepSubmit, Version: ifVersion, Change: func(d *Dossier, now time.Time) error {
		var c validate.Checker
		need := func(field string, ok bool) {
			if !ok {
				c.Add(field, "required")
			}
		}
		need("lead", d.Lead != "")
		need("summary", d.Summary != "")
		need("approach", d.Approach != "")
		need("products", d.Products != "")
		need("months", d.Months > 0)
		need("budget", len(d.Budget) > 0)
		if t.Order.Months > 0 && d.Months > t.Order.Months {
			c.Add("months", "above_order", "max", t.Order.Months)
		}
		if t.Order.MaxBudget > 0 && d.StateBudget > t.Order.MaxBudget {
			c.Add("budget", "above_max_budget", "max", t.Order.MaxBudget)
		}
		if !slices.ContainsFunc(d.Files, func(f DossierFile) bool { return f.Kind == FileLeadCV }) {
			c.Add("files."+FileLeadCV, "document_missing")
		}
		if err := c.Err(); err != nil {
			return err
		}
		d.SubmittedAt = &now
		return nil
	}})
	if err != nil {
		return d, err
	}
	s.tellUsers(ctx, s.officers(ctx), t, "dossier_submitted", map[string]string{"org": d.OrgName})
	return s.ViewDossier(p, d), nil
}

// WithdrawDossier takes a dossier back while the call is open.
func (s *Selection) WithdrawDossier(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Dossier, error) {
	d, err := s.GetDossier(ctx, p, id)
	if err != nil {
		return d, err
	}
	t, err := store.Get[Task](ctx, s.s, Collection, d.TaskID)
	if err != nil {
		return d, err
	}
	if d.State == DossierSubmitted && t.State != StateCallOpen && t.State != StateAssigned {
		return d, ErrCallClosed
	}
	d, err = s.dossiers.Apply(ctx, p, id, lifecycle.Move[*Dossier]{Step: DossierStepWithdraw, Version: ifVersion})
	return s.ViewDossier(p, d), err
}

// MayEditDossier says whether p may change the dossier now (before an
// upload is stored).
func (s *Selection) MayEditDossier(ctx context.Context, p *auth.Principal, id string) error {
	d, err := s.GetDossier(ctx, p, id)
	if err != nil {
		return err
	}
	return s.dossiers.Check(p, &d, DossierStepEdit)
}

// AttachFile files an uploaded CV or letter on a draft.
func (s *Selection) AttachFile(ctx context.Context, p *auth.Principal, id, kind string, f files.File) (Dossier, error) {
	var c validate.Checker
	c.OneOf("kind", kind, DossierFileKinds)
	if err := c.Err(); err != nil {
		return Dossier{}, err
	}
	d, err := s.dossiers.Apply(ctx, p, id, lifecycle.Move[*Dossier]{Step: DossierStepEdit, Change: func(d *Dossier, _ time.Time) error {
		if len(d.Files) >= MaxDossierFiles {
			return errs.Field("file", "too_many", "max", MaxDossierFiles)
		}
		d.Files = append(d.Files, DossierFile{Kind: kind, FileID: f.ID, Name: f.Name, Size: f.Size})
		return nil
	}})
	return s.ViewDossier(p, d), err
}

// DetachFile takes a file off a draft.
func (s *Selection) DetachFile(ctx context.Context, p *auth.Principal, id, fileID string) (Dossier, error) {
	d, err := s.dossiers.Apply(ctx, p, id, lifecycle.Move[*Dossier]{Step: DossierStepEdit, Change: func(d *Dossier, _ time.Time) error {
		i := slices.IndexFunc(d.Files, func(f DossierFile) bool { return f.FileID == fileID })
		if i < 0 {
			return files.ErrNotFound
		}
		d.Files = slices.Delete(d.Files, i, i+1)
		return nil
	}})
	return s.ViewDossier(p, d), err
}

// taskDossiers reads every dossier of a task, oldest first.
func (s *Selection) taskDossiers(ctx context.Context, taskID string) ([]Dossier, error) {
	return store.Find[Dossier](ctx, s.s, DossierCollection, bson.D{{Key: "taskId", Value: taskID}}, options.Find().SetSort(dossierOrder))
}
