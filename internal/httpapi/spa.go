package httpapi

import (
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
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
// for a year, immutable), and index.html, never cached, for every other
// path so the client-side router can take it.
func spaHandler(dist fs.FS) fiber.Handler {
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
		if dist != nil {
			if data, err := fs.ReadFile(dist, "index.html"); err == nil {
				return c.Send(data)
			}
		}
		return c.SendString(placeholder)
	}
}
