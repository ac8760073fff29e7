package support

import (
	"strings"
	"testing"
	"time"
)

var criteria = []Criterion{{Code: "novelty", Name: "Tính mới", Weight: 30}, {Code: "feasibility", Name: "Khả thi", Weight: 25},
	{Code: "impact", Name: "Hiệu quả", Weight: 30}, {Code: "capacity", Name: "Năng lực", Weight: 15}}

func marks(n, f, i, c int) []Score {
	return []Score{{Code: "novelty", Score: n}, {Code: "feasibility", Score: f}, {Code: "impact", Score: i}, {Code: "capacity", Score: c}}
}

// TestTotal: a reviewer's total is Σ weight × score / 10, out of 100.
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
	}
	for _, c := range cases {
		if got := total(criteria, c.scores); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSummarize: the mean and spread count scored reviews only; a
// reviewer still to score keeps it incomplete, one who stepped aside does
// not count at all.
func TestSummarize(t *testing.T) {
	now := time.Now()
	scored := func(s []Score) Review {
		tot := total(criteria, s)
		return Review{Declaration: NoConflict, Scores: s, Total: &tot, SubmittedAt: &now}
	}
	plan := &ReviewPlan{Criteria: criteria, PassMark: 70, Required: 2}
	cases := []struct {
		name     string
		reviews  []Review
		complete bool
		mean     float64
		spread   float64
		passed   bool
	}{
		{"none yet", []Review{{}, {}}, false, 0, 0, false},
		{"one of two", []Review{scored(marks(8, 8, 8, 8)), {}}, false, 80, 0, true},
		{"two, apart", []Review{scored(marks(9, 9, 9, 9)), scored(marks(5, 5, 5, 5))}, true, 70, 40, true},
		{"below the pass mark", []Review{scored(marks(6, 6, 6, 6)), scored(marks(7, 7, 7, 7))}, true, 65, 10, false},
		{"one stepped aside", []Review{scored(marks(8, 8, 8, 8)), {Declaration: Conflict, SubmittedAt: &now}}, false, 80, 0, true},
		{"a replacement scored", []Review{scored(marks(8, 8, 8, 8)), {Declaration: Conflict, SubmittedAt: &now}, scored(marks(6, 6, 6, 6))}, true, 70, 20, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ap := summarize(&Application{Review: plan, Reviews: c.reviews})
			if ap.Complete != c.complete || ap.Mean != c.mean || ap.Spread != c.spread || ap.Passed != c.passed {
				t.Errorf("got complete=%v mean=%v spread=%v passed=%v", ap.Complete, ap.Mean, ap.Spread, ap.Passed)
			}
			if len(ap.Criteria) != len(criteria) {
				t.Errorf("%d criteria summed", len(ap.Criteria))
			}
		})
	}
	if summarize(&Application{}) != nil {
		t.Error("an appraisal before any reviewer")
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
		{"missing one", marks(1, 2, 3, 4)[:3], "scores.capacity"},
		{"too high", marks(11, 2, 3, 4), "scores.novelty"},
		{"negative", marks(1, -1, 3, 4), "scores.feasibility"},
		{"twice", append(marks(1, 2, 3, 4), Score{Code: "impact", Score: 5}), "scores.impact"},
		{"unknown", append(marks(1, 2, 3, 4), Score{Code: "luck", Score: 5}), "scores.4.code"},
	}
	for _, c := range cases {
		out, err := checkScores(criteria, c.in)
		switch {
		case c.field == "" && (err != nil || len(out) != len(criteria)):
			t.Errorf("%s: %v %v", c.name, out, err)
		case c.field != "" && (err == nil || !strings.Contains(err.Error(), c.field)):
			t.Errorf("%s: want an error on %s, got %v", c.name, c.field, err)
		}
	}
}
