// Package apptest boots the whole platform for tests — the real store
// (embedded FerretDB, or MONGODB_URI), Bleve, every service and the Fiber
// app — and drives it through HTTP with app.Test, as a client would.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/httpapi"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// DemoPassword is the password of every demo account.
const DemoPassword = "demo-Techmart-2026"

// Harness is a running platform.
type Harness struct {
	T      testing.TB
	App    *app.App
	Server *httpapi.Server
	// Clock is the platform's one clock: real time until a test moves it.
	Clock *Clock
	logs  *lockedBuffer
}

// Clock is a clock a test can move. Every service of the platform reads
// the time from it.
type Clock struct {
	now atomic.Pointer[func() time.Time]
}

// Now is the time the platform sees.
func (c *Clock) Now() time.Time {
	if f := c.now.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// Set makes now the platform's clock; nil goes back to real time. Tokens
// are checked against this clock too, so log in again after moving it far.
func (c *Clock) Set(now func() time.Time) {
	if now == nil {
		c.now.Store(nil)
		return
	}
	c.now.Store(&now)
}

// lockedBuffer collects the JSON log lines the platform writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Logs is everything the platform has logged so far.
func (h *Harness) Logs() string {
	h.logs.mu.Lock()
	defer h.logs.mu.Unlock()
	return h.logs.buf.String()
}

// Option adjusts the configuration before the platform starts.
type Option func(*config.Config)

// New starts the platform with the demo data loaded.
func New(t testing.TB, opts ...Option) *Harness {
	t.Helper()
	return NewWithEngine(t, nil, opts...)
}

// NewWithEngine is New with the search engine wrapped by wrap.
//
// On the embedded store, the demo data (store, search index, files) is
// seeded once per test binary and copied into each test's data
// directory, where the platform then starts as it would after a restart.
// A wrapped engine starts from an empty index instead, as before.
func NewWithEngine(t testing.TB, wrap func(search.Engine) search.Engine, opts ...Option) *Harness {
	t.Helper()
	cfg := baseConfig(t.TempDir())
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	cost := passwordCost(t)
	var st *store.Store
	if os.Getenv("MONGODB_URI") == "" && cfg.Demo && wrap == nil {
		if err := demoData(t, cost).copyTo(cfg.DataDir); err != nil {
			t.Fatal(err)
		}
		st = openStore(t, cfg.DataDir)
	} else {
		st = storetest.New(t)
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	ctx := context.Background()
	clock := &Clock{}
	a, err := app.New(ctx, cfg, st, app.Options{Log: log, Version: "test", Now: clock.Now, Wrap: wrap, PasswordCost: cost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Search.Close() }) // the store closes itself (openStore, storetest)
	if cfg.Demo {
		if _, err := a.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The indexer runs as under serve, so approving a listing makes it
	// searchable without the test's help; Settle waits for it.
	jobs, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); a.Indexer.Run(jobs, time.Hour) }()
	t.Cleanup(func() { stop(); <-done })
	spa := fstest.MapFS{
		"index.html": {Data: []byte(`<!doctype html><html lang="vi"><head><!--techmart:head--><title>Techmart</title><!--/techmart:head--></head>` +
			`<body><div id="root">Techmart SPA</div></body></html>`)},
		"assets/index-abc123.js": {Data: []byte("console.log(1)")},
	}
	return &Harness{T: t, App: a, Server: a.Server(spa), Clock: clock, logs: logs}
}

// TestPasswordCost is the argon2id cost of the passwords of a test's
// platform: the smallest argon2 allows. Hashing and verifying take the same
// paths as at the production cost, which the race detector makes about six
// times slower (a second per hash on a busy 2-core machine), and a test
// logs in many times. Benchmarks (a *testing.B) get the production cost,
// so their figures are what a person waits for.
var TestPasswordCost = auth.PasswordCost{Memory: 8, Time: 1, Threads: 1}

func passwordCost(t testing.TB) auth.PasswordCost {
	if _, bench := t.(*testing.B); bench {
		return auth.DefaultPasswordCost
	}
	return TestPasswordCost
}

// baseConfig is the configuration every harness starts from.
func baseConfig(dataDir string) config.Config {
	cfg := config.Default()
	cfg.DataDir = dataDir
	cfg.Addr = "127.0.0.1:0"
	cfg.PublicURL = "http://techmart.test"
	cfg.Demo = true
	// Every request of a test comes from one address; tests of the sign-up
	// limit set their own.
	cfg.SignupLimit = 1 << 20
	return cfg
}

// Settle indexes every pending change now, so a search sees it.
func (h *Harness) Settle() {
	h.T.Helper()
	if err := h.App.Indexer.Drain(context.Background()); err != nil {
		h.T.Fatalf("indexing: %v", err)
	}
}

// Response is what came back.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a map (or fails the test).
func (r Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %s", err, r.Body)
	}
	return m
}

// Request describes one call.
type Request struct {
	Method  string
	Path    string
	Body    any // string and []byte are sent as they are; anything else as JSON
	Token   string
	Headers map[string]string
}

// Do sends r through the app.
func (h *Harness) Do(r Request) Response {
	h.T.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.T.Fatal(err)
		}
		body = bytes.NewReader(j)
	}
	req := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	// The limit only catches a hung request: tests run side by side on a
	// small machine, and fifty approvals queued behind one write guard may
	// take a while there.
	resp, err := h.Server.App().Test(req, int((2 * time.Minute).Milliseconds()))
	if err != nil {
		// Not Fatal: Do may run inside a subtest or a goroutine; status 0
		// fails whatever the caller expected.
		return Response{Status: 0, Body: []byte(err.Error())}
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// Listen serves the app on a loopback port, for what app.Test cannot show
// (a body over the limit is refused by the connection itself), and returns
// its base URL.
func (h *Harness) Listen(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = h.Server.App().Listener(ln) }()
	t.Cleanup(func() { _ = h.Server.Shutdown(context.Background()) })
	return "http://" + ln.Addr().String()
}

// Tokens is a login's result.
type Tokens struct {
	Access, Refresh string
}

// Login logs in and fails the test if it does not work.
func (h *Harness) Login(email, password string) Tokens {
	h.T.Helper()
	r := h.Do(Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": email, "password": password}})
	if r.Status != http.StatusOK {
		h.T.Fatalf("login %s: %d %s", email, r.Status, r.Body)
	}
	m := r.JSON(h.T)
	return Tokens{Access: m["accessToken"].(string), Refresh: m["refreshToken"].(string)}
}

// Demo logs in a demo account by its role label (admin, officer, reviewer,
// enterprise, institute).
func (h *Harness) Demo(label string) Tokens {
	h.T.Helper()
	return h.Login(label+"@demo.techmart.vn", DemoPassword)
}

// Register signs up a person with a new organisation and returns the
// organisation id and the person's tokens.
func (h *Harness) Register(email, orgName, kind string) (orgID string, tok Tokens) {
	h.T.Helper()
	r := h.Do(Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": email, "password": "correct horse battery", "fullName": "Nguyễn Thị Test",
		"organization": map[string]string{"name": orgName, "kind": kind},
	}})
	if r.Status != http.StatusAccepted {
		h.T.Fatalf("register %s: %d %s", email, r.Status, r.Body)
	}
	// A sign-up answers the same for a new and a taken e-mail; logging in
	// tells which it was.
	tok = h.Login(email, "correct horse battery")
	me := h.Do(Request{Method: "GET", Path: "/api/v1/me", Token: tok.Access})
	orgs, _ := me.JSON(h.T)["organizations"].([]any)
	if len(orgs) != 1 {
		h.T.Fatalf("register %s: the account has organisations %v, want its new one", email, orgs)
	}
	return orgs[0].(map[string]any)["id"].(string), tok
}

// SigningSecret returns the access-token secret the platform signs with, so
// a test can forge a token that differs from a real one in one claim only.
func SigningSecret(t testing.TB, h *Harness) []byte {
	t.Helper()
	s, err := auth.SigningSecret(context.Background(), h.App.Store, h.App.Config.JWTSecret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
