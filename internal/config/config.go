// Package config holds the one configuration struct of Techmart. It is read
// from the environment once, validated at start and logged with secrets masked.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything the binary can be told. Zero values of optional
// fields select the embedded defaults (FerretDB on SQLite, Bleve).
type Config struct {
	Addr    string // TECHMART_ADDR
	DataDir string // TECHMART_DATA_DIR
	Demo    bool   // TECHMART_DEMO

	MongoURI string // MONGODB_URI; empty = embedded FerretDB
	MongoDB  string // TECHMART_MONGODB_DATABASE

	MeiliURL string // MEILI_URL; empty = embedded Bleve
	MeiliKey string // MEILI_MASTER_KEY

	// JWTSecret signs access tokens (HS256). Replicas must share it; when
	// empty, one is generated and persisted under DataDir.
	JWTSecret  string        // TECHMART_JWT_SECRET
	AccessTTL  time.Duration // TECHMART_ACCESS_TTL
	RefreshTTL time.Duration // TECHMART_REFRESH_TTL

	PublicURL string // TECHMART_PUBLIC_URL: used to build links in e-mails
	SMTPURL   string // TECHMART_SMTP_URL: smtp://user:pass@host:port?from=...

	ProvinceVI string // TECHMART_PROVINCE
	ProvinceEN string // TECHMART_PROVINCE_EN

	// SupportTarget is how many enterprises the province's plan means to
	// help renew their technology (Decision 684/QĐ-UBND: about 20).
	SupportTarget int // TECHMART_SUPPORT_TARGET
	// Signer is the name printed under the director's title on decisions;
	// empty leaves the line for a handwritten one.
	Signer string // TECHMART_SIGNER

	BodyLimit   int      // TECHMART_BODY_LIMIT (bytes)
	CORSOrigins []string // TECHMART_CORS_ORIGINS; empty = CORS off
	TrustProxy  bool     // TECHMART_TRUST_PROXY: take the client address from X-Forwarded-For

	LoginLimit       int           // TECHMART_LOGIN_LIMIT: attempts per window per (account, address)
	LoginLimitWindow time.Duration // TECHMART_LOGIN_WINDOW

	// MetricsToken lets a scraper read /metrics on the public address with
	// "Authorization: Bearer <token>"; MetricsAddr serves /metrics on a
	// listen address of its own (a private network) instead. With neither,
	// /metrics is not served.
	MetricsToken string        // TECHMART_METRICS_TOKEN
	MetricsAddr  string        // TECHMART_METRICS_ADDR
	SignupLimit  int           // TECHMART_SIGNUP_LIMIT: sign-ups per window per address
	SignupWindow time.Duration // TECHMART_SIGNUP_WINDOW

	LogLevel slog.Level // TECHMART_LOG_LEVEL

	// Deadlines, so one hung call cannot hold a request (and what it
	// locks) for ever: the whole request, each store operation (the
	// driver's timeoutMS) and each call to Meilisearch.
	RequestTimeout time.Duration // TECHMART_REQUEST_TIMEOUT
	StoreTimeout   time.Duration // TECHMART_STORE_TIMEOUT
	SearchTimeout  time.Duration // TECHMART_SEARCH_TIMEOUT

	Backup Backup
}

// Backup configures the scheduled backups of the embedded store. An empty
// Dir turns them off.
type Backup struct {
	Dir         string        // TECHMART_BACKUP_DIR
	At          time.Duration // TECHMART_BACKUP_AT ("HH:MM", Vietnam time)
	KeepDaily   int           // TECHMART_BACKUP_KEEP_DAILY
	KeepMonthly int           // TECHMART_BACKUP_KEEP_MONTHLY
}

// Default returns the configuration used when no variable is set.
func Default() Config {
	return Config{
		Addr:             "127.0.0.1:8080",
		DataDir:          "./data",
		MongoDB:          "techmart",
		AccessTTL:        15 * time.Minute,
		RefreshTTL:       30 * 24 * time.Hour,
		ProvinceVI:       "Thái Nguyên",
		ProvinceEN:       "Thái Nguyên",
		SupportTarget:    20,
		BodyLimit:        1 << 20,
		LoginLimit:       10,
		LoginLimitWindow: 15 * time.Minute,
		SignupLimit:      10,
		SignupWindow:     time.Hour,
		LogLevel:         slog.LevelInfo,
		RequestTimeout:   30 * time.Second,
		StoreTimeout:     20 * time.Second,
		SearchTimeout:    10 * time.Second,
		Backup:           Backup{At: 2*time.Hour + 30*time.Minute, KeepDaily: 7, KeepMonthly: 12},
	}
}

// FromEnv reads the configuration from the process environment.
func FromEnv() (Config, error) { return Load(os.LookupEnv) }

// Load reads the configuration through lookup, so tests need not touch the
// real environment. It returns every problem at once.
func Load(lookup func(string) (string, bool)) (Config, error) {
	c := Default()
	var errs []error
	str := func(key string, dst *string) {
		if v, ok := lookup(key); ok && strings.TrimSpace(v) != "" {
			*dst = strings.TrimSpace(v)
		}
	}
	boolean := func(key string, dst *bool) {
		if v, ok := lookup(key); ok && v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a boolean", key, v))
				return
			}
			*dst = b
		}
	}
	integer := func(key string, dst *int) {
		if v, ok := lookup(key); ok && v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a whole number", key, v))
				return
			}
			*dst = n
		}
	}
	duration := func(key string, dst *time.Duration) {
		if v, ok := lookup(key); ok && v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a duration (e.g. 15m)", key, v))
				return
			}
			*dst = d
		}
	}

	str("TECHMART_ADDR", &c.Addr)
	str("TECHMART_DATA_DIR", &c.DataDir)
	boolean("TECHMART_DEMO", &c.Demo)
	str("MONGODB_URI", &c.MongoURI)
	str("TECHMART_MONGODB_DATABASE", &c.MongoDB)
	str("MEILI_URL", &c.MeiliURL)
	str("MEILI_MASTER_KEY", &c.MeiliKey)
	str("TECHMART_JWT_SECRET", &c.JWTSecret)
	duration("TECHMART_ACCESS_TTL", &c.AccessTTL)
	duration("TECHMART_REFRESH_TTL", &c.RefreshTTL)
	str("TECHMART_PUBLIC_URL", &c.PublicURL)
	str("TECHMART_SMTP_URL", &c.SMTPURL)
	str("TECHMART_PROVINCE", &c.ProvinceVI)
	str("TECHMART_PROVINCE_EN", &c.ProvinceEN)
	integer("TECHMART_SUPPORT_TARGET", &c.SupportTarget)
	str("TECHMART_SIGNER", &c.Signer)
	integer("TECHMART_BODY_LIMIT", &c.BodyLimit)
	boolean("TECHMART_TRUST_PROXY", &c.TrustProxy)
	integer("TECHMART_LOGIN_LIMIT", &c.LoginLimit)
	duration("TECHMART_LOGIN_WINDOW", &c.LoginLimitWindow)
	str("TECHMART_METRICS_TOKEN", &c.MetricsToken)
	str("TECHMART_METRICS_ADDR", &c.MetricsAddr)
	integer("TECHMART_SIGNUP_LIMIT", &c.SignupLimit)
	duration("TECHMART_SIGNUP_WINDOW", &c.SignupWindow)
	duration("TECHMART_REQUEST_TIMEOUT", &c.RequestTimeout)
	duration("TECHMART_STORE_TIMEOUT", &c.StoreTimeout)
	duration("TECHMART_SEARCH_TIMEOUT", &c.SearchTimeout)
	str("TECHMART_BACKUP_DIR", &c.Backup.Dir)
	integer("TECHMART_BACKUP_KEEP_DAILY", &c.Backup.KeepDaily)
	integer("TECHMART_BACKUP_KEEP_MONTHLY", &c.Backup.KeepMonthly)
	if v, ok := lookup("TECHMART_BACKUP_AT"); ok && strings.TrimSpace(v) != "" {
		t, err := time.Parse("15:04", strings.TrimSpace(v))
		if err != nil {
			errs = append(errs, fmt.Errorf("TECHMART_BACKUP_AT: %q is not a time of day like 02:30", v))
		} else {
			c.Backup.At = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
		}
	}
	if v, ok := lookup("TECHMART_CORS_ORIGINS"); ok && strings.TrimSpace(v) != "" {
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				c.CORSOrigins = append(c.CORSOrigins, o)
			}
		}
	}
	if v, ok := lookup("TECHMART_LOG_LEVEL"); ok && v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("TECHMART_LOG_LEVEL: %q is not debug, info, warn or error", v))
		}
	}
	// Report parse and consistency problems together, so one start-up tells
	// the operator everything to fix.
	return c, errors.Join(append(errs, c.Validate())...)
}

// Validate reports every inconsistency in c.
func (c Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("TECHMART_ADDR: %q is not host:port", c.Addr))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("TECHMART_DATA_DIR must not be empty"))
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		errs = append(errs, errors.New("MONGODB_URI must start with mongodb:// or mongodb+srv://"))
	}
	if c.MeiliURL != "" {
		if u, err := url.Parse(c.MeiliURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("MEILI_URL: %q is not an http(s) URL", c.MeiliURL))
		}
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		errs = append(errs, errors.New("TECHMART_JWT_SECRET must be at least 32 characters"))
	}
	if c.AccessTTL < time.Minute || c.AccessTTL > 24*time.Hour {
		errs = append(errs, errors.New("TECHMART_ACCESS_TTL must be between 1m and 24h"))
	}
	if c.RefreshTTL < c.AccessTTL {
		errs = append(errs, errors.New("TECHMART_REFRESH_TTL must not be shorter than TECHMART_ACCESS_TTL"))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			errs = append(errs, errors.New("TECHMART_SMTP_URL must look like smtp://user:pass@host:587?from=noreply@example.org"))
		}
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || u.Scheme == "" || u.Host == "" {
			errs = append(errs, fmt.Errorf("TECHMART_PUBLIC_URL: %q is not an absolute URL", c.PublicURL))
		}
	}
	if c.BodyLimit < 1024 {
		errs = append(errs, errors.New("TECHMART_BODY_LIMIT must be at least 1024 bytes"))
	}
	if c.SupportTarget < 1 || c.SupportTarget > 100000 {
		errs = append(errs, errors.New("TECHMART_SUPPORT_TARGET must be between 1 and 100000 enterprises"))
	}
	if c.LoginLimit < 1 || c.LoginLimitWindow < time.Second {
		errs = append(errs, errors.New("TECHMART_LOGIN_LIMIT must be ≥ 1 and TECHMART_LOGIN_WINDOW ≥ 1s"))
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 32 {
		errs = append(errs, errors.New("TECHMART_METRICS_TOKEN must be at least 32 characters"))
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("TECHMART_METRICS_ADDR: %q is not host:port", c.MetricsAddr))
		} else if c.MetricsAddr == c.Addr {
			errs = append(errs, errors.New("TECHMART_METRICS_ADDR must differ from TECHMART_ADDR (use TECHMART_METRICS_TOKEN to serve /metrics there)"))
		}
	}
	if c.SignupLimit < 1 || c.SignupWindow < time.Second {
		errs = append(errs, errors.New("TECHMART_SIGNUP_LIMIT must be ≥ 1 and TECHMART_SIGNUP_WINDOW ≥ 1s"))
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"TECHMART_REQUEST_TIMEOUT", c.RequestTimeout}, {"TECHMART_STORE_TIMEOUT", c.StoreTimeout}, {"TECHMART_SEARCH_TIMEOUT", c.SearchTimeout}} {
		if d.v < 100*time.Millisecond || d.v > 10*time.Minute {
			errs = append(errs, fmt.Errorf("%s must be between 100ms and 10m", d.name))
		}
	}
	if c.Backup.KeepDaily < 1 || c.Backup.KeepMonthly < 0 {
		errs = append(errs, errors.New("TECHMART_BACKUP_KEEP_DAILY must be ≥ 1 and TECHMART_BACKUP_KEEP_MONTHLY ≥ 0"))
	}
	if c.Backup.Dir != "" && c.MongoURI != "" {
		errs = append(errs, errors.New("TECHMART_BACKUP_DIR is for the embedded store; back up MongoDB with mongodump (README, Operations)"))
	}
	return errors.Join(errs...)
}

// Embedded reports whether the document store is the in-process FerretDB.
func (c Config) Embedded() bool { return c.MongoURI == "" }

// BaseURL is where people reach the SPA; links in e-mails start with it.
func (c Config) BaseURL() string {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/")
	}
	return "http://" + c.Addr
}

// LogValue masks secrets so the configuration can be logged at start.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("dataDir", c.DataDir),
		slog.Bool("demo", c.Demo),
		slog.String("mongodb", maskURL(c.MongoURI, "embedded FerretDB (SQLite)")),
		slog.String("search", maskURL(c.MeiliURL, "embedded Bleve")),
		slog.Bool("meiliKey", c.MeiliKey != ""),
		slog.Bool("jwtSecretGiven", c.JWTSecret != ""),
		slog.String("smtp", maskURL(c.SMTPURL, "off")),
		slog.String("publicURL", c.BaseURL()),
		slog.String("province", c.ProvinceVI),
		slog.String("accessTTL", c.AccessTTL.String()),
		slog.Int("loginLimit", c.LoginLimit),
		slog.Int("signupLimit", c.SignupLimit),
		slog.String("signupWindow", c.SignupWindow.String()),
		slog.String("requestTimeout", c.RequestTimeout.String()),
		slog.String("storeTimeout", c.StoreTimeout.String()),
		slog.String("searchTimeout", c.SearchTimeout.String()),
		slog.Any("corsOrigins", c.CORSOrigins),
		slog.Bool("metricsTokenGiven", c.MetricsToken != ""),
		slog.String("metricsAddr", c.MetricsAddr),
		slog.String("backupDir", c.Backup.Dir),
	)
}

func maskURL(raw, empty string) string {
	if raw == "" {
		return empty
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.Redacted()
}
