package council

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

var criteria = []Criterion{{Code: "novelty", Name: "Tính mới", Weight: 30}, {Code: "feasibility", Name: "Khả thi", Weight: 25},
	{Code: "impact", Name: "Hiệu quả", Weight: 30}, {Code: "capacity", Name: "Năng lực", Weight: 15}}

func marks(n, f, i, c int) []Score {
	return []Score{{Code: "novelty", Score: n}, {Code: "feasibility", Score: f}, {Code: "impact", Score: i}, {Code: "capacity", Score: c}}
}

// fieldsOf lists a validation error's problems as "field:code".
func fieldsOf(err error) []string {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

// TestTotal: a member's total is Σ weight × score / 10, out of 100.
func TestTotal(t *testing.T) {
	cases := []struct {
		name   string
		scores []Score
		want   float64
	}{
		{"all tens", marks(10, 10, 10, 10), 100},
		{"all zeros", marks(0, 0, 0, 0), 0},
		{"mixed", marks(8, 7, 9, 5), 76},         // (240 + 175 + 270 + 75) / 10
		{"one decimal", marks(7, 7, 7, 8), 71.5}, // (210 + 175 + 210 + 120) / 10
		{"a mark missing counts 0", marks(10, 10, 10, 10)[:3], 85},
	}
	for _, c := range cases {
		if got := Total(criteria, c.scores); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCheckCriteria: names as text, codes by place when missing, names
// and weights within their rules, at most max.
func TestCheckCriteria(t *testing.T) {
	var ch validate.Checker
	out := CheckCriteria(&ch, "criteria", []Criterion{{Name: "  Tính   mới ", Weight: 60}, {Code: "own", Name: "Khả thi", Weight: 40}}, 20)
	if ch.Err() != nil || len(out) != 2 || out[0].Code != "c1" || out[0].Name != "Tính mới" || out[1].Code != "own" {
		t.Errorf("valid: %v %+v", ch.Err(), out)
	}
	cases := []struct {
		name string
		in   []Criterion
		max  int
		want []string
	}{
		{"short name", []Criterion{{Name: "x", Weight: 50}}, 20, []string{"criteria.0.name:too_short"}},
		{"weight 0", []Criterion{{Name: "Tính mới", Weight: 0}}, 20, []string{"criteria.0.weight:out_of_range"}},
		{"weight 101", []Criterion{{Name: "Tính mới", Weight: 10}, {Name: "Khả thi", Weight: 101}}, 20, []string{"criteria.1.weight:out_of_range"}},
		{"too many", []Criterion{{Name: "Tính mới", Weight: 50}, {Name: "Khả thi", Weight: 50}}, 1, []string{"criteria:too_many"}},
	}
	for _, c := range cases {
		var ch validate.Checker
		CheckCriteria(&ch, "criteria", c.in, c.max)
		if got := fieldsOf(ch.Err()); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCheckWeights: the weights add up to 100, or the field says what
// they add up to.
func TestCheckWeights(t *testing.T) {
	cases := []struct {
		name     string
		criteria []Criterion
		want     string
	}{
		{"100", criteria, ""},
		{"none", nil, ""},
		{"90", criteria[1:], "criteria:weights_not_100"},
		{"110", append(slices.Clone(criteria), Criterion{Code: "x", Weight: 10}), "criteria:weights_not_100"},
	}
	for _, c := range cases {
		var ch validate.Checker
		CheckWeights(&ch, "criteria", c.criteria)
		if got := strings.Join(fieldsOf(ch.Err()), ","); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSummarize: the mean and spread count scored reviews only; a member
// still to score keeps it incomplete, one who stepped aside does not
// count at all.
func TestSummarize(t *testing.T) {
	now := time.Now()
	scored := func(s []Score) Review {
		tot := Total(criteria, s)
		return Review{Declaration: NoConflict, Scores: s, Total: &tot, SubmittedAt: &now}
	}
	plan := &Plan{Criteria: criteria, PassMark: 70, Required: 2}
	cases := []struct {
		name     string
		reviews  []Review
		complete bool
		count    int
		mean     float64
		spread   float64
		passed   bool
	}{
		{"none yet", []Review{{}, {}}, false, 0, 0, 0, false},
		{"one of two", []Review{scored(marks(8, 8, 8, 8)), {}}, false, 1, 80, 0, true},
		{"two, apart", []Review{scored(marks(9, 9, 9, 9)), scored(marks(5, 5, 5, 5))}, true, 2, 70, 40, true},
		{"below the pass mark", []Review{scored(marks(6, 6, 6, 6)), scored(marks(7, 7, 7, 7))}, true, 2, 65, 10, false},
		{"one stepped aside", []Review{scored(marks(8, 8, 8, 8)), {Declaration: Conflict, SubmittedAt: &now}}, false, 1, 80, 0, true},
		{"a replacement scored", []Review{scored(marks(8, 8, 8, 8)), {Declaration: Conflict, SubmittedAt: &now}, scored(marks(6, 6, 6, 6))}, true, 2, 70, 20, true},
		{"declared but not sent", []Review{scored(marks(8, 8, 8, 8)), {Declaration: NoConflict}}, false, 1, 80, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ap := Summarize(plan, c.reviews)
			if ap.Complete != c.complete || ap.Count != c.count || ap.Mean != c.mean || ap.Spread != c.spread || ap.Passed != c.passed {
				t.Errorf("got complete=%v count=%d mean=%v spread=%v passed=%v", ap.Complete, ap.Count, ap.Mean, ap.Spread, ap.Passed)
			}
			if len(ap.Criteria) != len(criteria) {
				t.Errorf("%d criteria summed", len(ap.Criteria))
			}
		})
	}
	t.Run("per criterion", func(t *testing.T) {
		ap := Summarize(plan, []Review{scored(marks(9, 2, 8, 8)), scored(marks(6, 3, 8, 8)), {Declaration: Conflict, SubmittedAt: &now}})
		if c := ap.Criteria[0]; c.Code != "novelty" || c.Mean != 7.5 || c.Spread != 3 || c.Weight != 30 || c.Name != "Tính mới" {
			t.Errorf("novelty: %+v", c)
		}
		if c := ap.Criteria[1]; c.Mean != 2.5 || c.Spread != 1 {
			t.Errorf("feasibility: %+v", c)
		}
		if ap.Min != 61.5 || ap.Max != 68 || ap.Spread != 6.5 {
			t.Errorf("min %v max %v", ap.Min, ap.Max)
		}
	})
	t.Run("none required is never complete", func(t *testing.T) {
		if Summarize(&Plan{Criteria: criteria}, nil).Complete {
			t.Error("complete without members")
		}
	})
	if Summarize(nil, nil) != nil {
		t.Error("an appraisal before any member")
	}
}

// TestCheckScores: one mark per criterion, in range, nothing unknown.
func TestCheckScores(t *testing.T) {
	cases := []struct {
		name  string
		in    []Score
		field string // "" = valid
	}{
		{"complete", marks(1, 2, 3, 4), ""},
		{"bounds", marks(0, 10, 0, 10), ""},
		{"missing one", marks(1, 2, 3, 4)[:3], "scores.capacity:required"},
		{"too high", marks(11, 2, 3, 4), "scores.novelty:out_of_range"},
		{"negative", marks(1, -1, 3, 4), "scores.feasibility:out_of_range"},
		{"twice", append(marks(1, 2, 3, 4), Score{Code: "impact", Score: 5}), "scores.impact:duplicate"},
		{"unknown", append(marks(1, 2, 3, 4), Score{Code: "luck", Score: 5}), "scores.4.code:invalid_choice"},
	}
	for _, c := range cases {
		out, err := CheckScores(criteria, c.in)
		switch {
		case c.field == "" && (err != nil || len(out) != len(criteria)):
			t.Errorf("%s: %v %v", c.name, out, err)
		case c.field != "" && !slices.Contains(fieldsOf(err), c.field):
			t.Errorf("%s: want %s, got %v", c.name, c.field, fieldsOf(err))
		}
	}
	// Returned in the criteria's order, whatever the order sent.
	out, _ := CheckScores(criteria, []Score{{Code: "capacity", Score: 1}, {Code: "impact", Score: 2}, {Code: "feasibility", Score: 3}, {Code: "novelty", Score: 4}})
	if out[0].Code != "novelty" || out[3].Code != "capacity" {
		t.Errorf("order %v", out)
	}
}

// TestConflicted: a member of a named organisation, or someone who
// stepped aside, may not appraise; empty organisation ids match nobody.
func TestConflicted(t *testing.T) {
	now := time.Now()
	reviews := []Review{{ReviewerID: "gone", Declaration: Conflict, SubmittedAt: &now}, {ReviewerID: "fine", Declaration: NoConflict, SubmittedAt: &now}}
	cases := []struct {
		name string
		u    auth.User
		orgs []string
		want bool
	}{
		{"applicant's member", auth.User{ID: "u", Orgs: []string{"x", "applicant"}}, []string{"applicant", "supplier"}, true},
		{"supplier's member", auth.User{ID: "u", Orgs: []string{"supplier"}}, []string{"applicant", "supplier"}, true},
		{"unrelated", auth.User{ID: "u", Orgs: []string{"x"}}, []string{"applicant", "supplier"}, false},
		{"no organisation, empty id named", auth.User{ID: "u"}, []string{"applicant", ""}, false},
		{"stepped aside before", auth.User{ID: "gone"}, []string{"applicant"}, true},
		{"scored before", auth.User{ID: "fine"}, []string{"applicant"}, false},
	}
	for _, c := range cases {
		if got := Conflicted(c.u, c.orgs, reviews); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCheckAssignment: the required count, no one twice, enabled
// reviewers only, nobody conflicted; a lookup failure is not a field
// problem.
func TestCheckAssignment(t *testing.T) {
	users := map[string]auth.User{
		"r1":       {ID: "r1", FullName: "A", Roles: []string{auth.RoleReviewer}},
		"r2":       {ID: "r2", FullName: "B", Roles: []string{auth.RoleReviewer}, Orgs: []string{"other"}},
		"member":   {ID: "member", Roles: []string{auth.RoleReviewer}, Orgs: []string{"applicant"}},
		"officer":  {ID: "officer", Roles: []string{auth.RoleOfficer}},
		"disabled": {ID: "disabled", Roles: []string{auth.RoleReviewer}, Disabled: true},
	}
	broken := errors.New("store down")
	lookup := func(id string) (auth.User, error) {
		if id == "broken" {
			return auth.User{}, broken
		}
		u, ok := users[id]
		if !ok {
			return u, auth.ErrUserNotFound
		}
		return u, nil
	}
	cases := []struct {
		name     string
		ids      []string
		required int
		want     []string
	}{
		{"two reviewers", []string{"r1", "r2"}, 2, nil},
		{"any number", []string{"r1"}, 0, nil},
		{"too few", []string{"r1"}, 2, []string{"reviewerIds:count"}},
		{"twice", []string{"r1", "r1"}, 2, []string{"reviewerIds.1:duplicate"}},
		{"unknown", []string{"r1", "nobody"}, 2, []string{"reviewerIds.1:not_a_reviewer"}},
		{"not a reviewer", []string{"officer", "r1"}, 2, []string{"reviewerIds.0:not_a_reviewer"}},
		{"disabled", []string{"r1", "disabled"}, 2, []string{"reviewerIds.1:not_a_reviewer"}},
		{"conflicted", []string{"member", "r2"}, 2, []string{"reviewerIds.0:conflict_of_interest"}},
	}
	for _, c := range cases {
		people, err := CheckAssignment("reviewerIds", c.ids, c.required, []string{"applicant"}, nil, lookup)
		if got := fieldsOf(err); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if c.want == nil && len(people) != len(c.ids) {
			t.Errorf("%s: %d people found", c.name, len(people))
		}
	}
	if _, err := CheckAssignment("reviewerIds", []string{"r1", "broken"}, 2, nil, nil, lookup); !errors.Is(err, broken) {
		t.Errorf("a failed lookup: %v", err)
	}
}

// TestAssign: members kept keep their review, new ones start one, those
// dropped are reported, and a member who scored cannot be dropped.
func TestAssign(t *testing.T) {
	then, now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	people := map[string]auth.User{"r3": {ID: "r3", FullName: "C"}}
	reviews := []Review{
		{ReviewerID: "r1", ReviewerName: "A", AssignedAt: then},
		{ReviewerID: "r2", ReviewerName: "B", AssignedAt: then, Declaration: Conflict, SubmittedAt: &then},
		{ReviewerID: "r4", ReviewerName: "D", AssignedAt: then},
	}
	out, added, removed, err := Assign("reviewerIds", reviews, []string{"r1", "r3"}, people, "officer", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].AssignedAt != then || out[1].ReviewerName != "C" || out[1].AssignedBy != "officer" || out[1].AssignedAt != now {
		t.Errorf("reviews %+v", out)
	}
	if !slices.Equal(added, []string{"r3"}) || !slices.Equal(removed, []string{"r4"}) { // r2 stepped aside: not removed
		t.Errorf("added %v removed %v", added, removed)
	}
	reviews[0].Declaration, reviews[0].SubmittedAt = NoConflict, &then
	if _, _, _, err := Assign("reviewerIds", reviews, []string{"r3", "r4"}, people, "officer", now); !slices.Equal(fieldsOf(err), []string{"reviewerIds:cannot_remove_scored"}) {
		t.Errorf("dropping a member who scored: %v", err)
	}
	if out, _, _, _ := Assign("reviewerIds", nil, nil, nil, "officer", now); out == nil {
		t.Error("no members: nil, want an empty list")
	}
}

// TestScoreInputCheck: a declaration is required and known; comments
// are bounded, named by criterion.
func TestScoreInputCheck(t *testing.T) {
	long := strings.Repeat("a", 2001)
	cases := []struct {
		name string
		in   ScoreInput
		want []string
	}{
		{"scores", ScoreInput{Declaration: NoConflict, Scores: marks(1, 2, 3, 4), Comment: " ok "}, nil},
		{"conflict", ScoreInput{Declaration: Conflict}, nil},
		{"no declaration", ScoreInput{}, []string{"declaration:required"}},
		{"unknown declaration", ScoreInput{Declaration: "maybe"}, []string{"declaration:invalid_choice"}},
		{"long comment", ScoreInput{Declaration: NoConflict, Comment: strings.Repeat("a", 4001)}, []string{"comment:too_long"}},
		{"long mark comment", ScoreInput{Declaration: NoConflict, Scores: []Score{{Code: "impact", Comment: long}, {Comment: long}}},
			[]string{"scores.impact.comment:too_long", "scores.1.comment:too_long"}},
	}
	for _, c := range cases {
		err := c.in.Check()
		if got := fieldsOf(err); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSubmit: the declaration first; without a conflict a mark for every
// criterion and the total; the last submission counts; only members who
// have not stepped aside may submit; the reviews given are not changed.
func TestSubmit(t *testing.T) {
	plan := Plan{Criteria: criteria, PassMark: 70, Required: 2}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	reviews := []Review{{ReviewerID: "r1"}, {ReviewerID: "r2"}}

	out, err := Submit(plan, reviews, "r1", ScoreInput{Declaration: NoConflict, Scores: marks(8, 7, 9, 5), Comment: "good"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if r := out[0]; !r.Scored() || *r.Total != 76 || r.Comment != "good" || !r.SubmittedAt.Equal(now) || len(r.Scores) != 4 {
		t.Errorf("scored review %+v", r)
	}
	if reviews[0].SubmittedAt != nil {
		t.Error("the reviews given were changed")
	}
	again, err := Submit(plan, out, "r1", ScoreInput{Declaration: NoConflict, Scores: marks(10, 10, 10, 10)}, now.Add(time.Hour))
	if err != nil || *again[0].Total != 100 {
		t.Errorf("sent again: %v %v", err, again[0].Total)
	}
	recused, err := Submit(plan, out, "r2", ScoreInput{Declaration: Conflict, Scores: marks(1, 1, 1, 1), Comment: "my former employer"}, now)
	if err != nil || !recused[1].Recused() || recused[1].Scores != nil || recused[1].Total != nil || recused[1].SubmittedAt == nil {
		t.Errorf("stepped aside: %v %+v", err, recused[1])
	}
	if _, err := Submit(plan, recused, "r2", ScoreInput{Declaration: NoConflict, Scores: marks(1, 1, 1, 1)}, now); !errors.Is(err, ErrNotAssigned) {
		t.Errorf("after stepping aside: %v", err)
	}
	if _, err := Submit(plan, reviews, "stranger", ScoreInput{Declaration: NoConflict, Scores: marks(1, 1, 1, 1)}, now); !errors.Is(err, ErrNotAssigned) {
		t.Errorf("not a member: %v", err)
	}
	if _, err := Submit(plan, reviews, "r1", ScoreInput{Declaration: NoConflict, Scores: marks(1, 1, 1, 1)[:2]}, now); len(fieldsOf(err)) != 2 {
		t.Errorf("marks missing: %v", err)
	}
	if !Member(recused, "r2") || Member(recused, "stranger") {
		t.Error("Member")
	}
}

func TestReviewers(t *testing.T) {
	people := []auth.User{
		{ID: "u1", FullName: "Nguyễn Văn An", Email: "an@example.vn", Orgs: []string{"o1", "gone"}},
		{ID: "u2", FullName: "Trần Thị Bình", Email: "binh@example.vn", Disabled: true},
		{ID: "u3", FullName: "Lê Văn Cường", Email: "cuong@example.vn", Orgs: []string{"o2"}},
	}
	var asked string
	withRole := func(_ context.Context, role string) ([]auth.User, error) { asked = role; return people, nil }
	names := map[string]string{"o1": "Viện Khoa học Sự sống", "o2": "Công ty TNHH Nông sản sạch Ba Bể"}
	orgName := func(_ context.Context, id string) (string, error) {
		if n, ok := names[id]; ok {
			return n, nil
		}
		return "", errors.New("no such organisation")
	}
	got, err := Reviewers(context.Background(), withRole, orgName, func(u auth.User) bool { return slices.Contains(u.Orgs, "o2") })
	if err != nil {
		t.Fatal(err)
	}
	want := []Reviewer{
		{ID: "u1", FullName: "Nguyễn Văn An", Email: "an@example.vn", OrgNames: []string{"Viện Khoa học Sự sống"}},
		{ID: "u3", FullName: "Lê Văn Cường", Email: "cuong@example.vn", OrgNames: []string{"Công ty TNHH Nông sản sạch Ba Bể"}, Conflict: true},
	}
	if asked != auth.RoleReviewer || !reflect.DeepEqual(got, want) {
		t.Fatalf("asked role %q, got %+v", asked, got)
	}
	failing := func(context.Context, string) ([]auth.User, error) { return nil, errors.New("store down") }
	if _, err := Reviewers(context.Background(), failing, orgName, func(auth.User) bool { return false }); err == nil {
		t.Fatal("a failed lookup of the reviewers was not reported")
	}
}
