package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/search"
)

// listingTexts is every public text of a listing, as a person reading its
// page sees it.
func listingTexts(l catalog.Listing) []string {
	out := append([]string{l.Title, l.Summary, l.Description, l.Advantages, l.Applications, l.Problem, l.Holder}, l.Keywords...)
	if l.Requirements != nil {
		out = append(append(out, l.Requirements.Must...), l.Requirements.Nice...)
	}
	return out
}

// foldedPassages is texts split at punctuation, each run of words folded
// (the search engine's analysis) and joined by single spaces, padded: an
// independent reading of "the phrase is there", to check matching's own.
func foldedPassages(texts []string) []string {
	var out []string
	for _, t := range texts {
		for _, p := range strings.FieldsFunc(t, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.Is(unicode.Mn, r)) || r == '\n'
		}) {
			if ws := search.Words(p); len(ws) > 0 {
				out = append(out, " "+strings.Join(ws, " ")+" ")
			}
		}
	}
	return out
}

func foldedHas(passages []string, phrase string) bool {
	ws := search.Words(phrase)
	if len(ws) == 0 {
		return false
	}
	needle := " " + strings.Join(ws, " ") + " "
	for _, p := range passages {
		if strings.Contains(p, needle) {
			return true
		}
	}
	return false
}

// checkReasons computes the matches of every published listing and checks
// that each phrase a "shared keywords" reason names is in both listings:
// as contiguous folded words (read independently of the matcher) and by
// the matcher's own, stricter, rule. It returns how many phrases it checked.
func checkReasons(t *testing.T, h *apptest.Harness) int {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for page := 1; ; page++ {
		res, err := h.App.Search.Search(ctx, search.Query{Page: page, PageSize: 50, NoFacets: true, Sort: search.SortNewest})
		if err != nil {
			t.Fatal(err)
		}
		for _, hit := range res.Hits {
			ids = append(ids, hit.Doc.ID)
		}
		if len(res.Hits) < 50 {
			break
		}
	}
	if len(ids) == 0 {
		t.Fatal("no published listings")
	}
	checked := 0
	for _, id := range ids {
		l, err := h.App.Catalog.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := h.App.Matching.For(ctx, l, matching.MaxLimit)
		if err != nil {
			t.Fatal(err)
		}
		similar, err := h.App.Matching.Similar(ctx, l, 10)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, similar...)
		for _, m := range ms {
			for _, r := range m.Reasons {
				if r.Code != "shared_keywords" {
					continue
				}
				other, err := h.App.Catalog.Get(ctx, m.Doc.ID)
				if err != nil {
					t.Fatal(err)
				}
				a, b := listingTexts(l), listingTexts(other)
				fa, fb := foldedPassages(a), foldedPassages(b)
				for _, phrase := range strings.Split(r.Params["keywords"], ", ") {
					checked++
					if !foldedHas(fa, phrase) || !foldedHas(fb, phrase) || !matching.Contains(phrase, a...) || !matching.Contains(phrase, b...) {
						t.Errorf("%q (%s) and %q (%s): %q is not in both (folded: %v, %v; exact: %v, %v)", l.Title, l.ID, other.Title, other.ID, phrase,
							foldedHas(fa, phrase), foldedHas(fb, phrase), matching.Contains(phrase, a...), matching.Contains(phrase, b...))
					}
				}
			}
		}
	}
	return checked
}

// TestMatchReasonsTrue: every phrase a "shared keywords" reason names is
// in both listings, on the demo catalogue and on a generated one.
func TestMatchReasonsTrue(t *testing.T) {
	t.Parallel()
	t.Run("demo", func(t *testing.T) {
		t.Parallel()
		h := apptest.New(t)
		if _, err := h.App.Indexer.Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
		n := checkReasons(t, h)
		t.Logf("%d phrases checked", n)
		if n < 20 {
			t.Fatalf("only %d phrases named: the test checks too little", n)
		}
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		h := apptest.New(t)
		ctx := context.Background()
		if _, err := h.App.Synthetic(ctx, 300, 7); err != nil {
			t.Fatal(err)
		}
		if _, err := h.App.Indexer.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		n := checkReasons(t, h)
		t.Logf("%d phrases checked", n)
		if n < 100 {
			t.Fatalf("only %d phrases named: the test checks too little", n)
		}
	})
}

// TestListingMatchesByAudience: on a listing page, its organisation's
// members get its matches with "express interest" allowed; officers get
// the matches without it; anyone else gets similar listings (the same side
// of the market, not the listing itself, each with a reason), unscored,
// without it.
func TestListingMatchesByAudience(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	if _, err := h.App.Indexer.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	ent, inst, officer := h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer")
	for _, tc := range []struct {
		who      string
		token    string
		audience string
		offers   bool // the list holds offers (the need's matches), not needs
		interest bool
	}{
		{"owner", ent.Access, "owner", true, true},
		{"officer", officer.Access, "officer", true, false},
		{"another organisation", inst.Access, "visitor", false, false},
		{"anonymous", "", "visitor", false, false},
	} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + demoNeed + "/matches?limit=10", Token: tc.token})
		if r.Status != 200 {
			t.Fatalf("%s: %d %s", tc.who, r.Status, r.Body)
		}
		if got := r.JSON(t)["audience"]; got != tc.audience {
			t.Errorf("%s: audience %v, want %s", tc.who, got, tc.audience)
		}
		ms := items(t, r, "matches")
		if len(ms) == 0 {
			t.Fatalf("%s: nothing listed", tc.who)
		}
		for _, m := range ms {
			l := m["listing"].(map[string]any)
			if (l["kind"] != "demand") != tc.offers || l["id"] == demoNeed {
				t.Errorf("%s: listed %v %v", tc.who, l["kind"], l["title"])
			}
			if m["can"].(map[string]any)["interest"] != tc.interest {
				t.Errorf("%s: can %v", tc.who, m["can"])
			}
			if !tc.offers && m["score"].(float64) != 0 {
				t.Errorf("%s: a similar listing was scored: %v", tc.who, m["score"])
			}
			if rs, _ := m["reasons"].([]any); !tc.offers && len(rs) == 0 {
				t.Errorf("%s: %v is listed as similar without a reason", tc.who, l["title"])
			}
		}
	}
}
