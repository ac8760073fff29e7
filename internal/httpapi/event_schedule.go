package httpapi

import (
	"mime"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) scheduleRoutes() []route {
	return []route{
		{method: "GET", path: "/events/:id/schedule", tag: "events", access: staff,
			summary:   "An event's B2B schedule as the last run left it: the grid, every accepted meeting with its slot and table, or the reason it was left out (officers)",
			responses: map[int]string{200: "EventSchedule", 403: "Problem", 404: "Problem"}, handler: s.getSchedule},
		{method: "POST", path: "/events/:id/schedule", tag: "events", access: staff,
			summary:   "Run the scheduler: place the accepted meetings into slots and tables (nobody double-booked, within each side's available slots; a meeting that keeps fitting keeps its place), store each placement or the reason a meeting was left out, make the agendas final and tell both sides of every meeting whose time changed (officers; If-Match on the event optional)",
			responses: map[int]string{200: "EventSchedule", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem"}, handler: s.runSchedule},
		{method: "GET", path: "/events/:id/agenda", tag: "events", access: user,
			summary: "A registration's agenda: its meetings with time, table and the other side's booth, preliminary until the scheduler has run. format=json, ics (RFC 5545, Vietnam time), pdf or html (to print); registration= another of your organisations' registrations (officers: any); lang=vi or en for the printed and calendar forms",
			query:   []string{"format", "registration", "lang"}, responses: map[int]string{200: "EventAgenda", 404: "Problem", 422: "Problem"}, handler: s.getAgenda},
	}
}

func (s *Server) getSchedule(c *fiber.Ctx) error {
	v, err := s.d.Schedules.Schedule(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(v)
}

func (s *Server) runSchedule(c *fiber.Ctx) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	v, err := s.d.Schedules.Run(c.UserContext(), principal(c), c.Params("id"), version)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) getAgenda(c *fiber.Ctx) error {
	var v validate.Checker
	format, lang := c.Query("format", "json"), c.Query("lang", "vi")
	v.OneOf("format", format, []string{"json", "ics", "pdf", "html"})
	v.OneOf("lang", lang, []string{"vi", "en"})
	if err := v.Err(); err != nil {
		return err
	}
	a, err := s.d.Schedules.Agenda(c.UserContext(), principal(c), c.Params("id"), c.Query("registration"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	name := "lich-gap-b2b-" + a.Registration.ID
	if lang == "en" {
		name = "b2b-agenda-" + a.Registration.ID
	}
	attach := func(kind, ext string) {
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType(kind, map[string]string{"filename": name + "." + ext}))
	}
	switch format {
	case "ics":
		host := ""
		if u, err := url.Parse(s.d.Config.BaseURL()); err == nil {
			host = u.Hostname()
		}
		attach("attachment", "ics")
		c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
		return c.Send(event.ICS(a, lang, host, s.d.Schedules.Now()))
	case "pdf":
		b, err := paper.PDF(s.d.Schedules.Paper(a, lang))
		if err != nil {
			return err
		}
		attach("inline", "pdf")
		c.Type("pdf")
		return c.Send(b)
	case "html":
		b, err := paper.HTML(s.d.Schedules.Paper(a, lang))
		if err != nil {
			return err
		}
		c.Type("html", "utf-8")
		return c.Send(b)
	}
	return c.JSON(a)
}
