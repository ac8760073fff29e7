// Package storetest starts a real store for tests: the embedded FerretDB in
// a temporary directory, or a fresh database on MONGODB_URI when it is set,
// so the same tests prove both backends.
package storetest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/store"
)

var seq atomic.Int64

// New opens an isolated store that is closed (and, on MongoDB, dropped) when
// the test ends.
func New(tb testing.TB) *store.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := os.Getenv("MONGODB_URI")
	cfg := store.Config{
		MongoURI: uri,
		DataDir:  tb.TempDir(),
		Database: "techmart",
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if uri != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(tb.Name())
		if len(name) > 40 {
			name = name[:40]
		}
		cfg.Database = fmt.Sprintf("t%d_%d_%s", os.Getpid(), seq.Add(1), name)
	}
	s, err := store.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if uri != "" {
			_ = s.Database().Drop(ctx)
		}
		if err := s.Close(ctx); err != nil {
			tb.Logf("close store: %v", err)
		}
	})
	return s
}
