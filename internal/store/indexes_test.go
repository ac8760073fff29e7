package store_test

import (
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/store"
)

// Every query a collection declares has an index that serves it, so no
// list screen scans a collection on MongoDB.
func TestDeclaredQueriesHaveIndexes(t *testing.T) {
	declared := 0
	for _, s := range app.Specs() {
		declared += len(s.Queries)
		for _, problem := range s.Unserved() {
			t.Error(problem)
		}
	}
	if declared < 25 {
		t.Errorf("only %d queries declared", declared)
	}
}

// The check itself: a query added without an index fails it, and so do
// the usual near misses.
func TestUnservedQueries(t *testing.T) {
	idx := func(keys ...bson.E) mongo.IndexModel { return mongo.IndexModel{Keys: bson.D(keys)} }
	spec := store.CollectionSpec{Name: "things", Indexes: []mongo.IndexModel{
		idx(bson.E{Key: "state", Value: 1}, bson.E{Key: "at", Value: -1}),
		idx(bson.E{Key: "owner", Value: 1}),
	}}
	sortAt := bson.D{{Key: "at", Value: -1}}
	for _, tc := range []struct {
		q      store.Query
		served bool
	}{
		{store.Query{Name: "state, newest", Equal: []string{"state"}, Sort: sortAt}, true},
		{store.Query{Name: "state, oldest (index read backwards)", Equal: []string{"state"}, Sort: bson.D{{Key: "at", Value: 1}}}, true},
		{store.Query{Name: "all, no order", Sort: nil}, true},
		{store.Query{Name: "a new filter", Equal: []string{"kind"}}, false},
		{store.Query{Name: "sort without the equality prefix", Sort: sortAt}, false},
		{store.Query{Name: "_id tie-breaker not in the index", Equal: []string{"state"}, Sort: bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}}, false},
		{store.Query{Name: "$ne on a field not indexed", Equal: []string{"owner"}, Range: []string{"state"}}, false},
		{store.Query{Name: "$or with one branch unindexed", Or: []store.Query{{Name: "owner", Equal: []string{"owner"}}, {Name: "broker", Equal: []string{"broker"}}}}, false},
		{store.Query{Name: "$or, every branch indexed", Or: []store.Query{{Name: "owner", Equal: []string{"owner"}}, {Name: "state", Equal: []string{"state"}}}}, true},
		{store.Query{Name: "$ne alone, its field not first in the index", Range: []string{"at"}}, false},
		{store.Query{Name: "$ne alone, its field first", Range: []string{"state"}}, true},
		{store.Query{Name: "mixed directions", Equal: []string{"state"}, Sort: bson.D{{Key: "at", Value: -1}, {Key: "x", Value: 1}}}, false},
	} {
		s := spec
		s.Queries = []store.Query{tc.q}
		problems := s.Unserved()
		if (len(problems) == 0) != tc.served {
			t.Errorf("%s: served %v, problems %v", tc.q.Name, tc.served, problems)
		}
		if !tc.served && len(problems) > 0 && !strings.Contains(problems[0], "things") {
			t.Errorf("the problem names the collection: %v", problems)
		}
	}
}
