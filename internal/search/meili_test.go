package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/search"
)

// fakeMeili answers like Meilisearch v1.15's documented HTTP API (the
// routes the adapter uses, with their status codes, bodies and error
// codes) and records every request, so the tests check what the adapter
// sends field by field. Meilisearch itself cannot run on this machine.
type fakeMeili struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	reqs     []meiliReq
	index    bool           // the index exists
	settings map[string]any // what GET /settings returns
	keys     []map[string]any
	docs     map[string]bool
	task     int
	// search and multi answer /search and /multi-search (nil: no hits).
	search func(body map[string]any) map[string]any
	multi  func(body map[string]any) map[string]any
	// block, when set, holds GET /indexes/{uid} until it is closed;
	// entered is closed when such a request arrived.
	block, entered chan struct{}
	// fail answers every search with this status (0: no failure).
	fail int
}

type meiliReq struct {
	Method, Path, Auth string
	Body               map[string]any
	Raw                []byte // the body as sent (documents come as an array)
}

const masterKey, searchKey = "master-key-for-tests", "search-key-made-by-meili"

// defaultSettings is what Meilisearch returns for a new index.
func defaultSettings() map[string]any {
	return map[string]any{
		"rankingRules":         []any{"words", "typo", "proximity", "attribute", "sort", "exactness"},
		"searchableAttributes": []any{"*"}, "filterableAttributes": []any{}, "sortableAttributes": []any{},
		"pagination": map[string]any{"maxTotalHits": 1000},
		"faceting":   map[string]any{"maxValuesPerFacet": 100, "sortFacetValuesBy": map[string]any{"*": "alpha"}},
		"typoTolerance": map[string]any{"enabled": true, "minWordSizeForTypos": map[string]any{"oneTypo": 5, "twoTypos": 9},
			"disableOnWords": []any{}, "disableOnAttributes": []any{}, "disableOnNumbers": false},
	}
}

func newFakeMeili(t *testing.T) *fakeMeili {
	f := &fakeMeili{t: t, settings: defaultSettings(), docs: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeMeili) open(t *testing.T, key string) search.Engine {
	e, err := search.OpenMeiliIndex(f.srv.URL, key, "listings", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func meiliError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]any{"message": code, "code": code, "type": "invalid_request", "link": "https://docs.meilisearch.com/errors#" + code})
}

func (f *fakeMeili) enqueued(w http.ResponseWriter, typ string) {
	f.task++
	writeJSON(w, http.StatusAccepted, map[string]any{"taskUid": f.task, "indexUid": "listings", "status": "enqueued", "type": typ, "enqueuedAt": time.Now().UTC().Format(time.RFC3339Nano)})
}

func (f *fakeMeili) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &body); err != nil {
			f.t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
		}
	}
	if r.Method == http.MethodGet && r.URL.Path == "/indexes/listings" && f.block != nil {
		close(f.entered)
		<-f.block
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, meiliReq{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body, Raw: raw})
	route := r.Method + " " + r.URL.Path
	switch {
	case route == "GET /health":
		writeJSON(w, 200, map[string]any{"status": "available"})
	case route == "GET /indexes/listings":
		if !f.index {
			meiliError(w, 404, "index_not_found")
			return
		}
		writeJSON(w, 200, map[string]any{"uid": "listings", "primaryKey": "id", "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"})
	case route == "POST /indexes":
		f.index = true
		f.enqueued(w, "indexCreation")
	case strings.HasPrefix(route, "GET /tasks/"):
		uid, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/tasks/"))
		writeJSON(w, 200, map[string]any{"uid": uid, "indexUid": "listings", "status": "succeeded", "type": "settingsUpdate", "enqueuedAt": "2026-01-01T00:00:00Z"})
	case route == "GET /indexes/listings/settings":
		writeJSON(w, 200, f.settings)
	case route == "PATCH /indexes/listings/settings":
		for k, v := range body {
			f.settings[k] = v
		}
		f.enqueued(w, "settingsUpdate")
	case route == "PUT /indexes/listings/settings/synonyms":
		var syn map[string]any
		_ = json.Unmarshal(raw, &syn)
		f.settings["synonyms"] = syn
		f.enqueued(w, "settingsUpdate")
	case route == "DELETE /indexes/listings/settings/synonyms":
		f.settings["synonyms"] = map[string]any{}
		f.enqueued(w, "settingsUpdate")
	case route == "GET /keys":
		writeJSON(w, 200, map[string]any{"results": f.keys, "offset": 0, "limit": 1000, "total": len(f.keys)})
	case route == "POST /keys":
		k := map[string]any{"name": body["name"], "description": body["description"], "key": searchKey, "uid": "6062abda-a5aa-4414-ac91-ecd7944c0f8d",
			"actions": body["actions"], "indexes": body["indexes"], "expiresAt": nil, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"}
		f.keys = append(f.keys, k)
		writeJSON(w, 201, k)
	case route == "POST /indexes/listings/search":
		if !f.index {
			meiliError(w, 404, "index_not_found")
			return
		}
		if f.fail != 0 {
			meiliError(w, f.fail, "internal")
			return
		}
		res := map[string]any{"hits": []any{}, "query": body["q"], "processingTimeMs": 1, "hitsPerPage": body["hitsPerPage"], "page": body["page"], "totalPages": 0, "totalHits": 0}
		if f.search != nil {
			res = f.search(body)
		}
		writeJSON(w, 200, res)
	case route == "POST /multi-search":
		res := map[string]any{"results": []any{}}
		if f.multi != nil {
			res = f.multi(body)
		}
		writeJSON(w, 200, res)
	case route == "POST /indexes/listings/documents":
		f.enqueued(w, "documentAdditionOrUpdate")
	case strings.HasPrefix(route, "GET /indexes/listings/documents/"):
		if !f.index {
			meiliError(w, 404, "index_not_found")
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/indexes/listings/documents/")
		if !f.docs[id] {
			meiliError(w, 404, "document_not_found")
			return
		}
		d, _ := json.Marshal(search.Doc{ID: id, Title: "Máy sấy"})
		writeJSON(w, 200, map[string]any{"doc": string(d)})
	default:
		f.t.Errorf("unexpected request %s", route)
		meiliError(w, 404, "not_found")
	}
}

func (f *fakeMeili) requests() []meiliReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

func (f *fakeMeili) count(route string) int {
	n := 0
	for _, r := range f.requests() {
		if r.Method+" "+r.Path == route {
			n++
		}
	}
	return n
}

func (f *fakeMeili) last(route string) meiliReq {
	reqs := f.requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].Method+" "+reqs[i].Path == route {
			return reqs[i]
		}
	}
	f.t.Fatalf("no %s", route)
	return meiliReq{}
}

// asJSON renders a decoded value for comparison.
func asJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func wantField(t *testing.T, body map[string]any, field, want string) {
	t.Helper()
	if got := asJSON(body[field]); got != want {
		t.Errorf("%s = %s, want %s", field, got, want)
	}
}

func hit(d search.Doc, score float64) map[string]any {
	raw, _ := json.Marshal(d)
	return map[string]any{"doc": string(raw), "_rankingScore": score, "_formatted": map[string]any{"title": d.Title, "summary": d.Summary}}
}

// The first call creates the index, configures it and creates a key that
// may only search it, all with the master key; searches then use that key.
func TestMeiliSetupAndSearchKey(t *testing.T) {
	f := newFakeMeili(t)
	e := f.open(t, masterKey)
	if _, err := e.Search(context.Background(), search.Query{Text: "chè", PageSize: 10}); err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, r := range f.requests() {
		routes = append(routes, r.Method+" "+r.Path)
		want := "Bearer " + masterKey
		if r.Path == "/indexes/listings/search" {
			want = "Bearer " + searchKey
		}
		if r.Auth != want {
			t.Errorf("%s %s with %q, want %q", r.Method, r.Path, r.Auth, want)
		}
	}
	want := []string{"GET /indexes/listings", "POST /indexes", "GET /tasks/1", "GET /indexes/listings/settings",
		"PATCH /indexes/listings/settings", "GET /tasks/2", "GET /keys", "POST /keys", "POST /indexes/listings/search"}
	if !slices.Equal(routes, want) {
		t.Fatalf("requests\n got %v\nwant %v", routes, want)
	}
	create := f.last("POST /indexes").Body
	wantField(t, create, "uid", `"listings"`)
	wantField(t, create, "primaryKey", `"id"`)
	s := f.last("PATCH /indexes/listings/settings").Body
	wantField(t, s, "rankingRules", `["sort","words","typo","proximity","attribute","exactness"]`)
	wantField(t, s, "searchableAttributes", `["title","keywords","titleEn","summary","summaryEn","orgName","text"]`)
	wantField(t, s, "filterableAttributes", `["kind","sectors","transferForms","adminUnit","orgKind","events","trl","priceMin","expiresAt"]`)
	wantField(t, s, "sortableAttributes", `["publishedAt","priceMin","priceMax","id"]`)
	wantField(t, s, "pagination", `{"maxTotalHits":2500}`)
	wantField(t, s, "faceting", `{"maxValuesPerFacet":1000,"sortFacetValuesBy":{"*":"count"}}`)
	wantField(t, s, "typoTolerance", `{"disableOnAttributes":[],"disableOnNumbers":false,"disableOnWords":[],"enabled":true,"minWordSizeForTypos":{"oneTypo":5,"twoTypos":9}}`)
	key := f.last("POST /keys").Body
	wantField(t, key, "name", `"techmart-search-listings"`)
	wantField(t, key, "actions", `["search"]`)
	wantField(t, key, "indexes", `["listings"]`)
	wantField(t, key, "expiresAt", `null`)
	q := f.last("POST /indexes/listings/search").Body
	wantField(t, q, "q", `"chè"`)
	wantField(t, q, "matchingStrategy", `"all"`)
	wantField(t, q, "attributesToRetrieve", `["doc"]`)
	wantField(t, q, "facets", `["kind","sectors","trl","transferForms","adminUnit","orgKind"]`)
	wantField(t, q, "hitsPerPage", `10`)
	wantField(t, q, "page", `1`)
	if _, ok := q["sort"]; ok {
		t.Errorf("relevance with text sends no sort: %v", q["sort"])
	}

	// Set up once: the next search goes straight out.
	if _, err := e.Search(context.Background(), search.Query{Text: "miến"}); err != nil {
		t.Fatal(err)
	}
	if n := f.count("GET /indexes/listings"); n != 1 {
		t.Errorf("set up %d times", n)
	}
}

// Every option is compared with what the index has: equal settings are
// left alone (no re-indexing), a changed one is applied, and a search key
// made earlier is reused.
func TestMeiliSettingsComparedNotOnlyNames(t *testing.T) {
	f := newFakeMeili(t)
	if _, err := f.open(t, masterKey).Search(context.Background(), search.Query{}); err != nil {
		t.Fatal(err)
	}
	// Meilisearch returns attribute sets sorted: still the same settings.
	slices.SortFunc(f.settings["filterableAttributes"].([]any), func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	g := &fakeMeili{t: t, index: true, settings: f.settings, keys: f.keys, docs: map[string]bool{}}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.srv.Close)
	if _, err := g.open(t, masterKey).Search(context.Background(), search.Query{}); err != nil {
		t.Fatal(err)
	}
	if n := g.count("PATCH /indexes/listings/settings") + g.count("POST /indexes") + g.count("POST /keys"); n != 0 {
		t.Fatalf("an index already set up was changed (%d writes): %v", n, g.requests())
	}
	g.settings["faceting"] = map[string]any{"maxValuesPerFacet": 100, "sortFacetValuesBy": map[string]any{"*": "count"}}
	if _, err := g.open(t, masterKey).Search(context.Background(), search.Query{}); err != nil {
		t.Fatal(err)
	}
	if g.count("PATCH /indexes/listings/settings") != 1 {
		t.Fatal("a changed option was not applied")
	}
}

// "Any word" is one query per word: a listing's rarest word, found in that
// listing only, still brings it; documents holding more words rank first.
func TestMeiliAnyWordOneQueryPerWord(t *testing.T) {
	f := newFakeMeili(t)
	che := search.Doc{ID: "che1", Kind: "technology", Title: "Chè Shan tuyết", Sectors: []string{"agri"}, TRL: 7}
	hoa := search.Doc{ID: "hoa1", Kind: "equipment", Title: "Máy sấy", Sectors: []string{"agri", "energy"}}
	need := search.Doc{ID: "need1", Kind: "demand", Title: "Chè túi lọc"}
	byWord := map[string][]map[string]any{
		`"sấy"`: {hit(hoa, 0.9), hit(che, 0.5)}, `"túi"`: {hit(need, 0.8)}, `"Shan"`: {hit(che, 0.9)}, `"shan"`: {hit(che, 0.9)}, `"xyzzy"`: {},
	}
	f.multi = func(body map[string]any) map[string]any {
		var results []any
		for _, q := range body["queries"].([]any) {
			results = append(results, map[string]any{"indexUid": "listings", "hits": byWord[q.(map[string]any)["q"].(string)], "query": q.(map[string]any)["q"], "processingTimeMs": 1, "limit": 100, "offset": 0, "estimatedTotalHits": 1})
		}
		return map[string]any{"results": results}
	}
	e := f.open(t, masterKey)
	r, err := e.Search(context.Background(), search.Query{Text: "sấy túi Shan xyzzy sấy", Any: true, NoFacets: true, PageSize: 2,
		Filter: search.Filter{Kinds: []string{"technology", "equipment", "ip", "demand"}}})
	if err != nil {
		t.Fatal(err)
	}
	body := f.last("POST /multi-search")
	if body.Auth != "Bearer "+searchKey {
		t.Errorf("multi-search with %q", body.Auth)
	}
	qs := body.Body["queries"].([]any)
	var words []string
	for _, q := range qs {
		q := q.(map[string]any)
		words = append(words, q["q"].(string))
		wantField(t, q, "indexUid", `"listings"`)
		wantField(t, q, "attributesToSearchOn", `["title","keywords","summary"]`)
		wantField(t, q, "filter", asJSON(`(kind = "technology" OR kind = "equipment" OR kind = "ip" OR kind = "demand")`))
		wantField(t, q, "showRankingScore", `true`)
		wantField(t, q, "limit", `100`)
		if _, ok := q["facets"]; ok {
			t.Errorf("a word query counts no facets: %v", q)
		}
	}
	if !slices.Equal(words, []string{`"sấy"`, `"túi"`, `"Shan"`, `"xyzzy"`}) {
		t.Errorf("one quoted word per query, each once: %v", words)
	}
	var got []string
	for _, h := range r.Hits {
		got = append(got, h.Doc.ID)
	}
	if r.Total != 3 || !slices.Equal(got, []string{"che1", "hoa1"}) {
		t.Errorf("ranked by words hit: %v of %d", got, r.Total)
	}
	if len(r.Facets) != 0 {
		t.Errorf("facets when none were asked: %v", r.Facets)
	}
	r, err = e.Search(context.Background(), search.Query{Text: "sấy túi shan", Any: true, PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(r.Facets[search.FacetSector]) != `[{"value":"agri","count":2},{"value":"energy","count":1}]` || len(r.Facets) != 6 {
		t.Errorf("facets over the candidates: %v", r.Facets)
	}
}

// A sort with text asks for every word with sort first in the ranking
// rules, and drops trailing words (no prefix) only when nothing holds them
// all.
func TestMeiliSortWithTextIsStrict(t *testing.T) {
	f := newFakeMeili(t)
	f.search = func(body map[string]any) map[string]any {
		n := 0
		if body["q"] == "sấy " {
			n = 1
		}
		hits := []any{}
		if n > 0 {
			hits = append(hits, hit(search.Doc{ID: "hoa1"}, 0))
		}
		return map[string]any{"hits": hits, "query": body["q"], "processingTimeMs": 1, "hitsPerPage": 20, "page": 1, "totalPages": n, "totalHits": n}
	}
	r, err := f.open(t, masterKey).Search(context.Background(), search.Query{Text: "sấy xyzzy", Sort: search.SortPriceAsc, PageSize: 20})
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	var qs []map[string]any
	for _, req := range f.requests() {
		if req.Path == "/indexes/listings/search" {
			qs = append(qs, req.Body)
		}
	}
	if len(qs) != 2 {
		t.Fatalf("%d searches", len(qs))
	}
	wantField(t, qs[0], "q", `"sấy xyzzy"`)
	wantField(t, qs[1], "q", `"sấy "`)
	for _, q := range qs {
		wantField(t, q, "matchingStrategy", `"all"`)
		wantField(t, q, "sort", `["priceMin:asc","id:asc"]`)
	}
}

// Facets come by count: Meilisearch is asked for them all (more than the
// 112 administrative units) and the 100 most frequent are kept, as Bleve
// does; without facets asked, none are requested and none returned.
func TestMeiliFacetsByCount(t *testing.T) {
	f := newFakeMeili(t)
	units := map[string]int{}
	for i := range 112 {
		units[fmt.Sprintf("a%03d", i)] = 1
	}
	units["z_busy"] = 40
	units["z_second"] = 7
	f.search = func(body map[string]any) map[string]any {
		return map[string]any{"hits": []any{}, "processingTimeMs": 1, "hitsPerPage": 1, "page": 1, "totalPages": 1, "totalHits": 161,
			"facetDistribution": map[string]any{"adminUnit": units, "trl": map[string]int{"9": 1, "10": 2, "2": 5}, "kind": map[string]int{"technology": 100, "demand": 61}}}
	}
	e := f.open(t, masterKey)
	r, err := e.Search(context.Background(), search.Query{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	au := r.Facets[search.FacetAdminUnit]
	if len(au) != 100 || au[0] != (search.FacetCount{Value: "z_busy", Count: 40}) || au[1].Value != "z_second" || au[2].Value != "a000" {
		t.Errorf("admin units: %d values, first %v", len(au), au[:3])
	}
	if asJSON(r.Facets[search.FacetTRL]) != `[{"value":"2","count":5},{"value":"9","count":1},{"value":"10","count":2}]` {
		t.Errorf("TRL by level: %v", r.Facets[search.FacetTRL])
	}
	if len(r.Facets) != 6 || r.Facets[search.FacetOrgKind] == nil {
		t.Errorf("every facet asked is reported: %v", r.Facets)
	}
	if _, err := e.Search(context.Background(), search.Query{PageSize: 1, NoFacets: true}); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.last("POST /indexes/listings/search").Body["facets"]; ok {
		t.Error("facets requested although none were asked")
	}
	r, _ = e.Search(context.Background(), search.Query{PageSize: 1, NoFacets: true})
	if len(r.Facets) != 0 {
		t.Errorf("empty facet keys when none were asked: %v", r.Facets)
	}
}

// A document Meilisearch does not hold is ErrNotFound; a missing index is
// an engine failure (not "no such listing"), and the next
// call sets the index up again.
func TestMeiliMissingIndexIsNotListingNotFound(t *testing.T) {
	f := newFakeMeili(t)
	f.docs["l1"] = true
	e := f.open(t, masterKey)
	if d, err := e.Get(context.Background(), "l1"); err != nil || d.ID != "l1" {
		t.Fatalf("%+v %v", d, err)
	}
	if _, err := e.Get(context.Background(), "nope"); !errors.Is(err, search.ErrNotFound) {
		t.Fatalf("unknown document: %v", err)
	}
	f.mu.Lock()
	f.index = false // Meilisearch lost its data
	f.mu.Unlock()
	_, err := e.Get(context.Background(), "l1")
	if err == nil || errors.Is(err, search.ErrNotFound) {
		t.Fatalf("a missing index must not read as a missing listing: %v", err)
	}
	if _, err := e.Get(context.Background(), "l1"); err != nil {
		t.Fatal(err)
	}
	if n := f.count("POST /indexes"); n != 2 {
		t.Errorf("the index was created %d times, want again after it was lost", n)
	}
}

// No lock is held across the set-up's network calls: a caller whose
// deadline passes while another runs the set-up gets its own error at its
// deadline; an ordinary failure does not redo the set-up.
func TestMeiliSetupHoldsNoLockAndKeepsItsState(t *testing.T) {
	f := newFakeMeili(t)
	f.block, f.entered = make(chan struct{}), make(chan struct{})
	e := f.open(t, masterKey)
	first := make(chan error, 1)
	go func() {
		_, err := e.Search(context.Background(), search.Query{})
		first <- err
	}()
	<-f.entered // the set-up is under way, held by Meilisearch
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := e.Search(ctx, search.Query{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a waiting caller: %v", err)
	}
	if err := e.Close(); err != nil { // Close takes the lock too
		t.Fatal(err)
	}
	close(f.block)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.fail = http.StatusInternalServerError
	f.mu.Unlock()
	if _, err := e.Search(context.Background(), search.Query{}); err == nil {
		t.Fatal("a failing search succeeded")
	}
	if n := f.count("GET /indexes/listings"); n != 1 {
		t.Errorf("an ordinary failure redid the set-up (%d)", n)
	}
}

// Every HTTP call has a deadline: a Meilisearch that accepts the
// connection and never answers fails the call instead of holding it.
func TestMeiliHTTPTimeout(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(hang) })
	e, err := search.OpenMeiliIndex(srv.URL, masterKey, "listings", 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := e.Search(context.Background(), search.Query{}); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a hung Meilisearch answered")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the call had no timeout")
	}
}

// Synonyms go to the index's synonyms setting as one map; an empty set
// resets it (UpdateSettings would drop an empty map).
func TestMeiliSynonymsSetting(t *testing.T) {
	f := newFakeMeili(t)
	e := f.open(t, masterKey)
	syn := search.CompileSynonyms([]search.SynonymRule{{Terms: []string{"Sắn", "khoai mì"}}, {Terms: []string{"HTX"}, Expansions: []string{"hợp tác xã"}}})
	if err := e.SetSynonyms(context.Background(), syn); err != nil {
		t.Fatal(err)
	}
	put := f.last("PUT /indexes/listings/settings/synonyms").Body
	if got, want := asJSON(put), `{"htx":["hợp tác xã"],"khoai mì":["sắn"],"sắn":["khoai mì"]}`; got != want {
		t.Errorf("synonyms = %s, want %s", got, want)
	}
	if err := e.SetSynonyms(context.Background(), search.Synonyms{}); err != nil {
		t.Fatal(err)
	}
	if f.count("DELETE /indexes/listings/settings/synonyms") != 1 {
		t.Errorf("an empty set resets the setting: %v", f.requests())
	}
}

// A word that decodes from Telex is counted as typed and decoded, each an
// exact one-word phrase without hits, in one multi-search; the decoded word
// replaces it when only it is found, and is no prefix. With every word
// required nothing matches, so "last" is asked next and the result says
// it was relaxed.
func TestMeiliTelexAndRelaxedRequests(t *testing.T) {
	f := newFakeMeili(t)
	f.multi = func(body map[string]any) map[string]any {
		var results []any
		for _, q := range body["queries"].([]any) {
			n := 0
			if q.(map[string]any)["q"] == `"quýt"` {
				n = 3
			}
			results = append(results, map[string]any{"indexUid": "listings", "hits": []any{}, "totalHits": n, "hitsPerPage": 0, "page": 1, "totalPages": 0, "processingTimeMs": 1})
		}
		return map[string]any{"results": results}
	}
	f.search = func(body map[string]any) map[string]any {
		n, hits := 0, []any{}
		if body["matchingStrategy"] == "last" {
			n, hits = 1, []any{hit(search.Doc{ID: "quyt1", Title: "Quýt Bắc Kạn"}, 0)}
		}
		return map[string]any{"hits": hits, "query": body["q"], "processingTimeMs": 1, "hitsPerPage": 20, "page": 1, "totalPages": n, "totalHits": n}
	}
	r, err := f.open(t, masterKey).Search(context.Background(), search.Query{Text: "ozone quyts", PageSize: 20})
	if err != nil || len(r.Hits) != 1 || !r.Relaxed {
		t.Fatalf("%+v %v", r, err)
	}
	m := f.last("POST /multi-search").Body
	qs := m["queries"].([]any)
	if len(qs) != 2 {
		t.Fatalf("counts %v", qs)
	}
	wantField(t, qs[0].(map[string]any), "q", `"\"quyts\""`)
	wantField(t, qs[1].(map[string]any), "q", `"\"quýt\""`)
	wantField(t, qs[1].(map[string]any), "hitsPerPage", `0`)
	var searches []map[string]any
	for _, req := range f.requests() {
		if req.Path == "/indexes/listings/search" {
			searches = append(searches, req.Body)
		}
	}
	if len(searches) != 2 {
		t.Fatalf("%d searches", len(searches))
	}
	wantField(t, searches[0], "q", `"ozone quýt "`)
	wantField(t, searches[0], "matchingStrategy", `"all"`)
	wantField(t, searches[1], "matchingStrategy", `"last"`)
}

// The event filter: a listing carries the events it is shown at as the
// filterable attribute "events", and a search for one event's showcase
// sends it as a quoted equality beside the other filters.
func TestMeiliEventFilter(t *testing.T) {
	f := newFakeMeili(t)
	e := f.open(t, masterKey)
	ctx := context.Background()
	if err := e.Upsert(ctx, search.Doc{ID: "che1", Kind: "technology", Title: "Chè", Events: []string{"ev1", "ev2"}},
		search.Doc{ID: "hoa1", Kind: "equipment", Title: "Máy sấy"}); err != nil {
		t.Fatal(err)
	}
	var docs []map[string]any
	if err := json.Unmarshal(f.last("POST /indexes/listings/documents").Raw, &docs); err != nil || len(docs) != 2 {
		t.Fatalf("documents: %v %s", err, f.last("POST /indexes/listings/documents").Raw)
	}
	wantField(t, docs[0], "events", `["ev1","ev2"]`)
	if _, ok := docs[1]["events"]; ok {
		t.Errorf("a listing shown at no event carries no events: %v", docs[1])
	}
	if _, err := e.Search(ctx, search.Query{Text: "chè", Filter: search.Filter{Events: []string{`ev"1`}, Kinds: []string{"technology"}}}); err != nil {
		t.Fatal(err)
	}
	q := f.last("POST /indexes/listings/search").Body
	wantField(t, q, "filter", asJSON(`(kind = "technology") AND (events = "ev\"1")`))
	s := f.last("PATCH /indexes/listings/settings").Body
	wantField(t, s, "filterableAttributes", `["kind","sectors","transferForms","adminUnit","orgKind","events","trl","priceMin","expiresAt"]`)
}
