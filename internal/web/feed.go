package web

import (
	"context"
	"encoding/xml"
	"net/url"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// FeedSize is how many entries a feed holds (the newest).
const FeedSize = 50

// Feed paths (an English feed is under /en).
const (
	ListingsFeedPath = "/feed.xml"
	ProgramsFeedPath = "/feed/programs.xml"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary,omitempty"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// FeedFilter narrows the listings feed.
type FeedFilter struct {
	Kind   string
	Sector string
}

// CheckFeedFilter refuses an unknown kind or sector (422, naming the field).
func (s *Site) CheckFeedFilter(f FeedFilter) error {
	var c validate.Checker
	if f.Kind != "" {
		c.OneOf("kind", f.Kind, catalog.Kinds)
	}
	if f.Sector != "" {
		c.OneOf("sector", f.Sector, taxonomy.Codes(s.d.Taxonomy.Sectors))
	}
	return c.Err()
}

// ListingsFeed is the Atom feed of the newest published listings, of one
// kind or sector when asked.
func (s *Site) ListingsFeed(ctx context.Context, base, lang string, f FeedFilter) ([]byte, error) {
	if err := s.CheckFeedFilter(f); err != nil {
		return nil, err
	}
	set, err := s.public(ctx)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	if f.Kind != "" {
		q.Set("kind", f.Kind)
	}
	if f.Sector != "" {
		q.Set("sector", f.Sector)
	}
	self := base + Prefix(lang) + ListingsFeedPath
	if len(q) > 0 {
		self += "?" + q.Encode()
	}
	feed := s.feed(base, lang, self, s.t("feed.listings", lang), "/search")
	for _, l := range set.listings {
		if (f.Kind != "" && l.Kind != f.Kind) || (f.Sector != "" && !slices.Contains(l.Sectors, f.Sector)) {
			continue
		}
		if len(feed.Entries) == FeedSize {
			break
		}
		title, summary := listingText(l, lang)
		link := base + Prefix(lang) + "/listings/" + url.PathEscape(l.ID)
		e := atomEntry{ID: link, Title: title, Summary: summary, Updated: stamp(l.UpdatedAt), Published: stamp(published(l)),
			Links:      []atomLink{{Rel: "alternate", Href: link, Type: "text/html"}},
			Categories: []atomCategory{{Term: l.Kind, Label: listingKinds[l.Kind].in(lang)}}}
		for _, sec := range l.Sectors {
			e.Categories = append(e.Categories, atomCategory{Term: sec, Label: taxonomy.Label(s.d.Taxonomy.Sectors, sec, lang)})
		}
		if n := set.orgNames[l.OrgID]; n != "" {
			e.Author = &atomPerson{Name: n, URI: base + Prefix(lang) + "/organizations/" + url.PathEscape(l.OrgID)}
		}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = newestEntry(feed.Entries)
	return marshalXML(feed)
}

// ProgramsFeed is the Atom feed of the published support programmes.
func (s *Site) ProgramsFeed(ctx context.Context, base, lang string) ([]byte, error) {
	set, err := s.public(ctx)
	if err != nil {
		return nil, err
	}
	programs := set.programs[:min(len(set.programs), FeedSize)]
	feed := s.feed(base, lang, base+Prefix(lang)+ProgramsFeedPath, s.t("feed.programs", lang), "/support")
	for _, p := range programs {
		link := base + Prefix(lang) + "/support/" + url.PathEscape(p.ID)
		pub := p.CreatedAt
		if p.PublishedAt != nil {
			pub = *p.PublishedAt
		}
		window := s.t("program.window", lang, "opens", dmy(p.Window.OpensOn), "closes", dmy(p.Window.ClosesOn))
		feed.Entries = append(feed.Entries, atomEntry{ID: link, Title: p.Name, Summary: window + " " + p.Summary,
			Updated: stamp(p.UpdatedAt), Published: stamp(pub), Links: []atomLink{{Rel: "alternate", Href: link, Type: "text/html"}}})
	}
	feed.Updated = newestEntry(feed.Entries)
	return marshalXML(feed)
}

func (s *Site) feed(base, lang, self, title, page string) atomFeed {
	return atomFeed{NS: "http://www.w3.org/2005/Atom", Lang: lang, ID: self, Title: title,
		Links: []atomLink{
			{Rel: "self", Href: self, Type: "application/atom+xml"},
			{Rel: "alternate", Href: base + Prefix(lang) + page, Type: "text/html"},
		},
		Author:  atomPerson{Name: s.t("department", lang), URI: base + Prefix(lang) + "/"},
		Entries: []atomEntry{}}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// newestEntry is a feed's updated time: its newest entry's, or the epoch
// of an empty feed (Atom requires one).
func newestEntry(es []atomEntry) string {
	newest := stamp(time.Unix(0, 0))
	for _, e := range es {
		if e.Updated > newest {
			newest = e.Updated
		}
	}
	return newest
}
