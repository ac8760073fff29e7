// Package errs is the one error type that crosses from the domain packages to
// the HTTP layer: a kind (which implies the HTTP status), a stable code for
// the SPA, and per-field problems for validation. Domain packages declare
// their errors with it; httpapi turns them into problem+json in one place.
package errs

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error; each kind maps to one HTTP status.
type Kind int

const (
	Internal Kind = iota
	Malformed
	Invalid
	Unauthenticated
	Forbidden
	NotFound
	Conflict
	PreconditionFailed
	TooMany
	TooLarge
	Unsupported
	Unavailable
)

// FieldError is one problem with one input field. Field is the JSON path as
// the client sent it ("organization.name").
type FieldError struct {
	Field  string         `json:"field"`
	Code   string         `json:"code"`
	Params map[string]any `json:"params,omitempty"`
}

// Error is a domain error with a stable code.
type Error struct {
	Kind       Kind
	Code       string
	Fields     []FieldError
	RetryAfter time.Duration // for TooMany
	Err        error         // the cause, logged, never shown
}

func (e *Error) Error() string {
	msg := e.Code
	for _, f := range e.Fields {
		msg += fmt.Sprintf(" [%s: %s]", f.Field, f.Code)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrX) match on kind and code, so a sentinel still
// matches after Wrap has attached a cause.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Code == e.Code
}

// New declares an error of a kind with a stable code.
func New(kind Kind, code string) *Error { return &Error{Kind: kind, Code: code} }

// Wrap returns a copy of e carrying cause, for the logs.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.Err = cause
	return &c
}

// Field returns a validation error about one field.
func Field(field, code string, params ...any) *Error {
	return &Error{Kind: Invalid, Code: "validation_failed", Fields: []FieldError{NewField(field, code, params...)}}
}

// NewField builds a FieldError; params are key, value pairs.
func NewField(field, code string, params ...any) FieldError {
	f := FieldError{Field: field, Code: code}
	if len(params) > 1 {
		f.Params = make(map[string]any, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			f.Params[fmt.Sprint(params[i])] = params[i+1]
		}
	}
	return f
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Errors shared by every domain.
var (
	ErrMalformed       = New(Malformed, "malformed_json")
	ErrUnauthenticated = New(Unauthenticated, "unauthenticated")
	ErrForbidden       = New(Forbidden, "forbidden")
	ErrNotFound        = New(NotFound, "not_found")
	ErrConflict        = New(Conflict, "conflict")
	ErrVersionMismatch = New(PreconditionFailed, "version_mismatch")
	ErrTooLarge        = New(TooLarge, "body_too_large")
	ErrRateLimited     = New(TooMany, "rate_limited")
	ErrEncoding        = New(Unsupported, "unsupported_encoding")
)

// RateLimited says to come back after d.
func RateLimited(d time.Duration) *Error {
	e := *ErrRateLimited
	e.RetryAfter = d
	return &e
}
