package search

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"html"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

// meili is the production engine. Its index is created and configured on
// first use (and again after Meilisearch lost it), so Techmart starts even
// while Meilisearch is still coming up. The configured key (the master key)
// sets the index up, writes documents and creates a search-only key; every
// search goes out with that search-only key.
type meili struct {
	url, key string
	uid      string
	http     *http.Client
	admin    meilisearch.ServiceManager

	mu    sync.Mutex
	setup *meiliSetup // nil: not started, or to be done again
}

// meiliSetup is one run of the index set-up. Callers that arrive while it
// runs wait on done (or their own deadline); no lock is held meanwhile.
type meiliSetup struct {
	done     chan struct{}
	err      error
	searcher meilisearch.ServiceManager
}

// meiliDoc is a document as Meilisearch holds it: the filterable and
// searchable attributes, and the whole Doc as JSON for Get and hits.
type meiliDoc struct {
	ID            string   `json:"id"`
	Version       int64    `json:"version"`
	Kind          string   `json:"kind"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary"`
	TitleEn       string   `json:"titleEn,omitempty"`
	SummaryEn     string   `json:"summaryEn,omitempty"`
	Text          string   `json:"text"`
	Keywords      []string `json:"keywords"`
	OrgName       string   `json:"orgName"`
	Sectors       []string `json:"sectors"`
	TransferForms []string `json:"transferForms"`
	AdminUnit     string   `json:"adminUnit,omitempty"`
	OrgKind       string   `json:"orgKind"`
	Events        []string `json:"events,omitempty"`
	TRL           int      `json:"trl,omitempty"`
	PriceMin      int64    `json:"priceMin,omitempty"`
	PriceMax      int64    `json:"priceMax,omitempty"`
	PublishedAt   int64    `json:"publishedAt"`
	ExpiresAt     int64    `json:"expiresAt"`
	Doc           string   `json:"doc"`
}

// meiliFacetAttrs maps Meilisearch's facet attributes to our facet names.
var meiliFacetAttrs = []struct{ attr, name string }{
	{"kind", FacetKind}, {"sectors", FacetSector}, {"trl", FacetTRL},
	{"transferForms", FacetTransferForm}, {"adminUnit", FacetAdminUnit}, {"orgKind", FacetOrgKind},
}

// maxFacetValues is how many values of one facet a result reports, the
// most frequent first (Bleve's facet size). Meilisearch is asked for more
// (meiliFacetValues, above the 112 administrative units) so that cutting
// to the top ones by count happens here, on exact counts.
const maxFacetValues, meiliFacetValues = 100, 1000

// Highlight markers no listing contains; the text between them is
// HTML-escaped before they become <mark> (Meilisearch does not escape).
const hlPre, hlPost = "\x02", "\x03"

// DefaultMeiliTimeout bounds every HTTP call to Meilisearch when the
// configuration gives no other.
const DefaultMeiliTimeout = 10 * time.Second

// meiliSettings are the index settings Techmart needs. Ranking rules put
// sort first: Meilisearch applies the sort rule only when a query asks for
// a sort, so "newest" and "price" then order strictly (as on Bleve) and a
// relevance query is ranked by words, typos, proximity, attribute and
// exactness as by default.
func meiliSettings() *meilisearch.Settings {
	return &meilisearch.Settings{
		RankingRules:         []string{"sort", "words", "typo", "proximity", "attribute", "exactness"},
		SearchableAttributes: []string{"title", "keywords", "titleEn", "summary", "summaryEn", "orgName", "text"},
		FilterableAttributes: []string{"kind", "sectors", "transferForms", "adminUnit", "orgKind", "events", "trl", "priceMin", "expiresAt"},
		SortableAttributes:   []string{"publishedAt", "priceMin", "priceMax", "id"},
		Pagination:           &meilisearch.Pagination{MaxTotalHits: 2500},
		Faceting: &meilisearch.Faceting{MaxValuesPerFacet: meiliFacetValues,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount}},
		TypoTolerance: &meilisearch.TypoTolerance{Enabled: true, DisableOnAttributes: []string{}, DisableOnWords: []string{},
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9}},
	}
}

// sameSettings reports whether the index already has the settings want:
// every option is compared, not only whether the index exists, so a
// changed setting is applied on the next start. Attribute sets compare
// in any order (Meilisearch returns some of them sorted).
func sameSettings(have, want *meilisearch.Settings) bool {
	set := func(a, b []string) bool {
		return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
	}
	if have == nil || !slices.Equal(have.RankingRules, want.RankingRules) ||
		!slices.Equal(have.SearchableAttributes, want.SearchableAttributes) ||
		!set(have.FilterableAttributes, want.FilterableAttributes) || !set(have.SortableAttributes, want.SortableAttributes) {
		return false
	}
	if have.Pagination == nil || have.Pagination.MaxTotalHits != want.Pagination.MaxTotalHits {
		return false
	}
	if have.Faceting == nil || have.Faceting.MaxValuesPerFacet != want.Faceting.MaxValuesPerFacet ||
		have.Faceting.SortFacetValuesBy["*"] != want.Faceting.SortFacetValuesBy["*"] {
		return false
	}
	ht, wt := have.TypoTolerance, want.TypoTolerance
	return ht != nil && ht.Enabled == wt.Enabled && ht.MinWordSizeForTypos == wt.MinWordSizeForTypos &&
		set(ht.DisableOnAttributes, wt.DisableOnAttributes) && set(ht.DisableOnWords, wt.DisableOnWords)
}

func openMeili(cfg Config) (Engine, error) {
	return OpenMeiliIndex(cfg.MeiliURL, cfg.MeiliKey, "listings", cfg.Timeout)
}

// OpenMeiliIndex returns the Meilisearch engine on index uid (tests and the
// self-test use a fresh one each run). timeout bounds every HTTP call
// (0: DefaultMeiliTimeout).
func OpenMeiliIndex(url, key, uid string, timeout time.Duration) (Engine, error) {
	if timeout <= 0 {
		timeout = DefaultMeiliTimeout
	}
	m := &meili{url: url, key: key, uid: uid, http: &http.Client{Timeout: timeout}}
	m.admin = m.client(key)
	return m, nil
}

func (m *meili) client(key string) meilisearch.ServiceManager {
	return meilisearch.New(m.url, meilisearch.WithAPIKey(key), meilisearch.WithCustomClient(m.http))
}

func (m *meili) Name() string { return "meilisearch" }

func (m *meili) Health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	h, err := m.admin.Health(ctx)
	if err != nil {
		return fmt.Errorf("search: meilisearch: %w", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("search: meilisearch status %q", h.Status)
	}
	return nil
}

func (m *meili) Close() error {
	m.admin.Close()
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.setup; s != nil {
		select {
		case <-s.done:
			if s.searcher != nil && s.searcher != m.admin {
				s.searcher.Close()
			}
		default:
		}
	}
	return nil
}

// wait waits for a task and turns a failed one into an error: WaitForTask
// itself reports success for a task that failed.
func (m *meili) wait(ctx context.Context, info *meilisearch.TaskInfo, err error) error {
	if err != nil {
		return fmt.Errorf("search: meilisearch: %w", err)
	}
	t, err := m.admin.WaitForTask(ctx, info.TaskUID, 20*time.Millisecond)
	if err != nil {
		return fmt.Errorf("search: meilisearch task %d: %w", info.TaskUID, err)
	}
	if t.Status != meilisearch.TaskStatusSucceeded {
		return fmt.Errorf("search: meilisearch task %d %s: %s (%s)", info.TaskUID, t.Status, t.Error.Message, t.Error.Code)
	}
	return nil
}

// apiCode is Meilisearch's error code in err ("" for a network error).
func apiCode(err error) string {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		return string(me.APIError.Code)
	}
	return ""
}

// ensure makes sure the index exists with the settings Techmart needs and
// returns the client that searches. The first caller runs the set-up; the
// others wait for it without any lock held across a network call. A failed
// set-up is tried again by the next call.
func (m *meili) ensure(ctx context.Context) (meilisearch.ServiceManager, error) {
	m.mu.Lock()
	s := m.setup
	run := false
	if s == nil {
		s = &meiliSetup{done: make(chan struct{})}
		m.setup, run = s, true
	}
	m.mu.Unlock()
	if run {
		s.searcher, s.err = m.configure(ctx)
		if s.err != nil {
			m.forget(s)
		}
		close(s.done)
	}
	select {
	case <-s.done:
		return s.searcher, s.err
	case <-ctx.Done():
		return nil, fmt.Errorf("search: meilisearch set-up: %w", ctx.Err())
	}
}

// forget makes the next call set the index up again, unless another
// set-up already replaced s.
func (m *meili) forget(s *meiliSetup) {
	m.mu.Lock()
	if m.setup == s {
		m.setup = nil
	}
	m.mu.Unlock()
}

// failed wraps err and, when Meilisearch says the index is gone (it was
// deleted, or the data directory was replaced), makes the next call create
// it again. Any other error leaves the set-up alone.
func (m *meili) failed(err error) error {
	if apiCode(err) == "index_not_found" {
		m.mu.Lock()
		m.setup = nil
		m.mu.Unlock()
	}
	return fmt.Errorf("search: meilisearch: %w", err)
}

// configure creates the index when it is missing, applies the settings
// when they differ, and finds or creates the search-only key.
func (m *meili) configure(ctx context.Context) (meilisearch.ServiceManager, error) {
	if _, err := m.admin.GetIndex(ctx, m.uid); err != nil {
		if apiCode(err) != "index_not_found" {
			return nil, fmt.Errorf("search: meilisearch: %w", err)
		}
		info, err := m.admin.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: m.uid, PrimaryKey: "id"})
		if err := m.wait(ctx, info, err); err != nil && !strings.Contains(err.Error(), "index_already_exists") {
			return nil, err
		}
	}
	idx := m.admin.Index(m.uid)
	want := meiliSettings()
	have, err := idx.GetSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: meilisearch: %w", err)
	}
	if !sameSettings(have, want) {
		// Settings before documents where possible: changing them later
		// re-indexes everything.
		info, err := idx.UpdateSettings(ctx, want)
		if err := m.wait(ctx, info, err); err != nil {
			return nil, err
		}
	}
	return m.searchClient(ctx)
}

// searchKeyName names the key Techmart searches index uid with.
func searchKeyName(uid string) string { return "techmart-search-" + uid }

// searchClient returns a client holding a key that may only search this
// index, created with the configured key the first time. Without a key
// (a Meilisearch run without a master key) there is nothing to restrict;
// with a key that may not manage keys, the operator already gave a
// restricted one and it is used as is.
func (m *meili) searchClient(ctx context.Context) (meilisearch.ServiceManager, error) {
	if m.key == "" {
		return m.admin, nil
	}
	name := searchKeyName(m.uid)
	keys, err := m.admin.GetKeys(ctx, &meilisearch.KeysQuery{Limit: 1000})
	if err != nil {
		var me *meilisearch.Error
		if errors.As(err, &me) && me.StatusCode == http.StatusForbidden {
			return m.admin, nil
		}
		return nil, fmt.Errorf("search: meilisearch keys: %w", err)
	}
	for _, k := range keys.Results {
		if k.Name == name && slices.Equal(k.Actions, []string{"search"}) && slices.Equal(k.Indexes, []string{m.uid}) && k.ExpiresAt.IsZero() {
			return m.client(k.Key), nil
		}
	}
	k, err := m.admin.CreateKey(ctx, &meilisearch.Key{
		Name: name, Description: "Techmart: searches the " + m.uid + " index only",
		Actions: []string{"search"}, Indexes: []string{m.uid},
	})
	if err != nil {
		return nil, fmt.Errorf("search: meilisearch: create the search key: %w", err)
	}
	return m.client(k.Key), nil
}

func (m *meili) Upsert(ctx context.Context, docs ...Doc) error {
	if _, err := m.ensure(ctx); err != nil {
		return err
	}
	batch := make([]meiliDoc, 0, len(docs))
	for _, d := range docs {
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		md := meiliDoc{
			ID: d.ID, Version: d.Version, Kind: d.Kind, Title: d.Title, Summary: d.Summary, Text: d.Text,
			TitleEn: d.TitleEn, SummaryEn: d.SummaryEn,
			Keywords: d.Keywords, OrgName: d.OrgName, Sectors: d.Sectors, TransferForms: d.TransferForms,
			AdminUnit: d.AdminUnit, OrgKind: d.OrgKind, Events: d.Events, TRL: d.TRL, PriceMin: d.PriceMin, PriceMax: d.PriceMax,
			PublishedAt: d.PublishedAt.Unix(), ExpiresAt: d.ExpiresAt.Unix(), Doc: string(raw),
		}
		if md.PriceMax == 0 {
			md.PriceMax = md.PriceMin
		}
		batch = append(batch, md)
	}
	pk := "id"
	info, err := m.admin.Index(m.uid).AddDocuments(ctx, batch, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	if err != nil {
		return m.failed(err)
	}
	return m.wait(ctx, info, nil)
}

func (m *meili) Delete(ctx context.Context, ids ...string) error {
	if _, err := m.ensure(ctx); err != nil {
		return err
	}
	info, err := m.admin.Index(m.uid).DeleteDocuments(ctx, ids, nil)
	if err != nil {
		return m.failed(err)
	}
	return m.wait(ctx, info, nil)
}

func (m *meili) Versions(ctx context.Context) (map[string]int64, error) {
	if _, err := m.ensure(ctx); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	const page = 10000
	for offset := int64(0); ; offset += page {
		var res meilisearch.DocumentsResult
		if err := m.admin.Index(m.uid).GetDocuments(ctx, &meilisearch.DocumentsQuery{Offset: offset, Limit: page, Fields: []string{"id", "version"}}, &res); err != nil {
			return nil, m.failed(err)
		}
		for _, h := range res.Results {
			var v struct {
				ID      string `json:"id"`
				Version int64  `json:"version"`
			}
			if err := h.DecodeInto(&v); err != nil {
				return nil, err
			}
			out[v.ID] = v.Version
		}
		if int64(len(res.Results)) < page {
			return out, nil
		}
	}
}

// Get reads one document. Only Meilisearch's document_not_found is "not
// found": a missing index (also a 404) is an engine failure, which the API
// reports as search being unavailable rather than as "no such listing".
func (m *meili) Get(ctx context.Context, id string) (Doc, error) {
	if _, err := m.ensure(ctx); err != nil {
		return Doc{}, err
	}
	var md meiliDoc
	err := m.admin.Index(m.uid).GetDocument(ctx, id, &meilisearch.DocumentQuery{Fields: []string{"doc"}}, &md)
	if apiCode(err) == "document_not_found" {
		return Doc{}, ErrNotFound
	}
	if err != nil {
		return Doc{}, m.failed(err)
	}
	var d Doc
	return d, json.Unmarshal([]byte(md.Doc), &d)
}

// quote makes a filter value literal: every value is quoted and escaped,
// so nothing a user typed is read as filter syntax.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// meiliFilter builds the filter string from the typed Filter.
func meiliFilter(f Filter) string {
	var and []string
	in := func(attr string, values []string) {
		if len(values) == 0 {
			return
		}
		or := make([]string, len(values))
		for i, v := range values {
			or[i] = attr + " = " + quote(v)
		}
		and = append(and, "("+strings.Join(or, " OR ")+")")
	}
	in("kind", f.Kinds)
	in("sectors", f.Sectors)
	in("transferForms", f.TransferForms)
	in("adminUnit", f.AdminUnits)
	in("orgKind", f.OrgKinds)
	in("events", f.Events)
	if f.TRLMin > 0 {
		and = append(and, "trl >= "+strconv.Itoa(f.TRLMin))
	}
	if f.TRLMax > 0 {
		and = append(and, "trl <= "+strconv.Itoa(f.TRLMax))
	}
	if f.PriceMax > 0 {
		and = append(and, "priceMin >= 0 AND priceMin <= "+strconv.FormatInt(f.PriceMax, 10))
	}
	if !f.ActiveAt.IsZero() {
		and = append(and, "expiresAt > "+strconv.FormatInt(f.ActiveAt.Unix(), 10))
	}
	return strings.Join(and, " AND ")
}

func meiliSort(s Sort, hasText bool) []string {
	switch {
	case s == SortNewest, s == SortRelevance && !hasText:
		return []string{"publishedAt:desc", "id:asc"}
	case s == SortPriceAsc:
		return []string{"priceMin:asc", "id:asc"}
	case s == SortPriceDesc:
		return []string{"priceMax:desc", "id:asc"}
	}
	return nil // relevance: Meilisearch's ranking rules
}

// queryWords splits text into the words a query counts (as Bleve does: at
// most maxQueryWords, each once by its folded form), keeping each word as
// typed so Meilisearch's own tokenizer reads it.
func queryWords(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range wordsAnalyzer().Analyze([]byte(text)) {
		if seen[string(t.Term)] {
			continue
		}
		seen[string(t.Term)] = true
		out = append(out, text[t.Start:t.End])
		if len(out) == maxQueryWords {
			break
		}
	}
	return out
}

// searchRequests builds what Search sends: one request, or, for an any-word
// query, one per word (see anyWordRequests).
func (m *meili) searchRequest(q Query, text string, strategy meilisearch.MatchingStrategy) *meilisearch.SearchRequest {
	size := int64(max(q.PageSize, 1))
	req := &meilisearch.SearchRequest{
		Query: text, Filter: meiliFilter(q.Filter), Sort: meiliSort(q.Sort, strings.TrimSpace(text) != ""),
		Page: int64(max(q.Page, 1)), HitsPerPage: &size, MatchingStrategy: strategy,
		AttributesToRetrieve:  []string{"doc"},
		AttributesToHighlight: []string{"title", "summary"}, HighlightPreTag: hlPre, HighlightPostTag: hlPost,
	}
	if !q.NoFacets {
		for _, f := range meiliFacetAttrs {
			req.Facets = append(req.Facets, f.attr)
		}
	}
	return req
}

func (m *meili) Search(ctx context.Context, q Query) (Result, error) {
	searcher, err := m.ensure(ctx)
	if err != nil {
		return Result{}, err
	}
	if q.Any {
		return m.searchAny(ctx, searcher, q)
	}
	if q.Text, err = m.decodeTyped(ctx, searcher, q.Text); err != nil {
		return Result{}, err
	}
	words := queryWords(q.Text)
	typed := make([]string, len(words))
	for i, w := range words {
		typed[i] = strings.ToLower(norm.NFC.String(w))
	}
	done := func(res *meilisearch.SearchResponse, exact int) (Result, error) {
		out, err := meiliResult(res, !q.NoFacets)
		if out.Total > exact {
			out.Relaxed, out.Exact = true, exact
		}
		for i := range out.Hits {
			for f, h := range out.Hits[i].Highlights {
				out.Hits[i].Highlights[f] = exactMarks(h, typed)
			}
		}
		return out, err
	}
	if len(words) == 0 || q.Sort == "" || q.Sort == SortRelevance {
		// Relevance: every word first; when fewer than minResults
		// documents hold them all, "last" adds those holding fewer after
		// them (Bleve drops unknown and very common words first) and the
		// result says it was relaxed.
		res, err := searcher.Index(m.uid).Search(ctx, q.Text, m.searchRequest(q, q.Text, meilisearch.All))
		if err != nil {
			return Result{}, m.failed(err)
		}
		exact := int(res.TotalHits)
		if exact >= minResults || len(words) < 2 {
			return done(res, exact)
		}
		if res, err = searcher.Index(m.uid).Search(ctx, q.Text, m.searchRequest(q, q.Text, meilisearch.Last)); err != nil {
			return Result{}, m.failed(err)
		}
		return done(res, exact)
	}
	// A sort with text: the sort ranking rule comes first, so the strategy
	// "last" would mix documents holding fewer words into the sorted order.
	// Ask for every word instead and drop words from the end only while
	// nothing holds them all; the trailing space keeps Meilisearch from
	// reading a kept word as a prefix, as Bleve does after dropping.
	for n := len(words); n > 0; n-- {
		text := q.Text
		if n < len(words) {
			text = strings.Join(words[:n], " ") + " "
		}
		res, err := searcher.Index(m.uid).Search(ctx, text, m.searchRequest(q, text, meilisearch.All))
		if err != nil {
			return Result{}, m.failed(err)
		}
		if res.TotalHits > 0 || n == 1 {
			exact := int(res.TotalHits)
			if n < len(words) {
				exact = 0
			}
			return done(res, exact)
		}
	}
	return Result{Hits: []Hit{}, Facets: map[string][]FacetCount{}}, nil
}

// decodeTyped replaces the words of text typed in Telex or VNI with the
// input method off ("quyts") by the Vietnamese word they spell (quýt) when
// the index holds that word and not the one typed: one multi-search,
// counting each as an exact one-word phrase, and only when some word
// decodes at all.
func (m *meili) decodeTyped(ctx context.Context, searcher meilisearch.ServiceManager, text string) (string, error) {
	type cand struct{ typed, decoded string }
	var cands []cand
	for _, w := range queryWords(text) {
		if d, ok := DecodeTyped(w); ok {
			cands = append(cands, cand{w, d})
		}
	}
	if len(cands) == 0 {
		return text, nil
	}
	none := int64(0)
	multi := &meilisearch.MultiSearchRequest{}
	for _, c := range cands {
		for _, w := range []string{c.typed, c.decoded} {
			multi.Queries = append(multi.Queries, &meilisearch.SearchRequest{
				IndexUID: m.uid, Query: `"` + w + `"`, Page: 1, HitsPerPage: &none, AttributesToRetrieve: []string{"id"},
			})
		}
	}
	res, err := searcher.MultiSearch(ctx, multi)
	if err != nil {
		return "", m.failed(err)
	}
	if len(res.Results) != 2*len(cands) {
		return "", fmt.Errorf("search: meilisearch answered %d of %d counts", len(res.Results), 2*len(cands))
	}
	last := len(cands) > 0 && strings.HasSuffix(strings.TrimSpace(text), cands[len(cands)-1].typed)
	for i, c := range cands {
		if res.Results[2*i].TotalHits == 0 && res.Results[2*i+1].TotalHits > 0 {
			text = strings.Replace(text, c.typed, c.decoded, 1)
			if last && i == len(cands)-1 {
				// A decoded word was typed whole: no prefix, even last.
				text = strings.TrimSpace(text) + " "
			}
		}
	}
	return text, nil
}

// SetSynonyms replaces the index's synonyms setting (an empty map resets
// it: UpdateSettings would leave out an empty list).
func (m *meili) SetSynonyms(ctx context.Context, s Synonyms) error {
	if _, err := m.ensure(ctx); err != nil {
		return err
	}
	idx := m.admin.Index(m.uid)
	if len(s) == 0 {
		info, err := idx.ResetSynonyms(ctx)
		return m.wait(ctx, info, err)
	}
	syn := map[string][]string(s)
	info, err := idx.UpdateSynonyms(ctx, &syn)
	return m.wait(ctx, info, err)
}

// anyWordLimit is how many hits each word of an any-word query brings at
// most: the candidates ranked by words in common come from them.
const anyWordLimit = 500

// anyWordRequests builds an any-word query as Meilisearch runs it: one
// query per word, each word in quotes (a phrase of one word: exact, no
// typo, no prefix), on titles, keywords and summaries only. A listing's
// rarest words usually occur in that listing alone; asking for each word
// on its own is what finds them (a single query with the "frequency"
// strategy never drops them and finds almost nothing).
func (m *meili) anyWordRequests(q Query, words []string) *meilisearch.MultiSearchRequest {
	limit := int64(min(max(max(q.Page, 1)*max(q.PageSize, 1)*4, 100), anyWordLimit))
	multi := &meilisearch.MultiSearchRequest{}
	for _, w := range words {
		multi.Queries = append(multi.Queries, &meilisearch.SearchRequest{
			IndexUID: m.uid, Query: `"` + w + `"`, Filter: meiliFilter(q.Filter), Limit: limit,
			AttributesToSearchOn: []string{"title", "keywords", "summary"},
			AttributesToRetrieve: []string{"doc"}, ShowRankingScore: true,
			AttributesToHighlight: []string{"title", "summary"}, HighlightPreTag: hlPre, HighlightPostTag: hlPost,
		})
	}
	return multi
}

// searchAny runs an any-word query: the documents holding more of the
// words rank higher, then by the sum of their ranking scores, then by id —
// or in the order asked. Total counts the candidates gathered, and the
// facets are counted over them.
func (m *meili) searchAny(ctx context.Context, searcher meilisearch.ServiceManager, q Query) (Result, error) {
	words := queryWords(q.Text)
	out := Result{Hits: []Hit{}, Facets: map[string][]FacetCount{}}
	if len(words) == 0 {
		return out, nil
	}
	res, err := searcher.MultiSearch(ctx, m.anyWordRequests(q, words))
	if err != nil {
		return Result{}, m.failed(err)
	}
	type cand struct {
		hit   Hit
		words int
		score float64
	}
	byID := map[string]*cand{}
	for _, r := range res.Results {
		for _, h := range r.Hits {
			hit, score, err := meiliHit(h)
			if err != nil {
				return Result{}, err
			}
			c := byID[hit.Doc.ID]
			if c == nil {
				c = &cand{hit: hit}
				byID[hit.Doc.ID] = c
			}
			c.words++
			c.score += score
			for f, v := range hit.Highlights {
				if _, ok := c.hit.Highlights[f]; !ok {
					c.hit.Highlights[f] = v
				}
			}
		}
	}
	cands := make([]*cand, 0, len(byID))
	for _, c := range byID {
		c.hit.Score = float64(c.words) + c.score/float64(len(words)+1)
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b *cand) int {
		if o := sortDocs(q.Sort, a.hit.Doc, b.hit.Doc); o != 0 {
			return o
		}
		if a.words != b.words {
			return b.words - a.words
		}
		if o := cmp.Compare(b.score, a.score); o != 0 {
			return o
		}
		return strings.Compare(a.hit.Doc.ID, b.hit.Doc.ID)
	})
	out.Total = len(cands)
	if !q.NoFacets {
		docs := make([]Doc, len(cands))
		for i, c := range cands {
			docs[i] = c.hit.Doc
		}
		out.Facets = countFacets(docs)
	}
	size := max(q.PageSize, 1)
	for _, c := range cands[min((max(q.Page, 1)-1)*size, len(cands)):min(max(q.Page, 1)*size, len(cands))] {
		out.Hits = append(out.Hits, c.hit)
	}
	return out, nil
}

// sortDocs orders two documents by an explicit sort (0 for relevance, or
// when they tie): the order Bleve and Meilisearch apply, missing prices last.
func sortDocs(s Sort, a, b Doc) int {
	price := func(v int64, desc bool) int64 {
		switch {
		case v == 0 && desc:
			return -1
		case v == 0:
			return 1 << 62
		}
		return v
	}
	maxPrice := func(d Doc) int64 { return cmp.Or(d.PriceMax, d.PriceMin) }
	switch s {
	case SortNewest:
		return b.PublishedAt.Compare(a.PublishedAt)
	case SortPriceAsc:
		return cmp.Compare(price(a.PriceMin, false), price(b.PriceMin, false))
	case SortPriceDesc:
		return cmp.Compare(price(maxPrice(b), true), price(maxPrice(a), true))
	}
	return 0
}

// countFacets counts facet values over docs, in the order every engine
// reports them, the top maxFacetValues of each.
func countFacets(docs []Doc) map[string][]FacetCount {
	counts := map[string]map[string]int{}
	add := func(name string, values ...string) {
		if counts[name] == nil {
			counts[name] = map[string]int{}
		}
		for _, v := range values {
			if v != "" {
				counts[name][v]++
			}
		}
	}
	for _, d := range docs {
		add(FacetKind, d.Kind)
		add(FacetSector, d.Sectors...)
		add(FacetTransferForm, d.TransferForms...)
		add(FacetAdminUnit, d.AdminUnit)
		add(FacetOrgKind, d.OrgKind)
		if d.TRL > 0 {
			add(FacetTRL, strconv.Itoa(d.TRL))
		} else {
			add(FacetTRL)
		}
	}
	out := map[string][]FacetCount{}
	for name, byValue := range counts {
		out[name] = topFacet(name, byValue)
	}
	return out
}

// topFacet sorts a facet's counts (SortFacet) and keeps the most frequent
// maxFacetValues, as Bleve's facet request does.
func topFacet(name string, byValue map[string]int) []FacetCount {
	fc := make([]FacetCount, 0, len(byValue))
	for v, n := range byValue {
		fc = append(fc, FacetCount{Value: v, Count: n})
	}
	if len(fc) > maxFacetValues {
		SortFacet(FacetSector, fc) // by count, whatever the facet
		fc = fc[:maxFacetValues]
	}
	SortFacet(name, fc)
	return fc
}

// meiliHit decodes one hit: the stored Doc, its highlights and its ranking
// score (when asked for).
func meiliHit(h meilisearch.Hit) (Hit, float64, error) {
	var hit struct {
		Doc       string  `json:"doc"`
		Score     float64 `json:"_rankingScore"`
		Formatted struct {
			Title   string `json:"title"`
			Summary string `json:"summary"`
		} `json:"_formatted"`
	}
	if err := h.DecodeInto(&hit); err != nil {
		return Hit{}, 0, err
	}
	var d Doc
	if err := json.Unmarshal([]byte(hit.Doc), &d); err != nil {
		return Hit{}, 0, err
	}
	hl := map[string]string{}
	for field, f := range map[string]string{"title": hit.Formatted.Title, "summary": hit.Formatted.Summary} {
		if strings.Contains(f, hlPre) {
			hl[field] = strings.NewReplacer(hlPre, "<mark>", hlPost, "</mark>").Replace(html.EscapeString(f))
		}
	}
	return Hit{Doc: d, Highlights: hl}, hit.Score, nil
}

// meiliResult turns a search response into a Result; facets only when
// they were asked for.
func meiliResult(res *meilisearch.SearchResponse, facets bool) (Result, error) {
	out := Result{Total: int(res.TotalHits), Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		hit, _, err := meiliHit(h)
		if err != nil {
			return Result{}, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if !facets {
		return out, nil
	}
	var dist map[string]map[string]int
	if len(res.FacetDistribution) > 0 {
		if err := json.Unmarshal(res.FacetDistribution, &dist); err != nil {
			return Result{}, err
		}
	}
	for _, f := range meiliFacetAttrs {
		out.Facets[f.name] = topFacet(f.name, dist[f.attr])
	}
	return out, nil
}

func (m *meili) Suggest(ctx context.Context, text string, activeAt time.Time, limit int) ([]Suggestion, error) {
	if strings.TrimSpace(text) == "" {
		return []Suggestion{}, nil
	}
	searcher, err := m.ensure(ctx)
	if err != nil {
		return nil, err
	}
	res, err := searcher.Index(m.uid).Search(ctx, text, &meilisearch.SearchRequest{
		Limit: int64(limit), Filter: meiliFilter(Filter{ActiveAt: activeAt}),
		AttributesToSearchOn: []string{"title", "keywords"}, AttributesToRetrieve: []string{"id", "kind", "title"},
	})
	if err != nil {
		return nil, m.failed(err)
	}
	out := make([]Suggestion, 0, len(res.Hits))
	for _, h := range res.Hits {
		var s Suggestion
		if err := h.DecodeInto(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// DropMeiliIndex deletes index uid and the search key made for it; the
// self-test cleans up its temporary index with it.
func DropMeiliIndex(ctx context.Context, url, key, uid string, timeout time.Duration) error {
	e, err := OpenMeiliIndex(url, key, uid, timeout)
	if err != nil {
		return err
	}
	m := e.(*meili)
	defer m.Close()
	info, err := m.admin.DeleteIndex(ctx, uid)
	if err := m.wait(ctx, info, err); err != nil && apiCode(err) != "index_not_found" {
		return err
	}
	if key == "" {
		return nil
	}
	keys, err := m.admin.GetKeys(ctx, &meilisearch.KeysQuery{Limit: 1000})
	if err != nil {
		return fmt.Errorf("search: meilisearch keys: %w", err)
	}
	for _, k := range keys.Results {
		if k.Name == searchKeyName(uid) {
			if _, err := m.admin.DeleteKey(ctx, k.UID); err != nil {
				return fmt.Errorf("search: meilisearch: delete key %s: %w", k.Name, err)
			}
		}
	}
	return nil
}
