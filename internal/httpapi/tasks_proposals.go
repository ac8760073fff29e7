package httpapi

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/task"
	"github.com/techmart-vn/techmart/internal/validate"
)

// tasksProposalsRoutes are the commissioning's first stages: proposals,
// identification rounds and the approved list, and the board of tasks.
// The static paths come before /tasks/:id.
func (s *Server) tasksProposalsRoutes() []route {
	proposalStep := func(verb, summary string, fn func(ctx context.Context, p *auth.Principal, id string, v int64) (task.Proposal, error)) route {
		return route{method: "POST", path: "/tasks/proposals/:id/" + verb, tag: "tasks", access: user, summary: summary,
			responses: map[int]string{200: "TaskProposal", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"},
			handler:   move(fn, s.sendProposal)}
	}
	roundErrs := map[int]string{200: "TaskRound", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}
	return []route{
		{method: "GET", path: "/tasks/proposals", tag: "tasks", access: user,
			summary: "Proposals of S&T tasks: your organisations' (scope=mine) or every one sent (scope=all, officers), newest change first, with counts by state",
			query:   []string{"scope", "state", "q", "page", "pageSize"}, responses: map[int]string{200: "TaskProposalList", 403: "Problem", 422: "Problem"}, handler: s.listProposals},
		{method: "POST", path: "/tasks/proposals", tag: "tasks", access: user,
			summary: "Write a draft proposal for one of your verified organisations (agency, commune, enterprise, S&T organisation); fromNeed starts it from a published technology need, keeping the link",
			request: "TaskProposalInput", responses: map[int]string{201: "TaskProposal", 403: "Problem", 409: "Problem", 422: "Problem"}, handler: s.createProposal},
		{method: "GET", path: "/tasks/proposals/options", tag: "tasks", access: public,
			summary:   "The organisations you may propose a task for (none: the \"propose a task\" button stays hidden)",
			responses: map[int]string{200: "TaskProposalOptions"}, handler: s.proposalOptions},
		{method: "GET", path: "/tasks/proposals/:id", tag: "tasks", access: user, summary: "A proposal (its organisation's members, officers)",
			responses: map[int]string{200: "TaskProposal", 404: "Problem"}, handler: s.getProposal},
		{method: "PATCH", path: "/tasks/proposals/:id", tag: "tasks", access: user, summary: "Change a draft proposal (its organisation's members; If-Match optional)",
			request: "TaskProposalInput", responses: map[int]string{200: "TaskProposal", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"},
			handler: edit(s.d.TaskProposals.UpdateProposal, s.sendProposal)},
		proposalStep("submit", "Send a complete draft to the department (the need's owner is told when it started from a need)", s.d.TaskProposals.SubmitProposal),
		proposalStep("withdraw", "Take back a draft or a submitted proposal", s.d.TaskProposals.WithdrawProposal),

		{method: "GET", path: "/tasks/rounds", tag: "tasks", access: user, summary: "Identification rounds, newest first (officers; council members see theirs)",
			responses: map[int]string{200: "TaskRoundList"}, handler: s.listRounds},
		{method: "POST", path: "/tasks/rounds", tag: "tasks", access: staff,
			summary: "Open an identification round: name, year, the criteria the advisory council scores on (key, name vi/en, weight; weights add up to 100), council size and pass mark (officers)",
			request: "TaskRoundInput", responses: map[int]string{201: "TaskRound", 403: "Problem", 422: "Problem"}, handler: s.createRound},
		{method: "GET", path: "/tasks/rounds/:id", tag: "tasks", access: user, summary: "A round with its proposals (officers, its council)",
			responses: map[int]string{200: "TaskRound", 404: "Problem"}, handler: s.getRound},
		{method: "PATCH", path: "/tasks/rounds/:id", tag: "tasks", access: staff, summary: "Change an open round (officers; criteria until a member has scored; If-Match optional)",
			request: "TaskRoundInput", responses: roundErrs, handler: edit(s.d.TaskProposals.UpdateRound, s.sendRound)},
		{method: "POST", path: "/tasks/rounds/:id/proposals", tag: "tasks", access: staff, summary: "Add submitted proposals to an open round (officers; If-Match optional)",
			request: "TaskRoundAdd", responses: roundErrs, handler: edit(s.d.TaskProposals.AddProposals, s.sendRound)},
		{method: "POST", path: "/tasks/rounds/:id/council", tag: "tasks", access: staff,
			summary: "Make the people named the round's advisory council (officers): reviewers, at least the round's number; each sits for every proposal but those of their own organisation or of the need's owner (the conflict-of-interest rule of the council engine); new members are told (If-Match optional)",
			request: "TaskCouncilInput", responses: roundErrs, handler: edit(s.d.TaskProposals.AssignCouncil, s.sendRound)},
		{method: "POST", path: "/tasks/rounds/:id/proposals/:pid/score", tag: "tasks", access: user,
			summary: "A council member's declaration and marks on one proposal of the round: no conflict and a mark 0–10 per criterion, or a conflict to step aside; sent again until the list is recorded (If-Match optional)",
			request: "ScoreInput", responses: roundErrs, handler: s.scoreProposal},
		{method: "POST", path: "/tasks/rounds/:id/list", tag: "tasks", access: staff,
			summary: "Record the approved list: the decision (number, date) and each approved proposal's order (products, months, maximum budget, selection or direct with the assignee); each becomes a task, the others are not approved, proposers are told (officers; If-Match optional)",
			request: "TaskListInput", responses: roundErrs, handler: edit(s.d.TaskProposals.Decide, s.sendRound)},

		{method: "GET", path: "/tasks", tag: "tasks", access: public,
			summary: "The board of tasks, newest change first, with counts by state in the procedure's order: every task for officers; for others the public ones (from the call on) and their organisations' own",
			query:   []string{"state", "q", "page", "pageSize"}, responses: map[int]string{200: "TaskBoard", 422: "Problem"}, handler: s.listTasks},
		{method: "GET", path: "/tasks/:id", tag: "tasks", access: public, summary: "A task with its order, timeline and what you may do (`can`); an ordered task is the department's until its call",
			responses: map[int]string{200: "Task", 404: "Problem"}, handler: s.getTask},
	}
}

// tasksProposalsSchemas names the wire types of proposals, rounds and the
// board.
func tasksProposalsSchemas(r *apischema.Registry) {
	r.Enum("TaskKind", task.Kinds)
	r.Enum("TaskUrgency", task.Urgencies)
	r.Enum("TaskMode", task.Modes)
	r.Enum("TaskState", task.States)
	r.Enum("ProposalState", task.ProposalStates)
	r.Enum("RoundState", task.RoundStates)
	apischema.Request[task.ProposalInput](r, "TaskProposalInput")
	apischema.Response[proposalJSON](r, "TaskProposal")
	apischema.Response[proposalListJSON](r, "TaskProposalList")
	apischema.Response[proposalOptionsJSON](r, "TaskProposalOptions")
	apischema.Request[task.RoundInput](r, "TaskRoundInput")
	apischema.Request[task.AddInput](r, "TaskRoundAdd")
	apischema.Request[task.ListInput](r, "TaskListInput")
	apischema.Request[task.CouncilInput](r, "TaskCouncilInput")
	apischema.Response[task.RoundView](r, "TaskRound")
	apischema.Response[list[task.Round]](r, "TaskRoundList")
	apischema.Response[taskJSON](r, "Task")
	apischema.Response[boardJSON](r, "TaskBoard")
}

type proposalJSON struct {
	task.Proposal
	Can task.ProposalCan `json:"can"`
}

type proposalListJSON struct {
	list[proposalJSON]
	Counts map[string]int `json:"counts"`
}

type proposalOptionsJSON struct {
	Orgs []task.Ref `json:"orgs"`
}

type taskJSON struct {
	task.Task
	State string       `json:"state" rule:"enum=TaskState"`
	Can   task.TaskCan `json:"can"`
}

type boardJSON struct {
	list[taskJSON]
	Counts map[string]int `json:"counts"`
	States []string       `json:"states" rule:"enum=TaskState"`
}

func toTaskJSON(t task.TaskView) taskJSON {
	if t.Sectors == nil {
		t.Sectors = []string{}
	}
	return taskJSON{Task: t.Task, State: t.State, Can: t.Can}
}

func (s *Server) sendProposal(c *fiber.Ctx, p *auth.Principal, d task.Proposal) error {
	setETag(c, d.Version)
	return c.JSON(s.toProposal(p, d))
}

func (s *Server) toProposal(p *auth.Principal, d task.Proposal) proposalJSON {
	if d.Sectors == nil {
		d.Sectors = []string{}
	}
	return proposalJSON{Proposal: d, Can: s.d.TaskProposals.CanOfProposal(p, &d)}
}

func (s *Server) sendRound(c *fiber.Ctx, _ *auth.Principal, r task.RoundView) error {
	setETag(c, r.Version)
	return c.JSON(r)
}

func (s *Server) listProposals(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := task.ProposalFilter{Scope: c.Query("scope", task.ScopeMine), State: c.Query("state"), Query: c.Query("q"), Page: pg, Size: size}
	v.OneOf("scope", f.Scope, []string{task.ScopeMine, task.ScopeAll})
	v.Optional("q", f.Query, 200)
	if err := v.Err(); err != nil {
		return err
	}
	p := principal(c)
	res, err := s.d.TaskProposals.ListProposals(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	items := make([]proposalJSON, len(res.Items))
	for i, d := range res.Items {
		items[i] = s.toProposal(p, d)
	}
	return c.JSON(proposalListJSON{list[proposalJSON]{Items: items, Total: int64(res.Total), Page: pg, PageSize: size}, res.Counts})
}

func (s *Server) createProposal(c *fiber.Ctx) error {
	var in task.ProposalInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p := principal(c)
	d, err := s.d.TaskProposals.CreateProposal(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	setETag(c, d.Version)
	return c.Status(fiber.StatusCreated).JSON(s.toProposal(p, d))
}

func (s *Server) proposalOptions(c *fiber.Ctx) error {
	orgs, err := s.d.TaskProposals.MayPropose(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(proposalOptionsJSON{Orgs: orgs})
}

func (s *Server) getProposal(c *fiber.Ctx) error {
	p := principal(c)
	d, err := s.d.TaskProposals.GetProposal(c.UserContext(), p, c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendProposal(c, p, d)
}

func (s *Server) listRounds(c *fiber.Ctx) error {
	rs, err := s.d.TaskProposals.ListRounds(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(list[task.Round]{Items: rs, Total: int64(len(rs)), Page: 1, PageSize: len(rs)})
}

func (s *Server) createRound(c *fiber.Ctx) error {
	var in task.RoundInput
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.TaskProposals.CreateRound(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.Status(fiber.StatusCreated).JSON(r)
}

func (s *Server) getRound(c *fiber.Ctx) error {
	r, err := s.d.TaskProposals.GetRound(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendRound(c, nil, r)
}

func (s *Server) scoreProposal(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in council.ScoreInput
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.TaskProposals.Score(c.UserContext(), principal(c), c.Params("id"), c.Params("pid"), in, v)
	if err != nil {
		return err
	}
	return s.sendRound(c, nil, r)
}

func (s *Server) listTasks(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := task.BoardFilter{State: c.Query("state"), Query: c.Query("q"), Page: pg, Size: size}
	v.Optional("q", f.Query, 200)
	if f.State != "" {
		v.OneOf("state", f.State, task.States)
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, err := s.d.TaskProposals.ListTasks(c.UserContext(), principal(c), f)
	if err != nil {
		return err
	}
	items := make([]taskJSON, len(b.Items))
	for i, t := range b.Items {
		items[i] = toTaskJSON(t)
	}
	return c.JSON(boardJSON{list[taskJSON]{Items: items, Total: int64(b.Total), Page: pg, PageSize: size}, b.Counts, b.States})
}

func (s *Server) getTask(c *fiber.Ctx) error {
	t, err := s.d.TaskProposals.GetTask(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(toTaskJSON(t))
}
