package search

import (
	"testing"
	"time"
)

// Filters are built from typed values only; a value can never close its
// quotes and add a clause.
func TestMeiliFilterQuotesEveryValue(t *testing.T) {
	got := meiliFilter(Filter{
		Kinds:      []string{"technology", "ip"},
		AdminUnits: []string{`bac_kan" OR kind = "x`, `a\" AND b`},
		TRLMin:     5, PriceMax: 300_000_000, ActiveAt: time.Unix(1_800_000_000, 0),
	})
	want := `(kind = "technology" OR kind = "ip") AND (adminUnit = "bac_kan\" OR kind = \"x" OR adminUnit = "a\\\" AND b") AND trl >= 5 AND priceMin >= 0 AND priceMin <= 300000000 AND expiresAt > 1800000000`
	if got != want {
		t.Fatalf("filter\n got %s\nwant %s", got, want)
	}
	if meiliFilter(Filter{}) != "" {
		t.Fatal("an empty filter must be empty")
	}
}

func FuzzMeiliQuote(f *testing.F) {
	for _, s := range []string{`"`, `\`, `\"`, `a" OR b = "c`, "chè", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := quote(s)
		// Inside the quotes, every quote is escaped by an odd run of
		// backslashes: the value cannot end early.
		body := q[1 : len(q)-1]
		for i := 0; i < len(body); i++ {
			if body[i] == '"' {
				n := 0
				for j := i - 1; j >= 0 && body[j] == '\\'; j-- {
					n++
				}
				if n%2 == 0 {
					t.Fatalf("unescaped quote in %q", q)
				}
			}
		}
	})
}
