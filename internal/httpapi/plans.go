package httpapi

import (
	"context"
	"mime"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) planRoutes() []route {
	return []route{
		{method: "GET", path: "/plans", tag: "plan", access: user, summary: "The province's plans, newest decision first",
			responses: map[int]string{200: "PlanList"}, handler: s.listPlans},
		{method: "POST", path: "/plans", tag: "plan", access: staff, summary: "Record a plan with its agencies and targets (officers)",
			request: "PlanInput", responses: map[int]string{201: "Plan", 403: "Problem", 422: "Problem"}, handler: s.createPlan},
		{method: "GET", path: "/plans/:id", tag: "plan", access: user, summary: "A plan: its agencies (with successors) and targets",
			responses: map[int]string{200: "Plan", 404: "Problem"}, handler: s.getPlan},
		{method: "PATCH", path: "/plans/:id", tag: "plan", access: staff, summary: "Change a plan (officers; If-Match)",
			request: "PlanInput", responses: map[int]string{200: "Plan", 403: "Problem", 404: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updatePlan},
		{method: "POST", path: "/plans/:id/periods", tag: "plan", access: staff, summary: "Open a reporting year: each reporting agency gets its draft with the platform's figures (officers)",
			request: "OpenPeriod", responses: map[int]string{200: "Plan", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.openPeriod},
		{method: "GET", path: "/plans/:id/progress", tag: "plan", access: staff,
			summary: "Every target at the end of a reporting year: the year's and cumulative values, % of the milestone, a traffic light, the years before, the records counted; and which agencies have not reported (officers)",
			query:   []string{"year"}, responses: map[int]string{200: "PlanProgress", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.planProgress},
		{method: "GET", path: "/plans/:id/provincial-report", tag: "plan", access: staff,
			summary: "The department's report to the People's Committee for a year: format=html or pdf (administrative format), docx (to edit before signing), xlsx (the figures, one sheet per section); lang=vi or en (officers)",
			query:   []string{"year", "format", "lang"}, responses: map[int]string{200: "", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.provincialReport},
		{method: "GET", path: "/reports", tag: "plan", access: user, summary: "Annual reports: every agency's for officers, your agency's otherwise",
			query: []string{"planId", "year", "state"}, responses: map[int]string{200: "ReportList", 422: "Problem"}, handler: s.listReports},
		{method: "POST", path: "/reports", tag: "plan", access: user, summary: "Your agency's report for a plan's open year (made if missing)",
			request: "StartReport", responses: map[int]string{200: "Report", 201: "Report", 403: "Problem", 409: "Problem", 422: "Problem"}, handler: s.startReport},
		{method: "GET", path: "/reports/:id", tag: "plan", access: user, summary: "An annual report (its agency's members, officers)",
			responses: map[int]string{200: "Report", 404: "Problem"}, handler: s.getReport},
		{method: "PATCH", path: "/reports/:id", tag: "plan", access: user,
			summary: "Write a draft or returned report (its agency; If-Match): figures of reported targets, status, what was done, difficulties, proposals, a note on a counted figure (which cannot be set: 422 counted_figure), free sections",
			request: "ReportInput", responses: map[int]string{200: "Report", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: edit(s.d.Reports.Update, s.sendReportOK)},
		{method: "POST", path: "/reports/:id/submit", tag: "plan", access: user, summary: "Send the report to the department (its agency; the year must be open)",
			responses: map[int]string{200: "Report", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.reportStep(s.d.Reports.Submit)},
		{method: "POST", path: "/reports/:id/return", tag: "plan", access: staff, summary: "Return a submitted report saying what is missing (officers)",
			request: "Reason", responses: map[int]string{200: "Report", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: edit(s.d.Reports.Return, s.sendReportOK)},
		{method: "POST", path: "/reports/:id/accept", tag: "plan", access: staff, summary: "Accept a submitted report (officers)",
			responses: map[int]string{200: "Report", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem"}, handler: s.reportStep(s.d.Reports.Accept)},
		{method: "POST", path: "/reports/:id/files", tag: "plan", access: user, summary: "Attach an evidence file to a target of a draft or returned report: multipart fields \"file\" and \"target\"",
			request: "Upload", responses: map[int]string{201: "File", 403: "Problem", 404: "Problem", 409: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadReportFile},
		{method: "DELETE", path: "/reports/:id/files/:fileId", tag: "plan", access: user, summary: "Remove an evidence file from a draft or returned report (its agency)",
			responses: map[int]string{204: "", 404: "Problem", 409: "Problem"}, handler: s.deleteReportFile},
	}
}

type planListJSON struct {
	Items []plan.Plan `json:"items"`
}

type reportListJSON struct {
	Items []report.Report `json:"items"`
}

func (s *Server) listPlans(c *fiber.Ctx) error {
	items, err := s.d.Plans.List(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(planListJSON{Items: items})
}

func sendPlan(c *fiber.Ctx, status int, p plan.Plan) error {
	setETag(c, p.Version)
	return c.Status(status).JSON(p)
}

func (s *Server) createPlan(c *fiber.Ctx) error {
	var in plan.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.d.Plans.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return sendPlan(c, fiber.StatusCreated, p)
}

func (s *Server) getPlan(c *fiber.Ctx) error {
	p, err := s.d.Plans.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPlan(c, fiber.StatusOK, p)
}

func (s *Server) updatePlan(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in plan.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.d.Plans.Update(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return sendPlan(c, fiber.StatusOK, p)
}

func (s *Server) openPeriod(c *fiber.Ctx) error {
	var in plan.OpenInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.d.Reports.Open(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return sendPlan(c, fiber.StatusOK, p)
}

// yearOf reads ?year= (default: the reporting year of today).
func (s *Server) yearOf(c *fiber.Ctx, p plan.Plan) (int, error) {
	raw := c.Query("year")
	if raw == "" {
		return s.d.Reports.ThisYear(p), nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil {
		return 0, errs.Field("year", "invalid_number")
	}
	return y, nil
}

func (s *Server) planProgress(c *fiber.Ctx) error {
	p, err := s.d.Plans.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	y, err := s.yearOf(c, p)
	if err != nil {
		return err
	}
	pr, err := s.d.Reports.Progress(c.UserContext(), principal(c), p.ID, y)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(pr)
}

func (s *Server) provincialReport(c *fiber.Ctx) error {
	var v validate.Checker
	format, lang := c.Query("format", "html"), c.Query("lang", "vi")
	v.OneOf("format", format, []string{"html", "pdf", "docx", "xlsx"})
	v.OneOf("lang", lang, []string{"vi", "en"})
	if err := v.Err(); err != nil {
		return err
	}
	p, err := s.d.Plans.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	y, err := s.yearOf(c, p)
	if err != nil {
		return err
	}
	pv, err := s.d.Reports.ProvincialReport(c.UserContext(), principal(c), p.ID, y)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	name := "bao-cao-ket-qua-" + strconv.Itoa(y) + "." + format
	attach := func(kind string) {
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType(kind, map[string]string{"filename": name}))
	}
	var b []byte
	switch format {
	case "xlsx":
		if b, err = s.d.Reports.XLSX(pv, lang); err != nil {
			return err
		}
		attach("attachment")
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		return c.Send(b)
	case "docx":
		if b, err = paper.DOCX(s.d.Reports.Doc(pv, lang)); err != nil {
			return err
		}
		attach("attachment")
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		return c.Send(b)
	case "pdf":
		if b, err = paper.PDF(s.d.Reports.Doc(pv, lang)); err != nil {
			return err
		}
		attach("inline")
		c.Type("pdf")
		return c.Send(b)
	}
	if b, err = paper.HTML(s.d.Reports.Doc(pv, lang)); err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Send(b)
}

func (s *Server) sendReport(c *fiber.Ctx, status int, r report.Report) error {
	setETag(c, r.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(r)
}

func (s *Server) listReports(c *fiber.Ctx) error {
	var v validate.Checker
	f := report.Filter{PlanID: c.Query("planId"), State: c.Query("state")}
	if raw := c.Query("year"); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil || y < 2000 || y > 2100 {
			v.Add("year", "out_of_range", "min", 2000, "max", 2100)
		}
		f.Year = y
	}
	if f.State != "" {
		v.OneOf("state", f.State, report.States)
	}
	if err := v.Err(); err != nil {
		return err
	}
	items, err := s.d.Reports.List(c.UserContext(), principal(c), f)
	if err != nil {
		return err
	}
	return c.JSON(reportListJSON{Items: items})
}

func (s *Server) startReport(c *fiber.Ctx) error {
	var in report.StartInput
	if err := decode(c, &in); err != nil {
		return err
	}
	r, created, err := s.d.Reports.Start(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return s.sendReport(c, status, r)
}

func (s *Server) getReport(c *fiber.Ctx) error {
	r, err := s.d.Reports.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendReport(c, fiber.StatusOK, r)
}

func (s *Server) reportStep(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (report.Report, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, r report.Report) error {
		return s.sendReport(c, fiber.StatusOK, r)
	})
}

func (s *Server) uploadReportFile(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	r, err := s.d.Reports.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if err := s.d.Reports.MayEdit(p, &r); err != nil {
		return err // before the upload is stored
	}
	target := c.FormValue("target")
	if target == "" {
		return errs.Field("target", "required")
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerReport, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	if _, err := s.d.Reports.Attach(c.UserContext(), p, id, target, report.FileRef{ID: saved.ID, Name: saved.Name}); err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(saved)
}

func (s *Server) deleteReportFile(c *fiber.Ctx) error {
	return s.deleteOwnedFile(c, files.OwnerReport, func(ctx context.Context, p *auth.Principal, id, fileID string) error {
		_, err := s.d.Reports.Detach(ctx, p, id, fileID)
		return err
	})
}

// sendReportOK answers a report as an edit leaves it.
func (s *Server) sendReportOK(c *fiber.Ctx, _ *auth.Principal, r report.Report) error {
	return s.sendReport(c, fiber.StatusOK, r)
}
