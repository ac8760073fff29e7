package httpapi

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
)

func TestSPAServesPrecompressedAssets(t *testing.T) {
	// Long enough for the middleware to compress it (it leaves tiny bodies alone).
	js := []byte(strings.Repeat("console.log('techmart');\n", 40))
	br := []byte("precompressed brotli bytes")
	dist := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><div id=root></div>")},
		"assets/app-1.js":    {Data: js},
		"assets/app-1.js.br": {Data: br},
		"assets/plain-2.js":  {Data: js},
		"favicon.svg":        {Data: []byte("<svg/>")},
		"favicon.svg.br":     {Data: br},
	}
	app := fiber.New()
	// As in the server: the compress middleware in front of the SPA.
	app.Use(compress.New(compress.Config{Level: compress.LevelDefault}))
	app.Use((&Server{}).spaHandler(dist)) // assets only: no page is asked for

	get := func(path, acceptEncoding string) (body []byte, encoding, vary, contentType string) {
		t.Helper()
		req := httptest.NewRequest(fiber.MethodGet, path, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		res, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		b, _ := io.ReadAll(res.Body)
		return b, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), res.Header.Get("Content-Type")
	}

	body, enc, vary, ct := get("/assets/app-1.js", "gzip, deflate, br, zstd")
	if enc != "br" || string(body) != string(br) {
		t.Fatalf("brotli client: encoding %q, body %q; want the .br file as it is", enc, body)
	}
	if vary == "" || ct != "text/javascript; charset=utf-8" {
		t.Fatalf("brotli client: Vary %q, Content-Type %q", vary, ct)
	}
	// A client without brotli, or refusing it, gets the file (compressed by the middleware, or not).
	for _, ae := range []string{"", "identity", "gzip, br;q=0"} {
		body, enc, _, _ = get("/assets/app-1.js", ae)
		if enc == "br" || (enc == "" && string(body) != string(js)) {
			t.Fatalf("Accept-Encoding %q: encoding %q, body %q", ae, enc, body)
		}
	}
	// An asset built without a .br file is compressed on the fly as before.
	if _, enc, _, _ = get("/assets/plain-2.js", "br"); enc != "br" {
		t.Fatalf("plain asset: encoding %q, want the middleware's br", enc)
	}
	// Only hashed assets: other files are served as they are.
	if body, _, _, _ = get("/favicon.svg", "identity"); string(body) != "<svg/>" {
		t.Fatalf("favicon: %q", body)
	}
}

func TestAcceptsBrotli(t *testing.T) {
	for header, want := range map[string]bool{
		"":                      false,
		"gzip, deflate":         false,
		"br":                    true,
		"gzip, deflate, br":     true,
		"BR;q=0.5":              true,
		"br;q=0":                false,
		"br; q=0.000, gzip":     false,
		"gzip;q=1.0, br;q=0.1 ": true,
		"brotli":                false,
	} {
		if got := acceptsBrotli(header); got != want {
			t.Errorf("acceptsBrotli(%q) = %v, want %v", header, got, want)
		}
	}
}
