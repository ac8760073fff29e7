// Package httpapi is the HTTP face of Techmart: the JSON API under /api/v1
// (Fiber v2), health and metrics endpoints, and the embedded SPA. Handlers
// only decode, call a service and encode; errors become problem+json in one
// place (errorHandler).
package httpapi

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/market"
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/nextstep"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/synonym"
	"github.com/techmart-vn/techmart/internal/task"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/web"
)

// Demo describes the demo accounts, shown on the login page in demo mode.
type Demo struct {
	Password string        `json:"password"`
	Accounts []DemoAccount `json:"accounts"`
}

// DemoAccount is one demo login.
type DemoAccount struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// Deps are what the server serves.
type Deps struct {
	Config    config.Config
	Store     *store.Store
	Search    search.Engine
	Auth      *auth.Service
	Orgs      *org.Service
	Accounts  *account.Service
	Audit     *audit.Log
	Catalog   *catalog.Service
	Indexer   *catalog.Indexer
	Files     *files.Service
	Notify    *notify.Service
	Matching  *matching.Service
	Conns     *connection.Service
	Transfers *transfer.Service
	Support   *support.Service
	// TaskSelection: calls, dossiers and selection of commissioned tasks.
	TaskSelection *task.Selection
	// Execution runs commissioned tasks from the contract to the results.
	Execution *task.Execution
	Events    *event.Service
	Plans     *plan.Service
	Reports   *report.Service
	Synonyms  *synonym.Service
	Backups   *backup.Service
	// Statistics fills the ministry's forms; Results is the public page.
	Statistics *statistics.Service
	Results    *results.Service
	// Market is the home page and the organisations' public pages;
	// NextSteps what waits for a signed-in person.
	Market    *market.Service
	NextSteps *nextstep.Service
	// Schedules places an event's B2B meetings and gives the agendas.
	Schedules *event.Scheduler
	Logger    *slog.Logger
	Version   string
	Demo      *Demo // nil unless demo mode
	SPA       fs.FS // the built frontend; may lack index.html
	Mail      bool  // an SMTP server is configured
	// Site renders the public pages' heads, robots.txt, the sitemap and
	// the feeds.
	Site *web.Site
	// Meetings runs events' B2B meetings, check-ins and deals.
	Meetings *event.Meetings
	// TaskProposals runs proposals of S&T tasks, identification rounds,
	// the approved list and the board of tasks.
	TaskProposals *task.Proposals
	// Showcase is the events' exhibitors, catalogue, booth codes and
	// results report.
	Showcase *event.Showcase
}

// Limits of a request's head. Fasthttp reads the request line and the
// headers into one buffer of their sum; withHeadLimits tells the two apart
// (414 or 431), and a head past the buffer is answered 431 by
// connectionError.
const (
	MaxHeaderBytes = 16 << 10 // the header fields, without the request line
	MaxURLBytes    = 8 << 10  // the request target (path and query)
)

// Server is the Fiber app with its routes.
type Server struct {
	d       Deps
	app     *fiber.App
	routes  []route
	metrics http.Handler
	// metricsSrv serves /metrics on Config.MetricsAddr (ServeMetrics).
	metricsSrv *http.Server
	signups    *prometheus.CounterVec
}

// New builds the app: middleware, API routes, health, metrics, SPA.
func New(d Deps) *Server {
	s := &Server{d: d}
	hsts := strings.HasPrefix(d.Config.PublicURL, "https://")
	s.app = fiber.New(fiber.Config{
		AppName: "techmart",
		// Uploads are the largest bodies; JSON bodies are held to
		// Config.BodyLimit by decode.
		BodyLimit:             max(d.Config.BodyLimit, files.MaxDocument+1<<20),
		ReadBufferSize:        MaxURLBytes + MaxHeaderBytes + 64, // + method and protocol
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler(d.Logger, hsts),
		ProxyHeader:           proxyHeader(d.Config.TrustProxy),
		EnableIPValidation:    true,
		// Multipart bodies are parsed by the upload handlers, after the
		// caller is known, and a broken one is named there.
		DisablePreParseMultipartForm: true,
		// Strings from the request (params, headers, query) are copies, not
		// views into buffers fasthttp reuses: they reach stored documents
		// and the audit log.
		Immutable: true,
	})
	// Errors fasthttp meets before Fiber has a request (a head too large, a
	// timeout, a malformed request line) come through here.
	s.app.Server().ErrorHandler = s.connectionError
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)
	s.metrics = metricsHandler(reg)
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics)
	s.metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	s.signups = newSignupCounter(reg)
	if d.Backups != nil {
		reg.MustRegister(backupCollectors(d.Backups)...)
	}

	s.app.Use(withRequestID)
	s.app.Use(withDeadline(d.Config.RequestTimeout))
	s.app.Use(func(c *fiber.Ctx) error { c.Locals(localJSONLimit, d.Config.BodyLimit); return c.Next() })
	s.app.Use(m.observe)
	s.app.Use(withLogging(d.Logger))
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true}))
	s.app.Use(withSecurityHeaders(hsts))
	s.app.Use(withNoStore)
	s.app.Use(withHeadLimits)
	if len(d.Config.CORSOrigins) > 0 {
		s.app.Use(cors.New(cors.Config{
			AllowOrigins:  strings.Join(d.Config.CORSOrigins, ","),
			AllowHeaders:  "Authorization, Content-Type, If-Match, Idempotency-Key, Accept-Language",
			ExposeHeaders: "ETag, Retry-After, X-Request-ID",
		}))
	}
	s.app.Use(compress.New(compress.Config{Level: compress.LevelDefault}))

	s.app.Get("/healthz", s.healthz)
	s.app.Get("/readyz", s.readyz)
	if d.Config.MetricsToken != "" {
		s.app.Get("/metrics", withMetricsToken(d.Config.MetricsToken), adaptor.HTTPHandler(s.metrics))
	} else {
		// Not on the public address without a token (TECHMART_METRICS_ADDR
		// serves it elsewhere), and not the SPA's page either.
		s.app.All("/metrics", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	}

	api := s.app.Group("/api/v1", withPlainBodies, withValidQuery, authenticate(d.Auth))
	s.registerRoutes(api)
	api.Get("/openapi.json", s.openAPI)
	s.app.All("/api/*", s.noRoute)

	s.registerWeb()
	s.app.Use(s.spaHandler(d.SPA))
	return s
}

func proxyHeader(trust bool) string {
	if trust {
		return fiber.HeaderXForwardedFor
	}
	return ""
}

// App exposes the Fiber app (tests drive it with app.Test).
func (s *Server) App() *fiber.App { return s.app }

// Serve serves on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.app.Listener(ln) }

// ServeMetrics serves /metrics alone on ln (Config.MetricsAddr, a private
// address) until Shutdown.
func (s *Server) ServeMetrics(ln net.Listener) error {
	if err := s.metricsSrv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections and waits for in-flight requests.
func (s *Server) Shutdown(ctx context.Context) error {
	return errors.Join(s.app.ShutdownWithContext(ctx), s.metricsSrv.Shutdown(ctx))
}

func (s *Server) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// readyz: the store must answer; a search engine that does not answer
// leaves the platform usable (writes succeed, the index catches up), so it
// reports "degraded" with 200.
func (s *Server) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 5*time.Second)
	defer cancel()
	out := fiber.Map{"status": "ok", "store": "ok", "search": "ok", "searchEngine": s.d.Search.Name()}
	status := fiber.StatusOK
	if err := s.d.Search.Health(ctx); err != nil {
		out["search"], out["status"] = "unavailable", "degraded"
	} else if s.d.Indexer != nil && (s.d.Indexer.Err() != nil || s.d.Indexer.Backlog() > 0) {
		// The engine answers, but changes have not reached it yet.
		out["search"], out["status"] = "behind", "degraded"
	}
	if s.d.Indexer != nil {
		out["searchBacklog"] = s.d.Indexer.Backlog()
	}
	if err := s.d.Store.Ping(ctx); err != nil {
		out["store"], out["status"] = "unavailable", "unavailable"
		status = fiber.StatusServiceUnavailable
	}
	return c.Status(status).JSON(out)
}
