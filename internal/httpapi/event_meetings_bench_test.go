package httpapi_test

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/store"
)

// BenchmarkEventSuggestions measures GET /events/{id}/suggestions for the
// demo enterprise at an event where every demo organisation with published
// listings takes part and brings all of them (about a hundred listings):
// each of the enterprise's needs is scored against every offer brought.
func BenchmarkEventSuggestions(b *testing.B) {
	h := apptest.New(b)
	ls, err := store.Find[catalog.Listing](context.Background(), h.App.Store, catalog.Collection, bson.D{{Key: "state", Value: catalog.StatePublished}})
	if err != nil {
		b.Fatal(err)
	}
	byOrg := map[string]*seedReg{}
	var regs []seedReg
	for _, l := range ls {
		r := byOrg[l.OrgID]
		if r == nil {
			regs = append(regs, seedReg{org: l.OrgID, name: l.OrgID, role: event.RoleExhibitor, state: event.RegApproved})
			r = &regs[len(regs)-1]
			byOrg[l.OrgID] = r
		}
		if l.Kind == catalog.KindDemand {
			r.needs = append(r.needs, l.ID)
		} else {
			r.listings = append(r.listings, l.ID)
		}
		// regs may have grown: keep the pointers on the slice's elements.
		for i := range regs {
			byOrg[regs[i].org] = &regs[i]
		}
	}
	eventID, _ := seedEvent(b, h, vnDay(0), vnDay(1), regs...)
	ent := h.Demo("enterprise").Access
	path := "/api/v1/events/" + eventID + "/suggestions?limit=50"
	r := h.Do(R{Method: "GET", Path: path, Token: ent})
	if r.Status != 200 {
		b.Fatalf("suggestions: %d %s", r.Status, r.Body)
	}
	b.Logf("%d listings brought by %d organisations; %d suggested", len(ls), len(regs), len(r.JSON(b)["items"].([]any)))
	b.ResetTimer()
	for b.Loop() {
		if r := h.Do(R{Method: "GET", Path: path, Token: ent}); r.Status != 200 {
			b.Fatalf("suggestions: %d", r.Status)
		}
	}
}
