package report

import (
	"testing"

	"github.com/techmart-vn/techmart/internal/plan"
)

func TestTrafficLight(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	m := plan.Milestone{Year: 2030, Value: 10}
	for _, c := range []struct {
		name string
		cum  *int64
		y    int
		want string
	}{
		{"no figure", nil, 2026, LightGrey},
		{"reached", n(10), 2026, LightGreen},
		{"ahead of the line (11 of 15 years, 8 of 10)", n(8), 2026, LightGreen},
		{"a little behind", n(5), 2026, LightAmber},
		{"well behind", n(2), 2026, LightRed},
		{"milestone year passed unmet", n(9), 2030, LightRed},
	} {
		if got := light(c.cum, m, c.y, 2016); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// An English figure of one takes the unit of one; Vietnamese has one form.
func TestUnitCounting(t *testing.T) {
	tp := TargetProgress{Unit: "mô hình", UnitEN: "models", UnitENOne: "model"}
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{{"en", 1, "model"}, {"en", 2, "models"}, {"en", 0, "models"}, {"vi", 1, "mô hình"}} {
		if got := unitCounting(tp, c.lang, c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := unitCounting(TargetProgress{Unit: "mô hình", UnitEN: "models"}, "en", 1); got != "models" {
		t.Errorf("without a unit of one: %q", got)
	}
}
