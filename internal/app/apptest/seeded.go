package apptest

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
)

// seeded is a data directory with the demo data loaded and indexed, held
// in memory: relative path → contents. Seeding costs far more than
// copying, and every test of a binary starts from the same demo data.
type seeded map[string][]byte

type seeding struct {
	once sync.Once
	data seeded
	err  error
}

// demo holds the seeded data per password cost: tests use one, benchmarks
// the production one.
var demo struct {
	mu     sync.Mutex
	byCost map[auth.PasswordCost]*seeding
}

// demoData seeds the demo data once per test binary and password cost, in
// the first caller's temporary directory, and returns it.
func demoData(t testing.TB, cost auth.PasswordCost) seeded {
	t.Helper()
	demo.mu.Lock()
	if demo.byCost == nil {
		demo.byCost = map[auth.PasswordCost]*seeding{}
	}
	s := demo.byCost[cost]
	if s == nil {
		s = &seeding{}
		demo.byCost[cost] = s
	}
	demo.mu.Unlock()
	s.once.Do(func() { s.data, s.err = seed(t.TempDir(), cost) })
	if s.err != nil {
		t.Fatalf("seed the demo data: %v", s.err)
	}
	return s.data
}

// seed starts the platform on dir with the base configuration, loads and
// indexes the demo data, shuts it down and reads back what it wrote (the
// store's files, the search index and the uploaded files; not the lock or
// the socket).
func seed(dir string, cost auth.PasswordCost) (seeded, error) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(ctx, store.Config{DataDir: dir, Database: "techmart", Logger: log})
	if err != nil {
		return nil, err
	}
	a, err := app.New(ctx, baseConfig(dir), st, app.Options{Log: log, Version: "test", PasswordCost: cost})
	if err != nil {
		_ = st.Close(ctx)
		return nil, err
	}
	_, err = a.LoadDemo(ctx)
	if err == nil {
		_, err = a.Indexer.Reconcile(ctx)
	}
	// One segment, merged once here rather than in every test's copy.
	if c, ok := a.Search.(*search.Cached); ok && err == nil {
		if b, ok := c.Engine.(*search.Bleve); ok {
			err = b.Compact(ctx)
		}
	}
	a.Close(ctx)
	if err != nil {
		return nil, err
	}
	data := seeded{}
	for _, sub := range []string{"db", "search", "files"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			data[rel], err = os.ReadFile(path)
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
	}
	return data, nil
}

// copyTo writes the seeded files under dir.
func (s seeded) copyTo(dir string) error {
	for rel, b := range s {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// openStore opens the embedded store on dataDir and closes it when the
// test ends.
func openStore(t testing.TB, dataDir string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, store.Config{DataDir: dataDir, Database: "techmart",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := st.Close(ctx); err != nil {
			t.Logf("close store: %v", err)
		}
	})
	return st
}
