package httpapi

import (
	"context"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/qr"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) meetingsRoutes() []route {
	step := func(verb, summary, request string, h fiber.Handler) route {
		return route{method: "POST", path: "/events/:id/meetings/:mid/" + verb, tag: "events", access: user, summary: summary, request: request,
			responses: map[int]string{200: "EventMeeting", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: h}
	}
	return []route{
		{method: "GET", path: "/events/:id/meetings", tag: "events", access: user,
			summary: "An event's B2B meetings: your organisations' requests in and out (scope=mine), or all of them (scope=all, officers); with your registration and the others you may ask",
			query:   []string{"scope", "state"}, responses: map[int]string{200: "EventMeetingList", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.listMeetings},
		{method: "POST", path: "/events/:id/meetings", tag: "events", access: user,
			summary: "Ask another approved registration of the event for a meeting, with a short message (one open meeting per pair); the other side is told",
			request: "EventMeetingInput", responses: map[int]string{201: "EventMeeting", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.requestMeeting},
		step("accept", "Accept a meeting request (the organisation asked); both sides are told", "", s.meetingStep(func(ctx context.Context, p *auth.Principal, e, id string, _ *fiber.Ctx, v int64) (event.Meeting, error) {
			return s.d.Meetings.Accept(ctx, p, e, id, v)
		})),
		step("decline", "Decline a meeting request with an optional reason the asker reads", "EventMeetingReason", s.meetingStep(func(ctx context.Context, p *auth.Principal, e, id string, c *fiber.Ctx, v int64) (event.Meeting, error) {
			var in event.DeclineInput
			if err := decodeOptional(c, &in); err != nil {
				return event.Meeting{}, err
			}
			return s.d.Meetings.Decline(ctx, p, e, id, in, v)
		})),
		step("cancel", "Withdraw a request (the asker) or call off an accepted meeting (either side, officers)", "EventMeetingReason", s.meetingStep(func(ctx context.Context, p *auth.Principal, e, id string, c *fiber.Ctx, v int64) (event.Meeting, error) {
			var in event.DeclineInput
			if err := decodeOptional(c, &in); err != nil {
				return event.Meeting{}, err
			}
			return s.d.Meetings.Cancel(ctx, p, e, id, in, v)
		})),
		step("outcome", "Record how an accepted meeting went (either side, from the event's first day): held or no-show, interest, next step", "MeetingOutcomeInput", s.meetingStep(func(ctx context.Context, p *auth.Principal, e, id string, c *fiber.Ctx, v int64) (event.Meeting, error) {
			var in event.OutcomeInput
			if err := decode(c, &in); err != nil {
				return event.Meeting{}, err
			}
			return s.d.Meetings.RecordOutcome(ctx, p, e, id, in, v)
		})),
		{method: "GET", path: "/events/:id/suggestions", tag: "events", access: user,
			summary: "Who to meet: the event's approved registrations whose offers fit your registration's needs, or whose needs fit its offers, scored by the matching module",
			query:   []string{"registrationId", "limit"}, responses: map[int]string{200: "EventSuggestions", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.meetingSuggestions},
		{method: "GET", path: "/events/:id/registrations/:rid/badge", tag: "events", access: user,
			summary: "A registration's badge: its check-in code as a QR code, format=svg (default), png or json (the code as text); the registration's organisation and officers",
			query:   []string{"format"}, responses: map[int]string{200: "EventBadge", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.badge},
		{method: "POST", path: "/events/:id/checkins", tag: "events", access: staff,
			summary: "Check in the registration whose badge carries the code (officers, from the event's first day): 201 the first time, 200 with the first check-in after that",
			request: "CheckInInput", responses: map[int]string{200: "CheckIn", 201: "CheckIn", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.checkIn},
		{method: "GET", path: "/events/:id/checkins", tag: "events", access: staff,
			summary:   "Check-ins so far: approved registrations, checked in, the latest (officers)",
			responses: map[int]string{200: "CheckInSummary", 403: "Problem", 404: "Problem"}, handler: s.checkIns},
		{method: "GET", path: "/events/:id/deals", tag: "events", access: user,
			summary:   "The event's deal log — MoUs and contracts — newest first: all for officers, a party's own for its members",
			responses: map[int]string{200: "EventDealList", 404: "Problem"}, handler: s.listDeals},
		{method: "POST", path: "/events/:id/deals", tag: "events", access: user,
			summary: "Record an MoU or a contract signed at the event or later from a meeting there (its parties, officers); on the spot when signed within the event's days",
			request: "EventDealInput", responses: map[int]string{201: "EventDeal", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.recordDeal},
		{method: "POST", path: "/events/:id/deals/:did/transfer", tag: "events", access: user,
			summary: "Make a transfer record of a deal's contract (its parties, officers; once): parties, listing, form, value and day come from the deal",
			request: "EventDealTransferInput", responses: map[int]string{201: "EventDealTransfer", 403: "Problem", 404: "Problem", 409: "Problem", 422: "Problem"}, handler: s.dealTransfer},
	}
}

// meetingSchemas names the wire types of meetings, check-ins and deals.
func meetingSchemas(r *apischema.Registry) {
	r.Enum("MeetingState", event.MeetStates)
	r.Enum("MeetingOutcome", event.Outcomes)
	r.Enum("DealKind", event.DealKinds)
	apischema.Request[event.MeetingInput](r, "EventMeetingInput")
	apischema.Request[event.DeclineInput](r, "EventMeetingReason")
	apischema.Request[event.OutcomeInput](r, "MeetingOutcomeInput")
	apischema.Response[meetingJSON](r, "EventMeeting")
	apischema.Response[meetingListJSON](r, "EventMeetingList")
	apischema.Response[partyJSON](r, "EventParty")
	apischema.Response[suggestionsListJSON](r, "EventSuggestions")
	apischema.Response[badgeJSON](r, "EventBadge")
	apischema.Request[event.CheckInInput](r, "CheckInInput")
	apischema.Response[checkInJSON](r, "CheckIn")
	apischema.Response[checkInSummaryJSON](r, "CheckInSummary")
	apischema.Request[event.DealInput](r, "EventDealInput")
	apischema.Response[dealJSON](r, "EventDeal")
	apischema.Response[dealListJSON](r, "EventDealList")
	apischema.Request[event.DealTransferInput](r, "EventDealTransferInput")
	apischema.Response[dealTransferJSON](r, "EventDealTransfer")
}

// partyJSON names a registration of the event: the organisation, its role
// and booth.
type partyJSON struct {
	ID    string    `json:"id"`
	Org   event.Ref `json:"org"`
	Role  string    `json:"role"`
	Booth string    `json:"booth,omitempty"`
	// Listings and Needs are what it brings: offers shown, needs brought.
	Listings []string `json:"listings"`
	Needs    []string `json:"needs"`
}

func toParty(g event.Registration) partyJSON {
	return partyJSON{ID: g.ID, Org: g.Org, Role: g.Role, Booth: g.Booth,
		Listings: nonNil(g.Listings), Needs: nonNil(g.Needs)}
}

type meetingJSON struct {
	event.Meeting
	State string           `json:"state" rule:"enum=MeetingState"`
	Can   event.MeetingCan `json:"can"`
}

type meetingListJSON struct {
	Event struct {
		ID           string `json:"id"`
		Name         string `json:"name"`
		NameEN       string `json:"nameEn,omitempty"`
		StartDate    string `json:"startDate"`
		EndDate      string `json:"endDate"`
		Scheduled    bool   `json:"scheduled"`
		MeetingsOpen bool   `json:"meetingsOpen"`
	} `json:"event"`
	Items []meetingJSON `json:"items"`
	// Mine are the person's organisations' approved registrations in the
	// event; Parties the other approved registrations one may ask.
	Mine    []partyJSON `json:"mine"`
	Parties []partyJSON `json:"parties"`
}

func (s *Server) toMeeting(p *auth.Principal, e event.Event, x event.Meeting) meetingJSON {
	if x.Outcomes == nil {
		x.Outcomes = []event.Outcome{}
	}
	return meetingJSON{Meeting: x, State: x.State, Can: s.d.Meetings.CanOfMeeting(p, e, &x)}
}

func (s *Server) sendMeeting(c *fiber.Ctx, status int, e event.Event, x event.Meeting) error {
	setETag(c, x.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(s.toMeeting(principal(c), e, x))
}

func (s *Server) listMeetings(c *fiber.Ctx) error {
	var v validate.Checker
	f := event.MeetingFilter{All: scopeAll(c, &v), State: c.Query("state")}
	if f.State != "" {
		v.OneOf("state", f.State, event.MeetStates)
	}
	if err := v.Err(); err != nil {
		return err
	}
	ctx, p := c.UserContext(), principal(c)
	e, items, err := s.d.Meetings.List(ctx, p, c.Params("id"), f)
	if err != nil {
		return err
	}
	out := meetingListJSON{Items: make([]meetingJSON, 0, len(items)), Mine: []partyJSON{}, Parties: []partyJSON{}}
	out.Event.ID, out.Event.Name, out.Event.NameEN, out.Event.StartDate, out.Event.EndDate = e.ID, e.Name, e.NameEN, e.StartDate, e.EndDate
	out.Event.Scheduled, out.Event.MeetingsOpen = e.ScheduledAt != nil, s.d.Meetings.Open(e)
	for _, x := range items {
		out.Items = append(out.Items, s.toMeeting(p, e, x))
	}
	regs, err := s.d.Meetings.Approved(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, g := range regs {
		if slices.Contains(p.User.Orgs, g.Org.ID) {
			out.Mine = append(out.Mine, toParty(g))
		} else {
			out.Parties = append(out.Parties, toParty(g))
		}
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(out)
}

func (s *Server) requestMeeting(c *fiber.Ctx) error {
	var in event.MeetingInput
	if err := decode(c, &in); err != nil {
		return err
	}
	ctx, p := c.UserContext(), principal(c)
	x, err := s.d.Meetings.Request(ctx, p, c.Params("id"), in)
	if err != nil {
		return err
	}
	e, _, err := s.d.Meetings.Meeting(ctx, p, x.EventID, x.ID)
	if err != nil {
		return err
	}
	return s.sendMeeting(c, fiber.StatusCreated, e, x)
}

func (s *Server) meetingStep(fn func(ctx context.Context, p *auth.Principal, eventID, id string, c *fiber.Ctx, ifVersion int64) (event.Meeting, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		ctx, p := c.UserContext(), principal(c)
		x, err := fn(ctx, p, c.Params("id"), c.Params("mid"), c, v)
		if err != nil {
			return err
		}
		e, _, err := s.d.Meetings.Meeting(ctx, p, x.EventID, x.ID)
		if err != nil {
			return err
		}
		return s.sendMeeting(c, fiber.StatusOK, e, x)
	}
}

// decodeOptional decodes a body that may be empty.
func decodeOptional(c *fiber.Ctx, dst any) error {
	if len(c.Body()) == 0 {
		return nil
	}
	return decode(c, dst)
}

type suggestionJSON struct {
	event.Suggestion
	Reasons []reasonJSON `json:"reasons"`
}

type suggestionsListJSON struct {
	Registration partyJSON        `json:"registration"`
	Items        []suggestionJSON `json:"items"`
}

func (s *Server) meetingSuggestions(c *fiber.Ctx) error {
	var v validate.Checker
	limit := queryInt(c, &v, "limit", 10, 1, 50)
	if err := v.Err(); err != nil {
		return err
	}
	me, items, err := s.d.Meetings.Suggestions(c.UserContext(), principal(c), c.Params("id"), c.Query("registrationId"), int(limit))
	if err != nil {
		return err
	}
	lang := language(c.Get(fiber.HeaderAcceptLanguage))
	tax := s.d.Meetings.Taxonomy()
	out := suggestionsListJSON{Registration: toParty(me), Items: make([]suggestionJSON, 0, len(items))}
	for _, x := range items {
		j := suggestionJSON{Suggestion: x, Reasons: make([]reasonJSON, 0, len(x.Reasons))}
		for _, r := range x.Reasons {
			j.Reasons = append(j.Reasons, reasonJSON{matchingReason{r.Code, r.Params, r.Positive}, r.Text(tax, lang)})
		}
		out.Items = append(out.Items, j)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(out)
}

type badgeJSON struct {
	Registration partyJSON `json:"registration"`
	// Code is what the badge's QR code carries; staff may type it.
	Code string `json:"code"`
}

func (s *Server) badge(c *fiber.Ctx) error {
	format := c.Query("format", "svg")
	if err := oneOf("format", format, []string{"svg", "png", "json"}); err != nil {
		return err
	}
	g, code, err := s.d.Meetings.Badge(c.UserContext(), principal(c), c.Params("id"), c.Params("rid"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	switch format {
	case "json":
		return c.JSON(badgeJSON{Registration: toParty(g), Code: code})
	case "png":
		img, err := qr.PNG(code, 512)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "image/png")
		return c.Send(img)
	}
	img, err := qr.SVG(code, g.Org.Name)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	return c.Send(img)
}

type checkInJSON struct {
	Registration partyJSON `json:"registration"`
	CheckedInAt  string    `json:"checkedInAt"`
	First        bool      `json:"first"`
}

type checkInSummaryJSON struct {
	Event     event.EventName `json:"event"`
	Approved  int             `json:"approved"`
	CheckedIn int             `json:"checkedIn"`
	Latest    []checkInJSON   `json:"latest"`
}

func toCheckIn(g event.Registration, first bool) checkInJSON {
	j := checkInJSON{Registration: toParty(g), First: first}
	if g.CheckedInAt != nil {
		j.CheckedInAt = g.CheckedInAt.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	return j
}

func (s *Server) checkIn(c *fiber.Ctx) error {
	var in event.CheckInInput
	if err := decode(c, &in); err != nil {
		return err
	}
	ci, err := s.d.Meetings.CheckIn(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if ci.First {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(toCheckIn(ci.Registration, ci.First))
}

func (s *Server) checkIns(c *fiber.Ctx) error {
	sum, err := s.d.Meetings.CheckIns(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	out := checkInSummaryJSON{Event: sum.Event, Approved: sum.Approved, CheckedIn: sum.CheckedIn, Latest: make([]checkInJSON, 0, len(sum.Latest))}
	for _, g := range sum.Latest {
		out.Latest = append(out.Latest, toCheckIn(g, false))
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(out)
}

type dealJSON struct {
	event.Deal
	Kind string        `json:"kind" rule:"enum=DealKind"`
	Can  event.DealCan `json:"can"`
}

type dealListJSON struct {
	Items []dealJSON `json:"items"`
	// Totals by kind: how many and their value (VND).
	Count map[string]int   `json:"count"`
	Value map[string]int64 `json:"value"`
}

type dealTransferJSON struct {
	Deal       dealJSON `json:"deal"`
	TransferID string   `json:"transferId"`
}

func toDeal(p *auth.Principal, d event.Deal) dealJSON {
	if d.Sectors == nil {
		d.Sectors = []string{}
	}
	return dealJSON{Deal: d, Kind: d.Kind, Can: event.DealOf(p, &d)}
}

func (s *Server) listDeals(c *fiber.Ctx) error {
	p := principal(c)
	_, items, err := s.d.Meetings.Deals(c.UserContext(), p, c.Params("id"))
	if err != nil {
		return err
	}
	out := dealListJSON{Items: make([]dealJSON, 0, len(items)), Count: map[string]int{}, Value: map[string]int64{}}
	for _, k := range event.DealKinds {
		out.Count[k], out.Value[k] = 0, 0
	}
	for _, d := range items {
		out.Items = append(out.Items, toDeal(p, d))
		out.Count[d.Kind]++
		out.Value[d.Kind] += d.ValueVND
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(out)
}

func (s *Server) recordDeal(c *fiber.Ctx) error {
	var in event.DealInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p := principal(c)
	d, err := s.d.Meetings.RecordDeal(c.UserContext(), p, c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toDeal(p, d))
}

func (s *Server) dealTransfer(c *fiber.Ctx) error {
	var in event.DealTransferInput
	if err := decode(c, &in); err != nil {
		return err
	}
	p := principal(c)
	d, t, err := s.d.Meetings.MakeTransfer(c.UserContext(), p, c.Params("id"), c.Params("did"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(dealTransferJSON{Deal: toDeal(p, d), TransferID: t.ID})
}
