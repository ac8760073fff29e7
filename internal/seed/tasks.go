package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/task"
)

// taskSeed is a demo task as tasks.json writes it: papers dated in days
// before now, so the demo never looks stale.
type taskSeed struct {
	task.Task
	ListSeed     paperSeed `json:"list"`
	DecisionSeed paperSeed `json:"decision"`
}

type paperSeed struct {
	Number  string `json:"number"`
	DaysAgo int    `json:"daysAgo"`
}

// Tasks loads the demo's commissioned tasks (tasks.json) in state decided:
// the contract and what follows are the demo's to walk. Idempotent.
func Tasks(ctx context.Context, st *store.Store, raw []byte, now time.Time) (int, error) {
	var sd struct {
		Tasks []taskSeed `json:"tasks"`
	}
	if err := json.Unmarshal(raw, &sd); err != nil {
		return 0, fmt.Errorf("seed: tasks.json: %w", err)
	}
	n := 0
	for _, s := range sd.Tasks {
		if loaded, err := seeded(ctx, st, task.Collection, s.ID, "code", s.Code); err != nil || loaded {
			if err != nil {
				return n, fmt.Errorf("seed: task %q: %w", s.Code, err)
			}
			continue
		}
		t := s.Task
		day := func(p paperSeed) string { return calendar.Day(now.AddDate(0, 0, -p.DaysAgo)) }
		t.List = task.Paper{Number: s.ListSeed.Number, Date: day(s.ListSeed)}
		t.Decision = &task.Paper{Number: s.DecisionSeed.Number, Date: day(s.DecisionSeed)}
		t.State = task.StateDecided
		at := now.AddDate(0, 0, -s.DecisionSeed.DaysAgo).UTC()
		t.History = []task.Step{{State: task.StateDecided, At: at, Note: t.Decision.Number}}
		t.CreatedAt, t.UpdatedAt = at, at
		if err := store.Insert(ctx, st, task.Collection, &t); err != nil {
			return n, fmt.Errorf("seed: task %q: %w", s.Code, err)
		}
		n++
	}
	return n, nil
}
