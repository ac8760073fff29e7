package validate

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Rule is what a field's `rule` struct tag declares about the values it
// accepts. The same tag is read by the service that checks the field and by
// the API description (internal/apischema), so a limit is written once:
//
//	Title *string `json:"title" rule:"min=10,max=150"`
//
// Keys, separated by commas: required; min=N and max=N (characters for a
// string, bounds for a number, items for an array); enum=Name (a named list
// of choices the API description declares); format=date|date-time|email.
type Rule struct {
	Required       bool
	Min, Max       int
	HasMin, HasMax bool
	Enum, Format   string
}

// ParseRule reads a `rule` tag.
func ParseRule(tag string) (Rule, error) {
	var r Rule
	for _, part := range strings.Split(tag, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		switch key {
		case "required":
			r.Required = true
		case "min", "max":
			n, err := strconv.Atoi(value)
			if err != nil {
				return Rule{}, fmt.Errorf("rule %q: %s is not a number", tag, key)
			}
			if key == "min" {
				r.Min, r.HasMin = n, true
			} else {
				r.Max, r.HasMax = n, true
			}
		case "enum":
			r.Enum = value
		case "format":
			r.Format = value
		default:
			return Rule{}, fmt.Errorf("rule %q: unknown key %q", tag, key)
		}
	}
	return r, nil
}

// Rules holds the rule of every tagged field of a struct by its JSON path:
// "title", "contact.name", "scores.comment" (an array's items add no
// segment).
type Rules map[string]Rule

// RulesOf reads the `rule` tags of T and of the structs it contains. It
// panics on a malformed tag, so a mistake fails at start-up and in every
// test.
func RulesOf[T any]() Rules {
	out := Rules{}
	collect(reflect.TypeFor[T](), "", out, map[reflect.Type]bool{})
	return out
}

func collect(t reflect.Type, prefix string, out Rules, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			collect(f.Type, prefix, out, seen)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if tag, ok := f.Tag.Lookup("rule"); ok {
			r, err := ParseRule(tag)
			if err != nil {
				panic(fmt.Sprintf("%s.%s: %v", t, f.Name, err))
			}
			out[prefix+name] = r
		}
		collect(f.Type, prefix+name+".", out, seen)
	}
}

// Of is the rule of a field; it panics when the field has none, which a
// test reaching the check finds at once.
func (rs Rules) Of(field string) Rule {
	r, ok := rs[field]
	if !ok {
		panic("validate: no rule for field " + field)
	}
	return r
}
