package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

type slot struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	Room       int    `bson:"room"`
	Taken      []int  `bson:"taken"`
}

var errFull = errors.New("full")

// 50 concurrent conditional decrements on one document with room for 10:
// exactly 10 succeed and the document records exactly those 10.
func TestModifyConcurrentDecrements(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "slots"}); err != nil {
		t.Fatal(err)
	}
	if err := store.Insert(ctx, s, "slots", &slot{ID: "s1", Room: 10}); err != nil {
		t.Fatal(err)
	}
	var ok, full atomic.Int64
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := store.Modify(ctx, s, "slots", "s1", 0, func(d *slot) error {
				if d.Room == 0 {
					return errFull
				}
				d.Room--
				d.Taken = append(d.Taken, i)
				return nil
			})
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, errFull):
				full.Add(1)
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 10 || full.Load() != 40 {
		t.Fatalf("succeeded %d, refused %d; want 10 and 40", ok.Load(), full.Load())
	}
	got, err := store.Get[slot](ctx, s, "slots", "s1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Room != 0 || len(got.Taken) != 10 || got.Version != 11 {
		t.Fatalf("document = room %d, taken %d, version %d; want 0, 10, 11", got.Room, len(got.Taken), got.Version)
	}
}

func TestInsertGetDeleteErrors(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "slots"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get[slot](ctx, s, "slots", "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get missing: %v, want ErrNotFound", err)
	}
	d := &slot{ID: "a", Room: 1}
	if err := store.Insert(ctx, s, "slots", d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 {
		t.Fatalf("inserted version %d, want 1", d.Version)
	}
	if err := store.Insert(ctx, s, "slots", &slot{ID: "a"}); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second insert: %v, want ErrDuplicate", err)
	}
	if _, err := store.Modify(ctx, s, "slots", "missing", 0, func(*slot) error { return nil }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Modify missing: %v, want ErrNotFound", err)
	}
	if err := store.Delete(ctx, s, "slots", "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.Delete(ctx, s, "slots", "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
}

func TestUpsertConcurrentCreates(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "slots"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := store.Upsert(ctx, s, "slots", "counter", func(d *slot, exists bool) error {
				if !exists {
					d.ID = "counter"
				}
				d.Room++
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := store.Get[slot](ctx, s, "slots", "counter")
	if err != nil {
		t.Fatal(err)
	}
	if got.Room != 20 {
		t.Fatalf("counter = %d, want 20 (no lost update)", got.Room)
	}
}

// Ensure is idempotent and, in embedded mode, the database is reachable only
// through an owner-only Unix socket and every table has the _id index.
func TestEnsureIdempotentAndEmbeddedSocket(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	for range 2 {
		if err := s.Ensure(ctx, store.CollectionSpec{Name: "a"}, store.CollectionSpec{Name: "b"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Insert(ctx, s, "a", bson.D{{Key: "_id", Value: "x"}}); err != nil {
		t.Fatal(err)
	}
	if !s.Embedded() {
		return // the rest is about the embedded FerretDB
	}
	uri := store.EmbeddedURI(s)
	if !strings.Contains(uri, ".sock") || strings.Contains(uri, "127.0.0.1") {
		t.Fatalf("embedded URI %q is not a Unix socket", uri)
	}
	sock := store.EmbeddedSocket(s)
	fi, err := os.Stat(filepath.Dir(sock))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Fatalf("socket directory mode %v, want 0700", fi.Mode().Perm())
	}
	n, err := store.CountIDIndexes(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Fatalf("%d _id expression indexes, want one per table (≥ 2)", n)
	}
}

// A second process on the same data directory is refused rather than
// running a second FerretDB on the same files.
func TestEmbeddedDataDirIsExclusive(t *testing.T) {
	if os.Getenv("MONGODB_URI") != "" {
		return // the lock belongs to the embedded store only
	}
	dir := t.TempDir()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if _, err := store.Open(ctx, store.Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second open: %v, want an 'in use' error", err)
	}
}

// An index is compared by its options, not only its name: making an
// existing index unique rebuilds it, and running Ensure again changes
// nothing.
func TestEnsureAppliesChangedIndexOptions(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	keys := bson.D{{Key: "code", Value: 1}}
	plain := store.CollectionSpec{Name: "codes", Indexes: []mongo.IndexModel{{Keys: keys}}}
	unique := store.CollectionSpec{Name: "codes", Indexes: []mongo.IndexModel{{Keys: keys, Options: options.Index().SetUnique(true)}}}
	if err := s.Ensure(ctx, plain); err != nil {
		t.Fatal(err)
	}
	isUnique := func() bool {
		specs, err := s.Collection("codes").Indexes().ListSpecifications(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range specs {
			if sp.Name == "code_1" {
				return sp.Unique != nil && *sp.Unique
			}
		}
		t.Fatal("code_1 missing")
		return false
	}
	if isUnique() {
		t.Fatal("unique from the start")
	}
	for range 2 {
		if err := s.Ensure(ctx, unique); err != nil {
			t.Fatal(err)
		}
		if !isUnique() {
			t.Fatal("the changed option was not applied")
		}
	}
	if err := store.Insert(ctx, s, "codes", bson.D{{Key: "_id", Value: "a"}, {Key: "code", Value: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := store.Insert(ctx, s, "codes", bson.D{{Key: "_id", Value: "b"}, {Key: "code", Value: 1}}); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("a second code 1: %v", err)
	}
}

// Modify and DeleteIf with an expected version: the version read must be
// the one expected (0 accepts any); otherwise nothing is written and the
// answer is ErrStale — unless fn refuses first.
func TestModifyExpectedVersion(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "slots"}); err != nil {
		t.Fatal(err)
	}
	if err := store.Insert(ctx, s, "slots", &slot{ID: "v", Room: 3}); err != nil {
		t.Fatal(err)
	}
	take := func(d *slot) error { d.Room--; return nil }
	if _, err := store.Modify(ctx, s, "slots", "v", 2, take); !errors.Is(err, store.ErrStale) {
		t.Fatalf("expected version 2 of a document at 1: %v, want ErrStale", err)
	}
	if _, err := store.Modify(ctx, s, "slots", "v", 2, func(*slot) error { return errFull }); !errors.Is(err, errFull) {
		t.Fatalf("fn's refusal comes first: %v", err)
	}
	d, err := store.Modify(ctx, s, "slots", "v", 1, take)
	if err != nil || d.Version != 2 || d.Room != 2 {
		t.Fatalf("expected version 1: %+v %v", d, err)
	}
	if d, err = store.Modify(ctx, s, "slots", "v", 0, take); err != nil || d.Version != 3 {
		t.Fatalf("any version: %+v %v", d, err)
	}
	if _, err := store.DeleteIf(ctx, s, "slots", "v", 2, func(*slot) error { return nil }); !errors.Is(err, store.ErrStale) {
		t.Fatalf("DeleteIf at a stale version: %v, want ErrStale", err)
	}
	if got, _ := store.Get[slot](ctx, s, "slots", "v"); got.Version != 3 || got.Room != 1 {
		t.Fatalf("a stale write changed the document: %+v", got)
	}
	if _, err := store.DeleteIf(ctx, s, "slots", "v", 3, func(*slot) error { return nil }); err != nil {
		t.Fatalf("DeleteIf at the expected version: %v", err)
	}
}

// Existing names exactly the ids that are stored, whatever else the
// collection holds, and nothing for an empty list.
func TestExisting(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	for _, id := range []string{"a", "b", "c"} {
		if err := store.Insert(ctx, s, "things", &slot{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		ids  []string
		want map[string]bool
	}{
		{[]string{"a", "c", "x"}, map[string]bool{"a": true, "c": true}},
		{[]string{"x", "y"}, map[string]bool{}},
		{[]string{}, map[string]bool{}},
	} {
		got, err := store.Existing(ctx, s, "things", c.ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.want) {
			t.Fatalf("%v: got %v, want %v", c.ids, got, c.want)
		}
		for id := range c.want {
			if !got[id] {
				t.Fatalf("%v: got %v, want %v", c.ids, got, c.want)
			}
		}
	}
}
