// Package task runs the commissioning of provincial S&T tasks (đặt hàng
// nhiệm vụ KH&CN): proposals from agencies, communes, enterprises and S&T
// organisations; identification by an advisory council and the province's
// approved list; a call for selection or a direct assignment; dossiers, the
// selection council, budget appraisal and the approval decision; the
// contract, its tranches, progress reports and inspections; the acceptance
// council and the registration of the results, which may become a
// technology listing on the market. The types here are the shared
// vocabulary of those steps; each step lives in a file of its own.
//
// The rules that come from the national circulars (criteria, thresholds,
// the shares of a budget) are data an officer enters per round or per
// task, never constants here: they are being re-issued under Law 93/2025.
package task

import (
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
)

// Collections.
const (
	ProposalCollection = "task_proposals"
	RoundCollection    = "task_rounds"
	Collection         = "tasks"
	DossierCollection  = "task_dossiers"
	ContractCollection = "task_contracts"
)

// Kinds of task (GLOSSARY: S&T task).
const (
	KindResearch = "research" // đề tài: a research topic
	KindPilot    = "pilot"    // dự án sản xuất thử nghiệm: a pilot-production project
	KindScheme   = "scheme"   // đề án khoa học: a scientific scheme
)

// Kinds lists every kind of task.
var Kinds = []string{KindResearch, KindPilot, KindScheme}

// Urgency of a proposal.
const (
	UrgencyNormal = "normal"
	UrgencyHigh   = "high"
	UrgencyUrgent = "urgent"
)

// Urgencies lists every urgency.
var Urgencies = []string{UrgencyNormal, UrgencyHigh, UrgencyUrgent}

// Modes in which an ordered task finds who performs it.
const (
	ModeSelection = "selection" // tuyển chọn: an open call, dossiers, a selection council
	ModeDirect    = "direct"    // giao trực tiếp: assigned to a named organisation
)

// Modes lists every mode.
var Modes = []string{ModeSelection, ModeDirect}

// States of a proposal.
const (
	ProposalDraft       = "draft"
	ProposalSubmitted   = "submitted"    // sent to the department
	ProposalInRound     = "in_round"     // grouped into an identification round
	ProposalApproved    = "approved"     // on the province's approved list: a task was ordered
	ProposalNotApproved = "not_approved" // left off the list
	ProposalWithdrawn   = "withdrawn"
)

// ProposalStates lists every proposal state.
var ProposalStates = []string{ProposalDraft, ProposalSubmitted, ProposalInRound, ProposalApproved, ProposalNotApproved, ProposalWithdrawn}

// States of an identification round.
const (
	RoundOpen    = "open"    // proposals are added, the advisory council scores them
	RoundDecided = "decided" // the approved list is recorded
)

// RoundStates lists every round state.
var RoundStates = []string{RoundOpen, RoundDecided}

// States of a task, from the approved list to its registered results.
const (
	StateOrdered    = "ordered"    // on the approved list, with its order
	StateCallOpen   = "call_open"  // selection: the call is open for dossiers
	StateAssigned   = "assigned"   // direct: the named organisation prepares its dossier
	StateSelecting  = "selecting"  // the call closed: the selection council scores the dossiers
	StateSelected   = "selected"   // a dossier was chosen: the performer is known
	StateAppraised  = "appraised"  // the budget was appraised line by line
	StateDecided    = "decided"    // the approval decision is issued
	StateContracted = "contracted" // the contract is signed: the task runs
	StateAcceptance = "acceptance" // the acceptance council is at work
	StateAccepted   = "accepted"   // passed (excellent or pass)
	StateFailed     = "failed"     // not accepted
	StateRegistered = "registered" // the results are registered (number, date)
	StateCancelled  = "cancelled"
)

// States lists every task state, in the order of the procedure (the
// officers' board shows them in this order).
var States = []string{
	StateOrdered, StateCallOpen, StateAssigned, StateSelecting, StateSelected, StateAppraised,
	StateDecided, StateContracted, StateAcceptance, StateAccepted, StateFailed, StateRegistered, StateCancelled,
}

// States of a dossier.
const (
	DossierDraft       = "draft"
	DossierSubmitted   = "submitted"
	DossierSelected    = "selected"
	DossierNotSelected = "not_selected"
	DossierWithdrawn   = "withdrawn"
)

// DossierStates lists every dossier state.
var DossierStates = []string{DossierDraft, DossierSubmitted, DossierSelected, DossierNotSelected, DossierWithdrawn}

// Grades of the acceptance council.
const (
	GradeExcellent = "excellent" // xuất sắc
	GradePass      = "pass"      // đạt
	GradeFail      = "fail"      // không đạt
)

// Grades lists every grade.
var Grades = []string{GradeExcellent, GradePass, GradeFail}

// Errors with stable codes shared by the steps.
var (
	ErrProposalNotFound  = errs.New(errs.NotFound, "proposal_not_found")
	ErrRoundNotFound     = errs.New(errs.NotFound, "round_not_found")
	ErrNotFound          = errs.New(errs.NotFound, "task_not_found")
	ErrDossierNotFound   = errs.New(errs.NotFound, "dossier_not_found")
	ErrContractNotFound  = errs.New(errs.NotFound, "contract_not_found")
	ErrInvalidTransition = lifecycle.ErrInvalidTransition
)

// Subjects of the audit log.
const (
	AuditSubject         = "task.task"
	AuditSubjectProposal = "task.proposal"
	AuditSubjectRound    = "task.round"
	AuditSubjectDossier  = "task.dossier"
	AuditSubjectContract = "task.contract"
)

// Ref names an organisation or a person.
type Ref struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
}

// Step is a state reached, for a document's timeline.
type Step struct {
	State string    `bson:"state" json:"state"`
	At    time.Time `bson:"at" json:"at"`
	By    string    `bson:"by" json:"-"`
	Note  string    `bson:"note,omitempty" json:"note,omitempty"`
}

// Paper is an administrative decision as recorded: its number and day.
type Paper struct {
	Number string `bson:"number" json:"number"`
	Date   string `bson:"date" json:"date"` // YYYY-MM-DD
}

// Order is what the approved list says of one task (đặt hàng): the
// products required, the time, the maximum budget from the state budget,
// and whether it goes to selection or to a named organisation.
type Order struct {
	Products  string `bson:"products" json:"products"`
	Months    int    `bson:"months" json:"months"`
	MaxBudget int64  `bson:"maxBudget" json:"maxBudget"` // VND, state budget
	Mode      string `bson:"mode" json:"mode"`
	// Assignee is the organisation a direct assignment names.
	Assignee *Ref `bson:"assignee,omitempty" json:"assignee,omitempty"`
}

// Window is a call's open days (inclusive, Vietnam time).
type Window struct {
	Opens  string `bson:"opens" json:"opens"`
	Closes string `bson:"closes" json:"closes"`
}

// Task is one commissioned S&T task, from the approved list to its
// registered results. It is the document whose state the officers' board
// follows; dossiers and the contract are documents of their own that
// point at it.
type Task struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id" json:"id"`
	// Code is the task's number on the approved list ("ĐTCT.2027.03").
	Code       string   `bson:"code" json:"code"`
	Title      string   `bson:"title" json:"title"`
	Kind       string   `bson:"kind" json:"kind"`
	Sectors    []string `bson:"sectors" json:"sectors"`
	Objectives string   `bson:"objectives" json:"objectives"`
	// Where the task came from: the proposal, the need on the market
	// (when the proposal started from one) and the proposer.
	ProposalID string `bson:"proposalId" json:"proposalId"`
	NeedID     string `bson:"needId,omitempty" json:"needId,omitempty"`
	Proposer   Ref    `bson:"proposer" json:"proposer"`
	RoundID    string `bson:"roundId" json:"roundId"`
	// List is the province's decision approving the list the task is on.
	List  Paper `bson:"list" json:"list"`
	Order Order `bson:"order" json:"order"`
	// Call is the selection window (ModeSelection).
	Call *Window `bson:"call,omitempty" json:"call,omitempty"`
	// Performer is the organisation that carries the task out: the
	// selected dossier's, or the one directly assigned; DossierID its
	// dossier once chosen.
	Performer *Ref   `bson:"performer,omitempty" json:"performer,omitempty"`
	DossierID string `bson:"dossierId,omitempty" json:"dossierId,omitempty"`
	// Budget is the appraised state budget (Σ approved lines), VND.
	Budget int64 `bson:"budget,omitempty" json:"budget,omitempty"`
	// Selection is the call's selection council and the criteria it
	// scores on (selection.go); Appraisal the budget appraised line by
	// line (appraisal.go). Both are read through the selection routes,
	// which show them to whom they concern.
	Selection *SelectionCouncil `bson:"selection,omitempty" json:"-"`
	Appraisal *BudgetAppraisal  `bson:"appraisal,omitempty" json:"-"`
	// Decision is the approval decision (number, day).
	Decision   *Paper `bson:"decision,omitempty" json:"decision,omitempty"`
	ContractID string `bson:"contractId,omitempty" json:"contractId,omitempty"`
	// Grade is the acceptance council's; Registration the results'
	// registration (số đăng ký kết quả); ListingID the technology listing
	// the results were published as.
	Grade        string    `bson:"grade,omitempty" json:"grade,omitempty"`
	Registration *Paper    `bson:"registration,omitempty" json:"registration,omitempty"`
	ListingID    string    `bson:"listingId,omitempty" json:"listingId,omitempty"`
	State        string    `bson:"state" json:"state"`
	History      []Step    `bson:"history" json:"history"`
	CreatedAt    time.Time `bson:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time `bson:"updatedAt" json:"updatedAt"`
}

// CurrentState, Enter and Touch make a Task a lifecycle document.
func (t *Task) CurrentState() string { return t.State }

// Enter moves the task to e.State and keeps e in its history.
func (t *Task) Enter(e lifecycle.Entry) {
	t.State = e.State
	t.History = append(t.History, Step{State: e.State, At: e.At, By: e.By, Note: e.Note})
}

// Touch records that the task changed at now.
func (t *Task) Touch(now time.Time) { t.UpdatedAt = now }

// Public reports whether anyone may read the task: from the call (or the
// assignment) on; an ordered task is the department's until then.
func (t *Task) Public() bool {
	return t.State != StateOrdered && t.State != StateCancelled
}

// Role is how a person stands to a task.
type Role struct {
	Staff     bool // an officer or admin of the department
	Performer bool // a member of the performing organisation
	Proposer  bool // a member of the proposing organisation
	Public    bool // anyone, once the task is public
	Council   bool // a member of the selection council
}

// RoleOf works out p's role towards t.
func RoleOf(p *auth.Principal, t *Task) Role {
	r := Role{Public: t.Public()}
	if p == nil {
		return r
	}
	r.Staff = org.IsStaff(p)
	r.Performer = t.Performer != nil && slices.Contains(p.User.Orgs, t.Performer.ID)
	r.Proposer = slices.Contains(p.User.Orgs, t.Proposer.ID)
	r.Council = t.Selection != nil && t.Selection.Member(p.User.ID)
	return r
}

// Sees says whether the role may know the task exists.
func (r Role) Sees() bool { return r.Staff || r.Performer || r.Proposer || r.Public || r.Council }

func staff(r Role, _ string) bool { return r.Staff }

func staffOrPerformer(r Role, _ string) bool { return r.Staff || r.Performer }

// Names of a task's steps, as `can` names them.
const (
	StepOpen              = "open"      // ordered → call_open (selection) or assigned (direct)
	StepCloseCall         = "closeCall" // call_open|assigned → selecting
	StepSelect            = "select"    // selecting → selected: the council's choice
	StepAppraise          = "appraise"  // selected → appraised: budget lines approved
	StepDecide            = "decide"    // appraised → decided: the approval decision
	StepContract          = "contract"  // decided → contracted
	StepDisburse          = "disburse"  // a tranche, under the contract's amount
	StepReport            = "report"    // a progress report on a milestone
	StepInspect           = "inspect"   // an inspection with findings
	StepExtend            = "extend"    // a new end date, with a reason
	StepRequestAcceptance = "requestAcceptance"
	StepAccept            = "accept"   // acceptance → accepted or failed, by grade
	StepRegister          = "register" // accepted → registered
	StepPublish           = "publish"  // the results as a technology listing
	StepCancel            = "cancel"
)

// Audit actions of a task's steps.
const (
	ActionOpen              = "task.open"
	ActionCloseCall         = "task.close_call"
	ActionSelect            = "task.select"
	ActionAppraise          = "task.appraise"
	ActionDecide            = "task.decide"
	ActionContract          = "task.contract"
	ActionDisburse          = "task.disburse"
	ActionReport            = "task.report"
	ActionInspect           = "task.inspect"
	ActionExtend            = "task.extend"
	ActionRequestAcceptance = "task.request_acceptance"
	ActionAccept            = "task.accept"
	ActionRegister          = "task.register"
	ActionPublish           = "task.publish"
	ActionCancel            = "task.cancel"
)

// running lists the states in which a contract's tranches are paid: from
// the signature to the registration (a last tranche often follows
// acceptance).
var running = []string{StateContracted, StateAcceptance, StateAccepted, StateRegistered}

// Steps is a task's procedure: the one table that enforces each step and
// fills `can`. The files of each stage add their Ready checks through
// the services; the table says who and from where.
var Steps = lifecycle.Table[*Task, Role]{
	StepOpen:              {Action: ActionOpen, From: []string{StateOrdered}, Who: staff},
	StepCloseCall:         {Action: ActionCloseCall, From: []string{StateCallOpen, StateAssigned}, To: StateSelecting, Who: staff},
	StepSelect:            {Action: ActionSelect, From: []string{StateSelecting}, To: StateSelected, Who: staff},
	StepAppraise:          {Action: ActionAppraise, From: []string{StateSelected}, To: StateAppraised, Who: staff},
	StepDecide:            {Action: ActionDecide, From: []string{StateAppraised}, To: StateDecided, Who: staff},
	StepContract:          {Action: ActionContract, From: []string{StateDecided}, To: StateContracted, Who: staff},
	StepDisburse:          {Action: ActionDisburse, From: running, Who: staff},
	StepReport:            {Action: ActionReport, From: []string{StateContracted}, Who: staffOrPerformer},
	StepInspect:           {Action: ActionInspect, From: []string{StateContracted}, Who: staff},
	StepExtend:            {Action: ActionExtend, From: []string{StateContracted}, Who: staff},
	StepRequestAcceptance: {Action: ActionRequestAcceptance, From: []string{StateContracted}, To: StateAcceptance, Who: staffOrPerformer},
	StepAccept:            {Action: ActionAccept, From: []string{StateAcceptance}, Who: staff},
	StepRegister:          {Action: ActionRegister, From: []string{StateAccepted}, To: StateRegistered, Who: staff},
	StepPublish: {Action: ActionPublish, From: []string{StateAccepted, StateRegistered}, Who: staffOrPerformer,
		Ready: func(t *Task, _ Role) error {
			if t.ListingID != "" {
				return ErrAlreadyPublished
			}
			return nil
		}},
	StepCancel: {Action: ActionCancel, From: []string{StateOrdered, StateCallOpen, StateAssigned, StateSelecting, StateSelected, StateAppraised, StateDecided}, To: StateCancelled, Who: staff},
}

// ErrAlreadyPublished refuses a second listing for one task's results.
var ErrAlreadyPublished = errs.New(errs.Conflict, "task_already_published")

// Machine returns the lifecycle machine of tasks on s.
func Machine(s *store.Store, a lifecycle.Auditor, now func() time.Time) *lifecycle.Machine[Task, *Task, Role] {
	return &lifecycle.Machine[Task, *Task, Role]{
		Store: s, Coll: Collection, Steps: Steps,
		Role:     RoleOf,
		Sees:     Role.Sees,
		NotFound: ErrNotFound,
		Subject: func(t *Task) audit.Subject {
			return audit.Subject{Type: AuditSubject, ID: t.ID, Name: t.Code + " " + t.Title}
		},
		StateKey: "state",
		Audit:    a,
		Now:      now,
	}
}
