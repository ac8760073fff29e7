package pipeline

import (
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// The funnel's steps are each a subset of the one before: a transfer an
// officer recorded outside any connection is counted apart, not as a
// transfer nobody agreed to; a stage nobody reached has no median.
func TestFunnelCountsTransfersOutsideConnectionsApart(t *testing.T) {
	now := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	conns := []connection.Connection{{
		State:          connection.StateRequested,
		StateChangedAt: day(4),
		History:        []connection.Step{{State: connection.StateRequested, At: day(4)}},
	}}
	ts := []transfer.Transfer{
		{Registration: transfer.Registration{Status: transfer.RegRegistered}},           // recorded by an officer
		{ConnectionID: "", Registration: transfer.Registration{Status: "not_required"}}, // likewise
	}
	r := Build(conns, ts, now)
	f := r.Funnel
	if f.Interests != 1 || f.Connections != 0 || f.Agreements != 0 || f.Transfers != 0 || f.Registered != 0 {
		t.Errorf("the funnel from connections: %+v", f)
	}
	if f.Direct != 2 || f.DirectRegistered != 1 {
		t.Errorf("transfers outside connections: %+v", f)
	}
	if r.Transfers.Count != 2 {
		t.Errorf("every transfer is still summed: %+v", r.Transfers)
	}
	for _, s := range r.Stages {
		switch s.State {
		case connection.StateRequested:
			if s.Reached != 1 || s.MedianDaysInStage != 4 {
				t.Errorf("requested: %+v", s)
			}
		default:
			if s.Reached != 0 {
				t.Errorf("%s reached by nobody: %+v", s.State, s)
			}
		}
	}

	// A transfer from a connection counts in the funnel.
	r = Build(conns, []transfer.Transfer{{ConnectionID: "c1", Registration: transfer.Registration{Status: transfer.RegRegistered}}}, now)
	if r.Funnel.Transfers != 1 || r.Funnel.Registered != 1 || r.Funnel.Direct != 0 {
		t.Errorf("a transfer from a connection: %+v", r.Funnel)
	}
}
