package web

import (
	"context"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// Listings is what the site reads of the catalogue.
type Listings interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
	Published(ctx context.Context) ([]catalog.Listing, error)
	Now() time.Time
}

// Orgs is what the site reads of organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
	// Public reads a public (verified) organisation; any other is not found.
	Public(ctx context.Context, id string) (org.Organization, error)
	Verified(ctx context.Context) ([]org.Organization, error)
}

// Programs is what the site reads of support programmes (anonymously:
// published ones only).
type Programs interface {
	Get(ctx context.Context, p *auth.Principal, id string) (support.Program, error)
	List(ctx context.Context, p *auth.Principal, state string, page, size int) ([]support.Program, int, error)
}

// Deps are the services the site reads.
type Deps struct {
	Listings   Listings
	Orgs       Orgs
	Programs   Programs
	Events     Events // nil: no event pages
	Tasks      Tasks  // nil: no task pages
	Taxonomy   *taxonomy.Taxonomy
	ProvinceVI string
	ProvinceEN string
}

// Site renders the public face: heads, sitemap, feeds, robots.txt.
type Site struct {
	d Deps
	// ChunkSize is the most URLs one sitemap file lists (the protocol
	// allows 50,000); tests set a small one.
	ChunkSize int
	// CacheFor is how long the sitemap's and feeds' data is kept.
	CacheFor time.Duration
	cards    *cards
	cache    publicCache
}

// MaxSitemapURLs is the sitemap protocol's limit per file.
const MaxSitemapURLs = 50_000

// New builds the site over its services.
func New(d Deps) *Site {
	return &Site{d: d, ChunkSize: MaxSitemapURLs, CacheFor: DefaultCacheFor, cards: newCards(runtime.NumCPU())}
}

// Rendered is a page's head and the status it is served with.
type Rendered struct {
	Status int
	Head   Head
	// Source is the SPA's module that shows the page (Route.Source, or the
	// not-found page's); "" for a page whose code is not preloaded.
	Source string
}

// Request is one page request: its absolute base URL (no trailing slash),
// language, the path without the language prefix, and the query.
type Request struct {
	Base  string
	Lang  string
	Path  string
	Query url.Values
}

func (s *Site) province(lang string) string {
	if lang == LangEN && s.d.ProvinceEN != "" {
		return s.d.ProvinceEN
	}
	return s.d.ProvinceVI
}

func (s *Site) t(key, lang string, kv ...string) string {
	return fill(texts[key].in(lang), append([]string{"province", s.province(lang)}, kv...)...)
}

// urls are a page's canonical URL and its alternates.
func urls(base, lang, path string) (string, map[string]string) {
	alt := map[string]string{LangVI: base + path, LangEN: base + "/en" + path}
	if path == "/" {
		alt[LangEN] = base + "/en/"
	}
	return alt[lang], alt
}

// SiteCardPath is the site's share image, CardWidth × CardHeight.
const SiteCardPath = "/cards/site.png"

func (s *Site) siteImage(base, lang string) Image {
	return Image{URL: base + SiteCardPath + langQuery(lang), Alt: siteName + " – " + texts["tagline"].in(lang), Width: CardWidth, Height: CardHeight}
}

// Render gives the head and status of a page. A store error is returned;
// anything missing is a 404 (410 for an archived listing) with its head.
func (s *Site) Render(ctx context.Context, r Request) (Rendered, error) {
	out, err := s.render(ctx, r)
	switch {
	case err != nil:
	case out.Status == http.StatusNotFound || out.Status == http.StatusGone:
		out.Source = NotFoundSource
	default:
		route, _, _ := Match(r.Path)
		out.Source = route.Source
	}
	return out, err
}

func (s *Site) render(ctx context.Context, r Request) (Rendered, error) {
	route, params, ok := Match(r.Path)
	if !ok {
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	}
	switch route.Page {
	case PageHome:
		return s.home(r), nil
	case PageSearch:
		return s.search(r), nil
	case PageListing:
		return s.listing(ctx, r, params["id"])
	case PageOrganization:
		return s.organization(ctx, r, params["id"])
	case PageProgram:
		return s.program(ctx, r, params["id"])
	case PageEvent:
		return s.eventPage(ctx, r, params["id"])
	case PageEventShowcase:
		return s.showcasePage(ctx, r, params["id"])
	case PageTask:
		return s.taskPage(ctx, r, params["id"])
	case PageStatic:
		return s.static(r, route), nil
	default:
		return Rendered{Status: http.StatusOK, Head: Head{Lang: r.Lang, Title: s.t("private.title", r.Lang), Type: "website",
			Image: s.siteImage(r.Base, r.Lang), NoIndex: true}}, nil
	}
}

func (s *Site) notFound(r Request, status int, title string) Rendered {
	return Rendered{Status: status, Head: Head{Lang: r.Lang, Title: s.t(title, r.Lang), Type: "website",
		Image: s.siteImage(r.Base, r.Lang), NoIndex: true}}
}

func (s *Site) page(r Request, path, title, description, typ string) Head {
	canonical, alt := urls(r.Base, r.Lang, path)
	return Head{Lang: r.Lang, Title: title, Description: description, Canonical: canonical, Alternates: alt,
		Type: typ, Image: s.siteImage(r.Base, r.Lang)}
}

func (s *Site) home(r Request) Rendered {
	h := s.page(r, "/", s.t("home.title", r.Lang), s.t("home.description", r.Lang), "website")
	h.Feed = s.listingsFeed(r)
	h.JSONLD = []any{map[string]any{
		"@context": "https://schema.org", "@type": "WebSite",
		"name": siteName, "alternateName": texts["tagline"].in(r.Lang),
		"url": h.Canonical, "inLanguage": r.Lang,
		"publisher": s.department(r.Base, r.Lang),
		"potentialAction": map[string]any{
			"@type":       "SearchAction",
			"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": r.Base + Prefix(r.Lang) + "/search?q={search_term_string}"},
			"query-input": "required name=search_term_string",
		},
	}}
	return Rendered{Status: http.StatusOK, Head: h}
}

func (s *Site) listingsFeed(r Request) Link {
	return Link{Title: s.t("feed.listings", r.Lang), Href: r.Base + Prefix(r.Lang) + ListingsFeedPath}
}

func (s *Site) department(base, lang string) map[string]any {
	return map[string]any{"@type": "GovernmentOrganization", "name": s.t("department", lang), "url": base + Prefix(lang) + "/"}
}

func (s *Site) search(r Request) Rendered {
	q := strings.Join(strings.Fields(r.Query.Get("q")), " ")
	if q == "" {
		h := s.page(r, "/search", s.t("search.title", r.Lang), s.t("search.description", r.Lang), "website")
		h.Feed = s.listingsFeed(r)
		return Rendered{Status: http.StatusOK, Head: h}
	}
	// A search with a query is titled with it, for the person who shares
	// it, but its canonical is the search page: anyone can write any text
	// into a query, and it must not become a page of its own in a search
	// engine's index. (Not noindex: the page stays crawlable, its links
	// lead to listings.)
	q = Clip(q, 100)
	h := s.page(r, "/search", s.t("search.titleQuery", r.Lang, "q", q), s.t("search.descriptionQuery", r.Lang, "q", q), "website")
	return Rendered{Status: http.StatusOK, Head: h}
}

func (s *Site) static(r Request, route Route) Rendered {
	h := s.page(r, route.Pattern, s.t(route.Key+".title", r.Lang), s.t(route.Key+".description", r.Lang), "website")
	if route.Key == "support" {
		h.Feed = Link{Title: s.t("feed.programs", r.Lang), Href: r.Base + Prefix(r.Lang) + ProgramsFeedPath}
	}
	if !route.Indexed {
		// Log-in: reachable, but not a page to find from a search.
		h.NoIndex, h.Canonical, h.Alternates = true, "", nil
	}
	return Rendered{Status: http.StatusOK, Head: h}
}

func notFound(err error) bool {
	e, ok := errs.As(err)
	return ok && e.Kind == errs.NotFound
}

// listing is one read of the listing and one of its organisation.
func (s *Site) listing(ctx context.Context, r Request, id string) (Rendered, error) {
	l, err := s.d.Listings.Get(ctx, id)
	switch {
	case notFound(err):
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	case err != nil:
		return Rendered{}, err
	case l.State == catalog.StateArchived && l.PublishedAt != nil:
		// Gone only if it was ever public: an archived draft is, to the
		// public, a listing that never existed.
		return s.notFound(r, http.StatusGone, "gone.title"), nil
	case !l.Public() || l.Expired(s.d.Listings.Now()):
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	}
	o, err := s.d.Orgs.Get(ctx, l.OrgID)
	if err != nil && !notFound(err) {
		return Rendered{}, err
	}
	title, summary := listingText(l, r.Lang)
	h := s.page(r, "/listings/"+l.ID, s.t("listing.title", r.Lang, "title", title), Clip(summary, 160), "article")
	if len(l.Images) > 0 {
		h.Image = Image{URL: r.Base + "/api/v1/files/" + url.PathEscape(l.Images[0]), Alt: title}
	} else {
		h.Image = Image{URL: r.Base + CardPath("listings", l.ID) + langQuery(r.Lang), Alt: title, Width: CardWidth, Height: CardHeight}
	}
	h.JSONLD = []any{s.listingLD(r, l, o, title, summary, h)}
	return Rendered{Status: http.StatusOK, Head: h}, nil
}

// langQuery asks a card for the English text.
func langQuery(lang string) string {
	if lang == LangEN {
		return "?lang=en"
	}
	return ""
}

// CardPath is the generated share image of a listing (without images of
// its own), an organisation or a programme: of is "listings",
// "organizations" or "programs".
func CardPath(of, id string) string { return "/cards/" + of + "/" + url.PathEscape(id) + ".png" }

// listingText is a listing's title and summary in lang (the owner's
// English ones when given).
func listingText(l catalog.Listing, lang string) (string, string) {
	title, summary := l.Title, l.Summary
	if lang == LangEN {
		if l.TitleEn != "" {
			title = l.TitleEn
		}
		if l.SummaryEn != "" {
			summary = l.SummaryEn
		}
	}
	return title, summary
}

// listingLD is an offer (schema.org Offer with the technology, equipment
// or IP as itemOffered) or a need (schema.org Demand).
func (s *Site) listingLD(r Request, l catalog.Listing, o org.Organization, title, summary string, h Head) map[string]any {
	var sectors []string
	for _, c := range l.Sectors {
		sectors = append(sectors, taxonomy.Label(s.d.Taxonomy.Sectors, c, r.Lang))
	}
	item := map[string]any{"name": title, "description": summary}
	switch l.Kind {
	case catalog.KindEquipment:
		item["@type"] = "Product"
	case catalog.KindIP:
		item["@type"] = "CreativeWork"
	default:
		item["@type"] = "Service"
		item["serviceType"] = listingKinds[l.Kind].in(r.Lang)
	}
	if len(sectors) > 0 {
		item["category"] = sectors
	}
	if len(l.Keywords) > 0 {
		item["keywords"] = strings.Join(l.Keywords, ", ")
	}
	ld := map[string]any{
		"@context": "https://schema.org", "name": title, "description": summary,
		"url": h.Canonical, "image": h.Image.URL, "itemOffered": item, "inLanguage": r.Lang,
	}
	if l.PublishedAt != nil {
		ld["validFrom"] = l.PublishedAt.UTC().Format(time.RFC3339)
	}
	if l.ValidUntil != nil {
		ld["validThrough"] = l.ValidUntil.UTC().Format(time.RFC3339)
	}
	if l.AdminUnit != "" {
		ld["areaServed"] = map[string]any{"@type": "AdministrativeArea", "name": taxonomy.Label(s.d.Taxonomy.Units(), l.AdminUnit, r.Lang)}
	}
	party := map[string]any(nil)
	if o.ID != "" {
		party = map[string]any{"@type": "Organization", "name": o.Name}
		if o.IsPublic() {
			party["url"] = r.Base + Prefix(r.Lang) + "/organizations/" + url.PathEscape(o.ID)
		}
	}
	if l.Kind == catalog.KindDemand {
		ld["@type"] = "Demand"
		if l.Budget != nil && (l.Budget.Min > 0 || l.Budget.Max > 0) {
			ld["priceSpecification"] = priceSpec(l.Budget.Min, l.Budget.Max)
		}
		if l.Deadline != "" {
			ld["availabilityEnds"] = l.Deadline
		}
		if party != nil {
			// Demand has no buyer property: the organisation "seeks" it.
			ld["@reverse"] = map[string]any{"seeks": party}
		}
		return ld
	}
	ld["@type"] = "Offer"
	ld["availability"] = "https://schema.org/InStock"
	if party != nil {
		ld["offeredBy"] = party
	}
	if p := l.Price; p != nil {
		switch {
		case p.Mode == "fixed" && p.Min > 0:
			ld["price"], ld["priceCurrency"] = p.Min, "VND"
		case p.Mode == "range" && (p.Min > 0 || p.Max > 0):
			ld["priceSpecification"] = priceSpec(p.Min, p.Max)
		}
	}
	return ld
}

func priceSpec(lo, hi int64) map[string]any {
	spec := map[string]any{"@type": "PriceSpecification", "priceCurrency": "VND"}
	if lo > 0 {
		spec["minPrice"] = lo
	}
	if hi > 0 {
		spec["maxPrice"] = hi
	}
	return spec
}

// organization: verified organisations only.
func (s *Site) organization(ctx context.Context, r Request, id string) (Rendered, error) {
	o, err := s.d.Orgs.Public(ctx, id)
	switch {
	case notFound(err):
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	case err != nil:
		return Rendered{}, err
	}
	kind := orgKinds[o.Kind].in(r.Lang)
	if kind == "" {
		kind = o.Kind
	}
	place := ""
	if o.Evidence.Commune != "" {
		place = ", " + taxonomy.Label(s.d.Taxonomy.Units(), o.Evidence.Commune, r.Lang)
	}
	// The organisation's own words when it has written them (its public
	// page shows the same), else what the platform knows of it.
	description := o.Description
	if description == "" {
		description = s.t("org.description", r.Lang, "kind", kind, "place", place)
	}
	h := s.page(r, "/organizations/"+o.ID, s.t("org.title", r.Lang, "name", o.Name), Clip(description, 200), "website")
	h.Image = Image{URL: r.Base + CardPath("organizations", o.ID) + langQuery(r.Lang), Alt: o.Name, Width: CardWidth, Height: CardHeight}
	ld := map[string]any{"@context": "https://schema.org", "@type": orgType(o.Kind), "name": o.Name, "url": h.Canonical,
		"description": h.Description}
	if o.Evidence.Website != "" {
		ld["sameAs"] = []string{o.Evidence.Website}
	}
	addr := map[string]any{"@type": "PostalAddress", "addressCountry": "VN", "addressRegion": s.province(r.Lang)}
	if o.Evidence.Commune != "" {
		addr["addressLocality"] = taxonomy.Label(s.d.Taxonomy.Units(), o.Evidence.Commune, r.Lang)
	}
	ld["address"] = addr
	h.JSONLD = []any{ld}
	return Rendered{Status: http.StatusOK, Head: h}, nil
}

// orgType is the schema.org type of an organisation's kind.
func orgType(kind string) string {
	switch kind {
	case org.KindInstitute:
		return "ResearchOrganization"
	case org.KindUniversity:
		return "CollegeOrUniversity"
	case org.KindDepartment, org.KindAgency:
		return "GovernmentOrganization"
	default:
		return "Organization"
	}
}

// program: published programmes only (an anonymous read).
func (s *Site) program(ctx context.Context, r Request, id string) (Rendered, error) {
	p, err := s.d.Programs.Get(ctx, nil, id)
	switch {
	case notFound(err):
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	case err != nil:
		return Rendered{}, err
	}
	window := s.t("program.window", r.Lang, "opens", dmy(p.Window.OpensOn), "closes", dmy(p.Window.ClosesOn))
	h := s.page(r, "/support/"+p.ID, s.t("program.title", r.Lang, "name", p.Name), Clip(window+" "+p.Summary, 200), "website")
	h.Image = Image{URL: r.Base + CardPath("programs", p.ID) + langQuery(r.Lang), Alt: p.Name, Width: CardWidth, Height: CardHeight}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "MonetaryGrant", "name": p.Name, "description": p.Summary,
		"url": h.Canonical, "funder": s.department(r.Base, r.Lang),
		"amount": map[string]any{"@type": "MonetaryAmount", "currency": "VND", "value": p.Budget},
	}
	if p.CapPerApp > 0 {
		ld["amount"].(map[string]any)["maxValue"] = p.CapPerApp
	}
	if p.LegalBasis.Number != "" {
		ld["identifier"] = p.LegalBasis.Number
	}
	h.JSONLD = []any{ld}
	return Rendered{Status: http.StatusOK, Head: h}, nil
}

// dmy writes an ISO date as Vietnam writes it (dd/mm/yyyy).
func dmy(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}
