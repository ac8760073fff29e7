package httpapi

import (
	"github.com/gofiber/fiber/v2"

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
		v.OneOf("state", state, []string{support.ProgramDraft, support.ProgramPublished})
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
