package support

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/techmart-vn/techmart/internal/store"
)

// Who wrote a reservation, and whether that writer is gone.
//
// An approval writes the programme's ledger, then the application; between
// the two, the reservation is "in flight". Reconcile must finish a
// reservation whose writer died (a crash), and must leave alone one whose
// writer is still finishing it. Each Service is one writer with an
// instance id that its reservations record, and:
//
//   - its own in-flight approvals are known in memory (begin);
//   - in embedded mode the process holds the data directory's lock file
//     (internal/store), so no other process writes: every reservation by
//     another instance was left by a process that is gone — at start-up,
//     all of them are finished at once;
//   - on MongoDB many replicas write. Each holds a short lease (a document
//     in instanceCollection renewed every LeaseTTL/3 by Run, and before
//     each approval); a reservation whose writer's lease has lapsed is
//     finished. A writer that is merely slow past its lease loses nothing:
//     finishing writes the decision the reservation already carries, and
//     the writer's own write then finds it done.
//
// A lease was chosen over a fixed grace period because a grace long enough
// for the slowest request keeps a crash's reservations visible for that
// long at every start; a lease ends LeaseTTL after the crash at most.

// instanceCollection holds the writers' leases (MongoDB only).
const instanceCollection = "support_instances"

// LeaseTTL is how long a writer counts as alive after its last renewal.
const LeaseTTL = 15 * time.Second

// legacyGrace spares reservations written before writers were recorded
// (by an older replica during a rolling upgrade) for as long as the
// slowest approval could take.
const legacyGrace = time.Minute

// lease says an instance is alive until ExpiresAt.
type lease struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id"`
	ExpiresAt  time.Time `bson:"expiresAt"`
}

// writer is this Service's identity as a writer of the ledger.
type writer struct {
	instance string
	// sole: no other process writes this store (embedded mode).
	sole bool

	mu       sync.Mutex
	inflight map[string]int // flightKey → requests writing it now
	until    time.Time      // the lease's end as last written
}

func newWriter(sole bool) *writer {
	return &writer{instance: store.NewID(), sole: sole, inflight: map[string]int{}}
}

func flightKey(applicationID, key string) string { return applicationID + "\x00" + key }

// begin marks an approval in flight until the returned func is called; on
// MongoDB it first makes sure the lease outlives the approval.
func (s *Service) begin(ctx context.Context, applicationID, key string) (func(), error) {
	if err := s.keepAlive(ctx); err != nil {
		return nil, err
	}
	k := flightKey(applicationID, key)
	s.w.mu.Lock()
	s.w.inflight[k]++
	s.w.mu.Unlock()
	return func() {
		s.w.mu.Lock()
		if s.w.inflight[k]--; s.w.inflight[k] == 0 {
			delete(s.w.inflight, k)
		}
		s.w.mu.Unlock()
	}, nil
}

// keepAlive renews the lease when less than two thirds of it is left.
func (s *Service) keepAlive(ctx context.Context) error {
	if s.w.sole {
		return nil
	}
	s.w.mu.Lock()
	fresh := s.w.until.Sub(s.now()) > 2*LeaseTTL/3
	s.w.mu.Unlock()
	if fresh {
		return nil
	}
	return s.renew(ctx)
}

// renew writes this instance's lease (MongoDB only).
func (s *Service) renew(ctx context.Context) error {
	if s.w.sole {
		return nil
	}
	until := s.now().UTC().Add(LeaseTTL)
	if _, err := store.Upsert(ctx, s.s, instanceCollection, s.w.instance, func(l *lease, exists bool) error {
		l.ID, l.ExpiresAt = s.w.instance, until
		return nil
	}); err != nil {
		return err
	}
	s.w.mu.Lock()
	s.w.until = until
	s.w.mu.Unlock()
	return nil
}

// liveness answers, for one Reconcile run, whether a reservation's writer
// may still be finishing it; other instances' leases are read once each.
type liveness struct {
	s      *Service
	now    time.Time
	leases map[string]bool
}

func (s *Service) liveness() *liveness {
	return &liveness{s: s, now: s.now().UTC(), leases: map[string]bool{}}
}

// gone reports whether nobody is finishing r any more.
func (l *liveness) gone(ctx context.Context, r Reservation) (bool, error) {
	return l.writerGone(ctx, r.Writer, flightKey(r.ApplicationID, r.Key), r.At)
}

// writerGone reports whether writer (with flight, its in-flight mark, and
// at, when it wrote) can no longer be finishing what it started.
func (l *liveness) writerGone(ctx context.Context, writer, flight string, at time.Time) (bool, error) {
	w := l.s.w
	switch {
	case writer == w.instance:
		w.mu.Lock()
		busy := w.inflight[flight] > 0
		w.mu.Unlock()
		return !busy, nil
	case w.sole:
		return true, nil // another process wrote it, and only one runs at a time
	case writer == "":
		return at.Before(l.now.Add(-legacyGrace)), nil
	}
	alive, seen := l.leases[writer]
	if !seen {
		le, err := store.Get[lease](ctx, l.s.s, instanceCollection, writer)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
		alive = err == nil && le.ExpiresAt.After(l.now)
		l.leases[writer] = alive
	}
	return !alive, nil
}

// Run keeps this instance's lease (MongoDB) and repairs the ledger every
// `every` until ctx ends. Reconcile is cheap — one read of the programmes
// holding reservations and one of their applications — so every minute
// is affordable.
func (s *Service) Run(ctx context.Context, every time.Duration) {
	repair := time.NewTicker(every)
	defer repair.Stop()
	var beat <-chan time.Time
	if !s.w.sole {
		t := time.NewTicker(LeaseTTL / 3)
		defer t.Stop()
		beat = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-beat:
			if err := s.renew(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("support: lease renewal", "err", err)
			}
		case <-repair.C:
			if f, r, err := s.Reconcile(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("support ledger reconciliation", "err", err)
			} else if f+r > 0 {
				s.log.Warn("support approvals repaired", "finished", f, "released", r)
			}
		}
	}
}
