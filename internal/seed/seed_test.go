package seed_test

import (
	"context"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/seeds"
)

// The demo catalogue passes the API's own checks, loads once, and is
// searchable: the plan's products are found as a visitor would type them.
func TestDemoCatalogue(t *testing.T) {
	h := apptest.New(t)
	h.Settle()
	ctx := context.Background()
	sum, err := h.App.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accounts+sum.Organizations+sum.Listings != 0 {
		t.Fatalf("loading the demo twice created %+v", sum)
	}
	d, _ := seeds.LoadDemo()
	if len(d.Organizations) < 15 {
		t.Errorf("%d demo organisations, want at least 15", len(d.Organizations))
	}
	count := func(kinds ...string) int {
		r, err := h.App.Search.Search(ctx, search.Query{Filter: search.Filter{Kinds: kinds, ActiveAt: h.App.Catalog.Now()}, PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	if offers, needs := count("technology", "equipment", "ip"), count("demand"); offers < 60 || needs < 20 {
		t.Errorf("published: %d offers, %d needs; want ≥ 60 and ≥ 20", offers, needs)
	}
	for _, q := range []string{"che shan tuyet", "mien dong", "quyt", "hong khong hat", "gao bao thai", "nuoc thai", "say nang luong mat troi"} {
		r, err := h.App.Search.Search(ctx, search.Query{Text: q, Filter: search.Filter{ActiveAt: h.App.Catalog.Now()}, PageSize: 3})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total == 0 {
			t.Errorf("%q finds nothing in the demo catalogue", q)
		}
	}
}
