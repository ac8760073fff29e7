package support

import (
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/lifecycle"
)

// Role is how a person stands to an application.
type Role struct {
	Member   bool // of the applicant's organisation
	Staff    bool // an officer or admin
	Reviewer bool // assigned to appraise it
	UserID   string
}

// RoleOf works out p's role towards a.
func RoleOf(p *auth.Principal, a *Application) Role {
	if p == nil {
		return Role{}
	}
	return Role{Member: member(p, a), Staff: isStaff(p), Reviewer: isReviewer(p, a), UserID: p.User.ID}
}

func (r Role) sees() bool { return r.Member || r.Staff || r.Reviewer }

func applicant(r Role, _ string) bool { return r.Member }
func officer(r Role, _ string) bool   { return r.Staff }

// editableStates are those in which the applicant may change the dossier.
var editableStates = []string{AppDraft, AppReturned}

// disbursable lists the states in which tranches are paid: from the
// agreement to acceptance (a last tranche often follows acceptance).
var disbursable = []string{AppAgreementSigned, AppInProgress, AppAcceptanceRequested, AppAccepted}

// Names of the steps, as `can` names them.
const (
	StepEdit              = "edit"
	StepSubmit            = "submit"
	StepWithdraw          = "withdraw"
	StepCheck             = "check"
	StepReturn            = "return"
	StepAssignReviewers   = "assignReviewers"
	StepScore             = "score"
	StepDecide            = "decide"
	StepAgreement         = "agreement"
	StepDisburse          = "disburse"
	StepRequestAcceptance = "requestAcceptance"
	StepAcceptance        = "acceptance"
	StepClose             = "close"
)

// steps is the procedure of an application: the one table that enforces
// every step and fills `can`.
var steps = lifecycle.Table[*Application, Role]{
	StepEdit:   {Action: ActionAppUpdate, From: editableStates, Who: applicant},
	StepSubmit: {Action: ActionAppSubmit, From: editableStates, To: AppSubmitted, Who: applicant},
	StepWithdraw: {Action: ActionAppWithdraw, To: AppWithdrawn, Who: applicant,
		From: []string{AppDraft, AppSubmitted, AppCompleteness, AppReturned, AppAppraisal}}, // after the decision: too late
	StepCheck:           {Action: ActionAppCheck, From: []string{AppSubmitted}, To: AppCompleteness, Who: officer},
	StepReturn:          {Action: ActionAppReturn, From: []string{AppSubmitted, AppCompleteness}, To: AppReturned, Who: officer},
	StepAssignReviewers: {Action: ActionAssignReviewers, From: []string{AppCompleteness, AppAppraisal}, To: AppAppraisal, Who: officer},
	StepScore: {Action: ActionScore, From: []string{AppAppraisal}, Who: func(r Role, _ string) bool { return r.Reviewer },
		Ready: func(a *Application, r Role) error {
			i := slices.IndexFunc(a.Reviews, func(x council.Review) bool { return x.ReviewerID == r.UserID })
			if a.Decision != nil || i < 0 || a.Reviews[i].Recused() {
				return ErrInvalidTransition
			}
			return nil
		}},
	StepDecide: {Action: ActionAppDecide, From: []string{AppAppraisal}, Who: officer,
		Ready: func(a *Application, _ Role) error {
			if ap := summarize(a); ap == nil || !ap.Complete {
				return ErrAppraisalIncomplete
			}
			return nil
		}},
	StepAgreement: {Action: ActionAgreement, From: []string{AppApproved}, To: AppAgreementSigned, Who: officer},
	StepDisburse: {Action: ActionDisburse, From: disbursable, Who: officer,
		Ready: func(a *Application, _ Role) error {
			if a.Decision == nil || a.paid() >= a.Decision.Amount {
				return ledger.ErrAboveApproved
			}
			return nil
		}},
	StepRequestAcceptance: {Action: ActionAcceptanceRequest, From: []string{AppInProgress}, To: AppAcceptanceRequested, Who: applicant},
	// The outcome (accepted or not_accepted) is the officer's.
	StepAcceptance: {Action: ActionAcceptance, From: []string{AppAcceptanceRequested}, Who: officer},
	StepClose:      {Action: ActionClose, From: []string{AppAccepted, AppNotAccepted}, To: AppClosed, Who: officer},
}

// Can lists the steps a person may take on an application now; the API
// sends it with every application, and the same table enforces them.
type Can struct {
	Edit              bool `json:"edit"`
	Submit            bool `json:"submit"`
	Withdraw          bool `json:"withdraw"`
	Check             bool `json:"check"`
	Return            bool `json:"return"`
	AssignReviewers   bool `json:"assignReviewers"`
	Score             bool `json:"score"`
	Decide            bool `json:"decide"`
	Agreement         bool `json:"agreement"`
	Disburse          bool `json:"disburse"`
	RequestAcceptance bool `json:"requestAcceptance"`
	Acceptance        bool `json:"acceptance"`
	Close             bool `json:"close"`
	// OpenTransfer: p may open the linked transfer record (its parties
	// and the department); a reviewer reads its summary in the dossier.
	OpenTransfer bool `json:"openTransfer"`
}

// CanOf is what p may do with a now.
func (s *Service) CanOf(p *auth.Principal, a *Application) Can {
	m := s.apps.Can(p, a)
	return Can{
		Edit: m[StepEdit], Submit: m[StepSubmit], Withdraw: m[StepWithdraw], Check: m[StepCheck], Return: m[StepReturn],
		AssignReviewers: m[StepAssignReviewers], Score: m[StepScore], Decide: m[StepDecide], Agreement: m[StepAgreement],
		Disburse: m[StepDisburse], RequestAcceptance: m[StepRequestAcceptance], Acceptance: m[StepAcceptance], Close: m[StepClose],
		OpenTransfer: a.Technology.TransferID != "" && (member(p, a) || isStaff(p)),
	}
}

// machine builds the application's state machine over the service's
// store, audit log and clock.
func (s *Service) machine() *lifecycle.Machine[Application, *Application, Role] {
	return &lifecycle.Machine[Application, *Application, Role]{
		Store: s.s, Coll: ApplicationCollection, Steps: steps,
		Role: RoleOf, Sees: Role.sees, NotFound: ErrApplicationNotFound,
		Subject:  func(a *Application) audit.Subject { return appSubject(*a) },
		StateKey: "state", Audit: s.audit, Now: func() time.Time { return s.now() },
	}
}

func appSubject(a Application) audit.Subject {
	return audit.Subject{Type: "support.application", ID: a.ID, Name: a.Title + " – " + a.OrgName}
}

// CurrentState, Enter and Touch put an application under the lifecycle.
func (a *Application) CurrentState() string { return a.State }

func (a *Application) Enter(e lifecycle.Entry) {
	a.State = e.State
	a.History = append(a.History, Step{State: e.State, At: e.At, Note: e.Note})
}

func (a *Application) Touch(now time.Time) { a.UpdatedAt = now }

// paid adds up the tranches the application records.
func (a *Application) paid() int64 { return ledger.Sum(a.Tranches) }
