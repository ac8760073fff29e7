package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/synonym"
)

func (s *Server) synonymRoutes() []route {
	return []route{
		{method: "GET", path: "/synonyms", tag: "search", access: staff, summary: "The synonyms searches apply: equivalent terms and one-way expansions (officers)",
			responses: map[int]string{200: "SynonymList", 403: "Problem"}, handler: s.listSynonyms},
		{method: "POST", path: "/synonyms", tag: "search", access: staff, summary: "Add a synonym rule (officers; audited; applied to searches at once)",
			request: "SynonymInput", responses: map[int]string{201: "Synonym", 403: "Problem", 422: "Problem"}, handler: s.createSynonym},
		{method: "PATCH", path: "/synonyms/:id", tag: "search", access: staff, summary: "Change a synonym rule (officers; If-Match; audited)",
			request: "SynonymInput", responses: map[int]string{200: "Synonym", 403: "Problem", 404: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updateSynonym},
		{method: "DELETE", path: "/synonyms/:id", tag: "search", access: staff, summary: "Remove a synonym rule (officers; If-Match; audited)",
			responses: map[int]string{204: "", 403: "Problem", 404: "Problem", 412: "Problem"}, handler: s.deleteSynonym},
	}
}

func (s *Server) listSynonyms(c *fiber.Ctx) error {
	l, err := s.d.Synonyms.List(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(l)
}

func (s *Server) createSynonym(c *fiber.Ctx) error {
	var in synonym.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.Synonyms.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.Status(fiber.StatusCreated).JSON(r)
}

func (s *Server) updateSynonym(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in synonym.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.Synonyms.Update(c.UserContext(), principal(c), c.Params("id"), v, in)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(r)
}

func (s *Server) deleteSynonym(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.d.Synonyms.Delete(c.UserContext(), principal(c), c.Params("id"), v); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
