package event

import (
	"cmp"
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Showcase is the public face of an event's exhibition (item 3): the
// exhibitors with their booths and the listings they show, and the needs
// participants bring (the reverse techmart), searched and filtered through
// the search engine by the event filter; the printable exhibitor
// catalogue; the QR code of each booth, leading to its showcase.
//
// The search index learns which listings an event shows from Tags, which
// the catalog's indexer reads on every drain and reconciliation
// (catalog.Indexer.TagEvents); a view of the showcase pushes at once a
// listing whose events changed since (items).
type Showcase struct {
	st      *store.Store
	search  search.Engine
	index   IndexQueue
	now     func() time.Time
	baseURL string
	// provinceVI and provinceEN head the printed papers; tax names sectors.
	provinceVI, provinceEN string
	tax                    *taxonomy.Taxonomy
}

// IndexQueue pushes listings to the search index again (catalog.Indexer).
type IndexQueue interface {
	Notify(id string)
	Drain(ctx context.Context) error
}

// ShowcaseDeps are what the showcase service reads and writes through.
type ShowcaseDeps struct {
	Store  *store.Store
	Search search.Engine
	Index  IndexQueue // nil: the index learns of changes at its next reconciliation
	// BaseURL is the platform's public address, which booth QR codes lead to.
	BaseURL                string
	ProvinceVI, ProvinceEN string
	Taxonomy               *taxonomy.Taxonomy
	Now                    func() time.Time
}

// NewShowcase returns the showcase service.
func NewShowcase(d ShowcaseDeps) *Showcase {
	return &Showcase{st: d.Store, search: d.Search, index: d.Index, now: d.Now, baseURL: strings.TrimRight(d.BaseURL, "/"),
		provinceVI: d.ProvinceVI, provinceEN: d.ProvinceEN, tax: d.Taxonomy}
}

// MaxShowcaseItems bounds the listings one showcase search gathers before
// grouping them by stand: more than a fair of 600 booths shows.
const MaxShowcaseItems = 2000

// ShowcaseQuery narrows a showcase: words, a kind of listing, a sector, a
// role (exhibitors or participants' needs), one booth (its QR code), a
// page of stands.
type ShowcaseQuery struct {
	Q        string `json:"q" rule:"max=200"`
	Kind     string `json:"kind" rule:"max=20"`
	Sector   string `json:"sector" rule:"max=60"`
	Role     string `json:"role" rule:"max=20"`
	Booth    string `json:"booth" rule:"max=30"`
	Page     int    `json:"page" rule:"min=1,max=1000"`
	PageSize int    `json:"pageSize" rule:"min=1,max=100"`
}

var showcaseRules = validate.RulesOf[ShowcaseQuery]()

// check normalises the words and checks every part against its rule.
func (q *ShowcaseQuery) check() error {
	var v validate.Checker
	q.Q = validate.Text(q.Q)
	for field, value := range map[string]string{"q": q.Q, "kind": q.Kind, "sector": q.Sector, "booth": q.Booth} {
		if r := showcaseRules.Of(field); utf8.RuneCountInString(value) > r.Max {
			v.Add(field, "too_long", "max", r.Max)
		}
	}
	if q.Kind != "" {
		v.OneOf("kind", q.Kind, catalog.Kinds)
	}
	if q.Role != "" {
		v.OneOf("role", q.Role, Roles)
	}
	return v.Err()
}

// ShowcaseItem is one listing shown at a stand.
type ShowcaseItem struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind" rule:"enum=ListingKind"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	TitleEn string   `json:"titleEn,omitempty"`
	Sectors []string `json:"sectors"`
	Image   string   `json:"image,omitempty"`
	// Highlights mark the words found (HTML-escaped, <mark> around them).
	Highlights map[string]string `json:"highlights,omitempty"`
}

// Stand is one approved registration as the showcase shows it: an
// exhibitor's booth with its offers, an inventor's free booth, or a
// participant with the needs it brings.
type Stand struct {
	RegistrationID string         `json:"registrationId"`
	Role           string         `json:"role" rule:"enum=EventRole"`
	Org            Ref            `json:"org"`
	OrgKind        string         `json:"orgKind" rule:"enum=OrgKind"`
	Booth          string         `json:"booth,omitempty"`
	BoothType      string         `json:"boothType,omitempty"`
	Items          []ShowcaseItem `json:"items"`
	// QR is the path of the booth's QR code (SVG), for stands with a booth.
	QR string `json:"qr,omitempty"`
}

// ShowcaseCan says what the reader may do with the showcase.
type ShowcaseCan struct {
	Catalogue bool `json:"catalogue"` // print the exhibitor catalogue
	Report    bool `json:"report"`    // open the results report (officers)
}

// ShowcaseEvent is the event a showcase belongs to, as its page heads it.
type ShowcaseEvent struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	NameEN    string `json:"nameEn,omitempty"`
	Kind      string `json:"kind" rule:"enum=EventKind"`
	State     string `json:"state"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
	Venue     string `json:"venue,omitempty"`
	Link      string `json:"link,omitempty"`
}

// ShowcasePage is one page of an event's stands.
type ShowcasePage struct {
	Event  ShowcaseEvent `json:"event"`
	Stands []Stand       `json:"stands"`
	// Total is how many stands the query kept; Items how many listings.
	Total    int `json:"total"`
	Items    int `json:"items"`
	Page     int `json:"page"`
	PageSize int `json:"pageSize"`
	// Facets count the kinds and sectors of the listings the query kept.
	Facets map[string][]search.FacetCount `json:"facets"`
	Can    ShowcaseCan                    `json:"can"`
}

// visible reads an event the reader may see: published for everyone,
// any state for officers; others get ErrNotFound.
func (s *Showcase) visible(ctx context.Context, p *auth.Principal, id string) (Event, error) {
	ev, err := store.Get[Event](ctx, s.st, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return ev, ErrNotFound
	}
	if err != nil {
		return ev, err
	}
	if ev.State != StatePublished && !org.IsStaff(p) {
		return ev, ErrNotFound
	}
	return ev, nil
}

// approved lists the approved registrations of an event, by booth then
// organisation name.
func (s *Showcase) approved(ctx context.Context, eventID string) ([]Registration, error) {
	regs, err := store.Find[Registration](ctx, s.st, RegistrationCollection, bson.D{{Key: "eventId", Value: eventID}})
	if err != nil {
		return nil, err
	}
	regs = slices.DeleteFunc(regs, func(r Registration) bool { return r.State != RegApproved })
	slices.SortFunc(regs, func(a, b Registration) int {
		return cmp.Or(showcaseBoothOrder(a.Booth, b.Booth), cmp.Compare(a.Org.Name, b.Org.Name), cmp.Compare(a.ID, b.ID))
	})
	return regs, nil
}

// showcaseBoothOrder orders booth numbers as a visitor walks them: by prefix,
// then by number (A-2 before A-10); stands without a booth come last.
func showcaseBoothOrder(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	pa, na := showcaseBoothParts(a)
	pb, nb := showcaseBoothParts(b)
	return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(na, nb), cmp.Compare(a, b))
}

func showcaseBoothParts(b string) (string, int) {
	i := strings.LastIndex(b, "-")
	if i < 0 {
		return b, 0
	}
	n, err := strconv.Atoi(b[i+1:])
	if err != nil {
		return b, 0
	}
	return b[:i], n
}

// shown lists the listings a registration brings to the showcase.
func showcaseListings(r Registration) []string {
	if r.Role == RoleParticipant {
		return r.Needs
	}
	return r.Listings
}

// Tags lists, for every listing shown at a published event, the ids of
// those events, sorted: the catalog's indexer writes them into the search
// index (catalog.EventTags). One projected scan of the events and one of
// the registrations, which needs no index (it reads them all).
func (s *Showcase) Tags(ctx context.Context) (map[string][]string, error) {
	events, err := store.Find[Event](ctx, s.st, Collection, bson.D{}, options.Find().SetProjection(bson.D{{Key: "state", Value: 1}}))
	if err != nil {
		return nil, err
	}
	published := make(map[string]bool, len(events))
	for _, e := range events {
		published[e.ID] = e.State == StatePublished
	}
	regs, err := store.Find[Registration](ctx, s.st, RegistrationCollection, bson.D{}, options.Find().SetProjection(bson.D{
		{Key: "eventId", Value: 1}, {Key: "state", Value: 1}, {Key: "role", Value: 1}, {Key: "listings", Value: 1}, {Key: "needs", Value: 1}}))
	if err != nil {
		return nil, err
	}
	tags := map[string][]string{}
	for _, r := range regs {
		if r.State != RegApproved || !published[r.EventID] {
			continue
		}
		for _, id := range showcaseListings(r) {
			if !slices.Contains(tags[id], r.EventID) {
				tags[id] = append(tags[id], r.EventID)
			}
		}
	}
	for _, t := range tags {
		slices.Sort(t)
	}
	return tags, nil
}

// Search gives a page of an event's stands with the listings the query
// keeps. Without words or filters every approved stand is listed (an
// inventor's booth may show nothing published yet); with them only the
// stands with a listing kept.
func (s *Showcase) Search(ctx context.Context, p *auth.Principal, eventID string, q ShowcaseQuery) (ShowcasePage, error) {
	if err := q.check(); err != nil {
		return ShowcasePage{}, err
	}
	q.Page, q.PageSize = max(q.Page, 1), cmp.Or(q.PageSize, 24)
	ev, err := s.visible(ctx, p, eventID)
	if err != nil {
		return ShowcasePage{}, err
	}
	regs, err := s.approved(ctx, ev.ID)
	if err != nil {
		return ShowcasePage{}, err
	}
	res, err := s.items(ctx, ev, regs, q)
	if err != nil {
		return ShowcasePage{}, err
	}
	byListing := map[string]search.Hit{}
	for _, h := range res.Hits {
		byListing[h.Doc.ID] = h
	}
	filtered := q.Q != "" || q.Kind != "" || q.Sector != ""
	page := ShowcasePage{Event: ShowcaseEvent{ID: ev.ID, Name: ev.Name, NameEN: ev.NameEN, Kind: ev.Kind, State: ev.State,
		StartDate: ev.StartDate, EndDate: ev.EndDate, Venue: ev.Venue, Link: ev.Link}, Stands: []Stand{}, Page: q.Page, PageSize: q.PageSize, Facets: res.Facets,
		Can: ShowcaseCan{Catalogue: ev.State == StatePublished, Report: org.IsStaff(p)}}
	var stands []Stand
	for _, r := range regs {
		if (q.Role != "" && r.Role != q.Role) || (q.Booth != "" && !strings.EqualFold(r.Booth, q.Booth)) {
			continue
		}
		st := s.stand(ev, r)
		for _, id := range showcaseListings(r) {
			if h, ok := byListing[id]; ok {
				st.Items = append(st.Items, showcaseItemOf(h))
			}
		}
		if filtered && len(st.Items) == 0 {
			continue
		}
		page.Items += len(st.Items)
		stands = append(stands, st)
	}
	page.Total = len(stands)
	page.Stands = append(page.Stands, store.PageOf(stands, q.Page, q.PageSize)...)
	return page, nil
}

// items searches the listings an event shows. The search engine holds the
// event's id on each (the event filter), written by the catalog's indexer
// from Tags. A registration approved or withdrawn since the indexer last
// pushed shows at once all the same: a listing the engine returns that no
// approved registration shows any more is pushed again and left out, and
// on an unfiltered view of a published event a listing shown there that
// the engine holds without the event is pushed again and searched anew;
// one it holds with the event although the search missed it was tagged
// by a drain or a reconciliation in between, and is searched anew too.
func (s *Showcase) items(ctx context.Context, ev Event, regs []Registration, q ShowcaseQuery) (search.Result, error) {
	want := map[string]bool{}
	for _, r := range regs {
		for _, id := range showcaseListings(r) {
			want[id] = true
		}
	}
	res, err := s.find(ctx, ev, q)
	if err != nil {
		return res, err
	}
	var pushed []string
	stale := false // the index gained a tag the first search did not see
	res.Hits = slices.DeleteFunc(res.Hits, func(h search.Hit) bool {
		if want[h.Doc.ID] {
			return false
		}
		pushed = append(pushed, h.Doc.ID)
		return true
	})
	unfiltered := q.Q == "" && q.Kind == "" && q.Sector == ""
	if unfiltered && ev.State == StatePublished && s.index != nil {
		found := make(map[string]bool, len(res.Hits))
		for _, h := range res.Hits {
			found[h.Doc.ID] = true
		}
		for id := range want {
			if found[id] {
				continue
			}
			d, err := s.search.Get(ctx, id)
			switch {
			case errors.Is(err, search.ErrNotFound):
				// not public (or expired): nothing to show
			case err != nil:
				return res, ErrSearchUnavailable.Wrap(err)
			case !slices.Contains(d.Events, ev.ID):
				pushed = append(pushed, id)
			default:
				// Tagged, yet the search missed it: the indexer (a
				// reconciliation, another view's drain) pushed the tag
				// after the search read the index. Without searching
				// again the view would lack the listing.
				stale = true
			}
		}
	}
	if (len(pushed) == 0 && !stale) || s.index == nil {
		return res, nil
	}
	for _, id := range pushed {
		s.index.Notify(id)
	}
	// Drain also waits for a drain or reconciliation under way (they
	// hold the same lock), so the search below reads its writes whole.
	if err := s.index.Drain(ctx); err != nil {
		return res, ErrSearchUnavailable.Wrap(err)
	}
	again, err := s.find(ctx, ev, q)
	if err != nil {
		return res, err
	}
	again.Hits = slices.DeleteFunc(again.Hits, func(h search.Hit) bool { return !want[h.Doc.ID] })
	again.Facets = showcaseFacets(again.Hits)
	return again, nil
}

// find is one search of the event's listings.
func (s *Showcase) find(ctx context.Context, ev Event, q ShowcaseQuery) (search.Result, error) {
	// To the minute, so repeated searches share a cache entry.
	f := search.Filter{Events: []string{ev.ID}, ActiveAt: s.now().Truncate(time.Minute)}
	if q.Kind != "" {
		f.Kinds = []string{q.Kind}
	}
	if q.Sector != "" {
		f.Sectors = []string{q.Sector}
	}
	res, err := s.search.Search(ctx, search.Query{Text: q.Q, Filter: f, PageSize: MaxShowcaseItems, NoFacets: true})
	if err != nil {
		return res, ErrSearchUnavailable.Wrap(err)
	}
	// Too few listings held every word, so the engine relaxed the query:
	// a showcase keeps only those that hold them all.
	if res.Relaxed {
		res.Hits = res.Hits[:min(res.Exact, len(res.Hits))]
	}
	res.Facets = showcaseFacets(res.Hits)
	return res, nil
}

// showcaseFacets counts the kinds and sectors of the listings kept.
func showcaseFacets(hits []search.Hit) map[string][]search.FacetCount {
	counts := map[string]map[string]int{search.FacetKind: {}, search.FacetSector: {}}
	for _, h := range hits {
		counts[search.FacetKind][h.Doc.Kind]++
		for _, s := range h.Doc.Sectors {
			counts[search.FacetSector][s]++
		}
	}
	out := map[string][]search.FacetCount{}
	for name, byValue := range counts {
		fc := []search.FacetCount{}
		for v, n := range byValue {
			fc = append(fc, search.FacetCount{Value: v, Count: n})
		}
		slices.SortFunc(fc, func(a, b search.FacetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		out[name] = fc
	}
	return out
}

func (s *Showcase) stand(ev Event, r Registration) Stand {
	st := Stand{RegistrationID: r.ID, Role: r.Role, Org: r.Org, OrgKind: r.OrgKind, Booth: r.Booth, BoothType: r.BoothType, Items: []ShowcaseItem{}}
	if r.Booth != "" {
		st.QR = "/api/v1/events/" + ev.ID + "/booths/" + url.PathEscape(r.Booth) + "/qr.svg"
	}
	return st
}

func showcaseItemOf(h search.Hit) ShowcaseItem {
	d := h.Doc
	return ShowcaseItem{ID: d.ID, Kind: d.Kind, Title: d.Title, Summary: d.Summary, TitleEn: d.TitleEn,
		Sectors: append([]string{}, d.Sectors...), Image: d.Image, Highlights: h.Highlights}
}

// ErrSearchUnavailable: the search engine did not answer; the showcase
// cannot be listed (the store is not searched instead).
var ErrSearchUnavailable = errs.New(errs.Unavailable, "search_unavailable")

// ErrBoothNotFound: no approved registration of the event holds the booth.
var ErrBoothNotFound = errs.New(errs.NotFound, "booth_not_found")

// BoothLink is the address a booth's QR code leads to: the event's
// showcase page opened on that booth (Vietnamese, the default language),
// light enough for a phone at the fair.
func (s *Showcase) BoothLink(ctx context.Context, p *auth.Principal, eventID, booth string) (string, error) {
	ev, err := s.visible(ctx, p, eventID)
	if err != nil {
		return "", err
	}
	regs, err := s.approved(ctx, ev.ID)
	if err != nil {
		return "", err
	}
	for _, r := range regs {
		if r.Booth != "" && r.Booth == booth {
			return s.baseURL + "/events/" + url.PathEscape(ev.ID) + "/showcase?booth=" + url.QueryEscape(r.Booth), nil
		}
	}
	return "", ErrBoothNotFound
}
