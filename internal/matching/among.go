package matching

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/search"
)

// Among scores each of srcs against the listings ids name — the offers and
// needs an event's registrations bring — as For scores search candidates:
// only the other side of the market, never a source's own organisation,
// nothing below MinScore; best first. Candidates are read from the index
// once for all sources (so only what the public may see of them is
// compared), and analysed once. The result has one list per source.
func (m *Service) Among(ctx context.Context, srcs []catalog.Listing, ids []string) ([][]Match, error) {
	now := m.cat.Now()
	docs := map[string]search.Doc{}
	cands := map[string]side{}
	for _, id := range ids {
		if _, seen := docs[id]; seen {
			continue
		}
		d, err := m.engine.Get(ctx, id)
		if errors.Is(err, search.ErrNotFound) {
			continue // not published, or no longer
		} else if err != nil {
			return nil, err
		}
		if !d.ExpiresAt.IsZero() && !now.Before(d.ExpiresAt) {
			continue
		}
		docs[id] = d
		c := fromDoc(d)
		c.phrases() // built once here, shared by the copies scored below
		c.Verified = m.isVerified(ctx, d.OrgID)
		cands[id] = c
	}
	out := make([][]Match, len(srcs))
	for i, l := range srcs {
		kinds := counterKinds(l.Kind)
		src := fromListing(l)
		var mine []side
		for _, id := range ids {
			c, ok := cands[id]
			if !ok || id == l.ID || c.OrgID == l.OrgID || !slices.Contains(kinds, c.Kind) ||
				slices.ContainsFunc(mine, func(s side) bool { return s.ID == id }) {
				continue
			}
			mine = append(mine, c)
		}
		w := m.weights(ctx, src, mine)
		ms := make([]Match, 0, len(mine))
		for _, cand := range mine {
			sc, reasons := score(src, cand, now, w)
			if sc < MinScore {
				continue
			}
			ms = append(ms, Match{Doc: docs[cand.ID], Score: sc, Reasons: reasons})
		}
		slices.SortFunc(ms, func(a, b Match) int {
			if a.Score != b.Score {
				return b.Score - a.Score
			}
			return strings.Compare(a.Doc.ID, b.Doc.ID)
		})
		out[i] = ms
	}
	return out, nil
}
