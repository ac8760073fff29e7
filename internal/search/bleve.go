package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/edgengram"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Bleve is the embedded engine: one index directory under the data dir.
type Bleve struct {
	index    bleve.Index
	analyzer analysis.Analyzer
	synonyms atomic.Pointer[foldedSynonyms]
	facets   facetStore
	// docValueFacets makes Bleve count facets from doc values, as it did
	// before facetStore: the tests compare the two.
	docValueFacets bool
}

// Field names inside the Bleve index.
const (
	fTitle, fTitlePrefix, fSummary, fText, fKeywords, fOrgName = "title", "titlePrefix", "summary", "text", "keywords", "orgName"
	fKind, fSectors, fForms, fAdminUnit, fOrgKind              = "kind", "sectors", "transferForms", "adminUnit", "orgKind"
	fEvents                                                    = "events"
	fTRL, fPriceMin, fPriceMax, fPublished, fExpires, fVersion = "trl", "priceMin", "priceMax", "publishedAt", "expiresAt", "version"
	fDoc                                                       = "doc"
	// fFocusOffer and fFocusNeed hold an offer's (or a need's) title, twice,
	// keywords and summary: an any-word query for the other side of the
	// market reads one field and needs no kind filter to join, which was
	// most of its cost on a large catalogue.
	fFocusOffer, fFocusNeed = "focusOffer", "focusNeed"
	// fTRLLevel is TRL as a keyword, for its facet: a term facet is several
	// times cheaper than ranges over a numeric field's prefix-coded terms.
	fTRLLevel = "trlLevel"
	// fTitleExact, fKeywordsExact and fSummaryExact keep the diacritics
	// (lower case, NFC): a word typed with them ranks the listings that
	// spell it so first ("chè" before "chế").
	fTitleExact, fKeywordsExact, fSummaryExact = "titleExact", "keywordsExact", "summaryExact"
	// fTitleEn and fSummaryEn are the owner's optional English title and summary.
	fTitleEn, fSummaryEn = "titleEn", "summaryEn"
)

// exactFields weigh an exact-diacritic match on top of the folded one.
var exactFields = []struct {
	name  string
	boost float64
}{{fTitleExact, 8}, {fKeywordsExact, 5}, {fSummaryExact, 3}}

// textFields are the searchable fields and how much a match in each weighs:
// title before keywords before summary before the rest.
var textFields = []struct {
	name  string
	boost float64
}{{fTitle, 8}, {fKeywords, 5}, {fTitleEn, 6}, {fSummary, 3}, {fSummaryEn, 2}, {fOrgName, 1.5}, {fText, 1}}

// mappingVersion changes whenever newMapping or the stored Doc does. An
// index built with another version is dropped and rebuilt: the start-up
// reconciliation refills it from the store.
const mappingVersion = "7"

var internalMappingKey = []byte("techmart.mappingVersion")

// OpenBleve opens (or creates) the index at path; an empty path gives an
// in-memory index.
func OpenBleve(path string) (*Bleve, error) {
	if path == "" {
		idx, err := bleve.NewMemOnly(newMapping())
		if err != nil {
			return nil, err
		}
		return wrapBleve(idx)
	}
	idx, err := bleve.Open(path)
	if err == nil {
		if v, _ := idx.GetInternal(internalMappingKey); string(v) != mappingVersion {
			_ = idx.Close()
			if err := os.RemoveAll(path); err != nil {
				return nil, fmt.Errorf("search: drop the outdated index at %s: %w", path, err)
			}
			err = bleve.ErrorIndexPathDoesNotExist
		} else {
			return wrapBleve(idx)
		}
	}
	if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return nil, fmt.Errorf("search: open bleve at %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if idx, err = bleve.New(path, newMapping()); err != nil {
		return nil, fmt.Errorf("search: create bleve at %s: %w", path, err)
	}
	if err := idx.SetInternal(internalMappingKey, []byte(mappingVersion)); err != nil {
		_ = idx.Close()
		return nil, err
	}
	return wrapBleve(idx)
}

func wrapBleve(idx bleve.Index) (*Bleve, error) {
	a := idx.Mapping().AnalyzerNamed("vi")
	if a == nil {
		_ = idx.Close()
		return nil, errors.New("search: the index has no Vietnamese analyzer")
	}
	return &Bleve{index: idx, analyzer: a}, nil
}

func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(im.AddCustomTokenFilter("vi_nfc", map[string]any{"type": unicodenorm.Name, "form": unicodenorm.NFC}))
	must(im.AddCustomTokenFilter("vi_edge", map[string]any{"type": edgengram.Name, "back": false, "min": 1.0, "max": 24.0}))
	must(im.AddCustomAnalyzer("vi", map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{"vi_nfc", lowercase.Name, foldName},
	}))
	// Every prefix of every title and keyword word, so completing the last
	// word of a query is one term lookup rather than a prefix scan over a
	// dictionary where folding merged six tones into each syllable.
	must(im.AddCustomAnalyzer("vi_prefix", map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{"vi_nfc", lowercase.Name, foldName, "vi_edge"},
	}))
	must(im.AddCustomAnalyzer("vi_exact", map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{"vi_nfc", lowercase.Name},
	}))
	im.DefaultAnalyzer = "vi"
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false

	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors, f.DocValues = analyzer, false, vectors, false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors = keyword.Name, false, false
		return f
	}
	num := func(store bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = store
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index, stored.Store, stored.IncludeInAll, stored.IncludeTermVectors, stored.DocValues = false, true, false, false, false

	dm := bleve.NewDocumentStaticMapping()
	for name, f := range map[string]*mapping.FieldMapping{
		fTitle: text("vi", true), fTitlePrefix: text("vi_prefix", true), fSummary: text("vi", true),
		fText: text("vi", false), fKeywords: text("vi", false), fOrgName: text("vi", false),
		fFocusOffer: text("vi", false), fFocusNeed: text("vi", false),
		fTitleExact: text("vi_exact", false), fKeywordsExact: text("vi_exact", false), fSummaryExact: text("vi_exact", false),
		fTitleEn: text("vi", false), fSummaryEn: text("vi", false),
		fKind: kw(), fSectors: kw(), fForms: kw(), fAdminUnit: kw(), fOrgKind: kw(), fTRLLevel: kw(), fEvents: kw(),
		fTRL: num(false), fPriceMin: num(false), fPriceMax: num(false), fPublished: num(false), fExpires: num(false),
		fVersion: num(true), fDoc: stored,
	} {
		dm.AddFieldMappingsAt(name, f)
	}
	im.DefaultMapping = dm
	return im
}

func (b *Bleve) Name() string { return "bleve" }

func (b *Bleve) Health(context.Context) error {
	_, err := b.index.DocCount()
	return err
}

func (b *Bleve) Close() error { return b.index.Close() }

func (b *Bleve) Upsert(_ context.Context, docs ...Doc) error {
	batch := b.index.NewBatch()
	for _, d := range docs {
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		m := map[string]any{
			fTitle: d.Title, fTitlePrefix: append([]string{d.Title}, d.Keywords...), fSummary: d.Summary,
			fText: d.Text, fKeywords: d.Keywords, fOrgName: d.OrgName,
			fTitleExact: d.Title, fKeywordsExact: d.Keywords, fSummaryExact: d.Summary, fTitleEn: d.TitleEn, fSummaryEn: d.SummaryEn,
			fKind: d.Kind, fSectors: d.Sectors, fForms: d.TransferForms, fAdminUnit: d.AdminUnit, fOrgKind: d.OrgKind,
			fEvents: d.Events, fVersion: float64(d.Version), fDoc: string(raw),
			fPublished: float64(d.PublishedAt.Unix()), fExpires: float64(d.ExpiresAt.Unix()),
		}
		focus := append([]string{d.Title, d.Title, d.Summary}, d.Keywords...)
		if d.Kind == kindNeed {
			m[fFocusNeed] = focus
		} else {
			m[fFocusOffer] = focus
		}
		if d.TRL > 0 {
			m[fTRL], m[fTRLLevel] = float64(d.TRL), strconv.Itoa(d.TRL)
		}
		if d.PriceMin > 0 {
			m[fPriceMin] = float64(d.PriceMin)
		}
		if d.PriceMax > 0 {
			m[fPriceMax] = float64(d.PriceMax)
		} else if d.PriceMin > 0 {
			m[fPriceMax] = float64(d.PriceMin)
		}
		if err := batch.Index(d.ID, m); err != nil {
			return err
		}
	}
	return b.index.Batch(batch)
}

func (b *Bleve) Delete(_ context.Context, ids ...string) error {
	batch := b.index.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	return b.index.Batch(batch)
}

func (b *Bleve) Versions(ctx context.Context) (map[string]int64, error) {
	n, err := b.index.DocCount()
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, n)
	const page = 10000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, from, false)
		req.Fields = []string{fVersion}
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortDocID{}})
		res, err := b.index.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			v, _ := h.Fields[fVersion].(float64)
			out[h.ID] = int64(v)
		}
		if len(res.Hits) < page {
			return out, nil
		}
	}
}

func (b *Bleve) Get(ctx context.Context, id string) (Doc, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = []string{fDoc}
	res, err := b.index.SearchInContext(ctx, req)
	if err != nil {
		return Doc{}, err
	}
	if len(res.Hits) == 0 {
		return Doc{}, ErrNotFound
	}
	return decodeDoc(res.Hits[0])
}

func decodeDoc(h *bsearch.DocumentMatch) (Doc, error) {
	var d Doc
	raw, _ := h.Fields[fDoc].(string)
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return d, fmt.Errorf("search: stored document %s: %w", h.ID, err)
	}
	return d, nil
}

// words analyses query text the way documents were analysed: folded,
// lower-case terms, at most maxQueryWords.
func (b *Bleve) words(text string) []string {
	var out []string
	for _, t := range b.analyzer.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
		if len(out) == maxQueryWords {
			break
		}
	}
	return out
}

// wordQuery matches one query word: exactly in any text field (weighted by
// field), within its typo allowance (never on the first letter), and, for
// the last word, as the beginning of a title or keyword word.
//
// typed is the word as typed (NFC, lower case); when it carries
// diacritics, documents spelling it so in the title, keywords or summary
// score more.
func wordQuery(w, typed string, last bool) query.Query {
	var qs []query.Query
	if typed != "" && typed != w {
		for _, f := range exactFields {
			t := query.NewTermQuery(typed)
			t.SetField(f.name)
			t.SetBoost(f.boost * 1.5)
			qs = append(qs, t)
		}
	}
	k := typos(w)
	for _, f := range textFields {
		t := query.NewTermQuery(w)
		t.SetField(f.name)
		t.SetBoost(f.boost)
		qs = append(qs, t)
		if k > 0 {
			fz := query.NewFuzzyQuery(w)
			fz.SetField(f.name)
			fz.SetFuzziness(k)
			fz.SetPrefix(1)
			fz.SetBoost(f.boost / 4) // a typo ranks below an exact match
			qs = append(qs, fz)
		}
	}
	if last {
		p := query.NewTermQuery(w)
		p.SetField(fTitlePrefix)
		p.SetBoost(2)
		qs = append(qs, p)
	}
	return query.NewDisjunctionQuery(qs)
}

// kindNeed is the kind of a need; every other kind is an offer.
const kindNeed = "demand"

// offerKinds are the kinds on the offering side.
var offerKinds = []string{"equipment", "ip", "technology"}

// sideOf tells whether kinds is exactly one side of the market: the focus
// field that stands for it, and the kinds still to filter on (none).
func sideOf(kinds []string) (string, []string) {
	k := slices.Sorted(slices.Values(kinds))
	switch {
	case slices.Equal(k, []string{kindNeed}):
		return fFocusNeed, nil
	case slices.Equal(k, offerKinds):
		return fFocusOffer, nil
	}
	return "", kinds
}

// anyWordQuery matches documents holding at least one of words exactly in
// the title, keywords or summary — in the side's focus field when one is
// given; each word found adds to the score.
func anyWordQuery(words []string, side string) query.Query {
	var qs []query.Query
	for _, w := range words {
		if side != "" {
			t := query.NewTermQuery(w)
			t.SetField(side)
			qs = append(qs, t)
			continue
		}
		for _, f := range textFields {
			if f.name != fTitle && f.name != fKeywords && f.name != fSummary {
				continue
			}
			t := query.NewTermQuery(w)
			t.SetField(f.name)
			t.SetBoost(f.boost)
			qs = append(qs, t)
		}
	}
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(1)
	return d
}

func termsIn(field string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		t := query.NewTermQuery(v)
		t.SetField(field)
		qs = append(qs, t)
	}
	return query.NewDisjunctionQuery(qs)
}

func numRange(field string, min, max *float64, minIncl, maxIncl bool) query.Query {
	q := query.NewNumericRangeInclusiveQuery(min, max, &minIncl, &maxIncl)
	q.SetField(field)
	return q
}

func ptr(f float64) *float64 { return &f }

func filterQueries(f Filter) []query.Query {
	var qs []query.Query
	for _, in := range []struct {
		field  string
		values []string
	}{{fKind, f.Kinds}, {fSectors, f.Sectors}, {fForms, f.TransferForms}, {fAdminUnit, f.AdminUnits}, {fOrgKind, f.OrgKinds}, {fEvents, f.Events}} {
		if len(in.values) > 0 {
			qs = append(qs, termsIn(in.field, in.values))
		}
	}
	if f.TRLMin > 0 || f.TRLMax > 0 {
		var lo, hi *float64
		if f.TRLMin > 0 {
			lo = ptr(float64(f.TRLMin))
		}
		if f.TRLMax > 0 {
			hi = ptr(float64(f.TRLMax))
		}
		qs = append(qs, numRange(fTRL, lo, hi, true, true))
	}
	if f.PriceMax > 0 {
		qs = append(qs, numRange(fPriceMin, ptr(0), ptr(float64(f.PriceMax)), true, true))
	}
	if !f.ActiveAt.IsZero() {
		qs = append(qs, numRange(fExpires, ptr(float64(f.ActiveAt.Unix())), nil, false, false))
	}
	return qs
}

func sortOrder(s Sort, hasText bool) bsearch.SortOrder {
	num := func(field string, desc bool) *bsearch.SortField {
		return &bsearch.SortField{Field: field, Desc: desc, Type: bsearch.SortFieldAsNumber, Missing: bsearch.SortFieldMissingLast}
	}
	switch s {
	case SortNewest:
		return bsearch.SortOrder{num(fPublished, true), &bsearch.SortDocID{}}
	case SortPriceAsc:
		return bsearch.SortOrder{num(fPriceMin, false), &bsearch.SortDocID{}}
	case SortPriceDesc:
		return bsearch.SortOrder{num(fPriceMax, true), &bsearch.SortDocID{}}
	}
	if !hasText { // no relevance without text: newest first
		return bsearch.SortOrder{num(fPublished, true), &bsearch.SortDocID{}}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}
}

func (b *Bleve) Search(ctx context.Context, q Query) (Result, error) {
	if q.Any {
		return b.searchAny(ctx, q)
	}
	filters := filterQueries(q.Filter)
	var slots []slot
	if strings.TrimSpace(q.Text) != "" {
		ix, err := b.index.Advanced()
		if err != nil {
			return Result{}, err
		}
		r, err := ix.Reader()
		if err != nil {
			return Result{}, err
		}
		slots = b.plan(ctx, r, q.Text)
		_ = r.Close()
	}
	// Every word first; when fewer than minResults documents hold them
	// all, drop one slot at a time (see relaxOrder) until enough do. The
	// dropped words still count, heavily, so the documents holding every
	// word stay first.
	dropped := make([]bool, len(slots))
	docs, err := b.index.DocCount()
	if err != nil {
		return Result{}, err
	}
	order := relaxOrder(slots, docs)
	exact := 0
	// A sort other than relevance would mix the partial matches into the
	// order: then only a query nothing matches is relaxed.
	enough := minResults
	if q.Sort != "" && q.Sort != SortRelevance {
		enough = 1
	}
	for step := 0; ; step++ {
		var must, should []query.Query
		for i, s := range slots {
			sq := slotQuery(s)
			if dropped[i] {
				sq.(query.BoostableQuery).SetBoost(dropBoost)
				should = append(should, sq)
			} else {
				must = append(must, sq)
			}
		}
		must = append(must, filters...)
		res, facets, err := b.run(ctx, q, must, should, len(slots) > 0)
		if err != nil {
			return Result{}, err
		}
		if step == 0 {
			exact = int(res.Total)
		}
		if int(res.Total) < enough && step < len(slots)-1 {
			dropped[order[step]] = true
			continue
		}
		out, err := b.result(res, facets)
		if out.Total > exact {
			out.Relaxed, out.Exact = true, exact
		}
		typed := typedWords(slots)
		for i := range out.Hits {
			for f, h := range out.Hits[i].Highlights {
				out.Hits[i].Highlights[f] = exactMarks(h, typed)
			}
		}
		return out, err
	}
}

// minResults is how many documents holding every word are enough; with
// fewer, the query is relaxed (the documents holding every word first).
const minResults = 3

// dropBoost weighs a dropped word: documents holding it rank above those
// that do not.
const dropBoost = 20

// run is one search: the must and should clauses, the page, the sort and
// the facets q asks for.
//
// The facets come back apart when counted from the snapshot's columns (see
// facetStore), nil when in res.
func (b *Bleve) run(ctx context.Context, q Query, must, should []query.Query, hasText bool) (*bleve.SearchResult, map[string][]FacetCount, error) {
	var qq query.Query = query.NewMatchAllQuery()
	switch {
	case len(should) > 0:
		bq := query.NewBooleanQuery(must, should, nil)
		bq.SetMinShould(0)
		qq = bq
	case len(must) > 0:
		qq = query.NewConjunctionQuery(must)
	}
	size := max(q.PageSize, 1)
	from := (max(q.Page, 1) - 1) * size
	// The facets and the sorts on a field come from the snapshot's
	// columns (see facetStore) unless the index has none, or another
	// search is reading them (after a write).
	var cq *countingQuery
	if !b.docValueFacets && !b.facets.unsupported.Load() && !b.facets.building.Load() {
		cq = &countingQuery{inner: qq, store: &b.facets, count: !q.NoFacets}
		qq = cq
	}
	req := bleve.NewSearchRequestOptions(qq, size, from, false)
	req.Fields = []string{fDoc}
	req.IncludeLocations = hasText
	order := sortOrder(q.Sort, hasText)
	if cq != nil {
		order = cq.sortFrom(order)
	}
	req.SortByCustom(order)
	if cq == nil && !q.NoFacets {
		for _, f := range facetFields {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
		}
	}
	res, err := b.index.SearchInContext(ctx, req)
	if err != nil || cq == nil {
		return res, nil, err
	}
	if !cq.ok() {
		// Not a scorch snapshot, or a match the columns do not hold:
		// Bleve counts and sorts from doc values.
		b.facets.fallbacks.Add(1)
		req.Query = cq.inner
		req.SortByCustom(sortOrder(q.Sort, hasText))
		if !q.NoFacets {
			for _, f := range facetFields {
				req.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
			}
		}
		res, err = b.index.SearchInContext(ctx, req)
		return res, nil, err
	}
	if cq.fc == nil {
		return res, nil, nil
	}
	return res, cq.fc.result(), nil
}

// searchAny runs an any-word query (see Query.Any).
func (b *Bleve) searchAny(ctx context.Context, q Query) (Result, error) {
	words := b.words(q.Text)
	// One side of the market asked for whole: its focus field stands in
	// for the kind filter.
	side := ""
	side, q.Filter.Kinds = sideOf(q.Filter.Kinds)
	must := filterQueries(q.Filter)
	if len(words) > 0 {
		must = append([]query.Query{anyWordQuery(words, side)}, must...)
	}
	res, facets, err := b.run(ctx, q, must, nil, len(words) > 0)
	if err != nil {
		return Result{}, err
	}
	return b.result(res, facets)
}

// result reads one search's hits and facets (facets when counted apart,
// else res.Facets).
func (b *Bleve) result(res *bleve.SearchResult, facets map[string][]FacetCount) (Result, error) {
	if facets == nil {
		facets = map[string][]FacetCount{}
	}
	out := Result{Total: int(res.Total), Hits: make([]Hit, 0, len(res.Hits)), Facets: facets}
	for _, h := range res.Hits {
		d, err := decodeDoc(h)
		if err != nil {
			return Result{}, err
		}
		out.Hits = append(out.Hits, Hit{Doc: d, Score: h.Score, Highlights: highlights(d, h.Locations)})
	}
	for name, f := range res.Facets {
		counts := []FacetCount{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		for _, r := range f.NumericRanges {
			if r.Count > 0 {
				counts = append(counts, FacetCount{Value: r.Name, Count: r.Count})
			}
		}
		SortFacet(name, counts)
		out.Facets[name] = counts
	}
	return out, nil
}

// SortFacet puts facet values in the one order every engine reports: TRL
// by level, the rest by count, then value.
func SortFacet(name string, counts []FacetCount) {
	slices.SortFunc(counts, func(a, b FacetCount) int {
		if name == FacetTRL {
			return atoi(a.Value) - atoi(b.Value)
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// highlights wraps the matched words of the title and summary in <mark>,
// HTML-escaping everything else. Offsets are into the original text, so
// the accented word is what gets marked.
func highlights(d Doc, locs bsearch.FieldTermLocationMap) map[string]string {
	spans := map[string][][2]int{}
	for field, terms := range locs {
		target := field
		for _, ls := range terms {
			for _, l := range ls {
				if field == fTitlePrefix {
					if len(l.ArrayPositions) > 0 && l.ArrayPositions[0] != 0 {
						continue // a keyword, not the title
					}
					target = fTitle
				}
				spans[target] = append(spans[target], [2]int{int(l.Start), int(l.End)})
			}
		}
	}
	out := map[string]string{}
	for field, text := range map[string]string{fTitle: d.Title, fSummary: d.Summary} {
		if s := spans[field]; len(s) > 0 {
			out[field] = mark(text, s)
		}
	}
	return out
}

func mark(text string, spans [][2]int) string {
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var sb strings.Builder
	pos := 0
	for _, s := range spans {
		start, end := s[0], min(s[1], len(text))
		if start < pos || start >= end {
			continue // overlapping or empty
		}
		sb.WriteString(html.EscapeString(text[pos:start]))
		sb.WriteString("<mark>")
		sb.WriteString(html.EscapeString(text[start:end]))
		sb.WriteString("</mark>")
		pos = end
	}
	sb.WriteString(html.EscapeString(text[pos:]))
	return sb.String()
}

func (b *Bleve) Suggest(ctx context.Context, text string, activeAt time.Time, limit int) ([]Suggestion, error) {
	words := b.words(text)
	if len(words) == 0 {
		return []Suggestion{}, nil
	}
	var must []query.Query
	for i, w := range words {
		if i == len(words)-1 {
			p := query.NewTermQuery(w)
			p.SetField(fTitlePrefix)
			must = append(must, p)
			continue
		}
		must = append(must, wordQuery(w, "", false))
	}
	must = append(must, filterQueries(Filter{ActiveAt: activeAt})...)
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery(must), limit, 0, false)
	req.Fields = []string{fDoc}
	req.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}})
	res, err := b.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]Suggestion, 0, len(res.Hits))
	for _, h := range res.Hits {
		d, err := decodeDoc(h)
		if err != nil {
			return nil, err
		}
		out = append(out, Suggestion{ID: d.ID, Kind: d.Kind, Title: d.Title})
	}
	return out, nil
}

// DocFreq tells how many documents hold each folded word (in their title,
// keywords and summary, or in the rest of their text; the larger count)
// and how many documents the index holds: matching weighs the phrases two
// listings share by it.
func (b *Bleve) DocFreq(ctx context.Context, words []string) (map[string]int, int, error) {
	adv, err := b.index.Advanced()
	if err != nil {
		return nil, 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, 0, err
	}
	out := make(map[string]int, len(words))
	for _, w := range words {
		focus := 0
		for _, field := range []string{fFocusOffer, fFocusNeed, fText} {
			tr, err := r.TermFieldReader(ctx, []byte(w), field, false, false, false)
			if err != nil {
				return nil, 0, err
			}
			c := int(tr.Count())
			_ = tr.Close()
			if field == fText {
				focus = max(focus, c)
			} else {
				focus += c
			}
		}
		out[w] = focus
	}
	return out, int(n), nil
}

// Compact merges the index into one segment and waits for it. A start on an
// index of many small segments merges them in the background at once; the
// test harness copies one seeded index into every test, which would merge
// the same segments again in each. Only a scorch index on disk has
// segments; any other is left as it is.
func (b *Bleve) Compact(ctx context.Context) error {
	adv, err := b.index.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	return s.ForceMerge(ctx, nil)
}
