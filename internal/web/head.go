package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Head is what a page's <head> says about it.
type Head struct {
	Lang        string
	Title       string
	Description string
	// Canonical is the page's absolute URL; Alternates its URL in each
	// language (vi, en; x-default is the Vietnamese one). Empty for pages
	// that are not indexed.
	Canonical  string
	Alternates map[string]string
	Type       string // og:type
	Image      Image
	// JSONLD holds schema.org objects, each written as its own script.
	JSONLD []any
	// Feed is the Atom feed a reader finds from the page.
	Feed Link
	// Preload are the page's own scripts (Chunks), fetched beside the app's.
	Preload []string
	// NoIndex keeps the page out of search engines (private pages, not
	// found).
	NoIndex bool
}

// Link is a titled link.
type Link struct{ Title, Href string }

// Image is the picture a shared link shows.
type Image struct {
	URL           string
	Alt           string
	Width, Height int
}

// Markers around the part of index.html's <head> that a rendered head
// replaces (the default title); frontend/index.html carries them.
const (
	markerStart = "<!--techmart:head-->"
	markerEnd   = "<!--/techmart:head-->"
)

var ogLocales = map[string]string{LangVI: "vi_VN", LangEN: "en_US"}

// Render writes h as HTML elements. Every value is escaped for an HTML
// attribute or text, and JSON-LD is encoded so that no "<" survives
// ("</script>" cannot end the script).
func (h Head) Render() string {
	var b strings.Builder
	el := func(format string, args ...string) {
		esc := make([]any, len(args))
		for i, a := range args {
			esc[i] = html.EscapeString(a)
		}
		fmt.Fprintf(&b, format, esc...)
		b.WriteByte('\n')
	}
	el(`<title>%s</title>`, h.Title)
	if h.Description != "" {
		el(`<meta name="description" content="%s" />`, h.Description)
	}
	if h.NoIndex {
		el(`<meta name="robots" content="noindex" />`)
	}
	if h.Canonical != "" {
		el(`<link rel="canonical" href="%s" />`, h.Canonical)
		for _, l := range []string{LangVI, LangEN} {
			if u := h.Alternates[l]; u != "" {
				el(`<link rel="alternate" hreflang="%s" href="%s" />`, l, u)
			}
		}
		if u := h.Alternates[LangVI]; u != "" {
			el(`<link rel="alternate" hreflang="x-default" href="%s" />`, u)
		}
	}
	if h.Feed.Href != "" {
		el(`<link rel="alternate" type="application/atom+xml" title="%s" href="%s" />`, h.Feed.Title, h.Feed.Href)
	}
	el(`<meta property="og:site_name" content="%s" />`, siteName)
	el(`<meta property="og:title" content="%s" />`, h.Title)
	if h.Description != "" {
		el(`<meta property="og:description" content="%s" />`, h.Description)
	}
	if h.Canonical != "" {
		el(`<meta property="og:url" content="%s" />`, h.Canonical)
	}
	el(`<meta property="og:type" content="%s" />`, h.Type)
	el(`<meta property="og:locale" content="%s" />`, ogLocales[h.Lang])
	other := LangEN
	if h.Lang == LangEN {
		other = LangVI
	}
	el(`<meta property="og:locale:alternate" content="%s" />`, ogLocales[other])
	card := "summary"
	if h.Image.URL != "" {
		card = "summary_large_image"
		el(`<meta property="og:image" content="%s" />`, h.Image.URL)
		if h.Image.Width > 0 {
			el(`<meta property="og:image:width" content="%s" />`, strconv.Itoa(h.Image.Width))
			el(`<meta property="og:image:height" content="%s" />`, strconv.Itoa(h.Image.Height))
		}
		if h.Image.Alt != "" {
			el(`<meta property="og:image:alt" content="%s" />`, h.Image.Alt)
		}
	}
	el(`<meta name="twitter:card" content="%s" />`, card)
	el(`<meta name="twitter:title" content="%s" />`, h.Title)
	if h.Description != "" {
		el(`<meta name="twitter:description" content="%s" />`, h.Description)
	}
	if h.Image.URL != "" {
		el(`<meta name="twitter:image" content="%s" />`, h.Image.URL)
	}
	for _, ld := range h.JSONLD {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf) // escapes <, > and & as \u003c…
		if err := enc.Encode(ld); err != nil {
			continue // the values are built here from strings and numbers
		}
		b.WriteString(`<script type="application/ld+json">`)
		b.WriteString(strings.TrimSpace(buf.String()))
		b.WriteString("</script>\n")
	}
	return b.String()
}

// Inject puts head into index.html between the markers (replacing the
// default title) and sets <html lang>. An index without markers (a build
// from before them) gets the head before </head>.
func Inject(index []byte, h Head) []byte {
	s := string(index)
	rendered := h.Render()
	if i := strings.Index(s, markerStart); i >= 0 {
		if j := strings.Index(s[i:], markerEnd); j >= 0 {
			s = s[:i] + rendered + s[i+j+len(markerEnd):]
		} else {
			s = s[:i] + rendered + s[i+len(markerStart):]
		}
	} else if i := strings.Index(s, "</head>"); i >= 0 {
		s = s[:i] + rendered + s[i:]
	} else {
		s = rendered + s
	}
	// The page's own scripts go last in the head, after the app's entry and
	// its preloads: fetched beside them, never ahead of what runs first.
	if len(h.Preload) > 0 {
		var pre strings.Builder
		for _, src := range h.Preload {
			pre.WriteString(`<link rel="modulepreload" crossorigin href="` + html.EscapeString(src) + `" />` + "\n")
		}
		if i := strings.LastIndex(s, "</head>"); i >= 0 {
			s = s[:i] + pre.String() + s[i:]
		}
	}
	lang := `<html lang="` + h.Lang + `"`
	if i := strings.Index(s, `<html lang="`); i >= 0 {
		if j := strings.IndexByte(s[i+len(`<html lang="`):], '"'); j >= 0 {
			s = s[:i] + lang + s[i+len(`<html lang="`)+j+1:]
		}
	}
	return []byte(s)
}

// Clip shortens s to at most n characters at a word boundary, with "…".
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:–-") + "…"
}
