package kept_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/kept"
)

// The value is kept for the TTL; after it the kept one is answered while a
// refresh computes again behind it; Drop makes the next Get compute.
func TestKept(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	var source, computed atomic.Int64
	v := kept.New("test", time.Minute, clock, nil, func(context.Context, time.Time) (int64, error) {
		computed.Add(1)
		return source.Load(), nil
	})
	get := func() int64 {
		n, err := v.Get(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := get(); n != 0 {
		t.Fatalf("first = %d", n)
	}
	source.Store(3)
	if n := get(); n != 0 {
		t.Errorf("within the TTL = %d, want the kept 0", n)
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if n := get(); n != 0 {
		t.Errorf("the first answer after the TTL = %d, want the kept 0 (the refresh runs behind it)", n)
	}
	deadline := time.Now().Add(time.Minute)
	for get() != 3 {
		if time.Now().After(deadline) {
			t.Fatal("the refresh never replaced the kept value")
		}
		time.Sleep(10 * time.Millisecond)
	}
	source.Store(5)
	v.Drop()
	if n := get(); n != 5 {
		t.Errorf("after Drop = %d, want 5", n)
	}
	if c := computed.Load(); c != 3 {
		t.Errorf("computed %d times, want 3", c)
	}
}

// Readers arriving together wait for one computation; a failure is
// returned and nothing is kept.
func TestKeptOneComputation(t *testing.T) {
	var computed atomic.Int64
	fail := atomic.Bool{}
	fail.Store(true)
	v := kept.New("test", time.Hour, nil, nil, func(context.Context, time.Time) (int, error) {
		computed.Add(1)
		if fail.Load() {
			return 0, errors.New("store down")
		}
		time.Sleep(20 * time.Millisecond)
		return 7, nil
	})
	if _, err := v.Get(context.Background()); err == nil {
		t.Fatal("a failed computation gave no error")
	}
	fail.Store(false)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if n, err := v.Get(context.Background()); err != nil || n != 7 {
				t.Errorf("Get = %d, %v", n, err)
			}
		})
	}
	wg.Wait()
	if c := computed.Load(); c != 2 {
		t.Errorf("computed %d times, want 2 (the failure, then one for eight readers)", c)
	}
}

// A Drop while a computation runs (the plan's targets change during the
// count at start, say) is not undone by that computation: what it counted
// may predate the change, so it is computed again before it is kept.
func TestDropDuringComputation(t *testing.T) {
	var source atomic.Int64
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int64
	v := kept.New("test", time.Hour, nil, nil, func(context.Context, time.Time) (int64, error) {
		if calls.Add(1) == 1 {
			close(started)
			<-release
		}
		return source.Load(), nil
	})
	done := make(chan int64)
	go func() {
		n, _ := v.Refresh(context.Background())
		done <- n
	}()
	<-started
	source.Store(7) // the change…
	v.Drop()        // …and its Drop, while the first count runs
	close(release)
	if n := <-done; n != 7 {
		t.Errorf("Refresh answered %d, counted before the drop", n)
	}
	if n, err := v.Get(context.Background()); err != nil || n != 7 || calls.Load() != 2 {
		t.Errorf("kept %d after the drop (%d computations, %v)", n, calls.Load(), err)
	}
}
