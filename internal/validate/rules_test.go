package validate

import "testing"

type ruleItem struct {
	Comment string `json:"comment" rule:"max=2000"`
}

type ruleInput struct {
	Title   string     `json:"title" rule:"required,min=10,max=150"`
	Score   int        `json:"score" rule:"min=0,max=10"`
	Kind    string     `json:"kind" rule:"enum=Kind,format=date"`
	Items   []ruleItem `json:"items"`
	Inner   *ruleItem  `json:"inner"`
	Ignored string     `json:"-" rule:"max=1"`
	Plain   string     `json:"plain"`
}

func TestRulesOf(t *testing.T) {
	rs := RulesOf[ruleInput]()
	want := Rules{
		"title":         {Required: true, Min: 10, Max: 150, HasMin: true, HasMax: true},
		"score":         {Min: 0, Max: 10, HasMin: true, HasMax: true},
		"kind":          {Enum: "Kind", Format: "date"},
		"items.comment": {Max: 2000, HasMax: true},
		"inner.comment": {Max: 2000, HasMax: true},
	}
	if len(rs) != len(want) {
		t.Fatalf("rules %v", rs)
	}
	for k, w := range want {
		if rs[k] != w {
			t.Errorf("%s = %+v, want %+v", k, rs[k], w)
		}
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Of on a field without a rule did not panic")
		}
	}()
	rs.Of("plain")
}

func TestParseRuleRefusesMistakes(t *testing.T) {
	for _, tag := range []string{"max=ten", "maxi=3", "min="} {
		if _, err := ParseRule(tag); err == nil {
			t.Errorf("%q accepted", tag)
		}
	}
}
