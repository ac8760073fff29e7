package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Facet counts without doc values. Bleve counts a facet by reading each
// match's doc values: chunks decompressed and varints decoded for every
// search, most of the cost of a search whose text is new. The facet values
// of every document instead sit in memory, in columns indexed by the
// document's number within one index snapshot, read once per snapshot
// (after a write or a merge) from the same doc values; a search counts its
// matches by number as Bleve's collector hands them on.

// facetFields are the facets every search reports and their index fields.
var facetFields = []struct{ name, field string }{
	{FacetKind, fKind}, {FacetSector, fSectors}, {FacetTransferForm, fForms},
	{FacetAdminUnit, fAdminUnit}, {FacetOrgKind, fOrgKind}, {FacetTRL, fTRLLevel},
}

// facetSize is how many values of one facet are reported, as Bleve's own
// facets were asked for: the most frequent, then by value.
const facetSize = 100

// facetColumns are the facet values of one snapshot's documents: for facet
// f and document number n, values[f][offs[f][n]:offs[f][n+1]] are numbers
// into names[f]. A document the snapshot does not hold (deleted, or beyond
// its last number) has none.
type facetColumns struct {
	snap   index.IndexReader // the snapshot they were read from
	names  [][]string
	offs   [][]uint32
	values [][]uint32
	// sorts holds, per sort on a field, each document's sort value as
	// Bleve's SortField computes it from the doc values.
	sorts map[sortKey][]string
}

// sortKey names a sort on a field: the same field sorts differently
// ascending and descending (where the documents without a value go).
type sortKey struct {
	field   string
	desc    bool
	missing int
}

func keyOf(sf *bsearch.SortField) sortKey {
	return sortKey{field: sf.Field, desc: sf.Desc, missing: int(sf.Missing)}
}

// fieldSorts are the sorts on a field that sortOrder asks for.
func fieldSorts() []*bsearch.SortField {
	var out []*bsearch.SortField
	seen := map[sortKey]bool{}
	for _, s := range []Sort{SortRelevance, SortNewest, SortPriceAsc, SortPriceDesc} {
		for _, hasText := range []bool{false, true} {
			for _, o := range sortOrder(s, hasText) {
				if sf, ok := o.(*bsearch.SortField); ok && !seen[keyOf(sf)] {
					seen[keyOf(sf)] = true
					out = append(out, sf)
				}
			}
		}
	}
	return out
}

// facetStore keeps the columns of the latest snapshot a search ran on.
type facetStore struct {
	cur atomic.Pointer[facetColumns]
	mu  sync.Mutex // one build at a time
	// unsupported is set when the index's document numbers are not
	// scorch's (the in-memory index): Bleve counts and sorts itself.
	unsupported atomic.Bool
	// building is set while a search reads a snapshot's columns: the
	// searches that start meanwhile count from doc values rather than wait.
	building atomic.Bool
	// fallbacks counts the searches Bleve had to run again from doc
	// values (the columns did not hold a match): the tests expect none.
	fallbacks atomic.Int64
}

// columns returns the columns of snapshot r, reading them when r is not
// the snapshot they were last read from; nil when r's document numbers are
// not the 8-byte ones of Bleve's scorch index.
func (s *facetStore) columns(r index.IndexReader) (*facetColumns, error) {
	if c := s.cur.Load(); c != nil && c.snap == r {
		return c, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.cur.Load(); c != nil && c.snap == r {
		return c, nil
	}
	s.building.Store(true)
	c, err := readColumns(r)
	s.building.Store(false)
	if err != nil || c == nil {
		if err == nil {
			s.unsupported.Store(true)
		}
		return nil, err
	}
	s.cur.Store(c)
	return c, nil
}

// docNumber reads a scorch document number; false for any other form.
func docNumber(id index.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

func readColumns(r index.IndexReader) (*facetColumns, error) {
	fields := make([]string, len(facetFields))
	slot := map[string]int{}
	for i, f := range facetFields {
		fields[i] = f.field
		slot[f.field] = i
	}
	sorts := fieldSorts() // fresh copies: they keep the values visited
	sortVals := make([][]string, len(sorts))
	for _, sf := range sorts {
		if !slices.Contains(fields, sf.Field) {
			fields = append(fields, sf.Field)
		}
	}
	var docs []uint64
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	type entry struct {
		doc   uint64
		facet int
		value uint32
	}
	var entries []entry
	numbers := make([]map[string]uint32, len(facetFields))
	c := &facetColumns{snap: r, names: make([][]string, len(facetFields))}
	for i := range numbers {
		numbers[i] = map[string]uint32{}
	}
	top := uint64(0)
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		n, ok := docNumber(id)
		if !ok {
			return nil, nil
		}
		top = max(top, n+1)
		err = dvr.VisitDocValues(id, func(field string, term []byte) {
			for _, sf := range sorts {
				if field == sf.Field {
					sf.UpdateVisitor(field, bytes.Clone(term))
				}
			}
			f, ok := slot[field]
			if !ok {
				return
			}
			v, ok := numbers[f][string(term)]
			if !ok {
				v = uint32(len(c.names[f]))
				numbers[f][string(term)] = v
				c.names[f] = append(c.names[f], string(term))
			}
			entries = append(entries, entry{doc: n, facet: f, value: v})
		})
		if err != nil {
			return nil, err
		}
		docs = append(docs, n)
		for k, sf := range sorts {
			sortVals[k] = append(sortVals[k], sf.Value(nil))
		}
	}
	c.sorts = make(map[sortKey][]string, len(sorts))
	for k, sf := range sorts {
		col := make([]string, top)
		for i, n := range docs {
			col[n] = sortVals[k][i]
		}
		c.sorts[keyOf(sf)] = col
	}
	c.offs = make([][]uint32, len(facetFields))
	c.values = make([][]uint32, len(facetFields))
	for f := range facetFields {
		c.offs[f] = make([]uint32, top+1)
	}
	for _, e := range entries {
		c.offs[e.facet][e.doc+1]++
	}
	for f := range facetFields {
		for n := uint64(1); n <= top; n++ {
			c.offs[f][n] += c.offs[f][n-1]
		}
		c.values[f] = make([]uint32, c.offs[f][top])
	}
	fill := make([][]uint32, len(facetFields))
	for f := range facetFields {
		fill[f] = append([]uint32(nil), c.offs[f][:top]...)
	}
	for _, e := range entries {
		c.values[e.facet][fill[e.facet][e.doc]] = e.value
		fill[e.facet][e.doc]++
	}
	return c, nil
}

// facetCounter counts the facet values of one search's matches.
type facetCounter struct {
	cols   *facetColumns
	counts [][]int
	failed bool // a match the columns do not know: use Bleve's facets
}

func (fc *facetCounter) add(id index.IndexInternalID) {
	if fc.failed {
		return
	}
	n, ok := docNumber(id)
	if !ok || n+1 >= uint64(len(fc.cols.offs[0])) {
		fc.failed = true
		return
	}
	for f := range fc.counts {
		for _, v := range fc.cols.values[f][fc.cols.offs[f][n]:fc.cols.offs[f][n+1]] {
			fc.counts[f][v]++
		}
	}
}

// result reports the counts as Result.Facets does: per facet the values
// found, the most frequent facetSize of them.
func (fc *facetCounter) result() map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(facetFields))
	for f, ff := range facetFields {
		counts := []FacetCount{}
		for v, n := range fc.counts[f] {
			if n > 0 {
				counts = append(counts, FacetCount{Value: fc.cols.names[f][v], Count: n})
			}
		}
		if len(counts) > facetSize {
			SortFacet("", counts) // Bleve's order: by count, then value
			counts = counts[:facetSize]
		}
		SortFacet(ff.name, counts)
		out[ff.name] = counts
	}
	return out
}

// countingQuery runs inner on the columns of the snapshot Bleve hands it:
// it counts its matches' facets (when count is set) and gives columnSort
// the sort values, so the counts, the order and the result come from one
// snapshot.
type countingQuery struct {
	inner  query.Query
	store  *facetStore
	count  bool
	cols   *facetColumns
	fc     *facetCounter
	failed bool // no columns, or a match they do not hold: use Bleve's own
}

func (q *countingQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	cols, err := q.store.columns(r)
	if err != nil {
		_ = s.Close()
		return nil, err
	}
	q.cols, q.fc = cols, nil
	if cols == nil {
		q.failed = true
		return s, nil
	}
	if !q.count {
		return s, nil
	}
	q.fc = &facetCounter{cols: cols, counts: make([][]int, len(facetFields))}
	for f := range facetFields {
		q.fc.counts[f] = make([]int, len(cols.names[f]))
	}
	return &countingSearcher{Searcher: s, fc: q.fc}, nil
}

// ok tells whether the search ran on the columns throughout.
func (q *countingQuery) ok() bool {
	return !q.failed && q.cols != nil && (q.fc == nil || !q.fc.failed)
}

// sortFrom replaces the sorts on a field in o by sorts on the columns.
func (q *countingQuery) sortFrom(o bsearch.SortOrder) bsearch.SortOrder {
	out := make(bsearch.SortOrder, len(o))
	for i, s := range o {
		if sf, ok := s.(*bsearch.SortField); ok {
			s = &columnSort{sf: sf.Copy().(*bsearch.SortField), q: q}
		}
		out[i] = s
	}
	return out
}

// columnSort sorts as sf does, reading each match's value from the
// snapshot's columns instead of visiting its doc values.
type columnSort struct {
	sf *bsearch.SortField
	q  *countingQuery
}

func (s *columnSort) UpdateVisitor(string, []byte) {}

func (s *columnSort) Value(d *bsearch.DocumentMatch) string {
	var col []string
	if s.q.cols != nil {
		col = s.q.cols.sorts[keyOf(s.sf)]
	}
	n, ok := docNumber(d.IndexInternalID)
	if !ok || n >= uint64(len(col)) {
		s.q.failed = true
		return ""
	}
	return col[n]
}

func (s *columnSort) DecodeValue(v string) string { return s.sf.DecodeValue(v) }
func (s *columnSort) Descending() bool            { return s.sf.Descending() }
func (s *columnSort) RequiresDocID() bool         { return false }
func (s *columnSort) RequiresScoring() bool       { return false }
func (s *columnSort) RequiresFields() []string    { return nil }
func (s *columnSort) Reverse()                    { s.sf.Reverse() }
func (s *columnSort) Copy() bsearch.SearchSort {
	return &columnSort{sf: s.sf.Copy().(*bsearch.SortField), q: s.q}
}

// countingSearcher hands on the matches of its searcher, counting each.
type countingSearcher struct {
	bsearch.Searcher
	fc *facetCounter
}

func (s *countingSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.fc.add(dm.IndexInternalID)
	}
	return dm, err
}

func (s *countingSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.fc.add(dm.IndexInternalID)
	}
	return dm, err
}
