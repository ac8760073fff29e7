// Package market is the public face of the market: the home page's figures
// (listings on offer and wanted, verified organisations, transfers
// recorded, the newest listings, the open support programmes, sectors with
// their listings) and each verified organisation's public page. Everything
// is read from what already counts it — the search engine's facets, the
// organisations, the support programmes, the public results — and the home
// page's figures are kept a short time (internal/kept), since it is the
// most visited page.
package market

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/kept"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/support"
)

// TTL is how long the home page's figures are kept before they are
// counted again.
const TTL = time.Minute

// Newest is how many of the newest listings the home page shows.
const Newest = 6

// MaxOrgListings bounds the listings an organisation's page shows.
const MaxOrgListings = 50

// Counts are the market's headline figures.
type Counts struct {
	// Offers are published technologies, equipment and IP; Needs
	// published technology needs (neither expired).
	Offers int `json:"offers"`
	Needs  int `json:"needs"`
	// Organizations are the verified organisations of the market (the
	// department and the provincial agencies aside).
	Organizations int `json:"organizations"`
	// Transfers recorded in the years the public results cover: the sum
	// of the yearly totals they publish, so the home page reveals nothing
	// that their small-cell suppression withholds (a grand total beside
	// published years would give a withheld year by subtraction). Null
	// (with TransfersSuppressed) when every year with transfers is withheld.
	Transfers           *int `json:"transfers" nullable:"true"`
	TransfersSuppressed bool `json:"transfersSuppressed"`
}

// Program is an open support programme as the home page lists it.
type Program struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	OpensOn  string `json:"opensOn" rule:"format=date"`
	ClosesOn string `json:"closesOn" rule:"format=date"` // the deadline, a Vietnam day
}

// Market is the home page's data. Newest are the index's documents; the
// HTTP layer shows them as search result cards.
type Market struct {
	GeneratedAt time.Time           `json:"generatedAt"`
	Counts      Counts              `json:"counts"`
	Newest      []search.Doc        `json:"-"`
	Programs    []Program           `json:"programs"`
	Sectors     []search.FacetCount `json:"sectors"` // sector codes with their published listings, most first
}

// Orgs is what the market needs of organisations.
type Orgs interface {
	CountVerified(ctx context.Context) (int, error)
	Public(ctx context.Context, id string) (org.Organization, error)
}

// Listings finds an organisation's listings.
type Listings interface {
	PublishedByOrg(ctx context.Context) (map[string][]string, error)
}

// Programs lists the support programmes.
type Programs interface {
	List(ctx context.Context, p *auth.Principal, state string, page, size int) ([]support.Program, int, error)
}

// Results are the public results: their yearly transfer totals are the
// home page's figure, their consented transfers an organisation's page.
type Results interface {
	Get(ctx context.Context) (results.Results, error)
}

// Deps are the services the market reads.
type Deps struct {
	Search   search.Engine
	Orgs     Orgs
	Listings Listings
	Programs Programs
	Results  Results
	Now      func() time.Time
	Log      *slog.Logger
}

// Service answers the home page and the organisations' public pages.
type Service struct {
	d    Deps
	kept *kept.Value[Market]
	// byOrg is which published listings each organisation has: one scan
	// of the catalogue kept like the figures, since an organisation's page
	// is public and, in embedded mode, a query by organisation scans the
	// whole collection anyway.
	byOrg *kept.Value[map[string][]string]
}

// New returns the service; the home page's figures are kept for ttl.
func New(d Deps, ttl time.Duration) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Service{d: d}
	s.kept = kept.New("market", ttl, d.Now, d.Log, s.compute)
	s.byOrg = kept.New("market: listings by organisation", ttl, d.Now, d.Log, func(ctx context.Context, _ time.Time) (map[string][]string, error) {
		return d.Listings.PublishedByOrg(ctx)
	})
	return s
}

// Get returns the home page's figures, counted at most TTL ago.
func (s *Service) Get(ctx context.Context) (Market, error) { return s.kept.Get(ctx) }

// Refresh counts the home page's figures now and keeps them (at start, so
// the first visitor does not wait).
func (s *Service) Refresh(ctx context.Context) (Market, error) { return s.kept.Refresh(ctx) }

// ErrSearchDown is the search engine not answering: the home page's
// listings come from it (the code the search routes answer with).
var ErrSearchDown = errs.New(errs.Unavailable, "search_unavailable")

func (s *Service) compute(ctx context.Context, now time.Time) (Market, error) {
	m := Market{GeneratedAt: now.UTC(), Newest: []search.Doc{}, Programs: []Program{}, Sectors: []search.FacetCount{}}
	// One search gives the newest listings and both facets; to the minute,
	// as the search page asks, so it shares the engine's cache.
	res, err := s.d.Search.Search(ctx, search.Query{Sort: search.SortNewest, Page: 1, PageSize: Newest,
		Filter: search.Filter{ActiveAt: now.Truncate(time.Minute)}})
	if err != nil {
		return Market{}, ErrSearchDown.Wrap(err)
	}
	for _, h := range res.Hits {
		m.Newest = append(m.Newest, h.Doc)
	}
	for _, f := range res.Facets[search.FacetKind] {
		if f.Value == catalog.KindDemand {
			m.Counts.Needs += f.Count
		} else {
			m.Counts.Offers += f.Count
		}
	}
	for _, f := range res.Facets[search.FacetSector] {
		if f.Count > 0 {
			m.Sectors = append(m.Sectors, f)
		}
	}
	slices.SortStableFunc(m.Sectors, func(a, b search.FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	if m.Counts.Organizations, err = s.d.Orgs.CountVerified(ctx); err != nil {
		return Market{}, err
	}
	pub, err := s.d.Results.Get(ctx)
	if err != nil {
		return Market{}, err
	}
	m.Counts.Transfers, m.Counts.TransfersSuppressed = transfersOf(pub)
	progs, _, err := s.d.Programs.List(ctx, nil, support.ProgramPublished, 1, 1000)
	if err != nil {
		return Market{}, err
	}
	today := calendar.Day(now)
	for _, p := range progs {
		if p.Open(today) {
			m.Programs = append(m.Programs, Program{ID: p.ID, Name: p.Name, OpensOn: p.Window.OpensOn, ClosesOn: p.Window.ClosesOn})
		}
	}
	// The nearest deadline first.
	slices.SortStableFunc(m.Programs, func(a, b Program) int { return cmp.Compare(a.ClosesOn, b.ClosesOn) })
	return m, nil
}

// Organization is a verified organisation's public page.
type Organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind" rule:"enum=OrgKind"`
	// Commune is the code of the commune or ward of its address (the
	// taxonomy's administrative units name it).
	Commune string `json:"commune,omitempty"`
	Website string `json:"website,omitempty"`
	// Description is what the organisation says of itself.
	Description string     `json:"description,omitempty"`
	VerifiedAt  *time.Time `json:"verifiedAt,omitempty"`
	// Listings are its published listings, newest first (the index's
	// documents; the HTTP layer shows them as result cards).
	Listings []search.Doc `json:"-"`
	// Transfers are the contracts it is party to whose parties consented
	// to publish them, as the public results name them.
	Transfers []results.Transfer `json:"transfers"`
}

// Organization returns the public page of a verified organisation; any
// other id is errs.ErrNotFound.
func (s *Service) Organization(ctx context.Context, id string) (Organization, error) {
	o, err := s.d.Orgs.Public(ctx, id)
	if err != nil {
		return Organization{}, err
	}
	out := Organization{ID: o.ID, Name: o.Name, Kind: o.Kind, Commune: o.Evidence.Commune, Website: o.Evidence.Website,
		Description: o.Description,
		VerifiedAt:  o.DecidedAt, Listings: []search.Doc{}, Transfers: []results.Transfer{}}
	byOrg, err := s.byOrg.Get(ctx)
	if err != nil {
		return Organization{}, err
	}
	ids := byOrg[o.ID]
	ids = ids[:min(len(ids), MaxOrgListings)]
	// The index holds what the public may read of each: published and
	// not expired, never the confidential parts.
	now := s.d.Now()
	for _, lid := range ids {
		d, err := s.d.Search.Get(ctx, lid)
		if errors.Is(err, search.ErrNotFound) {
			continue
		} else if err != nil {
			return Organization{}, ErrSearchDown.Wrap(err)
		}
		if d.ExpiresAt.IsZero() || now.Before(d.ExpiresAt) {
			out.Listings = append(out.Listings, d)
		}
	}
	r, err := s.d.Results.Get(ctx)
	if err != nil {
		return Organization{}, err
	}
	for _, t := range r.Transfers {
		if t.SupplierID == o.ID || t.RecipientID == o.ID {
			out.Transfers = append(out.Transfers, t)
		}
	}
	return out, nil
}

// transfersOf sums the yearly transfer totals the public results publish;
// withheld is true when none is published but some year was withheld.
func transfersOf(r results.Results) (total *int, withheld bool) {
	n, published := 0, false
	for _, f := range r.Figures {
		if f.Section != results.SectionTransfers || f.Dimension != "total" {
			continue
		}
		switch {
		case f.Count != nil:
			n, published = n+int(*f.Count), true
		case f.Suppressed != "":
			withheld = true
		}
	}
	if !published && withheld {
		return nil, true
	}
	return &n, false
}
