package task

import (
	"context"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// RegistrationInput is the registration of an accepted task's results
// (số đăng ký kết quả thực hiện nhiệm vụ KH&CN).
type RegistrationInput struct {
	Number string `json:"number" rule:"required,min=1,max=60"`
	Date   string `json:"date" rule:"required,format=date"`
}

var registrationRules = validate.RulesOf[RegistrationInput]()

// Register records the results' registration (officers): accepted →
// registered. The performer is told.
func (x *Execution) Register(ctx context.Context, p *auth.Principal, id string, in RegistrationInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	in.Number = validate.Text(in.Number)
	r := registrationRules.Of("number")
	c.Name("number", in.Number, r.Min, r.Max)
	date := x.day(&c, "date", in.Date)
	if date != "" && date > calendar.Day(x.now()) {
		c.Add("date", "in_future")
	}
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	t, err := x.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepRegister, Version: ifVersion, Note: in.Number,
		Reason: in.Number + " (" + date + ")",
		Change: func(t *Task, _ time.Time) error {
			t.Registration = &Paper{Number: in.Number, Date: date}
			return nil
		}})
	if err != nil {
		return ContractView{}, err
	}
	x.tellPerformer(ctx, p, t, "registered", map[string]string{"number": in.Number})
	return x.Contract(ctx, p, id)
}

// Publish puts an accepted task's results on the market: a draft
// technology offer owned by the performer, prefilled from the task and
// linked to it and to the need it answered, which the performer completes
// and submits as any listing. The need's owner is told. Once only
// (task_already_published).
func (x *Execution) Publish(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (ContractView, error) {
	// The task claims the listing's id first (once only: the step's Ready
	// refuses a second), then the listing is created under it; a failed
	// creation gives the claim back.
	lid := store.NewID()
	t, err := x.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepPublish, Version: ifVersion, Reason: lid,
		Change: func(t *Task, _ time.Time) error {
			t.ListingID = lid
			return nil
		}})
	if err != nil {
		return ContractView{}, err
	}
	kind, title, summary := catalog.KindTechnology, t.Title, t.Objectives
	orgID, sectors := t.Performer.ID, t.Sectors
	if _, err := x.d.Listings.Create(ctx, p, catalog.Input{
		Kind: &kind, OrgID: &orgID, Title: &title, Summary: &summary, Sectors: &sectors,
		Task: &catalog.TaskLink{TaskID: t.ID, NeedID: t.NeedID, ListingID: lid},
	}); err != nil {
		if _, uerr := store.Modify(ctx, x.s, Collection, id, 0, func(t *Task) error {
			if t.ListingID == lid {
				t.ListingID = ""
			}
			return nil
		}); uerr != nil {
			x.d.Log.Error("task: a failed publication's claim stays", "task", id, "err", uerr)
		}
		return ContractView{}, err
	}
	if t.NeedID != "" && x.d.Notes != nil {
		if need, err := x.d.Listings.Get(ctx, t.NeedID); err == nil {
			x.d.Notes.ToOrgs(ctx, []string{need.OrgID}, p.User.ID, note(t, "/contract", "published", map[string]string{"need": need.Title}))
		}
	}
	x.tellPerformer(ctx, p, t, "listing_drafted", nil)
	return x.Contract(ctx, p, id)
}
