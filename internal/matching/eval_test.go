package matching

import (
	"math"
	"testing"

	"github.com/techmart-vn/techmart/seeds"
)

func TestScoreMetrics(t *testing.T) {
	labels := []seeds.MatchingLabel{
		{NeedID: "n1", Relevant: []string{"a", "b"}},
		{NeedID: "n2", Relevant: []string{"c"}},
		{NeedID: "n3", Relevant: []string{"d"}},
	}
	ranked := [][]string{
		{"a", "x", "b"},                                    // both in the top 5; first at rank 1
		{"x", "y", "z", "w", "v", "c"},                     // c at rank 6: outside the top 5, inside the top 10
		{"x", "y", "z", "w", "v", "u", "s", "r", "q", "p"}, // d missed
	}
	q := Score(labels, ranked)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if q.Needs != 3 || !near(q.PrecisionAt5, 1.0/3) || !near(q.StrictPrecisionAt5, 2.0/5/3) ||
		!near(q.RecallAt10, 2.0/3) || !near(q.MRR, (1+1.0/6)/3) {
		t.Fatalf("%+v", q)
	}
}
