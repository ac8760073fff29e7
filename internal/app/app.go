// Package app is the composition root: configuration → store → search →
// services → HTTP. Subcommands of the binary use the parts they need.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/httpapi"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/mail"
	"github.com/techmart-vn/techmart/internal/market"
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/migrate"
	"github.com/techmart-vn/techmart/internal/nextstep"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/seed"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/synonym"
	"github.com/techmart-vn/techmart/internal/task"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/web"
	"github.com/techmart-vn/techmart/seeds"
)

// App holds the running parts.
type App struct {
	Config    config.Config
	Log       *slog.Logger
	Store     *store.Store
	Search    search.Engine
	Audit     *audit.Log
	Auth      *auth.Service
	Orgs      *org.Service
	Accounts  *account.Service
	Catalog   *catalog.Service
	Indexer   *catalog.Indexer
	Files     *files.Service
	Notify    *notify.Service
	Matching  *matching.Service
	Conns     *connection.Service
	Transfers *transfer.Service
	Support   *support.Service
	// TaskSelection runs the calls, dossiers, selection, appraisal and
	// approval decision of commissioned S&T tasks.
	TaskSelection *task.Selection
	// Execution runs commissioned tasks from the contract to the results.
	Execution *task.Execution
	Events    *event.Service
	Plans     *plan.Service
	Reports   *report.Service
	Synonyms  *synonym.Service
	Blobs     files.Blobs
	Backups   *backup.Service
	// Showcase is the events' exhibitors, catalogue and results report.
	Showcase *event.Showcase
	// Indicators counts what the platform records in a period; Statistics
	// and Results count through it.
	Indicators *indicator.Engine
	Statistics *statistics.Service
	Results    *results.Service
	Market     *market.Service
	NextSteps  *nextstep.Service
	// Schedules places events' B2B meetings and gives the agendas.
	Schedules *event.Scheduler
	Meetings  *event.Meetings // events' B2B meetings, check-ins and deals
	// TaskProposals runs proposals of S&T tasks, identification rounds,
	// the approved list and the board of tasks.
	TaskProposals *task.Proposals
	// Site renders the public pages' heads, the sitemap and the feeds.
	Site    *web.Site
	Demo    *httpapi.Demo
	Mail    bool
	Version string
	// Now is the platform's one clock: every service reads the time here.
	Now func() time.Time
}

// Options are New's optional parts.
type Options struct {
	Log     *slog.Logger // nil: slog.Default()
	Version string
	// Now is the clock every service reads; nil: time.Now. Tests pass one
	// they can move.
	Now func() time.Time
	// Wrap, when given, wraps the configured search engine (tests make it
	// fail).
	Wrap func(search.Engine) search.Engine
	// PasswordCost is the argon2id cost of new password hashes; zero (as
	// Open passes) is auth.DefaultPasswordCost. Tests lower it.
	PasswordCost auth.PasswordCost
}

// Open connects the store from the configuration, then builds the rest
// with New.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger, version string) (*App, error) {
	st, err := store.Open(ctx, store.Config{MongoURI: cfg.MongoURI, Database: cfg.MongoDB, DataDir: cfg.DataDir, Logger: log, Timeout: cfg.StoreTimeout})
	if err != nil {
		return nil, err
	}
	a, err := New(ctx, cfg, st, Options{Log: log, Version: version})
	if err != nil {
		_ = st.Close(ctx)
		return nil, err
	}
	return a, nil
}

// Specs lists every collection with its indexes and declared queries.
func Specs() []store.CollectionSpec {
	specs := append([]store.CollectionSpec{migrate.Spec, audit.Spec, org.Spec, catalog.Spec, files.Spec, notify.Spec, notify.DigestSpec, transfer.Spec}, auth.Specs...)
	specs = append(specs, plan.Spec, report.Spec, report.ReminderSpec)
	specs = append(specs, event.MeetingSpecs...)
	specs = append(specs, task.ProposalSpecs...)
	return append(append(append(specs, matching.Specs...), connection.Specs...), append(append(append(support.Specs, synonym.Specs...), event.Specs...), append(task.SelectionSpecs, task.ContractSpec)...)...)
}

// mailSender is what the platform's e-mail sender does; nil without SMTP.
type mailSender interface {
	org.Mailer
	notify.Mailer
	account.Mailer
}

// New builds the platform on an open store: collections and indexes (and
// the data migrated to this release), the search engine, the services, each
// through its constructor. The App owns st from here on.
func New(ctx context.Context, cfg config.Config, st *store.Store, o Options) (*App, error) {
	log, now := o.Log, o.Now
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	a := &App{Config: cfg, Log: log, Version: o.Version, Store: st, Now: now}
	existing, err := st.Database().ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	if err := st.Ensure(ctx, Specs()...); err != nil {
		return nil, err
	}
	if from, to, err := migrate.Up(ctx, st, migrations, len(existing) == 0, log); err != nil {
		return nil, err
	} else if from != to && len(existing) > 0 {
		log.Info("data migrated", "from", from, "to", to)
	}
	if a.Search, err = search.Open(search.Config{MeiliURL: cfg.MeiliURL, MeiliKey: cfg.MeiliKey, DataDir: cfg.DataDir, Timeout: cfg.SearchTimeout}); err != nil {
		return nil, err
	}
	if o.Wrap != nil {
		a.Search = o.Wrap(a.Search)
	}
	a.Search = search.NewCached(a.Search, 4096, 5*time.Second)
	fail := func(err error) (*App, error) {
		_ = a.Search.Close()
		return nil, err
	}
	secret, err := auth.SigningSecret(ctx, st, cfg.JWTSecret)
	if err != nil {
		return fail(err)
	}
	var mailer mailSender
	if cfg.SMTPURL != "" {
		sender, err := mail.Parse(cfg.SMTPURL)
		if err != nil {
			return fail(err)
		}
		mailer, a.Mail = sender, true
	}
	tax, err := taxonomy.Load()
	if err != nil {
		return fail(err)
	}
	a.Audit = audit.New(st, log, now)
	a.Auth = auth.New(st, auth.Options{
		Secret: secret, AccessTTL: cfg.AccessTTL, RefreshTTL: cfg.RefreshTTL,
		LoginLimit: cfg.LoginLimit, LoginWindow: cfg.LoginLimitWindow, Audit: a.Audit, Logger: log, Now: now,
		PasswordCost: o.PasswordCost,
	})
	a.Orgs = org.New(st, a.Auth, a.Audit, mailer, cfg.BaseURL(), log, now, communes(tax))
	a.Accounts = account.New(a.Auth, a.Orgs, a.Audit, account.Options{
		Limiter: auth.NewLimiter(st, cfg.SignupLimit, cfg.SignupWindow, now),
		// Reset links: a person asks a few times an hour at most; an office
		// behind one address, a few dozen.
		ResetByAccount: auth.NewLimiter(st, 5, time.Hour, now),
		ResetByAddress: auth.NewLimiter(st, 30, time.Hour, now),
		Mailer:         mailer, BaseURL: cfg.BaseURL(), Logger: log,
	})
	// The catalog tells the indexer and matching of every write through
	// changes, which each of them subscribes to when it is built.
	changes := &catalog.Changes{}
	a.Catalog = catalog.New(st, a.Orgs, tax, a.Audit, log, catalog.Options{Now: now, Changes: changes, Mailer: mailer, BaseURL: cfg.BaseURL()})
	a.Indexer = catalog.NewIndexer(a.Catalog, a.Search, changes, log)
	// The index carries the events each listing is shown at (the event
	// filter of the showcases).
	a.Showcase = event.NewShowcase(event.ShowcaseDeps{Store: st, Search: a.Search, Index: a.Indexer, BaseURL: cfg.BaseURL(),
		ProvinceVI: cfg.ProvinceVI, ProvinceEN: cfg.ProvinceEN, Taxonomy: tax, Now: now})
	a.Indexer.TagEvents(a.Showcase.Tags)
	a.Notify = notify.New(st, a.Auth, a.Orgs, notify.Texts(tax), log, notify.Options{Now: now, Mailer: mailer, BaseURL: cfg.BaseURL()})
	a.Matching = matching.New(st, a.Catalog, a.Search, a.Orgs, a.Notify, a.Audit, changes, log)
	a.Conns = connection.New(st, a.Catalog, a.Orgs, a.Notify, a.Matching, tax, a.Audit, log, now)
	a.Transfers = transfer.New(st, a.Conns, a.Catalog, a.Orgs, a.Notify, tax, a.Audit, log, now)
	// The department that issues the papers of support and of commissioned tasks.
	office := paper.Office{ProvinceVI: cfg.ProvinceVI, ProvinceEN: cfg.ProvinceEN, Signer: cfg.Signer}
	a.Support = support.New(st, support.Deps{
		Orgs: a.Orgs, Users: a.Auth, Notes: a.Notify, Transfers: a.Transfers, Listings: a.Catalog,
		Office: office,
		Audit:  a.Audit, Log: log, Now: now,
	})
	a.TaskSelection = task.NewSelection(st, task.SelectionDeps{
		Orgs: a.Orgs, Users: a.Auth, Notes: a.Notify, Audit: a.Audit, Log: log, Now: now,
		Office: office,
	})
	a.Execution = task.NewExecution(st, task.ExecutionDeps{Users: a.Auth, Listings: a.Catalog, Notes: a.Notify, Audit: a.Audit, Log: log, Now: now})
	a.Events = event.New(st, event.Deps{Orgs: a.Orgs, Listings: a.Catalog, Notes: a.Notify, Sectors: taxonomy.Codes(tax.Sectors), Audit: a.Audit, Log: log, Now: now})
	forms, err := statistics.Load(tax)
	if err != nil {
		return fail(err)
	}
	a.Indicators = indicator.New(st)
	a.Statistics = statistics.New(a.Indicators, forms, period.Default(), now)
	a.Plans = plan.New(st, a.Audit, plan.CheckQuery, now)
	a.Reports = report.New(st, report.Deps{
		Plans: a.Plans, Orgs: a.Orgs, Counter: plan.Counting(a.Indicators), Notes: a.Notify, Users: a.Auth, Audit: a.Audit, Log: log, Now: now,
		Office: report.Office{ProvinceVI: cfg.ProvinceVI, ProvinceEN: cfg.ProvinceEN, Signer: cfg.Signer},
	})
	// The public results show the plan's targets, counted from their own
	// snapshot.
	a.Results = results.New(a.Indicators, tax, period.Default(), a.Reports, now, results.TTL, log)
	a.Market = market.New(market.Deps{Search: a.Search, Orgs: a.Orgs, Listings: a.Catalog,
		Programs: a.Support, Results: a.Results, Now: now, Log: log}, market.TTL)
	a.NextSteps = nextstep.New(nextstep.Deps{Orgs: a.Orgs, Catalog: a.Catalog, Connections: a.Conns, Support: a.Support,
		Reports: a.Reports, Notes: a.Notify})
	a.Meetings = event.NewMeetings(st, event.MeetingDeps{Listings: a.Catalog, Matcher: a.Matching, Notes: a.Notify,
		Transfers: a.Transfers, Taxonomy: tax, Audit: a.Audit, Log: log, Now: now})
	a.TaskProposals = task.NewProposals(st, task.ProposalsDeps{Orgs: a.Orgs, Listings: a.Catalog, Users: a.Auth, Notes: a.Notify, Audit: a.Audit, Now: now,
		Sectors: taxonomy.Codes(tax.Sectors)})
	a.Synonyms = synonym.New(st, a.Search, a.Audit, log, now)
	a.Schedules = event.NewScheduler(st, event.ScheduleDeps{Registry: event.StoreRegistry(st), Notes: a.Notify, Audit: a.Audit, Log: log, Now: now,
		Office: event.Office{ProvinceVI: cfg.ProvinceVI, ProvinceEN: cfg.ProvinceEN}})
	a.Site = web.New(web.Deps{Listings: a.Catalog, Orgs: a.Orgs, Programs: a.Support, Events: a.Events, Tasks: a.TaskSelection, Taxonomy: tax,
		ProvinceVI: cfg.ProvinceVI, ProvinceEN: cfg.ProvinceEN})
	if err := a.Synonyms.Start(ctx); err != nil {
		return fail(err)
	}
	blobs, err := OpenBlobs(cfg, st)
	if err != nil {
		return fail(err)
	}
	a.Files = files.New(st, blobs)
	a.Blobs = blobs
	bcfg := backup.Config{DataDir: cfg.DataDir, Loc: calendar.Vietnam, App: o.Version, Schema: SchemaVersion,
		At: cfg.Backup.At, KeepDaily: cfg.Backup.KeepDaily, KeepMonthly: cfg.Backup.KeepMonthly,
		ExportDir: filepath.Join(cfg.DataDir, "exports")}
	if st.Embedded() && cfg.Backup.Dir != "" {
		bcfg.Dir, bcfg.ExportDir = cfg.Backup.Dir, filepath.Join(cfg.Backup.Dir, "exports")
	}
	a.Backups = backup.NewService(bcfg, st.Database(), blobs, now, log)
	if err := a.Orgs.Reconcile(ctx); err != nil {
		return fail(err)
	}
	// Approvals a crash left half-written (reservation without decision),
	// finished at once when their writer is gone.
	if _, _, err := a.Support.Reconcile(ctx); err != nil {
		return fail(err)
	}
	// Booths an approval claimed but a crash kept from the registration.
	if _, err := a.Events.Reconcile(ctx); err != nil {
		return fail(err)
	}
	return a, nil
}

// communes are the codes of the current communes and wards, which an
// organisation's address names.
func communes(tax *taxonomy.Taxonomy) []string {
	units := make([]org.Unit, len(tax.AdminUnits))
	for i, u := range tax.AdminUnits {
		units[i] = org.Unit{Code: u.Code, Level: u.Level, ValidUntil: u.ValidUntil}
	}
	return org.Communes(units)
}

// OpenBlobs returns where file bytes live: GridFS on MongoDB, a directory
// under the data directory in embedded mode.
func OpenBlobs(cfg config.Config, st *store.Store) (files.Blobs, error) {
	if st.Embedded() {
		return files.NewDir(filepath.Join(cfg.DataDir, "files"))
	}
	return files.NewGridFS(st.Database()), nil
}

// LoadDemo loads the demo data (idempotent) and remembers the accounts for
// the login page.
func (a *App) LoadDemo(ctx context.Context) (seed.Summary, error) {
	d, err := seeds.LoadDemo()
	if err != nil {
		return seed.Summary{}, err
	}
	sum, err := seed.Demo(ctx, a.Auth, a.Orgs, d)
	if err != nil {
		return sum, err
	}
	raw, err := seeds.Listings()
	if err != nil {
		return sum, err
	}
	if sum.Listings, err = seed.Listings(ctx, a.Catalog, raw, a.Now()); err != nil {
		return sum, err
	}
	if sum.Listings > 0 {
		if err := a.quietDemoMatches(ctx, raw); err != nil {
			return sum, err
		}
	}
	if raw, err = seeds.Support(); err != nil {
		return sum, err
	}
	if sum.Programs, sum.Transfers, err = seed.Support(ctx, a.Store, a.Auth, a.Support, a.Transfers, "officer@demo.techmart.vn", raw, a.Now()); err != nil {
		return sum, err
	}
	if raw, err = seeds.Plan(); err != nil {
		return sum, err
	}
	if sum.Plans, err = seed.Plans(ctx, a.Store, a.Auth, a.Plans, "officer@demo.techmart.vn", raw); err != nil {
		return sum, err
	}
	if raw, err = seeds.Tasks(); err != nil {
		return sum, err
	}
	if sum.Tasks, err = seed.Tasks(ctx, a.Store, raw, a.Now()); err != nil {
		return sum, err
	}
	if raw, err = seeds.Events(); err != nil {
		return sum, err
	}
	if sum.Events, err = seed.Events(ctx, a.Store, a.Auth, a.Events, "officer@demo.techmart.vn", raw, a.Now()); err != nil {
		return sum, err
	}
	a.Demo = &httpapi.Demo{Password: d.Password}
	for _, acc := range d.Accounts {
		if acc.Label != "" {
			a.Demo.Accounts = append(a.Demo.Accounts, httpapi.DemoAccount{Email: acc.Email, Role: acc.Label})
		}
	}
	return sum, nil
}

// quietDemoMatches records the strong matches among the demo listings as
// already announced, without telling anyone: loading demo data notifies
// nobody, and the matching worker, which the loaded listings woke, then
// finds nothing new to announce. The listings are indexed first, since
// matching reads the search engine.
func (a *App) quietDemoMatches(ctx context.Context, raw []byte) error {
	var listings []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &listings); err != nil {
		return fmt.Errorf("demo matches: %w", err)
	}
	if _, err := a.Indexer.Reconcile(ctx); err != nil {
		return fmt.Errorf("demo matches: index: %w", err)
	}
	quiet := notify.Quietly(ctx)
	for _, l := range listings {
		if err := a.Matching.Refresh(quiet, l.ID); err != nil {
			return fmt.Errorf("demo matches of %s: %w", l.ID, err)
		}
	}
	return nil
}

// Synthetic writes n generated published listings over the verified demo
// organisations (LoadDemo first); index them with Indexer.Reconcile.
func (a *App) Synthetic(ctx context.Context, n int, seedValue uint64) ([]string, error) {
	d, err := seeds.LoadDemo()
	if err != nil {
		return nil, err
	}
	var orgs []string
	for _, o := range d.Organizations {
		if o.Status == org.StatusVerified && o.Kind != org.KindDepartment && o.Kind != org.KindAgency {
			orgs = append(orgs, o.ID)
		}
	}
	return seed.Synthetic(ctx, a.Store, a.Catalog.Taxonomy(), orgs, n, seedValue, a.Now())
}

// Server builds the HTTP server over the services.
func (a *App) Server(spa fs.FS) *httpapi.Server {
	return httpapi.New(httpapi.Deps{
		Config: a.Config, Store: a.Store, Search: a.Search, Auth: a.Auth, Orgs: a.Orgs,
		Accounts: a.Accounts, Audit: a.Audit, Catalog: a.Catalog, Indexer: a.Indexer, Files: a.Files,
		Notify: a.Notify, Matching: a.Matching, Conns: a.Conns, Transfers: a.Transfers, Support: a.Support, TaskSelection: a.TaskSelection, Events: a.Events, Plans: a.Plans, Reports: a.Reports, Synonyms: a.Synonyms, Backups: a.Backups,
		Execution:  a.Execution,
		Statistics: a.Statistics, Results: a.Results, Market: a.Market, NextSteps: a.NextSteps, Schedules: a.Schedules, Logger: a.Log, Version: a.Version, Demo: a.Demo, SPA: spa, Mail: a.Mail,
		Site: a.Site, Meetings: a.Meetings, Showcase: a.Showcase, TaskProposals: a.TaskProposals,
	})
}

// Serve runs the HTTP server on ln until ctx is cancelled, then shuts down
// gracefully: no new connections, in-flight requests finish (up to
// drain), and only then does the caller close the store.
func (a *App) Serve(ctx context.Context, srv *httpapi.Server, ln net.Listener, drain time.Duration) error {
	jobs, stopJobs := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); a.housekeeping(jobs, 10*time.Minute) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.Indexer.Run(jobs, 5*time.Minute) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.Matching.Run(jobs, 20*time.Millisecond) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.Support.Run(jobs, time.Minute) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.Backups.Run(jobs) }()
	// The public results and the home page's market are counted once at
	// start, so no visitor waits.
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := a.Results.Refresh(jobs); err != nil && jobs.Err() == nil {
			a.Log.Warn("public results: first count failed", "err", err)
		}
		if _, err := a.Market.Refresh(jobs); err != nil && jobs.Err() == nil {
			a.Log.Warn("home page market: first count failed", "err", err)
		}
	}()
	defer func() { stopJobs(); wg.Wait() }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	a.Log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		a.Log.Warn("listener", "err", err)
	}
	return nil
}

// housekeeping runs the periodic chores until ctx ends: in embedded mode,
// deleting expired sessions and rate-limit counters (MongoDB's TTL indexes
// do it there).
func (a *App) housekeeping(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := a.Store.SweepExpired(ctx, a.Now()); err != nil && ctx.Err() == nil {
			a.Log.Warn("sweep expired documents", "err", err)
		} else if n > 0 {
			a.Log.Info("swept expired documents", "count", n)
		}
		if n, err := a.Catalog.RemindExpiring(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("listing expiry reminders", "err", err)
		} else if n > 0 {
			a.Log.Info("listing expiry reminders sent", "count", n)
		}
		if n, err := a.Conns.Nudge(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("connection nudges", "err", err)
		} else if n > 0 {
			a.Log.Info("quiet connections nudged", "count", n)
		}
		if n, err := a.Notify.SendDigests(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("match digests", "err", err)
		} else if n > 0 {
			a.Log.Info("match digests e-mailed", "count", n)
		}
		if n, err := a.Transfers.RemindDue(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("registration reminders", "err", err)
		} else if n > 0 {
			a.Log.Info("registration reminders sent", "count", n)
		}
		if n, err := a.Reports.RemindDue(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("annual report reminders", "err", err)
		} else if n > 0 {
			a.Log.Info("annual report reminders sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close releases the search engine and the store (in that order: nothing
// writes to the store after it closes).
func (a *App) Close(ctx context.Context) {
	if a.Notify != nil {
		a.Notify.Wait() // e-mails already queued go out before the store closes
		a.Accounts.Wait()
	}
	if a.Search != nil {
		if err := a.Search.Close(); err != nil {
			a.Log.Warn("close search", "err", err)
		}
	}
	if a.Store != nil {
		if err := a.Store.Close(ctx); err != nil {
			a.Log.Warn("close store", "err", err)
		}
	}
}
