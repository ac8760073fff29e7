package support

import (
	"context"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
)

// Audit actions of the appraisal.
const (
	ActionAssignReviewers = "support.application.assign_reviewers"
	ActionScore           = "support.application.score"
)

// Errors with stable codes.
var ErrAppraisalIncomplete = errs.New(errs.Conflict, "appraisal_incomplete")

// Users finds accounts (reviewers, officers to notify).
type Users interface {
	User(ctx context.Context, id string) (auth.User, error)
	WithRole(ctx context.Context, role string) ([]auth.User, error)
}

// summarize computes the appraisal of a, scored against the criteria the
// reviewers were given.
func summarize(a *Application) *council.Appraisal { return council.Summarize(a.Review, a.Reviews) }

// isReviewer reports whether p is an assigned reviewer of a (one who
// stepped aside keeps read access until replaced).
func isReviewer(p *auth.Principal, a *Application) bool {
	return p != nil && council.Member(a.Reviews, p.User.ID)
}

// Reviewers lists the accounts holding the reviewer role; with an
// application, each says whether it has a conflict with its applicant.
func (s *Service) Reviewers(ctx context.Context, p *auth.Principal, applicationID string) ([]council.Reviewer, error) {
	if !isStaff(p) {
		return nil, errs.ErrForbidden
	}
	var a Application
	if applicationID != "" {
		var err error
		if a, err = s.GetApplication(ctx, p, applicationID); err != nil {
			return nil, err
		}
	}
	orgName := func(ctx context.Context, id string) (string, error) {
		o, err := s.orgs.Get(ctx, id)
		return o.Name, err
	}
	return council.Reviewers(ctx, s.users.WithRole, orgName, func(u auth.User) bool { return a.ID != "" && conflicted(u, &a) })
}

// conflicted reports whether u may not appraise a: a member of the
// applicant, or of the organisation supplying the technology, or someone
// who declared a conflict with it.
func conflicted(u auth.User, a *Application) bool {
	return council.Conflicted(u, []string{a.OrgID, a.Technology.SupplierOrgID}, a.Reviews)
}

// AssignReviewersInput names the reviewers.
type AssignReviewersInput struct {
	ReviewerIDs []string `json:"reviewerIds"`
}

// AssignReviewers sends a complete dossier to appraisal by the programme's
// number of reviewers, or (during appraisal) replaces those who have not
// scored. A member of the applicant's organisation, or someone who has
// declared a conflict with it, is refused.
func (s *Service) AssignReviewers(ctx context.Context, p *auth.Principal, id string, in AssignReviewersInput, ifVersion int64) (Application, error) {
	if !isStaff(p) {
		return Application{}, errs.ErrForbidden
	}
	a, pr, err := s.withProgram(ctx, p, id)
	if err != nil {
		return a, err
	}
	required := max(pr.Reviewers, 1)
	if a.Review != nil {
		required = a.Review.Required
	}
	people, err := council.CheckAssignment("reviewerIds", in.ReviewerIDs, required, []string{a.OrgID, a.Technology.SupplierOrgID}, a.Reviews,
		func(id string) (auth.User, error) { return s.users.User(ctx, id) })
	if err != nil {
		return a, err
	}
	var added, removed []string
	a, err = s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepAssignReviewers, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		var err error // a retried write starts again
		a.Reviews, added, removed, err = council.Assign("reviewerIds", a.Reviews, in.ReviewerIDs, people, p.User.ID, now)
		if err != nil {
			return err
		}
		if a.Review == nil {
			a.Review = &council.Plan{Criteria: slices.Clone(pr.Criteria), PassMark: pr.PassMark, Required: required}
		}
		return nil
	}, Changes: func(_, after *Application) map[string]audit.Change {
		names := make([]string, 0, len(after.Reviews))
		for _, r := range after.Reviews {
			names = append(names, r.ReviewerName)
		}
		return map[string]audit.Change{"reviewers": {To: names}}
	}})
	if err != nil {
		return a, err
	}
	s.tell(ctx, added, a, "reviewer_assigned", nil)
	s.tell(ctx, removed, a, "reviewer_unassigned", nil)
	return a, nil
}

// SubmitScores records an assigned reviewer's declaration and, without a
// conflict, a mark for every criterion. It may be sent again until the
// decision; the last one counts.
func (s *Service) SubmitScores(ctx context.Context, p *auth.Principal, id string, in council.ScoreInput, ifVersion int64) (Application, error) {
	if err := in.Check(); err != nil {
		return Application{}, err
	}
	var complete bool
	a, err := s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepScore, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		reviews, err := council.Submit(*a.Review, a.Reviews, p.User.ID, in, now)
		if err != nil {
			return err
		}
		a.Reviews = reviews
		complete = summarize(a).Complete
		return nil
	}, Changes: func(_, after *Application) map[string]audit.Change {
		changes := map[string]audit.Change{"declaration": {To: in.Declaration}}
		if i := slices.IndexFunc(after.Reviews, func(r council.Review) bool { return r.ReviewerID == p.User.ID }); i >= 0 && after.Reviews[i].Total != nil {
			changes["total"] = audit.Change{To: *after.Reviews[i].Total}
		}
		return changes
	}})
	if err != nil {
		return a, err
	}
	switch {
	case in.Declaration == council.Conflict:
		s.tellOfficers(ctx, a, "reviewer_recused", map[string]string{"reviewer": p.User.FullName})
	case complete:
		s.tellOfficers(ctx, a, "appraisal_complete", nil)
	}
	return a, nil
}
