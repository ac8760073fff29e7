package search

import (
	"container/list"
	"context"
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Cached answers repeated searches and suggestions from memory. Popularity
// in a market is skewed (a few products are most of the queries), and on
// Bleve a query matching thousands of listings costs tens of milliseconds
// of facet work. Any write through the cache empties it; entries also age
// out after ttl, for writes made by other replicas to a shared engine.
type Cached struct {
	Engine
	size int
	ttl  time.Duration

	gen atomic.Uint64 // bumped by every write
	mu  sync.Mutex
	lru *list.List // front: most recent
	idx map[string]*list.Element
}

type cacheEntry struct {
	key string
	gen uint64
	at  time.Time
	val any
}

// NewCached wraps e with a cache of size entries.
func NewCached(e Engine, size int, ttl time.Duration) *Cached {
	return &Cached{Engine: e, size: size, ttl: ttl, lru: list.New(), idx: map[string]*list.Element{}}
}

func (c *Cached) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.idx[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if e.gen != c.gen.Load() || time.Since(e.at) > c.ttl {
		c.lru.Remove(el)
		delete(c.idx, key)
		return nil, false
	}
	c.lru.MoveToFront(el)
	return e.val, true
}

func (c *Cached) put(key string, gen uint64, val any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen.Load() {
		return // a write landed while this was computed
	}
	if el, ok := c.idx[key]; ok {
		el.Value = &cacheEntry{key: key, gen: gen, at: time.Now(), val: val}
		c.lru.MoveToFront(el)
		return
	}
	c.idx[key] = c.lru.PushFront(&cacheEntry{key: key, gen: gen, at: time.Now(), val: val})
	for c.lru.Len() > c.size {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.idx, old.Value.(*cacheEntry).key)
	}
}

func (c *Cached) SetSynonyms(ctx context.Context, s Synonyms) error {
	defer c.gen.Add(1)
	c.gen.Add(1)
	return c.Engine.SetSynonyms(ctx, s)
}

func (c *Cached) Upsert(ctx context.Context, docs ...Doc) error {
	defer c.gen.Add(1) // after the write: a search racing it must not be kept
	c.gen.Add(1)
	return c.Engine.Upsert(ctx, docs...)
}

func (c *Cached) Delete(ctx context.Context, ids ...string) error {
	defer c.gen.Add(1)
	c.gen.Add(1)
	return c.Engine.Delete(ctx, ids...)
}

func (c *Cached) Search(ctx context.Context, q Query) (Result, error) {
	b, _ := json.Marshal(q)
	key := "s" + string(b)
	if v, ok := c.get(key); ok {
		return v.(Result).own(), nil
	}
	gen := c.gen.Load()
	// Facets depend on the text and the filters only: counted once, they
	// serve every page and every sort of the same search, and the engine
	// skips the part of a query that grows with its matches.
	inner, fkey := q, ""
	var facets map[string][]FacetCount
	if !q.NoFacets {
		fkey = facetKey(q)
		if v, ok := c.get(fkey); ok {
			facets = v.(map[string][]FacetCount)
			inner.NoFacets = true
		}
	}
	r, err := c.Engine.Search(ctx, inner)
	if err != nil {
		return r, err
	}
	switch {
	case facets != nil:
		r.Facets = maps.Clone(facets)
	case fkey != "":
		c.put(fkey, gen, maps.Clone(r.Facets))
	}
	c.put(key, gen, r.own())
	return r, nil
}

// own copies the lists of a result, so that the copy kept in the cache and
// each copy handed out are the caller's to trim or reorder (a showcase
// drops hits in place) without touching another's.
func (r Result) own() Result {
	r.Hits = slices.Clone(r.Hits)
	r.Facets = maps.Clone(r.Facets)
	return r
}

// facetKey names the facet counts of q: its text and filters, whatever
// its page and sort.
func facetKey(q Query) string {
	q.Page, q.PageSize, q.Sort = 0, 0, ""
	b, _ := json.Marshal(q)
	return "f" + string(b)
}

func (c *Cached) Suggest(ctx context.Context, text string, activeAt time.Time, limit int) ([]Suggestion, error) {
	b, _ := json.Marshal([]any{text, activeAt, limit})
	key := "g" + string(b)
	if v, ok := c.get(key); ok {
		return slices.Clone(v.([]Suggestion)), nil
	}
	gen := c.gen.Load()
	r, err := c.Engine.Suggest(ctx, text, activeAt, limit)
	if err == nil {
		c.put(key, gen, slices.Clone(r))
	}
	return r, err
}

// DocFreq passes through to the engine when it can tell word frequencies
// (see Bleve.DocFreq); otherwise it reports none.
func (c *Cached) DocFreq(ctx context.Context, words []string) (map[string]int, int, error) {
	if f, ok := c.Engine.(interface {
		DocFreq(context.Context, []string) (map[string]int, int, error)
	}); ok {
		return f.DocFreq(ctx, words)
	}
	return nil, 0, nil
}
