package task

import (
	"context"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// SelectionCouncil is a task's selection council (hội đồng tuyển chọn):
// its members and the dossiers before it, from the call's close.
type SelectionCouncil struct {
	Members  []Ref            `bson:"members" json:"members"`
	Dossiers []DossierReviews `bson:"dossiers" json:"dossiers"`
}

// DossierReviews is one dossier before the council.
type DossierReviews struct {
	DossierID string `bson:"dossierId" json:"dossierId"`
	OrgID     string `bson:"orgId" json:"orgId"`
	OrgName   string `bson:"orgName" json:"orgName"`
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
		v.Council = t.Selection
	}
	if r.Staff || r.Performer {
		v.Appraisal = t.Appraisal
	}
	return v, nil
}
