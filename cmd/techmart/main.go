// Command techmart is the whole platform in one binary:
//
//	techmart [serve]                 serve the API and the SPA (default)
//	techmart seed [--demo]           create collections and indexes; --demo loads demo data
//	techmart reindex                 rebuild the search read model from the store
//	techmart admin create --email E --name N [--password-stdin]
//	techmart backup [--to DIR] | restore --from B | export --to DIR | import --from E
//	techmart healthcheck             exit 0 when the local server is ready (for container health checks)
//	techmart selftest                check the configured search engine and store (a deployment's acceptance test)
//	techmart version
//
// Configuration comes from the environment (see README.md).
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh even in a container without zoneinfo

	"github.com/techmart-vn/techmart/frontend"
	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/httpapi"
	"github.com/techmart-vn/techmart/internal/selftest"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "techmart:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			cmd = "help"
		}
	}
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "techmart", version)
		return nil
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	case "openapi":
		b, err := httpapi.OpenAPI()
		if err != nil {
			return err
		}
		_, err = stdout.Write(b)
		return err
	}
	if cmd == "serve" && len(args) > 0 {
		return fmt.Errorf("serve takes no arguments (got %q); it is configured by the environment, see techmart help", args)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch cmd {
	case "serve":
		return serve(ctx, cfg, log, stdout)
	case "seed":
		return seedCmd(ctx, cfg, log, args, stdout)
	case "reindex":
		return reindex(ctx, cfg, log, stdout)
	case "admin":
		return adminCmd(ctx, cfg, log, args, stdin, stdout)
	case "healthcheck":
		return healthcheck(ctx, cfg)
	case "eval-matching":
		return evalMatching(ctx, cfg, log, args, stdout)
	case "eval-search":
		return evalSearch(ctx, cfg, log, args, stdout)
	case "selftest":
		return selfTest(ctx, cfg, log, stdout)
	case "backup":
		return backupCmd(ctx, cfg, args, stdout)
	case "restore":
		return restoreCmd(cfg, args, stdout)
	case "export":
		return exportCmd(ctx, cfg, log, args, stdout)
	case "import":
		return importCmd(ctx, cfg, log, args, stdout)
	default:
		return fmt.Errorf("unknown command %q (serve, seed, reindex, admin create, backup, restore, export, import, eval-matching, eval-search, healthcheck, selftest, version)", cmd)
	}
}

const usage = `Usage: techmart [command]

Commands:
  serve              run the web server (the default)
  seed [--demo] [--synthetic N]
                     create collections; --demo loads the demo organisations, accounts
                     and listings; --synthetic N adds N generated listings (benchmarks)
  reindex            rebuild the search index from the store
  admin create --email E --name N [--password-stdin]
                     create the first administrator (or make an account an admin)
  eval-matching [-v]  measure suggested matches against seeds/matching-eval.json on
                     the demo data, in a temporary data directory
  eval-search [-v]   nDCG@10 of search on seeds/search-eval.json (plain queries and the
                     hard kinds) on the demo data, in a temporary data directory
  backup [--to DIR]  snapshot the embedded store and its files (online: the server may run);
                     DIR defaults to TECHMART_BACKUP_DIR
  restore --from B   verify backup B and restore it into an empty TECHMART_DATA_DIR
  export --to DIR    write everything (JSON Lines per collection, files, manifest);
                     the server must be stopped in embedded mode
  import --from E    load export E into an empty store (embedded or MONGODB_URI)
  healthcheck        exit 0 when the server at TECHMART_ADDR answers /readyz
  selftest           run the search conformance suite against MEILI_URL (a temporary
                     index) and the store checks against MONGODB_URI (a temporary
                     database), clean up and print a pass/fail table; with neither set
                     it checks the embedded engines and lists what it skipped
  openapi            print the OpenAPI document (the SPA's types are generated from it)
  version            print the version
  help               print this text

Configuration comes from the environment (TECHMART_ADDR, TECHMART_DATA_DIR,
TECHMART_DEMO, MONGODB_URI, MEILI_URL, MEILI_MASTER_KEY, ...); README.md lists
every variable.
`

// selfTest is the acceptance test of a deployment; it leaves the data
// directory, the search index and the database it serves untouched.
func selfTest(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	r := selftest.Run(ctx, cfg, app.Specs(), log)
	r.Print(stdout)
	if !r.OK() {
		return errors.New("selftest: some checks failed (see the table above)")
	}
	return nil
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	log.Info("starting techmart", "version", version, "config", cfg)
	a, err := app.Open(ctx, cfg, log, version)
	if err != nil {
		return err
	}
	defer a.Close(context.Background())
	if cfg.Demo {
		sum, err := a.LoadDemo(ctx)
		if err != nil {
			return err
		}
		log.Info("demo data loaded", "newAccounts", sum.Accounts, "newOrganizations", sum.Organizations, "newListings", sum.Listings, "newPrograms", sum.Programs, "newTransfers", sum.Transfers, "newEvents", sum.Events)
	}
	srv := a.Server(frontend.Dist())
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			_ = ln.Close()
			return fmt.Errorf("listen on %s (metrics): %w", cfg.MetricsAddr, err)
		}
		go func() {
			if err := srv.ServeMetrics(mln); err != nil {
				log.Error("metrics listener", "err", err)
			}
		}()
	}
	fmt.Fprintf(stdout, "\nTechmart %s is running at %s\n", version, cfg.BaseURL())
	fmt.Fprintf(stdout, "  store: %s, search: %s\n", storeName(cfg), a.Search.Name())
	if a.Demo != nil {
		fmt.Fprintf(stdout, "  demo accounts (password %q):\n", a.Demo.Password)
		for _, acc := range a.Demo.Accounts {
			fmt.Fprintf(stdout, "    %-10s %s\n", acc.Role, acc.Email)
		}
	}
	fmt.Fprintln(stdout, "  stop with Ctrl+C")
	return a.Serve(ctx, srv, ln, 30*time.Second)
}

func storeName(cfg config.Config) string {
	if cfg.Embedded() {
		return "embedded FerretDB (SQLite) in " + cfg.DataDir
	}
	return "MongoDB"
}

func seedCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load the demo organisations, accounts and listings")
	synthetic := fs.Int("synthetic", 0, "also generate this many published listings (benchmarks); implies --demo")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *synthetic < 0 || *synthetic > 1_000_000 {
		return fmt.Errorf("--synthetic: %d is not between 0 and 1000000", *synthetic)
	}
	a, err := app.Open(ctx, cfg, log, version)
	if err != nil {
		return err
	}
	defer a.Close(context.Background())
	fmt.Fprintln(stdout, "collections and indexes are in place")
	if *demo || *synthetic > 0 {
		sum, err := a.LoadDemo(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "demo data: %d new accounts, %d new organisations, %d new listings, %d new support programmes, %d new transfers, %d new events\n", sum.Accounts, sum.Organizations, sum.Listings, sum.Programs, sum.Transfers, sum.Events)
	}
	if *synthetic > 0 {
		start := time.Now()
		if _, err := a.Synthetic(ctx, *synthetic, uint64(time.Now().UnixNano())); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d synthetic listings written in %s\n", *synthetic, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		st, err := a.Indexer.Reconcile(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "search engine %s: %d listings indexed in %s\n", a.Search.Name(), st.Pushed, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// reindex pushes every published listing to the search engine again and
// removes what should not be there.
func reindex(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	a, err := app.Open(ctx, cfg, log, version)
	if err != nil {
		return err
	}
	defer a.Close(context.Background())
	if err := a.Search.Health(ctx); err != nil {
		return fmt.Errorf("search engine %s: %w", a.Search.Name(), err)
	}
	start := time.Now()
	st, err := a.Indexer.Reindex(ctx)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	fmt.Fprintf(stdout, "search engine %s: %d published listings pushed, %d stale documents removed in %s\n",
		a.Search.Name(), st.Pushed, st.Removed, time.Since(start).Round(time.Millisecond))
	return nil
}

func adminCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: techmart admin create --email E --name N [--password-stdin]")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	email := fs.String("email", "", "e-mail of the first admin")
	name := fs.String("name", "", "full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		b := make([]byte, 15)
		_, _ = rand.Read(b)
		password, generated = base64.RawURLEncoding.EncodeToString(b), true
	}
	a, err := app.Open(ctx, cfg, log, version)
	if err != nil {
		return err
	}
	defer a.Close(context.Background())
	u, err := a.Auth.CreateUser(ctx, auth.NewUser{Email: *email, FullName: *name, Password: password, Roles: []string{auth.RoleAdmin}})
	if err != nil {
		return err
	}
	_ = a.Audit.Record(ctx, audit.Entry{
		Actor: audit.System, Action: audit.AdminCreate,
		Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email}, Reason: "command_line",
		Changes: map[string]audit.Change{"roles": {From: []string{}, To: u.Roles}},
	})
	fmt.Fprintf(stdout, "admin %s created\n", u.Email)
	if generated {
		fmt.Fprintf(stdout, "password: %s\n(shown once; change it after the first login)\n", password)
	}
	return nil
}

// healthcheck asks the local server's /readyz; the runtime image has no curl.
func healthcheck(ctx context.Context, cfg config.Config) error {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return err
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/readyz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("readyz answered %s", resp.Status)
	}
	return nil
}
