package httpapi

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/task"
)

// executionRoutes are a decided task's contract, tranches, progress
// reports, inspections, extensions, acceptance council, registration and
// publication. If-Match carries the task's version (view.task.version)
// on the steps that move the task and the contract's
// (view.contract.version) on those that only add to the contract.
func (s *Server) executionRoutes() []route {
	ok := func(more ...int) map[int]string {
		m := map[int]string{200: "TaskContract", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}
		for _, c := range more {
			m[c] = "Problem"
		}
		return m
	}
	x := s.d.Execution
	return []route{
		{method: "GET", path: "/tasks/:id/contract", tag: "tasks", access: user,
			summary:   "A task's execution: the contract (null before the signature), tranches paid and the amount remaining, progress reports, inspections, extensions, the acceptance council and its grades, and `can`",
			responses: map[int]string{200: "TaskContract", 404: "Problem"}, handler: s.getTaskContract},
		{method: "POST", path: "/tasks/:id/contract", tag: "tasks", access: staff,
			summary: "Record the signed contract of a decided task: number, dates, amount ≤ the task's budget, milestones with tranches (Σ ≤ amount); decided → contracted (officers; If-Match: the task's version)",
			request: "TaskContractInput", responses: map[int]string{201: "TaskContract", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.signTaskContract},
		{method: "POST", path: "/tasks/:id/tranches", tag: "tasks", access: staff,
			summary: "Record a tranche paid under the contract, never past its amount (409 above_approved); Idempotency-Key makes a repeat count once (the key with a different body: 422 idempotency_key_reused) (officers)",
			request: "TaskTrancheInput", responses: ok(), handler: s.taskTranche},
		{method: "POST", path: "/tasks/:id/reports", tag: "tasks", access: user,
			summary: "A progress report on a milestone (the performer's members, officers; If-Match: the contract's version)",
			request: "TaskReportInput", responses: ok(), handler: edit(x.AddReport, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/reports/:reportId/files", tag: "tasks", access: user,
			summary: "Attach a document (PDF or image) to a progress report: multipart field \"file\" (the performer's members, officers; at most 10 per report)",
			request: "Upload", responses: map[int]string{201: "File", 403: "Problem", 404: "Problem", 409: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadTaskReportFile},
		{method: "POST", path: "/tasks/:id/inspections", tag: "tasks", access: staff,
			summary: "Record an inspection: day, findings, conclusion (officers; If-Match: the contract's version)",
			request: "TaskInspectionInput", responses: ok(), handler: edit(x.Inspect, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/extensions", tag: "tasks", access: staff,
			summary: "Extend the contract to a later end date, with the reason (officers; If-Match: the contract's version)",
			request: "TaskExtensionInput", responses: ok(), handler: edit(x.Extend, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/acceptance-request", tag: "tasks", access: user,
			summary: "Ask for acceptance with the final report: contracted → acceptance (the performer's members, officers; If-Match: the task's version)",
			request: "TaskAcceptanceRequest", responses: ok(), handler: edit(x.RequestAcceptance, s.sendTaskContract)},
		{method: "PUT", path: "/tasks/:id/acceptance/council", tag: "tasks", access: staff,
			summary: "Assign the acceptance council (people with the reviewer role, none from the performer) and the rule its grades are read by: members, the share of non-fail grades a pass needs, of excellent grades an excellent needs (officers; If-Match: the contract's version)",
			request: "TaskAcceptanceCouncilInput", responses: ok(), handler: edit(x.AssignCouncil, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/acceptance/grades", tag: "tasks", access: user,
			summary: "A council member's conflict-of-interest declaration and grade (excellent, pass, fail) with a comment; may be sent again until the conclusion",
			request: "TaskGradeInput", responses: ok(), handler: s.gradeTask},
		{method: "POST", path: "/tasks/:id/acceptance/conclusion", tag: "tasks", access: staff,
			summary: "Record the council's conclusion once every member graded; the grade must be the one the grades carry under the rule (409 grade_against_rule): acceptance → accepted or failed (officers; If-Match: the task's version)",
			request: "TaskConclusionInput", responses: ok(), handler: edit(x.Conclude, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/registration", tag: "tasks", access: staff,
			summary: "Record the results' registration number and date: accepted → registered (officers; If-Match: the task's version)",
			request: "TaskRegistrationInput", responses: ok(), handler: edit(x.Register, s.sendTaskContract)},
		{method: "POST", path: "/tasks/:id/publish", tag: "tasks", access: user,
			summary:   "Publish the results as a draft technology offer owned by the performer, linked to the task and its need (whose owner is told); once (409 task_already_published) (the performer's members, officers; If-Match: the task's version)",
			responses: ok(), handler: s.publishTask},
	}
}

// executionSchemas names the execution's wire types.
func executionSchemas(r *apischema.Registry) {
	r.Enum("TaskGrade", task.Grades)
	apischema.Response[task.ContractView](r, "TaskContract")
	apischema.Request[task.ContractInput](r, "TaskContractInput")
	apischema.Request[task.TrancheInput](r, "TaskTrancheInput")
	apischema.Request[task.ReportInput](r, "TaskReportInput")
	apischema.Request[task.InspectionInput](r, "TaskInspectionInput")
	apischema.Request[task.ExtensionInput](r, "TaskExtensionInput")
	apischema.Request[task.AcceptanceRequest](r, "TaskAcceptanceRequest")
	apischema.Request[task.AcceptanceCouncilInput](r, "TaskAcceptanceCouncilInput")
	apischema.Request[task.GradeInput](r, "TaskGradeInput")
	apischema.Request[task.ConclusionInput](r, "TaskConclusionInput")
	apischema.Request[task.RegistrationInput](r, "TaskRegistrationInput")
}

func (s *Server) sendTaskContract(c *fiber.Ctx, _ *auth.Principal, v task.ContractView) error {
	return c.JSON(v)
}

func (s *Server) getTaskContract(c *fiber.Ctx) error {
	v, err := s.d.Execution.Contract(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) signTaskContract(c *fiber.Ctx) error {
	return edit(s.d.Execution.SignContract, func(c *fiber.Ctx, _ *auth.Principal, v task.ContractView) error {
		return c.Status(fiber.StatusCreated).JSON(v)
	})(c)
}

func (s *Server) taskTranche(c *fiber.Ctx) error {
	var in task.TrancheInput
	if err := decode(c, &in); err != nil {
		return err
	}
	v, err := s.d.Execution.Disburse(c.UserContext(), principal(c), c.Params("id"), c.Get("Idempotency-Key"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) gradeTask(c *fiber.Ctx) error {
	return edit(func(ctx context.Context, p *auth.Principal, id string, in task.GradeInput, _ int64) (task.ContractView, error) {
		return s.d.Execution.SubmitGrade(ctx, p, id, in)
	}, s.sendTaskContract)(c)
}

func (s *Server) publishTask(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	out, err := s.d.Execution.Publish(c.UserContext(), principal(c), c.Params("id"), v)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) uploadTaskReportFile(c *fiber.Ctx) error {
	p, id, rid := principal(c), c.Params("id"), c.Params("reportId")
	if err := s.d.Execution.MayAttach(c.UserContext(), p, id, rid); err != nil {
		return err // before the upload is stored
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerTaskContract, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	if _, err := s.d.Execution.AttachReportFile(c.UserContext(), p, id, rid, task.ReportFile{ID: saved.ID, Name: saved.Name, Size: int64(saved.Size)}); err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(saved)
}
