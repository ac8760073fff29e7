package httpapi

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
)

// route is one API endpoint with what the OpenAPI document says about it.
type route struct {
	method, path string // Fiber syntax: /organizations/:id
	summary, tag string
	access       access
	query        []string       // query parameters
	request      string         // request schema name
	responses    map[int]string // status → response schema ("" for none)
	handler      fiber.Handler
}

func (s *Server) registerRoutes(api fiber.Router) {
	for _, r := range append([]route{
		{method: "GET", path: "/config", tag: "platform", summary: "Public settings: province, demo accounts, mail",
			responses: map[int]string{200: "Config"}, handler: s.getConfig},

		{method: "POST", path: "/auth/register", tag: "auth", summary: "Register a person with a new organisation, or through an invitation; the same answer whether the e-mail is new or taken (its owner is told by e-mail); then log in",
			request: "Registration", responses: map[int]string{202: "Registered", 422: "Problem", 429: "Problem"}, handler: s.register},
		{method: "POST", path: "/auth/login", tag: "auth", summary: "Log in with e-mail and password",
			request: "Login", responses: map[int]string{200: "Tokens", 401: "Problem", 429: "Problem"}, handler: s.login},
		{method: "POST", path: "/auth/refresh", tag: "auth", summary: "Exchange a refresh token for a new pair (the old one is spent)",
			request: "Refresh", responses: map[int]string{200: "Tokens", 401: "Problem"}, handler: s.refresh},
		{method: "POST", path: "/auth/logout", tag: "auth", summary: "End the session of a refresh token",
			request: "Refresh", responses: map[int]string{204: ""}, handler: s.logout},
		{method: "GET", path: "/me", tag: "auth", access: user, summary: "The logged-in person, their organisations and roles",
			responses: map[int]string{200: "Me", 401: "Problem"}, handler: s.me},

		{method: "POST", path: "/me/password", tag: "auth", access: user, summary: "Change your password; every other session ends",
			request: "PasswordChange", responses: map[int]string{200: "Tokens", 422: "Problem", 429: "Problem"}, handler: s.changePassword},

		{method: "GET", path: "/organizations", tag: "organizations", access: staff, summary: "Organisations by verification status (officers)",
			query: []string{"status", "page", "pageSize"}, responses: map[int]string{200: "OrganizationList", 403: "Problem"}, handler: s.listOrgs},
		{method: "GET", path: "/organizations/:id", tag: "organizations", access: user, summary: "An organisation with its members (members, officers)",
			responses: map[int]string{200: "Organization", 403: "Problem", 404: "Problem"}, handler: s.getOrg},
		{method: "PATCH", path: "/organizations/:id", tag: "organizations", access: user, summary: "Correct name or kind before verification (owners); a rejected organisation returns to the queue",
			request: "OrganizationUpdate", responses: map[int]string{200: "Organization", 403: "Problem", 409: "Problem", 412: "Problem"}, handler: edit(func(ctx context.Context, p *auth.Principal, id string, in orgUpdateJSON, v int64) (org.Organization, error) {
				return s.d.Orgs.Update(ctx, p, id, in.Name, in.Kind, in.Evidence, v)
			}, s.sendOrg)},
		{method: "POST", path: "/organizations/:id/certificate", tag: "organizations", access: user,
			summary: "Upload the scan of the business registration certificate or establishment decision, replacing the previous one: multipart field \"file\", a PDF or an image (owners, before verification; If-Match optional)",
			request: "Upload", responses: map[int]string{201: "Organization", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadOrgCertificate},
		{method: "DELETE", path: "/organizations/:id/certificate", tag: "organizations", access: user, summary: "Remove the certificate scan (owners, before verification; If-Match optional)",
			responses: map[int]string{204: "", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem"}, handler: s.deleteOrgCertificate},
		{method: "POST", path: "/organizations/:id/verify", tag: "organizations", access: staff, summary: "Verify an organisation (officers; If-Match optional)",
			responses: map[int]string{200: "Organization", 409: "Problem", 412: "Problem"}, handler: s.verifyOrg},
		{method: "POST", path: "/organizations/:id/reject", tag: "organizations", access: staff, summary: "Refuse verification with a reason (officers)",
			request: "Reject", responses: map[int]string{200: "Organization", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: edit(func(ctx context.Context, p *auth.Principal, id string, in org.RejectInput, v int64) (org.Organization, error) {
				return s.d.Orgs.Reject(ctx, p, id, in.Reason, v)
			}, s.sendOrg)},
		{method: "POST", path: "/organizations/:id/invitations", tag: "organizations", access: user, summary: "Invite someone by e-mail (owners)",
			request: "InvitationRequest", responses: map[int]string{201: "Invited", 403: "Problem", 409: "Problem"}, handler: s.invite},
		{method: "DELETE", path: "/organizations/:id/invitations/:invitationId", tag: "organizations", access: user, summary: "Withdraw an invitation (owners)",
			responses: map[int]string{204: "", 403: "Problem", 404: "Problem"}, handler: s.revokeInvitation},
		{method: "DELETE", path: "/organizations/:id/members/:userId", tag: "organizations", access: user, summary: "Remove a member (owners) or leave",
			responses: map[int]string{204: "", 403: "Problem", 409: "Problem"}, handler: s.removeMember},
		{method: "GET", path: "/invitations/:token", tag: "organizations", summary: "What an invitation link is for",
			responses: map[int]string{200: "InvitationInfo", 404: "Problem"}, handler: s.getInvitation},
		{method: "POST", path: "/invitations/accept", tag: "organizations", access: user, summary: "Accept an invitation addressed to your e-mail",
			request: "AcceptInvitation", responses: map[int]string{200: "Accepted", 404: "Problem", 422: "Problem"}, handler: s.acceptInvitation},

		{method: "GET", path: "/users", tag: "users", access: admin, summary: "Accounts, searchable by e-mail or name (admins)",
			query: []string{"q", "page", "pageSize"}, responses: map[int]string{200: "UserList", 403: "Problem"}, handler: s.listUsers},
		{method: "PUT", path: "/users/:id/roles", tag: "users", access: admin, summary: "Set a person's platform roles (admins)",
			request: "Roles", responses: map[int]string{200: "User", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.setRoles},

		{method: "GET", path: "/admin/backups", tag: "operations", access: admin, summary: "Backups kept and the schedule's state: last success, last failure (admins)",
			responses: map[int]string{200: "Backups", 403: "Problem"}, handler: s.listBackups},
		{method: "POST", path: "/admin/backups", tag: "operations", access: admin, summary: "Back up the running server now: database snapshot, files and manifest (admins; embedded mode)",
			responses: map[int]string{201: "BackupEntry", 403: "Problem", 409: "Problem"}, handler: s.createBackup},
		{method: "POST", path: "/admin/exports", tag: "operations", access: admin, summary: "Export everything (JSON Lines per collection, files, manifest) to move to another server (admins)",
			responses: map[int]string{201: "BackupEntry", 403: "Problem", 409: "Problem"}, handler: s.createExport},
		{method: "GET", path: "/audit", tag: "audit", access: staff, summary: "The audit log, newest first (officers, admins)",
			query: []string{"subject", "actor", "action", "page", "pageSize"}, responses: map[int]string{200: "AuditList", 403: "Problem"}, handler: s.listAudit},
	}, slices.Concat(s.resetRoutes(), s.catalogRoutes(), s.fileRoutes(), s.matchingRoutes(), s.transferRoutes(), s.supportRoutes(), s.statisticsRoutes(), s.marketRoutes(), s.planRoutes(), s.synonymRoutes(), s.eventRoutes(), s.scheduleRoutes(), s.meetingsRoutes(), s.showcaseRoutes(), s.tasksSelectionRoutes(), s.executionRoutes(), s.tasksProposalsRoutes())...) {
		s.routes = append(s.routes, r)
		api.Add(r.method, r.path, r.access.check, r.handler)
	}
}

func metricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// allowed lists the methods the route table serves at path (nil when none
// does), for the Allow header of a 405.
func (s *Server) allowed(path string) []string {
	rest, ok := strings.CutPrefix(strings.TrimSuffix(strings.ToLower(path), "/"), "/api/v1")
	if !ok {
		return nil
	}
	got := strings.Split(rest, "/")
	var methods []string
	for _, r := range append(s.routes, route{method: fiber.MethodGet, path: "/openapi.json"}) {
		if matchPattern(r.path, got) && !slices.Contains(methods, r.method) {
			methods = append(methods, r.method)
			if r.method == fiber.MethodGet {
				methods = append(methods, fiber.MethodHead) // Fiber answers HEAD for every GET
			}
		}
	}
	slices.Sort(methods)
	return methods
}

// matchPattern matches a route's pattern (/listings/:id/files) against the
// segments of a path, as Fiber's router does: parameters take any
// non-empty segment.
func matchPattern(pattern string, got []string) bool {
	want := strings.Split(strings.ToLower(pattern), "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if strings.HasPrefix(w, ":") {
			if got[i] == "" {
				return false
			}
		} else if w != got[i] {
			return false
		}
	}
	return true
}

// noRoute answers a path under /api that no route took: 405 with Allow
// when the path exists for other methods, 404 otherwise.
func (s *Server) noRoute(c *fiber.Ctx) error {
	if methods := s.allowed(c.Path()); len(methods) > 0 {
		c.Set(fiber.HeaderAllow, strings.Join(methods, ", "))
		return fiber.ErrMethodNotAllowed
	}
	return fiber.ErrNotFound
}

// configJSON is what the SPA needs to know before anyone logs in.
type configJSON struct {
	Province     map[string]string `json:"province"`
	Demo         bool              `json:"demo"`
	DemoAccounts []DemoAccount     `json:"demoAccounts,omitempty"`
	DemoPassword string            `json:"demoPassword,omitempty"`
	SMTP         bool              `json:"smtp"`
	Version      string            `json:"version"`
}

func (s *Server) getConfig(c *fiber.Ctx) error {
	out := configJSON{
		Province: map[string]string{"vi": s.d.Config.ProvinceVI, "en": s.d.Config.ProvinceEN},
		SMTP:     s.d.Mail, Version: s.d.Version,
	}
	if s.d.Demo != nil {
		out.Demo, out.DemoAccounts, out.DemoPassword = true, s.d.Demo.Accounts, s.d.Demo.Password
	}
	return c.JSON(out)
}

// registrationAcceptedJSON is the one answer to a valid sign-up, whether
// the e-mail was new or already had an account: the client logs in next.
type registrationAcceptedJSON struct {
	Status string `json:"status"` // always "accepted"
}

func (s *Server) register(c *fiber.Ctx) error {
	var in account.Registration
	err := decode(c, &in)
	if err == nil {
		err = s.d.Accounts.Register(c.UserContext(), in, clientIP(c, s.d.Config.TrustProxy))
	}
	s.signups.WithLabelValues(signupOutcome(err)).Inc()
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(registrationAcceptedJSON{Status: "accepted"})
}

// newSignupCounter registers the count of sign-ups by outcome, so an
// operator sees a burst (and the limit refusing it) on the dashboard.
func newSignupCounter(reg prometheus.Registerer) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "techmart_signups_total",
		Help: "Sign-ups by outcome: accepted (new or taken e-mail alike), invalid, limited (too many from one address), failed.",
	}, []string{"outcome"})
	reg.MustRegister(c)
	return c
}

func signupOutcome(err error) string {
	if err == nil {
		return "accepted"
	}
	e, ok := errs.As(err)
	switch {
	case ok && e.Kind == errs.TooMany:
		return "limited"
	case ok && (e.Kind == errs.Invalid || e.Kind == errs.Malformed || e.Kind == errs.TooLarge):
		return "invalid"
	default:
		return "failed"
	}
}

type loginJSON struct {
	Email    string `json:"email" rule:"required"`
	Password string `json:"password" rule:"required"`
}

func (s *Server) login(c *fiber.Ctx) error {
	var in loginJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	if in.Email == "" || in.Password == "" {
		return auth.ErrInvalidCredentials
	}
	t, err := s.d.Auth.Login(c.UserContext(), in.Email, in.Password, clientIP(c, s.d.Config.TrustProxy), c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(t)
}

type refreshJSON struct {
	RefreshToken string `json:"refreshToken" rule:"required"`
}

func (s *Server) refresh(c *fiber.Ctx) error {
	var in refreshJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.d.Auth.Refresh(c.UserContext(), in.RefreshToken)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(t)
}

func (s *Server) logout(c *fiber.Ctx) error {
	var in refreshJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := s.d.Auth.Logout(c.UserContext(), in.RefreshToken); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) me(c *fiber.Ctx) error {
	p := principal(c)
	orgs, err := s.d.Orgs.ForUser(c.UserContext(), p.User)
	if err != nil {
		return err
	}
	return c.JSON(toMeJSON(p.User, orgs))
}

type passwordJSON struct {
	CurrentPassword string `json:"currentPassword" rule:"required"`
	NewPassword     string `json:"newPassword" rule:"required"`
}

func (s *Server) changePassword(c *fiber.Ctx) error {
	var in passwordJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.d.Auth.ChangePassword(c.UserContext(), principal(c), in.CurrentPassword, in.NewPassword,
		clientIP(c, s.d.Config.TrustProxy), c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(t)
}

func (s *Server) listOrgs(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	status := c.Query("status")
	if status != "" {
		if err := oneOf("status", status, org.Statuses); err != nil {
			return err
		}
	}
	items, total, err := s.d.Orgs.List(c.UserContext(), principal(c), status, pg, size)
	if err != nil {
		return err
	}
	out := list[orgJSON]{Items: make([]orgJSON, 0, len(items)), Total: total, Page: pg, PageSize: size}
	shared, err := s.sharedTaxCodes(c.UserContext(), principal(c), items...)
	if err != nil {
		return err
	}
	for _, o := range items {
		out.Items = append(out.Items, withEvidence(toOrgJSON(o), o, shared))
	}
	return c.JSON(out)
}

func (s *Server) getOrg(c *fiber.Ctx) error {
	p := principal(c)
	o, err := s.d.Orgs.View(c.UserContext(), p, c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendOrg(c, p, o)
}

type orgUpdateJSON struct {
	Name string `json:"name" rule:"required"`
	Kind string `json:"kind" rule:"required,enum=RegisterKind"`
	// Evidence, when sent, replaces the organisation's evidence.
	Evidence *org.Evidence `json:"evidence"`
}

func (s *Server) verifyOrg(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	o, err := s.d.Orgs.Verify(c.UserContext(), principal(c), c.Params("id"), v)
	if err != nil {
		return err
	}
	return s.sendOrg(c, principal(c), o)
}

type inviteJSON struct {
	Email string `json:"email" rule:"required"`
	Role  string `json:"role" rule:"required,enum=OrgRole"`
}

func (s *Server) invite(c *fiber.Ctx) error {
	var in inviteJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := s.d.Orgs.Invite(c.UserContext(), principal(c), c.Params("id"), in.Email, in.Role)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(invitedJSON{
		Invitation: toInvitationJSON(res.Invitation), AcceptURL: res.AcceptURL, EmailSent: res.EmailSent,
	})
}

func (s *Server) revokeInvitation(c *fiber.Ctx) error {
	if err := s.d.Orgs.RevokeInvitation(c.UserContext(), principal(c), c.Params("id"), c.Params("invitationId")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) removeMember(c *fiber.Ctx) error {
	if err := s.d.Orgs.RemoveMember(c.UserContext(), principal(c), c.Params("id"), c.Params("userId")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) getInvitation(c *fiber.Ctx) error {
	o, inv, err := s.d.Orgs.Invitation(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(invitationInfoJSON{
		Organization: catalog.OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind},
		Email:        inv.Email, Role: inv.Role, ExpiresAt: inv.ExpiresAt,
	})
}

type acceptJSON struct {
	Token string `json:"token" rule:"required"`
}

func (s *Server) acceptInvitation(c *fiber.Ctx) error {
	var in acceptJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	o, err := s.d.Orgs.Accept(c.UserContext(), principal(c).User, in.Token)
	if err != nil {
		return err
	}
	return c.JSON(acceptedJSON{Organization: toOrgJSON(o)})
}

func (s *Server) listUsers(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	items, total, err := s.d.Auth.ListUsers(c.UserContext(), c.Query("q"), pg, size)
	if err != nil {
		return err
	}
	out := list[userJSON]{Items: make([]userJSON, 0, len(items)), Total: total, Page: pg, PageSize: size}
	for _, u := range items {
		out.Items = append(out.Items, toUserJSON(u))
	}
	return c.JSON(out)
}

type rolesJSON struct {
	Roles []string `json:"roles" rule:"required,enum=PlatformRole"`
}

func (s *Server) setRoles(c *fiber.Ctx) error {
	var in rolesJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	u, err := s.d.Auth.SetRoles(c.UserContext(), principal(c), c.Params("id"), in.Roles, v)
	if err != nil {
		return err
	}
	setETag(c, u.Version)
	return c.JSON(toUserJSON(u))
}

func (s *Server) listAudit(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	items, total, err := s.d.Audit.List(c.UserContext(), audit.Filter{
		Subject: c.Query("subject"), Actor: c.Query("actor"), Action: c.Query("action"), Page: pg, Size: size,
	})
	if err != nil {
		return err
	}
	return c.JSON(list[audit.Entry]{Items: items, Total: total, Page: pg, PageSize: size})
}
