package web

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/support"
)

// publicSet is what the sitemap and the feeds list: the published
// listings (newest first), the published programmes and the verified
// organisations, trimmed to what they show. Reading it scans three
// collections, so it is kept for CacheFor: a crawler reads the sitemap
// index and then each of its files.
type publicSet struct {
	listings []catalog.Listing
	programs []support.Program
	events   []event.Event
	orgs     []org.Organization
	orgNames map[string]string
	at       time.Time
}

type publicCache struct {
	mu  sync.Mutex
	set *publicSet
}

// DefaultCacheFor is how long the sitemap's and feeds' data is kept.
const DefaultCacheFor = time.Minute

func (s *Site) public(ctx context.Context) (*publicSet, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock() // one scan at a time; the others wait for it
	now := s.d.Listings.Now()
	if p := s.cache.set; p != nil && now.Sub(p.at) < s.CacheFor && !now.Before(p.at) {
		return p, nil
	}
	all, err := s.d.Listings.Published(ctx)
	if err != nil {
		return nil, err
	}
	p := &publicSet{at: now, orgNames: map[string]string{}}
	for _, l := range all {
		if l.Expired(now) {
			continue
		}
		p.listings = append(p.listings, catalog.Listing{ID: l.ID, Kind: l.Kind, State: l.State, OrgID: l.OrgID,
			Title: l.Title, Summary: l.Summary, TitleEn: l.TitleEn, SummaryEn: l.SummaryEn, Sectors: l.Sectors,
			UpdatedAt: l.UpdatedAt, PublishedAt: l.PublishedAt})
	}
	slices.SortFunc(p.listings, func(a, b catalog.Listing) int {
		if c := published(b).Compare(published(a)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	programs, _, err := s.d.Programs.List(ctx, (*auth.Principal)(nil), "", 1, 1<<30)
	if err != nil {
		return nil, err
	}
	for _, pr := range programs {
		p.programs = append(p.programs, support.Program{ID: pr.ID, Name: pr.Name, Summary: pr.Summary, Window: pr.Window,
			CreatedAt: pr.CreatedAt, UpdatedAt: pr.UpdatedAt, PublishedAt: pr.PublishedAt})
	}
	if s.d.Events != nil {
		events, _, err := s.d.Events.List(ctx, nil, "", "", 1, 1<<30)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			p.events = append(p.events, event.Event{ID: e.ID, Name: e.Name, UpdatedAt: e.UpdatedAt})
		}
	}
	orgs, err := s.d.Orgs.Verified(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		p.orgs = append(p.orgs, org.Organization{ID: o.ID, Name: o.Name, Kind: o.Kind, CreatedAt: o.CreatedAt, DecidedAt: o.DecidedAt})
		p.orgNames[o.ID] = o.Name
	}
	s.cache.set = p
	return p, nil
}

// published is when a listing was published (its last change for one
// published before the date was kept).
func published(l catalog.Listing) time.Time {
	if l.PublishedAt != nil {
		return *l.PublishedAt
	}
	return l.UpdatedAt
}
