package migrate_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/migrate"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

type thing struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	Name       string `bson:"name"`
	Slug       string `bson:"slug,omitempty"`
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestUpResumesAfterACrash: a migration that fails part-way leaves the
// version where it was; the next start runs it again (it is idempotent)
// and records it once; a later start does nothing.
func TestUpResumesAfterACrash(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	if err := s.Ensure(ctx, migrate.Spec, store.CollectionSpec{Name: "things"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b", "c"} {
		if err := store.Insert(ctx, s, "things", &thing{ID: id, Name: "Chè " + id}); err != nil {
			t.Fatal(err)
		}
	}
	runs, crash := 0, true
	ms := []migrate.Migration{
		{Version: 1, About: "baseline", Up: func(context.Context, *store.Store) error { return nil }},
		{Version: 2, About: "slugs", Up: func(ctx context.Context, s *store.Store) error {
			runs++
			all, err := store.Find[thing](ctx, s, "things", bson.D{})
			if err != nil {
				return err
			}
			for i, d := range all {
				if d.Slug != "" {
					continue // done before the crash
				}
				if crash && i == 1 {
					return errors.New("killed")
				}
				if _, err := store.Modify[thing](ctx, s, "things", d.ID, 0, func(p *thing) error { p.Slug = "che-" + p.ID; return nil }); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	if _, _, err := migrate.Up(ctx, s, ms, false, quiet); err == nil {
		t.Fatal("the crashed migration reported success")
	}
	if v, _ := migrate.Version(ctx, s); v != 1 {
		t.Fatalf("version after the crash = %d, want 1 (migration 2 unfinished)", v)
	}
	crash = false
	from, to, err := migrate.Up(ctx, s, ms, false, quiet)
	if err != nil || from != 1 || to != 2 {
		t.Fatalf("resume: %d → %d, %v", from, to, err)
	}
	all, _ := store.Find[thing](ctx, s, "things", bson.D{})
	for _, d := range all {
		if d.Slug != "che-"+d.ID {
			t.Fatalf("%s not migrated: %+v", d.ID, d)
		}
	}
	if from, to, err := migrate.Up(ctx, s, ms, false, quiet); err != nil || from != 2 || to != 2 || runs != 2 {
		t.Fatalf("third start: %d → %d, %v, migration ran %d times (want 2)", from, to, err, runs)
	}
}

// TestUpRefusesNewerData: data stamped by a newer release is not touched.
func TestUpRefusesNewerData(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	if err := s.Ensure(ctx, migrate.Spec); err != nil {
		t.Fatal(err)
	}
	newer := []migrate.Migration{{Version: 1, Up: noop}, {Version: 2, Up: noop}, {Version: 3, Up: noop}}
	if _, _, err := migrate.Up(ctx, s, newer, true, quiet); err != nil {
		t.Fatal(err)
	}
	_, _, err := migrate.Up(ctx, s, newer[:2], false, quiet)
	if !errors.Is(err, migrate.ErrNewerData) {
		t.Fatalf("older binary on newer data: %v", err)
	}
}

// TestFreshDatabaseIsStamped: a new database gets the latest version
// without running migrations meant for old data.
func TestFreshDatabaseIsStamped(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	if err := s.Ensure(ctx, migrate.Spec); err != nil {
		t.Fatal(err)
	}
	ran := false
	ms := []migrate.Migration{{Version: 1, Up: func(context.Context, *store.Store) error { ran = true; return nil }}}
	if _, to, err := migrate.Up(ctx, s, ms, true, quiet); err != nil || to != 1 || ran {
		t.Fatalf("fresh: to %d, ran %v, %v", to, ran, err)
	}
}

// TestMigrationsNumberedInOrder: a gap in the list is a programming error.
func TestMigrationsNumberedInOrder(t *testing.T) {
	s := storetest.New(t)
	_, _, err := migrate.Up(context.Background(), s, []migrate.Migration{{Version: 2, Up: noop}}, false, quiet)
	if err == nil {
		t.Fatal("a list starting at 2 was accepted")
	}
}

func noop(context.Context, *store.Store) error { return nil }
