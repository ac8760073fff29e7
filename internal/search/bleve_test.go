package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/search/searchtest"
)

func TestBleveConformance(t *testing.T) {
	e, err := search.OpenBleve(filepath.Join(t.TempDir(), "idx.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	searchtest.Run(t, e)
}

// The same suite against Meilisearch when MEILI_URL is set (each run uses
// a fresh index).
func TestMeilisearchConformance(t *testing.T) {
	url := os.Getenv("MEILI_URL")
	if url == "" {
		t.Skip("MEILI_URL not set: Meilisearch cannot run on this machine; the suite runs on Bleve above")
	}
	e, err := search.OpenMeiliIndex(url, os.Getenv("MEILI_MASTER_KEY"), fmt.Sprintf("conformance_%d", time.Now().UnixNano()), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	searchtest.Run(t, e)
}

// An index built by an older mapping is dropped at open, not half-used.
func TestBleveOutdatedIndexIsRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx.bleve")
	old, err := bleve.New(path, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Index("x", map[string]any{"title": "cũ"}); err != nil {
		t.Fatal(err)
	}
	old.Close()
	e, err := search.OpenBleve(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := e.Versions(context.Background()); err != nil || len(v) != 0 {
		t.Fatalf("the outdated index survived: %v %v", v, err)
	}
	e.Close()
	again, err := search.OpenBleve(path) // the current mapping is kept
	if err != nil {
		t.Fatal(err)
	}
	again.Upsert(context.Background(), searchtest.Fixtures()[0])
	again.Close()
	third, _ := search.OpenBleve(path)
	defer third.Close()
	if v, _ := third.Versions(context.Background()); len(v) != 1 {
		t.Fatalf("a current index was dropped: %v", v)
	}
}
