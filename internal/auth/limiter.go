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
	now := l.now()
	var retry time.Duration
	_, err := store.Upsert(ctx, l.s, limitsColl, key, func(c *counter, exists bool) error {
		if !exists || now.Sub(c.WindowStart) >= l.window {
			*c = counter{Meta: c.Meta, Key: key, WindowStart: now}
		}
		if c.Count >= limit {
			retry = c.WindowStart.Add(l.window).Sub(now)
			return errLimited
		}
		c.Count++
		c.ExpiresAt = c.WindowStart.Add(l.window)
		return nil
	})
	if errors.Is(err, errLimited) {
		return errs.RateLimited(retry.Round(time.Second) + time.Second)
	}
	return err
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

// loginKey is the counter of an account's login attempts. The e-mail is
// hashed: counters for addresses nobody registered would otherwise keep
// whatever a client typed, and their keys would leak who tried which
// account to anyone reading the collection.
func loginKey(email string) string {
	h := sha256.Sum256([]byte(email))
	return "login:acct:" + hex.EncodeToString(h[:16])
}

var errLimited = errs.New(errs.TooMany, "rate_limited")
