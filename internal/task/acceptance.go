package task

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Steps of the acceptance council besides the task's table: officers
// assign the council (a row added to Steps); a member grades (the
// member's right comes from the council, not from a role towards the
// task, so the view fills `can` for it).
const (
	StepAcceptanceCouncil = "acceptanceCouncil"
	StepGrade             = "grade"
	// ActionGrade is the audit action of a member's grade.
	ActionGrade = "task.acceptance_grade"
)

func init() {
	Steps[StepAcceptanceCouncil] = lifecycle.Step[*Task, Role]{Action: "task.acceptance_council", From: []string{StateAcceptance}, Who: staff}
}

// Errors of the acceptance.
var (
	// ErrAcceptanceCouncilIncomplete refuses a conclusion before every member of
	// the council graded (or with fewer members than the rule asks).
	ErrAcceptanceCouncilIncomplete = errs.New(errs.Conflict, "acceptance_council_incomplete")
	// ErrGradeAgainstRule refuses a conclusion the members' grades do not
	// carry under the rule: a pass without the share of non-fail grades,
	// an excellent without the share of excellent ones, a fail with them.
	ErrGradeAgainstRule = errs.New(errs.Conflict, "grade_against_rule")
	// ErrNotOnCouncil refuses a grade from someone not on the council.
	ErrNotOnCouncil = errs.New(errs.Forbidden, "not_on_council")
)

// AcceptanceRule is how the council's grades carry a conclusion: rule
// data an officer enters for the task (the circulars set it, and they are
// being re-issued), never a constant.
type AcceptanceRule struct {
	// Members is the council's size.
	Members int `bson:"members" json:"members" rule:"min=1,max=15"`
	// PassShare is the percentage of members whose grade is not fail that
	// a pass (or excellent) needs; ExcellentShare the percentage of
	// excellent grades an excellent needs.
	PassShare      int `bson:"passShare" json:"passShare" rule:"min=1,max=100"`
	ExcellentShare int `bson:"excellentShare" json:"excellentShare" rule:"min=1,max=100"`
}

// Acceptance is the end of a task: the performer's final report, the
// acceptance council (members assigned through the council engine, with
// their declarations), each member's grade, and the officers' record of
// the council's conclusion.
type Acceptance struct {
	Report      string           `bson:"report" json:"report"`
	RequestedAt time.Time        `bson:"requestedAt" json:"requestedAt"`
	Rule        *AcceptanceRule  `bson:"rule,omitempty" json:"rule,omitempty"`
	Council     []council.Review `bson:"council" json:"council"`
	Grades      []Grade          `bson:"grades" json:"grades"`
	Conclusion  *Conclusion      `bson:"conclusion,omitempty" json:"conclusion,omitempty"`
}

// Grade is one member's grade with a comment.
type Grade struct {
	MemberID   string    `bson:"memberId" json:"memberId"`
	MemberName string    `bson:"memberName" json:"memberName"`
	Grade      string    `bson:"grade" json:"grade" rule:"enum=TaskGrade"`
	Comment    string    `bson:"comment" json:"comment"`
	At         time.Time `bson:"at" json:"at"`
}

// Conclusion is the council's conclusion as officers record it.
type Conclusion struct {
	Grade string    `bson:"grade" json:"grade" rule:"enum=TaskGrade"`
	On    string    `bson:"on" json:"on"`
	Note  string    `bson:"note,omitempty" json:"note,omitempty"`
	By    string    `bson:"by" json:"-"`
	At    time.Time `bson:"at" json:"at"`
}

// member reports whether userID sits on the council (one who declared a
// conflict no longer does).
func (a *Acceptance) member(userID string) bool {
	if a == nil {
		return false
	}
	return slices.ContainsFunc(a.Council, func(r council.Review) bool { return r.ReviewerID == userID && !r.Recused() })
}

// complete reports whether the council's grades may carry a conclusion:
// the rule's number of members, every one of them graded.
func (a *Acceptance) complete() bool {
	if a == nil || a.Rule == nil {
		return false
	}
	n := 0
	for _, r := range a.Council {
		if r.Recused() {
			continue
		}
		if !r.Scored() {
			return false
		}
		n++
	}
	return n >= a.Rule.Members
}

// Carried is the grade the members' grades carry under the rule.
func (a *Acceptance) Carried() string {
	total, nonFail, excellent := len(a.Grades), 0, 0
	for _, g := range a.Grades {
		switch g.Grade {
		case GradeExcellent:
			excellent++
			nonFail++
		case GradePass:
			nonFail++
		}
	}
	switch {
	case total == 0 || nonFail*100 < a.Rule.PassShare*total:
		return GradeFail
	case excellent*100 >= a.Rule.ExcellentShare*total:
		return GradeExcellent
	default:
		return GradePass
	}
}

// AcceptanceRequest is the performer's final report.
type AcceptanceRequest struct {
	Report string `json:"report" rule:"required,min=20,max=8000"`
}

var acceptanceRequestRules = validate.RulesOf[AcceptanceRequest]()

// RequestAcceptance asks for the acceptance of a task (the performer, or
// officers): contracted → acceptance. Officers are told.
func (x *Execution) RequestAcceptance(ctx context.Context, p *auth.Principal, id string, in AcceptanceRequest, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	in.Report = validate.Multiline(in.Report)
	r := acceptanceRequestRules.Of("report")
	c.Reason("report", in.Report, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	t, err := x.get(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	if err := x.tasks.Check(p, &t, StepRequestAcceptance); err != nil {
		return ContractView{}, err
	}
	if ifVersion != 0 && t.Version != ifVersion {
		return ContractView{}, errStale
	}
	if t.ContractID == "" {
		return ContractView{}, ErrContractNotFound
	}
	if _, err := modifyContract(ctx, x, t.ContractID, func(k *Contract, now time.Time) error {
		if k.Acceptance != nil && len(k.Acceptance.Council) > 0 {
			return ErrInvalidTransition
		}
		k.Acceptance = &Acceptance{Report: in.Report, RequestedAt: now, Council: []council.Review{}, Grades: []Grade{}}
		return nil
	}); err != nil {
		return ContractView{}, err
	}
	t, err = x.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepRequestAcceptance, Version: ifVersion})
	if err != nil {
		return ContractView{}, err
	}
	x.tellOfficers(ctx, t, "acceptance_requested", nil)
	return x.Contract(ctx, p, id)
}

// AcceptanceCouncilInput is the acceptance council as officers assign it, with the
// rule its grades are read by.
type AcceptanceCouncilInput struct {
	MemberIDs []string       `json:"memberIds" rule:"required,min=1,max=15"`
	Rule      AcceptanceRule `json:"rule"`
}

var acceptanceCouncilRules = validate.RulesOf[AcceptanceCouncilInput]()

// AssignCouncil makes the acceptance council (officers): people with the
// reviewer role, none from the performing organisation nor one who
// declared a conflict (the council engine's rules), exactly the rule's
// number; members who graded stay. New members are told.
func (x *Execution) AssignCouncil(ctx context.Context, p *auth.Principal, id string, in AcceptanceCouncilInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	for _, f := range []struct {
		name string
		v    int
	}{{"rule.members", in.Rule.Members}, {"rule.passShare", in.Rule.PassShare}, {"rule.excellentShare", in.Rule.ExcellentShare}} {
		r := acceptanceCouncilRules.Of(f.name)
		if f.v < r.Min || f.v > r.Max {
			c.Add(f.name, "out_of_range", "min", r.Min, "max", r.Max)
		}
	}
	if in.Rule.ExcellentShare < in.Rule.PassShare && !c.Has("rule.excellentShare") {
		c.Add("rule.excellentShare", "out_of_range", "min", in.Rule.PassShare, "max", 100)
	}
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	var added []string
	v, err := x.onContract(ctx, p, id, StepAcceptanceCouncil, ifVersion, nil, func(t *Task, k *Contract, now time.Time) (audited, error) {
		if k.Acceptance == nil {
			return audited{}, ErrInvalidTransition
		}
		prior := k.Acceptance.Council
		people, err := council.CheckAssignment("memberIds", in.MemberIDs, in.Rule.Members, []string{t.Performer.ID}, prior, func(uid string) (auth.User, error) {
			return x.d.Users.User(ctx, uid)
		})
		if err != nil {
			return audited{}, err
		}
		out, add, _, err := council.Assign("memberIds", prior, in.MemberIDs, people, p.User.ID, now)
		if err != nil {
			return audited{}, err
		}
		// Members who stepped aside stay in the record.
		for _, r := range prior {
			if r.Recused() && !slices.ContainsFunc(out, func(o council.Review) bool { return o.ReviewerID == r.ReviewerID }) {
				out = append(out, r)
			}
		}
		rule := in.Rule
		k.Acceptance.Council, k.Acceptance.Rule, added = out, &rule, add
		return audited{reason: strconv.Itoa(len(in.MemberIDs)) + " members, pass " + strconv.Itoa(rule.PassShare) + "%"}, nil
	})
	if err == nil && x.d.Notes != nil && len(added) > 0 {
		x.d.Notes.ToUsers(ctx, added, note(v.Task, "/contract", "acceptance_council_assigned", nil))
	}
	return v, err
}

// GradeInput is a member's declaration and grade.
type GradeInput struct {
	Declaration string `json:"declaration" rule:"required"`
	Grade       string `json:"grade" rule:"enum=TaskGrade"`
	Comment     string `json:"comment" rule:"max=4000"`
}

var gradeRules = validate.RulesOf[GradeInput]()

// SubmitGrade records a council member's declaration and, without a
// conflict, the grade with its comment; the member may send it again
// until the conclusion. With a conflict the member steps aside and
// officers are told to assign someone else.
func (x *Execution) SubmitGrade(ctx context.Context, p *auth.Principal, id string, in GradeInput) (ContractView, error) {
	var c validate.Checker
	c.OneOf("declaration", in.Declaration, []string{council.NoConflict, council.Conflict})
	if in.Declaration == council.NoConflict {
		c.OneOf("grade", in.Grade, Grades)
	}
	in.Comment = validate.Multiline(in.Comment)
	c.Optional("comment", in.Comment, gradeRules.Of("comment").Max)
	if in.Grade == GradeFail && in.Comment == "" && !c.Has("comment") {
		c.Add("comment", "required")
	}
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	check := func(t *Task) error {
		if t.State != StateAcceptance {
			return ErrInvalidTransition
		}
		return nil
	}
	v, err := x.onContract(ctx, p, id, StepGrade, 0, check, func(t *Task, k *Contract, now time.Time) (audited, error) {
		a := k.Acceptance
		if !a.member(p.User.ID) {
			return audited{}, ErrNotOnCouncil
		}
		i := slices.IndexFunc(a.Council, func(r council.Review) bool { return r.ReviewerID == p.User.ID })
		r := &a.Council[i]
		r.Declaration, r.Comment, r.SubmittedAt = in.Declaration, in.Comment, &now
		a.Grades = slices.DeleteFunc(a.Grades, func(g Grade) bool { return g.MemberID == p.User.ID })
		if in.Declaration == council.Conflict {
			return audited{reason: council.Conflict}, nil
		}
		a.Grades = append(a.Grades, Grade{MemberID: p.User.ID, MemberName: r.ReviewerName, Grade: in.Grade, Comment: in.Comment, At: now})
		return audited{reason: in.Grade}, nil
	})
	if err == nil {
		switch {
		case in.Declaration == council.Conflict:
			x.tellOfficers(ctx, v.Task, "acceptance_council_recused", map[string]string{"member": p.User.FullName})
		case v.Contract.Acceptance.complete():
			x.tellOfficers(ctx, v.Task, "acceptance_council_complete", nil)
		}
	}
	return v, err
}

// ConclusionInput is the council's conclusion as officers record it.
type ConclusionInput struct {
	Grade string `json:"grade" rule:"required,enum=TaskGrade"`
	On    string `json:"on" rule:"required,format=date"`
	Note  string `json:"note" rule:"max=4000"`
}

var conclusionRules = validate.RulesOf[ConclusionInput]()

// Conclude records the council's conclusion (officers), once every
// member graded: the grade must be the one the members' grades carry
// under the task's rule (409 grade_against_rule). excellent or pass →
// accepted, fail → failed. The performer is told.
func (x *Execution) Conclude(ctx context.Context, p *auth.Principal, id string, in ConclusionInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	c.OneOf("grade", in.Grade, Grades)
	on := x.day(&c, "on", in.On)
	if on != "" && on > calendar.Day(x.now()) {
		c.Add("on", "in_future")
	}
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, conclusionRules.Of("note").Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	t, err := x.get(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	if err := x.tasks.Check(p, &t, StepAccept); err != nil {
		return ContractView{}, err
	}
	if t.ContractID == "" {
		return ContractView{}, ErrContractNotFound
	}
	if ifVersion != 0 && t.Version != ifVersion {
		return ContractView{}, errStale
	}
	if _, err := modifyContract(ctx, x, t.ContractID, func(k *Contract, now time.Time) error {
		a := k.Acceptance
		if !a.complete() {
			return ErrAcceptanceCouncilIncomplete
		}
		if a.Carried() != in.Grade {
			return ErrGradeAgainstRule
		}
		a.Conclusion = &Conclusion{Grade: in.Grade, On: on, Note: in.Note, By: p.User.ID, At: now}
		return nil
	}); err != nil {
		return ContractView{}, err
	}
	to := StateAccepted
	if in.Grade == GradeFail {
		to = StateFailed
	}
	t, err = x.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepAccept, Version: ifVersion, To: to, Note: in.Grade, Reason: in.Grade,
		Change: func(t *Task, _ time.Time) error {
			t.Grade = in.Grade
			return nil
		}})
	if err != nil {
		return ContractView{}, err
	}
	x.tellPerformer(ctx, p, t, to, map[string]string{"grade": in.Grade})
	return x.Contract(ctx, p, id)
}
