// Package pipeline is the department's view of matching at work: how many
// connections sit in each stage and for how long, how interest converts to
// connections, agreements, transfers and registered contracts, and where
// registration is due — for a sector and a period. It is computed in Go
// from the records (the embedded store's aggregation gives wrong sums).
package pipeline

import (
	"context"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// Stage is one connection state.
type Stage struct {
	State string `json:"state"`
	Count int    `json:"count"`
	// MedianDaysInStage is how long connections stayed (or have stayed so
	// far) in this state, median over every connection that reached it.
	MedianDaysInStage float64 `json:"medianDaysInStage"`
	// Reached is how many connections reached the state: with none, there
	// is no median to speak of (MedianDaysInStage is then 0).
	Reached int `json:"reached"`
}

// Funnel counts how far connections got. Transfers and Registered count
// only transfers recorded from a connection, so each step is a subset of
// the one before; a transfer an officer recorded outside any connection is
// counted apart (Direct, DirectRegistered), not as a step nobody took.
type Funnel struct {
	Interests        int `json:"interests"`
	Connections      int `json:"connections"` // accepted at some point
	Agreements       int `json:"agreements"`
	Transfers        int `json:"transfers"`
	Registered       int `json:"registered"`
	Direct           int `json:"direct"`
	DirectRegistered int `json:"directRegistered"`
}

// Transfers sums the recorded transfers.
type Transfers struct {
	Count          int            `json:"count"`
	ContractValue  int64          `json:"contractValue"`
	Registration   map[string]int `json:"registration"`
	Implementation map[string]int `json:"implementation"`
}

// Report is the whole board.
type Report struct {
	Stages    []Stage   `json:"stages"`
	Funnel    Funnel    `json:"funnel"`
	Transfers Transfers `json:"transfers"`
	Stale     int       `json:"stale"`
}

// Build computes the report from the connections and transfers a filter
// kept.
func Build(conns []connection.Connection, ts []transfer.Transfer, now time.Time) Report {
	days := map[string][]float64{}
	count := map[string]int{}
	var r Report
	for _, c := range conns {
		count[c.State]++
		r.Funnel.Interests++
		reached := map[string]bool{}
		for i, st := range c.History {
			reached[st.State] = true
			end := now
			if i+1 < len(c.History) {
				end = c.History[i+1].At
			}
			days[st.State] = append(days[st.State], end.Sub(st.At).Hours()/24)
		}
		if reached[connection.StateAccepted] {
			r.Funnel.Connections++
		}
		if reached[connection.StateAgreed] {
			r.Funnel.Agreements++
		}
		if c.Stale(now) {
			r.Stale++
		}
	}
	for _, st := range connection.States {
		r.Stages = append(r.Stages, Stage{State: st, Count: count[st], MedianDaysInStage: median(days[st]), Reached: len(days[st])})
	}
	r.Transfers = Transfers{Registration: map[string]int{"not_required": 0, "due": 0, "overdue": 0, "submitted": 0, "registered": 0},
		Implementation: map[string]int{"not_started": 0, "in_progress": 0, "in_use": 0, "stopped": 0}}
	for _, t := range ts {
		r.Transfers.Count++
		r.Transfers.ContractValue += t.ContractValue
		r.Transfers.Registration[t.Registration.Status]++
		if t.Overdue(now) {
			r.Transfers.Registration["overdue"]++
		}
		r.Transfers.Implementation[t.Implementation.Status]++
		registered := t.Registration.Status == transfer.RegRegistered
		if t.ConnectionID == "" {
			r.Funnel.Direct++
			if registered {
				r.Funnel.DirectRegistered++
			}
			continue
		}
		r.Funnel.Transfers++
		if registered {
			r.Funnel.Registered++
		}
	}
	return r
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return float64(int(m*10+0.5)) / 10
}

// Source reads the records.
type Source struct {
	Connections interface {
		All(ctx context.Context, sc connection.Scope) ([]connection.Connection, error)
	}
	Transfers interface {
		All(ctx context.Context, sc connection.Scope) ([]transfer.Transfer, error)
	}
}

// Report builds the board for a sector and a period.
func (s Source) Report(ctx context.Context, sc connection.Scope, now time.Time) (Report, error) {
	conns, err := s.Connections.All(ctx, sc)
	if err != nil {
		return Report{}, err
	}
	ts, err := s.Transfers.All(ctx, sc)
	if err != nil {
		return Report{}, err
	}
	return Build(conns, ts, now), nil
}
