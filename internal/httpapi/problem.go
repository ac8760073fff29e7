package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
)

// problem is an RFC 9457 problem details body.
type problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"requestId,omitempty"`
	Errors    []fieldProblem `json:"errors,omitempty"`
}

type fieldProblem struct {
	Field   string         `json:"field"`
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Params  map[string]any `json:"params,omitempty"`
}

var statusOf = map[errs.Kind]int{
	errs.Internal:           fiber.StatusInternalServerError,
	errs.Malformed:          fiber.StatusBadRequest,
	errs.Invalid:            fiber.StatusUnprocessableEntity,
	errs.Unauthenticated:    fiber.StatusUnauthorized,
	errs.Forbidden:          fiber.StatusForbidden,
	errs.NotFound:           fiber.StatusNotFound,
	errs.Conflict:           fiber.StatusConflict,
	errs.PreconditionFailed: fiber.StatusPreconditionFailed,
	errs.TooMany:            fiber.StatusTooManyRequests,
	errs.TooLarge:           fiber.StatusRequestEntityTooLarge,
	errs.Unsupported:        fiber.StatusUnsupportedMediaType,
	errs.Unavailable:        fiber.StatusServiceUnavailable,
}

// fiberCodes maps the errors Fiber itself raises (before a handler runs) to
// our codes.
var fiberCodes = map[int]*errs.Error{
	fiber.StatusRequestEntityTooLarge:       errs.ErrTooLarge,
	fiber.StatusRequestHeaderFieldsTooLarge: errs.New(errs.Malformed, "header_too_large"),
	fiber.StatusRequestURITooLong:           errs.New(errs.Malformed, "url_too_long"),
	fiber.StatusRequestTimeout:              errs.New(errs.Malformed, "request_timeout"),
	fiber.StatusNotFound:                    errs.New(errs.NotFound, "route_not_found"),
	fiber.StatusMethodNotAllowed:            errs.New(errs.Malformed, "method_not_allowed"),
	fiber.StatusBadRequest:                  errs.ErrMalformed,
	fiber.StatusUnauthorized:                errs.ErrUnauthenticated,
	fiber.StatusTooManyRequests:             errs.ErrRateLimited,
	fiber.StatusServiceUnavailable:          errs.New(errs.Internal, "unavailable"),
}

// errMalformedRequest is a request fasthttp could not parse (request
// line, header, chunked body).
var errMalformedRequest = errs.New(errs.Malformed, "malformed_request")

// storeError names the store's own errors when a service let one through:
// a document not at the version the client expected is a failed
// precondition; a lost optimistic race after every retry is a conflict to
// try again, not a failure of ours.
func storeError(err error) *errs.Error {
	switch {
	case errors.Is(err, store.ErrStale):
		return errs.ErrVersionMismatch.Wrap(err)
	case errors.Is(err, store.ErrConflict):
		return errs.New(errs.Conflict, "busy").Wrap(err)
	case errors.Is(err, store.ErrDuplicate):
		return errs.ErrConflict.Wrap(err)
	case errors.Is(err, store.ErrNotFound):
		return errs.ErrNotFound.Wrap(err)
	default:
		return errs.New(errs.Internal, "internal").Wrap(err)
	}
}

// errorHandler is the one place an error becomes an HTTP response. Internal
// errors are logged with the request id and never shown.
func errorHandler(log *slog.Logger, hsts bool) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		securityHeaders(c, hsts)
		e, ok := errs.As(err)
		status := 0
		if !ok {
			var fe *fiber.Error
			if errors.As(err, &fe) {
				if mapped, known := fiberCodes[fe.Code]; known {
					e, status = mapped, fe.Code
				}
			}
		}
		if e == nil {
			e = storeError(err)
		}
		if status == 0 {
			status = statusOf[e.Kind]
		}
		rid := requestID(c)
		if status >= 500 {
			log.ErrorContext(c.UserContext(), "request failed", "requestId", rid, "method", c.Method(),
				"path", logPath(c), "err", err)
		}
		lang := language(c.Get(fiber.HeaderAcceptLanguage))
		title, known := problemTitles[e.Code]
		if !known {
			title = problemTitles["internal"]
			if status < 500 {
				title = text{e.Code, e.Code}
			}
		}
		p := problem{
			Type: "urn:techmart:problem:" + e.Code, Title: title.in(lang), Status: status,
			Instance: c.Path(), Code: e.Code, RequestID: rid,
		}
		for _, f := range e.Fields {
			p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Code: f.Code, Message: fieldMessage(f.Code, f.Params, lang), Params: f.Params})
		}
		if e.Kind == errs.Unauthenticated {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="techmart"`)
		}
		if e.Kind == errs.TooMany && e.RetryAfter > 0 {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(e.RetryAfter.Seconds())))
			p.Detail = retryDetail(e.RetryAfter, lang)
		}
		body, _ := json.Marshal(p)
		c.Set(fiber.HeaderContentType, "application/problem+json")
		c.Set(fiber.HeaderContentLanguage, lang)
		return c.Status(status).Send(body)
	}
}
