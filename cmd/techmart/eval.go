package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/seeds"
)

// evalMatching loads the demo data into a fresh embedded store and index
// (never the configured ones), runs the matcher on every labelled need and
// prints precision@5, recall@10 and MRR; -v lists each need's ranking.
func evalMatching(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	verbose := slices.Contains(args, "-v")
	a, done, err := evalPlatform(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	labels, err := seeds.MatchingEval()
	if err != nil {
		return err
	}
	q, ranked, err := a.Matching.Evaluate(ctx, labels)
	if err != nil {
		return err
	}
	if verbose {
		for i, l := range labels {
			fmt.Fprintf(stdout, "%s %s\n", l.NeedID, l.Title)
			for k, id := range ranked[i] {
				mark := " "
				if slices.Contains(l.Relevant, id) {
					mark = "✓"
				}
				d, _ := a.Search.Get(ctx, id)
				fmt.Fprintf(stdout, "   %2d %s %s %s\n", k+1, mark, id, d.Title)
			}
			for _, id := range l.Relevant {
				if !slices.Contains(ranked[i], id) {
					d, _ := a.Search.Get(ctx, id)
					fmt.Fprintf(stdout, "      missed %s %s\n", id, d.Title)
				}
			}
		}
	}
	fmt.Fprintf(stdout, "matching evaluation: %d labelled needs (seeds/matching-eval.json)\n", q.Needs)
	fmt.Fprintf(stdout, "  precision@5  %.3f   (hits in the top 5 / min(5, relevant); target ≥ 0.6)\n", q.PrecisionAt5)
	fmt.Fprintf(stdout, "  precision@5  %.3f   (strict: hits in the top 5 / 5)\n", q.StrictPrecisionAt5)
	fmt.Fprintf(stdout, "  recall@10    %.3f\n", q.RecallAt10)
	fmt.Fprintf(stdout, "  MRR          %.3f   (target ≥ 0.7)\n", q.MRR)
	log.Debug("evaluation done")
	return nil
}

// evalPlatform starts the platform with the demo data loaded and indexed in
// a fresh temporary embedded store and index, never the configured ones;
// done closes it and removes the directory.
func evalPlatform(ctx context.Context, cfg config.Config) (a *app.App, done func(), err error) {
	dir, err := os.MkdirTemp("", "techmart-eval-")
	if err != nil {
		return nil, nil, err
	}
	cfg.DataDir, cfg.MongoURI, cfg.MeiliURL, cfg.Demo, cfg.SMTPURL = dir, "", "", true, ""
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if a, err = app.Open(ctx, cfg, quiet, version); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	done = func() { a.Close(context.Background()); os.RemoveAll(dir) }
	if _, err = a.LoadDemo(ctx); err == nil {
		_, err = a.Indexer.Reconcile(ctx)
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return a, done, nil
}
