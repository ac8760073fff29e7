package selftest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
)

// brokenSearch is an engine whose searches fail: the self-test must say so.
type brokenSearch struct{ search.Engine }

func (brokenSearch) Search(context.Context, search.Query) (search.Result, error) {
	return search.Result{}, errors.New("engine down")
}

func TestFailuresReachTheTable(t *testing.T) {
	e, err := search.OpenBleve(filepath.Join(t.TempDir(), "i.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r := &Report{}
	conformance("search", brokenSearch{e}, r)
	if r.OK() {
		t.Fatal("a broken engine passed")
	}
	var out bytes.Buffer
	r.Print(&out)
	if !strings.Contains(out.String(), "FAIL") || !strings.Contains(out.String(), "engine down") || !strings.Contains(out.String(), "writes are visible when they return") {
		t.Fatalf("table:\n%s", out.String())
	}
}

// The filter explained for a declared query has its shape: equality
// values, $ne for ranges and one $or branch per alternative.
func TestSampleFilter(t *testing.T) {
	q := store.Query{Equal: []string{"programId"}, Range: []string{"state"},
		Or: []store.Query{{Equal: []string{"owner.id"}}, {Equal: []string{"party.id"}}}}
	got := sampleFilter(q)
	want := `{"programId":"selftest","state":{"$ne":"selftest"},"$or":[{"owner.id":"selftest"},{"party.id":"selftest"}]}`
	if s := fmt.Sprint(got); s != want {
		t.Fatalf("got %s\nwant %s", s, want)
	}
}

// The operator's table has a row for the event filter the showcases of
// events search with, and the engine passes it.
func TestEventFilterIsARow(t *testing.T) {
	e, err := search.OpenBleve(filepath.Join(t.TempDir(), "i.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r := &Report{}
	conformance("search", e, r)
	for _, c := range r.Checks {
		if c.Name == "event filter" {
			if c.Status != Pass {
				t.Fatalf("event filter: %s %s", c.Status, c.Detail)
			}
			return
		}
	}
	t.Fatalf("no event filter row: %+v", r.Checks)
}
