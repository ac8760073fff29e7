// Package council is the engine of an appraisal council: the criteria a
// proposal is scored on, each member's review (a declaration about
// conflicts of interest first, then a mark per criterion), the weighted
// total, the summary officers decide on, and the rules of who may sit on
// a council. It works on values: which document holds the reviews, and
// the conditional write that changes it, belong to the caller (support's
// applications, commissioned tasks).
package council

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/validate"
)

// A member's declaration about conflicts of interest, made before
// scoring: none (and the scores follow), or one (and the member steps
// aside so that officers assign someone else).
const (
	NoConflict = "no_conflict"
	Conflict   = "conflict"
)

// MaxScore is the top of a criterion's scale; a member's total is
// Σ weight × score / MaxScore, out of 100 because the weights add up to 100.
const MaxScore = 10

// ErrNotAssigned refuses scores from someone who is not (or no longer) a
// member of the council: not assigned, or stepped aside.
var ErrNotAssigned = lifecycle.ErrInvalidTransition

// Criterion is one appraisal criterion; weights add up to 100.
type Criterion struct {
	Code   string `bson:"code" json:"code"`
	Name   string `bson:"name" json:"name" rule:"min=2,max=300"`
	Weight int    `bson:"weight" json:"weight" rule:"min=1,max=100"`
}

var criterionRules = validate.RulesOf[Criterion]()

// CheckCriteria normalises criteria entered on field (names as text, a
// missing code made "c1", "c2"… by place) and checks each name and weight
// and that there are at most max; whether the weights add up to 100 is
// CheckWeights', once the criteria are complete.
func CheckCriteria(c *validate.Checker, field string, in []Criterion, max int) []Criterion {
	out := make([]Criterion, 0, len(in))
	name, weight := criterionRules.Of("name"), criterionRules.Of("weight")
	for i, cr := range in {
		at := field + "." + strconv.Itoa(i)
		cr.Name = validate.Text(cr.Name)
		if cr.Code == "" {
			cr.Code = "c" + strconv.Itoa(i+1)
		}
		c.Name(at+".name", cr.Name, name.Min, name.Max)
		if cr.Weight < weight.Min || cr.Weight > weight.Max {
			c.Add(at+".weight", "out_of_range", "min", weight.Min, "max", weight.Max)
		}
		out = append(out, cr)
	}
	if len(out) > max {
		c.Add(field, "too_many", "max", max)
	}
	return out
}

// CheckWeights adds a problem on field unless the criteria's weights add
// up to 100 (no criteria: nothing to check).
func CheckWeights(c *validate.Checker, field string, criteria []Criterion) {
	if len(criteria) == 0 {
		return
	}
	sum := 0
	for _, cr := range criteria {
		sum += cr.Weight
	}
	if sum != 100 {
		c.Add(field, "weights_not_100", "sum", sum)
	}
}

// Plan is what members score against, copied from the call when they are
// assigned so that a later change of the call does not change the
// meaning of scores already given.
type Plan struct {
	Criteria []Criterion `bson:"criteria" json:"criteria"`
	PassMark int         `bson:"passMark" json:"passMark"`
	Required int         `bson:"required" json:"required"`
}

// Review is one member's part of an appraisal.
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

// Scored reports whether the review counts towards the appraisal.
func (r Review) Scored() bool { return r.SubmittedAt != nil && r.Declaration == NoConflict }

// Recused reports whether the member declared a conflict.
func (r Review) Recused() bool { return r.Declaration == Conflict }

// Score is a member's mark on one criterion, 0..MaxScore.
type Score struct {
	Code    string `bson:"code" json:"code"`
	Score   int    `bson:"score" json:"score"`
	Comment string `bson:"comment,omitempty" json:"comment,omitempty" rule:"max=2000"`
}

// Member reports whether userID is assigned to the council (one who
// stepped aside stays a member, with read access, until replaced).
func Member(reviews []Review, userID string) bool {
	return slices.ContainsFunc(reviews, func(r Review) bool { return r.ReviewerID == userID })
}

// Total is a member's weighted total out of 100, one decimal.
func Total(criteria []Criterion, scores []Score) float64 {
	sum := 0
	for _, c := range criteria {
		if i := slices.IndexFunc(scores, func(s Score) bool { return s.Code == c.Code }); i >= 0 {
			sum += c.Weight * scores[i].Score
		}
	}
	return float64(sum) / MaxScore // weights add up to 100: sum/10 has one decimal
}

// Appraisal sums up the reviews for officers: the mean of the members'
// totals, its spread (max − min: a wide one is worth a look before
// deciding), and the same per criterion.
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

// CriterionSummary is one criterion's marks across members.
type CriterionSummary struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Weight int     `json:"weight"`
	Mean   float64 `json:"mean"`
	Spread int     `json:"spread"`
}

// Summarize computes the appraisal of reviews scored against plan; nil
// before any member was assigned (no plan). It is complete when the
// required number have scored and nobody assigned is still to score;
// members who stepped aside do not count.
func Summarize(plan *Plan, reviews []Review) *Appraisal {
	if plan == nil {
		return nil
	}
	ap := &Appraisal{Required: plan.Required, PassMark: plan.PassMark, Criteria: []CriterionSummary{}}
	var totals []float64
	pending := false
	for _, r := range reviews {
		switch {
		case r.Scored():
			totals = append(totals, Total(plan.Criteria, r.Scores))
		case !r.Recused():
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
	for _, c := range plan.Criteria {
		cs := CriterionSummary{Code: c.Code, Name: c.Name, Weight: c.Weight}
		var marks []int
		for _, r := range reviews {
			if !r.Scored() {
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

// Conflicted reports whether u may not appraise: a member of one of orgs
// (the applicant, the organisation supplying the technology…; empty ids
// are ignored), or someone who declared a conflict in reviews.
func Conflicted(u auth.User, orgs []string, reviews []Review) bool {
	for _, o := range orgs {
		if o != "" && slices.Contains(u.Orgs, o) {
			return true
		}
	}
	return slices.ContainsFunc(reviews, func(r Review) bool { return r.ReviewerID == u.ID && r.Recused() })
}

// Reviewer is a person officers may put on a council, and whether they may
// not sit on this one (see Conflicted).
type Reviewer struct {
	ID       string   `json:"id"`
	FullName string   `json:"fullName"`
	Email    string   `json:"email"`
	OrgNames []string `json:"orgNames"`
	Conflict bool     `json:"conflict"`
}

// Reviewers lists the enabled accounts holding the reviewer role (found by
// withRole), each with the names of its organisations (orgName; one it
// cannot name is left out) and whether conflicted says it may not sit on
// the council at hand.
func Reviewers(ctx context.Context, withRole func(ctx context.Context, role string) ([]auth.User, error),
	orgName func(ctx context.Context, id string) (string, error), conflicted func(auth.User) bool) ([]Reviewer, error) {
	users, err := withRole(ctx, auth.RoleReviewer)
	if err != nil {
		return nil, err
	}
	out := make([]Reviewer, 0, len(users))
	for _, u := range users {
		if u.Disabled {
			continue
		}
		r := Reviewer{ID: u.ID, FullName: u.FullName, Email: u.Email, OrgNames: []string{}, Conflict: conflicted(u)}
		for _, id := range u.Orgs {
			if name, err := orgName(ctx, id); err == nil {
				r.OrgNames = append(r.OrgNames, name)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// CheckAssignment checks a council's composition: exactly required people
// (when required > 0), none twice, each an enabled account holding the
// reviewer role, none conflicted (see Conflicted). lookup finds an
// account (auth.ErrUserNotFound: not a reviewer; another error stops the
// check and is returned as it is). The problems are field errors on
// field ("reviewerIds", "reviewerIds.1"); the people found come back by
// id.
func CheckAssignment(field string, ids []string, required int, orgs []string, reviews []Review, lookup func(id string) (auth.User, error)) (map[string]auth.User, error) {
	var c validate.Checker
	if required > 0 && len(ids) != required {
		c.Add(field, "count", "expected", required)
	}
	people := map[string]auth.User{}
	for i, uid := range ids {
		f := field + "." + strconv.Itoa(i)
		if slices.Index(ids, uid) != i {
			c.Add(f, "duplicate")
			continue
		}
		u, err := lookup(uid)
		switch {
		case errors.Is(err, auth.ErrUserNotFound):
			c.Add(f, "not_a_reviewer")
		case err != nil:
			return nil, err
		case !u.HasRole(auth.RoleReviewer) || u.Disabled:
			c.Add(f, "not_a_reviewer")
		case Conflicted(u, orgs, reviews):
			c.Add(f, "conflict_of_interest")
		default:
			people[uid] = u
		}
	}
	return people, c.Err()
}

// Assign makes the council the people of ids (checked by CheckAssignment),
// in that order: members already assigned keep their review, new ones
// start one (assigned at now by by). A member who has scored may not be
// removed: the scores are part of the record. It returns the new reviews
// and who was added and removed (members who stepped aside are not
// "removed": they left already); a refusal is a problem on field.
func Assign(field string, reviews []Review, ids []string, people map[string]auth.User, by string, now time.Time) (out []Review, added, removed []string, err error) {
	for _, r := range reviews {
		if r.Scored() && !slices.Contains(ids, r.ReviewerID) {
			return nil, nil, nil, errs.Field(field, "cannot_remove_scored", "reviewer", r.ReviewerName)
		}
	}
	for _, r := range reviews {
		if !slices.Contains(ids, r.ReviewerID) && !r.Recused() {
			removed = append(removed, r.ReviewerID)
		}
	}
	out = []Review{}
	for _, uid := range ids {
		if i := slices.IndexFunc(reviews, func(r Review) bool { return r.ReviewerID == uid }); i >= 0 {
			out = append(out, reviews[i])
			continue
		}
		out = append(out, Review{ReviewerID: uid, ReviewerName: people[uid].FullName, AssignedAt: now, AssignedBy: by})
		added = append(added, uid)
	}
	return out, added, removed, nil
}

// ScoreInput is a member's declaration and marks.
type ScoreInput struct {
	Declaration string  `json:"declaration" rule:"required"`
	Scores      []Score `json:"scores"`
	Comment     string  `json:"comment" rule:"max=4000"`
}

var scoreRules = validate.RulesOf[ScoreInput]()

// Check normalises in and checks what does not depend on the criteria:
// the declaration, and the comments' lengths.
func (in *ScoreInput) Check() error {
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
	return c.Err()
}

// Submit records member userID's declaration and, without a conflict, a
// mark for every criterion of plan (see CheckScores), at now. It may be
// sent again until the decision; the last one counts. in must have
// passed Check. It returns new reviews (reviews is not changed), or
// ErrNotAssigned for someone not on the council or who stepped aside.
func Submit(plan Plan, reviews []Review, userID string, in ScoreInput, now time.Time) ([]Review, error) {
	i := slices.IndexFunc(reviews, func(r Review) bool { return r.ReviewerID == userID })
	if i < 0 || reviews[i].Recused() {
		return nil, ErrNotAssigned
	}
	out := slices.Clone(reviews)
	r := &out[i]
	if in.Declaration == Conflict {
		r.Declaration, r.Scores, r.Total, r.Comment, r.SubmittedAt = Conflict, nil, nil, in.Comment, &now
		return out, nil
	}
	scores, err := CheckScores(plan.Criteria, in.Scores)
	if err != nil {
		return nil, err
	}
	t := Total(plan.Criteria, scores)
	r.Declaration, r.Scores, r.Total, r.Comment, r.SubmittedAt = NoConflict, scores, &t, in.Comment, &now
	return out, nil
}

// CheckScores requires one mark in 0..MaxScore for every criterion and
// nothing else, and returns them in the criteria's order.
func CheckScores(criteria []Criterion, in []Score) ([]Score, error) {
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
