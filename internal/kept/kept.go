// Package kept keeps a value that is costly to compute for a short time:
// public pages counted from many records (the results page, the home
// page's market) answer from it. After the TTL the kept value is still
// answered while one refresh runs behind it, so only the first reader
// after a start waits; concurrent readers wait for one computation.
package kept

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Value keeps what Compute returns for TTL.
type Value[T any] struct {
	compute func(ctx context.Context, now time.Time) (T, error)
	now     func() time.Time
	ttl     time.Duration
	log     *slog.Logger
	name    string

	compute1 sync.Mutex // one computation at a time
	mu       sync.Mutex // guards what follows
	cached   *T
	at       time.Time
	gen      uint64 // how many computations were kept
	dropped  uint64 // how many times Drop was called
	// refreshing is set while a refresh of a stale value runs.
	refreshing bool
}

// New keeps compute's value for ttl; now is the platform's clock (nil:
// time.Now), log where a failed refresh behind a kept value is reported
// (nil: nowhere) under name.
func New[T any](name string, ttl time.Duration, now func() time.Time, log *slog.Logger, compute func(ctx context.Context, now time.Time) (T, error)) *Value[T] {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Value[T]{compute: compute, now: now, ttl: ttl, log: log, name: name}
}

// Get returns the value: computed now if none is kept, else the kept one,
// starting a refresh behind it when it is older than the TTL.
func (v *Value[T]) Get(ctx context.Context) (T, error) {
	v.mu.Lock()
	if c := v.cached; c != nil {
		if age := v.now().Sub(v.at); (age >= v.ttl || age < 0) && !v.refreshing {
			v.refreshing = true
			go func() {
				if _, err := v.Refresh(context.WithoutCancel(ctx)); err != nil {
					v.log.Warn(v.name+": refresh failed; the kept value stays", "err", err)
				}
				v.mu.Lock()
				v.refreshing = false
				v.mu.Unlock()
			}()
		}
		v.mu.Unlock()
		return *c, nil
	}
	v.mu.Unlock()
	return v.Refresh(ctx)
}

// Refresh computes the value now and keeps it; concurrent callers wait for
// one computation.
func (v *Value[T]) Refresh(ctx context.Context) (T, error) {
	v.mu.Lock()
	gen := v.gen
	v.mu.Unlock()
	v.compute1.Lock()
	defer v.compute1.Unlock()
	v.mu.Lock()
	if v.cached != nil && v.gen != gen {
		c := *v.cached // computed while this call waited
		v.mu.Unlock()
		return c, nil
	}
	v.mu.Unlock()
	for attempt := 1; ; attempt++ {
		v.mu.Lock()
		dropped := v.dropped
		v.mu.Unlock()
		now := v.now()
		r, err := v.compute(ctx, now)
		if err != nil {
			var zero T
			return zero, err
		}
		v.mu.Lock()
		if v.dropped != dropped && attempt < maxAttempts {
			// Dropped while computing: what it read may be what the drop
			// was for. Not kept; computed again.
			v.mu.Unlock()
			continue
		}
		if v.dropped == dropped {
			v.cached, v.at = &r, now
			v.gen++
		}
		v.mu.Unlock()
		return r, nil
	}
}

// maxAttempts bounds the computations of one Refresh when Drop keeps
// coming: the last is answered, not kept.
const maxAttempts = 3

// Drop forgets the kept value: the next Get computes it, and a computation
// running now is not kept.
func (v *Value[T]) Drop() {
	v.mu.Lock()
	v.cached = nil
	v.dropped++
	v.mu.Unlock()
}
