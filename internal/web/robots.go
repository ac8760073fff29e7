package web

import "strings"

// privatePaths are the robots.txt rules that keep crawlers out of the
// private areas (TestRobotsKeepPrivateRoutesOut checks them against
// Routes): accounts, one's own listings, the officer's and admin's screens,
// connections, transfers, applications, forms, and the API but its public
// part and the files public listings show.
var privatePaths = []string{
	"/account/", "/my/", "/officer/", "/admin/", "/audit", "/connections", "/transfers", "/notifications",
	"/organization$", "/organization/", "/support/applications", "/support/*/edit", "/plan",
	"/listings/new", "/listings/*/edit", "/invitations/", "/password-reset",
	"/events/*/edit", "/events/*/register", "/events/*/registrations", "/events/*/agenda", "/events/*/schedule",
	"/events/*/meetings", "/events/*/checkin", "/events/*/deals", "/events/*/report",
	"/tasks/board", "/tasks/proposals", "/tasks/rounds", "/tasks/dossiers/", "/tasks/*/selection", "/tasks/*/contract",
}

// Robots is robots.txt: the private areas in both languages disallowed,
// the sitemap named with its absolute URL.
func (s *Site) Robots(base string) string {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, p := range privatePaths {
		b.WriteString("Disallow: " + p + "\n")
	}
	for _, p := range privatePaths {
		b.WriteString("Disallow: /en" + p + "\n")
	}
	b.WriteString("Disallow: /api/\nAllow: /api/v1/public/\nAllow: /api/v1/files/\nAllow: /\n\n")
	b.WriteString("Sitemap: " + base + "/sitemap.xml\n")
	return b.String()
}
