package market_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/market"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/support"
)

// engine answers searches with fixed facets; Get knows some documents.
type engine struct {
	search.Engine
	res  search.Result
	docs map[string]search.Doc
	err  error
}

func (e *engine) Search(context.Context, search.Query) (search.Result, error) { return e.res, e.err }
func (e *engine) Get(_ context.Context, id string) (search.Doc, error) {
	if d, ok := e.docs[id]; ok {
		return d, nil
	}
	return search.Doc{}, search.ErrNotFound
}

type orgs struct{ verified int }

func (o orgs) CountVerified(context.Context) (int, error) { return o.verified, nil }
func (o orgs) Public(_ context.Context, id string) (org.Organization, error) {
	if id != "o1" {
		return org.Organization{}, errs.ErrNotFound
	}
	return org.Organization{ID: "o1", Name: "Viện A", Kind: org.KindInstitute, Status: org.StatusVerified, Description: "Giới thiệu"}, nil
}

type listings []string

func (l listings) PublishedByOrg(context.Context) (map[string][]string, error) {
	return map[string][]string{"o1": l, "o2": {"other"}}, nil
}

// transfers are the public results' yearly transfer totals: a count, or
// nil for a year withheld.
type transfers []*int64

func count(n int64) *int64 { return &n }

type programs []support.Program

func (p programs) List(context.Context, *auth.Principal, string, int, int) ([]support.Program, int, error) {
	return p, len(p), nil
}

type kept results.Results

func (r kept) Get(context.Context) (results.Results, error) { return results.Results(r), nil }

var now = time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC) // 10:00 in Vietnam

func program(id, opens, closes string) support.Program {
	return support.Program{ID: id, Name: id, State: support.ProgramPublished, Window: support.Window{OpensOn: opens, ClosesOn: closes}}
}

func deps(e *engine, years transfers) market.Deps {
	var figures []results.Figure
	for i, n := range years {
		f := results.Figure{Section: results.SectionTransfers, Year: 2022 + i, Dimension: "total", Count: n}
		if n == nil {
			f.Suppressed = results.SuppressedSmall
		}
		// A sector's figure is not a total: never added.
		figures = append(figures, f, results.Figure{Section: results.SectionTransfers, Year: 2022 + i, Dimension: "sector", Key: "agri", Count: count(100)})
	}
	return market.Deps{
		Search: e, Orgs: orgs{verified: 14}, Listings: listings{"l1", "l2", "gone"},
		Programs: programs{program("later", "2026-11-01", "2027-03-01"), program("closed", "2026-01-01", "2026-12-06"),
			program("sooner", "2026-12-07", "2026-12-20"), program("upcoming", "2026-12-08", "2027-01-01")},
		Results: kept{Figures: figures, Transfers: []results.Transfer{
			{ID: "t1", SupplierID: "o1", RecipientID: "o2"}, {ID: "t2", SupplierID: "o3", RecipientID: "o1"}, {ID: "t3", SupplierID: "o2", RecipientID: "o3"}}},
		Now: func() time.Time { return now },
	}
}

func TestMarket(t *testing.T) {
	e := &engine{res: search.Result{
		Hits: []search.Hit{{Doc: search.Doc{ID: "new"}}},
		Facets: map[string][]search.FacetCount{
			search.FacetKind:   {{Value: "technology", Count: 5}, {Value: "demand", Count: 4}, {Value: "ip", Count: 2}, {Value: "equipment", Count: 1}},
			search.FacetSector: {{Value: "ict", Count: 2}, {Value: "biotech", Count: 7}, {Value: "agri", Count: 2}, {Value: "none", Count: 0}},
		}}}
	m, err := market.New(deps(e, transfers{nil, nil}), time.Minute).Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c := m.Counts; c.Offers != 8 || c.Needs != 4 || c.Organizations != 14 {
		t.Errorf("counts %+v", c)
	}
	// Every year withheld by the public results: so is the figure.
	if m.Counts.Transfers != nil || !m.Counts.TransfersSuppressed {
		t.Errorf("withheld transfers shown: %v", m.Counts.Transfers)
	}
	if len(m.Newest) != 1 || m.Newest[0].ID != "new" {
		t.Errorf("newest %+v", m.Newest)
	}
	got := []string{}
	for _, s := range m.Sectors {
		got = append(got, s.Value)
	}
	if want := []string{"biotech", "agri", "ict"}; !slices.Equal(got, want) {
		t.Errorf("sectors %v, want %v", got, want)
	}
	// Open today in Vietnam, the nearest deadline first.
	got = got[:0]
	for _, p := range m.Programs {
		got = append(got, p.ID)
	}
	if want := []string{"sooner", "later"}; !slices.Equal(got, want) {
		t.Errorf("programmes %v, want %v", got, want)
	}
	// The sum of the published years only: with 2 withheld in 2022 and
	// 5 published in 2023, the figure is 5, not 7, which would give 2022
	// away by subtraction.
	for want, years := range map[int]transfers{0: {}, 3: {count(3)}, 5: {nil, count(5)}, 9: {count(4), nil, count(5)}} {
		m, err := market.New(deps(e, years), time.Minute).Get(context.Background())
		if err != nil || m.Counts.Transfers == nil || *m.Counts.Transfers != want || m.Counts.TransfersSuppressed {
			t.Errorf("want %d transfers: %+v %v", want, m.Counts, err)
		}
	}
	e.err = errors.New("down")
	if _, err := market.New(deps(e, nil), time.Minute).Get(context.Background()); !errors.Is(err, market.ErrSearchDown) {
		t.Errorf("search down: %v", err)
	}
}

func TestOrganization(t *testing.T) {
	e := &engine{docs: map[string]search.Doc{
		"l1": {ID: "l1"},
		"l2": {ID: "l2", ExpiresAt: now.Add(-time.Hour)}, // expired: not shown
	}}
	s := market.New(deps(e, transfers{count(3)}), time.Minute)
	o, err := s.Organization(context.Background(), "o1")
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Viện A" || o.Description != "Giới thiệu" || len(o.Listings) != 1 || o.Listings[0].ID != "l1" {
		t.Errorf("page %+v", o)
	}
	ids := []string{}
	for _, x := range o.Transfers {
		ids = append(ids, x.ID)
	}
	if !slices.Equal(ids, []string{"t1", "t2"}) {
		t.Errorf("transfers %v, want those o1 is party to", ids)
	}
	if _, err := s.Organization(context.Background(), "o2"); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("another organisation: %v", err)
	}
}
