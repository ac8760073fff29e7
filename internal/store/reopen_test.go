package store_test

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/store"
)

// Every start runs Ensure on a database that already has its collections and
// indexes: it must keep working, and keep the data, however often.
func TestEnsureAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	spec := store.CollectionSpec{Name: "audit", Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "at", Value: -1}}},
		{Keys: bson.D{{Key: "subject.id", Value: 1}, {Key: "at", Value: -1}}},
		{Keys: bson.D{{Key: "actor.id", Value: 1}, {Key: "at", Value: -1}}},
	}}
	for round := range 3 {
		s, err := store.Open(ctx, store.Config{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Ensure(ctx, spec); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if err := store.Insert(ctx, s, "audit", bson.D{{Key: "_id", Value: round}}); err != nil {
			t.Fatal(err)
		}
		n, err := store.Count(ctx, s, "audit", nil)
		if err != nil || n != int64(round+1) {
			t.Fatalf("round %d: %d documents (%v), want %d", round, n, err, round+1)
		}
		specs, err := s.Collection("audit").Indexes().ListSpecifications(ctx)
		if err != nil || len(specs) != 4 {
			t.Fatalf("round %d: %d indexes (%v), want 4 with _id", round, len(specs), err)
		}
		if err := s.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
