package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// raw sends one request through a real connection and reads the answer.
func raw(t *testing.T, base, method, path string, headers map[string]string) apptest.Response {
	t.Helper()
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %.60s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: body}
}

// problemWithHeaders checks an answer is the problem expected, in
// problem+json, with the headers every response carries.
func problemWithHeaders(t *testing.T, what string, r apptest.Response, status int, code string) {
	t.Helper()
	if r.Status != status || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("%s: %d %q %.300s", what, r.Status, r.Header.Get("Content-Type"), r.Body)
		return
	}
	var p struct{ Code, Title string }
	if err := json.Unmarshal(r.Body, &p); err != nil || p.Code != code || p.Title == "" || p.Title == code {
		t.Errorf("%s: problem %+v (%v), want code %s with a title", what, p, err, code)
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(r.Header.Get("Content-Security-Policy"), "default-src 'self'") ||
		r.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: security headers missing: %v", what, r.Header)
	}
}

// TestOversizedHeads: headers up to 16 KB pass; more is 431, a URL past
// 8 KB is 414, whether the middleware or the connection itself catches it;
// a request fasthttp cannot parse is 400. All in problem+json with the
// usual headers, never a bare 500.
func TestOversizedHeads(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	base := h.Listen(t)
	pad := func(n int) map[string]string { return map[string]string{"X-Padding": strings.Repeat("a", n)} }

	if r := raw(t, base, "GET", "/api/v1/config", pad(15<<10)); r.Status != 200 {
		t.Fatalf("15 KB of headers: %d %s", r.Status, r.Body)
	}
	if r := raw(t, base, "GET", "/api/v1/config?utm="+strings.Repeat("che-shan-tuyet+", 500), nil); r.Status != 200 {
		t.Fatalf("a 7 KB URL: %d %.200s", r.Status, r.Body)
	}
	problemWithHeaders(t, "17 KB of headers", raw(t, base, "GET", "/api/v1/config", pad(17<<10)), 431, "header_too_large")
	problemWithHeaders(t, "64 KB of headers", raw(t, base, "GET", "/api/v1/config", pad(64<<10)), 431, "header_too_large")
	problemWithHeaders(t, "many cookies", raw(t, base, "GET", "/", map[string]string{"Cookie": strings.Repeat("session=abcdef; ", 1500)}), 431, "header_too_large")
	problemWithHeaders(t, "9 KB URL", raw(t, base, "GET", "/api/v1/search?q="+strings.Repeat("x", 9<<10), nil), 414, "url_too_long")
	en := raw(t, base, "GET", "/api/v1/search?q="+strings.Repeat("x", 9<<10), map[string]string{"Accept-Language": "en"})
	if !strings.Contains(string(en.Body), "too long") {
		t.Errorf("414 in English: %s", en.Body)
	}

	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /api/v1/config HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	problemWithHeaders(t, "unparsable header", apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, 400, "malformed_request")
}

// TestMethodNotAllowed: a known path with another method is 405 with the
// methods the route table serves there; an unknown path stays 404.
func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	cases := []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/me", "GET, HEAD"},
		{"PUT", "/api/v1/listings/64656d6f0000000000000001", "DELETE, GET, HEAD, PATCH"},
		{"GET", "/api/v1/auth/login", "POST"},
		{"POST", "/api/v1/openapi.json", "GET, HEAD"},
		{"PATCH", "/api/v1/support/applications/abc/decide/", "POST"},
	}
	for _, c := range cases {
		r := h.Do(R{Method: c.method, Path: c.path})
		problemWithHeaders(t, c.method+" "+c.path, r, 405, "method_not_allowed")
		if got := r.Header.Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/healthz"}); r.Status != 405 || r.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /healthz: %d %v", r.Status, r.Header)
	}
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/listings/x/nothing"}); r.Status != 404 || problemCode(t, r) != "route_not_found" {
		t.Errorf("unknown path: %d %s", r.Status, r.Body)
	}
}

// TestMetricsAccess: /metrics is served on the public address only with
// its bearer token, on a separate address when one is given, and not at
// all otherwise.
func TestMetricsAccess(t *testing.T) {
	t.Parallel()
	closed := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	if r := closed.Do(R{Method: "GET", Path: "/metrics"}); r.Status != 404 || strings.Contains(string(r.Body), "go_goroutines") {
		t.Fatalf("metrics without a token or an address: %d %.200s", r.Status, r.Body)
	}

	token := strings.Repeat("t0k3n", 8)
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false; c.MetricsToken = token })
	for name, auth := range map[string]string{"none": "", "wrong": "Bearer " + strings.Repeat("x", 40), "prefix": "Bearer " + token[:20], "scheme": "Basic " + token} {
		r := h.Do(R{Method: "GET", Path: "/metrics", Headers: map[string]string{"Authorization": auth}})
		if r.Status != 401 || strings.Contains(string(r.Body), "go_goroutines") {
			t.Errorf("%s token: %d", name, r.Status)
		}
	}
	ok := h.Do(R{Method: "GET", Path: "/metrics", Headers: map[string]string{"Authorization": "Bearer " + token}})
	if ok.Status != 200 || !strings.Contains(string(ok.Body), "go_goroutines") || ok.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("metrics with the token: %d %v", ok.Status, ok.Header)
	}

	sep := apptest.New(t, func(c *apptestConfig) { c.Demo = false; c.MetricsAddr = "127.0.0.1:9" })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = sep.Server.ServeMetrics(ln) }()
	t.Cleanup(func() { _ = sep.Server.Shutdown(context.Background()) })
	sep.Do(R{Method: "GET", Path: "/api/v1/config"})
	m := raw(t, "http://"+ln.Addr().String(), "GET", "/metrics", nil)
	if m.Status != 200 || !strings.Contains(string(m.Body), `techmart_http_requests_total{method="GET",route="/api/v1/config",status="200"}`) {
		t.Fatalf("metrics on their own address: %d %.300s", m.Status, m.Body)
	}
	if r := sep.Do(R{Method: "GET", Path: "/metrics"}); r.Status != 404 {
		t.Fatalf("metrics on the public address too: %d", r.Status)
	}
}

// TestNoStoreWithCredentials: what answers a request with credentials is
// never stored by a cache; public answers keep their caching.
func TestNoStoreWithCredentials(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	tok := h.Demo("enterprise")
	for _, r := range []struct {
		name string
		resp apptest.Response
	}{
		{"me", h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access})},
		{"a public route, logged in", h.Do(R{Method: "GET", Path: "/api/v1/taxonomy", Token: tok.Access})},
		{"a refusal", h.Do(R{Method: "GET", Path: "/api/v1/audit", Token: tok.Access})},
		{"a bad token", h.Do(R{Method: "GET", Path: "/api/v1/me", Token: "forged"})},
		{"login", h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": "enterprise@demo.techmart.vn", "password": apptest.DemoPassword}})},
		{"refresh", h.Do(R{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refreshToken": tok.Refresh}})},
		{"a cookie", h.Do(R{Method: "GET", Path: "/api/v1/config", Headers: map[string]string{"Cookie": "sid=1"}})},
	} {
		if got := r.resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: %d Cache-Control %q", r.name, r.resp.Status, got)
		}
	}
	for _, p := range []string{"/api/v1/config", "/api/v1/taxonomy", "/assets/index-abc123.js", "/"} {
		if r := h.Do(R{Method: "GET", Path: p}); r.Status != 200 || r.Header.Get("Cache-Control") == "no-store" {
			t.Errorf("public %s: %d Cache-Control %q", p, r.Status, r.Header.Get("Cache-Control"))
		}
	}
	if got := h.Do(R{Method: "GET", Path: "/assets/index-abc123.js"}).Header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Errorf("hashed asset: %q", got)
	}
}

// TestMalformedMultipart: a broken upload body has its own code, a body
// without the file field names the field.
func TestMalformedMultipart(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	path := "/api/v1/listings/" + id + "/files"
	broken := h.Do(R{Method: "POST", Path: path, Token: inst.Access, Body: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nunterminated",
		Headers: map[string]string{"Content-Type": "multipart/form-data; boundary=b"}})
	if broken.Status != 400 || problemCode(t, broken) != "malformed_multipart" {
		t.Fatalf("broken multipart: %d %s", broken.Status, broken.Body)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("note", "no file here")
	w.Close()
	missing := h.Do(R{Method: "POST", Path: path, Token: inst.Access, Body: body.Bytes(), Headers: map[string]string{"Content-Type": w.FormDataContentType()}})
	if missing.Status != 422 || fieldCodes(t, missing)["file"] != "required" {
		t.Fatalf("no file field: %d %s", missing.Status, missing.Body)
	}
	if r := h.Do(R{Method: "POST", Path: path, Token: inst.Access, Body: `{"file": "x"}`}); r.Status != 422 || fieldCodes(t, r)["file"] != "required" {
		t.Fatalf("JSON instead of multipart: %d %s", r.Status, r.Body)
	}
}
