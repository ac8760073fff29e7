package search_test

import (
	"path/filepath"
	"testing"

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
