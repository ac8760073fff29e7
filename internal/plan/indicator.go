package plan

import (
	"context"
	"time"

	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Counting counts targets with the platform's one counting engine.
func Counting(e *indicator.Engine) Counter { return engine{e} }

// CheckQuery checks a target's query against the engine's catalogue.
func CheckQuery(q Query, c *validate.Checker, prefix string) {
	indicator.Query{Metric: q.Metric, Filters: q.Filters}.Check(c, prefix)
}

type engine struct{ e *indicator.Engine }

func (e engine) Tally(ctx context.Context) (Tally, error) {
	s, err := e.e.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return snapshot{s}, nil
}

// TallyOf counts targets from a snapshot already read (the public results
// count their figures and the plan's targets from one reading).
func TallyOf(s *indicator.Snapshot) Tally { return snapshot{s} }

type snapshot struct{ s *indicator.Snapshot }

func (s snapshot) Count(q Query, from, to time.Time) (Count, error) {
	r, err := s.s.Count(indicator.Query{Metric: q.Metric, Filters: q.Filters}, indicator.Window{From: from, To: to})
	if err != nil {
		return Count{}, err
	}
	out := Count{Value: r.Value(), Records: make([]Record, 0, len(r.Records))}
	for _, rec := range r.Records {
		out.Records = append(out.Records, Record{Type: rec.Type, ID: rec.ID, Title: rec.Title, Link: rec.Link, Value: rec.Value})
	}
	return out, nil
}
