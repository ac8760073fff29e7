package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/seeds"
)

// ndcgAt10 is the normalised discounted cumulative gain of ranked against
// graded labels, over the first ten results.
func ndcgAt10(ranked []string, grades map[string]int) float64 {
	gain := func(g int) float64 { return math.Exp2(float64(g)) - 1 }
	dcg := 0.0
	for i, id := range ranked[:min(10, len(ranked))] {
		dcg += gain(grades[id]) / math.Log2(float64(i+2))
	}
	ideal := make([]int, 0, len(grades))
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	slices.SortFunc(ideal, func(a, b int) int { return b - a })
	idcg := 0.0
	for i, g := range ideal[:min(10, len(ideal))] {
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// evalSearch loads the demo data and the evaluation's own listings into a
// fresh embedded store and index, runs every labelled query of
// seeds/search-eval.json as the search page does and prints nDCG@10 by
// kind; -v lists each query's ranking.
func evalSearch(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	verbose := slices.Contains(args, "-v")
	a, done, err := evalPlatform(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	set, err := seeds.LoadSearchEval()
	if err != nil {
		return err
	}
	now := time.Now()
	docs := make([]search.Doc, 0, len(set.Listings))
	for _, l := range set.Listings {
		docs = append(docs, search.Doc{ID: l.ID, Version: 1, Kind: l.Kind, Title: l.Title, Summary: l.Summary,
			Keywords: l.Keywords, Sectors: l.Sectors, TitleEn: l.TitleEn, SummaryEn: l.SummaryEn,
			PublishedAt: now, ExpiresAt: now.AddDate(1, 0, 0)})
	}
	if err := a.Search.Upsert(ctx, docs...); err != nil {
		return err
	}
	byKind := map[string][]float64{}
	var kinds []string
	for _, q := range set.Queries {
		res, err := a.Search.Search(ctx, search.Query{Text: q.Q, PageSize: 10, Page: 1, NoFacets: true,
			Filter: search.Filter{ActiveAt: now.Truncate(time.Minute)}})
		if err != nil {
			return err
		}
		ranked := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			ranked = append(ranked, h.Doc.ID)
		}
		score := ndcgAt10(ranked, q.Relevant)
		if _, ok := byKind[q.Kind]; !ok {
			kinds = append(kinds, q.Kind)
		}
		byKind[q.Kind] = append(byKind[q.Kind], score)
		if verbose {
			fmt.Fprintf(stdout, "%.3f  %-12s %q%s\n", score, q.Kind, q.Q, map[bool]string{true: "  (relaxed)"}[res.Relaxed])
			for k, h := range res.Hits {
				fmt.Fprintf(stdout, "      %2d %d %s\n", k+1, q.Relevant[h.Doc.ID], h.Doc.Title)
			}
		}
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(max(len(xs), 1))
	}
	var hard []float64
	fmt.Fprintf(stdout, "search evaluation: %d labelled queries (seeds/search-eval.json), nDCG@10\n", len(set.Queries))
	for _, k := range kinds {
		fmt.Fprintf(stdout, "  %-13s %.3f   (%d queries)\n", k, mean(byKind[k]), len(byKind[k]))
		if k != "plain" {
			hard = append(hard, byKind[k]...)
		}
	}
	fmt.Fprintf(stdout, "  plain set     %.3f   (target ≥ 0.95)\n", mean(byKind["plain"]))
	fmt.Fprintf(stdout, "  hard kinds    %.3f   (target ≥ 0.8)\n", mean(hard))
	log.Debug("evaluation done")
	return nil
}
