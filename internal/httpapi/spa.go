package httpapi

import (
	"bytes"
	"hash/fnv"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/web"
)

// placeholder is served when the binary was built without the SPA (no Node
// on the build machine): the API works, and the page says how to add the UI.
const placeholder = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Techmart</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Techmart</h1>
<p>Giao diện web chưa được dựng trong bản này. Chạy <code>make build</code> (cần Node.js) rồi khởi động lại.</p>
<p>The web interface was not built into this binary. Run <code>make build</code> (needs Node.js) and restart.</p>
<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></body></html>`

// spaHandler serves the built SPA: files as they are (hashed assets cached
// for a year, immutable), and index.html for the SPA's routes, with the
// page's own head (internal/web) and status: 404 for a path that is no
// route of the SPA or a listing, organisation or programme that is not
// public, 410 for an archived listing. The SPA shows its not-found page on
// those. Pages are "no-cache" with an ETag: the head follows the data
// (an edit, an archive), so a cache must ask every time, and a phone that
// has the page gets 304 without the body.
func (s *Server) spaHandler(dist fs.FS) fiber.Handler {
	var index []byte
	chunks := web.Chunks{}
	if dist != nil {
		index, _ = fs.ReadFile(dist, "index.html")
		// Each public page's own scripts are preloaded with it: without
		// this a phone learns which page to load only once the app runs.
		if raw, err := fs.ReadFile(dist, ".vite/manifest.json"); err == nil {
			if c, err := web.ChunksFromManifest(raw); err == nil {
				chunks = c
			} else if s.d.Logger != nil {
				s.d.Logger.Warn("the SPA's manifest is unreadable: pages are served without preloads", "err", err)
			}
		}
	}
	return func(c *fiber.Ctx) error {
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			c.Set(fiber.HeaderAllow, "GET, HEAD")
			return fiber.ErrMethodNotAllowed
		}
		name := strings.TrimPrefix(path.Clean("/"+c.Path()), "/")
		if name != "" && name != "index.html" && dist != nil {
			if data, err := fs.ReadFile(dist, name); err == nil {
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					c.Set(fiber.HeaderContentType, ct)
				}
				if strings.HasPrefix(name, "assets/") {
					c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
				} else {
					c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
				}
				if br, ok := precompressedAsset(c, dist, name); ok {
					data = br
				}
				return c.Send(data)
			}
			if strings.HasPrefix(name, "assets/") {
				return fiber.ErrNotFound // a missing hashed asset is a 404, not the app shell
			}
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		if index == nil {
			return c.SendString(placeholder)
		}
		return s.page(c, index, chunks)
	}
}

// page serves index.html with the head and status of the page at c's path.
func (s *Server) page(c *fiber.Ctx, index []byte, chunks web.Chunks) error {
	p := c.Path()
	if p == "/index.html" {
		p = "/"
	}
	lang, rest := web.SplitLang(p)
	q := url.Values{}
	c.Context().QueryArgs().VisitAll(func(k, v []byte) { q.Add(string(k), string(v)) })
	r, err := s.d.Site.Render(c.UserContext(), web.Request{Base: s.baseURL(c), Lang: lang, Path: rest, Query: q})
	if err != nil {
		return err
	}
	// The page's code and its language's public messages, which the app
	// would otherwise ask for only once it runs.
	r.Head.Preload = slices.Concat(chunks[r.Source], chunks[web.MessagesModule(lang)])
	body := web.Inject(index, r.Head)
	c.Set(fiber.HeaderContentLanguage, lang)
	if r.Status == fiber.StatusOK {
		h := fnv.New64a()
		h.Write(body)
		tag := `W/"` + strconv.FormatUint(h.Sum64(), 36) + `"`
		c.Set(fiber.HeaderETag, tag)
		if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && bytes.Contains([]byte(inm), []byte(tag)) {
			return c.SendStatus(fiber.StatusNotModified)
		}
	}
	return c.Status(r.Status).Send(body)
}

// baseURL is the address people use (TECHMART_PUBLIC_URL), or, when it is
// not set, the one this request came to: its Host and whether it came over
// TLS. X-Forwarded-Host and -Proto count only behind a trusted proxy
// (TECHMART_TRUST_PROXY): from anyone else they would let a stranger write
// another site's address into pages, sitemaps and feeds that shared caches
// keep (Fiber's own Hostname and Protocol trust them from every client
// unless its proxy check is on). A host that is not a plain host[:port]
// falls back to the configured address.
func (s *Server) baseURL(c *fiber.Ctx) string {
	if s.d.Config.PublicURL != "" {
		return strings.TrimRight(s.d.Config.PublicURL, "/")
	}
	scheme, host := "http", string(c.Request().Host())
	if c.Context().IsTLS() {
		scheme = "https"
	}
	if s.d.Config.TrustProxy {
		if p := c.Get(fiber.HeaderXForwardedProto); p == "http" || p == "https" {
			scheme = p
		}
		if h, _, _ := strings.Cut(c.Get(fiber.HeaderXForwardedHost), ","); strings.TrimSpace(h) != "" {
			host = strings.TrimSpace(h)
		}
	}
	if !plainHost.MatchString(host) {
		return s.d.Config.BaseURL()
	}
	return scheme + "://" + host
}

// plainHost is a host name or an IP address with an optional port.
var plainHost = regexp.MustCompile(`^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$`)
