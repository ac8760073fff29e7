package seed_test

import (
	"context"
	"maps"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/seed"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
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

// The demo's programme and transfer are keyed by their ids: renamed in the
// store, they are still found when the demo loads again (as on every start
// in demo mode), so nothing is added twice and nobody is notified.
func TestDemoReloadAfterRenames(t *testing.T) {
	h := apptest.New(t)
	ctx := context.Background()
	db := h.App.Store.Database()
	for coll, rename := range map[string]bson.D{
		support.ProgramCollection: {{Key: "name", Value: "Chương trình đã đổi tên"}},
		transfer.Collection:       {{Key: "title", Value: "Chuyển giao đã đổi tên"}},
	} {
		res, err := db.Collection(coll).UpdateOne(ctx, bson.D{{Key: "_id", Value: map[string]string{
			support.ProgramCollection: "70726f670000000000000001", transfer.Collection: "7472616e0000000000000001",
		}[coll]}}, bson.D{{Key: "$set", Value: rename}})
		if err != nil || res.MatchedCount != 1 {
			t.Fatalf("rename in %s: %v %+v (the seeded record is not under its stable id)", coll, err, res)
		}
	}
	unread := func() map[string]int {
		out := map[string]int{}
		for _, label := range []string{"admin", "officer", "reviewer", "enterprise", "institute"} {
			u, err := h.App.Auth.UserByEmail(ctx, label+"@demo.techmart.vn")
			if err != nil {
				t.Fatal(err)
			}
			if out[label], err = h.App.Notify.Unread(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	before := unread()
	counts := func() map[string]int64 {
		out := map[string]int64{}
		for _, coll := range []string{support.ProgramCollection, transfer.Collection} {
			n, err := store.Count(ctx, h.App.Store, coll, bson.D{})
			if err != nil {
				t.Fatal(err)
			}
			out[coll] = n
		}
		return out
	}
	seeded := counts()
	sum, err := h.App.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (seed.Summary{}) {
		t.Fatalf("loading again after renames created %+v", sum)
	}
	for coll, n := range counts() {
		if n != seeded[coll] {
			t.Errorf("%s: %d records after loading again, want the %d seeded", coll, n, seeded[coll])
		}
	}
	if after := unread(); !maps.Equal(before, after) {
		t.Errorf("loading the demo notified: %v → %v", before, after)
	}
}
