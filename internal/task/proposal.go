package task

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ProposerKinds are the organisations that may propose a task: agencies
// (departments and communes), enterprises and S&T organisations.
var ProposerKinds = []string{org.KindAgency, org.KindEnterprise, org.KindInstitute, org.KindUniversity, org.KindSTOrg}

// Errors of proposals with stable codes.
var (
	// ErrNotProposer refuses a proposal from an organisation that is not
	// verified or of a kind that does not propose tasks.
	ErrNotProposer = errs.New(errs.Forbidden, "not_a_proposer")
	// ErrNeedNotPublished refuses to start a proposal from a listing that
	// is not a published technology need.
	ErrNeedNotPublished = errs.New(errs.Conflict, "need_not_published")
)

// Audit actions of proposals, rounds and the approved list.
const (
	ActionProposalCreate   = "task.proposal.create"
	ActionProposalUpdate   = "task.proposal.update"
	ActionProposalSubmit   = "task.proposal.submit"
	ActionProposalWithdraw = "task.proposal.withdraw"
	ActionProposalAdd      = "task.proposal.add_to_round"
	ActionProposalDecide   = "task.proposal.decide"
	ActionRoundCreate      = "task.round.create"
	ActionRoundUpdate      = "task.round.update"
	ActionRoundAdd         = "task.round.add_proposals"
	ActionRoundCouncil     = "task.round.assign_council"
	ActionRoundScore       = "task.round.score"
	ActionRoundDecide      = "task.round.decide"
	ActionOrder            = "task.order"
)

// Budget is what a proposal asks for, in VND: from the state budget and
// from other sources (the proposer's own, credit, sponsors…).
type Budget struct {
	State int64 `bson:"state" json:"state" rule:"min=0,max=1000000000000" doc:"VND"`
	Other int64 `bson:"other" json:"other" rule:"min=0,max=1000000000000" doc:"VND"`
	// OtherSources names the other sources.
	OtherSources string `bson:"otherSources,omitempty" json:"otherSources,omitempty" rule:"max=500"`
}

// Proposal is a proposal of an S&T task to the department (đề xuất đặt
// hàng nhiệm vụ): what the proposer needs solved and how it would use the
// results.
type Proposal struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id" json:"id"`
	Title      string `bson:"title" json:"title"`
	Kind       string `bson:"kind" json:"kind" rule:"enum=TaskKind"`
	Urgency    string `bson:"urgency" json:"urgency" rule:"enum=TaskUrgency"`
	Objectives string `bson:"objectives" json:"objectives"`
	// Content is the content and scale of the work.
	Content  string `bson:"content" json:"content"`
	Products string `bson:"products" json:"products"`
	// Application is where and how the results will be applied.
	Application string   `bson:"application" json:"application"`
	Months      int      `bson:"months" json:"months"`
	Budget      Budget   `bson:"budget" json:"budget"`
	Sectors     []string `bson:"sectors" json:"sectors"`
	// NeedID is the published need the proposal started from; NeedOwner
	// the organisation that posted it.
	NeedID    string `bson:"needId,omitempty" json:"needId,omitempty"`
	NeedTitle string `bson:"needTitle,omitempty" json:"needTitle,omitempty"`
	NeedOwner *Ref   `bson:"needOwner,omitempty" json:"needOwner,omitempty"`
	Proposer  Ref    `bson:"proposer" json:"proposer"`
	// ProposerKind is the proposing organisation's kind (agency,
	// enterprise…), as it was when the proposal was written.
	ProposerKind string     `bson:"proposerKind" json:"proposerKind" rule:"enum=OrgKind"`
	RoundID      string     `bson:"roundId,omitempty" json:"roundId,omitempty"`
	TaskID       string     `bson:"taskId,omitempty" json:"taskId,omitempty"`
	State        string     `bson:"state" json:"state" rule:"enum=ProposalState"`
	History      []Step     `bson:"history" json:"history"`
	CreatedBy    string     `bson:"createdBy" json:"-"`
	CreatedAt    time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time  `bson:"updatedAt" json:"updatedAt"`
	SubmittedAt  *time.Time `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
}

// CurrentState, Enter and Touch make a Proposal a lifecycle document.
func (d *Proposal) CurrentState() string { return d.State }

// Enter moves the proposal to e.State and keeps e in its history.
func (d *Proposal) Enter(e lifecycle.Entry) {
	d.State = e.State
	d.History = append(d.History, Step{State: e.State, At: e.At, By: e.By, Note: e.Note})
}

// Touch records that the proposal changed at now.
func (d *Proposal) Touch(now time.Time) { d.UpdatedAt = now }

// ProposalInput is what the proposer enters; nil fields stay.
type ProposalInput struct {
	OrgID       *string  `json:"orgId"`
	Title       *string  `json:"title" rule:"min=10,max=300"`
	Kind        *string  `json:"kind" rule:"enum=TaskKind"`
	Urgency     *string  `json:"urgency" rule:"enum=TaskUrgency"`
	Objectives  *string  `json:"objectives" rule:"max=4000"`
	Content     *string  `json:"content" rule:"max=8000"`
	Products    *string  `json:"products" rule:"max=4000"`
	Application *string  `json:"application" rule:"max=4000"`
	Months      *int     `json:"months" rule:"min=1,max=60"`
	Budget      *Budget  `json:"budget"`
	Sectors     []string `json:"sectors" rule:"max=5"`
	// FromNeed starts the proposal from a published technology need:
	// title, objectives and sectors are taken from it (what the input
	// gives wins) and the link is kept.
	FromNeed *string `json:"fromNeed"`
}

// proposalRules are the limits declared on ProposalInput's fields.
var proposalRules = validate.RulesOf[ProposalInput]()

func (in ProposalInput) apply(c *validate.Checker, d *Proposal, sectors []string) {
	if in.Title != nil {
		d.Title = validate.Text(*in.Title)
		r := proposalRules.Of("title")
		c.Name("title", d.Title, r.Min, r.Max)
	}
	if in.Kind != nil {
		d.Kind = *in.Kind
		c.OneOf("kind", d.Kind, Kinds)
	}
	if in.Urgency != nil {
		d.Urgency = *in.Urgency
		c.OneOf("urgency", d.Urgency, Urgencies)
	}
	for _, f := range []struct {
		name string
		in   *string
		out  *string
	}{{"objectives", in.Objectives, &d.Objectives}, {"content", in.Content, &d.Content},
		{"products", in.Products, &d.Products}, {"application", in.Application, &d.Application}} {
		if f.in != nil {
			*f.out = validate.Multiline(*f.in)
			c.Optional(f.name, *f.out, proposalRules.Of(f.name).Max)
		}
	}
	if in.Months != nil {
		d.Months = *in.Months
		if r := proposalRules.Of("months"); d.Months < r.Min || d.Months > r.Max {
			c.Add("months", "out_of_range", "min", r.Min, "max", r.Max)
		}
	}
	if in.Budget != nil {
		b := *in.Budget
		b.OtherSources = validate.Text(b.OtherSources)
		for _, a := range []struct {
			name string
			v    int64
		}{{"budget.state", b.State}, {"budget.other", b.Other}} {
			if r := proposalRules.Of(a.name); a.v < int64(r.Min) || a.v > int64(r.Max) {
				c.Add(a.name, "out_of_range", "min", r.Min, "max", r.Max)
			}
		}
		c.Optional("budget.otherSources", b.OtherSources, proposalRules.Of("budget.otherSources").Max)
		d.Budget = b
	}
	if in.Sectors != nil {
		d.Sectors = slices.Compact(slices.Sorted(slices.Values(in.Sectors)))
		if max := proposalRules.Of("sectors").Max; len(d.Sectors) > max {
			c.Add("sectors", "too_many", "max", max)
		}
		for _, code := range d.Sectors {
			if sectors != nil && !slices.Contains(sectors, code) {
				c.Add("sectors", "invalid_choice", "choices", sectors)
				break
			}
		}
	}
}

// complete checks what a proposal must say before it is sent.
func (d *Proposal) complete() error {
	var c validate.Checker
	for _, f := range []struct{ name, v string }{{"title", d.Title}, {"kind", d.Kind}, {"urgency", d.Urgency},
		{"objectives", d.Objectives}, {"content", d.Content}, {"products", d.Products}, {"application", d.Application}} {
		if f.v == "" {
			c.Add(f.name, "required")
		}
	}
	if d.Months == 0 {
		c.Add("months", "required")
	}
	if d.Budget.State+d.Budget.Other == 0 {
		c.Add("budget.state", "required")
	}
	if d.Budget.Other > 0 && d.Budget.OtherSources == "" {
		c.Add("budget.otherSources", "required")
	}
	return c.Err()
}

// ProposalRole is how a person stands to a proposal.
type ProposalRole struct {
	Member bool // of the proposing organisation
	Staff  bool
}

// sees: the advisory council reads a proposal in its round's page.
func (r ProposalRole) sees() bool { return r.Member || r.Staff }

func proposer(r ProposalRole, _ string) bool { return r.Member }

func proposalStaff(r ProposalRole, _ string) bool { return r.Staff }

// Steps of a proposal, as `can` names them.
const (
	ProposalStepEdit     = "edit"
	ProposalStepSubmit   = "submit"
	ProposalStepWithdraw = "withdraw"
	// ProposalStepRound puts a submitted proposal into a round (officers,
	// from the round's page); ProposalStepDecide records the approved
	// list's verdict on it.
	ProposalStepRound  = "addToRound"
	ProposalStepDecide = "decide"
)

// ProposalSteps is a proposal's procedure: the one table that enforces
// each step and fills `can`.
var ProposalSteps = lifecycle.Table[*Proposal, ProposalRole]{
	ProposalStepEdit:     {Action: ActionProposalUpdate, From: []string{ProposalDraft}, Who: proposer},
	ProposalStepSubmit:   {Action: ActionProposalSubmit, From: []string{ProposalDraft}, To: ProposalSubmitted, Who: proposer, Ready: (*Proposal).ready},
	ProposalStepWithdraw: {Action: ActionProposalWithdraw, From: []string{ProposalDraft, ProposalSubmitted}, To: ProposalWithdrawn, Who: proposer},
	ProposalStepRound:    {Action: ActionProposalAdd, From: []string{ProposalSubmitted}, To: ProposalInRound, Who: proposalStaff},
	ProposalStepDecide:   {Action: ActionProposalDecide, From: []string{ProposalInRound}, Who: proposalStaff},
}

func (d *Proposal) ready(ProposalRole) error { return d.complete() }

// ProposalCan lists the steps a person may take on a proposal now.
type ProposalCan struct {
	Edit       bool `json:"edit"`
	Submit     bool `json:"submit"`
	Withdraw   bool `json:"withdraw"`
	AddToRound bool `json:"addToRound"`
}

// ProposalsDeps are what the proposals, rounds and the board need.
type ProposalsDeps struct {
	Orgs     Orgs
	Listings Listings
	Users    Users
	Notes    Notifier
	Audit    lifecycle.Auditor
	Now      func() time.Time
	// Sectors are the taxonomy's sector codes a proposal may name (nil:
	// any, for tests that need no taxonomy).
	Sectors []string
}

// Proposals runs proposals, identification rounds, the approved list and
// the officers' board of tasks.
type Proposals struct {
	s         *store.Store
	d         ProposalsDeps
	proposals *lifecycle.Machine[Proposal, *Proposal, ProposalRole]
	rounds    *lifecycle.Machine[Round, *Round, RoundRole]
	tasks     *lifecycle.Machine[Task, *Task, Role]
}

// NewProposals builds the service on s.
func NewProposals(s *store.Store, d ProposalsDeps) *Proposals {
	now := func() time.Time { return d.Now() }
	v := &Proposals{s: s, d: d, tasks: Machine(s, d.Audit, now)}
	v.proposals = &lifecycle.Machine[Proposal, *Proposal, ProposalRole]{
		Store: s, Coll: ProposalCollection, Steps: ProposalSteps,
		Role: proposalRole, Sees: ProposalRole.sees, NotFound: ErrProposalNotFound,
		Subject: func(d *Proposal) audit.Subject {
			return audit.Subject{Type: AuditSubjectProposal, ID: d.ID, Name: d.Title + " – " + d.Proposer.Name}
		},
		StateKey: "state", Audit: d.Audit, Now: now,
	}
	v.rounds = &lifecycle.Machine[Round, *Round, RoundRole]{
		Store: s, Coll: RoundCollection, Steps: RoundSteps,
		Role: roundRole, Sees: RoundRole.sees, NotFound: ErrRoundNotFound,
		Subject:  func(r *Round) audit.Subject { return audit.Subject{Type: AuditSubjectRound, ID: r.ID, Name: r.Name} },
		StateKey: "state", Audit: d.Audit, Now: now,
	}
	return v
}

var proposalOrder = bson.D{{Key: "updatedAt", Value: -1}, {Key: "_id", Value: -1}}

// ProposalSpecs declare the proposals, the rounds and the tasks with the
// queries the lists make.
var ProposalSpecs = []store.CollectionSpec{
	{Name: ProposalCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "proposer.id", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "_id", Value: -1}}},
		{Keys: bson.D{{Key: "updatedAt", Value: -1}, {Key: "_id", Value: -1}, {Key: "state", Value: 1}}},
		{Keys: bson.D{{Key: "roundId", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "an organisation's proposals", Equal: []string{"proposer.id"}, Sort: proposalOrder},
		{Name: "the officers' proposals", Range: []string{"state"}, Sort: proposalOrder},
		{Name: "a round's proposals", Equal: []string{"roundId"}},
	}},
	{Name: RoundCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "createdAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "rounds, newest first", Sort: roundOrder},
	}},
	{Name: Collection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "updatedAt", Value: -1}, {Key: "state", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "the board of tasks", Sort: taskOrder},
		{Name: "public tasks", Range: []string{"state"}, Sort: taskOrder},
	}},
}

func (v *Proposals) now() time.Time { return v.d.Now().UTC() }

// proposalRole works out p's role towards d.
func proposalRole(p *auth.Principal, d *Proposal) ProposalRole {
	if p == nil {
		return ProposalRole{}
	}
	return ProposalRole{Member: slices.Contains(p.User.Orgs, d.Proposer.ID), Staff: org.IsStaff(p)}
}

// CanOfProposal is what p may do with d now.
func (v *Proposals) CanOfProposal(p *auth.Principal, d *Proposal) ProposalCan {
	m := v.proposals.Can(p, d)
	return ProposalCan{Edit: m[ProposalStepEdit], Submit: m[ProposalStepSubmit], Withdraw: m[ProposalStepWithdraw], AddToRound: m[ProposalStepRound]}
}

// proposerOrg finds the organisation p proposes for: the one named, or
// p's only one; it must be verified and of a proposing kind.
func (v *Proposals) proposerOrg(ctx context.Context, p *auth.Principal, orgID *string) (org.Organization, error) {
	id := ""
	switch {
	case orgID != nil && *orgID != "":
		id = *orgID
	case len(p.User.Orgs) == 1:
		id = p.User.Orgs[0]
	default:
		return org.Organization{}, errs.Field("orgId", "required")
	}
	o, err := v.d.Orgs.Get(ctx, id)
	if errors.Is(err, org.ErrNotFound) {
		return o, errs.Field("orgId", "not_a_member")
	} else if err != nil {
		return o, err
	}
	if _, ok := o.Member(p.User.ID); !ok {
		return o, errs.Field("orgId", "not_a_member")
	}
	if !Proposes(o) {
		return o, ErrNotProposer
	}
	return o, nil
}

// Proposes reports whether an organisation may propose tasks: verified, of
// a proposing kind.
func Proposes(o org.Organization) bool {
	return o.Status == org.StatusVerified && slices.Contains(ProposerKinds, o.Kind)
}

// MayPropose says whether p may write a proposal: a member of a verified
// organisation of a proposing kind. It returns those organisations.
func (v *Proposals) MayPropose(ctx context.Context, p *auth.Principal) ([]Ref, error) {
	out := []Ref{}
	if p == nil {
		return out, nil
	}
	for _, id := range p.User.Orgs {
		o, err := v.d.Orgs.Get(ctx, id)
		if errors.Is(err, org.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		if Proposes(o) {
			out = append(out, Ref{ID: o.ID, Name: o.Name})
		}
	}
	return out, nil
}

// CreateProposal saves a draft proposal of one of p's organisations,
// started from a published need when in.FromNeed names one.
func (v *Proposals) CreateProposal(ctx context.Context, p *auth.Principal, in ProposalInput) (Proposal, error) {
	o, err := v.proposerOrg(ctx, p, in.OrgID)
	if err != nil {
		return Proposal{}, err
	}
	now := v.now()
	d := Proposal{ID: store.NewID(), Kind: KindResearch, Urgency: UrgencyNormal, Sectors: []string{},
		Proposer: Ref{ID: o.ID, Name: o.Name}, ProposerKind: o.Kind, State: ProposalDraft,
		History: []Step{{State: ProposalDraft, At: now, By: p.User.ID}}, CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	if in.FromNeed != nil && *in.FromNeed != "" {
		need, err := v.d.Listings.Get(ctx, *in.FromNeed)
		if errors.Is(err, catalog.ErrNotFound) || (err == nil && (need.Kind != catalog.KindDemand || need.State != catalog.StatePublished)) {
			return Proposal{}, ErrNeedNotPublished
		} else if err != nil {
			return Proposal{}, err
		}
		owner, err := v.d.Orgs.Get(ctx, need.OrgID)
		if err != nil {
			return Proposal{}, err
		}
		d.NeedID, d.NeedTitle, d.NeedOwner = need.ID, need.Title, &Ref{ID: owner.ID, Name: owner.Name}
		d.Title = need.Title
		d.Objectives = strings.TrimSpace(strings.Join(slices.DeleteFunc([]string{need.Summary, need.Problem}, func(s string) bool { return s == "" }), "\n\n"))
		d.Sectors = slices.Clone(need.Sectors)
		if l := proposalRules.Of("title"); len([]rune(d.Title)) < l.Min {
			d.Title = "" // too short for a task's title: the proposer writes one
		}
	}
	var c validate.Checker
	in.apply(&c, &d, v.d.Sectors)
	if in.Title == nil && d.Title == "" {
		c.Add("title", "required")
	}
	if err := c.Err(); err != nil {
		return Proposal{}, err
	}
	if err := store.Insert(ctx, v.s, ProposalCollection, &d); err != nil {
		return Proposal{}, err
	}
	changes := map[string]audit.Change{"state": {To: d.State}}
	if d.NeedID != "" {
		changes["needId"] = audit.Change{To: d.NeedID}
	}
	v.record(ctx, p, ActionProposalCreate, audit.Subject{Type: AuditSubjectProposal, ID: d.ID, Name: d.Title + " – " + d.Proposer.Name}, changes)
	return d, nil
}

func (v *Proposals) record(ctx context.Context, p *auth.Principal, action string, subject audit.Subject, changes map[string]audit.Change) {
	if v.d.Audit == nil {
		return
	}
	actor := audit.System
	if p != nil {
		actor = p.Actor()
	}
	_ = v.d.Audit.Record(ctx, audit.Entry{At: v.now(), Actor: actor, Action: action, Subject: subject, Changes: changes})
}

// GetProposal returns a proposal to its organisation, officers and its
// round's council; nobody else learns it exists.
func (v *Proposals) GetProposal(ctx context.Context, p *auth.Principal, id string) (Proposal, error) {
	d, err := store.Get[Proposal](ctx, v.s, ProposalCollection, id)
	if errors.Is(err, store.ErrNotFound) {
		return d, ErrProposalNotFound.Wrap(err)
	} else if err != nil {
		return d, err
	}
	if !proposalRole(p, &d).sees() {
		return Proposal{}, ErrProposalNotFound
	}
	return d, nil
}

// UpdateProposal changes a draft (its organisation's members).
func (v *Proposals) UpdateProposal(ctx context.Context, p *auth.Principal, id string, in ProposalInput, ifVersion int64) (Proposal, error) {
	var c validate.Checker
	if in.OrgID != nil {
		c.Add("orgId", "immutable")
	}
	if in.FromNeed != nil {
		c.Add("fromNeed", "immutable")
	}
	if err := c.Err(); err != nil {
		return Proposal{}, err
	}
	return v.proposals.Apply(ctx, p, id, lifecycle.Move[*Proposal]{Step: ProposalStepEdit, Version: ifVersion, Change: func(d *Proposal, _ time.Time) error {
		var c validate.Checker
		in.apply(&c, d, v.d.Sectors)
		return c.Err()
	}})
}

// SubmitProposal sends a complete draft to the department.
func (v *Proposals) SubmitProposal(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Proposal, error) {
	d, err := v.proposals.Apply(ctx, p, id, lifecycle.Move[*Proposal]{Step: ProposalStepSubmit, Version: ifVersion, Change: func(d *Proposal, now time.Time) error {
		d.SubmittedAt = &now
		return nil
	}})
	if err == nil && d.NeedOwner != nil && d.NeedOwner.ID != d.Proposer.ID {
		// The need's owner learns that its need may become a task.
		v.d.Notes.ToOrgs(ctx, []string{d.NeedOwner.ID}, "", notify.Note{Kind: notify.KindTask,
			Params: map[string]string{"event": "proposed_from_need", "title": d.Title, "org": d.Proposer.Name}, Link: "/listings/" + d.NeedID})
	}
	return d, err
}

// WithdrawProposal takes a draft or a submitted proposal back.
func (v *Proposals) WithdrawProposal(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Proposal, error) {
	return v.proposals.Apply(ctx, p, id, lifecycle.Move[*Proposal]{Step: ProposalStepWithdraw, Version: ifVersion})
}

// Scopes of a list of proposals.
const (
	ScopeMine = "mine" // the principal's organisations' proposals
	ScopeAll  = "all"  // officers: every proposal sent
)

// ProposalFilter narrows a list of proposals.
type ProposalFilter struct {
	Scope, State, Query string
	Page, Size          int
}

// ProposalPage is one page, with how many are in each state.
type ProposalPage struct {
	Items  []Proposal
	Total  int
	Counts map[string]int
}

// ListProposals returns p's organisations' proposals or, for officers
// (scope all), every one sent (drafts stay the proposer's).
func (v *Proposals) ListProposals(ctx context.Context, p *auth.Principal, f ProposalFilter) (ProposalPage, error) {
	none := ProposalPage{Items: []Proposal{}, Counts: map[string]int{}}
	var filter bson.D
	switch f.Scope {
	case ScopeAll:
		if !org.IsStaff(p) {
			return none, errs.ErrForbidden
		}
		filter = bson.D{{Key: "state", Value: bson.D{{Key: "$ne", Value: ProposalDraft}}}}
	case ScopeMine, "":
		if len(p.User.Orgs) == 0 {
			return none, nil
		}
		filter = bson.D{{Key: "proposer.id", Value: bson.D{{Key: "$in", Value: p.User.Orgs}}}}
	default:
		return none, errs.Field("scope", "invalid_choice")
	}
	if f.State != "" && !slices.Contains(ProposalStates, f.State) {
		return none, errs.Field("state", "invalid_choice")
	}
	all, err := store.Find[Proposal](ctx, v.s, ProposalCollection, filter, options.Find().SetSort(proposalOrder))
	if err != nil {
		return none, err
	}
	words := search.Words(f.Query)
	counts := map[string]int{}
	all = slices.DeleteFunc(all, func(d Proposal) bool {
		if !matches(words, d.Title+" "+d.Proposer.Name) {
			return true
		}
		counts[d.State]++
		return f.State != "" && d.State != f.State
	})
	return ProposalPage{Items: store.PageOf(all, f.Page, f.Size), Total: len(all), Counts: counts}, nil
}

// matches reports whether every word is a word of text or begins one.
func matches(words []string, text string) bool {
	if len(words) == 0 {
		return true
	}
	have := search.Words(text)
	for _, w := range words {
		if !slices.ContainsFunc(have, func(t string) bool { return strings.HasPrefix(t, w) }) {
			return false
		}
	}
	return true
}
