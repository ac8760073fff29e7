package task

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ContractSpec declares the contracts' collection. A contract's _id is
// its task's: one task, one contract, read by id only.
var ContractSpec = store.CollectionSpec{Name: ContractCollection}

// Errors of the execution steps.
var (
	// ErrAboveBudget refuses a contract amount above the task's appraised
	// budget.
	ErrAboveBudget = errs.New(errs.Conflict, "contract_above_budget")
)

// Milestone is one stage of the contract: what is delivered by when, and
// the tranche paid for it.
type Milestone struct {
	Name         string `bson:"name" json:"name" rule:"required,min=2,max=200"`
	Due          string `bson:"due" json:"due" rule:"required,format=date"` // YYYY-MM-DD
	Deliverables string `bson:"deliverables" json:"deliverables" rule:"required,min=2,max=2000"`
	Tranche      int64  `bson:"tranche" json:"tranche"` // VND, 0: none
}

// Contract is the signed contract of a task (hợp đồng thực hiện nhiệm
// vụ): its amount (never above the task's budget), its dates and
// milestones, and what happened under it: tranches, progress reports,
// inspections, extensions, the acceptance council.
type Contract struct {
	store.Meta `bson:",inline"`
	ID         string      `bson:"_id" json:"id"` // the task's id
	Number     string      `bson:"number" json:"number"`
	SignedOn   string      `bson:"signedOn" json:"signedOn"`
	Amount     int64       `bson:"amount" json:"amount"` // VND
	Starts     string      `bson:"starts" json:"starts"`
	Ends       string      `bson:"ends" json:"ends"` // the current end date, extensions included
	Milestones []Milestone `bson:"milestones" json:"milestones"`
	// Hold is the contract's amount in the ledger and the tranches paid
	// against it (ContractView shows them).
	Hold ledger.Hold `bson:"hold" json:"-"`
	// Reports, Inspections and Extensions in the order they were made.
	Reports     []Report     `bson:"reports" json:"reports"`
	Inspections []Inspection `bson:"inspections" json:"inspections"`
	Extensions  []Extension  `bson:"extensions" json:"extensions"`
	Acceptance  *Acceptance  `bson:"acceptance,omitempty" json:"acceptance,omitempty"`
	By          string       `bson:"by" json:"-"`
	CreatedAt   time.Time    `bson:"createdAt" json:"createdAt"`
	UpdatedAt   time.Time    `bson:"updatedAt" json:"updatedAt"`
}

// ContractInput is the contract as an officer records it.
type ContractInput struct {
	Number     string      `json:"number" rule:"required,min=1,max=60"`
	SignedOn   string      `json:"signedOn" rule:"required,format=date"`
	Amount     int64       `json:"amount"`
	Starts     string      `json:"starts" rule:"required,format=date"`
	Ends       string      `json:"ends" rule:"required,format=date"`
	Milestones []Milestone `json:"milestones" rule:"required,min=1,max=24"`
}

var contractRules = validate.RulesOf[ContractInput]()

// Listings finds the need a proposal starts from and creates the draft
// listing a task's results are published as.
type Listings interface {
	Create(ctx context.Context, p *auth.Principal, in catalog.Input) (catalog.Listing, error)
	Get(ctx context.Context, id string) (catalog.Listing, error)
}

// ExecutionDeps are what the execution steps need.
type ExecutionDeps struct {
	Users    Users
	Listings Listings
	Notes    Notifier
	Audit    lifecycle.Auditor
	Log      *slog.Logger
	Now      func() time.Time
}

// Execution runs a decided task: the contract, its tranches, progress
// reports, inspections and extensions, the acceptance council, the
// registration of the results and their publication on the market.
type Execution struct {
	s     *store.Store
	tasks *lifecycle.Machine[Task, *Task, Role]
	d     ExecutionDeps
}

// NewExecution returns the service.
func NewExecution(s *store.Store, d ExecutionDeps) *Execution {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Execution{s: s, tasks: Machine(s, d.Audit, d.Now), d: d}
}

func (x *Execution) now() time.Time { return x.d.Now().UTC() }

// ContractView is a task's execution as a person may see it: the task,
// its contract (nil before the signature), what was paid and what
// remains, and the steps the person may take now.
type ContractView struct {
	Task     Task      `json:"task"`
	Contract *Contract `json:"contract"`
	// Paid and Remaining are the tranches' sum and what the contract may
	// still pay, VND.
	Paid      int64            `json:"paid"`
	Remaining int64            `json:"remaining"`
	Tranches  []ledger.Tranche `json:"tranches"`
	Can       map[string]bool  `json:"can"`
	// Member is set for a person sitting on the acceptance council.
	Member bool `json:"member"`
	// Carried is the grade the council's grades carry under the task's
	// rule, once every member graded: the conclusion officers may record.
	Carried string `json:"carried,omitempty" rule:"enum=TaskGrade"`
}

// Contract reads a task's execution for p: the performer's members, the
// proposer's, officers, and the acceptance council's members; others
// learn nothing (task_not_found): inspections' findings and progress
// reports are the parties' and the department's.
func (x *Execution) Contract(ctx context.Context, p *auth.Principal, id string) (ContractView, error) {
	t, err := store.Get[Task](ctx, x.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return ContractView{}, ErrNotFound
	} else if err != nil {
		return ContractView{}, err
	}
	var c *Contract
	if t.ContractID != "" {
		got, err := store.Get[Contract](ctx, x.s, ContractCollection, t.ContractID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return ContractView{}, err
		}
		if err == nil {
			c = &got
		}
	}
	member := c != nil && p != nil && c.Acceptance.member(p.User.ID)
	if r := x.tasks.Role(p, &t); !member && !r.Staff && !r.Performer && !r.Proposer {
		return ContractView{}, ErrNotFound
	}
	return x.view(p, t, c), nil
}

func (x *Execution) view(p *auth.Principal, t Task, c *Contract) ContractView {
	v := ContractView{Task: t, Contract: c, Can: x.tasks.Can(p, &t), Tranches: []ledger.Tranche{}}
	if c != nil {
		v.Paid, v.Remaining = c.paid(), c.Hold.Payable()
		if c.Hold.Tranches != nil {
			v.Tranches = c.Hold.Tranches
		}
		v.Member = p != nil && c.Acceptance.member(p.User.ID)
		// A member of the council grades; officers see the grades.
		v.Can[StepGrade] = v.Member && t.State == StateAcceptance
	} else {
		v.Can[StepGrade] = false
	}
	complete := c != nil && c.Acceptance.complete()
	if complete {
		v.Carried = c.Acceptance.Carried()
	}
	v.Can[StepAccept] = v.Can[StepAccept] && complete
	return v
}

// SignContract records the contract of a decided task: its amount (at
// most the task's budget), dates and milestones (Σ tranches ≤ amount).
// The task moves to contracted; the performer is told.
func (x *Execution) SignContract(ctx context.Context, p *auth.Principal, id string, in ContractInput, ifVersion int64) (ContractView, error) {
	t, err := x.get(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	if err := x.tasks.Check(p, &t, StepContract); err != nil {
		return ContractView{}, err
	}
	c, err := x.checkContract(t, in)
	if err != nil {
		return ContractView{}, err
	}
	now := x.now()
	c.ID, c.By, c.CreatedAt, c.UpdatedAt = t.ID, p.User.ID, now, now
	c.Hold = hold(c.Amount)
	if err := store.Insert(ctx, x.s, ContractCollection, &c); errors.Is(err, store.ErrDuplicate) {
		return ContractView{}, ErrInvalidTransition
	} else if err != nil {
		return ContractView{}, err
	}
	t, err = x.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepContract, Version: ifVersion, Note: c.Number,
		Reason: c.Number + ": " + strconv.FormatInt(c.Amount, 10) + " VND",
		Change: func(t *Task, _ time.Time) error {
			if c.Amount > t.Budget {
				return ErrAboveBudget
			}
			t.ContractID = c.ID
			return nil
		}})
	if err != nil {
		_ = store.Delete(ctx, x.s, ContractCollection, c.ID)
		return ContractView{}, err
	}
	x.tellPerformer(ctx, p, t, "contracted", map[string]string{"number": c.Number})
	return x.view(p, t, &c), nil
}

// checkContract validates a contract against its task.
func (x *Execution) checkContract(t Task, in ContractInput) (Contract, error) {
	var c validate.Checker
	in.Number = validate.Text(in.Number)
	r := contractRules.Of("number")
	c.Name("number", in.Number, r.Min, r.Max)
	signed := x.day(&c, "signedOn", in.SignedOn)
	if signed != "" && signed > calendar.Day(x.now()) {
		c.Add("signedOn", "in_future")
	}
	if t.Decision != nil && signed != "" && signed < t.Decision.Date {
		c.Add("signedOn", "before_decision")
	}
	starts := x.day(&c, "starts", in.Starts)
	ends := x.day(&c, "ends", in.Ends)
	if starts != "" && ends != "" && ends <= starts {
		c.Add("ends", "not_after", "other", "starts")
	}
	switch {
	case in.Amount <= 0:
		c.Add("amount", "out_of_range", "min", 1, "max", t.Budget)
	case in.Amount > t.Budget:
		c.Add("amount", "above_task_budget", "max", t.Budget)
	}
	ms, sum := checkMilestones(&c, in.Milestones, starts, ends)
	if sum > in.Amount && !c.Has("amount") {
		c.Add("milestones", "tranches_above_amount", "max", in.Amount)
	}
	if err := c.Err(); err != nil {
		return Contract{}, err
	}
	return Contract{Number: in.Number, SignedOn: signed, Amount: in.Amount, Starts: starts, Ends: ends, Milestones: ms,
		Reports: []Report{}, Inspections: []Inspection{}, Extensions: []Extension{}}, nil
}

// checkMilestones checks each milestone (due inside the contract's dates,
// in order) and returns them normalised with the tranches' sum.
func checkMilestones(c *validate.Checker, in []Milestone, starts, ends string) ([]Milestone, int64) {
	r := contractRules.Of("milestones")
	if len(in) < r.Min {
		c.Add("milestones", "required")
	} else if len(in) > r.Max {
		c.Add("milestones", "too_many", "max", r.Max)
	}
	name, deliv := contractRules.Of("milestones.name"), contractRules.Of("milestones.deliverables")
	out := make([]Milestone, 0, len(in))
	var sum int64
	prev := ""
	for i, m := range in {
		f := "milestones." + strconv.Itoa(i) + "."
		m.Name = validate.Text(m.Name)
		c.Name(f+"name", m.Name, name.Min, name.Max)
		m.Deliverables = validate.Multiline(m.Deliverables)
		c.Reason(f+"deliverables", m.Deliverables, deliv.Min, deliv.Max)
		if m.Due == "" {
			c.Add(f+"due", "required")
		} else if _, ok := c.Date(f+"due", m.Due); ok {
			switch {
			case starts != "" && m.Due < starts, ends != "" && m.Due > ends:
				c.Add(f+"due", "outside_contract")
			case m.Due < prev:
				c.Add(f+"due", "before_previous")
			}
			prev = m.Due
		}
		if m.Tranche < 0 {
			c.Add(f+"tranche", "negative")
		}
		sum += m.Tranche
		out = append(out, m)
	}
	return out, sum
}

// day checks a required date; "" when it is missing or wrong.
func (x *Execution) day(c *validate.Checker, field, v string) string {
	if v == "" {
		c.Add(field, "required")
		return ""
	}
	if _, ok := c.Date(field, v); !ok {
		return ""
	}
	return v
}

func (x *Execution) get(ctx context.Context, id string) (Task, error) {
	t, err := store.Get[Task](ctx, x.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, ErrNotFound
	}
	return t, err
}

// onContract takes a step that changes the contract but not the task's
// state (a report, an inspection, an extension, a grade): the task's
// table decides whether p may (check), the contract is written with the
// expected version, and the step is audited on the task.
func (x *Execution) onContract(ctx context.Context, p *auth.Principal, id, step string, ifVersion int64, check func(t *Task) error, change func(t *Task, c *Contract, now time.Time) (audited, error)) (ContractView, error) {
	t, err := x.get(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	if check == nil {
		check = func(t *Task) error { return x.tasks.Check(p, t, step) }
	}
	if err := check(&t); err != nil {
		return ContractView{}, err
	}
	if t.ContractID == "" {
		return ContractView{}, ErrContractNotFound
	}
	now := x.now()
	var a audited
	c, err := store.Modify(ctx, x.s, ContractCollection, t.ContractID, ifVersion, func(c *Contract) error {
		var err error
		a, err = change(&t, c, now)
		c.UpdatedAt = now
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return ContractView{}, ErrContractNotFound
	} else if err != nil {
		return ContractView{}, err
	}
	action := ActionGrade
	if st, ok := Steps[step]; ok {
		action = st.Action
	}
	x.record(ctx, p, action, t, a.reason, a.changes)
	return x.view(p, t, &c), nil
}

// record audits a step on t.
func (x *Execution) record(ctx context.Context, p *auth.Principal, action string, t Task, reason string, changes map[string]audit.Change) {
	if x.d.Audit == nil {
		return
	}
	actor := audit.System
	if p != nil {
		actor = p.Actor()
	}
	_ = x.d.Audit.Record(ctx, audit.Entry{At: x.now(), Actor: actor, Action: action, Reason: reason,
		Subject: audit.Subject{Type: AuditSubject, ID: t.ID, Name: t.Code + " " + t.Title}, Changes: changes})
}

// tellPerformer notifies the performer's members but the one who acted.
func (x *Execution) tellPerformer(ctx context.Context, p *auth.Principal, t Task, event string, params map[string]string) {
	if x.d.Notes != nil && t.Performer != nil {
		x.d.Notes.ToOrgs(ctx, []string{t.Performer.ID}, p.User.ID, note(t, "/contract", event, params))
	}
}

// tellOfficers notifies the department's officers.
func (x *Execution) tellOfficers(ctx context.Context, t Task, event string, params map[string]string) {
	if x.d.Notes == nil || x.d.Users == nil {
		return
	}
	officers, err := x.d.Users.WithRole(ctx, auth.RoleOfficer)
	if err != nil {
		x.d.Log.Warn("task: officers not notified", "err", err)
		return
	}
	ids := make([]string, 0, len(officers))
	for _, u := range officers {
		if !u.Disabled {
			ids = append(ids, u.ID)
		}
	}
	if len(ids) > 0 {
		x.d.Notes.ToUsers(ctx, ids, note(t, "/contract", event, params))
	}
}

// paid is the tranches' sum.
func (c *Contract) paid() int64 {
	var n int64
	for _, tr := range c.tranches() {
		n += tr.Amount
	}
	return n
}

// audited is what the audit entry of a contract step says.
type audited struct {
	reason  string
	changes map[string]audit.Change
}

func fieldErr(field, code string, params ...any) error { return errs.Field(field, code, params...) }

func newID() string { return store.NewID() }

var errStale = store.ErrStale

// modifyContract changes a contract in one conditional write.
func modifyContract(ctx context.Context, x *Execution, id string, change func(k *Contract, now time.Time) error) (Contract, error) {
	now := x.now()
	k, err := store.Modify(ctx, x.s, ContractCollection, id, 0, func(k *Contract) error {
		if err := change(k, now); err != nil {
			return err
		}
		k.UpdatedAt = now
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return k, ErrContractNotFound
	}
	return k, err
}
