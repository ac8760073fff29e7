package httpapi

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// errSearchDown is a search that cannot be answered right now.
var errSearchDown = errs.New(errs.Unavailable, "search_unavailable")

func (s *Server) catalogRoutes() []route {
	tx := func(verb, summary string, h fiber.Handler, acc access) route {
		return route{method: "POST", path: "/listings/:id/" + verb, tag: "listings", access: acc, summary: summary,
			responses: map[int]string{200: "Listing", 403: "Problem", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: h}
	}
	return []route{
		{method: "GET", path: "/taxonomy", tag: "listings", summary: "Reference data: sectors, transfer forms, IP types, TRL, administrative units",
			responses: map[int]string{200: "Taxonomy"}, handler: s.getTaxonomy},
		{method: "POST", path: "/listings", tag: "listings", access: user, summary: "Create a draft listing for one of your organisations",
			request: "ListingInput", responses: map[int]string{201: "Listing", 422: "Problem"}, handler: s.createListing},
		{method: "GET", path: "/listings", tag: "listings", access: user, summary: "Your organisations' listings (owner=me) or, for officers, listings by state",
			query: []string{"owner", "state", "kind", "page", "pageSize"}, responses: map[int]string{200: "ListingList", 403: "Problem"}, handler: s.listListings},
		{method: "GET", path: "/listings/:id", tag: "listings", summary: "A listing: the full record for its organisation and officers, the public view for everyone else",
			responses: map[int]string{200: "Listing", 404: "Problem"}, handler: s.getListing},
		{method: "PATCH", path: "/listings/:id", tag: "listings", access: user, summary: "Change a listing (If-Match); a published one returns to moderation",
			request: "ListingInput", responses: map[int]string{200: "Listing", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: s.updateListing},
		{method: "DELETE", path: "/listings/:id", tag: "listings", access: user, summary: "Delete a draft or rejected listing",
			responses: map[int]string{204: "", 409: "Problem", 412: "Problem"}, handler: s.deleteListing},
		tx("submit", "Send to moderation (verified organisations; complete listings)", s.step(s.d.Catalog.Submit), user),
		tx("approve", "Publish a pending listing (officers)", s.step(s.d.Catalog.Approve), staff),
		func() route {
			r := tx("reject", "Return a pending listing with a reason and comment (officers)", s.rejectListing, staff)
			r.request = "ListingReject"
			return r
		}(),
		tx("archive", "Take a listing off the market", s.step(s.d.Catalog.Archive), user),
		tx("renew", "Keep a published listing up for twelve more months", s.step(s.d.Catalog.Renew), user),
		{method: "GET", path: "/search", tag: "search", summary: "Search published listings, with facets",
			query:     []string{"q", "kind", "sector", "trlMin", "trlMax", "transferForm", "adminUnit", "orgKind", "priceMax", "sort", "page", "pageSize"},
			responses: map[int]string{200: "SearchResult", 422: "Problem"}, handler: s.search},
		{method: "GET", path: "/search/suggest", tag: "search", summary: "Complete a query as it is typed",
			query: []string{"q"}, responses: map[int]string{200: "Suggestions"}, handler: s.suggest},
	}
}

func (s *Server) getTaxonomy(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.JSON(s.d.Catalog.Taxonomy())
}

func (s *Server) sendListing(c *fiber.Ctx, status int, l catalog.Listing) error {
	full, err := s.d.Catalog.Full(c.UserContext(), l)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).JSON(full[0])
}

func (s *Server) createListing(c *fiber.Ctx) error {
	var in catalog.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	l, err := s.d.Catalog.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return s.sendListing(c, fiber.StatusCreated, l)
}

func (s *Server) listListings(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := catalog.ListFilter{Page: pg, Size: size, State: c.Query("state"), Kind: c.Query("kind")}
	switch c.Query("owner") {
	case "me":
		f.Mine = true
	case "":
	default:
		v.Add("owner", "invalid_choice", "choices", []string{"me"})
	}
	if f.State != "" {
		v.OneOf("state", f.State, catalog.States)
	}
	if f.Kind != "" {
		v.OneOf("kind", f.Kind, catalog.Kinds)
	}
	if err := v.Err(); err != nil {
		return err
	}
	items, total, err := s.d.Catalog.List(c.UserContext(), principal(c), f)
	if err != nil {
		return err
	}
	full, err := s.d.Catalog.Full(c.UserContext(), items...)
	if err != nil {
		return err
	}
	return c.JSON(list[catalog.FullView]{Items: full, Total: total, Page: pg, PageSize: size})
}

func (s *Server) getListing(c *fiber.Ctx) error {
	id := c.Params("id")
	l, full, err := s.d.Catalog.View(c.UserContext(), principal(c), id)
	if err != nil {
		return err
	}
	if full {
		return s.sendListing(c, fiber.StatusOK, l)
	}
	// Everyone else reads the public view from the index: published and
	// not expired, never the confidential parts.
	d, err := s.d.Search.Get(c.UserContext(), id)
	if errors.Is(err, search.ErrNotFound) || (err == nil && !d.ExpiresAt.IsZero() && !s.d.Catalog.Now().Before(d.ExpiresAt)) {
		return catalog.ErrNotFound
	}
	if err != nil {
		return errSearchDown.Wrap(err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	// The same URL gives its owner the full record: no cache may hand one
	// person's answer to another, and a browser asks again each time.
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderVary, fiber.HeaderAuthorization)
	setETag(c, d.Version)
	return c.Send(d.Source)
}

func (s *Server) updateListing(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in catalog.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	l, err := s.d.Catalog.Update(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return s.sendListing(c, fiber.StatusOK, l)
}

func (s *Server) deleteListing(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.d.Catalog.Delete(c.UserContext(), principal(c), c.Params("id"), v); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// step serves one lifecycle step that takes no body, only If-Match.
func (s *Server) step(fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (catalog.Listing, error)) fiber.Handler {
	return move(fn, func(c *fiber.Ctx, _ *auth.Principal, l catalog.Listing) error {
		return s.sendListing(c, fiber.StatusOK, l)
	})
}

func (s *Server) rejectListing(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in catalog.RejectInput
	if err := decode(c, &in); err != nil {
		return err
	}
	l, err := s.d.Catalog.Reject(c.UserContext(), principal(c), c.Params("id"), in.Reason, in.Comment, v)
	if err != nil {
		return err
	}
	return s.sendListing(c, fiber.StatusOK, l)
}

// searchQuery reads the search parameters; every value is checked against
// the taxonomy, so nothing a user typed reaches an engine except as text.
func (s *Server) searchQuery(c *fiber.Ctx) (search.Query, error) {
	var v validate.Checker
	tax := s.d.Catalog.Taxonomy()
	multi := func(name string, known []string) []string {
		var out []string
		for _, raw := range c.Context().QueryArgs().PeekMulti(name) {
			for _, x := range strings.Split(string(raw), ",") {
				if x = strings.TrimSpace(x); x == "" {
					continue
				}
				if len(out) == 20 {
					v.Add(name, "too_many", "max", 20)
					return out
				}
				v.OneOf(name, x, known)
				out = append(out, x)
			}
		}
		return out
	}
	num := func(name string, min, max int64) int64 { return queryInt(c, &v, name, 0, min, max) }
	q := search.Query{
		Text: validate.Text(c.Query("q")),
		Filter: search.Filter{
			Kinds: multi("kind", catalog.Kinds), Sectors: multi("sector", taxonomy.Codes(tax.Sectors)),
			TransferForms: multi("transferForm", taxonomy.Codes(tax.TransferForms)), AdminUnits: multi("adminUnit", tax.UnitCodes()),
			OrgKinds: multi("orgKind", []string{"institute", "university", "st_org", "enterprise", "individual", "department"}),
			TRLMin:   int(num("trlMin", 1, 9)), TRLMax: int(num("trlMax", 1, 9)), PriceMax: num("priceMax", 1, 1_000_000_000_000_000),
			// To the minute, so repeated searches share a cache entry.
			ActiveAt: s.d.Catalog.Now().Truncate(time.Minute),
		},
		Sort: search.Sort(c.Query("sort", string(search.SortRelevance))),
		Page: int(num("page", 1, 50)), PageSize: int(num("pageSize", 1, 50)),
	}
	if utf8.RuneCountInString(q.Text) > 200 {
		v.Add("q", "too_long", "max", 200)
	}
	v.OneOf("sort", string(q.Sort), search.Sorts)
	if q.Filter.TRLMin > 0 && q.Filter.TRLMax > 0 && q.Filter.TRLMin > q.Filter.TRLMax {
		v.Add("trlMax", "less_than_min")
	}
	q.Page, q.PageSize = max(q.Page, 1), cmpOr(q.PageSize, 20)
	return q, v.Err()
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

type hitJSON struct {
	ID            string            `json:"id"`
	Kind          string            `json:"kind" rule:"enum=ListingKind"`
	Title         string            `json:"title"`
	Summary       string            `json:"summary"`
	TitleEn       string            `json:"titleEn,omitempty"`
	SummaryEn     string            `json:"summaryEn,omitempty"`
	Organization  catalog.OrgRef    `json:"organization"`
	Sectors       []string          `json:"sectors"`
	TransferForms []string          `json:"transferForms"`
	AdminUnit     string            `json:"adminUnit,omitempty"`
	TRL           int               `json:"trl,omitempty"`
	PriceMin      int64             `json:"priceMin,omitempty"`
	PriceMax      int64             `json:"priceMax,omitempty"`
	BudgetMin     int64             `json:"budgetMin,omitempty"`
	BudgetMax     int64             `json:"budgetMax,omitempty"`
	Image         string            `json:"image,omitempty"`
	PublishedAt   time.Time         `json:"publishedAt"`
	Highlights    map[string]string `json:"highlights"`
}

// toHit is a listing as result cards show it (search, matches).
func toHit(d search.Doc, highlights map[string]string) hitJSON {
	if highlights == nil {
		highlights = map[string]string{}
	}
	return hitJSON{
		ID: d.ID, Kind: d.Kind, Title: d.Title, Summary: d.Summary, TitleEn: d.TitleEn, SummaryEn: d.SummaryEn,
		Organization: catalog.OrgRef{ID: d.OrgID, Name: d.OrgName, Kind: d.OrgKind},
		Sectors:      nonNil(d.Sectors), TransferForms: nonNil(d.TransferForms), AdminUnit: d.AdminUnit,
		TRL: d.TRL, PriceMin: d.PriceMin, PriceMax: d.PriceMax, BudgetMin: d.BudgetMin, BudgetMax: d.BudgetMax,
		Image: d.Image, PublishedAt: d.PublishedAt, Highlights: highlights,
	}
}

type searchJSON struct {
	Hits     []hitJSON                      `json:"hits"`
	Total    int                            `json:"total"`
	Page     int                            `json:"page"`
	PageSize int                            `json:"pageSize"`
	Facets   map[string][]search.FacetCount `json:"facets"`
	// Relaxed: fewer than three listings hold every word of q; the first
	// Exact hits hold them all, the rest some of them.
	Relaxed bool `json:"relaxed"`
	Exact   int  `json:"exact"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Server) search(c *fiber.Ctx) error {
	q, err := s.searchQuery(c)
	if err != nil {
		return err
	}
	res, err := s.d.Search.Search(c.UserContext(), q)
	if err != nil {
		return errSearchDown.Wrap(err)
	}
	out := searchJSON{Hits: make([]hitJSON, 0, len(res.Hits)), Total: res.Total, Page: q.Page, PageSize: q.PageSize, Facets: res.Facets, Relaxed: res.Relaxed, Exact: res.Exact}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toHit(h.Doc, h.Highlights))
	}
	for _, name := range []string{search.FacetKind, search.FacetSector, search.FacetTRL, search.FacetTransferForm, search.FacetAdminUnit, search.FacetOrgKind} {
		if out.Facets[name] == nil {
			if out.Facets == nil {
				out.Facets = map[string][]search.FacetCount{}
			}
			out.Facets[name] = []search.FacetCount{}
		}
	}
	return c.JSON(out)
}

func (s *Server) suggest(c *fiber.Ctx) error {
	q := validate.Text(c.Query("q"))
	if utf8.RuneCountInString(q) > 100 {
		return errs.Field("q", "too_long", "max", 100)
	}
	out, err := s.d.Search.Suggest(c.UserContext(), q, s.d.Catalog.Now().Truncate(time.Minute), 8)
	if err != nil {
		return errSearchDown.Wrap(err)
	}
	return c.JSON(suggestionsJSON{Suggestions: out})
}
