package httpapi

import (
	"bytes"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/account"
)

// FuzzDecode: whatever bytes arrive as a body, the answer is a 4xx problem
// or a decoded value — never a 500 and never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"email":"a@b.vn","password":"x","fullName":"A","organization":{"name":"V","kind":"institute"}}`,
		`{"organization":"x"}`, `[]`, `null`, `{"email":1}`, `{"a":1}`, `{"email":"a"} x`, "\xff", `{"fullName":"\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)), false)})
	app.Post("/", func(c *fiber.Ctx) error {
		var in account.Registration
		if err := decode(c, &in); err != nil {
			return err
		}
		return c.SendStatus(200)
	})
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := app.Test(httptest.NewRequest("POST", "/", bytes.NewReader(body)), -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 && resp.StatusCode != 400 && resp.StatusCode != 422 {
			t.Fatalf("body %q answered %d", body, resp.StatusCode)
		}
	})
}

func FuzzLanguage(f *testing.F) {
	for _, s := range []string{"", "vi", "en-US,en;q=0.9", "fr, en;q=0.5", ";;;", "EN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if l := language(h); l != "vi" && l != "en" {
			t.Fatalf("%q → %q", h, l)
		}
	})
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	for h, want := range map[string]string{"": "vi", "en-GB,en;q=0.9": "en", "fr-FR, en;q=0.5": "en", "de": "vi", "vi-VN,en;q=0.8": "vi"} {
		if got := language(h); got != want {
			t.Errorf("%q: %q, want %q", h, got, want)
		}
	}
}

// Every code a field error can carry has a message in both languages.
func TestMessagesBilingual(t *testing.T) {
	t.Parallel()
	for code, m := range fieldMessages {
		if m.vi == "" || m.en == "" || m.vi == m.en {
			t.Errorf("field code %s: %+v", code, m)
		}
	}
	for code, m := range problemTitles {
		if m.vi == "" || m.en == "" || m.vi == m.en {
			t.Errorf("problem code %s: %+v", code, m)
		}
	}
}

// Every error code the domain packages can raise has a people-facing text
// in both languages: a new code without one fails here, not in front of a
// user.
func TestEveryCodeHasAMessage(t *testing.T) {
	t.Parallel()
	patterns := map[*regexp.Regexp]map[string]text{
		regexp.MustCompile(`errs\.New\([^,]+, "([a-z_]+)"\)`):                problemTitles,
		regexp.MustCompile(`Kind: errs\.\w+, Code: "([a-z_]+)"`):             problemTitles,
		regexp.MustCompile(`errs\.(?:Field|NewField)\("[^"]*", "([a-z_]+)"`): fieldMessages,
		regexp.MustCompile(`\.Add\("[^"]*", "([a-z_]+)"`):                    fieldMessages,
		regexp.MustCompile(`\{Field: "[^"]*", Code: "([a-z_]+)"\}`):          fieldMessages,
	}
	files, _ := filepath.Glob("../*/*.go")
	seen := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for re, catalog := range patterns {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				if _, ok := catalog[m[1]]; !ok {
					t.Errorf("%s: code %q has no message", file, m[1])
				}
			}
		}
	}
	if seen < 20 {
		t.Fatalf("found only %d codes; the patterns no longer match the code base", seen)
	}
}
