// Package search is the read model for discovery: Meilisearch in production,
// Bleve embedded under the data directory by default. Both sit behind
// Engine, which takes one typed query — text, typed filters, facets, sort,
// page — so no caller ever builds an engine's filter syntax from user text.
// The index holds only what the public may see.
package search

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"time"
)

// Engine is the search engine as the rest of the platform sees it.
type Engine interface {
	// Name says which engine this is ("bleve", "meilisearch").
	Name() string
	// Health fails when the engine cannot answer; /readyz reports it.
	Health(ctx context.Context) error
	// Upsert adds or replaces documents; they are searchable when it returns.
	Upsert(ctx context.Context, docs ...Doc) error
	// Delete removes documents by id; unknown ids are ignored.
	Delete(ctx context.Context, ids ...string) error
	// Versions lists the version of every document in the index, for the
	// reconciliation that compares them with the store.
	Versions(ctx context.Context) (map[string]int64, error)
	// Get returns one document (ErrNotFound when absent).
	Get(ctx context.Context, id string) (Doc, error)
	Search(ctx context.Context, q Query) (Result, error)
	// Suggest completes what someone is typing, from the titles and
	// keywords of documents not expired at activeAt.
	Suggest(ctx context.Context, text string, activeAt time.Time, limit int) ([]Suggestion, error)
	// SetSynonyms replaces the synonyms searches apply (Meilisearch's
	// synonyms setting; Bleve's query-time expansion).
	SetSynonyms(ctx context.Context, s Synonyms) error
	Close() error
}

// ErrNotFound is returned by Get for an id the index does not hold.
var ErrNotFound = errors.New("search: document not found")

// Doc is the public projection of a listing as the index holds it.
type Doc struct {
	ID            string
	Version       int64
	Kind          string
	Title         string
	Summary       string
	TitleEn       string // optional English title and summary, entered by the owner
	SummaryEn     string
	Text          string // description, advantages, applications, problem: public text
	Keywords      []string
	Sectors       []string
	TransferForms []string
	AdminUnit     string
	OrgID         string
	OrgName       string
	OrgKind       string
	TRL           int   // 0: not given (needs have none)
	PriceMin      int64 // VND; 0: not given
	PriceMax      int64
	BudgetMin     int64 // a need's budget, VND; shown, not filtered
	BudgetMax     int64
	Image         string // id of the first image, for result cards
	// Events are the events the listing is shown at: an exhibitor's
	// showcased offers, a participant's needs brought (internal/event).
	Events      []string
	PublishedAt time.Time
	ExpiresAt   time.Time
	// Source is the public view of the listing, returned as is by Get, so
	// a listing page is served from the index without touching the store.
	Source json.RawMessage
}

// Sort orders results.
type Sort string

const (
	SortRelevance Sort = "relevance"
	SortNewest    Sort = "newest"
	SortPriceAsc  Sort = "priceAsc"
	SortPriceDesc Sort = "priceDesc"
)

// Sorts lists the accepted sort orders.
var Sorts = []string{string(SortRelevance), string(SortNewest), string(SortPriceAsc), string(SortPriceDesc)}

// Filter narrows a search; every set part must hold (values within one part
// are alternatives).
type Filter struct {
	Kinds         []string
	Sectors       []string
	TransferForms []string
	AdminUnits    []string
	OrgKinds      []string
	Events        []string // shown at one of these events
	TRLMin        int      // 0: no bound
	TRLMax        int      // 0: no bound
	PriceMax      int64    // 0: no bound; keeps offers whose lowest price is within it
	// ActiveAt hides documents that expired before it (zero: no cut-off).
	ActiveAt time.Time
}

// Query is one search.
type Query struct {
	Text     string
	Filter   Filter
	Sort     Sort
	Page     int // 1-based
	PageSize int
	// Any makes the words alternatives, without typo tolerance, looked up
	// in titles, keywords and summaries only: a document matching more of
	// them ranks higher. Matching asks this way for candidates described by
	// a whole listing's words; leaving out the long descriptions keeps the
	// cost of common words down on large catalogues.
	Any bool
	// NoFacets skips the facet counts (their cost grows with the matches).
	NoFacets bool
}

// Facet names, as the API reports them.
const (
	FacetKind         = "kind"
	FacetSector       = "sector"
	FacetTRL          = "trl"
	FacetTransferForm = "transferForm"
	FacetAdminUnit    = "adminUnit"
	FacetOrgKind      = "orgKind"
)

// FacetCount is how many results carry one value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is one page of hits, the total and the facet counts over the whole
// filtered result.
type Result struct {
	Hits   []Hit
	Total  int
	Facets map[string][]FacetCount // values by count, then value
	// Relaxed says that too few documents held every word, so the result
	// also holds documents matching only some of them, after the Exact
	// ones that hold them all.
	Relaxed bool
	Exact   int
}

// Hit is one result.
type Hit struct {
	Doc        Doc
	Score      float64
	Highlights map[string]string // field → text with <mark> around matches, HTML-escaped
}

// Suggestion is one completion.
type Suggestion struct {
	ID    string `json:"id"`
	Kind  string `json:"kind" rule:"enum=ListingKind"`
	Title string `json:"title"`
}

// Config selects the engine: an empty MeiliURL means Bleve under DataDir.
type Config struct {
	MeiliURL string
	MeiliKey string
	DataDir  string
	// Timeout bounds every call to Meilisearch (0: DefaultMeiliTimeout).
	Timeout time.Duration
}

// Open returns the configured engine.
func Open(cfg Config) (Engine, error) {
	if cfg.MeiliURL != "" {
		return openMeili(cfg)
	}
	return OpenBleve(filepath.Join(cfg.DataDir, "search", "listings.bleve"))
}
