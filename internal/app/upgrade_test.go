package app_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/migrate"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// previous is a data directory written by the release before schema
// versions (commit d65a9e7): `techmart seed --demo`, then through its API an
// interest, a draft listing with an image and a support application draft.
// Its .counts.json has the documents per collection as written.
const previous = "testdata/data-2026-12-07-d65a9e7"

// TestUpgradeFromPreviousRelease starts this binary on the previous
// release's data: the data is migrated once, every record still reads into
// its type, nothing is lost, and people carry on where they were.
func TestUpgradeFromPreviousRelease(t *testing.T) {
	dataDir := t.TempDir()
	untar(t, previous+".tar.gz", dataDir)
	var want map[string]int64
	b, err := os.ReadFile(previous + ".counts.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir, cfg.Addr = dataDir, "127.0.0.1:0"
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			a.Close(ctx)
		}
	}()
	if v, err := migrate.Version(ctx, a.Store); err != nil || v != app.SchemaVersion {
		t.Fatalf("schema version after the upgrade: %d, %v (want %d)", v, err, app.SchemaVersion)
	}
	db := a.Store.Database()
	for coll, n := range want {
		got, err := db.Collection(coll).CountDocuments(ctx, bson.D{})
		if err != nil || got < n {
			t.Errorf("%s: %d documents after the upgrade, %d before (%v)", coll, got, n, err)
		}
	}
	// Every record reads into the type the code uses for it.
	checkAll[auth.User](t, a.Store, "users")
	checkAll[org.Organization](t, a.Store, org.Collection)
	checkAll[catalog.Listing](t, a.Store, catalog.Collection)
	checkAll[files.File](t, a.Store, files.Collection)
	checkAll[connection.Connection](t, a.Store, connection.Collection)
	checkAll[transfer.Transfer](t, a.Store, transfer.Collection)
	checkAll[support.Program](t, a.Store, support.ProgramCollection)
	checkAll[support.Application](t, a.Store, support.ApplicationCollection)
	checkAll[audit.Entry](t, a.Store, audit.Collection)
	checkAll[notify.Inbox](t, a.Store, notify.Collection)
	for _, coll := range []string{"sessions", "user_emails", "settings", "rate_limits", connection.KeyCollection} {
		checkAll[bson.M](t, a.Store, coll)
	}

	// People carry on: the enterprise logs in (its password hash and the
	// signing secret survived) and finds its connection, its draft with the
	// image, and its application draft; search answers once reindexed.
	if _, err := a.Indexer.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	h := &apptest.Harness{T: t, App: a, Server: a.Server(fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}})}
	ent := h.Demo("enterprise")
	for _, c := range []struct{ path, key string }{
		{"/api/v1/connections", "items"}, {"/api/v1/support/applications?scope=mine", "items"}, {"/api/v1/listings?owner=me&pageSize=100", "items"},
	} {
		r := h.Do(apptest.Request{Method: "GET", Path: c.path, Token: ent.Access})
		if r.Status != 200 || len(r.JSON(t)[c.key].([]any)) == 0 {
			t.Fatalf("%s after the upgrade: %d %s", c.path, r.Status, r.Body)
		}
	}
	var f files.File
	if err := db.Collection(files.Collection).FindOne(ctx, bson.D{}).Decode(&f); err != nil {
		t.Fatal(err)
	}
	if r := h.Do(apptest.Request{Method: "GET", Path: "/api/v1/files/" + f.ID, Token: ent.Access}); r.Status != 200 || len(r.Body) != f.Size {
		t.Fatalf("the image after the upgrade: %d, %d bytes of %d", r.Status, len(r.Body), f.Size)
	}
	s := h.Do(apptest.Request{Method: "GET", Path: "/api/v1/search?q=che%20shan%20tuyet"}).JSON(t)
	if s["total"].(float64) < 1 {
		t.Fatalf("search after the upgrade: %v", s)
	}
	a.Close(ctx)
	closed = true

	// A second start migrates nothing.
	a2, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	sch, err := store.Get[migrate.Schema](ctx, a2.Store, migrate.Collection, "schema")
	a2.Close(ctx)
	if err != nil || len(sch.History) != app.SchemaVersion {
		t.Fatalf("migration history after two starts: %+v, %v", sch.History, err)
	}
}

// TestNewerDataRefused: a binary never opens data a newer release wrote.
func TestNewerDataRefused(t *testing.T) {
	dataDir := t.TempDir()
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir, cfg.Addr = dataDir, "127.0.0.1:0"
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, cfg, log, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Modify[migrate.Schema](ctx, a.Store, migrate.Collection, "schema", 0, func(s *migrate.Schema) error {
		s.Version = app.SchemaVersion + 1
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a.Close(ctx)
	if _, err := app.Open(ctx, cfg, log, "test"); !errors.Is(err, migrate.ErrNewerData) {
		t.Fatalf("newer data opened: %v", err)
	}
}

func checkAll[T any](t *testing.T, s *store.Store, coll string) {
	t.Helper()
	if _, err := store.Find[T](context.Background(), s, coll, bson.D{}); err != nil {
		t.Errorf("%s does not read into its type: %v", coll, err)
	}
}

func untar(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Clean(h.Name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o700); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
}
