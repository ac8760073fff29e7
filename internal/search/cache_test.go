package search_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/search/searchtest"
)

type counting struct {
	search.Engine
	searches atomic.Int32
}

func (c *counting) Search(ctx context.Context, q search.Query) (search.Result, error) {
	c.searches.Add(1)
	return c.Engine.Search(ctx, q)
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
