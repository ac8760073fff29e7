package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

// decode reads a JSON body strictly: malformed JSON or trailing data is a
// 400; a field of the wrong type or one the route does not know is a 422
// naming the field, so a typo in a client never silently drops data.
func decode(c *fiber.Ctx, dst any) error {
	// The raw body, never c.Body(): that one inflates a gzip or deflate
	// body with no limit, and BodyLimit only bounds the compressed bytes.
	// withPlainBodies refuses encoded bodies before they get here.
	body := c.Request().Body()
	if len(body) > maxJSON(c) {
		return errs.ErrTooLarge
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errs.ErrMalformed
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			field := typeErr.Field
			if field == "" {
				field = "body" // the whole body has the wrong shape, e.g. an array
			}
			return errs.Field(field, "invalid_type", "expected", jsonKind(typeErr.Type.Kind().String()))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return errs.Field(name, "unknown_field")
		default:
			return errs.ErrMalformed.Wrap(err)
		}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.ErrMalformed
	}
	return nil
}

// maxJSON is the JSON body limit (TECHMART_BODY_LIMIT), kept in the app's
// locals by the server.
func maxJSON(c *fiber.Ctx) int {
	if n, ok := c.Locals(localJSONLimit).(int); ok {
		return n
	}
	return 1 << 20
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	case "bool":
		return "boolean"
	default:
		return "number"
	}
}

// page reads page and pageSize (1-based; at most 100 per page).
func page(c *fiber.Ctx) (int, int, error) {
	var v validate.Checker
	p := queryInt(c, &v, "page", 1, 1, 100000)
	size := queryInt(c, &v, "pageSize", 20, 1, 100)
	return int(p), int(size), v.Err()
}

// queryInt reads a whole-number query parameter within [min, max]; def
// when absent. Problems go to v.
func queryInt(c *fiber.Ctx, v *validate.Checker, name string, def, min, max int64) int64 {
	raw := c.Query(name)
	if raw == "" {
		return def
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case err != nil:
		v.Add(name, "invalid_number")
	case n < min || n > max:
		v.Add(name, "out_of_range", "min", min, "max", max)
	}
	return n
}

// ifMatch reads the version a client expects ("3", W/"3" or 3); 0 when the
// header is absent.
func ifMatch(c *fiber.Ctx) (int64, error) {
	raw := strings.TrimSpace(c.Get(fiber.HeaderIfMatch))
	if raw == "" || raw == "*" {
		return 0, nil
	}
	raw = strings.Trim(strings.TrimPrefix(raw, "W/"), `"`)
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || v < 1 {
		return 0, errs.Field("If-Match", "invalid_number")
	}
	return v, nil
}

func setETag(c *fiber.Ctx, version int64) {
	c.Set(fiber.HeaderETag, `"`+strconv.FormatInt(version, 10)+`"`)
}

// list is the shape of every paged list.
type list[T any] struct {
	Items    []T   `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"pageSize"`
}

func oneOf(field, value string, choices []string) error {
	var v validate.Checker
	v.OneOf(field, value, choices)
	return v.Err()
}

// move is the handler of a step of the resource at :id without a body,
// with If-Match (412 when stale): apply fn, answer what send writes of the
// result. Every procedure's bodiless steps (approve, submit, withdraw…)
// are served this way.
func move[R any](fn func(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (R, error),
	send func(c *fiber.Ctx, p *auth.Principal, r R) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		p := principal(c)
		r, err := fn(c.UserContext(), p, c.Params("id"), v)
		if err != nil {
			return err
		}
		return send(c, p, r)
	}
}

// edit is the handler of a change to the resource at :id with a body of T
// and If-Match (412 when stale): decode, apply fn, answer what send writes
// of the result. Reports and organisations are changed this way.
func edit[T, R any](fn func(ctx context.Context, p *auth.Principal, id string, in T, ifVersion int64) (R, error),
	send func(c *fiber.Ctx, p *auth.Principal, r R) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		var in T
		if err := decode(c, &in); err != nil {
			return err
		}
		p := principal(c)
		r, err := fn(c.UserContext(), p, c.Params("id"), in, v)
		if err != nil {
			return err
		}
		return send(c, p, r)
	}
}
