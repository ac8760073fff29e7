package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
)

// counter is a fixed-window attempt counter kept in the store, so every
// replica behind a load balancer counts the same attempts.
type counter struct {
	store.Meta  `bson:",inline"`
	Key         string    `bson:"_id"`
	WindowStart time.Time `bson:"windowStart"`
	Count       int       `bson:"count"`
	ExpiresAt   time.Time `bson:"expiresAt"`
}

// limiter refuses a key's attempts past limit within window.
type limiter struct {
	s      *store.Store
	limit  int
	window time.Duration
	now    func() time.Time
}

// hit counts one attempt for key and refuses it (with how long to wait) when
// the window is already full.
func (l *limiter) hit(ctx context.Context, key string, limit int) error {
	_, err := l.count(ctx, key, limit)
	return err
}

// count counts one attempt for key and returns how many the window holds
// now. With a limit above zero, an attempt past it is refused (and not
// counted); with none, every attempt is counted.
func (l *limiter) count(ctx context.Context, key string, limit int) (int, error) {
	now := l.now()
	var retry time.Duration
	c, err := store.Upsert(ctx, l.s, limitsColl, key, func(c *counter, exists bool) error {
		if !exists || now.Sub(c.WindowStart) >= l.window {
			*c = counter{Meta: c.Meta, Key: key, WindowStart: now}
		}
		if limit > 0 && c.Count >= limit {
			retry = c.WindowStart.Add(l.window).Sub(now)
			return errLimited
		}
		c.Count++
		c.ExpiresAt = c.WindowStart.Add(l.window)
		return nil
	})
	if errors.Is(err, errLimited) {
		return 0, errs.RateLimited(retry.Round(time.Second) + time.Second)
	}
	return c.Count, err
}

// remember marks key for ttl: an account that logged in from an address is
// known there for a while.
func (l *limiter) remember(ctx context.Context, key string, ttl time.Duration) error {
	now := l.now()
	_, err := store.Upsert(ctx, l.s, limitsColl, key, func(c *counter, _ bool) error {
		*c = counter{Meta: c.Meta, Key: key, WindowStart: now, Count: 1, ExpiresAt: now.Add(ttl)}
		return nil
	})
	return err
}

// known reports whether key was remembered and has not expired.
func (l *limiter) known(ctx context.Context, key string) (bool, error) {
	c, err := store.Get[counter](ctx, l.s, limitsColl, key)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return l.now().Before(c.ExpiresAt), nil
}

// reset clears key's window, after a successful login.
func (l *limiter) reset(ctx context.Context, key string) error {
	return l.adjust(ctx, key, func(c *counter) { c.Count = 0 })
}

// refund gives back the attempt a successful login used, so an office
// behind one address is limited by its failures, not by how many people log
// in. Counting first and refunding later keeps a burst of parallel guesses
// from all passing the check before any is counted.
func (l *limiter) refund(ctx context.Context, key string) error {
	return l.adjust(ctx, key, func(c *counter) {
		if c.Count > 0 {
			c.Count--
		}
	})
}

func (l *limiter) adjust(ctx context.Context, key string, f func(*counter)) error {
	_, err := store.Modify(ctx, l.s, limitsColl, key, 0, func(c *counter) error {
		f(c)
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

// Login counters. E-mails are hashed: counters for addresses nobody
// registered would otherwise keep whatever a client typed, and their keys
// would leak who tried which account to anyone reading the collection.
//
//   - loginKey counts an account's attempts from anywhere; past the limit
//     each attempt waits a little longer, but none is refused, so nobody
//     can lock the owner out;
//   - pairKey counts an account's attempts from one address; past the limit
//     that address is refused for that account;
//   - addressKey counts failed attempts from one address on any account
//     (password spraying); past five times the limit that address is
//     refused for accounts that have not logged in from it before
//     (knownKey), so one person behind an office's shared address cannot
//     lock the whole office out.
func loginKey(email string) string { return "login:acct:" + digest(email) }

func pairKey(email, ip string) string { return "login:pair:" + digest(email+"\x00"+ip) }

func knownKey(email, ip string) string { return "login:known:" + digest(email+"\x00"+ip) }

func addressKey(ip string) string { return "login:ip:" + ip }

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

var errLimited = errs.New(errs.TooMany, "rate_limited")

// Limiter is a fixed-window attempt counter in the store for limits kept
// outside this package (sign-ups per address).
type Limiter struct {
	l     limiter
	limit int
}

// NewLimiter returns a limiter of limit attempts per window for each key.
func NewLimiter(s *store.Store, limit int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{l: limiter{s: s, window: window, now: now}, limit: limit}
}

// Hit counts one attempt for key; past the limit it fails with a
// rate-limited error that carries how long to wait.
func (l *Limiter) Hit(ctx context.Context, key string) error { return l.l.hit(ctx, key, l.limit) }
