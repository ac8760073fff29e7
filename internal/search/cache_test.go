package search_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/search/searchtest"
)

type counting struct {
	search.Engine
	searches, facets atomic.Int32
}

func (c *counting) Search(ctx context.Context, q search.Query) (search.Result, error) {
	c.searches.Add(1)
	if !q.NoFacets {
		c.facets.Add(1)
	}
	return c.Engine.Search(ctx, q)
}

// Facets are counted once per text and filters: another page or another
// sort of the same search asks the engine without facets and gets the
// counts of the first.
func TestCachedFacetsAcrossPages(t *testing.T) {
	e, err := search.OpenBleve("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	inner := &counting{Engine: e}
	c := search.NewCached(inner, 100, time.Minute)
	ctx := context.Background()
	if err := c.Upsert(ctx, searchtest.Fixtures()...); err != nil {
		t.Fatal(err)
	}
	q := search.Query{Text: "chè", PageSize: 1, Page: 1}
	first, err := c.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	q2 := q
	q2.Page = 2
	q3 := q
	q3.Sort = search.SortNewest
	for _, next := range []search.Query{q2, q3} {
		r, err := c.Search(ctx, next)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != first.Total || !reflect.DeepEqual(r.Facets, first.Facets) {
			t.Fatalf("page %d, sort %q: total %d, facets %v; first page: %d, %v", next.Page, next.Sort, r.Total, r.Facets, first.Total, first.Facets)
		}
	}
	if inner.searches.Load() != 3 || inner.facets.Load() != 1 {
		t.Fatalf("engine asked %d times, %d with facets (want 3, 1)", inner.searches.Load(), inner.facets.Load())
	}
	other := q
	other.Filter.Kinds = []string{"technology"}
	if _, err := c.Search(ctx, other); err != nil {
		t.Fatal(err)
	}
	if inner.facets.Load() != 2 {
		t.Fatal("another filter reused the facets")
	}
	if err := c.Delete(ctx, "che1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Search(ctx, q2); err != nil {
		t.Fatal(err)
	}
	if inner.facets.Load() != 3 {
		t.Fatal("facets survived a write")
	}
}

// The cache passes the conformance suite (every write empties it) and
// answers a repeated query without asking the engine.
func TestCachedEngine(t *testing.T) {
	open := func() search.Engine {
		e, err := search.OpenBleve(filepath.Join(t.TempDir(), "idx.bleve"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Close() })
		return e
	}
	t.Run("conformance", func(t *testing.T) { searchtest.Run(t, search.NewCached(open(), 100, time.Minute)) })

	inner := &counting{Engine: open()}
	c := search.NewCached(inner, 100, time.Minute)
	ctx := context.Background()
	if err := c.Upsert(ctx, searchtest.Fixtures()...); err != nil {
		t.Fatal(err)
	}
	q := search.Query{Text: "chè", PageSize: 10}
	first, _ := c.Search(ctx, q)
	second, _ := c.Search(ctx, q)
	if inner.searches.Load() != 1 || first.Total != second.Total {
		t.Fatalf("engine asked %d times", inner.searches.Load())
	}
	if err := c.Delete(ctx, "che1"); err != nil {
		t.Fatal(err)
	}
	after, _ := c.Search(ctx, q)
	if inner.searches.Load() != 2 || after.Total != first.Total-1 {
		t.Fatalf("after a delete: asked %d times, total %d (was %d)", inner.searches.Load(), after.Total, first.Total)
	}
	short := search.NewCached(inner, 100, time.Nanosecond)
	short.Search(ctx, q)
	time.Sleep(time.Millisecond)
	short.Search(ctx, q)
	if inner.searches.Load() != 4 {
		t.Fatalf("an aged entry was served: %d", inner.searches.Load())
	}
}

// A caller trims the hits it got in place (a showcase drops the listings
// no stand shows any more): the next caller of the same search still gets
// them all, and so do callers racing it.
func TestCachedResultsAreTheCallers(t *testing.T) {
	e, err := search.OpenBleve("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	c := search.NewCached(e, 100, time.Minute)
	ctx := context.Background()
	if err := c.Upsert(ctx, searchtest.Fixtures()...); err != nil {
		t.Fatal(err)
	}
	q := search.Query{Text: "chè", PageSize: 20}
	want, err := c.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Hits) < 2 {
		t.Fatalf("fixtures give %d hits for %q, want at least 2", len(want.Hits), q.Text)
	}
	ids := func(r search.Result) []string {
		out := make([]string, len(r.Hits))
		for i, h := range r.Hits {
			out[i] = h.Doc.ID
		}
		return out
	}
	wantIDs := ids(want)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				r, err := c.Search(ctx, q)
				if err != nil {
					t.Error(err)
					return
				}
				if got := ids(r); !slices.Equal(got, wantIDs) {
					t.Errorf("hits %v, want %v", got, wantIDs)
					return
				}
				r.Hits = slices.DeleteFunc(r.Hits, func(search.Hit) bool { return true })
				for k := range r.Facets {
					delete(r.Facets, k)
				}
			}
		}()
	}
	wg.Wait()
	s1, err := c.Suggest(ctx, "ch", time.Time{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(s1) > 0 {
		s1[0].Title = "changed"
		if s2, _ := c.Suggest(ctx, "ch", time.Time{}, 5); s2[0].Title == "changed" {
			t.Fatal("a caller's change reached the cached suggestions")
		}
	}
}
