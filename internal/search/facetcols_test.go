package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"
)

// facetCatalogue is a generated catalogue whose facets have many values:
// admin units more than facetSize, so the cut to the most frequent is
// checked too.
func facetCatalogue(r *rand.Rand, n, version int) []Doc {
	kinds := []string{"technology", "equipment", "ip", "demand"}
	sectors := []string{"agri", "food", "it", "energy", "health", "env", "mech", "chem"}
	forms := []string{"license", "sale", "jointVenture", "consulting"}
	orgKinds := []string{"enterprise", "university", "institute", "individual"}
	words := []string{"máy", "sấy", "chè", "vò", "cà phê", "nông sản", "tưới", "thông minh", "phân bón", "vi sinh", "lò", "hơi"}
	pick := func(list []string, most int) []string {
		var out []string
		for _, i := range r.Perm(len(list))[:r.IntN(most+1)] {
			out = append(out, list[i])
		}
		return out
	}
	now := time.Now()
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{
			ID: fmt.Sprintf("L%05d", i), Version: int64(version), Kind: kinds[r.IntN(len(kinds))],
			Title:         words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
			Summary:       words[r.IntN(len(words))],
			Keywords:      pick(words, 2),
			Sectors:       pick(sectors, 3),
			TransferForms: pick(forms, 2),
			AdminUnit:     fmt.Sprintf("unit%03d", r.IntN(130)),
			OrgKind:       orgKinds[r.IntN(len(orgKinds))],
			PublishedAt:   now.Add(-time.Duration(r.IntN(1000)) * time.Hour),
			ExpiresAt:     now.Add(time.Duration(r.IntN(200)-50) * 24 * time.Hour),
		}
		if d.Kind != kindNeed {
			d.TRL = r.IntN(10)
		}
		if r.IntN(10) == 0 {
			d.AdminUnit = "" // no value: missing from that facet
		}
		if r.IntN(3) > 0 { // a third without price: last in price sorts
			d.PriceMin = int64(r.IntN(50)) * 1_000_000
			if r.IntN(2) == 0 {
				d.PriceMax = d.PriceMin + int64(r.IntN(20))*1_000_000
			}
		}
		docs[i] = d
	}
	return docs
}

func facetQueries() []Query {
	now := time.Now()
	return []Query{
		{PageSize: 10},
		{Text: "máy", PageSize: 10},
		{Text: "may say", PageSize: 10, Sort: SortNewest},
		{Text: "chè", PageSize: 5, Page: 3, Filter: Filter{ActiveAt: now}},
		{Text: "phân bón vi sinh", PageSize: 10, Filter: Filter{Kinds: []string{"technology", "ip"}}},
		{Text: "tuoi thong minh lo", PageSize: 10}, // relaxed: no document holds every word
		{PageSize: 10, Filter: Filter{Sectors: []string{"agri", "it"}, TRLMin: 3, ActiveAt: now}},
		{Text: "nông sản cà phê", Any: true, PageSize: 10, Filter: Filter{Kinds: []string{kindNeed}}},
		{Text: "không có từ này", PageSize: 10},
		{PageSize: 20, Sort: SortPriceAsc},
		{Text: "máy", PageSize: 20, Page: 2, Sort: SortPriceDesc},
		{Text: "chè", PageSize: 20, Sort: SortPriceAsc, NoFacets: true},
		{PageSize: 20, Page: 30, Sort: SortPriceDesc, NoFacets: true}, // past the priced ones
		{Text: "sấy", PageSize: 20, Sort: SortNewest, NoFacets: true, Filter: Filter{ActiveAt: now}},
	}
}

// compareFacets checks that every query counts the same facets from the
// columns as Bleve does from doc values, with the same hits in the same
// order (sorts on a field read the columns too).
func compareFacets(t *testing.T, b *Bleve, when string) {
	t.Helper()
	ctx := context.Background()
	for i, q := range facetQueries() {
		b.docValueFacets = false
		got, err := b.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		b.docValueFacets = true
		want, err := b.Search(ctx, q)
		b.docValueFacets = false
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Fatalf("%s, %+v: total %d, %d hits; doc values: %d, %d", when, q, got.Total, len(got.Hits), want.Total, len(want.Hits))
		}
		for k := range got.Hits {
			if got.Hits[k].Doc.ID != want.Hits[k].Doc.ID {
				t.Fatalf("%s, %+v: hit %d is %s; doc values: %s", when, q, k, got.Hits[k].Doc.ID, want.Hits[k].Doc.ID)
			}
		}
		if len(want.Facets) != len(facetFields) && !q.NoFacets {
			t.Fatalf("%s, %+v: Bleve reported %d facets", when, q, len(want.Facets))
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Fatalf("%s, %+v:\ncolumns    %v\ndoc values %v", when, q, got.Facets, want.Facets)
		}
		if i == 0 && len(got.Facets[FacetAdminUnit]) != facetSize {
			t.Fatalf("%s: %d admin units reported, want the %d most frequent", when, len(got.Facets[FacetAdminUnit]), facetSize)
		}
	}
}

func TestFacetColumnsAgreeWithDocValues(t *testing.T) {
	for _, disk := range []bool{false, true} {
		t.Run(fmt.Sprintf("disk=%v", disk), func(t *testing.T) {
			path := ""
			if disk {
				path = t.TempDir() + "/index.bleve"
			}
			b, err := OpenBleve(path)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			ctx := context.Background()
			r := rand.New(rand.NewPCG(7, 12))
			// Enough documents for more admin units than facetSize in
			// several segments; the in-memory index only checks the
			// fallback to doc values and is slower, so smaller.
			n := 300
			if disk {
				n = 600
			}
			docs := facetCatalogue(r, n, 1)
			for i := 0; i < len(docs); i += n / 5 { // several segments
				if err := b.Upsert(ctx, docs[i:i+n/5]...); err != nil {
					t.Fatal(err)
				}
			}
			compareFacets(t, b, "loaded")
			before := b.facets.cur.Load()

			// Updates move documents between facet values; deletes drop them.
			changed := facetCatalogue(rand.New(rand.NewPCG(8, 13)), n, 2)
			if err := b.Upsert(ctx, changed[:n/3]...); err != nil {
				t.Fatal(err)
			}
			compareFacets(t, b, "updated")
			after := b.facets.cur.Load()
			switch {
			case !disk && (before != nil || after != nil):
				t.Fatal("columns read from an in-memory (upsidedown) index, whose document numbers are not scorch's")
			case disk && (before == nil || after == before || after.snap == before.snap):
				t.Fatal("the columns were not read again after a write")
			}
			var gone []string
			for i := 200; i < n-100; i += 2 {
				gone = append(gone, docs[i].ID)
			}
			if err := b.Delete(ctx, gone...); err != nil {
				t.Fatal(err)
			}
			compareFacets(t, b, "deleted")
			if err := b.Upsert(ctx, changed[n-100:]...); err != nil {
				t.Fatal(err)
			}
			compareFacets(t, b, "updated again")
			if n := b.facets.fallbacks.Load(); disk && n > 0 {
				t.Fatalf("%d searches fell back to doc values", n)
			}
		})
	}
}

// TestFacetColumnsUnderConcurrentWrites searches while documents change:
// every document has one kind, so the kind counts of a search add up to
// its total exactly when they were counted on the snapshot it ran on. Run
// it with -race.
func TestFacetColumnsUnderConcurrentWrites(t *testing.T) {
	b, err := OpenBleve(t.TempDir() + "/index.bleve")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	docs := facetCatalogue(rand.New(rand.NewPCG(1, 2)), 600, 1)
	if err := b.Upsert(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := rand.New(rand.NewPCG(3, 4))
		for v := 2; ; v++ {
			select {
			case <-stop:
				return
			default:
			}
			next := facetCatalogue(r, 600, v)
			from := r.IntN(500)
			if err := b.Upsert(ctx, next[from:from+50]...); err != nil {
				t.Error(err)
				return
			}
			if err := b.Delete(ctx, next[r.IntN(600)].ID); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	errs := make(chan error, 4)
	var searchers sync.WaitGroup
	for g := range 4 {
		searchers.Add(1)
		go func() {
			defer searchers.Done()
			qs := facetQueries()
			for i := range 40 {
				q := qs[(g+i)%len(qs)]
				q.Any, q.NoFacets = false, false
				q.Filter.Kinds = nil
				res, err := b.Search(ctx, q)
				if err != nil {
					errs <- err
					return
				}
				sum := 0
				for _, c := range res.Facets[FacetKind] {
					sum += c.Count
				}
				if sum != res.Total {
					errs <- fmt.Errorf("%+v: kinds add up to %d, total %d", q, sum, res.Total)
					return
				}
				for k := 1; q.Sort == SortPriceAsc && k < len(res.Hits); k++ {
					a, b := res.Hits[k-1].Doc.PriceMin, res.Hits[k].Doc.PriceMin
					if a == 0 && b != 0 || b != 0 && a > b {
						errs <- fmt.Errorf("%+v: price %d before %d", q, a, b)
						return
					}
				}
			}
		}()
	}
	searchers.Wait()
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if b.facets.cur.Load() == nil {
		t.Fatal("the searches did not count from columns")
	}
}

// BenchmarkFacetCounting compares, in one process, the facets counted from
// the columns with Bleve's doc values, on 10,000 generated listings and the
// queries of facetQueries (every search counts all six facets), and what
// reading the columns of a snapshot costs:
//
//	go test -run '^$' -bench BenchmarkFacetCounting -benchmem ./internal/search/
func BenchmarkFacetCounting(b *testing.B) {
	bl, err := OpenBleve(b.TempDir() + "/index.bleve")
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	ctx := context.Background()
	docs := facetCatalogue(rand.New(rand.NewPCG(5, 6)), 10000, 1)
	for i := 0; i < len(docs); i += 1000 {
		if err := bl.Upsert(ctx, docs[i:i+1000]...); err != nil {
			b.Fatal(err)
		}
	}
	// What the first search after a write pays once: reading the columns.
	b.Run("readColumns", func(b *testing.B) {
		adv, err := bl.index.Advanced()
		if err != nil {
			b.Fatal(err)
		}
		r, err := adv.Reader()
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		for b.Loop() {
			if c, err := readColumns(r); err != nil || c == nil {
				b.Fatal(err)
			}
		}
	})
	qs := facetQueries()
	for _, mode := range []struct {
		name      string
		docValues bool
	}{{"columns", false}, {"docValues", true}} {
		b.Run(mode.name, func(b *testing.B) {
			bl.docValueFacets = mode.docValues
			for i := 0; b.Loop(); i++ {
				if _, err := bl.Search(ctx, qs[i%len(qs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
