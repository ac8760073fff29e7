package task

import (
	"context"
	"errors"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
)

var taskOrder = bson.D{{Key: "updatedAt", Value: -1}}

// TaskCan lists the steps of the task's procedure a person may take now,
// as Steps decides them.
type TaskCan struct {
	Open              bool `json:"open"`
	CloseCall         bool `json:"closeCall"`
	Select            bool `json:"select"`
	Appraise          bool `json:"appraise"`
	Decide            bool `json:"decide"`
	Contract          bool `json:"contract"`
	Disburse          bool `json:"disburse"`
	Report            bool `json:"report"`
	Inspect           bool `json:"inspect"`
	Extend            bool `json:"extend"`
	RequestAcceptance bool `json:"requestAcceptance"`
	Accept            bool `json:"accept"`
	Register          bool `json:"register"`
	Publish           bool `json:"publish"`
	Cancel            bool `json:"cancel"`
}

// TaskView is a task as a person reads it, with what they may do.
type TaskView struct {
	Task
	Can TaskCan `json:"can"`
}

// CanOf is what p may do with t now.
func (v *Proposals) CanOf(p *auth.Principal, t *Task) TaskCan {
	m := v.tasks.Can(p, t)
	return TaskCan{Open: m[StepOpen], CloseCall: m[StepCloseCall], Select: m[StepSelect], Appraise: m[StepAppraise],
		Decide: m[StepDecide], Contract: m[StepContract], Disburse: m[StepDisburse], Report: m[StepReport], Inspect: m[StepInspect],
		Extend: m[StepExtend], RequestAcceptance: m[StepRequestAcceptance], Accept: m[StepAccept], Register: m[StepRegister],
		Publish: m[StepPublish], Cancel: m[StepCancel]}
}

// BoardFilter narrows the board.
type BoardFilter struct {
	State, Query string
	Page, Size   int
}

// Board is the tasks a person may see, newest change first, with how many
// are in each state (the state filter aside) and the states in the
// procedure's order.
type Board struct {
	Items  []TaskView
	Total  int
	Counts map[string]int
	States []string
}

// ListTasks is the board: every task for officers; for others the public
// tasks (from the call on) and those their organisations proposed or
// perform.
func (v *Proposals) ListTasks(ctx context.Context, p *auth.Principal, f BoardFilter) (Board, error) {
	if f.State != "" && !slices.Contains(States, f.State) {
		return Board{}, errs.Field("state", "invalid_choice")
	}
	filter := bson.D{}
	if !org.IsStaff(p) {
		if p == nil || len(p.User.Orgs) == 0 {
			filter = bson.D{{Key: "state", Value: bson.D{{Key: "$nin", Value: []string{StateOrdered, StateCancelled}}}}}
		}
	}
	all, err := store.Find[Task](ctx, v.s, Collection, filter, options.Find().SetSort(taskOrder))
	if err != nil {
		return Board{}, err
	}
	words := search.Words(f.Query)
	counts := map[string]int{}
	all = slices.DeleteFunc(all, func(t Task) bool {
		if !RoleOf(p, &t).Sees() || !matches(words, t.Code+" "+t.Title+" "+t.Proposer.Name) {
			return true
		}
		counts[t.State]++
		return f.State != "" && t.State != f.State
	})
	items := store.PageOf(all, f.Page, f.Size)
	out := make([]TaskView, len(items))
	for i := range items {
		out[i] = TaskView{Task: items[i], Can: v.CanOf(p, &items[i])}
	}
	return Board{Items: out, Total: len(all), Counts: counts, States: States}, nil
}

// GetTask returns a task to whoever may see it, with what they may do.
func (v *Proposals) GetTask(ctx context.Context, p *auth.Principal, id string) (TaskView, error) {
	t, err := store.Get[Task](ctx, v.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return TaskView{}, ErrNotFound.Wrap(err)
	} else if err != nil {
		return TaskView{}, err
	}
	if !RoleOf(p, &t).Sees() {
		return TaskView{}, ErrNotFound
	}
	return TaskView{Task: t, Can: v.CanOf(p, &t)}, nil
}
