package httpapi

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Every request's context carries the configured deadline down to the
// store and the search engine; without one Fiber's user context has none.
func TestRequestDeadline(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		timeout time.Duration
		want    bool
	}{{30 * time.Second, true}, {0, false}} {
		app := fiber.New()
		app.Use(withDeadline(tc.timeout))
		var left time.Duration
		var has bool
		app.Get("/", func(c *fiber.Ctx) error {
			var d time.Time
			d, has = c.UserContext().Deadline()
			left = time.Until(d)
			return c.SendStatus(fiber.StatusNoContent)
		})
		if _, err := app.Test(httptest.NewRequest("GET", "/", nil)); err != nil {
			t.Fatal(err)
		}
		if has != tc.want || (has && (left <= 0 || left > tc.timeout)) {
			t.Errorf("timeout %v: deadline %v, %v left", tc.timeout, has, left)
		}
	}
}
