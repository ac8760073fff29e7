package config

import (
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.Demo || !c.Embedded() || c.MeiliURL != "" || c.AccessTTL != 15*time.Minute ||
		c.SignupLimit != 10 || c.SignupWindow != time.Hour ||
		c.RequestTimeout != 30*time.Second || c.StoreTimeout != 20*time.Second || c.SearchTimeout != 10*time.Second {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string // every substring must appear
		check   func(t *testing.T, c Config)
	}{
		{name: "production", env: map[string]string{
			"TECHMART_ADDR": "0.0.0.0:8080", "MONGODB_URI": "mongodb://mongo:27017/?replicaSet=rs0", "MEILI_URL": "http://meili:7700",
			"MEILI_MASTER_KEY": "k", "TECHMART_JWT_SECRET": strings.Repeat("s", 32), "TECHMART_DEMO": "true",
			"TECHMART_CORS_ORIGINS": "https://a.vn, https://b.vn", "TECHMART_LOG_LEVEL": "debug",
		}, check: func(t *testing.T, c Config) {
			if c.Embedded() || !c.Demo || len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.vn" || c.LogLevel != slog.LevelDebug {
				t.Fatalf("%+v", c)
			}
		}},
		{name: "every problem at once", env: map[string]string{
			"TECHMART_ADDR": "8080", "MONGODB_URI": "postgres://x", "MEILI_URL": "meili:7700", "TECHMART_JWT_SECRET": "short",
			"TECHMART_DEMO": "maybe", "TECHMART_ACCESS_TTL": "10s", "TECHMART_SMTP_URL": "mail.example.vn",
		}, wantErr: []string{"TECHMART_ADDR", "MONGODB_URI", "MEILI_URL", "TECHMART_JWT_SECRET", "TECHMART_DEMO", "TECHMART_ACCESS_TTL", "TECHMART_SMTP_URL"}},
		{name: "refresh shorter than access", env: map[string]string{"TECHMART_ACCESS_TTL": "2h", "TECHMART_REFRESH_TTL": "1h"}, wantErr: []string{"TECHMART_REFRESH_TTL"}},
		{name: "metrics", env: map[string]string{"TECHMART_METRICS_TOKEN": strings.Repeat("m", 32), "TECHMART_METRICS_ADDR": "10.0.0.5:9090"},
			check: func(t *testing.T, c Config) {
				if c.MetricsToken != strings.Repeat("m", 32) || c.MetricsAddr != "10.0.0.5:9090" {
					t.Fatalf("%+v", c)
				}
			}},
		{name: "metrics problems", env: map[string]string{"TECHMART_METRICS_TOKEN": "short"}, wantErr: []string{"TECHMART_METRICS_TOKEN"}},
		{name: "metrics address", env: map[string]string{"TECHMART_METRICS_ADDR": "9090"}, wantErr: []string{"TECHMART_METRICS_ADDR"}},
		{name: "metrics on the public address", env: map[string]string{"TECHMART_ADDR": "0.0.0.0:8080", "TECHMART_METRICS_ADDR": "0.0.0.0:8080"}, wantErr: []string{"TECHMART_METRICS_ADDR must differ"}},
		{name: "deadlines", env: map[string]string{"TECHMART_REQUEST_TIMEOUT": "45s", "TECHMART_STORE_TIMEOUT": "5s", "TECHMART_SEARCH_TIMEOUT": "2s"},
			check: func(t *testing.T, c Config) {
				if c.RequestTimeout != 45*time.Second || c.StoreTimeout != 5*time.Second || c.SearchTimeout != 2*time.Second {
					t.Fatalf("%+v", c)
				}
			}},
		{name: "deadlines out of range", env: map[string]string{"TECHMART_REQUEST_TIMEOUT": "0s", "TECHMART_STORE_TIMEOUT": "1h", "TECHMART_SEARCH_TIMEOUT": "soon"},
			wantErr: []string{"TECHMART_REQUEST_TIMEOUT", "TECHMART_STORE_TIMEOUT", "TECHMART_SEARCH_TIMEOUT"}},
		{name: "bad number", env: map[string]string{"TECHMART_BODY_LIMIT": "1MB"}, wantErr: []string{"TECHMART_BODY_LIMIT"}},
		{name: "sign-up limit", env: map[string]string{"TECHMART_SIGNUP_LIMIT": "3", "TECHMART_SIGNUP_WINDOW": "30m"}, check: func(t *testing.T, c Config) {
			if c.SignupLimit != 3 || c.SignupWindow != 30*time.Minute {
				t.Fatalf("sign-up limit %d per %v", c.SignupLimit, c.SignupWindow)
			}
		}},
		{name: "no sign-up at all is not a limit", env: map[string]string{"TECHMART_SIGNUP_LIMIT": "0", "TECHMART_SIGNUP_WINDOW": "soon"},
			wantErr: []string{"TECHMART_SIGNUP_LIMIT", "TECHMART_SIGNUP_WINDOW"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(env(tc.env))
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				tc.check(t, c)
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not name %s: %v", w, err)
				}
			}
		})
	}
}

// The start-up log line never shows a secret.
func TestLogValueMasksSecrets(t *testing.T) {
	c := Default()
	c.MongoURI = "mongodb://techmart:mongo-pass@db:27017"
	c.MeiliKey = "meili-master-key"
	c.JWTSecret = strings.Repeat("j", 40)
	c.SMTPURL = "smtp://mailer:smtp-pass@mail:587"
	c.MetricsToken = strings.Repeat("p", 36)
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, nil)).Info("start", "config", c)
	out := b.String()
	for _, secret := range []string{"mongo-pass", "meili-master-key", c.JWTSecret, "smtp-pass", c.MetricsToken} {
		if strings.Contains(out, secret) {
			t.Errorf("log shows %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "techmart") || !strings.Contains(out, "mail:587") {
		t.Errorf("log hides too much: %s", out)
	}
}

// The English UI names the province one way: as the taxonomy's English
// label does ("Thái Nguyên province"), with its diacritics.
func TestProvinceWrittenOneWay(t *testing.T) {
	raw, err := os.ReadFile("../../seeds/taxonomy.json")
	if err != nil {
		t.Fatal(err)
	}
	var tax struct {
		AdminUnits []struct {
			Code, VI, EN, Level, ValidUntil string
		} `json:"adminUnits"`
	}
	if err := json.Unmarshal(raw, &tax); err != nil {
		t.Fatal(err)
	}
	c := Default()
	found := false
	for _, u := range tax.AdminUnits {
		if u.Level == "province" && u.ValidUntil == "" {
			found = true
			if !strings.Contains(u.EN, c.ProvinceEN) || !strings.Contains(u.VI, c.ProvinceVI) {
				t.Errorf("the taxonomy says %q / %q, the configuration %q / %q", u.VI, u.EN, c.ProvinceVI, c.ProvinceEN)
			}
		}
	}
	if !found {
		t.Fatal("no current province in the taxonomy")
	}
}
