package task

import (
	"context"
	"strconv"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// AppraisalLine is one line of the selected dossier's budget with the
// amount the appraisal approved.
type AppraisalLine struct {
	Item      string `bson:"item" json:"item"`
	Unit      string `bson:"unit" json:"unit"`
	Source    string `bson:"source" json:"source" rule:"enum=TaskBudgetSource"`
	Requested int64  `bson:"requested" json:"requested" doc:"VND"`
	Approved  int64  `bson:"approved" json:"approved" doc:"VND"`
	Note      string `bson:"note,omitempty" json:"note,omitempty"`
}

// BudgetAppraisal is the budget appraised line by line (thẩm định kinh
// phí): State is the approved state budget (the task's Budget), Other the
// approved other sources.
type BudgetAppraisal struct {
	Lines []AppraisalLine `bson:"lines" json:"lines"`
	State int64           `bson:"state" json:"state" doc:"VND"`
	Other int64           `bson:"other" json:"other" doc:"VND"`
	Note  string          `bson:"note,omitempty" json:"note,omitempty"`
	At    time.Time       `bson:"at" json:"at"`
}

// AppraisedLine is the officer's amount for one budget line, in the
// dossier's order.
type AppraisedLine struct {
	Approved int64  `json:"approved" rule:"min=0" doc:"VND, at most the line's amount"`
	Note     string `json:"note" rule:"max=1000"`
}

// AppraiseInput approves the selected dossier's budget line by line.
type AppraiseInput struct {
	Lines []AppraisedLine `json:"lines" rule:"required,max=60"`
	Note  string          `json:"note" rule:"max=4000"`
}

var appraiseRules = validate.RulesOf[AppraiseInput]()

// Appraise records the budget appraisal of the selected dossier: each
// line's approved amount at most what was asked, the approved state
// budget at most the order's maximum; the task's Budget becomes that sum.
func (s *Selection) Appraise(ctx context.Context, p *auth.Principal, id string, in AppraiseInput, ifVersion int64) (Task, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return t, err
	}
	if err := s.tasks.Check(p, &t, StepAppraise); err != nil {
		return t, err
	}
	d, err := store.Get[Dossier](ctx, s.s, DossierCollection, t.DossierID)
	if err != nil {
		return t, err
	}
	var c validate.Checker
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, appraiseRules.Of("note").Max)
	if len(in.Lines) != len(d.Budget) {
		c.Add("lines", "count_lines", "expected", len(d.Budget))
	}
	ap := BudgetAppraisal{Lines: []AppraisalLine{}, Note: in.Note, At: s.now().UTC()}
	for i, l := range d.Budget {
		if i >= len(in.Lines) {
			break
		}
		a := in.Lines[i]
		field := "lines." + strconv.Itoa(i)
		a.Note = validate.Multiline(a.Note)
		c.Optional(field+".note", a.Note, appraiseRules.Of("lines.note").Max)
		switch {
		case a.Approved < 0:
			c.Add(field+".approved", "out_of_range", "min", 0, "max", l.Amount)
		case a.Approved > l.Amount:
			c.Add(field+".approved", "above_requested", "max", l.Amount)
		}
		ap.Lines = append(ap.Lines, AppraisalLine{Item: l.Item, Unit: l.Unit, Source: l.Source, Requested: l.Amount, Approved: a.Approved, Note: a.Note})
		if l.Source == SourceState {
			ap.State += a.Approved
		} else {
			ap.Other += a.Approved
		}
	}
	if t.Order.MaxBudget > 0 && ap.State > t.Order.MaxBudget && !c.Has("lines") {
		c.Add("lines", "above_max_budget", "max", t.Order.MaxBudget)
	}
	if err := c.Err(); err != nil {
		return t, err
	}
	t, err = s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepAppraise, Version: ifVersion, Note: in.Note, Change: func(t *Task, _ time.Time) error {
		if t.DossierID != d.ID {
			return ErrNotScoring
		}
		t.Appraisal, t.Budget = &ap, ap.State
		return nil
	}})
	if err != nil {
		return t, err
	}
	// The choice's other writes (the dossiers' states) are finished here
	// if a failure cut them short: settle leaves moved dossiers alone.
	s.settle(ctx, p, t)
	s.tellOrgs(ctx, p, []string{t.Performer.ID}, t, "appraised", map[string]string{"amount": strconv.FormatInt(t.Budget, 10)})
	return t, nil
}

// DecideInput is the approval decision: its number and day.
type DecideInput struct {
	Number string `json:"number" rule:"required,min=1,max=60" doc:"e.g. 125/QĐ-SKHCN"`
	Date   string `json:"date" rule:"required,format=date" doc:"not after today (Vietnam)"`
}

var decideRules = validate.RulesOf[DecideInput]()

// Decide records the approval decision of an appraised task: the
// decision paper can be printed from then on.
func (s *Selection) Decide(ctx context.Context, p *auth.Principal, id string, in DecideInput, ifVersion int64) (Task, error) {
	var c validate.Checker
	in.Number = validate.Text(in.Number)
	r := decideRules.Of("number")
	c.Name("number", in.Number, r.Min, r.Max)
	if in.Date == "" {
		c.Add("date", "required")
	} else if d, ok := c.Date("date", in.Date); ok && calendar.Future(d, s.now()) {
		c.Add("date", "in_future")
	}
	if err := c.Err(); err != nil {
		return Task{}, err
	}
	t, err := s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepDecide, Version: ifVersion, Change: func(t *Task, _ time.Time) error {
		t.Decision = &Paper{Number: in.Number, Date: in.Date}
		return nil
	}})
	if err != nil {
		return t, err
	}
	s.tellOrgs(ctx, p, []string{t.Performer.ID}, t, "decided", map[string]string{"number": in.Number})
	return t, nil
}
