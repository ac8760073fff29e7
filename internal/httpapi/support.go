package httpapi

import (
	"context"
	"mime"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) supportRoutes() []route {
	return []route{
		{method: "GET", path: "/support/programs", tag: "support", summary: "Support programmes: published ones for everyone, drafts too for officers",
			query: []string{"state", "page", "pageSize"}, responses: map[int]string{200: "ProgramList", 422: "Problem"}, handler: s.listPrograms},
		{method: "POST", path: "/support/programs", tag: "support", access: staff, summary: "Create a draft programme (officers)",
			request: "ProgramInput", responses: map[int]string{201: "Program", 403: "Problem", 422: "Problem"}, handler: s.createProgram},
		{method: "GET", path: "/support/programs/:id", tag: "support", summary: "A programme (drafts for officers only)",
			responses: map[int]string{200: "Program", 404: "Problem"}, handler: s.getProgram},
		{method: "PATCH", path: "/support/programs/:id", tag: "support", access: staff, summary: "Change a programme (officers; If-Match)",
			request: "ProgramInput", responses: map[int]string{200: "Program", 403: "Problem", 404: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updateProgram},
		{method: "POST", path: "/support/programs/:id/publish", tag: "support", access: staff, summary: "Publish a complete draft programme (officers)",
			responses: map[int]string{200: "Program", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.publishProgram},
		{method: "GET", path: "/support/applications", tag: "support", access: user,
			summary: "Your organisations' applications (scope=mine), all submitted ones (scope=all, officers) or those you appraise (scope=assigned, reviewers); q matches title and applicant",
			query:   []string{"scope", "programId", "state", "q", "page", "pageSize"}, responses: map[int]string{200: "ApplicationList", 403: "Problem", 422: "Problem"}, handler: s.listApplications},
		{method: "POST", path: "/support/applications", tag: "support", access: user, summary: "Start a draft application for a published programme",
			request: "ApplicationInput", responses: map[int]string{201: "Application", 422: "Problem"}, handler: s.createApplication},
		{method: "GET", path: "/support/applications/:id", tag: "support", access: user, summary: "An application (its organisation and officers)",
			responses: map[int]string{200: "Application", 404: "Problem"}, handler: s.getApplication},
		{method: "PATCH", path: "/support/applications/:id", tag: "support", access: user, summary: "Change a draft application (If-Match)",
			request: "ApplicationInput", responses: map[int]string{200: "Application", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updateApplication},
		{method: "POST", path: "/support/applications/:id/submit", tag: "support", access: user, summary: "Submit: window open, eligible, amounts within cap and share, required documents attached, within the programme's open applications per organisation (409 open_application_limit)",
			responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.appStep(s.d.Support.Submit)},
		{method: "POST", path: "/support/applications/:id/withdraw", tag: "support", access: user, summary: "Withdraw an application before any decision",
			responses: map[int]string{200: "Application", 404: "Problem", 409: "Problem"}, handler: s.appStep(s.d.Support.Withdraw)},
		{method: "POST", path: "/support/applications/:id/check", tag: "support", access: staff, summary: "Start the completeness check of a submitted application (officers)",
			responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem"}, handler: s.appStep(s.d.Support.Check)},
		{method: "POST", path: "/support/applications/:id/return", tag: "support", access: staff, summary: "Return an application for revision, saying what is missing (officers)",
			request: "Reason", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.Return)},
		{method: "GET", path: "/support/reviewers", tag: "support", access: staff, summary: "People with the reviewer role; with applicationId, which of them have a conflict of interest (officers)",
			query: []string{"applicationId"}, responses: map[int]string{200: "ReviewerList", 403: "Problem", 404: "Problem"}, handler: s.listReviewers},
		{method: "POST", path: "/support/applications/:id/assign-reviewers", tag: "support", access: staff,
			summary: "Send a complete application to appraisal by the programme's number of reviewers, or replace those who have not scored (officers); a reviewer from the applicant's organisation is refused",
			request: "AssignReviewersInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.AssignReviewers)},
		{method: "POST", path: "/support/applications/:id/scores", tag: "support", access: user,
			summary: "An assigned reviewer's conflict-of-interest declaration and a score 0–10 for every criterion; may be sent again until the decision",
			request: "ScoreInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.SubmitScores)},
		{method: "POST", path: "/support/applications/:id/decide", tag: "support", access: staff,
			summary: "Approve an amount ≤ requested (reserved against the programme's budget) or reject with reasons; Idempotency-Key makes a repeat count once (the key with a different body: 422 idempotency_key_reused); approvals per organisation are limited by the programme (409 approval_limit)",
			request: "DecideInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.decideApplication},
		{method: "POST", path: "/support/applications/:id/disbursements", tag: "support", access: staff,
			summary: "Record a tranche paid to an approved application (never past the approved amount); Idempotency-Key makes a repeat count once (the key with a different body: 422 idempotency_key_reused)",
			request: "DisburseInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.disburse},
		{method: "POST", path: "/support/applications/:id/agreement", tag: "support", access: staff, summary: "Record the signed support agreement of an approved application (officers)",
			request: "AgreementInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.SignAgreement)},
		{method: "POST", path: "/support/applications/:id/acceptance-request", tag: "support", access: user, summary: "Ask for acceptance of a project under way, with the final report (the applicant)",
			request: "AcceptanceRequest", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.RequestAcceptance)},
		{method: "POST", path: "/support/applications/:id/acceptance", tag: "support", access: staff, summary: "Record the acceptance verdict: accepted or not_accepted (officers)",
			request: "AcceptanceInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.RecordAcceptance)},
		{method: "POST", path: "/support/applications/:id/close", tag: "support", access: staff, summary: "Close the file after acceptance; the unpaid rest of the approved amount returns to the budget (officers)",
			request: "CloseInput", responses: map[int]string{200: "Application", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: appBody(s, s.d.Support.Close)},
		{method: "DELETE", path: "/support/applications/:id/files/:fileId", tag: "support", access: user, summary: "Remove a document from a draft or returned application (the applicant)",
			responses: map[int]string{204: "", 404: "Problem", 409: "Problem"}, handler: s.deleteApplicationFile},
		{method: "GET", path: "/support/applications/:id/decision", tag: "support", access: user,
			summary: "The decision on an application, in the administrative format: format=html (to print) or pdf; lang=vi (official) or en (its organisation, officers)",
			query:   []string{"format", "lang"}, responses: map[int]string{200: "", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.applicationPaper(support.PaperDecision)},
		{method: "GET", path: "/support/applications/:id/agreement", tag: "support", access: user,
			summary: "A summary of the support agreement with its disbursements: format=html or pdf; lang=vi or en (its organisation, officers)",
			query:   []string{"format", "lang"}, responses: map[int]string{200: "", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.applicationPaper(support.PaperAgreement)},
		{method: "GET", path: "/support/dashboard", tag: "support", summary: "Plan targets: enterprises supported against the plan's target; money committed, disbursed and remaining per programme and per year (VND)",
			responses: map[int]string{200: "SupportDashboard"}, handler: s.supportDashboard},
		{method: "POST", path: "/support/applications/:id/files", tag: "support", access: user, summary: "Attach a document for a checklist entry: multipart fields \"file\" and \"code\"",
			request: "Upload", responses: map[int]string{201: "File", 404: "Problem", 409: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadApplicationFile},
		{method: "GET", path: "/support/programs/:id/budget", tag: "support", summary: "A programme's money: total, committed, disbursed, remaining (VND)",
			responses: map[int]string{200: "ProgramBudget", 404: "Problem"}, handler: s.programBudget},
	}
}

func (s *Server) sendProgram(c *fiber.Ctx, status int, p support.Program) error {
	setETag(c, p.Version)
	return c.Status(status).JSON(p)
}

func (s *Server) listPrograms(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	state := c.Query("state")
	if state != "" {
		var v validate.Checker
		v.OneOf("state", state, support.ProgramStates)
		if err := v.Err(); err != nil {
			return err
		}
	}
	items, total, err := s.d.Support.List(c.UserContext(), principal(c), state, pg, size)
	if err != nil {
		return err
	}
	return c.JSON(list[support.Program]{Items: items, Total: int64(total), Page: pg, PageSize: size})
}

func (s *Server) createProgram(c *fiber.Ctx) error {
	var in support.ProgramInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.d.Support.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return s.sendProgram(c, fiber.StatusCreated, p)
}

func (s *Server) getProgram(c *fiber.Ctx) error {
	p, err := s.d.Support.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendProgram(c, fiber.StatusOK, p)
}

func (s *Server) updateProgram(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in support.ProgramInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.d.Support.Update(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return s.sendProgram(c, fiber.StatusOK, p)
}

func (s *Server) publishProgram(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	p, err := s.d.Support.Publish(c.UserContext(), principal(c), c.Params("id"), v)
	if err != nil {
		return err
	}
	return s.sendProgram(c, fiber.StatusOK, p)
}

func (s *Server) programBudget(c *fiber.Ctx) error {
	b, err := s.d.Support.BudgetOf(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(b)
}

// sendApplication answers with what the caller may read of a.
func (s *Server) sendApplication(c *fiber.Ctx, status int, a support.Application) error {
	v := s.d.Support.View(principal(c), a)
	if len(v.Documents) > 0 {
		// Each document's name and stored size, read from the files.
		ids := make([]string, len(v.Documents))
		for i, d := range v.Documents {
			ids[i] = d.FileID
		}
		found, err := s.d.Files.Many(c.UserContext(), ids)
		if err != nil {
			return err
		}
		byID := make(map[string]files.File, len(found))
		for _, f := range found {
			byID[f.ID] = f
		}
		v.Documents = slices.Clone(v.Documents)
		for i, d := range v.Documents {
			if f, ok := byID[d.FileID]; ok {
				v.Documents[i].Name, v.Documents[i].Size = f.Name, f.Size
			}
		}
	}
	setETag(c, a.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(v)
}

// appBody is a step with a JSON body and If-Match, answering the application.
func appBody[In any](s *Server, fn func(ctx context.Context, p *auth.Principal, id string, in In, ifVersion int64) (support.Application, error)) fiber.Handler {
	return edit(fn, func(c *fiber.Ctx, _ *auth.Principal, a support.Application) error {
		return s.sendApplication(c, fiber.StatusOK, a)
	})
}

func (s *Server) listReviewers(c *fiber.Ctx) error {
	items, err := s.d.Support.Reviewers(c.UserContext(), principal(c), c.Query("applicationId"))
	if err != nil {
		return err
	}
	return c.JSON(reviewersJSON{Items: items})
}

func (s *Server) listApplications(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := support.ApplicationFilter{Scope: c.Query("scope", support.ScopeMine), ProgramID: c.Query("programId"), State: c.Query("state"), Query: c.Query("q"), Page: pg, Size: size}
	v.OneOf("scope", f.Scope, []string{support.ScopeMine, support.ScopeAll, support.ScopeAssigned})
	v.Optional("q", f.Query, 200)
	if err := v.Err(); err != nil {
		return err
	}
	res, err := s.d.Support.ListApplications(c.UserContext(), principal(c), f)
	if err != nil {
		return err
	}
	return c.JSON(applicationListJSON{list[support.Application]{Items: res.Items, Total: int64(res.Total), Page: pg, PageSize: size}, res.Counts})
}

func (s *Server) createApplication(c *fiber.Ctx) error {
	var in support.ApplicationInput
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.d.Support.CreateApplication(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return s.sendApplication(c, fiber.StatusCreated, a)
}

func (s *Server) getApplication(c *fiber.Ctx) error {
	a, err := s.d.Support.GetApplication(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendApplication(c, fiber.StatusOK, a)
}

func (s *Server) updateApplication(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in support.ApplicationInput
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.d.Support.UpdateApplication(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return s.sendApplication(c, fiber.StatusOK, a)
}

func (s *Server) appStep(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (support.Application, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, a support.Application) error {
		return s.sendApplication(c, fiber.StatusOK, a)
	})
}

func (s *Server) uploadApplicationFile(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	a, err := s.d.Support.GetApplication(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if err := s.d.Support.May(p, &a, support.StepEdit); err != nil {
		return err // before the upload is stored
	}
	code := c.FormValue("code")
	if code == "" {
		return errs.Field("code", "required")
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerApplication, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	if _, err := s.d.Support.AttachDocument(c.UserContext(), p, id, code, saved.ID); err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(saved)
}

func (s *Server) decideApplication(c *fiber.Ctx) error {
	var in support.DecideInput
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.d.Support.Decide(c.UserContext(), principal(c), c.Params("id"), c.Get("Idempotency-Key"), in)
	if err != nil {
		return err
	}
	return s.sendApplication(c, fiber.StatusOK, a)
}

func (s *Server) disburse(c *fiber.Ctx) error {
	var in support.DisburseInput
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.d.Support.Disburse(c.UserContext(), principal(c), c.Params("id"), c.Get("Idempotency-Key"), in)
	if err != nil {
		return err
	}
	return s.sendApplication(c, fiber.StatusOK, a)
}

// applicationPaper serves a printable document as HTML or PDF.
func (s *Server) applicationPaper(kind string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var v validate.Checker
		format, lang := c.Query("format", "html"), c.Query("lang", "vi")
		v.OneOf("format", format, []string{"html", "pdf"})
		v.OneOf("lang", lang, []string{"vi", "en"})
		if err := v.Err(); err != nil {
			return err
		}
		d, err := s.d.Support.Paper(c.UserContext(), principal(c), c.Params("id"), kind, lang)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "private, no-store")
		if format == "pdf" {
			b, err := paper.PDF(d)
			if err != nil {
				return err
			}
			name := kind + "-" + strings.NewReplacer("/", "-", " ", "-").Replace(d.Number) + ".pdf"
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
}

func (s *Server) supportDashboard(c *fiber.Ctx) error {
	d, err := s.d.Support.Dashboard(c.UserContext(), support.PlanTarget(s.d.Config.SupportTarget))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(d)
}

func (s *Server) deleteApplicationFile(c *fiber.Ctx) error {
	return s.deleteOwnedFile(c, files.OwnerApplication, func(ctx context.Context, p *auth.Principal, id, fileID string) error {
		_, err := s.d.Support.DetachDocument(ctx, p, id, fileID)
		return err
	})
}
