package httpapi_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/web"
)

const demoProgram = "70726f670000000000000001"

// head is what a page's HTML says about it, read as a crawler reads it
// (no JavaScript).
type head struct {
	status    int
	lang      string
	title     string
	meta      map[string]string // by name or property
	canonical string
	hreflang  map[string]string
	jsonLD    []map[string]any
	body      string
}

func fetchHead(t *testing.T, h *apptest.Harness, path string) head {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: path})
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("%s: content type %q", path, ct)
	}
	doc, err := html.Parse(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	out := head{status: r.Status, meta: map[string]string{}, hreflang: map[string]string{}, body: string(r.Body)}
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				out.lang = attr(n, "lang")
			case "title":
				if out.title != "" {
					t.Errorf("%s: two titles", path)
				}
				out.title = n.FirstChild.Data
			case "meta":
				out.meta[attr(n, "name")+attr(n, "property")] = attr(n, "content")
			case "link":
				switch attr(n, "rel") {
				case "canonical":
					out.canonical = attr(n, "href")
				case "alternate":
					out.hreflang[attr(n, "hreflang")] = attr(n, "href")
				}
			case "script":
				if attr(n, "type") == "application/ld+json" {
					var ld map[string]any
					if err := json.Unmarshal([]byte(n.FirstChild.Data), &ld); err != nil {
						t.Fatalf("%s: JSON-LD does not parse: %v %s", path, err, n.FirstChild.Data)
					}
					out.jsonLD = append(out.jsonLD, ld)
				} else {
					t.Errorf("%s: a script that is not JSON-LD: %q", path, attr(n, "type"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// checkSocial: the Open Graph and Twitter tags repeat the head.
func checkSocial(t *testing.T, path string, hd head, ogType, locale string) {
	t.Helper()
	want := map[string]string{
		"og:title": hd.title, "og:url": hd.canonical, "og:type": ogType, "og:locale": locale, "og:site_name": "Techmart",
		"og:description": hd.meta["description"], "twitter:title": hd.title, "twitter:card": "summary_large_image",
		"twitter:image": hd.meta["og:image"],
	}
	for k, v := range want {
		if hd.meta[k] != v || v == "" {
			t.Errorf("%s: %s = %q, want %q", path, k, hd.meta[k], v)
		}
	}
	if !strings.HasPrefix(hd.meta["og:image"], "http://techmart.test/") {
		t.Errorf("%s: og:image %q", path, hd.meta["og:image"])
	}
}

func hreflangs(t *testing.T, path string, hd head, vi, en string) {
	t.Helper()
	if hd.hreflang["vi"] != vi || hd.hreflang["en"] != en || hd.hreflang["x-default"] != vi {
		t.Errorf("%s: hreflang %v", path, hd.hreflang)
	}
}

// TestPublicPageHeads: a listing, an organisation, a programme, the home
// and search pages carry their head for a crawler, in Vietnamese at the
// root and in English under /en/; what is not public answers 404 (an
// archived listing 410) with the SPA, and a title with markup stays text.
func TestPublicPageHeads(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, off := h.Demo("institute"), h.Demo("officer")
	body := sturgeon()
	// Titles refuse < and > (validate.Name); summaries take them.
	title := `Máy "sấy" chè 'Shan' & hồng`
	summary := `Quy trình nuôi cá tầm "Nga" <script>alert('x')</script></script><b>đậm</b> trong bể & nước suối lạnh.`
	body["title"], body["summary"] = title, summary
	body["titleEn"], body["summaryEn"] = "Sturgeon farming in cold spring water", "Raising Russian sturgeon in cement tanks fed by cold spring water."
	id := createListing(t, h, inst, body)["id"].(string)
	img := uploadImage(t, h, inst.Access, id)
	step(t, h, inst, id, "submit", nil)
	step(t, h, off, id, "approve", nil)

	path := "/listings/" + id
	vi := fetchHead(t, h, path)
	if vi.status != 200 || vi.lang != "vi" || vi.title != title+" – Techmart" || vi.meta["description"] != summary {
		t.Fatalf("listing head: %d %q %q %q", vi.status, vi.lang, vi.title, vi.meta["description"])
	}
	if strings.Contains(vi.body, "<script>alert") || strings.Contains(vi.body, "<b>đậm") {
		t.Fatal("the summary's markup reached the page unescaped")
	}
	if vi.canonical != "http://techmart.test"+path {
		t.Errorf("canonical %q", vi.canonical)
	}
	hreflangs(t, path, vi, "http://techmart.test"+path, "http://techmart.test/en"+path)
	checkSocial(t, path, vi, "article", "vi_VN")
	if vi.meta["og:image"] != "http://techmart.test/api/v1/files/"+img {
		t.Errorf("og:image %q, want the listing's first image", vi.meta["og:image"])
	}
	if len(vi.jsonLD) != 1 {
		t.Fatalf("JSON-LD %v", vi.jsonLD)
	}
	ld := vi.jsonLD[0]
	item, _ := ld["itemOffered"].(map[string]any)
	by, _ := ld["offeredBy"].(map[string]any)
	if ld["@context"] != "https://schema.org" || ld["@type"] != "Offer" || ld["name"] != title || ld["description"] != summary || item["@type"] != "Service" ||
		by["url"] != "http://techmart.test/organizations/"+instituteOrg || ld["url"] != vi.canonical {
		t.Errorf("listing JSON-LD %v", ld)
	}
	if spec, _ := ld["priceSpecification"].(map[string]any); spec["priceCurrency"] != "VND" || spec["minPrice"] != 2e8 {
		t.Errorf("price %v", ld["priceSpecification"])
	}
	// The served HTML is the SPA's, which still renders the page.
	if !strings.Contains(vi.body, `<div id="root">Techmart SPA</div>`) {
		t.Errorf("not the SPA: %s", vi.body)
	}

	en := fetchHead(t, h, "/en"+path)
	if en.status != 200 || en.lang != "en" || en.canonical != "http://techmart.test/en"+path || en.title != "Sturgeon farming in cold spring water – Techmart" ||
		en.meta["og:description"] != "Raising Russian sturgeon in cement tanks fed by cold spring water." {
		t.Fatalf("English listing head: %d %q %q %q", en.status, en.lang, en.canonical, en.title)
	}
	checkSocial(t, "/en"+path, en, "article", "en_US")
	hreflangs(t, "/en"+path, en, "http://techmart.test"+path, "http://techmart.test/en"+path)
	if len(en.jsonLD) != 1 || en.jsonLD[0]["inLanguage"] != "en" || en.jsonLD[0]["name"] != "Sturgeon farming in cold spring water" {
		t.Errorf("English JSON-LD %v", en.jsonLD)
	}

	// A need without images: schema.org Demand, and its generated card.
	need := fetchHead(t, h, "/listings/"+demoNeed)
	if need.status != 200 || len(need.jsonLD) != 1 || need.jsonLD[0]["@type"] != "Demand" {
		t.Fatalf("need: %d %v", need.status, need.jsonLD)
	}
	if seeks, _ := need.jsonLD[0]["@reverse"].(map[string]any); seeks["seeks"] == nil {
		t.Errorf("need JSON-LD names no organisation: %v", need.jsonLD[0])
	}
	card := need.meta["og:image"]
	if card != "http://techmart.test/cards/listings/"+demoNeed+".png" || need.meta["og:image:width"] != "1200" {
		t.Fatalf("need's card %q", card)
	}
	c := h.Do(R{Method: "GET", Path: strings.TrimPrefix(card, "http://techmart.test")})
	if c.Status != 200 || c.Header.Get("Content-Type") != "image/png" || c.Header.Get("ETag") == "" {
		t.Fatalf("card: %d %v", c.Status, c.Header)
	}
	if im, err := png.Decode(bytes.NewReader(c.Body)); err != nil || im.Bounds().Dx() != 1200 || im.Bounds().Dy() != 630 {
		t.Fatalf("card image: %v", err)
	}
	if r := h.Do(R{Method: "GET", Path: "/cards/listings/" + demoNeed + ".png", Headers: map[string]string{"If-None-Match": c.Header.Get("ETag")}}); r.Status != 304 {
		t.Errorf("card revalidation: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/cards/listings/000000000000000000000000.png"}); r.Status != 404 || problemCode(t, r) != "not_found" {
		t.Errorf("card of a missing listing: %d", r.Status)
	}

	// Revalidating an unchanged page costs no body.
	etag := h.Do(R{Method: "GET", Path: path}).Header.Get("ETag")
	if r := h.Do(R{Method: "GET", Path: path, Headers: map[string]string{"If-None-Match": etag}}); etag == "" || r.Status != 304 {
		t.Errorf("revalidation: %q %d", etag, r.Status)
	}

	// Organisations: verified ones only.
	org := fetchHead(t, h, "/organizations/"+instituteOrg)
	if org.status != 200 || !strings.HasPrefix(org.title, "Viện") || org.canonical != "http://techmart.test/organizations/"+instituteOrg {
		t.Fatalf("organisation: %d %q %q", org.status, org.title, org.canonical)
	}
	checkSocial(t, "organisation", org, "website", "vi_VN")
	if len(org.jsonLD) != 1 || org.jsonLD[0]["@type"] != "ResearchOrganization" || org.jsonLD[0]["name"] != strings.TrimSuffix(org.title, " – Techmart") {
		t.Errorf("organisation JSON-LD %v", org.jsonLD)
	}
	if want := "http://techmart.test/cards/organizations/" + instituteOrg + ".png"; org.meta["og:image"] != want {
		t.Errorf("organisation's card %q", org.meta["og:image"])
	}
	for path, want := range map[string]int{"/cards/organizations/" + instituteOrg + ".png?lang=en": 200, "/cards/organizations/" + pendingOrg + ".png": 404,
		"/cards/programs/" + demoProgram + ".png": 200, "/cards/nothing/" + demoProgram + ".png": 404, "/cards/programs/" + demoProgram: 404} {
		if r := h.Do(R{Method: "GET", Path: path}); r.Status != want || (want == 200 && r.Header.Get("Content-Type") != "image/png") {
			t.Errorf("%s: %d %q", path, r.Status, r.Header.Get("Content-Type"))
		}
	}
	// The head describes the organisation in its own words, as its public
	// page does; one that has written none is described by the platform.
	own := h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + instituteOrg}).JSON(t)["description"].(string)
	if own == "" || org.meta["description"] != web.Clip(own, 200) {
		t.Errorf("organisation's description %q, its own words %q", org.meta["description"], own)
	}
	orgEN := fetchHead(t, h, "/en/organizations/"+instituteOrg)
	if orgEN.lang != "en" || orgEN.meta["description"] != web.Clip(own, 200) || orgEN.canonical != "http://techmart.test/en/organizations/"+instituteOrg {
		t.Errorf("English organisation: %q %q %q", orgEN.lang, orgEN.meta["description"], orgEN.canonical)
	}
	hreflangs(t, "organisation", orgEN, "http://techmart.test/organizations/"+instituteOrg, "http://techmart.test/en/organizations/"+instituteOrg)
	const silentOrg = "64656d6f000000000000000d" // a verified college without a description
	for lang, want := range map[string]string{"": "xác minh", "/en": "verified"} {
		if got := fetchHead(t, h, lang+"/organizations/"+silentOrg); got.status != 200 || !strings.Contains(got.meta["description"], want) {
			t.Errorf("organisation without a description (%q): %d %q", lang, got.status, got.meta["description"])
		}
	}

	// Programmes: published ones only.
	prog := fetchHead(t, h, "/support/"+demoProgram)
	if prog.status != 200 || len(prog.jsonLD) != 1 || prog.jsonLD[0]["@type"] != "MonetaryGrant" || !strings.Contains(prog.meta["description"], "Nhận hồ sơ từ") {
		t.Fatalf("programme: %d %v %q", prog.status, prog.jsonLD, prog.meta["description"])
	}
	f := &fixture{h: h, tokens: map[string]apptest.Tokens{"officer": off}}
	draft := f.program(false)

	// Home and search.
	home := fetchHead(t, h, "/")
	if home.status != 200 || len(home.jsonLD) != 1 || home.jsonLD[0]["@type"] != "WebSite" || home.canonical != "http://techmart.test/" {
		t.Fatalf("home: %d %v %q", home.status, home.jsonLD, home.canonical)
	}
	action, _ := home.jsonLD[0]["potentialAction"].(map[string]any)
	if target, _ := action["target"].(map[string]any); action["@type"] != "SearchAction" || target["urlTemplate"] != "http://techmart.test/search?q={search_term_string}" {
		t.Errorf("search action %v", action)
	}
	homeEN := fetchHead(t, h, "/en/")
	if homeEN.lang != "en" || !strings.Contains(homeEN.title, "Technology and equipment market") || homeEN.canonical != "http://techmart.test/en/" {
		t.Errorf("English home: %q %q %q", homeEN.lang, homeEN.title, homeEN.canonical)
	}
	hreflangs(t, "home", homeEN, "http://techmart.test/", "http://techmart.test/en/")
	if !strings.Contains(homeEN.body, `<link rel="alternate" type="application/atom+xml" title="New listings on Techmart – Thái Nguyên" href="http://techmart.test/en/feed.xml" />`) {
		t.Error("the English home page names no feed")
	}
	search := fetchHead(t, h, "/search?q=ch%C3%A8+shan+tuy%E1%BA%BFt&kind=technology")
	// Titled with the query, but canonical to the search page: a query's
	// text must not become a page of its own in a search engine.
	if search.status != 200 || !strings.Contains(search.title, "“chè shan tuyết”") || search.canonical != "http://techmart.test/search" {
		t.Errorf("search: %d %q %q", search.status, search.title, search.canonical)
	}
	for _, p := range []string{"/results", "/support", "/en/support/dashboard"} {
		if hd := fetchHead(t, h, p); hd.status != 200 || hd.meta["description"] == "" || hd.canonical == "" || hd.meta["robots"] != "" {
			t.Errorf("%s: %d %q %q", p, hd.status, hd.meta["description"], hd.canonical)
		}
	}
	if hd := fetchHead(t, h, "/my/listings"); hd.status != 200 || hd.meta["robots"] != "noindex" || hd.canonical != "" {
		t.Errorf("a private page: %d %q", hd.status, hd.meta["robots"])
	}

	// Real status codes, each with the SPA to show its not-found page.
	archived := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, archived, "submit", nil)
	step(t, h, off, archived, "approve", nil)
	step(t, h, inst, archived, "archive", nil)
	pending := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, pending, "submit", nil)
	// A draft archived before it was ever published never existed for the
	// public: 404, not 410 (which would confirm that its id exists).
	archivedDraft := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, archivedDraft, "archive", nil)
	for p, want := range map[string]int{
		"/khong-co-trang-nay":                     404,
		"/en/no-such-page":                        404,
		"/listings":                               404,
		"/listings/000000000000000000000000":      404,
		"/en/listings/000000000000000000000000":   404,
		"/listings/" + pending:                    404,
		"/listings/" + archived:                   410,
		"/en/listings/" + archived:                410,
		"/listings/" + archivedDraft:              404,
		"/organizations/" + pendingOrg:            404,
		"/organizations/000000000000000000000000": 404,
		"/support/" + draft:                       404,
		"/support/000000000000000000000000":       404,
		"/listings/new":                           200,
		"/support/dashboard":                      200,
	} {
		hd := fetchHead(t, h, p)
		if hd.status != want || !strings.Contains(hd.body, `<div id="root">`) {
			t.Errorf("%s: %d, want %d", p, hd.status, want)
		}
		if want != 200 && (hd.meta["robots"] != "noindex" || len(hd.jsonLD) != 0) {
			t.Errorf("%s: a missing page's head %v", p, hd.meta)
		}
	}
	// API paths and files keep their behaviour.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/nope"}); r.Status != 404 || problemCode(t, r) != "route_not_found" {
		t.Errorf("API: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/assets/index-abc123.js"}); r.Status != 200 {
		t.Errorf("asset: %d", r.Status)
	}
}

type sitemapDoc struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func getXML(t *testing.T, h *apptest.Harness, path, contentType string, v any) {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: path})
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), contentType) {
		t.Fatalf("%s: %d %q %s", path, r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	if err := xml.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
}

// TestSitemapFeedsAndRobots: the sitemap index and its chunks and the
// feeds parse as XML and list a newly approved listing; the feeds' filters
// refuse unknown values by field; robots.txt names the sitemap.
func TestSitemapFeedsAndRobots(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	h.App.Site.ChunkSize = 40
	inst, off := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	step(t, h, off, id, "approve", nil)

	var idx sitemapDoc
	getXML(t, h, "/sitemap.xml", "application/xml", &idx)
	if len(idx.Sitemaps) < 3 {
		t.Fatalf("%d sitemap files for the demo catalogue in chunks of 40", len(idx.Sitemaps))
	}
	urls := map[string][]string{}
	total := 0
	for i, s := range idx.Sitemaps {
		if want := "http://techmart.test/sitemaps/" + itoa(i+1) + ".xml"; s.Loc != want || s.LastMod == "" {
			t.Fatalf("sitemap %d: %q %q", i+1, s.Loc, s.LastMod)
		}
		var chunk sitemapDoc
		getXML(t, h, strings.TrimPrefix(s.Loc, "http://techmart.test"), "application/xml", &chunk)
		if len(chunk.URLs) == 0 || len(chunk.URLs) > 40 {
			t.Fatalf("sitemap %d has %d URLs", i+1, len(chunk.URLs))
		}
		total += len(chunk.URLs)
		for _, u := range chunk.URLs {
			var alts []string
			for _, l := range u.Links {
				alts = append(alts, l.HrefLang+"="+l.Href)
			}
			urls[u.Loc] = alts
			if strings.Contains(u.Loc, "/listings/") && u.LastMod == "" {
				t.Errorf("%s has no lastmod", u.Loc)
			}
		}
	}
	listing := "http://techmart.test/listings/" + id
	wantAlts := "vi=" + listing + " en=http://techmart.test/en/listings/" + id + " x-default=" + listing
	for _, loc := range []string{listing, "http://techmart.test/en/listings/" + id} {
		if got := strings.Join(urls[loc], " "); got != wantAlts {
			t.Errorf("%s: alternates %q", loc, got)
		}
	}
	for _, loc := range []string{"http://techmart.test/", "http://techmart.test/en/", "http://techmart.test/support/" + demoProgram,
		"http://techmart.test/organizations/" + instituteOrg} {
		if urls[loc] == nil {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
	if urls["http://techmart.test/organizations/"+pendingOrg] != nil {
		t.Error("the sitemap lists an unverified organisation")
	}
	if total != len(urls) {
		t.Errorf("%d URLs, %d distinct", total, len(urls))
	}
	if r := h.Do(R{Method: "GET", Path: "/sitemaps/" + itoa(len(idx.Sitemaps)+1) + ".xml"}); r.Status != 404 || problemCode(t, r) != "not_found" {
		t.Errorf("a sitemap past the last: %d", r.Status)
	}

	feedHas := func(path string) (atomDoc, bool) {
		var f atomDoc
		getXML(t, h, path, "application/atom+xml", &f)
		for _, e := range f.Entries {
			if e.Link.Href == strings.Replace(listing, "techmart.test/", "techmart.test"+map[bool]string{true: "/en/", false: "/"}[strings.HasPrefix(path, "/en/")], 1) {
				return f, true
			}
		}
		return f, false
	}
	for path, want := range map[string]bool{
		"/feed.xml": true, "/feed.xml?kind=technology": true, "/feed.xml?sector=hitech_agri": true, "/feed.xml?kind=demand": false,
		"/feed.xml?kind=technology&sector=clean_energy": false, "/en/feed.xml": true,
	} {
		if f, got := feedHas(path); got != want || f.Updated == "" || f.Title == "" {
			t.Errorf("%s: lists the new listing %v, want %v (%d entries)", path, got, want, len(f.Entries))
		}
	}
	if f, _ := feedHas("/en/feed.xml"); f.Lang != "en" || !strings.HasPrefix(f.Title, "New listings") {
		t.Errorf("English feed: %q %q", f.Lang, f.Title)
	}
	for path, field := range map[string]string{"/feed.xml?kind=bogus": "kind", "/feed.xml?sector=nope&kind=ip": "sector"} {
		r := h.Do(R{Method: "GET", Path: path})
		if r.Status != 422 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") || fieldCodes(t, r)[field] != "invalid_choice" {
			t.Errorf("%s: %d %s", path, r.Status, r.Body)
		}
	}
	var programs atomDoc
	getXML(t, h, "/feed/programs.xml", "application/atom+xml", &programs)
	if len(programs.Entries) == 0 || programs.Entries[0].Link.Href != "http://techmart.test/support/"+demoProgram {
		t.Errorf("programmes feed %+v", programs.Entries)
	}

	r := h.Do(R{Method: "GET", Path: "/robots.txt"})
	robots := string(r.Body)
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("robots.txt: %d %q", r.Status, r.Header.Get("Content-Type"))
	}
	for _, line := range []string{"User-agent: *", "Disallow: /account/", "Disallow: /my/", "Disallow: /officer/", "Disallow: /admin/",
		"Disallow: /connections", "Disallow: /transfers", "Disallow: /support/applications", "Disallow: /en/officer/",
		"Disallow: /api/", "Allow: /api/v1/public/", "Sitemap: http://techmart.test/sitemap.xml"} {
		if !strings.Contains("\n"+robots, "\n"+line+"\n") {
			t.Errorf("robots.txt lacks %q:\n%s", line, robots)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestPublicAddressFromTheRequest: without TECHMART_PUBLIC_URL the pages'
// absolute addresses are the request's own; a stranger's X-Forwarded-Host
// cannot put another site's address into what shared caches keep, while a
// trusted proxy's can; a malformed host falls back to the configured one.
func TestPublicAddressFromTheRequest(t *testing.T) {
	t.Parallel()
	sitemapLine := func(h *apptest.Harness, headers map[string]string) string {
		r := h.Do(R{Method: "GET", Path: "/robots.txt", Headers: headers})
		for _, line := range strings.Split(string(r.Body), "\n") {
			if rest, ok := strings.CutPrefix(line, "Sitemap: "); ok {
				return rest
			}
		}
		t.Fatalf("robots.txt without a Sitemap line: %s", r.Body)
		return ""
	}
	forged := map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
	direct := apptest.New(t, func(c *config.Config) { c.PublicURL = "" })
	if got := sitemapLine(direct, forged); got != "http://example.com/sitemap.xml" {
		t.Errorf("forwarded headers from a stranger: %q", got)
	}
	proxied := apptest.New(t, func(c *config.Config) { c.PublicURL, c.TrustProxy = "", true })
	if got := sitemapLine(proxied, forged); got != "https://evil.example/sitemap.xml" {
		t.Errorf("forwarded headers from a trusted proxy: %q", got)
	}
	if got := sitemapLine(proxied, map[string]string{"X-Forwarded-Host": "a.example/x?y"}); got != "http://127.0.0.1:0/sitemap.xml" {
		t.Errorf("a malformed forwarded host: %q", got)
	}
}
