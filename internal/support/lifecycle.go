package support

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// States after an approval: the support agreement is signed, the project
// runs and is paid in tranches, the enterprise asks for acceptance, the
// department accepts it (or not) and closes the file.
const (
	AppAgreementSigned     = "agreement_signed"
	AppInProgress          = "in_progress"
	AppAcceptanceRequested = "acceptance_requested"
	AppAccepted            = "accepted"
	AppNotAccepted         = "not_accepted"
	AppClosed              = "closed"
)

// Audit actions after the decision.
const (
	ActionAgreement         = "support.application.agreement"
	ActionAcceptanceRequest = "support.application.acceptance_request"
	ActionAcceptance        = "support.application.acceptance"
	ActionClose             = "support.application.close"
)

// Agreement is the signed support agreement.
type Agreement struct {
	Number   string    `bson:"number" json:"number"`
	SignedOn string    `bson:"signedOn" json:"signedOn"`
	By       string    `bson:"by" json:"-"`
	At       time.Time `bson:"at" json:"at"`
}

// Acceptance is the end of the project: the enterprise's report and the
// department's verdict.
type Acceptance struct {
	Report      string     `bson:"report,omitempty" json:"report,omitempty"`
	RequestedAt *time.Time `bson:"requestedAt,omitempty" json:"requestedAt,omitempty"`
	Outcome     string     `bson:"outcome,omitempty" json:"outcome,omitempty"` // accepted | not_accepted
	On          string     `bson:"on,omitempty" json:"on,omitempty"`
	Note        string     `bson:"note,omitempty" json:"note,omitempty"`
	At          *time.Time `bson:"at,omitempty" json:"at,omitempty"`
}

// Notifier delivers notifications.
type Notifier interface {
	ToUsers(ctx context.Context, userIDs []string, n notify.Note)
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// AgreementInput is the signed agreement's reference.
type AgreementInput struct {
	Number   string `json:"number"`
	SignedOn string `json:"signedOn"`
}

// SignAgreement records the support agreement of an approved application.
func (s *Service) SignAgreement(ctx context.Context, p *auth.Principal, id string, in AgreementInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	in.Number = validate.Text(in.Number)
	c.Name("number", in.Number, 1, 60)
	s.pastDay(&c, "signedOn", in.SignedOn)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	a, err := s.staffStep(ctx, p, id, ifVersion, StepAgreement, "", in.Number, func(a *Application, now time.Time) error {
		if a.Decision != nil && in.SignedOn < calendar.Day(a.Decision.At) {
			return errs.Field("signedOn", "before_decision")
		}
		a.Agreement = &Agreement{Number: in.Number, SignedOn: in.SignedOn, By: p.User.ID, At: now}
		return nil
	})
	if err == nil {
		s.tellApplicant(ctx, p, a, "agreement_signed", map[string]string{"number": in.Number})
	}
	return a, err
}

// AcceptanceRequest is the enterprise's final report.
type AcceptanceRequest struct {
	Report string `json:"report" rule:"required,min=20,max=8000"`
}

var acceptanceRequestRules = validate.RulesOf[AcceptanceRequest]()

// RequestAcceptance asks the department to accept a finished project.
func (s *Service) RequestAcceptance(ctx context.Context, p *auth.Principal, id string, in AcceptanceRequest, ifVersion int64) (Application, error) {
	var c validate.Checker
	in.Report = validate.Multiline(in.Report)
	r := acceptanceRequestRules.Of("report")
	c.Reason("report", in.Report, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	a, err := s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepRequestAcceptance, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		a.Acceptance = &Acceptance{Report: in.Report, RequestedAt: &now}
		return nil
	}})
	if err == nil {
		s.tellOfficers(ctx, a, "acceptance_requested", nil)
	}
	return a, err
}

// AcceptanceInput is the department's verdict on a finished project.
type AcceptanceInput struct {
	Outcome string `json:"outcome" rule:"required"`
	On      string `json:"on" rule:"required,format=date"`
	Note    string `json:"note" rule:"max=4000" doc:"required when not accepted"`
}

var acceptanceRules = validate.RulesOf[AcceptanceInput]()

// RecordAcceptance records whether the project is accepted.
func (s *Service) RecordAcceptance(ctx context.Context, p *auth.Principal, id string, in AcceptanceInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	c.OneOf("outcome", in.Outcome, []string{AppAccepted, AppNotAccepted})
	s.pastDay(&c, "on", in.On)
	in.Note = validate.Multiline(in.Note)
	if in.Outcome == AppNotAccepted {
		c.Reason("note", in.Note, 5, acceptanceRules.Of("note").Max)
	} else {
		c.Optional("note", in.Note, acceptanceRules.Of("note").Max)
	}
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	a, err := s.staffStep(ctx, p, id, ifVersion, StepAcceptance, in.Outcome, in.Note, func(a *Application, now time.Time) error {
		acc := Acceptance{}
		if a.Acceptance != nil {
			acc = *a.Acceptance
		}
		acc.Outcome, acc.On, acc.Note, acc.At = in.Outcome, in.On, in.Note, &now
		a.Acceptance = &acc
		return nil
	})
	if err == nil {
		s.tellApplicant(ctx, p, a, in.Outcome, nil)
	}
	return a, err
}

// CloseInput is an optional closing note.
type CloseInput struct {
	Note string `json:"note" rule:"max=4000"`
}

var closeRules = validate.RulesOf[CloseInput]()

// Close ends the file of an accepted (or not accepted) project. The part
// of the approved amount that was never paid goes back to the programme's
// budget: the application is closed first, then its reservation is
// settled; Reconcile settles one a crash left open.
func (s *Service) Close(ctx context.Context, p *auth.Principal, id string, in CloseInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, closeRules.Of("note").Max)
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	a, err := s.staffStep(ctx, p, id, ifVersion, StepClose, "", in.Note, func(a *Application, now time.Time) error {
		a.ClosedAt = &now
		return nil
	})
	if err != nil {
		return a, err
	}
	if err := s.settle(ctx, a.ProgramID, a.ID); err != nil {
		s.log.Warn("support: reservation not settled; the reconciler will", "application", a.ID, "err", err)
	}
	s.tellApplicant(ctx, p, a, AppClosed, nil)
	return a, nil
}

// settle shrinks a closed application's reservation to what was paid and
// gives the rest back to the programme. Settling twice changes nothing.
func (s *Service) settle(ctx context.Context, programID, applicationID string) error {
	_, err := store.Modify(ctx, s.s, ProgramCollection, programID, 0, func(pr *Program) error {
		i := slices.IndexFunc(pr.Reservations, func(r Reservation) bool { return r.ApplicationID == applicationID })
		if i < 0 {
			return ledger.ErrRepeat // nothing held
		}
		return pr.Ledger.Settle(&pr.Reservations[i].Hold)
	})
	if errors.Is(err, ledger.ErrRepeat) {
		return nil
	}
	return err
}

// staffStep is an officer's step of the table (to overrides its state when
// the officer chooses the outcome), with fn filling in what the step
// records. Anyone else is refused before the dossier is read.
func (s *Service) staffStep(ctx context.Context, p *auth.Principal, id string, ifVersion int64, step, to, note string, fn func(a *Application, now time.Time) error) (Application, error) {
	if !isStaff(p) {
		return Application{}, errs.ErrForbidden
	}
	return s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: step, Version: ifVersion, To: to, Note: note, Reason: note, Change: fn})
}

// pastDay checks a required day that is not in the future (Vietnam's days).
func (s *Service) pastDay(c *validate.Checker, field, value string) {
	if strings.TrimSpace(value) == "" {
		c.Add(field, "required")
		return
	}
	if d, ok := c.Date(field, value); ok && calendar.Future(d, s.now()) {
		c.Add(field, "in_future")
	}
}

// View is what p may read of a: officers see every review and the
// appraisal's sums; a reviewer sees their own review only; the applicant
// sees none (reviewers stay anonymous to the enterprise). Can says which
// steps p may take now.
func (s *Service) View(p *auth.Principal, a Application) Application {
	a.Paid = a.paid()
	a.Can = s.CanOf(p, &a)
	switch {
	case isStaff(p):
		a.Appraisal = summarize(&a)
	case isReviewer(p, &a):
		a.Reviews = slices.DeleteFunc(slices.Clone(a.Reviews), func(r council.Review) bool { return r.ReviewerID != p.User.ID })
	default:
		a.Reviews = []council.Review{}
	}
	if a.Reviews == nil {
		a.Reviews = []council.Review{}
	}
	return a
}

// note is a notification about an application.
func note(a Application, event string, params map[string]string) notify.Note {
	ps := map[string]string{"event": event, "title": a.Title, "program": a.ProgramName, "org": a.OrgName}
	for k, v := range params {
		ps[k] = v
	}
	return notify.Note{Kind: notify.KindSupport, Params: ps, Link: "/support/applications/" + a.ID}
}

// tell notifies people about an application.
func (s *Service) tell(ctx context.Context, userIDs []string, a Application, event string, params map[string]string) {
	if s.notes != nil && len(userIDs) > 0 {
		s.notes.ToUsers(ctx, userIDs, note(a, event, params))
	}
}

// tellApplicant notifies the applicant's members but the one who acted.
func (s *Service) tellApplicant(ctx context.Context, p *auth.Principal, a Application, event string, params map[string]string) {
	if s.notes != nil {
		s.notes.ToOrgs(ctx, []string{a.OrgID}, p.User.ID, note(a, event, params))
	}
}

// tellOfficers notifies the department's officers.
func (s *Service) tellOfficers(ctx context.Context, a Application, event string, params map[string]string) {
	if s.notes == nil {
		return
	}
	officers, err := s.users.WithRole(ctx, auth.RoleOfficer)
	if err != nil {
		s.log.Warn("support: officers not notified", "err", err)
		return
	}
	ids := make([]string, 0, len(officers))
	for _, u := range officers {
		if !u.Disabled {
			ids = append(ids, u.ID)
		}
	}
	s.tell(ctx, ids, a, event, params)
}
