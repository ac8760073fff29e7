package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/apischema"
)

// resetRoutes are the password-reset endpoints.
func (s *Server) resetRoutes() []route {
	return []route{
		{method: "POST", path: "/auth/password-reset", tag: "auth", summary: "Ask for a password-reset link by e-mail; the same 202 whether or not the address has an account (limited per address and per e-mail)",
			request: "PasswordResetRequest", responses: map[int]string{202: "Registered", 422: "Problem", 429: "Problem"}, handler: s.requestReset},
		{method: "POST", path: "/auth/password-reset/confirm", tag: "auth", summary: "Set a new password with a reset link's token (single use, 30 minutes); every session of the account ends",
			request: "PasswordResetConfirm", responses: map[int]string{204: "", 422: "Problem"}, handler: s.confirmReset},
		{method: "POST", path: "/users/:id/password-reset", tag: "users", access: staff, summary: "Issue a password-reset link for a person (officers: accounts without platform roles; admins: anyone but themselves); the link is shown once when no mail server is configured, e-mailed otherwise",
			responses: map[int]string{201: "IssuedReset", 403: "Problem", 404: "Problem"}, handler: s.issueReset},
	}
}

func resetSchemas(r *apischema.Registry) {
	apischema.Request[resetRequestJSON](r, "PasswordResetRequest")
	apischema.Request[resetConfirmJSON](r, "PasswordResetConfirm")
	apischema.Response[account.IssuedReset](r, "IssuedReset")
}

type resetRequestJSON struct {
	Email string `json:"email" rule:"required"`
}

type resetConfirmJSON struct {
	Token    string `json:"token" rule:"required"`
	Password string `json:"password" rule:"required"`
}

func (s *Server) requestReset(c *fiber.Ctx) error {
	var in resetRequestJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := s.d.Accounts.RequestPasswordReset(c.UserContext(), in.Email, clientIP(c, s.d.Config.TrustProxy)); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(registrationAcceptedJSON{Status: "accepted"})
}

func (s *Server) confirmReset(c *fiber.Ctx) error {
	var in resetConfirmJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := s.d.Auth.ResetPassword(c.UserContext(), in.Token, in.Password); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) issueReset(c *fiber.Ctx) error {
	out, err := s.d.Accounts.IssuePasswordReset(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(out)
}
