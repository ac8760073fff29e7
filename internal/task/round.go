package task

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Errors of rounds with stable codes.
var (
	// ErrRoundEmpty refuses an approved list for a round without proposals.
	ErrRoundEmpty = errs.New(errs.Conflict, "round_empty")
)

// Criterion is one criterion the advisory council scores proposals on,
// configured per round (the circulars' criteria are data, not code);
// the weights of a round add up to 100.
type Criterion struct {
	Key    string `bson:"key" json:"key" rule:"min=1,max=40"`
	Name   string `bson:"name" json:"name" rule:"min=2,max=300"`
	NameEn string `bson:"nameEn,omitempty" json:"nameEn,omitempty" rule:"max=300"`
	Weight int    `bson:"weight" json:"weight" rule:"min=1,max=100"`
}

// Entry is one proposal in a round: who proposed what, and what the
// approved list says of it.
type Entry struct {
	ProposalID string `bson:"proposalId" json:"proposalId"`
	Title      string `bson:"title" json:"title"`
	Proposer   Ref    `bson:"proposer" json:"proposer"`
	// NeedOwner is the organisation whose need the proposal came from: its
	// members, like the proposer's, do not score it.
	NeedOwner string `bson:"needOwnerId,omitempty" json:"-"`
	// Reviews are the advisory council's (internal/council); Appraisal
	// their summary and Rank the proposal's place by the council's mean,
	// for officers.
	Reviews   []council.Review   `bson:"reviews" json:"reviews"`
	Appraisal *council.Appraisal `bson:"-" json:"appraisal,omitempty"`
	Rank      int                `bson:"-" json:"rank,omitempty"`
	// Approved, Code, Order and TaskID are the approved list's, once
	// recorded.
	Approved bool   `bson:"approved" json:"approved"`
	Code     string `bson:"code,omitempty" json:"code,omitempty"`
	Order    *Order `bson:"order,omitempty" json:"order,omitempty"`
	TaskID   string `bson:"taskId,omitempty" json:"taskId,omitempty"`
}

// Round is an identification round (xác định nhiệm vụ): the proposals
// the department groups, the criteria the advisory council scores them
// on, and the province's approved list.
type Round struct {
	store.Meta `bson:",inline"`
	ID         string      `bson:"_id" json:"id"`
	Name       string      `bson:"name" json:"name"`
	Year       int         `bson:"year" json:"year"`
	Criteria   []Criterion `bson:"criteria" json:"criteria"`
	// Required is how many council members score each proposal; PassMark
	// the mean total (out of 100) the council recommends from.
	Required int `bson:"required" json:"required"`
	PassMark int `bson:"passMark" json:"passMark"`
	// Council is the advisory council's members.
	Council []Ref   `bson:"council" json:"council"`
	Entries []Entry `bson:"entries" json:"entries"`
	// List is the province's decision approving the list of tasks.
	List      *Paper    `bson:"list,omitempty" json:"list,omitempty"`
	State     string    `bson:"state" json:"state" rule:"enum=RoundState"`
	History   []Step    `bson:"history" json:"history"`
	CreatedBy string    `bson:"createdBy" json:"-"`
	CreatedAt time.Time `bson:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `bson:"updatedAt" json:"updatedAt"`
}

// CurrentState, Enter and Touch make a Round a lifecycle document.
func (r *Round) CurrentState() string { return r.State }

// Enter moves the round to e.State and keeps e in its history.
func (r *Round) Enter(e lifecycle.Entry) {
	r.State = e.State
	r.History = append(r.History, Step{State: e.State, At: e.At, By: e.By, Note: e.Note})
}

// Touch records that the round changed at now.
func (r *Round) Touch(now time.Time) { r.UpdatedAt = now }

var roundOrder = bson.D{{Key: "createdAt", Value: -1}}

// RoundRole is how a person stands to a round.
type RoundRole struct {
	Staff bool
	// Member: of the round's advisory council.
	Member bool
}

func (r RoundRole) sees() bool { return r.Staff || r.Member }

func roundRole(p *auth.Principal, r *Round) RoundRole {
	if p == nil {
		return RoundRole{}
	}
	return RoundRole{Staff: org.IsStaff(p), Member: r.councilMember(p.User.ID)}
}

// councilMember reports whether userID sits on the round's council.
func (r *Round) councilMember(userID string) bool {
	for _, e := range r.Entries {
		if e.member(userID) {
			return true
		}
	}
	return false
}

func roundStaff(r RoundRole, _ string) bool { return r.Staff }

// Steps of a round, as `can` names them.
const (
	RoundStepEdit    = "edit"
	RoundStepAdd     = "addProposals"
	RoundStepCouncil = "assignCouncil"
	RoundStepScore   = "score"
	RoundStepDecide  = "decide"
)

// RoundSteps is a round's procedure.
var RoundSteps = lifecycle.Table[*Round, RoundRole]{
	RoundStepEdit:    {Action: ActionRoundUpdate, From: []string{RoundOpen}, Who: roundStaff},
	RoundStepAdd:     {Action: ActionRoundAdd, From: []string{RoundOpen}, Who: roundStaff},
	RoundStepCouncil: {Action: ActionRoundCouncil, From: []string{RoundOpen}, Who: roundStaff, Ready: (*Round).mayAssign},
	RoundStepScore:   {Action: ActionRoundScore, From: []string{RoundOpen}, Who: func(r RoundRole, _ string) bool { return r.Member }},
	RoundStepDecide: {Action: ActionRoundDecide, From: []string{RoundOpen}, To: RoundDecided, Who: roundStaff,
		Ready: func(r *Round, _ RoundRole) error {
			if len(r.Entries) == 0 {
				return ErrRoundEmpty
			}
			return r.councilDone()
		}},
}

// RoundCan lists the steps a person may take on a round now.
type RoundCan struct {
	Edit          bool `json:"edit"`
	AddProposals  bool `json:"addProposals"`
	AssignCouncil bool `json:"assignCouncil"`
	Score         bool `json:"score"`
	Decide        bool `json:"decide"`
}

// RoundView is a round as a person reads it: the proposals in full (the
// council reads them here) and what the person may do.
type RoundView struct {
	Round
	Proposals []Proposal `json:"proposals"`
	Can       RoundCan   `json:"can"`
}

// RoundInput is what officers set on a round; nil fields stay.
type RoundInput struct {
	Name     *string     `json:"name" rule:"min=5,max=200"`
	Year     *int        `json:"year" rule:"min=2000,max=2100"`
	Criteria []Criterion `json:"criteria" rule:"max=20"`
	Required *int        `json:"required" rule:"min=1,max=15"`
	PassMark *int        `json:"passMark" rule:"min=0,max=100"`
}

var roundRules = validate.RulesOf[RoundInput]()

func (in RoundInput) apply(c *validate.Checker, r *Round) {
	if in.Name != nil {
		r.Name = validate.Text(*in.Name)
		l := roundRules.Of("name")
		c.Name("name", r.Name, l.Min, l.Max)
	}
	number := func(field string, v *int, out *int) {
		if v == nil {
			return
		}
		*out = *v
		if l := roundRules.Of(field); *v < l.Min || *v > l.Max {
			c.Add(field, "out_of_range", "min", l.Min, "max", l.Max)
		}
	}
	number("year", in.Year, &r.Year)
	number("required", in.Required, &r.Required)
	number("passMark", in.PassMark, &r.PassMark)
	if in.Criteria != nil {
		r.Criteria = checkCriteria(c, in.Criteria)
	}
}

// checkCriteria normalises and checks a round's criteria: keys unique,
// names given, weights adding up to 100.
func checkCriteria(c *validate.Checker, in []Criterion) []Criterion {
	if max := roundRules.Of("criteria").Max; len(in) > max {
		c.Add("criteria", "too_many", "max", max)
		return nil
	}
	out := make([]Criterion, len(in))
	for i, cr := range in {
		f := "criteria." + strconv.Itoa(i)
		cr.Key, cr.Name, cr.NameEn = validate.Text(cr.Key), validate.Text(cr.Name), validate.Text(cr.NameEn)
		l := roundRules.Of("criteria.key")
		if c.Length(f+".key", cr.Key, l.Min, l.Max) && slices.IndexFunc(out[:i], func(x Criterion) bool { return x.Key == cr.Key }) >= 0 {
			c.Add(f+".key", "duplicate")
		}
		l = roundRules.Of("criteria.name")
		c.Name(f+".name", cr.Name, l.Min, l.Max)
		c.Optional(f+".nameEn", cr.NameEn, roundRules.Of("criteria.nameEn").Max)
		if l = roundRules.Of("criteria.weight"); cr.Weight < l.Min || cr.Weight > l.Max {
			c.Add(f+".weight", "out_of_range", "min", l.Min, "max", l.Max)
		}
		out[i] = cr
	}
	council.CheckWeights(c, "criteria", (&Round{Criteria: out}).plan().Criteria)
	return out
}

// CreateRound opens a round (officers).
func (v *Proposals) CreateRound(ctx context.Context, p *auth.Principal, in RoundInput) (RoundView, error) {
	if !org.IsStaff(p) {
		return RoundView{}, errs.ErrForbidden
	}
	var c validate.Checker
	for _, f := range []struct {
		name string
		nil  bool
	}{{"name", in.Name == nil}, {"year", in.Year == nil}, {"criteria", len(in.Criteria) == 0}} {
		if f.nil {
			c.Add(f.name, "required")
		}
	}
	now := v.now()
	r := Round{ID: store.NewID(), Required: 3, PassMark: 50, Council: []Ref{}, Entries: []Entry{}, State: RoundOpen,
		History: []Step{{State: RoundOpen, At: now, By: p.User.ID}}, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	in.apply(&c, &r)
	if err := c.Err(); err != nil {
		return RoundView{}, err
	}
	if err := store.Insert(ctx, v.s, RoundCollection, &r); err != nil {
		return RoundView{}, err
	}
	v.record(ctx, p, ActionRoundCreate, audit.Subject{Type: AuditSubjectRound, ID: r.ID, Name: r.Name}, map[string]audit.Change{"state": {To: r.State}})
	return v.roundView(ctx, p, r)
}

// UpdateRound changes an open round's name, year, criteria or council
// size (officers); criteria are fixed once a member has scored.
func (v *Proposals) UpdateRound(ctx context.Context, p *auth.Principal, id string, in RoundInput, ifVersion int64) (RoundView, error) {
	r, err := v.rounds.Apply(ctx, p, id, lifecycle.Move[*Round]{Step: RoundStepEdit, Version: ifVersion, Change: func(r *Round, _ time.Time) error {
		var c validate.Checker
		if in.Criteria != nil && r.scored() {
			c.Add("criteria", "scores_given")
		}
		in.apply(&c, r)
		return c.Err()
	}})
	if err != nil {
		return RoundView{}, err
	}
	return v.roundView(ctx, p, r)
}

// ListRounds lists the rounds, newest first (officers; a council member
// sees the rounds they sit on).
func (v *Proposals) ListRounds(ctx context.Context, p *auth.Principal) ([]Round, error) {
	all, err := store.Find[Round](ctx, v.s, RoundCollection, bson.D{}, options.Find().SetSort(roundOrder))
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(r Round) bool { return !roundRole(p, &r).sees() }), nil
}

// GetRound returns a round with its proposals to officers and its council.
func (v *Proposals) GetRound(ctx context.Context, p *auth.Principal, id string) (RoundView, error) {
	r, err := store.Get[Round](ctx, v.s, RoundCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return RoundView{}, ErrRoundNotFound.Wrap(err)
	} else if err != nil {
		return RoundView{}, err
	}
	if !roundRole(p, &r).sees() {
		return RoundView{}, ErrRoundNotFound
	}
	return v.roundView(ctx, p, r)
}

func (v *Proposals) roundView(ctx context.Context, p *auth.Principal, r Round) (RoundView, error) {
	ps, err := store.Find[Proposal](ctx, v.s, ProposalCollection, bson.D{{Key: "roundId", Value: r.ID}})
	if err != nil {
		return RoundView{}, err
	}
	// A list recorded while its tasks or verdicts were being written (a
	// crash, a lost connection) is carried out when an officer next opens
	// the round: settle does again only what is missing.
	if r.State == RoundDecided && org.IsStaff(p) && slices.ContainsFunc(ps, func(d Proposal) bool { return d.State == ProposalInRound }) {
		if err := v.settle(ctx, p, r); err != nil {
			return RoundView{}, err
		}
		if ps, err = store.Find[Proposal](ctx, v.s, ProposalCollection, bson.D{{Key: "roundId", Value: r.ID}}); err != nil {
			return RoundView{}, err
		}
	}
	slices.SortFunc(ps, func(a, b Proposal) int {
		return slices.IndexFunc(r.Entries, func(e Entry) bool { return e.ProposalID == a.ID }) -
			slices.IndexFunc(r.Entries, func(e Entry) bool { return e.ProposalID == b.ID })
	})
	m := v.rounds.Can(p, &r)
	return RoundView{Round: v.council(p, r), Proposals: ps, Can: RoundCan{Edit: m[RoundStepEdit], AddProposals: m[RoundStepAdd],
		AssignCouncil: m[RoundStepCouncil], Score: m[RoundStepScore], Decide: m[RoundStepDecide]}}, nil
}

// AddInput names the submitted proposals to add to a round.
type AddInput struct {
	ProposalIDs []string `json:"proposalIds" rule:"min=1,max=200"`
}

var addRules = validate.RulesOf[AddInput]()

// AddProposals puts submitted proposals into an open round (officers):
// each proposal moves to in_round first (one conditional write each, so
// a proposal withdrawn meanwhile is refused), then the round records the
// entries.
func (v *Proposals) AddProposals(ctx context.Context, p *auth.Principal, id string, in AddInput, ifVersion int64) (RoundView, error) {
	var c validate.Checker
	if l := addRules.Of("proposalIds"); len(in.ProposalIDs) < l.Min {
		c.Add("proposalIds", "required")
	} else if len(in.ProposalIDs) > l.Max {
		c.Add("proposalIds", "too_many", "max", l.Max)
	}
	if err := c.Err(); err != nil {
		return RoundView{}, err
	}
	r, err := store.Get[Round](ctx, v.s, RoundCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return RoundView{}, ErrRoundNotFound.Wrap(err)
	} else if err != nil {
		return RoundView{}, err
	}
	if err := v.rounds.Check(p, &r, RoundStepAdd); err != nil {
		return RoundView{}, err
	}
	if ifVersion != 0 && ifVersion != r.Version {
		return RoundView{}, store.ErrStale
	}
	var added []Proposal
	for i, pid := range in.ProposalIDs {
		if slices.Index(in.ProposalIDs, pid) != i {
			c.Add("proposalIds."+strconv.Itoa(i), "duplicate")
			continue
		}
		d, err := v.proposals.Apply(ctx, p, pid, lifecycle.Move[*Proposal]{Step: ProposalStepRound, Change: func(d *Proposal, _ time.Time) error {
			d.RoundID = r.ID
			return nil
		}})
		switch {
		case errors.Is(err, ErrProposalNotFound):
			c.Add("proposalIds."+strconv.Itoa(i), "not_found")
		case errors.Is(err, ErrInvalidTransition):
			c.Add("proposalIds."+strconv.Itoa(i), "not_submitted")
		case err != nil:
			v.release(ctx, added)
			return RoundView{}, err
		default:
			added = append(added, d)
		}
	}
	if err := c.Err(); err != nil {
		v.release(ctx, added)
		return RoundView{}, err
	}
	people, err := v.lookupPeople(ctx, &r)
	if err != nil {
		v.release(ctx, added)
		return RoundView{}, err
	}
	r, err = v.rounds.Apply(ctx, p, id, lifecycle.Move[*Round]{Step: RoundStepAdd, Change: func(r *Round, now time.Time) error {
		for _, d := range added {
			e := Entry{ProposalID: d.ID, Title: d.Title, Proposer: d.Proposer, Reviews: []council.Review{}}
			if d.NeedOwner != nil {
				e.NeedOwner = d.NeedOwner.ID
			}
			// The council already assigned sits for the new proposals too.
			if _, err := r.seat(&e, people, p.User.ID, now); err != nil {
				return err
			}
			r.Entries = append(r.Entries, e)
		}
		return nil
	}, Changes: func(before, after *Round) map[string]audit.Change {
		return map[string]audit.Change{"proposals": {From: len(before.Entries), To: len(after.Entries)}}
	}})
	if err != nil {
		v.release(ctx, added)
		return RoundView{}, err
	}
	return v.roundView(ctx, p, r)
}

// release puts proposals that could not join a round back to submitted.
func (v *Proposals) release(ctx context.Context, ds []Proposal) {
	for _, d := range ds {
		_, _ = store.Modify[Proposal](ctx, v.s, ProposalCollection, d.ID, 0, func(x *Proposal) error {
			if x.State != ProposalInRound || x.RoundID != d.RoundID {
				return nil
			}
			x.State, x.RoundID = ProposalSubmitted, ""
			x.History = x.History[:len(x.History)-1]
			return nil
		})
	}
}

// OrderInput is the approved list's order of one proposal.
type OrderInput struct {
	ProposalID string `json:"proposalId"`
	// Code is the task's number on the list; empty: the round's year and
	// the task's place ("NV.2027.03").
	Code      string `json:"code" rule:"max=40"`
	Products  string `json:"products" rule:"min=5,max=4000"`
	Months    int    `json:"months" rule:"min=1,max=60"`
	MaxBudget int64  `json:"maxBudget" rule:"min=1,max=1000000000000" doc:"VND, state budget"`
	Mode      string `json:"mode" rule:"enum=TaskMode"`
	// AssigneeID is the organisation a direct assignment names.
	AssigneeID string `json:"assigneeId,omitempty"`
}

// ListInput is the approved list: the decision and the orders of the
// proposals approved; the round's other proposals are not approved.
type ListInput struct {
	Number string       `json:"number" rule:"min=1,max=50"`
	Date   string       `json:"date" rule:"format=date"`
	Orders []OrderInput `json:"orders" rule:"max=200"`
}

var listRules = validate.RulesOf[ListInput]()

// checkList checks the list against the round and finds the assignees.
func (v *Proposals) checkList(ctx context.Context, r *Round, in *ListInput) (map[string]Ref, error) {
	var c validate.Checker
	in.Number = validate.Text(in.Number)
	l := listRules.Of("number")
	c.Name("number", in.Number, l.Min, l.Max)
	if in.Date == "" {
		c.Add("date", "required")
	} else {
		c.Date("date", in.Date)
	}
	if max := listRules.Of("orders").Max; len(in.Orders) > max {
		c.Add("orders", "too_many", "max", max)
	}
	assignees := map[string]Ref{}
	for i := range in.Orders {
		o := &in.Orders[i]
		f := "orders." + strconv.Itoa(i) + "."
		if !slices.ContainsFunc(r.Entries, func(e Entry) bool { return e.ProposalID == o.ProposalID }) {
			c.Add(f+"proposalId", "not_in_round")
		} else if slices.IndexFunc(in.Orders, func(x OrderInput) bool { return x.ProposalID == o.ProposalID }) != i {
			c.Add(f+"proposalId", "duplicate")
		}
		o.Code = validate.Text(o.Code)
		c.Optional(f+"code", o.Code, listRules.Of("orders.code").Max)
		if o.Code != "" && slices.IndexFunc(in.Orders, func(x OrderInput) bool { return validate.Text(x.Code) == o.Code }) != i {
			c.Add(f+"code", "duplicate")
		}
		o.Products = validate.Multiline(o.Products)
		l := listRules.Of("orders.products")
		c.Length(f+"products", o.Products, l.Min, l.Max)
		if l := listRules.Of("orders.months"); o.Months < l.Min || o.Months > l.Max {
			c.Add(f+"months", "out_of_range", "min", l.Min, "max", l.Max)
		}
		if l := listRules.Of("orders.maxBudget"); o.MaxBudget < int64(l.Min) || o.MaxBudget > int64(l.Max) {
			c.Add(f+"maxBudget", "out_of_range", "min", l.Min, "max", l.Max)
		}
		c.OneOf(f+"mode", o.Mode, Modes)
		switch {
		case o.Mode == ModeDirect && o.AssigneeID == "":
			c.Add(f+"assigneeId", "required")
		case o.Mode == ModeDirect:
			a, err := v.d.Orgs.Get(ctx, o.AssigneeID)
			if errors.Is(err, org.ErrNotFound) || (err == nil && a.Status != org.StatusVerified) {
				c.Add(f+"assigneeId", "not_verified")
			} else if err != nil {
				return nil, err
			} else {
				assignees[a.ID] = Ref{ID: a.ID, Name: a.Name}
			}
		case o.AssigneeID != "":
			c.Add(f+"assigneeId", "direct_only")
		}
	}
	return assignees, c.Err()
}

// Decide records the approved list (officers): the decision's number and
// day, and per approved proposal its order. Each approved proposal
// becomes a task (ordered), the others are not approved, and every
// proposer is told. The round's write names the tasks' ids first, so
// what follows it (the tasks, the proposals) can be done again.
func (v *Proposals) Decide(ctx context.Context, p *auth.Principal, id string, in ListInput, ifVersion int64) (RoundView, error) {
	cur, err := v.GetRound(ctx, p, id)
	if err != nil {
		return RoundView{}, err
	}
	if err := v.rounds.Check(p, &cur.Round, RoundStepDecide); err != nil {
		return RoundView{}, err
	}
	assignees, err := v.checkList(ctx, &cur.Round, &in)
	if err != nil {
		return RoundView{}, err
	}
	r, err := v.rounds.Apply(ctx, p, id, lifecycle.Move[*Round]{Step: RoundStepDecide, Version: ifVersion, Change: func(r *Round, _ time.Time) error {
		r.List = &Paper{Number: in.Number, Date: in.Date}
		n := 0
		for i := range r.Entries {
			e := &r.Entries[i]
			j := slices.IndexFunc(in.Orders, func(o OrderInput) bool { return o.ProposalID == e.ProposalID })
			if j < 0 {
				continue
			}
			n++
			o := in.Orders[j]
			e.Approved, e.TaskID, e.Code = true, store.NewID(), o.Code
			if e.Code == "" {
				e.Code = fmt.Sprintf("NV.%d.%02d", r.Year, n)
			}
			e.Order = &Order{Products: o.Products, Months: o.Months, MaxBudget: o.MaxBudget, Mode: o.Mode}
			if a, ok := assignees[o.AssigneeID]; ok && o.Mode == ModeDirect {
				e.Order.Assignee = &a
			}
		}
		return nil
	}, Changes: func(_, after *Round) map[string]audit.Change {
		return map[string]audit.Change{"list": {To: after.List.Number + " " + after.List.Date}, "approved": {To: len(in.Orders)}}
	}})
	if err != nil {
		return RoundView{}, err
	}
	if err := v.settle(ctx, p, r); err != nil {
		return RoundView{}, err
	}
	return v.roundView(ctx, p, r)
}

// settle carries a decided round's list out: a task per approved entry
// (an existing one is kept), and each proposal approved or not, its
// proposer told. Doing it again changes nothing more.
func (v *Proposals) settle(ctx context.Context, p *auth.Principal, r Round) error {
	for _, e := range r.Entries {
		d, err := store.Get[Proposal](ctx, v.s, ProposalCollection, e.ProposalID)
		if err != nil {
			return err
		}
		if e.Approved {
			if err := v.order(ctx, p, r, e, d); err != nil {
				return err
			}
		}
		if d.State != ProposalInRound {
			continue
		}
		to := ProposalNotApproved
		if e.Approved {
			to = ProposalApproved
		}
		d, err = v.proposals.Apply(ctx, p, d.ID, lifecycle.Move[*Proposal]{Step: ProposalStepDecide, To: to, Note: r.List.Number, Change: func(d *Proposal, _ time.Time) error {
			d.TaskID = e.TaskID
			return nil
		}})
		if errors.Is(err, ErrInvalidTransition) {
			continue // settled by a concurrent run
		} else if err != nil {
			return err
		}
		link := "/tasks/proposals/" + d.ID
		if e.Approved {
			link = "/tasks/" + e.TaskID
		}
		v.d.Notes.ToOrgs(ctx, []string{d.Proposer.ID}, "", notify.Note{Kind: notify.KindTask, Link: link,
			Params: map[string]string{"event": "proposal_" + to, "title": d.Title, "number": r.List.Number, "date": r.List.Date}})
	}
	return nil
}

// order creates the task of an approved entry, once.
func (v *Proposals) order(ctx context.Context, p *auth.Principal, r Round, e Entry, d Proposal) error {
	now := v.now()
	t := Task{ID: e.TaskID, Code: e.Code, Title: d.Title, Kind: d.Kind, Sectors: d.Sectors, Objectives: d.Objectives,
		ProposalID: d.ID, NeedID: d.NeedID, Proposer: d.Proposer, RoundID: r.ID, List: *r.List, Order: *e.Order,
		State: StateOrdered, History: []Step{{State: StateOrdered, At: now, By: p.User.ID, Note: r.List.Number}}, CreatedAt: now, UpdatedAt: now}
	if t.Sectors == nil {
		t.Sectors = []string{}
	}
	err := store.Insert(ctx, v.s, Collection, &t)
	if errors.Is(err, store.ErrDuplicate) {
		return nil
	} else if err != nil {
		return err
	}
	v.record(ctx, p, ActionOrder, audit.Subject{Type: AuditSubject, ID: t.ID, Name: t.Code + " " + t.Title},
		map[string]audit.Change{"state": {To: t.State}, "mode": {To: t.Order.Mode}, "maxBudget": {To: t.Order.MaxBudget}})
	return nil
}
