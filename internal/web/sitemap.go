package web

import (
	"context"
	"encoding/xml"
	"net/url"
	"strconv"
	"time"
)

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string      `xml:"loc"`
	LastMod string      `xml:"lastmod,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// page is one public page of the sitemap, in both languages.
type sitemapPage struct {
	path    string
	lastMod time.Time
}

// pages lists every public page: the indexed static pages, then the
// published listings (newest first), the published programmes and the
// verified organisations.
func (s *Site) pages(ctx context.Context) ([]sitemapPage, error) {
	set, err := s.public(ctx)
	if err != nil {
		return nil, err
	}
	var newest time.Time
	for _, l := range set.listings {
		if l.UpdatedAt.After(newest) {
			newest = l.UpdatedAt
		}
	}
	var out []sitemapPage
	for _, r := range Routes {
		if r.Indexed {
			p := sitemapPage{path: r.Pattern}
			if r.Page == PageHome || r.Page == PageSearch {
				p.lastMod = newest
			}
			out = append(out, p)
		}
	}
	for _, l := range set.listings {
		out = append(out, sitemapPage{path: "/listings/" + url.PathEscape(l.ID), lastMod: l.UpdatedAt})
	}
	for _, p := range set.programs {
		out = append(out, sitemapPage{path: "/support/" + url.PathEscape(p.ID), lastMod: p.UpdatedAt})
	}
	for _, e := range set.events {
		out = append(out, sitemapPage{path: "/events/" + url.PathEscape(e.ID), lastMod: e.UpdatedAt})
	}
	for _, o := range set.orgs {
		m := o.CreatedAt
		if o.DecidedAt != nil {
			m = *o.DecidedAt
		}
		out = append(out, sitemapPage{path: "/organizations/" + url.PathEscape(o.ID), lastMod: m})
	}
	return out, nil
}

// sitemapURLs writes each page twice (Vietnamese and English), each with
// both alternates and x-default.
func sitemapURLs(base string, pages []sitemapPage) []sitemapURL {
	out := make([]sitemapURL, 0, 2*len(pages))
	for _, p := range pages {
		_, alt := urls(base, LangVI, p.path)
		links := []xhtmlLink{
			{Rel: "alternate", HrefLang: LangVI, Href: alt[LangVI]},
			{Rel: "alternate", HrefLang: LangEN, Href: alt[LangEN]},
			{Rel: "alternate", HrefLang: "x-default", Href: alt[LangVI]},
		}
		lm := ""
		if !p.lastMod.IsZero() {
			lm = p.lastMod.UTC().Format(time.RFC3339)
		}
		for _, l := range []string{LangVI, LangEN} {
			out = append(out, sitemapURL{Loc: alt[l], LastMod: lm, Links: links})
		}
	}
	return out
}

func (s *Site) chunks(ctx context.Context, base string) ([][]sitemapURL, error) {
	pages, err := s.pages(ctx)
	if err != nil {
		return nil, err
	}
	all := sitemapURLs(base, pages)
	size := max(min(s.ChunkSize, MaxSitemapURLs), 1)
	var out [][]sitemapURL
	for i := 0; i < len(all); i += size {
		out = append(out, all[i:min(i+size, len(all))])
	}
	return out, nil
}

// SitemapChunkPath is the path of the n-th (from 1) sitemap file.
func SitemapChunkPath(n int) string { return "/sitemaps/" + strconv.Itoa(n) + ".xml" }

// SitemapIndex is /sitemap.xml: the sitemap files, each with the newest
// lastmod of its pages.
func (s *Site) SitemapIndex(ctx context.Context, base string) ([]byte, error) {
	chunks, err := s.chunks(ctx, base)
	if err != nil {
		return nil, err
	}
	idx := sitemapIndex{NS: sitemapNS}
	for i, c := range chunks {
		e := sitemapEntry{Loc: base + SitemapChunkPath(i+1)}
		for _, u := range c {
			if u.LastMod > e.LastMod { // RFC 3339 in UTC sorts as text
				e.LastMod = u.LastMod
			}
		}
		idx.Sitemaps = append(idx.Sitemaps, e)
	}
	return marshalXML(idx)
}

// SitemapChunk is the n-th sitemap file; ok is false past the last.
func (s *Site) SitemapChunk(ctx context.Context, base string, n int) ([]byte, bool, error) {
	chunks, err := s.chunks(ctx, base)
	if err != nil || n < 1 || n > len(chunks) {
		return nil, false, err
	}
	b, err := marshalXML(urlSet{NS: sitemapNS, XHTML: xhtmlNS, URLs: chunks[n-1]})
	return b, err == nil, err
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
