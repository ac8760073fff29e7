package httpapi

import (
	"errors"
	"fmt"
	"net"
	"os"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/techmart-vn/techmart/internal/errs"
)

// TestConnectionProblems: every error fasthttp meets before a request
// exists is named with its 4xx, never a 500.
func TestConnectionProblems(t *testing.T) {
	t.Parallel()
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{&fasthttp.ErrSmallBuffer{}, 431, "header_too_large"},
		{fasthttp.ErrBodyTooLarge, 413, "body_too_large"},
		{fasthttp.ErrTimeout, 408, "request_timeout"},
		{timeout, 408, "request_timeout"},
		{fasthttp.ErrGetOnly, 405, "method_not_allowed"},
		{errors.New("cannot find http request method"), 400, "malformed_request"},
		{fmt.Errorf("error when reading request headers: %w", errors.New("invalid header key")), 400, "malformed_request"},
	}
	for _, c := range cases {
		got := connectionProblem(c.err)
		var fe *fiber.Error
		status, code := 0, ""
		if errors.As(got, &fe) {
			status, code = fe.Code, fiberCodes[fe.Code].Code
		} else if e, ok := errs.As(got); ok {
			status, code = statusOf[e.Kind], e.Code
		}
		if status != c.status || code != c.code {
			t.Errorf("%v: %d %s, want %d %s", c.err, status, code, c.status, c.code)
		}
	}
}
