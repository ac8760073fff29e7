package matching

import (
	"context"
	"slices"

	"github.com/techmart-vn/techmart/seeds"
)

// Quality is how the matcher does on a labelled set.
type Quality struct {
	Needs int // needs evaluated
	// PrecisionAt5 is hits in the top 5 over min(5, the officer's picks):
	// a need with two right offers, both on top, scores 1.
	PrecisionAt5 float64
	// StrictPrecisionAt5 is hits in the top 5 over 5, the textbook form;
	// with 1–5 picks per need it cannot reach 1.
	StrictPrecisionAt5 float64
	RecallAt10         float64 // share of the officer's picks in the top 10, averaged
	MRR                float64 // mean reciprocal rank of the first pick
}

// Score measures ranked results against the labels: ranked[i] is what
// the matcher returned for labels[i], best first.
func Score(labels []seeds.MatchingLabel, ranked [][]string) Quality {
	var q Quality
	for i, l := range labels {
		got := ranked[i]
		hits5, hits10, rr := 0, 0, 0.0
		for k, id := range got {
			if !slices.Contains(l.Relevant, id) {
				continue
			}
			if k < 5 {
				hits5++
			}
			if k < 10 {
				hits10++
			}
			if rr == 0 {
				rr = 1 / float64(k+1)
			}
		}
		q.Needs++
		// Precision@5 counts against min(5, picks): a need with two right
		// offers and both on top scores 1, not 0.4.
		q.PrecisionAt5 += float64(hits5) / float64(min(5, len(l.Relevant)))
		q.StrictPrecisionAt5 += float64(hits5) / 5
		q.RecallAt10 += float64(hits10) / float64(len(l.Relevant))
		q.MRR += rr
	}
	if q.Needs > 0 {
		n := float64(q.Needs)
		q.PrecisionAt5, q.StrictPrecisionAt5, q.RecallAt10, q.MRR = q.PrecisionAt5/n, q.StrictPrecisionAt5/n, q.RecallAt10/n, q.MRR/n
	}
	return q
}

// Evaluate runs the matcher on every labelled need.
func (m *Service) Evaluate(ctx context.Context, labels []seeds.MatchingLabel) (Quality, [][]string, error) {
	ranked := make([][]string, len(labels))
	for i, l := range labels {
		need, err := m.cat.Get(ctx, l.NeedID)
		if err != nil {
			return Quality{}, nil, err
		}
		ms, err := m.For(ctx, need, 10)
		if err != nil {
			return Quality{}, nil, err
		}
		for _, x := range ms {
			ranked[i] = append(ranked[i], x.Doc.ID)
		}
	}
	return Score(labels, ranked), ranked, nil
}
