package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

// meili is the production engine. Its index is created and configured on
// first use (and again after Meilisearch lost it), so Techmart starts even
// while Meilisearch is still coming up.
type meili struct {
	client meilisearch.ServiceManager
	uid    string

	mu    sync.Mutex
	ready bool
}

// meiliDoc is a document as Meilisearch holds it: the filterable and
// searchable attributes, and the whole Doc as JSON for Get and hits.
type meiliDoc struct {
	ID            string   `json:"id"`
	Version       int64    `json:"version"`
	Kind          string   `json:"kind"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary"`
	Text          string   `json:"text"`
	Keywords      []string `json:"keywords"`
	OrgName       string   `json:"orgName"`
	Sectors       []string `json:"sectors"`
	TransferForms []string `json:"transferForms"`
	AdminUnit     string   `json:"adminUnit,omitempty"`
	OrgKind       string   `json:"orgKind"`
	TRL           int      `json:"trl,omitempty"`
	PriceMin      int64    `json:"priceMin,omitempty"`
	PriceMax      int64    `json:"priceMax,omitempty"`
	PublishedAt   int64    `json:"publishedAt"`
	ExpiresAt     int64    `json:"expiresAt"`
	Doc           string   `json:"doc"`
}

// Attribute names: Meilisearch's facet names map to ours.
var meiliFacets = map[string]string{
	"kind": FacetKind, "sectors": FacetSector, "trl": FacetTRL,
	"transferForms": FacetTransferForm, "adminUnit": FacetAdminUnit, "orgKind": FacetOrgKind,
}

// Highlight markers no listing contains; the text between them is
// HTML-escaped before they become <mark> (Meilisearch does not escape).
const hlPre, hlPost = "\x02", "\x03"

func openMeili(url, key string) (Engine, error) { return OpenMeiliIndex(url, key, "listings") }

// OpenMeiliIndex returns the Meilisearch engine on index uid (tests use a
// fresh one each run).
func OpenMeiliIndex(url, key, uid string) (Engine, error) {
	return &meili{client: meilisearch.New(url, meilisearch.WithAPIKey(key)), uid: uid}, nil
}

func (m *meili) Name() string { return "meilisearch" }

func (m *meili) Health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	h, err := m.client.Health(ctx)
	if err != nil {
		return fmt.Errorf("search: meilisearch: %w", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("search: meilisearch status %q", h.Status)
	}
	return nil
}

func (m *meili) Close() error { m.client.Close(); return nil }

// wait waits for a task and turns a failed one into an error: WaitForTask
// itself reports success for a task that failed.
func (m *meili) wait(ctx context.Context, info *meilisearch.TaskInfo, err error) error {
	if err != nil {
		return fmt.Errorf("search: meilisearch: %w", err)
	}
	t, err := m.client.WaitForTask(ctx, info.TaskUID, 20*time.Millisecond)
	if err != nil {
		return fmt.Errorf("search: meilisearch task %d: %w", info.TaskUID, err)
	}
	if t.Status != meilisearch.TaskStatusSucceeded {
		return fmt.Errorf("search: meilisearch task %d %s: %s (%s)", info.TaskUID, t.Status, t.Error.Message, t.Error.Code)
	}
	return nil
}

// ensure creates and configures the index once. Settings come before any
// document: changing them later re-indexes everything.
func (m *meili) ensure(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ready {
		return nil
	}
	info, err := m.client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: m.uid, PrimaryKey: "id"})
	if err := m.wait(ctx, info, err); err != nil && !strings.Contains(err.Error(), "index_already_exists") {
		return err
	}
	idx := m.client.Index(m.uid)
	info, err = idx.UpdateSettings(ctx, &meilisearch.Settings{
		SearchableAttributes: []string{"title", "keywords", "summary", "orgName", "text"},
		FilterableAttributes: []string{"kind", "sectors", "transferForms", "adminUnit", "orgKind", "trl", "priceMin", "expiresAt"},
		SortableAttributes:   []string{"publishedAt", "priceMin", "priceMax", "id"},
		Pagination:           &meilisearch.Pagination{MaxTotalHits: 2500},
		Faceting:             &meilisearch.Faceting{MaxValuesPerFacet: 100},
		TypoTolerance: &meilisearch.TypoTolerance{Enabled: true, DisableOnAttributes: []string{},
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9}},
	})
	if err := m.wait(ctx, info, err); err != nil {
		return err
	}
	m.ready = true
	return nil
}

// reset makes the next call configure the index again (it may be gone).
func (m *meili) reset(err error) error {
	if err != nil {
		m.mu.Lock()
		m.ready = false
		m.mu.Unlock()
	}
	return err
}

func (m *meili) Upsert(ctx context.Context, docs ...Doc) error {
	if err := m.ensure(ctx); err != nil {
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
			Keywords: d.Keywords, OrgName: d.OrgName, Sectors: d.Sectors, TransferForms: d.TransferForms,
			AdminUnit: d.AdminUnit, OrgKind: d.OrgKind, TRL: d.TRL, PriceMin: d.PriceMin, PriceMax: d.PriceMax,
			PublishedAt: d.PublishedAt.Unix(), ExpiresAt: d.ExpiresAt.Unix(), Doc: string(raw),
		}
		if md.PriceMax == 0 {
			md.PriceMax = md.PriceMin
		}
		batch = append(batch, md)
	}
	pk := "id"
	info, err := m.client.Index(m.uid).AddDocuments(ctx, batch, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	return m.reset(m.wait(ctx, info, err))
}

func (m *meili) Delete(ctx context.Context, ids ...string) error {
	if err := m.ensure(ctx); err != nil {
		return err
	}
	info, err := m.client.Index(m.uid).DeleteDocuments(ctx, ids, nil)
	return m.reset(m.wait(ctx, info, err))
}

func (m *meili) Versions(ctx context.Context) (map[string]int64, error) {
	if err := m.ensure(ctx); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	const page = 10000
	for offset := int64(0); ; offset += page {
		var res meilisearch.DocumentsResult
		if err := m.client.Index(m.uid).GetDocuments(ctx, &meilisearch.DocumentsQuery{Offset: offset, Limit: page, Fields: []string{"id", "version"}}, &res); err != nil {
			return nil, m.reset(fmt.Errorf("search: meilisearch: %w", err))
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

func (m *meili) Get(ctx context.Context, id string) (Doc, error) {
	if err := m.ensure(ctx); err != nil {
		return Doc{}, err
	}
	var md meiliDoc
	err := m.client.Index(m.uid).GetDocument(ctx, id, &meilisearch.DocumentQuery{Fields: []string{"doc"}}, &md)
	var me *meilisearch.Error
	if errors.As(err, &me) && (me.APIError.Code == "document_not_found" || me.StatusCode == 404) {
		return Doc{}, ErrNotFound
	}
	if err != nil {
		return Doc{}, fmt.Errorf("search: meilisearch: %w", err)
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

func (m *meili) Search(ctx context.Context, q Query) (Result, error) {
	if err := m.ensure(ctx); err != nil {
		return Result{}, err
	}
	size := int64(max(q.PageSize, 1))
	req := &meilisearch.SearchRequest{
		Filter: meiliFilter(q.Filter), Sort: meiliSort(q.Sort, strings.TrimSpace(q.Text) != ""),
		Page: int64(max(q.Page, 1)), HitsPerPage: &size, MatchingStrategy: meilisearch.Last,
		AttributesToRetrieve:  []string{"doc"},
		AttributesToHighlight: []string{"title", "summary"}, HighlightPreTag: hlPre, HighlightPostTag: hlPost,
	}
	if q.Any {
		// "frequency" drops the most common words first, so a document
		// holding only some of the words still comes back; exact words only.
		req.MatchingStrategy = meilisearch.Frequency
		req.AttributesToSearchOn = []string{"title", "keywords", "summary"}
	}
	if !q.NoFacets {
		req.Facets = []string{"kind", "sectors", "trl", "transferForms", "adminUnit", "orgKind"}
	}
	res, err := m.client.Index(m.uid).Search(ctx, q.Text, req)
	if err != nil {
		return Result{}, m.reset(fmt.Errorf("search: meilisearch: %w", err))
	}
	out := Result{Total: int(res.TotalHits), Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		var hit struct {
			Doc       string `json:"doc"`
			Formatted struct {
				Title   string `json:"title"`
				Summary string `json:"summary"`
			} `json:"_formatted"`
		}
		if err := h.DecodeInto(&hit); err != nil {
			return Result{}, err
		}
		var d Doc
		if err := json.Unmarshal([]byte(hit.Doc), &d); err != nil {
			return Result{}, err
		}
		hl := map[string]string{}
		for field, f := range map[string]string{"title": hit.Formatted.Title, "summary": hit.Formatted.Summary} {
			if strings.Contains(f, hlPre) {
				hl[field] = strings.NewReplacer(hlPre, "<mark>", hlPost, "</mark>").Replace(html.EscapeString(f))
			}
		}
		out.Hits = append(out.Hits, Hit{Doc: d, Highlights: hl})
	}
	var dist map[string]map[string]int
	if len(res.FacetDistribution) > 0 {
		if err := json.Unmarshal(res.FacetDistribution, &dist); err != nil {
			return Result{}, err
		}
	}
	for attr, name := range meiliFacets {
		counts := []FacetCount{}
		for v, n := range dist[attr] {
			counts = append(counts, FacetCount{Value: v, Count: n})
		}
		SortFacet(name, counts)
		out.Facets[name] = counts
	}
	return out, nil
}

func (m *meili) Suggest(ctx context.Context, text string, activeAt time.Time, limit int) ([]Suggestion, error) {
	if strings.TrimSpace(text) == "" {
		return []Suggestion{}, nil
	}
	if err := m.ensure(ctx); err != nil {
		return nil, err
	}
	res, err := m.client.Index(m.uid).Search(ctx, text, &meilisearch.SearchRequest{
		Limit: int64(limit), Filter: meiliFilter(Filter{ActiveAt: activeAt}),
		AttributesToSearchOn: []string{"title", "keywords"}, AttributesToRetrieve: []string{"id", "kind", "title"},
	})
	if err != nil {
		return nil, m.reset(fmt.Errorf("search: meilisearch: %w", err))
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
