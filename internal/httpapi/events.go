package httpapi

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) eventRoutes() []route {
	return []route{
		{method: "GET", path: "/events", tag: "events", summary: "Events: published ones for everyone, drafts too for officers; when=upcoming (soonest first) or past (latest first)",
			query: []string{"state", "when", "page", "pageSize"}, responses: map[int]string{200: "EventList", 422: "Problem"}, handler: s.listEvents},
		{method: "POST", path: "/events", tag: "events", access: staff, summary: "Create a draft event: fair, online techmart, hybrid, matchmaking day or demonstration, with its booth plan and meeting settings (officers)",
			request: "EventInput", responses: map[int]string{201: "Event", 403: "Problem", 422: "Problem"}, handler: s.createEvent},
		{method: "GET", path: "/events/:id", tag: "events", summary: "An event with its booths left and what the caller may do (drafts for officers only)",
			responses: map[int]string{200: "Event", 404: "Problem"}, handler: s.getEvent},
		{method: "PATCH", path: "/events/:id", tag: "events", access: staff, summary: "Change an event (officers; If-Match); booths already given cannot be taken off the plan (422 booth_in_use)",
			request: "EventInput", responses: map[int]string{200: "Event", 403: "Problem", 404: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updateEvent},
		{method: "POST", path: "/events/:id/publish", tag: "events", access: staff, summary: "Publish a complete draft event (officers; If-Match optional)",
			responses: map[int]string{200: "Event", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.publishEvent},
		{method: "POST", path: "/events/:id/cancel", tag: "events", access: staff, summary: "Call an event off with a reason those registered are told (officers; If-Match optional); a published one stays readable, marked cancelled",
			request: "EventCancelInput", responses: map[int]string{200: "Event", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.cancelEvent},
		{method: "GET", path: "/events/:id/registrations", tag: "events", access: user, summary: "An event's registrations, oldest first: all for officers (state, role), your organisations' for others",
			query: []string{"state", "role", "page", "pageSize"}, responses: map[int]string{200: "EventRegistrationList", 404: "Problem", 422: "Problem"}, handler: s.listEventRegistrations},
		{method: "POST", path: "/events/:id/registrations", tag: "events", access: user, summary: "Register a verified organisation as exhibitor (booth type, listings shown), participant (needs brought) or inventor (a free booth) while registration is open (409 registration_closed, already_registered)",
			request: "EventRegistrationInput", responses: map[int]string{201: "EventRegistration", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.registerForEvent},
		{method: "GET", path: "/events/:id/registrations/:rid", tag: "events", access: user, summary: "A registration (its organisation, officers)",
			responses: map[int]string{200: "EventRegistration", 404: "Problem"}, handler: s.getEventRegistration},
		{method: "POST", path: "/events/:id/registrations/:rid/approve", tag: "events", access: staff, summary: "Approve a registration (officers; If-Match optional): a booth number is assigned, or the registration waits for one when its type has none left",
			responses: map[int]string{200: "EventRegistration", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem"}, handler: s.registrationStep(s.d.Events.Approve)},
		{method: "POST", path: "/events/:id/registrations/:rid/reject", tag: "events", access: staff, summary: "Refuse a pending or waitlisted registration with a reason (officers; If-Match optional)",
			request: "EventReject", responses: map[int]string{200: "EventRegistration", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.rejectEventRegistration},
		{method: "POST", path: "/events/:id/registrations/:rid/withdraw", tag: "events", access: user, summary: "Withdraw your organisation's registration (If-Match optional); its booth goes to the first on the waiting list",
			responses: map[int]string{200: "EventRegistration", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem"}, handler: s.registrationStep(s.d.Events.Withdraw)},
	}
}

func eventSchemas(r *apischema.Registry) {
	r.Enum("EventKind", event.Kinds)
	r.Enum("EventRole", event.Roles)
	apischema.Request[event.EventInput](r, "EventInput")
	apischema.Response[event.EventView](r, "Event")
	apischema.Response[list[event.EventView]](r, "EventList")
	apischema.Request[event.RegistrationInput](r, "EventRegistrationInput")
	apischema.Response[event.RegistrationView](r, "EventRegistration")
	apischema.Response[list[event.RegistrationView]](r, "EventRegistrationList")
	apischema.Request[event.RejectInput](r, "EventReject")
	apischema.Request[event.CancelInput](r, "EventCancelInput")
}

func sendEvent(c *fiber.Ctx, status int, e event.EventView) error {
	setETag(c, e.Version)
	return c.Status(status).JSON(e)
}

func sendRegistration(c *fiber.Ctx, status int, r event.RegistrationView) error {
	setETag(c, r.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(r)
}

func (s *Server) listEvents(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	state, when := c.Query("state"), c.Query("when")
	var v validate.Checker
	if state != "" {
		v.OneOf("state", state, event.States)
	}
	if when != "" {
		v.OneOf("when", when, event.Whens)
	}
	if err := v.Err(); err != nil {
		return err
	}
	items, total, err := s.d.Events.List(c.UserContext(), principal(c), state, when, pg, size)
	if err != nil {
		return err
	}
	return c.JSON(list[event.EventView]{Items: items, Total: int64(total), Page: pg, PageSize: size})
}

func (s *Server) createEvent(c *fiber.Ctx) error {
	var in event.EventInput
	if err := decode(c, &in); err != nil {
		return err
	}
	e, err := s.d.Events.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return sendEvent(c, fiber.StatusCreated, e)
}

func (s *Server) getEvent(c *fiber.Ctx) error {
	e, err := s.d.Events.View(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendEvent(c, fiber.StatusOK, e)
}

func (s *Server) updateEvent(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in event.EventInput
	if err := decode(c, &in); err != nil {
		return err
	}
	e, err := s.d.Events.Update(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return sendEvent(c, fiber.StatusOK, e)
}

func (s *Server) publishEvent(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	e, err := s.d.Events.Publish(c.UserContext(), principal(c), c.Params("id"), v)
	if err != nil {
		return err
	}
	return sendEvent(c, fiber.StatusOK, e)
}

func (s *Server) cancelEvent(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in event.CancelInput
	if err := decode(c, &in); err != nil {
		return err
	}
	e, err := s.d.Events.Cancel(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return sendEvent(c, fiber.StatusOK, e)
}

func (s *Server) listEventRegistrations(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	state, role := c.Query("state"), c.Query("role")
	var v validate.Checker
	if state != "" {
		v.OneOf("state", state, event.RegStates)
	}
	if role != "" {
		v.OneOf("role", role, event.Roles)
	}
	if err := v.Err(); err != nil {
		return err
	}
	items, total, err := s.d.Events.ListRegistrations(c.UserContext(), principal(c), c.Params("id"), state, role, pg, size)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(list[event.RegistrationView]{Items: items, Total: int64(total), Page: pg, PageSize: size})
}

func (s *Server) registerForEvent(c *fiber.Ctx) error {
	var in event.RegistrationInput
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.Events.Register(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return sendRegistration(c, fiber.StatusCreated, r)
}

func (s *Server) getEventRegistration(c *fiber.Ctx) error {
	r, err := s.d.Events.GetRegistration(c.UserContext(), principal(c), c.Params("id"), c.Params("rid"))
	if err != nil {
		return err
	}
	return sendRegistration(c, fiber.StatusOK, r)
}

func (s *Server) rejectEventRegistration(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in event.RejectInput
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.d.Events.Reject(c.UserContext(), principal(c), c.Params("id"), c.Params("rid"), in, v)
	if err != nil {
		return err
	}
	return sendRegistration(c, fiber.StatusOK, r)
}

// registrationStep is a step on a registration without a body.
func (s *Server) registrationStep(fn func(ctx context.Context, p *auth.Principal, eventID, id string, ifVersion int64) (event.RegistrationView, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		r, err := fn(c.UserContext(), principal(c), c.Params("id"), c.Params("rid"), v)
		if err != nil {
			return err
		}
		return sendRegistration(c, fiber.StatusOK, r)
	}
}
