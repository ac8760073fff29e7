package httpapi

import (
	"context"
	"mime"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/task"
	"github.com/techmart-vn/techmart/internal/validate"
)

// tasksSelectionRoutes are the call, the dossiers, the selection council,
// the budget appraisal and the approval decision of commissioned tasks.
// A task step answers with the task's selection page (TaskSelection),
// its ETag the task's version.
func (s *Server) tasksSelectionRoutes() []route {
	taskStep := map[int]string{200: "TaskSelection", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}
	dossierStep := map[int]string{200: "TaskDossier", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}
	return []route{
		{method: "GET", path: "/tasks/calls", tag: "tasks", summary: "The open calls for selection: tasks whose call takes dossiers",
			responses: map[int]string{200: "TaskCallList"}, handler: s.listTaskCalls},
		{method: "POST", path: "/tasks/:id/open", tag: "tasks", access: staff,
			summary: "Open an ordered task (officers; If-Match): selection opens the call (window required); direct assignment makes the order's assignee the performer",
			request: "TaskOpenInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.Open)},
		{method: "POST", path: "/tasks/:id/close-call", tag: "tasks", access: staff,
			summary:   "Close the call or the assignment (officers; If-Match): the submitted dossiers go to the selection council (409 no_dossiers without one)",
			responses: taskStep, handler: s.taskStep(s.d.TaskSelection.CloseCall)},
		{method: "GET", path: "/tasks/:id/selection", tag: "tasks",
			summary:   "A task's selection: the task and its `can`, whether you may apply, the dossiers you may read (officers: all sent; applicants: their own; council members: those before the council), the council and the budget appraisal to whom they concern",
			responses: map[int]string{200: "TaskSelection", 404: "Problem"}, handler: s.getTaskSelection},
		{method: "POST", path: "/tasks/:id/dossiers", tag: "tasks", access: user,
			summary: "Start a draft dossier for a task whose call is open (a member of a verified institute, university or S&T organisation; the assignee of a direct assignment)",
			request: "TaskDossierInput", responses: map[int]string{201: "TaskDossier", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.createTaskDossier},
		{method: "GET", path: "/tasks/dossiers/:id", tag: "tasks", access: user, summary: "A dossier (its organisation, officers, the selection council's members)",
			responses: map[int]string{200: "TaskDossier", 404: "Problem"}, handler: s.getTaskDossier},
		{method: "PATCH", path: "/tasks/dossiers/:id", tag: "tasks", access: user, summary: "Change a draft dossier: the form and the budget table (If-Match)",
			request: "TaskDossierInput", responses: dossierStep, handler: s.updateTaskDossier},
		{method: "POST", path: "/tasks/dossiers/:id/submit", tag: "tasks", access: user,
			summary:   "Submit a dossier inside the call's window: the form filled in, the state budget within the order's maximum, the lead's CV attached (If-Match)",
			responses: dossierStep, handler: s.dossierStep(s.d.TaskSelection.SubmitDossier)},
		{method: "POST", path: "/tasks/dossiers/:id/withdraw", tag: "tasks", access: user, summary: "Withdraw a dossier while the call is open (If-Match)",
			responses: dossierStep, handler: s.dossierStep(s.d.TaskSelection.WithdrawDossier)},
		{method: "POST", path: "/tasks/dossiers/:id/files", tag: "tasks", access: user,
			summary: "Attach a CV or a partner's letter to a draft dossier: multipart fields \"file\" and \"kind\" (lead_cv, member_cv, partner_letter)",
			request: "Upload", responses: map[int]string{201: "TaskDossier", 404: "Problem", 409: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadTaskDossierFile},
		{method: "DELETE", path: "/tasks/dossiers/:id/files/:fileId", tag: "tasks", access: user, summary: "Remove a file from a draft dossier",
			responses: map[int]string{204: "", 404: "Problem", 409: "Problem"}, handler: s.deleteTaskDossierFile},
		{method: "GET", path: "/tasks/:id/reviewers", tag: "tasks", access: staff,
			summary:   "People with the reviewer role, each saying whether it has a conflict of interest with the task's applicants (officers)",
			responses: map[int]string{200: "TaskReviewerList", 403: "Problem", 404: "Problem"}, handler: s.listTaskReviewers},
		{method: "POST", path: "/tasks/:id/council", tag: "tasks", access: staff,
			summary: "Name the selection council once the call is closed (officers; If-Match): at least the call's required number, none from an applying organisation; a member who has scored stays",
			request: "TaskCouncilInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.AssignCouncil)},
		{method: "POST", path: "/tasks/:id/scores", tag: "tasks", access: user,
			summary: "A council member's conflict-of-interest declaration and a score 0–10 for every criterion, for one dossier; may be sent again until the choice",
			request: "TaskScoreInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.Score)},
		{method: "POST", path: "/tasks/:id/select", tag: "tasks", access: staff,
			summary: "Choose the performer's dossier (officers; If-Match): the others are not selected and every applicant is told",
			request: "TaskSelectInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.Select)},
		{method: "POST", path: "/tasks/:id/appraise", tag: "tasks", access: staff,
			summary: "Appraise the selected dossier's budget line by line (officers; If-Match): each approved amount at most the line's, the state budget at most the order's maximum; the task's budget becomes its sum",
			request: "TaskAppraiseInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.Appraise)},
		{method: "POST", path: "/tasks/:id/decide", tag: "tasks", access: staff,
			summary: "Record the approval decision: number and day (officers; If-Match)",
			request: "TaskDecideInput", responses: taskStep, handler: taskBody(s, s.d.TaskSelection.Decide)},
		{method: "GET", path: "/tasks/:id/papers/decision", tag: "tasks",
			summary: "The approval decision in the administrative format: format=html (to print) or pdf; lang=vi (official) or en",
			query:   []string{"format", "lang"}, responses: map[int]string{200: "", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.taskDecisionPaper},
	}
}

// tasksSelectionSchemas registers the selection's wire types.
func tasksSelectionSchemas(r *apischema.Registry) {
	r.Enum("TaskDossierState", task.DossierStates)
	r.Enum("TaskBudgetSource", task.Sources)
	r.Enum("TaskDossierFileKind", task.DossierFileKinds)
	apischema.Response[taskCallsJSON](r, "TaskCallList")
	apischema.Response[task.SelectionView](r, "TaskSelection")
	apischema.Response[task.Dossier](r, "TaskDossier")
	apischema.Request[task.OpenInput](r, "TaskOpenInput")
	apischema.Request[task.DossierInput](r, "TaskDossierInput")
	apischema.Request[task.SelectInput](r, "TaskSelectInput")
	apischema.Request[task.AppraiseInput](r, "TaskAppraiseInput")
	apischema.Request[task.DecideInput](r, "TaskDecideInput")
	apischema.Request[task.ScoreInput](r, "TaskScoreInput")
	apischema.Response[taskReviewersJSON](r, "TaskReviewerList")
}

type taskReviewersJSON struct {
	Items []council.Reviewer `json:"items"`
}

func (s *Server) listTaskReviewers(c *fiber.Ctx) error {
	items, err := s.d.TaskSelection.Reviewers(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(taskReviewersJSON{Items: items})
}

type taskCallsJSON struct {
	Items []task.Task `json:"items"`
}

func (s *Server) listTaskCalls(c *fiber.Ctx) error {
	items, err := s.d.TaskSelection.Calls(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(taskCallsJSON{Items: items})
}

// sendTaskSelection answers with the selection page of task id.
func (s *Server) sendTaskSelection(c *fiber.Ctx, id string) error {
	v, err := s.d.TaskSelection.View(c.UserContext(), principal(c), id)
	if err != nil {
		return err
	}
	setETag(c, v.Task.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(v)
}

func (s *Server) getTaskSelection(c *fiber.Ctx) error { return s.sendTaskSelection(c, c.Params("id")) }

// taskBody is a task step with a JSON body and If-Match, answering the
// task's selection view.
func taskBody[In any](s *Server, fn func(ctx context.Context, p *auth.Principal, id string, in In, ifVersion int64) (task.Task, error)) fiber.Handler {
	return edit(fn, func(c *fiber.Ctx, _ *auth.Principal, t task.Task) error { return s.sendTaskSelection(c, t.ID) })
}

// taskStep is a task step without a body.
func (s *Server) taskStep(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (task.Task, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, t task.Task) error { return s.sendTaskSelection(c, t.ID) })
}

func sendTaskDossier(c *fiber.Ctx, status int, d task.Dossier) error {
	setETag(c, d.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(d)
}

func (s *Server) createTaskDossier(c *fiber.Ctx) error {
	var in task.DossierInput
	if err := decode(c, &in); err != nil {
		return err
	}
	d, err := s.d.TaskSelection.CreateDossier(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return sendTaskDossier(c, fiber.StatusCreated, d)
}

func (s *Server) getTaskDossier(c *fiber.Ctx) error {
	d, err := s.d.TaskSelection.GetDossier(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendTaskDossier(c, fiber.StatusOK, d)
}

func (s *Server) updateTaskDossier(c *fiber.Ctx) error {
	return edit(s.d.TaskSelection.UpdateDossier, func(c *fiber.Ctx, _ *auth.Principal, d task.Dossier) error {
		return sendTaskDossier(c, fiber.StatusOK, d)
	})(c)
}

func (s *Server) dossierStep(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (task.Dossier, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, d task.Dossier) error {
		return sendTaskDossier(c, fiber.StatusOK, d)
	})
}

func (s *Server) uploadTaskDossierFile(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	if err := s.d.TaskSelection.MayEditDossier(c.UserContext(), p, id); err != nil {
		return err // before the upload is stored
	}
	kind := c.FormValue("kind")
	var v validate.Checker
	v.OneOf("kind", kind, task.DossierFileKinds)
	if err := v.Err(); err != nil {
		return err
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerTaskDossier, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	d, err := s.d.TaskSelection.AttachFile(c.UserContext(), p, id, kind, saved)
	if err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return sendTaskDossier(c, fiber.StatusCreated, d)
}

func (s *Server) deleteTaskDossierFile(c *fiber.Ctx) error {
	return s.deleteOwnedFile(c, files.OwnerTaskDossier, func(ctx context.Context, p *auth.Principal, id, fileID string) error {
		_, err := s.d.TaskSelection.DetachFile(ctx, p, id, fileID)
		return err
	})
}

// taskDecisionPaper serves the approval decision as HTML or PDF.
func (s *Server) taskDecisionPaper(c *fiber.Ctx) error {
	var v validate.Checker
	format, lang := c.Query("format", "html"), c.Query("lang", "vi")
	v.OneOf("format", format, []string{"html", "pdf"})
	v.OneOf("lang", lang, []string{"vi", "en"})
	if err := v.Err(); err != nil {
		return err
	}
	d, err := s.d.TaskSelection.DecisionPaper(c.UserContext(), principal(c), c.Params("id"), lang)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	if format == "pdf" {
		b, err := paper.PDF(d)
		if err != nil {
			return err
		}
		name := "decision-" + strings.NewReplacer("/", "-", " ", "-").Replace(d.Number) + ".pdf"
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": name}))
		c.Type("pdf")
		return c.Send(b)
	}
	b, err := paper.HTML(d)
	if err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Send(b)
}
