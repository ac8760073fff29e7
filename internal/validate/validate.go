// Package validate collects field problems of one input into one error, so
// a person sees everything wrong with a form at once.
package validate

import (
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/techmart-vn/techmart/internal/errs"
)

// Checker accumulates field errors.
type Checker struct {
	fields []errs.FieldError
}

// Add records a problem with field.
func (c *Checker) Add(field, code string, params ...any) {
	c.fields = append(c.fields, errs.NewField(field, code, params...))
}

// Has reports whether field already has a problem.
func (c *Checker) Has(field string) bool {
	return slices.ContainsFunc(c.fields, func(f errs.FieldError) bool { return f.Field == field })
}

// Err is nil when nothing was added, else one validation error.
func (c *Checker) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return &errs.Error{Kind: errs.Invalid, Code: "validation_failed", Fields: c.fields}
}

// Text normalises a piece of free text a person typed: NFC (so composed and
// decomposed Vietnamese compare equal), trimmed, inner runs of white space
// collapsed.
func Text(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Length checks a required value's length in characters (not bytes:
// Vietnamese letters take two or three) and reports whether it passed.
func (c *Checker) Length(field, value string, min, max int) bool {
	n := utf8.RuneCountInString(value)
	switch {
	case n == 0:
		c.Add(field, "required")
	case n < min:
		c.Add(field, "too_short", "min", min)
	case n > max:
		c.Add(field, "too_long", "max", max)
	default:
		return true
	}
	return false
}

// Name checks a required one-line name or title (a person's, an
// organisation's, a listing's, a programme's): its length, no control
// characters or markup brackets, and no invisible format characters.
// Nothing in a name needs them, and refusing them keeps names safe wherever
// they are shown later (e-mails, printed decisions). The caller passes the
// value through Text first, so it is NFC.
func (c *Checker) Name(field, value string, min, max int) {
	if !c.Length(field, value, min, max) {
		return
	}
	switch {
	case Invisible(value):
		c.Add(field, "invisible_characters")
	case strings.ContainsAny(value, "<>") || strings.IndexFunc(value, unicode.IsControl) >= 0:
		c.Add(field, "invalid_characters")
	}
}

// Invisible reports whether s holds a Unicode format character (category
// Cf): bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
// direction marks, zero-width spaces and joiners, the word joiner, the byte
// order mark, the soft hyphen. They are invisible, so a name holding them
// reads differently from what it is: "Sở KH&CN \u202egnp.exe" shows as
// "Sở KH&CN exe.png". Vietnamese text never needs them.
func Invisible(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) >= 0
}

// FileName checks the display name of an upload (already reduced to a base
// name): NFC, and refused with invisible characters, which can disguise an
// extension ("report\u202efdp.exe"). It returns the normalised name.
func (c *Checker) FileName(field, value string) string {
	value = norm.NFC.String(value)
	if Invisible(value) {
		c.Add(field, "invisible_characters")
	}
	return value
}

// Reason checks a free-text reason or comment: line breaks and tabs are
// fine, other control characters are not.
func (c *Checker) Reason(field, value string, min, max int) {
	if c.Length(field, value, min, max) &&
		strings.IndexFunc(value, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
		c.Add(field, "invalid_characters")
	}
}

// Prose normalises a free text a person wrote (a reason, a message, a
// report: see Multiline) and checks it against its declared rule, as
// Reason does. It returns the normalised text, to be stored.
func (c *Checker) Prose(field, value string, r Rule) string {
	value = Multiline(value)
	c.Reason(field, value, r.Min, r.Max)
	return value
}

// MaxEmail is the longest e-mail address (RFC 5321 path limit).
const MaxEmail = 254

// Email normalises an e-mail address (trimmed, lower-case) and checks it is a
// bare address. It returns the normalised form.
func (c *Checker) Email(field, value string) string {
	e := NormalizeEmail(value)
	switch {
	case e == "":
		c.Add(field, "required")
	case len(e) > MaxEmail:
		c.Add(field, "too_long", "max", MaxEmail)
	default:
		a, err := mail.ParseAddress(e)
		if err != nil || a.Address != e || a.Name != "" || !strings.Contains(e[strings.LastIndexByte(e, '@')+1:], ".") {
			c.Add(field, "invalid_email")
		}
	}
	return e
}

// NormalizeEmail is the key an account is found by.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// OneOf checks value is one of choices.
func (c *Checker) OneOf(field, value string, choices []string) {
	switch {
	case value == "":
		c.Add(field, "required")
	case !slices.Contains(choices, value):
		c.Add(field, "invalid_choice", "choices", choices)
	}
}

// Multiline normalises free text that keeps its paragraphs (a description):
// NFC, Unix line ends, no trailing spaces, at most one blank line in a row.
func Multiline(s string) string {
	s = strings.ReplaceAll(norm.NFC.String(s), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			if blank || len(out) == 0 {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// Optional checks the length of a value that may be empty.
func (c *Checker) Optional(field, value string, max int) {
	if value != "" {
		c.Reason(field, value, 1, max)
	}
}

// Date checks an optional calendar date written YYYY-MM-DD.
func (c *Checker) Date(field, value string) (time.Time, bool) {
	if value == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		c.Add(field, "invalid_date")
		return time.Time{}, false
	}
	return t, true
}
