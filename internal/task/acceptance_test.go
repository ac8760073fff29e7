package task

import (
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

// TestCarried: the council's grades carry a conclusion under the rule the
// officer entered, never under a constant.
func TestCarried(t *testing.T) {
	grades := func(gs ...string) []Grade {
		out := make([]Grade, len(gs))
		for i, g := range gs {
			out[i] = Grade{MemberID: string(rune('a' + i)), Grade: g}
		}
		return out
	}
	for _, c := range []struct {
		rule   AcceptanceRule
		grades []Grade
		want   string
	}{
		{AcceptanceRule{Members: 3, PassShare: 51, ExcellentShare: 100}, grades(GradePass, GradePass, GradeFail), GradePass},
		{AcceptanceRule{Members: 2, PassShare: 51, ExcellentShare: 100}, grades(GradePass, GradeFail), GradeFail},
		{AcceptanceRule{Members: 2, PassShare: 50, ExcellentShare: 100}, grades(GradePass, GradeFail), GradePass},
		{AcceptanceRule{Members: 3, PassShare: 51, ExcellentShare: 60}, grades(GradeExcellent, GradeExcellent, GradePass), GradeExcellent},
		{AcceptanceRule{Members: 3, PassShare: 51, ExcellentShare: 100}, grades(GradeExcellent, GradeExcellent, GradePass), GradePass},
		{AcceptanceRule{Members: 3, PassShare: 66, ExcellentShare: 66}, grades(GradeExcellent, GradeExcellent, GradeFail), GradeExcellent},
		{AcceptanceRule{Members: 3, PassShare: 67, ExcellentShare: 67}, grades(GradeExcellent, GradeExcellent, GradeFail), GradeFail},
	} {
		a := Acceptance{Rule: &c.rule, Grades: c.grades}
		if got := a.Carried(); got != c.want {
			t.Errorf("%+v %v: %s, want %s", c.rule, c.grades, got, c.want)
		}
	}
}

// TestComplete: a conclusion waits for the rule's number of members, each
// graded; one who stepped aside does not count.
func TestComplete(t *testing.T) {
	now := time.Now()
	scored := council.Review{ReviewerID: "a", Declaration: council.NoConflict, SubmittedAt: &now}
	waiting := council.Review{ReviewerID: "b"}
	recused := council.Review{ReviewerID: "c", Declaration: council.Conflict, SubmittedAt: &now}
	rule := &AcceptanceRule{Members: 2, PassShare: 51, ExcellentShare: 100}
	for _, c := range []struct {
		council []council.Review
		want    bool
	}{
		{[]council.Review{scored, waiting}, false},
		{[]council.Review{scored, recused}, false},
		{[]council.Review{scored, {ReviewerID: "d", Declaration: council.NoConflict, SubmittedAt: &now}, recused}, true},
	} {
		a := &Acceptance{Rule: rule, Council: c.council}
		if got := a.complete(); got != c.want {
			t.Errorf("%v: %v, want %v", c.council, got, c.want)
		}
	}
	if (*Acceptance)(nil).complete() || (&Acceptance{Council: []council.Review{scored}}).complete() {
		t.Error("no acceptance, or no rule, is not complete")
	}
}

// TestCheckMilestones: due dates inside the contract and in order; the
// tranches' sum comes back for the amount check.
func TestCheckMilestones(t *testing.T) {
	var c validate.Checker
	ms, sum := checkMilestones(&c, []Milestone{
		{Name: "Khảo sát", Due: "2027-03-01", Deliverables: "Báo cáo", Tranche: 100},
		{Name: "Thử nghiệm", Due: "2027-01-01", Deliverables: "Mô hình", Tranche: 200},
		{Name: "Tổng kết", Due: "2029-01-01", Deliverables: "Báo cáo tổng kết", Tranche: -5},
	}, "2026-12-01", "2028-11-30")
	if len(ms) != 3 || sum != 295 {
		t.Fatalf("%d milestones, sum %d", len(ms), sum)
	}
	e, ok := errs.As(c.Err())
	if !ok {
		t.Fatal("no problem found")
	}
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Field] = f.Code
	}
	for f, code := range map[string]string{"milestones.1.due": "before_previous", "milestones.2.due": "outside_contract", "milestones.2.tranche": "negative"} {
		if got[f] != code {
			t.Errorf("%s: %q, want %q (%v)", f, got[f], code, got)
		}
	}
}
