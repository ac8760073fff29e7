package matching

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/search"
)

// Among scores l against the listings ids name — the offers and needs an
// event's registrations bring — as For scores search candidates: only the
// other side of the market, never l's own organisation, nothing below
// MinScore; best first. Candidates are read from the index, so only what
// the public may see of them is compared.
func (m *Service) Among(ctx context.Context, l catalog.Listing, ids []string) ([]Match, error) {
	now := m.cat.Now()
	kinds := counterKinds(l.Kind)
	src := fromListing(l)
	docs := map[string]search.Doc{}
	var cands []side
	for _, id := range ids {
		if _, seen := docs[id]; seen || id == l.ID {
			continue
		}
		d, err := m.engine.Get(ctx, id)
		if errors.Is(err, search.ErrNotFound) {
			continue // not published, or no longer
		} else if err != nil {
			return nil, err
		}
		if d.OrgID == l.OrgID || !slices.Contains(kinds, d.Kind) || (!d.ExpiresAt.IsZero() && !now.Before(d.ExpiresAt)) {
			continue
		}
		docs[id] = d
		cands = append(cands, fromDoc(d))
	}
	w := m.weights(ctx, src, cands)
	out := make([]Match, 0, len(cands))
	for _, cand := range cands {
		d := docs[cand.ID]
		cand.Verified = m.isVerified(ctx, d.OrgID)
		sc, reasons := score(src, cand, now, w)
		if sc < MinScore {
			continue
		}
		out = append(out, Match{Doc: d, Score: sc, Reasons: reasons})
	}
	slices.SortFunc(out, func(a, b Match) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(a.Doc.ID, b.Doc.ID)
	})
	return out, nil
}
