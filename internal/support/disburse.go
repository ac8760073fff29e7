package support

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ActionDisburse is the audit action of a tranche.
const ActionDisburse = "support.application.disburse"

// DisburseInput is one tranche as an officer records it.
type DisburseInput struct {
	Amount int64  `json:"amount"`
	On     string `json:"on"`
	Note   string `json:"note" rule:"max=1000"`
}

var disburseRules = validate.RulesOf[DisburseInput]()

// Disburse records a tranche paid to an approved application. The money
// is counted in the programme's ledger first, against the application's
// reservation (so the tranches never pass the approved amount, whatever
// the concurrency); the application's own list follows, and Reconcile
// copies a tranche the application missed. The same key with the same
// request counts once; with another request it is refused
// (ErrIdempotencyKeyReused).
func (s *Service) Disburse(ctx context.Context, p *auth.Principal, id, key string, in DisburseInput) (Application, error) {
	if !isStaff(p) {
		return Application{}, errs.ErrForbidden
	}
	var c validate.Checker
	key = strings.TrimSpace(key)
	if len(key) > 200 {
		c.Add("Idempotency-Key", "too_long", "max", 200)
	}
	if in.Amount <= 0 || in.Amount > MaxBudget {
		c.Add("amount", "out_of_range", "min", 1, "max", int64(MaxBudget))
	}
	if d, ok := c.Date("on", in.On); !ok && !c.Has("on") {
		c.Add("on", "required")
	} else if ok && calendar.Future(d, s.now()) {
		c.Add("on", "in_future")
	}
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, disburseRules.Of("note").Max)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	if key == "" {
		key = store.NewID()
	}
	fp := ledger.Fingerprint("disburse", in.Amount, in.On, in.Note)
	a, err := s.GetApplication(ctx, p, id)
	if err != nil {
		return a, err
	}
	if i := slices.IndexFunc(a.Tranches, func(x ledger.Tranche) bool { return x.Key == key }); i >= 0 {
		return a, ledger.SameRequest(a.Tranches[i].Fingerprint, fp) // the same request again: the same answer
	}
	if err := s.May(p, &a, StepDisburse); err != nil {
		return a, err
	}
	t := ledger.Tranche{Key: key, Fingerprint: fp, Amount: in.Amount, On: in.On, Note: in.Note, By: p.User.ID, At: s.now().UTC()}
	_, err = store.Modify(ctx, s.s, ProgramCollection, a.ProgramID, 0, func(pr *Program) error {
		i := slices.IndexFunc(pr.Reservations, func(r Reservation) bool { return r.ApplicationID == a.ID })
		if i < 0 {
			return ErrInvalidTransition
		}
		return pr.Ledger.Pay(&pr.Reservations[i].Hold, t)
	})
	if err != nil && !errors.Is(err, ledger.ErrRepeat) {
		return a, err
	}
	a, err = s.copyTranche(ctx, id, t)
	if err != nil {
		return a, err
	}
	s.recordAppReason(ctx, p, ActionDisburse, a, nil, in.On+": "+itoa64(in.Amount)+" VND")
	s.tellApplicant(ctx, p, a, "disbursed", map[string]string{"amount": itoa64(in.Amount), "on": in.On})
	return a, nil
}

// copyTranche adds t to the application's list unless it is there; the
// first tranche starts the project (agreement_signed → in_progress).
func (s *Service) copyTranche(ctx context.Context, id string, t ledger.Tranche) (Application, error) {
	a, err := store.Modify(ctx, s.s, ApplicationCollection, id, 0, func(a *Application) error {
		if slices.ContainsFunc(a.Tranches, func(x ledger.Tranche) bool { return x.Key == t.Key }) {
			return errAlreadyReserved
		}
		a.Tranches = append(a.Tranches, t)
		a.UpdatedAt = t.At
		if a.State == AppAgreementSigned {
			a.State = AppInProgress
			a.History = append(a.History, Step{State: AppInProgress, At: t.At})
		}
		return nil
	})
	if errors.Is(err, errAlreadyReserved) {
		return store.Get[Application](ctx, s.s, ApplicationCollection, id)
	}
	return a, err
}
