package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/store"
)

type counter struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	N          int    `bson:"n"`
}

// BenchmarkBackup backs up a province-sized embedded store (the demo plus
// TECHMART_BENCH_LISTINGS generated listings, 10,000 by default) while a
// writer keeps changing a document, and reports how long the database copy
// and the whole backup took, the backup's size, and the longest a single
// write waited meanwhile (against the longest without a backup running).
//
//	go test -run '^$' -bench BenchmarkBackup -benchtime 5x ./internal/app/
func BenchmarkBackup(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("TECHMART_BENCH_LISTINGS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir, cfg.Addr = b.TempDir(), "127.0.0.1:0"
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close(ctx)
	if _, err := a.LoadDemo(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Synthetic(ctx, n, 1); err != nil {
		b.Fatal(err)
	}
	if err := a.Store.Ensure(ctx, store.CollectionSpec{Name: "bench_counter"}); err != nil {
		b.Fatal(err)
	}
	if err := store.Insert(ctx, a.Store, "bench_counter", &counter{ID: "c"}); err != nil {
		b.Fatal(err)
	}
	// write returns the longest single write while running until stop.
	write := func(stop <-chan struct{}) time.Duration {
		var worst time.Duration
		for {
			select {
			case <-stop:
				return worst
			default:
			}
			t := time.Now()
			if _, err := store.Modify[counter](ctx, a.Store, "bench_counter", "c", 0, func(c *counter) error { c.N++; return nil }); err != nil {
				b.Error(err)
				return worst
			}
			worst = max(worst, time.Since(t))
			time.Sleep(2 * time.Millisecond)
		}
	}
	quiet := func(d time.Duration) time.Duration {
		stop := make(chan struct{})
		time.AfterFunc(d, func() { close(stop) })
		return write(stop)
	}(2 * time.Second)

	dest := b.TempDir()
	var snap, total, stall time.Duration
	var size int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var worst time.Duration
		wg.Add(1)
		go func() { defer wg.Done(); worst = write(stop) }()
		dir, m, err := backup.Create(ctx, backup.Options{DataDir: cfg.DataDir, Dest: dest, App: "bench", Kind: "bench",
			Now: func() time.Time { return time.Now().Add(time.Duration(i) * time.Millisecond) }})
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		snap += time.Duration(m.SnapshotMillis) * time.Millisecond
		total += time.Duration(m.TotalMillis) * time.Millisecond
		stall = max(stall, worst)
		size = m.Bytes
		_ = os.RemoveAll(filepath.Clean(dir))
	}
	b.ReportMetric(float64(snap.Milliseconds())/float64(b.N), "snapshot-ms")
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "backup-ms")
	b.ReportMetric(float64(size)/(1<<20), "MB")
	b.ReportMetric(float64(stall.Microseconds())/1000, "max-write-ms")
	b.ReportMetric(float64(quiet.Microseconds())/1000, "max-write-quiet-ms")
}
