package web

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/net/html"

	"github.com/go-fonts/liberation/liberationsansbold"
)

// routePath finds a route's path in the SPA's source, however written:
// <Route path="/x" …>, path='/x', or { path: '/x' } in a route table.
var routePath = regexp.MustCompile(`\bpath(?:=|\s*:\s*)["'\x60]([^"'\x60]+)["'\x60]`)

// TestRoutesMatchTheSPA: the routes declared in Go are exactly the SPA's,
// so a page added to the SPA without the server knowing (it would answer
// 404) fails here.
func TestRoutesMatchTheSPA(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/App.tsx")
	if err != nil {
		t.Fatal(err)
	}
	spa := map[string]bool{}
	for _, m := range routePath.FindAllStringSubmatch(string(src), -1) {
		p := m[1]
		if strings.Contains(p, "*") {
			continue // the not-found route, or a language's subtree
		}
		if p == "/en" {
			continue
		}
		p = strings.TrimPrefix(p, "/en/")
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		spa[p] = true
	}
	if len(spa) < 10 {
		t.Fatalf("read only %d routes from App.tsx: has the way routes are written changed? Update routePath", len(spa))
	}
	server := map[string]bool{}
	for _, r := range Routes {
		server[r.Pattern] = true
	}
	for p := range spa {
		if !server[p] {
			t.Errorf("App.tsx has %s, which web.Routes lacks: the server would answer it 404", p)
		}
	}
	for p := range server {
		if !spa[p] {
			t.Errorf("web.Routes has %s, which App.tsx lacks", p)
		}
	}
}

func TestMatchPrefersLiteralSegments(t *testing.T) {
	for path, want := range map[string]string{
		"/": "/", "/listings/new": "/listings/new", "/listings/abc": "/listings/:id", "/listings/abc/": "/listings/:id",
		"/support/dashboard": "/support/dashboard", "/support/p1": "/support/:id", "/support/p1/edit": "/support/:id/edit",
		"/support/applications": "/support/applications",
	} {
		r, _, ok := Match(path)
		if !ok || r.Pattern != want {
			t.Errorf("%s: %v %q, want %q", path, ok, r.Pattern, want)
		}
	}
	for _, path := range []string{"/nope", "/listings", "/listings/a/b/c", "/listings//edit", "/robots"} {
		if r, _, ok := Match(path); ok {
			t.Errorf("%s matched %s", path, r.Pattern)
		}
	}
	for path, want := range map[string][2]string{"/en": {"en", "/"}, "/en/": {"en", "/"}, "/en/search": {"en", "/search"}, "/english": {"vi", "/english"}, "/search": {"vi", "/search"}} {
		if l, r := SplitLang(path); l != want[0] || r != want[1] {
			t.Errorf("SplitLang(%s) = %s %s", path, l, r)
		}
	}
}

// robotsAllows applies robots.txt's rules as Google does: the longest
// matching rule wins, Allow on a tie; * is any run, $ the end.
func robotsAllows(robots, path string) bool {
	best, allow := -1, true
	for _, line := range strings.Split(robots, "\n") {
		kind, rule, ok := strings.Cut(line, ": ")
		if !ok || (kind != "Allow" && kind != "Disallow") {
			continue
		}
		re := "^" + strings.ReplaceAll(regexp.QuoteMeta(strings.TrimSuffix(rule, "$")), `\*`, ".*")
		if strings.HasSuffix(rule, "$") {
			re += "$"
		}
		if regexp.MustCompile(re).MatchString(path) && (len(rule) > best || (len(rule) == best && kind == "Allow")) {
			best, allow = len(rule), kind == "Allow"
		}
	}
	return allow
}

// TestRobotsKeepPrivateRoutesOut: every private route of the SPA is
// disallowed in both languages, every public one allowed, the API too
// except its public part.
func TestRobotsKeepPrivateRoutesOut(t *testing.T) {
	robots := New(Deps{}).Robots("https://techmart.example.vn")
	if !strings.Contains(robots, "\nSitemap: https://techmart.example.vn/sitemap.xml\n") {
		t.Fatalf("no absolute sitemap:\n%s", robots)
	}
	for _, r := range Routes {
		p := strings.ReplaceAll(r.Pattern, ":id", "x1")
		p = strings.ReplaceAll(p, ":token", "x1")
		for _, path := range []string{p, "/en" + p} {
			// Log-in and registration are public forms, kept out of the
			// index by their noindex, not by robots.txt.
			want := r.Page != PagePrivate
			if got := robotsAllows(robots, path); got != want {
				t.Errorf("%s: allowed %v, want %v", path, got, want)
			}
		}
	}
	for path, want := range map[string]bool{
		"/api/v1/search": false, "/api/v1/me": false, "/api/v1/public/results.csv": true, "/api/v1/files/abc": true,
		"/organizations/x": true, "/organization": false, "/en/organization/x": false, "/feed.xml": true, "/sitemap.xml": true,
	} {
		if got := robotsAllows(robots, path); got != want {
			t.Errorf("%s: allowed %v, want %v", path, got, want)
		}
	}
}

// TestHeadEscapes: a title with markup and quotes stays text in the
// attributes and the title, and JSON-LD cannot close its script.
func TestHeadEscapes(t *testing.T) {
	evil := `Máy "sấy" <script>alert('x')</script> & </script><b>`
	h := Head{Lang: LangEN, Title: evil, Description: evil, Canonical: "https://t.vn/listings/a?b=1&c=\"2\"",
		Alternates: map[string]string{LangVI: "https://t.vn/x", LangEN: "https://t.vn/en/x"}, Type: "article",
		Image:  Image{URL: "https://t.vn/i.png", Alt: evil},
		JSONLD: []any{map[string]any{"name": evil}}}
	out := Inject([]byte(`<!doctype html><html lang="vi"><head><!--techmart:head--><title>x</title><!--/techmart:head--></head><body></body></html>`), h)
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, titles []string
	metas := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if attr(n, "lang") != "en" {
					t.Errorf("html lang %q", attr(n, "lang"))
				}
			case "script", "title":
				text := ""
				if n.FirstChild != nil {
					text = n.FirstChild.Data
				}
				if n.Data == "script" {
					scripts = append(scripts, text)
				} else {
					titles = append(titles, text)
				}
			case "meta":
				metas[attr(n, "property")+attr(n, "name")] = attr(n, "content")
			case "b":
				t.Error("markup from the title became an element")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(titles) != 1 || titles[0] != evil {
		t.Errorf("titles %q", titles)
	}
	for _, k := range []string{"og:title", "description", "twitter:title", "og:image:alt"} {
		if metas[k] != evil {
			t.Errorf("%s = %q", k, metas[k])
		}
	}
	if len(scripts) != 1 {
		t.Fatalf("scripts %q", scripts)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(scripts[0]), &ld); err != nil || ld["name"] != evil {
		t.Fatalf("JSON-LD %v %q", err, scripts[0])
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestClip(t *testing.T) {
	long := strings.Repeat("chè Shan tuyết ", 30)
	c := Clip(long, 160)
	if n := len([]rune(c)); n > 160 || !strings.HasSuffix(c, "…") || strings.Contains(c, "  ") {
		t.Fatalf("%d %q", n, c)
	}
	if Clip("ngắn", 160) != "ngắn" {
		t.Fatal("short text changed")
	}
}

// TestCardDrawsVietnamese: the card font has a glyph for every Vietnamese
// letter, and a card is a PNG of the announced size.
func TestCardDrawsVietnamese(t *testing.T) {
	f, err := sfnt.Parse(liberationsansbold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	letters := "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
	for _, r := range letters + strings.ToUpper(letters) + "–“”…" {
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("no glyph for %q", r)
		}
	}
	b, err := RenderCard(Card{Kicker: "Công nghệ", Title: strings.Repeat("Quy trình nhân giống chè Shan tuyết bằng giâm hom ", 6), Footer: "Viện Khoa học Sự sống – ĐH Thái Nguyên", Lang: LangVI})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != CardWidth || img.Bounds().Dy() != CardHeight {
		t.Fatalf("card %v", img.Bounds())
	}
}

// A card's tag names what it shows: the same texts the same tag, another
// organisation's name (a rename) or language another; an asker that has the
// tag gets NotModified and nothing is drawn.
func TestCardTagNamesItsContent(t *testing.T) {
	c := Card{Kicker: "Công nghệ", Title: "Nhân giống lan kim tuyến", Footer: "Viện A", Lang: LangVI}
	renamed, english := c, c
	renamed.Footer, english.Lang = "Viện B", LangEN
	if c.ETag() != (Card{Kicker: "Công nghệ", Title: "Nhân giống lan kim tuyến", Footer: "Viện A", Lang: LangVI}).ETag() ||
		c.ETag() == renamed.ETag() || c.ETag() == english.ETag() {
		t.Errorf("tags %s %s %s", c.ETag(), renamed.ETag(), english.ETag())
	}
	cs := newCards(1)
	cs.slots <- struct{}{} // no slot to draw in: a drawing would wait
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	img, err := cs.get(ctx, c, `W/"x", `+c.ETag())
	if err != nil || !img.NotModified || img.PNG != nil || img.ETag != c.ETag() {
		t.Errorf("a known card: %+v %v", img, err)
	}
}

// The kinds' names in heads and cards are the web app's: a listing's page
// calls its kind what its head does.
func TestKindNamesAreTheSPAs(t *testing.T) {
	for _, lang := range []string{LangVI, LangEN} {
		raw, err := os.ReadFile("../../frontend/src/i18n/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var spa map[string]any
		if err := json.Unmarshal(raw, &spa); err != nil {
			t.Fatal(err)
		}
		for section, ours := range map[string]map[string]text{"listingKind": listingKinds, "orgKind": orgKinds} {
			theirs, _ := spa[section].(map[string]any)
			for kind, tx := range ours {
				if got := tx.in(lang); theirs[kind] != got {
					t.Errorf("%s %s.%s: %q here, %q in the web app", lang, section, kind, got, theirs[kind])
				}
			}
		}
	}
}

// A page's scripts beyond the entry's are preloaded: the listing's chunk
// and what only it imports, not what index.html already loads.
func TestChunksFromManifest(t *testing.T) {
	raw := []byte(`{
	  "index.html": {"file": "assets/index-1.js", "isEntry": true, "imports": ["_vendor.js"], "dynamicImports": ["src/pages/Listing.tsx"]},
	  "_vendor.js": {"file": "assets/vendor-2.js"},
	  "_matches.js": {"file": "assets/Matches-3.js", "imports": ["_vendor.js"]},
	  "src/pages/Listing.tsx": {"file": "assets/Listing-4.js", "isDynamicEntry": true, "imports": ["_vendor.js", "_matches.js", "index.html"]}
	}`)
	c, err := ChunksFromManifest(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c["src/pages/Listing.tsx"], []string{"/assets/Listing-4.js", "/assets/Matches-3.js"}; !slices.Equal(got, want) {
		t.Errorf("listing's preloads %v, want %v", got, want)
	}
	withMessages, err := ChunksFromManifest([]byte(`{"index.html": {"file": "assets/index-1.js", "isEntry": true},
	  "virtual:messages/en/public": {"file": "assets/messages-en-public-5.js"}}`))
	if err != nil || !slices.Equal(withMessages[MessagesModule(LangEN)], []string{"/assets/messages-en-public-5.js"}) {
		t.Errorf("the English public messages: %v %v", withMessages, err)
	}
	if empty, err := ChunksFromManifest(nil); err != nil || len(empty) != 0 {
		t.Errorf("no manifest: %v %v", empty, err)
	}
	// After the entry's own script and preloads, not ahead of them.
	index := []byte(`<html lang="vi"><head><!--techmart:head--><title>x</title><!--/techmart:head--><script type="module" src="/assets/index-1.js"></script></head><body></body></html>`)
	h := string(Inject(index, Head{Lang: LangVI, Title: "t", Preload: c["src/pages/Listing.tsx"]}))
	pre := strings.Index(h, `<link rel="modulepreload" crossorigin href="/assets/Listing-4.js" />`)
	if pre < 0 || pre < strings.Index(h, `src="/assets/index-1.js"`) || pre > strings.Index(h, "</head>") {
		t.Errorf("the preload's place: %s", h)
	}
}

// Every public page's module is one App.tsx loads, so its preload is the
// code the page runs.
func TestRouteSourcesAreTheSPAsPages(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/App.tsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append(Routes, Route{Pattern: "404", Source: NotFoundSource}) {
		if r.Source == "" {
			continue
		}
		mod := "import('./" + strings.TrimSuffix(strings.TrimPrefix(r.Source, "src/"), ".tsx") + "')"
		if !strings.Contains(string(src), mod) {
			t.Errorf("%s: App.tsx has no %s", r.Pattern, mod)
		}
	}
}
