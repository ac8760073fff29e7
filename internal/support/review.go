package support

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Audit actions of the appraisal.
const (
	ActionAssignReviewers = "support.application.assign_reviewers"
	ActionScore           = "support.application.score"
)

// A reviewer's declaration about conflicts of interest, made before
// scoring: none (and the scores follow), or one (and the reviewer steps
// aside so that officers assign someone else).
const (
	NoConflict = "no_conflict"
	Conflict   = "conflict"
)

// MaxScore is the top of a criterion's scale; a reviewer's total is
// Σ weight × score / MaxScore, out of 100 because the weights add up to 100.
const MaxScore = 10

// Errors with stable codes.
var ErrAppraisalIncomplete = errs.New(errs.Conflict, "appraisal_incomplete")

// Users finds accounts (reviewers, officers to notify).
type Users interface {
	User(ctx context.Context, id string) (auth.User, error)
	WithRole(ctx context.Context, role string) ([]auth.User, error)
}

// Review is one reviewer's part of an appraisal.
type Review struct {
	ReviewerID   string     `bson:"reviewerId" json:"reviewerId"`
	ReviewerName string     `bson:"reviewerName" json:"reviewerName"`
	AssignedAt   time.Time  `bson:"assignedAt" json:"assignedAt"`
	AssignedBy   string     `bson:"assignedBy" json:"-"`
	Declaration  string     `bson:"declaration,omitempty" json:"declaration,omitempty"`
	Scores       []Score    `bson:"scores,omitempty" json:"scores,omitempty"`
	Total        *float64   `bson:"total,omitempty" json:"total,omitempty"`
	Comment      string     `bson:"comment,omitempty" json:"comment,omitempty"`
	SubmittedAt  *time.Time `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
}

// scored reports whether the review counts towards the appraisal.
func (r Review) scored() bool { return r.SubmittedAt != nil && r.Declaration == NoConflict }

// recused reports whether the reviewer declared a conflict.
func (r Review) recused() bool { return r.Declaration == Conflict }

// Score is a reviewer's mark on one criterion, 0..MaxScore.
type Score struct {
	Code    string `bson:"code" json:"code"`
	Score   int    `bson:"score" json:"score"`
	Comment string `bson:"comment,omitempty" json:"comment,omitempty" rule:"max=2000"`
}

// Appraisal sums up the reviews for officers: the weighted mean of the
// reviewers' totals, its spread (max − min: a wide one is worth a look
// before deciding), and the same per criterion.
type Appraisal struct {
	Complete bool               `json:"complete"`
	Required int                `json:"required"`
	Count    int                `json:"count"`
	Mean     float64            `json:"mean"`
	Min      float64            `json:"min"`
	Max      float64            `json:"max"`
	Spread   float64            `json:"spread"`
	PassMark int                `json:"passMark"`
	Passed   bool               `json:"passed"`
	Criteria []CriterionSummary `json:"criteria"`
}

// CriterionSummary is one criterion's marks across reviewers.
type CriterionSummary struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Weight int     `json:"weight"`
	Mean   float64 `json:"mean"`
	Spread int     `json:"spread"`
}

// total is a reviewer's weighted total out of 100, one decimal.
func total(criteria []Criterion, scores []Score) float64 {
	sum := 0
	for _, c := range criteria {
		if i := slices.IndexFunc(scores, func(s Score) bool { return s.Code == c.Code }); i >= 0 {
			sum += c.Weight * scores[i].Score
		}
	}
	return float64(sum) / MaxScore // weights add up to 100: sum/10 has one decimal
}

// summarize computes the appraisal of a, scored against the criteria the
// reviewers were given.
func summarize(a *Application) *Appraisal {
	if a.Review == nil {
		return nil
	}
	ap := &Appraisal{Required: a.Review.Required, PassMark: a.Review.PassMark, Criteria: []CriterionSummary{}}
	var totals []float64
	pending := false
	for _, r := range a.Reviews {
		switch {
		case r.scored():
			totals = append(totals, total(a.Review.Criteria, r.Scores))
		case !r.recused():
			pending = true
		}
	}
	ap.Count = len(totals)
	ap.Complete = ap.Count >= ap.Required && ap.Required > 0 && !pending
	if ap.Count > 0 {
		sum := 0.0
		for _, t := range totals {
			sum += t
		}
		ap.Mean = round1(sum / float64(ap.Count))
		ap.Min, ap.Max = slices.Min(totals), slices.Max(totals)
		ap.Spread = round1(ap.Max - ap.Min)
		ap.Passed = ap.Mean >= float64(ap.PassMark)
	}
	for _, c := range a.Review.Criteria {
		cs := CriterionSummary{Code: c.Code, Name: c.Name, Weight: c.Weight}
		var marks []int
		for _, r := range a.Reviews {
			if !r.scored() {
				continue
			}
			if i := slices.IndexFunc(r.Scores, func(s Score) bool { return s.Code == c.Code }); i >= 0 {
				marks = append(marks, r.Scores[i].Score)
			}
		}
		if len(marks) > 0 {
			sum := 0
			for _, m := range marks {
				sum += m
			}
			cs.Mean = round1(float64(sum) / float64(len(marks)))
			cs.Spread = slices.Max(marks) - slices.Min(marks)
		}
		ap.Criteria = append(ap.Criteria, cs)
	}
	return ap
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// ReviewPlan is what reviewers score against, copied from the programme
// when they are assigned so that a later change of the programme does not
// change the meaning of scores already given.
type ReviewPlan struct {
	Criteria []Criterion `bson:"criteria" json:"criteria"`
	PassMark int         `bson:"passMark" json:"passMark"`
	Required int         `bson:"required" json:"required"`
}

// isReviewer reports whether p is an assigned reviewer of a (one who
// stepped aside keeps read access until replaced).
func isReviewer(p *auth.Principal, a *Application) bool {
	return p != nil && slices.ContainsFunc(a.Reviews, func(r Review) bool { return r.ReviewerID == p.User.ID })
}

// Reviewer is a person officers may assign, and whether they may not for
// one application (a member of the applicant's organisation).
type Reviewer struct {
	ID       string   `json:"id"`
	FullName string   `json:"fullName"`
	Email    string   `json:"email"`
	OrgNames []string `json:"orgNames"`
	Conflict bool     `json:"conflict"`
}

// Reviewers lists the accounts holding the reviewer role; with an
// application, each says whether it has a conflict with its applicant.
func (s *Service) Reviewers(ctx context.Context, p *auth.Principal, applicationID string) ([]Reviewer, error) {
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
	users, err := s.users.WithRole(ctx, auth.RoleReviewer)
	if err != nil {
		return nil, err
	}
	out := make([]Reviewer, 0, len(users))
	for _, u := range users {
		if u.Disabled {
			continue
		}
		r := Reviewer{ID: u.ID, FullName: u.FullName, Email: u.Email, OrgNames: []string{}}
		for _, id := range u.Orgs {
			if o, err := s.orgs.Get(ctx, id); err == nil {
				r.OrgNames = append(r.OrgNames, o.Name)
			}
		}
		r.Conflict = a.ID != "" && conflicted(u, &a)
		out = append(out, r)
	}
	return out, nil
}

// conflicted reports whether u may not appraise a: a member of the
// applicant, or of the organisation supplying the technology, or someone
// who declared a conflict with it.
func conflicted(u auth.User, a *Application) bool {
	return slices.Contains(u.Orgs, a.OrgID) ||
		(a.Technology.SupplierOrgID != "" && slices.Contains(u.Orgs, a.Technology.SupplierOrgID)) ||
		slices.ContainsFunc(a.Reviews, func(r Review) bool { return r.ReviewerID == u.ID && r.recused() })
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
	var c validate.Checker
	if len(in.ReviewerIDs) != required {
		c.Add("reviewerIds", "count", "expected", required)
	}
	people := map[string]auth.User{}
	for i, uid := range in.ReviewerIDs {
		field := "reviewerIds." + strconv.Itoa(i)
		if slices.Index(in.ReviewerIDs, uid) != i {
			c.Add(field, "duplicate")
			continue
		}
		u, err := s.users.User(ctx, uid)
		switch {
		case errors.Is(err, auth.ErrUserNotFound):
			c.Add(field, "not_a_reviewer")
		case err != nil:
			return a, err
		case !u.HasRole(auth.RoleReviewer) || u.Disabled:
			c.Add(field, "not_a_reviewer")
		case conflicted(u, &a):
			c.Add(field, "conflict_of_interest")
		default:
			people[uid] = u
		}
	}
	if err := c.Err(); err != nil {
		return a, err
	}
	var added, removed []string
	a, err = s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepAssignReviewers, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		// A reviewer who has scored stays: the scores are part of the record.
		for _, r := range a.Reviews {
			if r.scored() && !slices.Contains(in.ReviewerIDs, r.ReviewerID) {
				return errs.Field("reviewerIds", "cannot_remove_scored", "reviewer", r.ReviewerName)
			}
		}
		added, removed = nil, nil // a retried write starts again
		for _, r := range a.Reviews {
			if !slices.Contains(in.ReviewerIDs, r.ReviewerID) && !r.recused() {
				removed = append(removed, r.ReviewerID)
			}
		}
		kept := []Review{}
		for _, uid := range in.ReviewerIDs {
			if i := slices.IndexFunc(a.Reviews, func(r Review) bool { return r.ReviewerID == uid }); i >= 0 {
				kept = append(kept, a.Reviews[i])
				continue
			}
			kept = append(kept, Review{ReviewerID: uid, ReviewerName: people[uid].FullName, AssignedAt: now, AssignedBy: p.User.ID})
			added = append(added, uid)
		}
		a.Reviews = kept
		if a.Review == nil {
			a.Review = &ReviewPlan{Criteria: slices.Clone(pr.Criteria), PassMark: pr.PassMark, Required: required}
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

// ScoreInput is a reviewer's declaration and marks.
type ScoreInput struct {
	Declaration string  `json:"declaration" rule:"required"`
	Scores      []Score `json:"scores"`
	Comment     string  `json:"comment" rule:"max=4000"`
}

var scoreRules = validate.RulesOf[ScoreInput]()

// SubmitScores records an assigned reviewer's declaration and, without a
// conflict, a mark for every criterion. It may be sent again until the
// decision; the last one counts.
func (s *Service) SubmitScores(ctx context.Context, p *auth.Principal, id string, in ScoreInput, ifVersion int64) (Application, error) {
	var c validate.Checker
	if in.Declaration == "" {
		c.Add("declaration", "required")
	} else {
		c.OneOf("declaration", in.Declaration, []string{NoConflict, Conflict})
	}
	in.Comment = validate.Multiline(in.Comment)
	c.Optional("comment", in.Comment, scoreRules.Of("comment").Max)
	for i := range in.Scores {
		// Named by criterion, as the marks are; by place only without a code.
		name := in.Scores[i].Code
		if name == "" || strings.ContainsAny(name, ". ") {
			name = strconv.Itoa(i)
		}
		in.Scores[i].Comment = validate.Multiline(in.Scores[i].Comment)
		c.Optional("scores."+name+".comment", in.Scores[i].Comment, scoreRules.Of("scores.comment").Max)
	}
	if err := c.Err(); err != nil {
		return Application{}, err
	}
	var complete bool
	a, err := s.apps.Apply(ctx, p, id, lifecycle.Move[*Application]{Step: StepScore, Version: ifVersion, Change: func(a *Application, now time.Time) error {
		r := &a.Reviews[slices.IndexFunc(a.Reviews, func(r Review) bool { return r.ReviewerID == p.User.ID })]
		if in.Declaration == Conflict {
			r.Declaration, r.Scores, r.Total, r.Comment, r.SubmittedAt = Conflict, nil, nil, in.Comment, &now
		} else {
			scores, err := checkScores(a.Review.Criteria, in.Scores)
			if err != nil {
				return err
			}
			t := total(a.Review.Criteria, scores)
			r.Declaration, r.Scores, r.Total, r.Comment, r.SubmittedAt = NoConflict, scores, &t, in.Comment, &now
		}
		complete = summarize(a).Complete
		return nil
	}, Changes: func(_, after *Application) map[string]audit.Change {
		changes := map[string]audit.Change{"declaration": {To: in.Declaration}}
		if i := slices.IndexFunc(after.Reviews, func(r Review) bool { return r.ReviewerID == p.User.ID }); i >= 0 && after.Reviews[i].Total != nil {
			changes["total"] = audit.Change{To: *after.Reviews[i].Total}
		}
		return changes
	}})
	if err != nil {
		return a, err
	}
	switch {
	case in.Declaration == Conflict:
		s.tellOfficers(ctx, a, "reviewer_recused", map[string]string{"reviewer": p.User.FullName})
	case complete:
		s.tellOfficers(ctx, a, "appraisal_complete", nil)
	}
	return a, nil
}

// checkScores requires one mark in 0..MaxScore for every criterion and
// nothing else, and returns them in the criteria's order.
func checkScores(criteria []Criterion, in []Score) ([]Score, error) {
	var c validate.Checker
	for i, s := range in {
		if !slices.ContainsFunc(criteria, func(x Criterion) bool { return x.Code == s.Code }) {
			c.Add("scores."+strconv.Itoa(i)+".code", "invalid_choice")
		}
	}
	out := make([]Score, 0, len(criteria))
	for _, cr := range criteria {
		field := "scores." + cr.Code
		var found []Score
		for _, s := range in {
			if s.Code == cr.Code {
				found = append(found, s)
			}
		}
		switch {
		case len(found) == 0:
			c.Add(field, "required")
		case len(found) > 1:
			c.Add(field, "duplicate")
		case found[0].Score < 0 || found[0].Score > MaxScore:
			c.Add(field, "out_of_range", "min", 0, "max", MaxScore)
		default:
			out = append(out, found[0])
		}
	}
	return out, c.Err()
}
