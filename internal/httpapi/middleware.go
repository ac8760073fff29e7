package httpapi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/valyala/fasthttp"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
)

const (
	localRequestID = "requestId"
	localPrincipal = "principal"
	localJSONLimit = "jsonLimit"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID keeps a sane incoming X-Request-ID (from a proxy) or makes
// one, and echoes it.
func withRequestID(c *fiber.Ctx) error {
	id := c.Get(fiber.HeaderXRequestID)
	if !validRequestID.MatchString(id) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id = hex.EncodeToString(b)
	}
	c.Locals(localRequestID, id)
	c.Set(fiber.HeaderXRequestID, id)
	return c.Next()
}

// withDeadline gives every request a deadline that reaches the store and
// the search engine through c.UserContext(), so one hung call cannot hold
// a request (and what it locks) for ever. Fiber's own user context has
// none. A zero timeout leaves requests without one.
func withDeadline(timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if timeout <= 0 {
			return c.Next()
		}
		ctx, cancel := context.WithTimeout(c.UserContext(), timeout)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}

func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// withLogging writes one JSON line per request. The error, if any, goes
// through the error handler first so the logged status is the one sent.
func withLogging(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		status := c.Response().StatusCode()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		attrs := []any{"requestId", requestID(c), "method", c.Method(), "path", logPath(c),
			"status", status, "ms", float64(time.Since(start).Microseconds()) / 1000, "bytes", len(c.Response().Body())}
		if p, ok := c.Locals(localPrincipal).(*auth.Principal); ok {
			attrs = append(attrs, "user", p.User.ID)
		}
		log.Log(c.UserContext(), level, "http", attrs...)
		return nil
	}
}

// withSecurityHeaders sets the headers every response carries.
func withSecurityHeaders(hsts bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		securityHeaders(c, hsts)
		return c.Next()
	}
}

// securityHeaders are set by withSecurityHeaders and again by the error
// handler, which also answers what never reached the middleware. The CSP
// allows only our own origin: the SPA has no inline script and loads
// nothing from elsewhere.
func securityHeaders(c *fiber.Ctx, hsts bool) {
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	c.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "+
		"script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	if hsts {
		c.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
}

// withHeadLimits tells a URL too long (414) from header fields too large
// (431); both fit the read buffer, which holds their sum.
func withHeadLimits(c *fiber.Ctx) error {
	h := &c.Request().Header
	if len(h.RequestURI()) > MaxURLBytes {
		return fiber.ErrRequestURITooLong
	}
	if len(h.RawHeaders()) > MaxHeaderBytes {
		return fiber.ErrRequestHeaderFieldsTooLarge
	}
	return c.Next()
}

// withNoStore keeps every answer to a request that carries credentials (a
// token, a cookie, or a login, refresh or sign-up body) out of shared and
// browser caches, whatever the handler said; public answers keep theirs.
func withNoStore(c *fiber.Ctx) error {
	err := c.Next()
	if c.Get(fiber.HeaderAuthorization) != "" || c.Get(fiber.HeaderCookie) != "" || strings.HasPrefix(c.Path(), "/api/v1/auth/") {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return err
}

// withMetricsToken lets through only "Authorization: Bearer <token>",
// compared in constant time (of equal-length digests, so the length does
// not leak either).
func withMetricsToken(token string) fiber.Handler {
	want := sha256.Sum256([]byte(token))
	return func(c *fiber.Ctx) error {
		scheme, got, ok := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			return errs.ErrUnauthenticated
		}
		return c.Next()
	}
}

// connectionError answers what fasthttp refused before Fiber had a request
// (Fiber's own wiring turns these into fiber errors; ours names each with
// its 4xx and a problem body with the usual headers).
func (s *Server) connectionError(fctx *fasthttp.RequestCtx, err error) {
	c := s.app.AcquireCtx(fctx)
	defer s.app.ReleaseCtx(c)
	if herr := s.app.Config().ErrorHandler(c, connectionProblem(err)); herr != nil {
		_ = c.SendStatus(fiber.StatusBadRequest)
	}
}

func connectionProblem(err error) error {
	var small *fasthttp.ErrSmallBuffer
	var netErr net.Error
	switch {
	case errors.As(err, &small): // the head is larger than the read buffer
		return fiber.ErrRequestHeaderFieldsTooLarge
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		return fiber.ErrRequestEntityTooLarge
	case errors.Is(err, fasthttp.ErrTimeout), errors.As(err, &netErr) && netErr.Timeout():
		return fiber.ErrRequestTimeout
	case errors.Is(err, fasthttp.ErrGetOnly):
		return fiber.ErrMethodNotAllowed
	default: // a request line, header or chunk fasthttp cannot parse
		return errMalformedRequest.Wrap(err)
	}
}

// metrics are the Prometheus series of the HTTP layer.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "techmart_http_requests_total", Help: "HTTP requests by route and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "techmart_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// observe runs after the logging middleware has settled the status. Routes
// are labelled by pattern, not by path, so ids do not explode the series.
func (m *metrics) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	route := c.Route().Path
	if !strings.HasPrefix(route, "/api/") && route != "/healthz" && route != "/readyz" && route != "/metrics" {
		route = "spa"
	}
	m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(c.Response().StatusCode())).Inc()
	m.duration.WithLabelValues(c.Method(), route).Observe(time.Since(start).Seconds())
	return err
}

// authenticate attaches the caller, if the request carries a valid access
// token. A request with a bad token fails at once rather than silently
// becoming anonymous.
func authenticate(a *auth.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := c.Get(fiber.HeaderAuthorization)
		if h == "" {
			return c.Next()
		}
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			return errs.ErrUnauthenticated
		}
		p, err := a.Authenticate(c.UserContext(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		c.Locals(localPrincipal, p)
		return c.Next()
	}
}

func principal(c *fiber.Ctx) *auth.Principal {
	p, _ := c.Locals(localPrincipal).(*auth.Principal)
	return p
}

// access is who may call a route at all; finer rules (owner of this
// organisation) live in the services.
type access int

const (
	public access = iota
	user          // any logged-in person
	staff         // officer or admin
	admin
)

func (a access) check(c *fiber.Ctx) error {
	if a == public {
		return c.Next()
	}
	p := principal(c)
	if p == nil {
		return errs.ErrUnauthenticated
	}
	switch {
	case a == staff && !p.User.HasRole(auth.RoleOfficer, auth.RoleAdmin),
		a == admin && !p.User.HasRole(auth.RoleAdmin):
		return errs.ErrForbidden
	}
	return c.Next()
}

// clientIP is the address rate limits count by. Behind a reverse proxy
// (TECHMART_TRUST_PROXY) it is the last X-Forwarded-For entry: the one our
// proxy appended. Entries to its left come from the client and can be
// forged to dodge the per-address limit.
func clientIP(c *fiber.Ctx, trustProxy bool) string {
	if trustProxy {
		if ips := c.IPs(); len(ips) > 0 && ips[len(ips)-1] != "" {
			return ips[len(ips)-1]
		}
	}
	return c.Context().RemoteIP().String()
}

// withPlainBodies refuses request bodies with a Content-Encoding: no client
// of ours compresses uploads, and inflating them would let a few kilobytes
// of gzip become gigabytes in memory, past BodyLimit.
func withPlainBodies(c *fiber.Ctx) error {
	if enc := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); enc != "" && !strings.EqualFold(enc, "identity") {
		return errs.ErrEncoding
	}
	return c.Next()
}

// withValidQuery refuses query parameters that are not UTF-8 text: they
// would reach regular expressions and stored filters as garbage.
func withValidQuery(c *fiber.Ctx) error {
	var bad []errs.FieldError
	c.Context().QueryArgs().VisitAll(func(k, v []byte) {
		if !utf8.Valid(k) || !utf8.Valid(v) {
			bad = append(bad, errs.NewField(strings.ToValidUTF8(string(k), "\uFFFD"), "invalid_utf8"))
		}
	})
	if len(bad) > 0 {
		return &errs.Error{Kind: errs.Invalid, Code: "validation_failed", Fields: bad}
	}
	return c.Next()
}

// logPath is the path as logged: secrets that travel in a path (invitation
// tokens) are replaced by the route's placeholder.
func logPath(c *fiber.Ctx) string {
	p := c.Path()
	if strings.HasPrefix(p, "/api/v1/invitations/") && p != "/api/v1/invitations/accept" {
		return "/api/v1/invitations/:token"
	}
	return p
}
