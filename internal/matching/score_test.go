package matching

import (
	"slices"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/search"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func need() catalog.Listing {
	published := now.Add(-24 * time.Hour)
	return catalog.Listing{ID: "n", Kind: catalog.KindDemand, OrgID: "ent", Title: "Cần công nghệ bảo quản quýt tươi sau thu hoạch",
		Summary: "Giữ quýt tươi 2–3 tháng, giảm hao hụt.", Sectors: []string{"agri_processing"}, Keywords: []string{"quýt", "bảo quản"},
		TransferForms: []string{"licence"}, TRLMin: 6, Budget: &catalog.Budget{Max: 400_000_000}, AdminUnit: "xa_ba_be", PublishedAt: &published}
}

func offer(f func(*search.Doc)) search.Doc {
	d := search.Doc{ID: "o", Kind: catalog.KindTechnology, OrgID: "inst", Title: "Bảo quản quýt bằng màng bao chitosan",
		Summary: "Quýt tươi 10 tuần sau thu hoạch.", Sectors: []string{"agri_processing"}, Keywords: []string{"quýt", "bảo quản"},
		TransferForms: []string{"licence"}, TRL: 7, PriceMin: 250_000_000, PublishedAt: now.Add(-48 * time.Hour)}
	if f != nil {
		f(&d)
	}
	return d
}

func codes(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestScore(t *testing.T) {
	src := fromListing(need())
	cases := []struct {
		name     string
		doc      search.Doc
		has      []string
		lacks    []string
		min, max int
	}{
		{"fits on every count", offer(nil), []string{"same_sector", "shared_keywords", "trl_ok", "price_in_budget", "form_match", "fresh"}, []string{"trl_low", "price_over_budget"}, 75, 100},
		{"TRL below the need's minimum", offer(func(d *search.Doc) { d.TRL = 4 }), []string{"trl_low"}, []string{"trl_ok"}, 55, 90},
		{"price over budget", offer(func(d *search.Doc) { d.PriceMin = 900_000_000 }), []string{"price_over_budget"}, []string{"price_in_budget"}, 55, 90},
		{"same place", offer(func(d *search.Doc) { d.AdminUnit = "xa_ba_be" }), []string{"same_place"}, nil, 80, 100},
		{"another subject", offer(func(d *search.Doc) {
			d.Title, d.Summary, d.Keywords, d.Sectors = "Lò hơi đốt viên nén mùn cưa", "Lò hơi công nghiệp 2 tấn hơi/giờ.", []string{"lò hơi"}, []string{"energy"}
		}), nil, []string{"same_sector", "shared_keywords", "text"}, 0, 40},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc, rs := score(src, fromDoc(tc.doc), now, uniform)
			got := codes(rs)
			for _, c := range tc.has {
				if !slices.Contains(got, c) {
					t.Errorf("reasons %v lack %s", got, c)
				}
			}
			for _, c := range tc.lacks {
				if slices.Contains(got, c) {
					t.Errorf("reasons %v have %s", got, c)
				}
			}
			if sc < tc.min || sc > tc.max {
				t.Errorf("score %d, want %d–%d", sc, tc.min, tc.max)
			}
		})
	}
	if related(src, fromDoc(cases[len(cases)-1].doc)) {
		t.Error("a boiler is not related to keeping mandarins fresh")
	}
	// Symmetric enough: an offer scores a need as the need scores it.
	a, _ := score(src, fromDoc(offer(nil)), now, uniform)
	published := now.Add(-48 * time.Hour)
	o := offer(nil)
	ol := catalog.Listing{ID: o.ID, Kind: o.Kind, OrgID: o.OrgID, Title: o.Title, Summary: o.Summary, Sectors: o.Sectors, Keywords: o.Keywords,
		TransferForms: o.TransferForms, TRL: o.TRL, Price: &catalog.Price{Mode: "fixed", Min: o.PriceMin}, PublishedAt: &published}
	nd := need()
	b, _ := score(fromListing(ol), fromDoc(search.Doc{ID: nd.ID, Kind: nd.Kind, OrgID: nd.OrgID, Title: nd.Title, Summary: nd.Summary,
		Sectors: nd.Sectors, Keywords: nd.Keywords, TransferForms: nd.TransferForms, BudgetMax: nd.Budget.Max, PublishedAt: *nd.PublishedAt,
		Source: []byte(`{"trlMin":6}`)}), now, uniform)
	if d := a - b; d < -10 || d > 10 {
		t.Errorf("need→offer %d, offer→need %d", a, b)
	}
}
