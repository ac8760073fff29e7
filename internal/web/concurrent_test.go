package web

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// records stands in for the services (the platform's own are exercised in
// internal/httpapi's TestSitemapFeedsAndRobots); it counts the scans.
type records struct {
	now   time.Time
	scans atomic.Int32
}

func (r *records) Get(_ context.Context, id string) (catalog.Listing, error) {
	return catalog.Listing{ID: id, Kind: catalog.KindTechnology, State: catalog.StatePublished, OrgID: "o1",
		Title: "Quy trình sấy chè Shan tuyết " + id, Summary: "Sấy chè giữ hương."}, nil
}

func (r *records) Published(context.Context) ([]catalog.Listing, error) {
	r.scans.Add(1)
	var out []catalog.Listing
	for _, id := range []string{"a", "b", "c"} {
		l, _ := r.Get(context.Background(), id)
		l.UpdatedAt = r.now
		out = append(out, l)
	}
	return out, nil
}

func (r *records) Now() time.Time { return r.now }

func (r *records) Verified(context.Context) ([]org.Organization, error) {
	return []org.Organization{{ID: "o1", Name: "Viện Khoa học Sự sống", Kind: org.KindInstitute, Status: org.StatusVerified}}, nil
}

type orgsOf struct{ *records }

func (o orgsOf) Get(_ context.Context, id string) (org.Organization, error) {
	return org.Organization{ID: id, Name: "Viện Khoa học Sự sống", Kind: org.KindInstitute, Status: org.StatusVerified}, nil
}

func (o orgsOf) Public(ctx context.Context, id string) (org.Organization, error) {
	return o.Get(ctx, id)
}

type programsOf struct{}

func (programsOf) Get(context.Context, *auth.Principal, string) (support.Program, error) {
	return support.Program{}, nil
}

func (programsOf) List(context.Context, *auth.Principal, string, int, int) ([]support.Program, int, error) {
	return []support.Program{{ID: "p1", Name: "Hỗ trợ đổi mới công nghệ"}}, 1, nil
}

// TestConcurrentReaders: the kept sitemap data and the drawn cards are
// shared by every request; readers side by side (under the race detector
// in make test-go) get whole answers, and the data kept is scanned once.
func TestConcurrentReaders(t *testing.T) {
	tax, err := taxonomy.Load()
	if err != nil {
		t.Fatal(err)
	}
	rec := &records{now: time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)}
	s := New(Deps{Listings: rec, Orgs: orgsOf{rec}, Programs: programsOf{}, Taxonomy: tax, ProvinceVI: "Thái Nguyên"})
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			var err error
			switch i % 4 {
			case 0:
				_, err = s.SitemapIndex(ctx, "https://t.vn")
			case 1:
				_, err = s.ListingsFeed(ctx, "https://t.vn", LangEN, FeedFilter{Kind: "technology"})
			case 2:
				_, _, err = s.EntityCard(ctx, "listings", "a", LangVI, "")
			default:
				_, err = s.SiteCard(ctx, LangEN, "")
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := rec.scans.Load(); n != 1 {
		t.Errorf("%d scans within a minute, want 1", n)
	}
	rec.now = rec.now.Add(DefaultCacheFor)
	if _, err := s.SitemapIndex(ctx, "https://t.vn"); err != nil || rec.scans.Load() != 2 {
		t.Errorf("after a minute: %v, %d scans", err, rec.scans.Load())
	}
}
