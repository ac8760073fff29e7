package task

import (
	"context"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Steps of the selection council, added to the task's table (Steps) with
// the rule of the choice: the council has scored every dossier.
const (
	StepAssignCouncil = "assignCouncil" // selecting: the selection council's members
	StepScore         = "score"         // selecting: a council member scores the dossiers
)

// Audit actions of the council's steps.
const (
	ActionAssignCouncil = "task.assign_council"
	ActionScore         = "task.score"
)

func init() {
	Steps[StepAssignCouncil] = lifecycle.Step[*Task, Role]{Action: ActionAssignCouncil, From: []string{StateSelecting}, Who: staff}
	Steps[StepScore] = lifecycle.Step[*Task, Role]{Action: ActionScore, From: []string{StateSelecting}, Who: func(r Role, _ string) bool { return r.Council }}
	sel := Steps[StepSelect]
	sel.Ready = selectReady
	Steps[StepSelect] = sel
}

// SelectionCouncil is a task's selection council (hội đồng tuyển chọn):
// what its members score on (set when the call opens), its members, and
// the dossiers before it from the call's close, each with the members'
// reviews (the council engine's, internal/council).
type SelectionCouncil struct {
	Plan     council.Plan     `bson:"plan" json:"plan"`
	Members  []Ref            `bson:"members" json:"members"`
	Dossiers []DossierReviews `bson:"dossiers" json:"dossiers"`
}

// DossierReviews is one dossier before the council and its reviews;
// Appraisal sums them up (filled when read).
type DossierReviews struct {
	DossierID string             `bson:"dossierId" json:"dossierId"`
	OrgID     string             `bson:"orgId" json:"orgId"`
	OrgName   string             `bson:"orgName" json:"orgName"`
	Reviews   []council.Review   `bson:"reviews" json:"reviews"`
	Appraisal *council.Appraisal `bson:"-" json:"appraisal,omitempty"`
}

// complete reports whether the council has scored every dossier before
// it: the rule of the task's select step.
func (c *SelectionCouncil) complete() bool {
	if c == nil || len(c.Dossiers) == 0 {
		return false
	}
	for _, d := range c.Dossiers {
		if ap := council.Summarize(&c.Plan, d.Reviews); ap == nil || !ap.Complete {
			return false
		}
	}
	return true
}

// selectReady is the select step's rule: the council is complete.
func selectReady(t *Task, _ Role) error {
	if !t.Selection.complete() {
		return ErrCouncilIncomplete
	}
	return nil
}

// Member reports whether userID sits on the council.
func (c *SelectionCouncil) Member(userID string) bool {
	return slices.ContainsFunc(c.Members, func(r Ref) bool { return r.ID == userID })
}

// scores reports whether the dossier is before the council.
func (c *SelectionCouncil) scores(dossierID string) bool {
	return slices.ContainsFunc(c.Dossiers, func(d DossierReviews) bool { return d.DossierID == dossierID })
}

// orgs are the applying organisations: their people may not sit on the
// council.
func (c *SelectionCouncil) orgs() []string {
	out := make([]string, 0, len(c.Dossiers))
	for _, d := range c.Dossiers {
		out = append(out, d.OrgID)
	}
	return out
}

// SelectInput names the dossier the council chose.
type SelectInput struct {
	DossierID string `json:"dossierId" rule:"required"`
	Note      string `json:"note" rule:"max=2000"`
}

var selectRules = validate.RulesOf[SelectInput]()

// Select records the council's choice: the dossier's organisation becomes
// the performer, the other dossiers are not selected, and every applicant
// is told.
func (s *Selection) Select(ctx context.Context, p *auth.Principal, id string, in SelectInput, ifVersion int64) (Task, error) {
	var c validate.Checker
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, selectRules.Of("note").Max)
	if in.DossierID == "" {
		c.Add("dossierId", "required")
	}
	if err := c.Err(); err != nil {
		return Task{}, err
	}
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return t, err
	}
	if err := s.tasks.Check(p, &t, StepSelect); err != nil {
		return t, err
	}
	d, err := store.Get[Dossier](ctx, s.s, DossierCollection, in.DossierID)
	if err != nil || d.TaskID != t.ID || d.State != DossierSubmitted {
		return t, ErrNotScoring
	}
	t, err = s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepSelect, Version: ifVersion, Note: in.Note, Change: func(t *Task, _ time.Time) error {
		if t.Selection == nil || !t.Selection.scores(d.ID) {
			return ErrNotScoring
		}
		t.Performer, t.DossierID = &Ref{ID: d.OrgID, Name: d.OrgName}, d.ID
		return nil
	}})
	if err != nil {
		return t, err
	}
	s.settle(ctx, p, t)
	return t, nil
}

// settle moves the dossiers of a task after its selection: the chosen
// one selected, the other submitted ones not selected; each applicant is
// told. It is repeated safely: a dossier already moved is left alone.
func (s *Selection) settle(ctx context.Context, p *auth.Principal, t Task) {
	ds, err := s.taskDossiers(ctx, t.ID)
	if err != nil {
		s.log.Warn("task: dossiers not settled", "task", t.ID, "err", err)
		return
	}
	for _, d := range ds {
		if d.State != DossierSubmitted {
			continue
		}
		step, event := DossierStepDecline, "not_selected"
		if d.ID == t.DossierID {
			step, event = DossierStepChoose, "selected"
		}
		if _, err := s.dossiers.Apply(ctx, p, d.ID, lifecycle.Move[*Dossier]{Step: step}); err != nil {
			s.log.Warn("task: dossier not settled", "dossier", d.ID, "err", err)
			continue
		}
		s.tellOrgs(ctx, p, []string{d.OrgID}, t, event, map[string]string{"org": d.OrgName, "performer": t.Performer.Name})
	}
}

// SelectionView is what a person reads on a task's selection page: the
// task and its steps; whether they may apply; the dossiers they may read
// (officers: all sent; an applicant: its own; a council member: those
// before the council); the council (officers, its members); the budget
// appraisal (officers, the performer).
type SelectionView struct {
	Task      Task              `json:"task"`
	Can       map[string]bool   `json:"can"`
	CanApply  bool              `json:"canApply"`
	Dossiers  []Dossier         `json:"dossiers"`
	Council   *SelectionCouncil `json:"council,omitempty"`
	Appraisal *BudgetAppraisal  `json:"appraisal,omitempty"`
}

// View reads a task's selection for p.
func (s *Selection) View(ctx context.Context, p *auth.Principal, id string) (SelectionView, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return SelectionView{}, err
	}
	r := RoleOf(p, &t)
	all, err := s.taskDossiers(ctx, t.ID)
	if err != nil {
		return SelectionView{}, err
	}
	v := SelectionView{Task: t, Can: s.tasks.Can(p, &t), Dossiers: []Dossier{}}
	var mine []Dossier
	for _, d := range all {
		own := p != nil && slices.Contains(p.User.Orgs, d.OrgID)
		if own {
			mine = append(mine, d)
		}
		switch {
		case own, r.Staff && d.State != DossierDraft,
			r.Council && t.Selection.scores(d.ID):
			v.Dossiers = append(v.Dossiers, s.ViewDossier(p, d))
		}
	}
	v.CanApply = s.canApply(ctx, p, &t, mine)
	if (r.Staff || r.Council) && t.Selection != nil {
		v.Council = councilView(t.Selection, p, r.Staff)
	}
	if r.Staff || r.Performer {
		v.Appraisal = t.Appraisal
	}
	return v, nil
}

// councilView is what p reads of the council: officers every review and
// each dossier's appraisal; a member their own reviews only.
func councilView(c *SelectionCouncil, p *auth.Principal, staff bool) *SelectionCouncil {
	out := &SelectionCouncil{Plan: c.Plan, Members: c.Members, Dossiers: make([]DossierReviews, 0, len(c.Dossiers))}
	for _, d := range c.Dossiers {
		if staff {
			d.Appraisal = council.Summarize(&c.Plan, d.Reviews)
		} else {
			d.Reviews = slices.DeleteFunc(slices.Clone(d.Reviews), func(r council.Review) bool { return r.ReviewerID != p.User.ID })
		}
		out.Dossiers = append(out.Dossiers, d)
	}
	return out
}

// Reviewers lists the accounts holding the reviewer role, each saying
// whether it has a conflict of interest with the task's applicants.
func (s *Selection) Reviewers(ctx context.Context, p *auth.Principal, id string) ([]council.Reviewer, error) {
	if !org.IsStaff(p) {
		return nil, errs.ErrForbidden
	}
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	var orgs []string
	if t.Selection != nil {
		orgs = t.Selection.orgs()
	}
	return council.Reviewers(ctx, s.users.WithRole, s.orgName, func(u auth.User) bool { return council.Conflicted(u, orgs, nil) })
}

// orgName names an organisation.
func (s *Selection) orgName(ctx context.Context, id string) (string, error) {
	o, err := s.orgs.Get(ctx, id)
	return o.Name, err
}

// CouncilInput names a council's members (a round's advisory council, a
// task's selection council).
type CouncilInput struct {
	ReviewerIDs []string `json:"reviewerIds" rule:"required,max=15"`
}

// AssignCouncil makes the council the people named, at least the number
// the call requires, none from an applying organisation (the council
// engine's rules). Each dossier gets a review per member, except from a
// member who declared a conflict with it; a member who has scored stays.
func (s *Selection) AssignCouncil(ctx context.Context, p *auth.Principal, id string, in CouncilInput, ifVersion int64) (Task, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return t, err
	}
	if err := s.tasks.Check(p, &t, StepAssignCouncil); err != nil {
		return t, err
	}
	if len(in.ReviewerIDs) < max(t.Selection.Plan.Required, 1) {
		return t, errs.Field("reviewerIds", "too_few", "min", max(t.Selection.Plan.Required, 1))
	}
	if m := councilRules.Of("reviewerIds").Max; len(in.ReviewerIDs) > m {
		return t, errs.Field("reviewerIds", "too_many", "max", m)
	}
	people, err := council.CheckAssignment("reviewerIds", in.ReviewerIDs, 0, t.Selection.orgs(), nil, func(uid string) (auth.User, error) {
		return s.users.User(ctx, uid)
	})
	if err != nil {
		return t, err
	}
	var added, removed []string
	t, err = s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepAssignCouncil, Version: ifVersion, Change: func(t *Task, now time.Time) error {
		before := t.Selection.Members
		members := make([]Ref, 0, len(in.ReviewerIDs))
		for _, uid := range in.ReviewerIDs {
			members = append(members, Ref{ID: uid, Name: people[uid].FullName})
		}
		dossiers := slices.Clone(t.Selection.Dossiers)
		for i, d := range dossiers {
			// Who stepped aside from this dossier keeps the record of it.
			var recused []council.Review
			ids := slices.DeleteFunc(slices.Clone(in.ReviewerIDs), func(uid string) bool {
				j := slices.IndexFunc(d.Reviews, func(r council.Review) bool { return r.ReviewerID == uid && r.Recused() })
				if j >= 0 {
					recused = append(recused, d.Reviews[j])
				}
				return j >= 0
			})
			out, _, _, err := council.Assign("reviewerIds", d.Reviews, ids, people, p.User.ID, now)
			if err != nil {
				return err
			}
			dossiers[i].Reviews = append(out, recused...)
		}
		t.Selection.Members, t.Selection.Dossiers = members, dossiers
		for _, m := range members {
			if !slices.ContainsFunc(before, func(r Ref) bool { return r.ID == m.ID }) {
				added = append(added, m.ID)
			}
		}
		for _, m := range before {
			if !slices.ContainsFunc(members, func(r Ref) bool { return r.ID == m.ID }) {
				removed = append(removed, m.ID)
			}
		}
		return nil
	}})
	if err != nil {
		return t, err
	}
	s.tellUsers(ctx, added, t, "selection_council_assigned", nil)
	s.tellUsers(ctx, removed, t, "council_removed", nil)
	return t, nil
}

var councilRules = validate.RulesOf[CouncilInput]()

// ScoreInput is a council member's declaration and marks for one
// dossier.
type ScoreInput struct {
	DossierID string `json:"dossierId" rule:"required"`
	council.ScoreInput
}

// Score records a council member's declaration about conflicts of
// interest and marks for one dossier (the council engine's Submit); it
// may be sent again until the choice. A declared conflict tells officers
// to assign someone else; the last dossier scored tells them the council
// is done.
func (s *Selection) Score(ctx context.Context, p *auth.Principal, id string, in ScoreInput, ifVersion int64) (Task, error) {
	if err := in.Check(); err != nil {
		return Task{}, err
	}
	if in.DossierID == "" {
		return Task{}, errs.Field("dossierId", "required")
	}
	t, err := s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepScore, Version: ifVersion, Change: func(t *Task, now time.Time) error {
		i := slices.IndexFunc(t.Selection.Dossiers, func(d DossierReviews) bool { return d.DossierID == in.DossierID })
		if i < 0 {
			return ErrNotScoring
		}
		reviews, err := council.Submit(t.Selection.Plan, t.Selection.Dossiers[i].Reviews, p.User.ID, in.ScoreInput, now)
		if err != nil {
			return err
		}
		t.Selection.Dossiers = slices.Clone(t.Selection.Dossiers)
		t.Selection.Dossiers[i].Reviews = reviews
		return nil
	}})
	if err != nil {
		return t, err
	}
	switch {
	case in.Declaration == council.Conflict:
		s.tellUsers(ctx, s.officers(ctx), t, "reviewer_recused", map[string]string{"reviewer": p.User.FullName})
	case t.Selection.complete():
		s.tellUsers(ctx, s.officers(ctx), t, "council_complete", nil)
	}
	return t, nil
}
