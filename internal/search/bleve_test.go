package search_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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
	e, err := search.OpenMeiliIndex(url, os.Getenv("MEILI_MASTER_KEY"), fmt.Sprintf("conformance_%d", time.Now().UnixNano()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	searchtest.Run(t, e)
}
