package support

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Officers' steps up to the decision:
// submitted → completeness_check → (returned → submitted) → appraisal
// (AssignReviewers) → approved | rejected.
const (
	AppCompleteness = "completeness_check"
	AppReturned     = "returned"
	AppAppraisal    = "appraisal"
	AppApproved     = "approved"
	AppRejected     = "rejected"
)

// Audit actions of the officers' steps.
const (
	ActionAppCheck  = "support.application.check"
	ActionAppReturn = "support.application.return"
	ActionAppDecide = "support.application.decide"
	ActionReconcile = "support.reconcile"
)

// Reservation is an approved amount held in the programme's ledger for one
// application. It is written first, with everything the decision needs, so
// that a crash before the application records the decision can be rolled
// forward (or back) by Reconcile.
type Reservation struct {
	ApplicationID string `bson:"applicationId" json:"applicationId"`
	// OrgID is the applicant's: the programme's approvals per organisation
	// are counted here.
	OrgID string `bson:"orgId,omitempty" json:"-"`
	// Hold is the amount, the decision request's key and fingerprint, the
	// tranches paid against it and its settlement.
	ledger.Hold `bson:",inline"`
	// Writer is the instance that wrote it (see writers.go).
	Writer string    `bson:"writer,omitempty" json:"-"`
	By     string    `bson:"by" json:"-"`
	Note   string    `bson:"note,omitempty" json:"-"`
	Number string    `bson:"number,omitempty" json:"-"`
	At     time.Time `bson:"at" json:"at"`
}

// Decision is the officer's decision on an application.
type Decision struct {
	Outcome string `bson:"outcome" json:"outcome"` // approved | rejected
	Amount  int64  `bson:"amount,omitempty" json:"amount,omitempty"`
	Reason  string `bson:"reason,omitempty" json:"reason,omitempty"`
	Number  string `bson:"number" json:"number"` // the decision's register number, e.g. 12/QĐ-SKHCN
	Key     string `bson:"key" json:"-"`
	// Fingerprint is the request's (see ledger.Fingerprint): the key sent again
	// with another request is refused.
	Fingerprint string    `bson:"fingerprint,omitempty" json:"-"`
	By          string    `bson:"by" json:"-"`
	At          time.Time `bson:"at" json:"at"`
}

// Check starts the completeness check of a submitted dossier.
func (s *Service) Check(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Application, error) {
	return s.staffStep(ctx, p, id, ifVersion, StepCheck, "", "", nil)
}

// ReturnInput says what is missing.
type ReturnInput struct {
	Reason string `json:"reason" rule:"required,min=5,max=2000"`
}

var returnRules = validate.RulesOf[ReturnInput]()

// Return sends a dossier back for revision with what is missing.
func (s *Service) Return(ctx context.Context, p *auth.Principal, id string, in ReturnInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	reason := validate.Multiline(in.Reason)
	r := returnRules.Of("reason")
	c.Reason("reason", reason, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	a, err := s.staffStep(ctx, p, id, ifVersion, StepReturn, "", reason, nil)
	if err == nil {
		s.tellApplicant(ctx, p, a, AppReturned, map[string]string{"reason": reason})
	}
	return a, err
}

// DecideInput is the officer's decision; Key makes a repeat count once.
type DecideInput struct {
	Outcome string `json:"outcome" rule:"required"`
	Amount  int64  `json:"amount" doc:"VND, ≤ requested; required to approve"`
	Reason  string `json:"reason" rule:"max=4000" doc:"required (5 characters or more) to reject"`
	// Number is the decision's register number; left empty, the next one
	// of the year is given ("7/QĐ-SKHCN").
	Number string `json:"number" rule:"max=60" doc:"register number; the next of the year when empty"`
}

var decideRules = validate.RulesOf[DecideInput]()

// Decide approves (an amount ≤ requested, reserved against the
// programme's remaining budget) or rejects (with reasons) an application
// under appraisal. The same key sent again with the same request returns
// the same decision; with another request it is refused
// (ErrIdempotencyKeyReused).
//
// Approval writes two documents: first the programme's ledger (the
// reservation, a conditional write that never lets Committed pass Total,
// however many officers approve at once), then the application. A crash in
// between leaves a reservation without its decision; Reconcile finishes it.
func (s *Service) Decide(ctx context.Context, p *auth.Principal, id, key string, in DecideInput) (Application, error) {
	if !isStaff(p) {
		return Application{}, errs.ErrForbidden
	}
	var c validate.Checker
	c.OneOf("outcome", in.Outcome, []string{AppApproved, AppRejected})
	key = strings.TrimSpace(key)
	if len(key) > 200 {
		c.Add("Idempotency-Key", "too_long", "max", 200)
	}
	in.Reason = validate.Multiline(in.Reason)
	if max := decideRules.Of("reason").Max; in.Outcome == AppRejected {
		c.Reason("reason", in.Reason, 5, max)
	} else {
		c.Optional("reason", in.Reason, max)
	}
	in.Number = validate.Text(in.Number)
	c.Optional("number", in.Number, decideRules.Of("number").Max)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	if key == "" {
		key = store.NewID() // no key: every call is a new attempt
	}
	if in.Outcome != AppApproved {
		in.Amount = 0 // a rejection has no amount: it does not tell requests apart
	}
	fp := ledger.Fingerprint("decide", in.Outcome, in.Amount, in.Reason, in.Number)
	a, err := s.GetApplication(ctx, p, id)
	if err != nil {
		return a, err
	}
	if a.Decision != nil {
		if a.Decision.Key == key {
			return a, ledger.SameRequest(a.Decision.Fingerprint, fp) // the same request again: the same answer
		}
		return a, ErrInvalidTransition
	}
	if err := s.May(p, &a, StepDecide); err != nil {
		return a, err
	}
	ap := summarize(&a)
	now := s.now().UTC()
	d := Decision{Outcome: in.Outcome, Reason: in.Reason, Key: key, Fingerprint: fp, By: p.User.ID, At: now, Number: in.Number}
	if in.Outcome == AppApproved {
		if in.Amount <= 0 || in.Amount > a.Requested {
			return a, errs.Field("amount", "out_of_range", "min", 1, "max", a.Requested)
		}
		if !ap.Passed && in.Reason == "" {
			// Approving below the pass mark is the officer's call, on the record.
			return a, errs.Field("reason", "required_below_pass_mark", "mean", ap.Mean, "passMark", ap.PassMark)
		}
		d.Amount = in.Amount
		done, err := s.begin(ctx, a.ID, key)
		if err != nil {
			return a, err
		}
		defer done() // in flight until the decision is written
		if err := s.reserve(ctx, a.ProgramID, Reservation{Writer: s.w.instance, ApplicationID: a.ID, OrgID: a.OrgID,
			Hold: ledger.Hold{Amount: in.Amount, Key: key, Fingerprint: fp}, By: p.User.ID, Note: in.Reason, Number: in.Number, At: now}); err != nil {
			return a, err
		}
	}
	a, err = s.writeDecision(ctx, id, d)
	if err != nil {
		return a, err
	}
	s.recordAppReason(ctx, p, ActionAppDecide, a, map[string]audit.Change{"state": {From: AppAppraisal, To: a.State}, "amount": {From: a.Requested, To: d.Amount}}, d.Reason)
	s.tellApplicant(ctx, p, a, a.State, map[string]string{"amount": itoa64(d.Amount), "reason": d.Reason})
	return a, nil
}

// reserve holds amount for an application in the programme's ledger,
// within the budget and the programme's approvals per organisation; a
// reservation that already exists with the same key is the same request.
func (s *Service) reserve(ctx context.Context, programID string, r Reservation) error {
	_, err := store.Modify(ctx, s.s, ProgramCollection, programID, 0, func(pr *Program) error {
		var prior *ledger.Hold
		if i := slices.IndexFunc(pr.Reservations, func(x Reservation) bool { return x.ApplicationID == r.ApplicationID }); i >= 0 {
			prior = &pr.Reservations[i].Hold
		}
		err := pr.Ledger.Reserve(prior, r.Hold, func() error {
			if r.OrgID != "" && countFunc(pr.Reservations, func(x Reservation) bool { return x.OrgID == r.OrgID }) >= pr.ApprovedLimit() {
				return ErrApprovalLimit
			}
			return nil
		})
		if err != nil {
			return err
		}
		pr.Reservations = append(pr.Reservations, r)
		return nil
	})
	if errors.Is(err, ledger.ErrRepeat) {
		return nil
	}
	return err
}

var errAlreadyReserved = errors.New("support: reserved by this request already")

// countFunc counts the items for which f holds.
func countFunc[T any](items []T, f func(T) bool) int {
	n := 0
	for _, x := range items {
		if f(x) {
			n++
		}
	}
	return n
}

// writeDecision writes the decision on the application (second document),
// numbering it if the officer gave no number.
func (s *Service) writeDecision(ctx context.Context, id string, d Decision) (Application, error) {
	if d.Number == "" {
		n, err := s.nextNumber(ctx, d.At)
		if err != nil {
			return Application{}, err
		}
		d.Number = n
	}
	a, err := store.Modify(ctx, s.s, ApplicationCollection, id, 0, func(a *Application) error {
		if a.Decision != nil {
			if a.Decision.Key == d.Key {
				if err := ledger.SameRequest(a.Decision.Fingerprint, d.Fingerprint); err != nil {
					return err
				}
				return errAlreadyDecided
			}
			return ErrInvalidTransition
		}
		if a.State != AppAppraisal {
			return ErrInvalidTransition
		}
		a.Decision, a.State, a.UpdatedAt = &d, d.Outcome, d.At
		a.History = append(a.History, Step{State: d.Outcome, At: d.At, Note: d.Reason})
		return nil
	})
	if errors.Is(err, errAlreadyDecided) {
		return store.Get[Application](ctx, s.s, ApplicationCollection, id)
	}
	return a, err
}

var errAlreadyDecided = errors.New("support: decided by this request already")

// Reconcile repairs approvals a crash left half-done: a reservation whose
// application does not carry its decision is finished when the
// application still waits in appraisal, and released otherwise — once its
// writer is gone (see writers.go): at start-up that is every reservation
// in embedded mode, and on MongoDB those whose writer's lease has lapsed.
// Run at start-up (before requests) and by Run on a timer.
func (s *Service) Reconcile(ctx context.Context) (finished, released int, err error) {
	progs, err := store.Find[Program](ctx, s.s, ProgramCollection, bson.D{{Key: "reservations.0", Value: bson.D{{Key: "$exists", Value: true}}}})
	if err != nil {
		return 0, 0, err
	}
	var ids []string
	for _, pr := range progs {
		for _, r := range pr.Reservations {
			ids = append(ids, r.ApplicationID)
		}
	}
	if len(ids) == 0 {
		return 0, 0, nil
	}
	apps, err := store.Find[Application](ctx, s.s, ApplicationCollection, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
	if err != nil {
		return 0, 0, err
	}
	byID := make(map[string]Application, len(apps))
	for _, a := range apps {
		byID[a.ID] = a
	}
	live := s.liveness()
	for _, pr := range progs {
		for _, r := range pr.Reservations {
			a, found := byID[r.ApplicationID]
			if found && a.Decision != nil && a.Decision.Key == r.Key {
				// Whole; copy any tranche the application missed.
				for _, t := range r.Tranches {
					if !slices.ContainsFunc(a.Tranches, func(x ledger.Tranche) bool { return x.Key == t.Key }) {
						if _, err := s.copyTranche(ctx, a.ID, t); err != nil {
							return finished, released, err
						}
						finished++
					}
				}
				if a.State == AppClosed && !r.Settled {
					if err := s.settle(ctx, pr.ID, a.ID); err != nil {
						return finished, released, err
					}
					finished++
				}
				continue
			}
			if gone, err := live.gone(ctx, r); err != nil || !gone {
				if err != nil {
					return finished, released, err
				}
				continue // its writer is finishing it
			}
			// Read again: the writer may have finished since the read above.
			a, err := store.Get[Application](ctx, s.s, ApplicationCollection, r.ApplicationID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return finished, released, err
			}
			switch {
			case err == nil && a.Decision != nil && a.Decision.Key == r.Key:
				continue // finished meanwhile; the next run checks its tranches
			case err == nil && a.Decision == nil && a.State == AppAppraisal:
				d := Decision{Outcome: AppApproved, Amount: r.Amount, Reason: r.Note, Number: r.Number, Key: r.Key, Fingerprint: r.Fingerprint, By: r.By, At: r.At}
				if _, err := s.writeDecision(ctx, a.ID, d); err != nil {
					return finished, released, err
				}
				finished++
				s.recordSystem(ctx, a, "approval finished after an interruption")
			default:
				if err := s.release(ctx, pr.ID, r); err != nil {
					return finished, released, err
				}
				released++
				s.log.Warn("support: reservation released", "program", pr.ID, "application", r.ApplicationID, "amount", r.Amount)
			}
		}
	}
	return finished, released, nil
}

// release takes a reservation back out of the ledger.
func (s *Service) release(ctx context.Context, programID string, r Reservation) error {
	_, err := store.Modify(ctx, s.s, ProgramCollection, programID, 0, func(pr *Program) error {
		i := slices.IndexFunc(pr.Reservations, func(x Reservation) bool { return x.ApplicationID == r.ApplicationID && x.Key == r.Key })
		if i < 0 {
			return errAlreadyReserved // gone already
		}
		pr.Ledger.Release(pr.Reservations[i].Hold)
		pr.Reservations = slices.Delete(pr.Reservations, i, i+1)
		return nil
	})
	if errors.Is(err, errAlreadyReserved) {
		return nil
	}
	return err
}

func (s *Service) recordAppReason(ctx context.Context, p *auth.Principal, action string, a Application, changes map[string]audit.Change, reason string) {
	_ = s.audit.Record(ctx, audit.Entry{
		ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "support.application", ID: a.ID, Name: a.Title + " – " + a.OrgName}, Changes: changes, Reason: reason,
	})
}

func (s *Service) recordSystem(ctx context.Context, a Application, reason string) {
	_ = s.audit.Record(ctx, audit.Entry{
		ID: store.NewID(), At: s.now().UTC(), Actor: audit.System, Action: ActionReconcile,
		Subject: audit.Subject{Type: "support.application", ID: a.ID, Name: a.Title + " – " + a.OrgName}, Reason: reason,
	})
}

// counterCollection numbers decisions, one document per year.
const counterCollection = "support_counters"

type counter struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	Seq        int    `bson:"seq"`
}

// nextNumber gives the next decision number of at's year (Vietnam's
// calendar): "1/QĐ-SKHCN", "2/QĐ-SKHCN", … A number taken by a request
// that then fails stays unused, as in a paper register.
func (s *Service) nextNumber(ctx context.Context, at time.Time) (string, error) {
	id := "decision-" + at.In(calendar.Vietnam).Format("2006")
	c, err := store.Upsert(ctx, s.s, counterCollection, id, func(c *counter, exists bool) error {
		if !exists {
			c.ID = id
		}
		c.Seq++
		return nil
	})
	if err != nil {
		return "", err
	}
	return strconv.Itoa(c.Seq) + "/QĐ-SKHCN", nil
}
