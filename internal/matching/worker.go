package matching

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/store"
)

// Notice marks a pair whose strong match was announced, so it is announced
// once whatever changes later.
type Notice struct {
	ID string    `bson:"_id"`
	At time.Time `bson:"at"`
}

// Changed queues a listing whose matches may have changed. It never
// blocks: the worker takes the ids in batches.
func (m *Service) Changed(id string) {
	m.mu.Lock()
	m.pending[id] = true
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Duty is the share of time the worker may spend recomputing: after a
// recomputation that took d it rests (1-Duty)/Duty·d, so however many
// listings change, it holds at most a fifth of one core and people's
// searches keep the rest.
const Duty = 0.2

// Run recomputes the matches of changed listings until ctx ends, one at a
// time, resting between them (at least pause, and long enough to keep to
// Duty); new strong pairs are announced to the other side.
func (m *Service) Run(ctx context.Context, pause time.Duration) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.wake:
		}
		for {
			id, ok := m.next()
			if !ok {
				break
			}
			start := time.Now()
			if err := m.Refresh(ctx, id); err != nil && ctx.Err() == nil {
				m.log.Warn("matches not refreshed", "listing", id, "err", err)
			}
			rest := max(pause, time.Duration(float64(time.Since(start))*(1-Duty)/Duty))
			select {
			case <-ctx.Done():
				return
			case <-time.After(rest):
			}
		}
	}
}

func (m *Service) next() (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id := range m.pending {
		delete(m.pending, id)
		return id, true
	}
	return "", false
}

// Refresh recomputes one listing's matches and announces the strong pairs
// not announced before to the other side's members.
func (m *Service) Refresh(ctx context.Context, id string) error {
	l, err := m.cat.Get(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if !l.Public() || l.Expired(m.cat.Now()) {
		return nil
	}
	matches, err := m.For(ctx, l, 10)
	if err != nil {
		return err
	}
	for _, x := range matches {
		if !x.Strong() {
			continue
		}
		needID, offerID := l.ID, x.Doc.ID
		if l.Kind != catalog.KindDemand {
			needID, offerID = x.Doc.ID, l.ID
		}
		err := store.Insert(ctx, m.s, NoticeCollection, &Notice{ID: pairID(needID, offerID), At: m.cat.Now().UTC()})
		if errors.Is(err, store.ErrDuplicate) {
			continue
		} else if err != nil {
			return err
		}
		m.notes.ToOrgs(ctx, []string{x.Doc.OrgID}, "", notify.Note{Kind: notify.KindMatch,
			Params: map[string]string{"listing": x.Doc.Title, "match": l.Title, "score": strconv.Itoa(x.Score)},
			Link:   "/listings/" + x.Doc.ID})
	}
	return nil
}

func (m *Service) record(ctx context.Context, p *auth.Principal, pr Proposal) {
	_ = m.audit.Record(ctx, audit.Entry{
		ID: store.NewID(), At: pr.At, Actor: p.Actor(), Action: ActionPropose,
		Subject: audit.Subject{Type: "match", ID: pr.ID}, Reason: pr.Note,
	})
}

// Strong reports whether a match is worth announcing: a high score with
// shared keywords among its reasons.
func (x Match) Strong() bool {
	return x.Score >= StrongScore && slices.ContainsFunc(x.Reasons, func(r Reason) bool { return r.Code == "shared_keywords" })
}
