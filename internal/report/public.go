package report

import (
	"cmp"
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/store"
)

// PublicTargets is every plan's targets at the end of year as the public
// results show them (results.TargetSource): counted from snap, the
// snapshot the other public figures come from, and from the agencies'
// accepted reports only — a submitted report is not yet the department's
// word, and the agencies' notes are never published. A plan whose first
// year is after year has nothing to show yet.
func (s *Service) PublicTargets(ctx context.Context, snap *indicator.Snapshot, year int) ([]results.TargetProgress, error) {
	plans, err := s.plans.List(ctx)
	if err != nil {
		return nil, err
	}
	var tally plan.Tally
	if snap != nil {
		tally = plan.TallyOf(snap)
	}
	out := []results.TargetProgress{}
	for _, pl := range plans {
		if year < pl.FirstYear() {
			continue
		}
		all, err := store.Find[Report](ctx, s.s, Collection, bson.D{{Key: "planId", Value: pl.ID}})
		if err != nil {
			return nil, err
		}
		accepted := make([]Report, 0, len(all))
		for _, r := range all {
			if r.State == Accepted {
				accepted = append(accepted, r)
			}
		}
		pr, err := s.progress(pl, accepted, year, tally)
		if err != nil {
			return nil, err
		}
		for _, t := range pr.Targets {
			tp := results.TargetProgress{ID: pl.ID + "/" + t.Code,
				Plan:      indicator.Text{Vi: pl.Number, En: pl.Number},
				Indicator: indicator.Text{Vi: t.Indicator, En: cmp.Or(t.IndicatorEN, t.Indicator)},
				Unit:      indicator.Text{Vi: t.Unit, En: cmp.Or(t.UnitEN, t.Unit)}, UnitEnOne: t.UnitENOne,
				Target: float64(t.Milestone.Value), Deadline: pl.Period(t.Milestone.Year).LastDay,
				Status: publicStatus(t), Metric: "reported"}
			if t.Cumulative != nil {
				a := float64(*t.Cumulative)
				tp.Achieved = &a
			}
			if t.Source == plan.SourcePlatform {
				if q := targetQuery(pl, t.Code); q != nil {
					tp.Metric = q.Metric
				}
			}
			out = append(out, tp)
		}
	}
	return out, nil
}

func targetQuery(pl plan.Plan, code string) *plan.Query {
	for _, t := range pl.Targets {
		if t.Code == code {
			return t.Query
		}
	}
	return nil
}

// publicStatus words a target's traffic light as the public page does.
func publicStatus(t TargetProgress) string {
	switch t.Light {
	case LightGreen:
		if t.Cumulative != nil && *t.Cumulative >= t.Milestone.Value {
			return "achieved"
		}
		return "on_track"
	case LightAmber:
		return "at_risk"
	case LightRed:
		return "behind"
	}
	return ""
}
