package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
)

// OrgRef is the organisation as a public listing shows it.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind" rule:"enum=OrgKind"`
}

// PublicView is what anyone may read of a published listing: everything
// but the confidential details, who was admitted to them, and moderation
// notes. It is what the search index stores and serves.
type PublicView struct {
	Listing
	Organization OrgRef `json:"organization"`
}

// MarshalJSON drops the fields the public never sees.
func (v PublicView) MarshalJSON() ([]byte, error) {
	l := v.Listing
	l.ConfidentialDetails, l.RejectReason, l.RejectComment, l.CreatedBy, l.Admitted = "", "", "", "", nil
	type plain Listing // no MarshalJSON: no recursion
	return json.Marshal(struct {
		plain
		Organization OrgRef `json:"organization"`
	}{plain(l), v.Organization})
}

// FullView is a listing as its organisation and the department read it,
// with the organisation named.
type FullView struct {
	Listing
	Organization OrgRef `json:"organization"`
}

// Full names the organisation of each listing (one read per organisation).
func (s *Service) Full(ctx context.Context, ls ...Listing) ([]FullView, error) {
	names := map[string]OrgRef{}
	out := make([]FullView, 0, len(ls))
	for _, l := range ls {
		ref, ok := names[l.OrgID]
		if !ok {
			o, err := s.orgs.Get(ctx, l.OrgID)
			if err != nil && !errors.Is(err, org.ErrNotFound) {
				return nil, err
			}
			ref = OrgRef{ID: l.OrgID, Name: o.Name, Kind: o.Kind}
			names[l.OrgID] = ref
		}
		out = append(out, FullView{Listing: l, Organization: ref})
	}
	return out, nil
}

// doc is the index projection of l.
func doc(l Listing, o org.Organization) (search.Doc, error) {
	src, err := json.Marshal(PublicView{Listing: l, Organization: OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind}})
	if err != nil {
		return search.Doc{}, err
	}
	text := []string{l.Description, l.Advantages, l.Applications, l.Problem, l.Holder}
	if l.Requirements != nil {
		text = append(append(text, l.Requirements.Must...), l.Requirements.Nice...)
	}
	d := search.Doc{
		ID: l.ID, Version: l.Version, Kind: l.Kind, Title: l.Title, Summary: l.Summary, TitleEn: l.TitleEn, SummaryEn: l.SummaryEn,
		Text: strings.Join(text, "\n"), Keywords: l.Keywords, Sectors: l.Sectors, TransferForms: l.TransferForms,
		AdminUnit: l.AdminUnit, OrgID: o.ID, OrgName: o.Name, OrgKind: o.Kind, TRL: l.TRL, Source: src,
	}
	if l.Price != nil {
		d.PriceMin, d.PriceMax = l.Price.Min, l.Price.Max
	}
	if l.Budget != nil {
		d.BudgetMin, d.BudgetMax = l.Budget.Min, l.Budget.Max
	}
	if len(l.Images) > 0 {
		d.Image = l.Images[0]
	}
	if l.PublishedAt != nil {
		d.PublishedAt = *l.PublishedAt
	}
	if l.ValidUntil != nil {
		d.ExpiresAt = *l.ValidUntil
	}
	return d, nil
}

// Indexer keeps the search index in step with the store. Writes wake it
// with the listing's id; it reads the listing and pushes its public
// projection (or removes it). The index remembers each document's version;
// Reconcile compares every version with the store in one scan — at start,
// on a timer and on `techmart reindex` — and repairs what differs, so no
// bookkeeping is written per document. When the engine is down, ids wait
// in memory and Reconcile catches anything lost in a restart.
//
// Every replica may run one: pushing the same version twice is harmless,
// and an older push that lands late is repaired by the next Reconcile.
type Indexer struct {
	cat    *Service
	engine search.Engine
	log    *slog.Logger
	wake   chan struct{}

	mu      sync.Mutex
	pending map[string]bool

	// syncing serialises drains: a drain that read a listing before its
	// latest change must not push its older state after a newer drain.
	syncing sync.Mutex

	lastErr atomic.Pointer[string] // nil when the last attempt worked

	// tags, when set, says at which events each listing is shown;
	// tagged remembers the events last pushed per listing (guarded by
	// syncing), so a reconciliation pushes a listing whose events
	// changed although its version did not.
	tags   EventTags
	tagged map[string][]string
}

// EventTags lists, for every listing shown at an event, the ids of those
// events (internal/event: an approved exhibitor's showcased offers, the
// needs a participant brings). Listings shown nowhere are absent.
type EventTags func(ctx context.Context) (map[string][]string, error)

// TagEvents makes every projection carry the events its listing is shown
// at, read from tags on each drain and reconciliation. Call it before Run.
func (ix *Indexer) TagEvents(tags EventTags) {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	ix.tags = tags
}

// eventTags reads the tags (none without TagEvents).
func (ix *Indexer) eventTags(ctx context.Context) (map[string][]string, error) {
	if ix.tags == nil {
		return nil, nil
	}
	return ix.tags(ctx)
}

// NewIndexer returns the indexer for cat's listings; it queues every
// listing changes reports (changes may be nil).
func NewIndexer(cat *Service, engine search.Engine, changes *Changes, log *slog.Logger) *Indexer {
	ix := &Indexer{cat: cat, engine: engine, log: log, wake: make(chan struct{}, 1), pending: map[string]bool{}, tagged: map[string][]string{}}
	if changes != nil {
		changes.Subscribe(ix.Notify)
	}
	return ix
}

// Notify queues a listing for indexing; it never blocks.
func (ix *Indexer) Notify(id string) {
	ix.mu.Lock()
	ix.pending[id] = true
	ix.mu.Unlock()
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

// Backlog is how many listings wait to be indexed.
func (ix *Indexer) Backlog() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.pending)
}

// Err is the last indexing failure, or nil once indexing works again.
func (ix *Indexer) Err() error {
	if p := ix.lastErr.Load(); p != nil {
		return errors.New(*p)
	}
	return nil
}

func (ix *Indexer) fail(err error) {
	msg := err.Error()
	ix.lastErr.Store(&msg)
}

// Run indexes queued listings until ctx ends, retrying with a growing
// pause while the engine fails, and reconciles every reconcileEvery.
func (ix *Indexer) Run(ctx context.Context, reconcileEvery time.Duration) {
	if _, err := ix.Reconcile(ctx); err != nil && ctx.Err() == nil {
		ix.log.Warn("search: reconcile at start", "err", err)
	}
	tick := time.NewTicker(reconcileEvery)
	defer tick.Stop()
	retry := time.Duration(0)
	for {
		var after <-chan time.Time
		if retry > 0 {
			after = time.After(retry)
		}
		select {
		case <-ctx.Done():
			return
		case <-ix.wake:
		case <-after:
		case <-tick.C:
			if _, err := ix.Reconcile(ctx); err != nil && ctx.Err() == nil {
				ix.log.Warn("search: reconcile", "err", err)
			}
		}
		if err := ix.Drain(ctx); err != nil {
			retry = min(max(retry*2, 250*time.Millisecond), 30*time.Second)
			ix.log.Warn("search: indexing failed; will retry", "backlog", ix.Backlog(), "retryIn", retry.String(), "err", err)
			continue
		}
		retry = 0
	}
}

// Drain indexes every queued listing now. Ids leave the queue before their
// listing is read, so a change made while the drain runs queues the id
// again and the next drain pushes the newer state.
func (ix *Indexer) Drain(ctx context.Context) error {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	ix.mu.Lock()
	ids := make([]string, 0, len(ix.pending))
	for id := range ix.pending {
		ids = append(ids, id)
		delete(ix.pending, id)
	}
	ix.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	if err := ix.sync(ctx, ids); err != nil {
		ix.mu.Lock()
		for _, id := range ids {
			ix.pending[id] = true
		}
		ix.mu.Unlock()
		ix.fail(err)
		return err
	}
	ix.lastErr.Store(nil)
	return nil
}

// sync pushes the current state of ids: published listings in, the rest out.
func (ix *Indexer) sync(ctx context.Context, ids []string) error {
	var public []Listing
	var gone []string
	for _, id := range ids {
		l, err := ix.cat.Get(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			gone = append(gone, id)
		case err != nil:
			return err
		case !l.Public():
			gone = append(gone, id)
		default:
			public = append(public, l)
		}
	}
	tags, err := ix.eventTags(ctx)
	if err != nil {
		return err
	}
	if err := ix.push(ctx, public, map[string]org.Organization{}, tags); err != nil {
		return err
	}
	if len(gone) > 0 {
		return ix.engine.Delete(ctx, gone...)
	}
	return nil
}

// push upserts the projections of listings, in batches, with the events
// tags gives each; orgs caches the organisations already read.
func (ix *Indexer) push(ctx context.Context, listings []Listing, orgs map[string]org.Organization, tags map[string][]string) error {
	docs := make([]search.Doc, 0, min(len(listings), 1000))
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		err := ix.engine.Upsert(ctx, docs...)
		docs = docs[:0]
		return err
	}
	for _, l := range listings {
		o, ok := orgs[l.OrgID]
		if !ok {
			var err error
			if o, err = ix.cat.orgs.Get(ctx, l.OrgID); err != nil {
				return fmt.Errorf("organisation of listing %s: %w", l.ID, err)
			}
			orgs[l.OrgID] = o
		}
		d, err := doc(l, o)
		if err != nil {
			return err
		}
		d.Events = tags[l.ID]
		if len(d.Events) > 0 {
			ix.tagged[l.ID] = d.Events
		} else {
			delete(ix.tagged, l.ID)
		}
		if docs = append(docs, d); len(docs) == cap(docs) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// ReconcileStats says what a reconciliation found.
type ReconcileStats struct {
	Published int // listings the index should hold
	Pushed    int // missing or at another version
	Removed   int // in the index but not public any more
}

// Reconcile compares the version of every public listing with the index's
// and repairs the difference. With all=true it pushes every public listing
// (techmart reindex).
func (ix *Indexer) Reconcile(ctx context.Context) (ReconcileStats, error) {
	return ix.reconcile(ctx, false)
}

// Reindex pushes every public listing again.
func (ix *Indexer) Reindex(ctx context.Context) (ReconcileStats, error) {
	return ix.reconcile(ctx, true)
}

func (ix *Indexer) reconcile(ctx context.Context, all bool) (ReconcileStats, error) {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	var st ReconcileStats
	// One scan of the published listings, whole: reading each dirty one by
	// _id afterwards would cost a round trip apiece.
	published, err := store.Find[Listing](ctx, ix.cat.s, Collection, bson.D{{Key: "state", Value: StatePublished}})
	if err != nil {
		return st, err
	}
	indexed, err := ix.engine.Versions(ctx)
	if err != nil {
		ix.fail(err)
		return st, err
	}
	tags, err := ix.eventTags(ctx)
	if err != nil {
		ix.fail(err)
		return st, err
	}
	st.Published = len(published)
	var dirty []Listing
	for _, l := range published {
		v, ok := indexed[l.ID]
		if all || !ok || v != l.Version || !slices.Equal(tags[l.ID], ix.tagged[l.ID]) {
			dirty = append(dirty, l)
		}
		delete(indexed, l.ID)
	}
	var gone []string
	for id := range indexed {
		gone = append(gone, id) // no longer public
	}
	st.Pushed, st.Removed = len(dirty), len(gone)
	if err := ix.push(ctx, dirty, map[string]org.Organization{}, tags); err != nil {
		ix.fail(err)
		return st, err
	}
	if len(gone) > 0 {
		if err := ix.engine.Delete(ctx, gone...); err != nil {
			ix.fail(err)
			return st, err
		}
	}
	if len(dirty)+len(gone) > 0 {
		ix.log.Info("search: reconciled", "published", st.Published, "pushed", st.Pushed, "removed", st.Removed)
	}
	ix.lastErr.Store(nil)
	return st, nil
}
