// Package web is Techmart's public face to the web outside the SPA: the
// <head> each public page is served with (title, description, canonical,
// hreflang, Open Graph, Twitter card, JSON-LD), the status a page answers
// with (404 for an unknown route or a missing listing, 410 for an archived
// one), robots.txt, the sitemap and the Atom feeds. It reads the services;
// internal/httpapi serves what it renders.
package web

import "strings"

// Page says what the server knows about a page of the SPA.
type Page int

const (
	// PagePrivate is a page for signed-in people (or a form): served with
	// the generic head and kept out of search engines.
	PagePrivate Page = iota
	// PageStatic is a public page whose head is its own title and
	// description; listed in the sitemap when Indexed.
	PageStatic
	PageHome
	PageSearch
	PageListing
	PageOrganization
	PageProgram
	PageEvent
	PageEventShowcase
	PageTask
)

// Route is one route of the SPA: its pattern as frontend/src/App.tsx writes
// it (":name" for a parameter) and what the server does with it.
type Route struct {
	Pattern string
	Page    Page
	// Key names a static page's texts (texts.go).
	Key string
	// Indexed pages are in the sitemap.
	Indexed bool
	// Source is the SPA's module of a public page (as Vite's manifest names
	// it): its code is preloaded with the page, sparing a phone the round
	// trip in which the app would find out which page to load.
	Source string
}

// NotFoundSource is the SPA's module of its not-found page.
const NotFoundSource = "src/pages/NotFound.tsx"

// Routes are the SPA's routes, declared once here. A path that matches none
// is answered 404 (with the SPA, which shows its not-found page).
// TestRoutesMatchTheSPA reads App.tsx and fails when the two lists differ.
var Routes = []Route{
	{Pattern: "/", Page: PageHome, Indexed: true, Source: "src/pages/Home.tsx"},
	{Pattern: "/search", Page: PageSearch, Indexed: true, Source: "src/pages/Search.tsx"},
	{Pattern: "/listings/:id", Page: PageListing, Source: "src/pages/Listing.tsx"},
	{Pattern: "/organizations/:id", Page: PageOrganization, Source: "src/pages/market/PublicOrganization.tsx"},
	{Pattern: "/support", Page: PageStatic, Key: "support", Indexed: true, Source: "src/pages/SupportPrograms.tsx"},
	{Pattern: "/support/:id", Page: PageProgram, Source: "src/pages/SupportProgram.tsx"},
	{Pattern: "/support/dashboard", Page: PageStatic, Key: "dashboard", Indexed: true, Source: "src/pages/SupportDashboard.tsx"},
	{Pattern: "/results", Page: PageStatic, Key: "results", Indexed: true, Source: "src/pages/results/Results.tsx"},
	{Pattern: "/events", Page: PageStatic, Key: "events", Indexed: true, Source: "src/pages/events/Events.tsx"},
	{Pattern: "/events/:id", Page: PageEvent, Source: "src/pages/events/EventPage.tsx"},
	{Pattern: "/events/:id/edit", Page: PagePrivate},
	{Pattern: "/events/:id/register", Page: PagePrivate},
	{Pattern: "/events/:id/registrations", Page: PagePrivate},
	{Pattern: "/officer/events/new", Page: PagePrivate},
	{Pattern: "/events/:id/showcase", Page: PageEventShowcase, Source: "src/pages/events/ShowcasePage.tsx"},
	{Pattern: "/events/:id/report", Page: PagePrivate},
	{Pattern: "/tasks/:id/selection", Page: PagePrivate},
	{Pattern: "/tasks/dossiers/:id", Page: PagePrivate},
	{Pattern: "/register", Page: PageStatic, Key: "register", Indexed: true},
	{Pattern: "/login", Page: PageStatic, Key: "login"},
	{Pattern: "/password-reset", Page: PagePrivate},
	{Pattern: "/invitations/:token", Page: PagePrivate},
	{Pattern: "/listings/new", Page: PagePrivate},
	{Pattern: "/listings/:id/edit", Page: PagePrivate},
	{Pattern: "/my/listings", Page: PagePrivate},
	{Pattern: "/account/password", Page: PagePrivate},
	{Pattern: "/account/notifications", Page: PagePrivate},
	{Pattern: "/notifications", Page: PagePrivate},
	{Pattern: "/connections", Page: PagePrivate},
	{Pattern: "/connections/:id", Page: PagePrivate},
	{Pattern: "/transfers", Page: PagePrivate},
	{Pattern: "/transfers/new", Page: PagePrivate},
	{Pattern: "/transfers/:id", Page: PagePrivate},
	{Pattern: "/transfers/:id/edit", Page: PagePrivate},
	{Pattern: "/officer/transfers/new", Page: PagePrivate},
	{Pattern: "/events/:id/meetings", Page: PagePrivate},
	{Pattern: "/events/:id/checkin", Page: PagePrivate},
	{Pattern: "/events/:id/deals", Page: PagePrivate},
	{Pattern: "/tasks/board", Page: PagePrivate},
	{Pattern: "/tasks/proposals", Page: PagePrivate},
	{Pattern: "/tasks/proposals/new", Page: PagePrivate},
	{Pattern: "/tasks/proposals/:id", Page: PagePrivate},
	{Pattern: "/tasks/rounds", Page: PagePrivate},
	{Pattern: "/tasks/rounds/:id", Page: PagePrivate},
	{Pattern: "/tasks/rounds/:id/proposals/:pid/score", Page: PagePrivate},
	{Pattern: "/tasks/:id", Page: PageTask, Source: "src/pages/tasks/TaskPage.tsx"},
	{Pattern: "/support/applications", Page: PagePrivate},
	{Pattern: "/support/applications/:id", Page: PagePrivate},
	{Pattern: "/support/applications/:id/edit", Page: PagePrivate},
	{Pattern: "/support/applications/:id/review", Page: PagePrivate},
	{Pattern: "/support/:id/edit", Page: PagePrivate},
	{Pattern: "/officer/support/new", Page: PagePrivate},
	{Pattern: "/tasks/:id/contract", Page: PagePrivate},
	{Pattern: "/plan", Page: PagePrivate},
	{Pattern: "/plan/new", Page: PagePrivate},
	{Pattern: "/plan/:id/edit", Page: PagePrivate},
	{Pattern: "/plan/reports", Page: PagePrivate},
	{Pattern: "/plan/reports/:id", Page: PagePrivate},
	{Pattern: "/officer/pipeline", Page: PagePrivate},
	{Pattern: "/officer/synonyms", Page: PagePrivate},
	{Pattern: "/events/:id/agenda", Page: PagePrivate},
	{Pattern: "/events/:id/schedule", Page: PagePrivate},
	{Pattern: "/organization", Page: PagePrivate},
	{Pattern: "/organization/:id", Page: PagePrivate},
	{Pattern: "/officer/organizations", Page: PagePrivate},
	{Pattern: "/officer/listings", Page: PagePrivate},
	{Pattern: "/audit", Page: PagePrivate},
	{Pattern: "/admin/users", Page: PagePrivate},
	{Pattern: "/admin/backups", Page: PagePrivate},
}

// Languages: Vietnamese at the root, English under /en.
const (
	LangVI = "vi"
	LangEN = "en"
)

// SplitLang returns the language a path is in and the path without the
// language prefix: "/en/listings/x" → ("en", "/listings/x"); "/en" → ("en", "/").
func SplitLang(p string) (lang, rest string) {
	if p == "/en" || p == "/en/" {
		return LangEN, "/"
	}
	if strings.HasPrefix(p, "/en/") {
		return LangEN, p[len("/en"):]
	}
	return LangVI, p
}

// Prefix is the path prefix of lang's pages ("" or "/en").
func Prefix(lang string) string {
	if lang == LangEN {
		return "/en"
	}
	return ""
}

// Match finds the route of a path (without its language prefix) and the
// values of its parameters. Like React Router, a route with more literal
// segments wins: "/listings/new" before "/listings/:id".
func Match(p string) (Route, map[string]string, bool) {
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	best, bestLiterals := -1, -1
	var bestParams map[string]string
	for i, r := range Routes {
		params, literals, ok := matchPattern(r.Pattern, segs)
		if ok && literals > bestLiterals {
			best, bestLiterals, bestParams = i, literals, params
		}
	}
	if best < 0 {
		return Route{}, nil, false
	}
	return Routes[best], bestParams, true
}

func matchPattern(pattern string, segs []string) (map[string]string, int, bool) {
	ps := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	if len(ps) != len(segs) {
		return nil, 0, false
	}
	var params map[string]string
	literals := 0
	for i, s := range ps {
		switch {
		case strings.HasPrefix(s, ":"):
			if segs[i] == "" {
				return nil, 0, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s[1:]] = segs[i]
		case s == segs[i]:
			literals++
		default:
			return nil, 0, false
		}
	}
	return params, literals, true
}
