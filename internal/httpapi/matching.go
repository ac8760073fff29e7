package httpapi

import (
	"context"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/pipeline"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) matchingRoutes() []route {
	conn := func(verb, summary, request string, h fiber.Handler) route {
		return route{method: "POST", path: "/connections/:id/" + verb, tag: "connections", access: user, summary: summary, request: request,
			responses: map[int]string{200: "Connection", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: h}
	}
	return []route{
		{method: "GET", path: "/listings/:id/matches", tag: "matching", summary: "For the listing's organisation and officers, suggested matches (offers for a need, needs for an offer) with score and reasons; for anyone else, similar listings",
			query: []string{"limit"}, responses: map[int]string{200: "Matches", 404: "Problem"}, handler: s.matches},
		{method: "POST", path: "/matches", tag: "matching", access: staff, summary: "Propose a need–offer pair by hand (officers)",
			request: "MatchProposal", responses: map[int]string{201: "Proposal", 409: "Problem", 422: "Problem"}, handler: s.proposeMatch},
		{method: "POST", path: "/listings/:id/interests", tag: "connections", access: user, summary: "Express your organisation's interest in a published listing",
			request: "Interest", responses: map[int]string{201: "Connection", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.expressInterest},
		{method: "GET", path: "/connections", tag: "connections", access: user, summary: "Your organisations' connections (scope=mine) or all of them (scope=all, officers)",
			query: []string{"scope", "state", "stale", "listingId", "sector", "page", "pageSize"}, responses: map[int]string{200: "ConnectionList", 403: "Problem", 422: "Problem"}, handler: s.listConnections},
		{method: "GET", path: "/connections/:id", tag: "connections", access: user, summary: "A connection (its parties, its broker, officers)",
			responses: map[int]string{200: "Connection", 404: "Problem"}, handler: s.getConnection},
		conn("accept", "Accept an interest (the listing's organisation); a need's confidential details open to the party", "", s.connStep(s.d.Conns.Accept)),
		conn("decline", "Decline an interest with a reason the requester learns", "Decision", s.connDecide(s.d.Conns.Decline)),
		conn("negotiate", "Mark an accepted connection as negotiating", "", s.connStep(s.d.Conns.Negotiate)),
		conn("agree", "Record that the parties agreed", "", s.connStep(s.d.Conns.Agree)),
		conn("close", "Close without a deal (or withdraw a request)", "Decision", s.connDecide(s.d.Conns.Close)),
		{method: "GET", path: "/connections/:id/messages", tag: "connections", access: user, summary: "A connection's messages, oldest first",
			responses: map[int]string{200: "Messages", 404: "Problem"}, handler: s.listMessages},
		{method: "POST", path: "/connections/:id/messages", tag: "connections", access: user, summary: "Write in a connection's thread",
			request: "MessageInput", responses: map[int]string{201: "Message", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.postMessage},

		{method: "GET", path: "/notifications", tag: "notifications", access: user, summary: "Your notifications, newest first, with the unread count",
			query: []string{"page", "pageSize"}, responses: map[int]string{200: "Notifications"}, handler: s.listNotifications},
		{method: "GET", path: "/notifications/unread", tag: "notifications", access: user, summary: "How many notifications you have not read",
			responses: map[int]string{200: "Unread"}, handler: s.unread},
		{method: "POST", path: "/notifications/read", tag: "notifications", access: user, summary: "Mark notifications read (ids, or all)",
			request: "MarkRead", responses: map[int]string{200: "Unread", 422: "Problem"}, handler: s.markRead},
		{method: "GET", path: "/me/notification-preferences", tag: "notifications", access: user, summary: "Which notifications also come by e-mail",
			responses: map[int]string{200: "NotificationPreferences"}, handler: s.getPrefs},
		{method: "PUT", path: "/me/notification-preferences", tag: "notifications", access: user, summary: "Choose which notifications also come by e-mail",
			request: "NotificationPreferences", responses: map[int]string{200: "NotificationPreferences", 422: "Problem"}, handler: s.putPrefs},

		{method: "GET", path: "/pipeline", tag: "connections", access: staff, summary: "Connections and transfers by stage, conversion, registration (officers)",
			query: []string{"sector", "from", "to"}, responses: map[int]string{200: "Pipeline", 403: "Problem", 422: "Problem"}, handler: s.pipeline},
	}
}

type reasonJSON struct {
	matchingReason
	Text string `json:"text"`
}

type matchingReason = struct {
	Code     string            `json:"code"`
	Params   map[string]string `json:"params,omitempty"`
	Positive bool              `json:"positive"`
}

type matchJSON struct {
	Listing hitJSON `json:"listing"`
	// Score is 0–100 for a match; 0 for a similar listing (not scored).
	Score   int          `json:"score"`
	Reasons []reasonJSON `json:"reasons"`
	// Can says what the reader may do with this match: express the
	// listing's organisation's interest in it (its members, when verified).
	Can struct {
		Interest bool `json:"interest"`
	} `json:"can"`
	Proposed *struct {
		Note string    `json:"note"`
		At   time.Time `json:"at"`
	} `json:"proposed,omitempty"`
}

func (s *Server) matches(c *fiber.Ctx) error {
	var v validate.Checker
	limit := queryInt(c, &v, "limit", 10, 1, 50)
	if err := v.Err(); err != nil {
		return err
	}
	ctx, p := c.UserContext(), principal(c)
	l, err := s.d.Catalog.Get(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	// A published listing's matches are public (they show public listings
	// only); a draft's are for its organisation and officers.
	if !l.Public() || l.Expired(s.d.Catalog.Now()) {
		if _, full, err := s.d.Catalog.View(ctx, p, l.ID); err != nil {
			return err
		} else if !full {
			return catalog.ErrNotFound
		}
	}
	// Matches are for the listing's organisation and for officers, who
	// broker pairs; anyone else sees similar listings instead.
	audience, interest := audienceOf(ctx, s.d.Orgs, p, l)
	var ms []matching.Match
	if audience == audienceVisitor {
		ms, err = s.d.Matching.Similar(ctx, l, int(limit))
	} else {
		ms, err = s.d.Matching.For(ctx, l, int(limit))
	}
	if err != nil {
		return errSearchDown.Wrap(err)
	}
	lang := language(c.Get(fiber.HeaderAcceptLanguage))
	tax := s.d.Catalog.Taxonomy()
	out := make([]matchJSON, 0, len(ms))
	for _, m := range ms {
		j := matchJSON{Listing: toHit(m.Doc, nil), Score: m.Score, Reasons: make([]reasonJSON, 0, len(m.Reasons))}
		j.Can.Interest = interest
		for _, r := range m.Reasons {
			j.Reasons = append(j.Reasons, reasonJSON{matchingReason{r.Code, r.Params, r.Positive}, r.Text(tax, lang)})
		}
		if m.Proposal != nil {
			j.Proposed = &struct {
				Note string    `json:"note"`
				At   time.Time `json:"at"`
			}{m.Proposal.Note, m.Proposal.At}
		}
		out = append(out, j)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(matchesJSON{Audience: audience, Matches: out})
}

// Who a listing's matches section is for.
const (
	audienceOwner   = "owner"   // a member of the listing's organisation: its matches
	audienceOfficer = "officer" // the department: its matches, to propose pairs
	audienceVisitor = "visitor" // anyone else: similar listings
)

// audienceOf tells who p is to l's matches, and whether they may express
// interest in a match on behalf of l's organisation: its members may when
// it is verified and not the department.
func audienceOf(ctx context.Context, orgs *org.Service, p *auth.Principal, l catalog.Listing) (string, bool) {
	switch {
	case p != nil && slices.Contains(p.User.Orgs, l.OrgID):
		o, err := orgs.Get(ctx, l.OrgID)
		return audienceOwner, err == nil && o.Status == org.StatusVerified && o.Kind != org.KindDepartment
	case p != nil && p.User.HasRole(auth.RoleOfficer, auth.RoleAdmin):
		return audienceOfficer, false
	}
	return audienceVisitor, false
}

func (s *Server) proposeMatch(c *fiber.Ctx) error {
	var in matching.ProposalInput
	if err := decode(c, &in); err != nil {
		return err
	}
	pr, err := s.d.Matching.Propose(c.UserContext(), principal(c), in.NeedID, in.OfferID, in.Note)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(pr)
}

type connectionJSON struct {
	connection.Connection
	Stale bool           `json:"stale"`
	Can   connection.Can `json:"can"`
}

func (s *Server) toConnection(p *auth.Principal, cn connection.Connection) connectionJSON {
	if cn.Sectors == nil {
		cn.Sectors = []string{}
	}
	return connectionJSON{Connection: cn, Stale: cn.Stale(s.d.Conns.Now()), Can: connection.CanOf(p, &cn)}
}

func (s *Server) sendConnection(c *fiber.Ctx, status int, cn connection.Connection) error {
	setETag(c, cn.Version)
	return c.Status(status).JSON(s.toConnection(principal(c), cn))
}

func (s *Server) expressInterest(c *fiber.Ctx) error {
	var in connection.Interest
	if err := decode(c, &in); err != nil {
		return err
	}
	cn, err := s.d.Conns.Express(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return s.sendConnection(c, fiber.StatusCreated, cn)
}

func (s *Server) listConnections(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := connection.Filter{Page: pg, Size: size, State: c.Query("state"), ListingID: c.Query("listingId"), All: scopeAll(c, &v)}
	f.Sector = c.Query("sector")
	switch c.Query("stale") {
	case "", "false":
	case "true":
		f.Stale = true
	default:
		v.Add("stale", "invalid_choice", "choices", []string{"true", "false"})
	}
	if f.State != "" {
		v.OneOf("state", f.State, connection.States)
	}
	if err := v.Err(); err != nil {
		return err
	}
	p := principal(c)
	items, total, err := s.d.Conns.List(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	out := make([]connectionJSON, 0, len(items))
	for _, cn := range items {
		out = append(out, s.toConnection(p, cn))
	}
	return c.JSON(list[connectionJSON]{Items: out, Total: int64(total), Page: pg, PageSize: size})
}

func (s *Server) getConnection(c *fiber.Ctx) error {
	cn, err := s.d.Conns.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendConnection(c, fiber.StatusOK, cn)
}

func (s *Server) connStep(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (connection.Connection, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, cn connection.Connection) error {
		return s.sendConnection(c, fiber.StatusOK, cn)
	})
}

func (s *Server) connDecide(fn func(ctx context.Context, p *auth.Principal, id string, d connection.Decision, ifVersion int64) (connection.Connection, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		var d connection.Decision
		if len(c.Body()) > 0 {
			if err := decode(c, &d); err != nil {
				return err
			}
		}
		cn, err := fn(c.UserContext(), principal(c), c.Params("id"), d, v)
		if err != nil {
			return err
		}
		return s.sendConnection(c, fiber.StatusOK, cn)
	}
}

func (s *Server) listMessages(c *fiber.Ctx) error {
	ms, err := s.d.Conns.Messages(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(messagesJSON{Items: ms})
}

func (s *Server) postMessage(c *fiber.Ctx) error {
	var in connection.MessageInput
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := s.d.Conns.Post(c.UserContext(), principal(c), c.Params("id"), in.Body)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(m)
}

func (s *Server) listNotifications(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	items, total, unread, err := s.d.Notify.List(c.UserContext(), principal(c).User.ID, language(c.Get(fiber.HeaderAcceptLanguage)), pg, size)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(notificationsJSON{Items: items, Total: total, Unread: unread, Page: pg, PageSize: size})
}

func (s *Server) unread(c *fiber.Ctx) error {
	n, err := s.d.Notify.Unread(c.UserContext(), principal(c).User.ID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(unreadJSON{Unread: n})
}

func (s *Server) markRead(c *fiber.Ctx) error {
	var in markReadJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	if !in.All && len(in.IDs) == 0 {
		return errs.Field("ids", "required")
	}
	if len(in.IDs) > notify.MaxItems {
		return errs.Field("ids", "too_many", "max", notify.MaxItems)
	}
	n, err := s.d.Notify.MarkRead(c.UserContext(), principal(c).User.ID, in.IDs, in.All)
	if err != nil {
		return err
	}
	return c.JSON(unreadJSON{Unread: n})
}

func (s *Server) getPrefs(c *fiber.Ctx) error {
	ch, err := s.d.Notify.EmailChoices(c.UserContext(), principal(c).User.ID)
	if err != nil {
		return err
	}
	return c.JSON(prefsJSON{Email: ch})
}

func (s *Server) putPrefs(c *fiber.Ctx) error {
	var in prefsJSON
	if err := decode(c, &in); err != nil {
		return err
	}
	var v validate.Checker
	if in.Email == nil {
		v.Add("email", "required")
	}
	for k := range in.Email {
		v.OneOf("email."+k, k, notify.EmailTopics)
	}
	if err := v.Err(); err != nil {
		return err
	}
	ch, err := s.d.Notify.SetEmailChoices(c.UserContext(), principal(c).User.ID, in.Email)
	if err != nil {
		return err
	}
	return c.JSON(prefsJSON{Email: ch})
}

// period reads from/to (YYYY-MM-DD, days in Vietnam's time zone; to is
// inclusive).
func period(c *fiber.Ctx, v *validate.Checker) (time.Time, time.Time) {
	from, _ := v.Date("from", c.Query("from"))
	to, ok := v.Date("to", c.Query("to"))
	if ok {
		to = to.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		v.Add("to", "before_from")
	}
	shift := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.Add(-7 * time.Hour) // midnight in Hanoi, in UTC
	}
	return shift(from), shift(to)
}

func (s *Server) pipeline(c *fiber.Ctx) error {
	var v validate.Checker
	sector := c.Query("sector")
	if sector != "" {
		v.OneOf("sector", sector, taxonomy.Codes(s.d.Catalog.Taxonomy().Sectors))
	}
	from, to := period(c, &v)
	if err := v.Err(); err != nil {
		return err
	}
	sc := connection.Scope{Sector: sector, From: from, To: to}
	r, err := pipeline.Source{Connections: s.d.Conns, Transfers: s.d.Transfers}.Report(c.UserContext(), sc, s.d.Conns.Now())
	if err != nil {
		return err
	}
	return c.JSON(r)
}

// scopeAll reads ?scope=mine|all (mine by default); all is for officers,
// which the service checks.
func scopeAll(c *fiber.Ctx, v *validate.Checker) bool {
	switch c.Query("scope", "mine") {
	case "mine":
		return false
	case "all":
		return true
	}
	v.Add("scope", "invalid_choice", "choices", []string{"mine", "all"})
	return false
}
