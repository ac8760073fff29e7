package httpapi

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/market"
	"github.com/techmart-vn/techmart/internal/search"
)

func (s *Server) marketRoutes() []route {
	return []route{
		{method: "GET", path: "/public/market", tag: "market",
			summary:   "The home page's market: listings on offer and wanted, verified organisations, transfers recorded (withheld under 3), the newest listings, open support programmes by deadline, sectors with their listings; counted at most a minute ago",
			responses: map[int]string{200: "Market", 503: "Problem"}, handler: s.getMarket},
		{method: "GET", path: "/public/organizations/:id", tag: "market",
			summary:   "A verified organisation's public page: name, kind, place, website, verification date, published listings, and the transfers whose parties consented to publish them; any other id is 404",
			responses: map[int]string{200: "PublicOrganization", 404: "Problem", 503: "Problem"}, handler: s.getPublicOrg},
		{method: "PUT", path: "/organizations/:id/description", tag: "organizations", access: user,
			summary: "Set what the organisation's public page says of it (owners, in any status)",
			request: "OrganizationDescription", responses: map[int]string{200: "Organization", 403: "Problem", 404: "Problem", 412: "Problem", 422: "Problem"}, handler: edit(s.d.Orgs.SetDescription, s.sendOrg)},
		{method: "GET", path: "/me/next-steps", tag: "market", access: user,
			summary:   "What waits for the signed-in person, by their organisations and roles: matches, interest to answer, applications, appraisals, the department's queues; each with a count and the page where it is done",
			responses: map[int]string{200: "NextSteps"}, handler: s.getNextSteps},
	}
}

// marketJSON is the home page's market with its newest listings as result
// cards.
type marketJSON struct {
	market.Market
	Newest []hitJSON `json:"newest"`
}

// publicOrgJSON is an organisation's public page with its listings as
// result cards.
type publicOrgJSON struct {
	market.Organization
	Listings []hitJSON `json:"listings"`
}

func cards(docs []search.Doc) []hitJSON {
	out := make([]hitJSON, 0, len(docs))
	for _, d := range docs {
		out = append(out, toHit(d, nil))
	}
	return out
}

// marketCache lets browsers and proxies keep the market as long as the
// service does.
var marketCache = fmt.Sprintf("public, max-age=%d", int(market.TTL.Seconds()))

func (s *Server) getMarket(c *fiber.Ctx) error {
	m, err := s.d.Market.Get(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, marketCache)
	return c.JSON(marketJSON{Market: m, Newest: cards(m.Newest)})
}

func (s *Server) getPublicOrg(c *fiber.Ctx) error {
	o, err := s.d.Market.Organization(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	// Read afresh: its owners see their new description at once.
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(publicOrgJSON{Organization: o, Listings: cards(o.Listings)})
}

func (s *Server) getNextSteps(c *fiber.Ctx) error {
	steps, err := s.d.NextSteps.For(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(steps)
}
