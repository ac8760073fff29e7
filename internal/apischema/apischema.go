// Package apischema describes Go wire types as OpenAPI 3.1 (JSON Schema
// 2020-12) schemas by reflection, so the shape of the API is declared once,
// in the structs the server encodes and decodes.
//
// A field's JSON name comes from its `json` tag; limits, required-ness,
// named choices and formats from its `rule` tag (read by internal/validate
// too, so the server enforces exactly what the document says); a
// description from its `doc` tag. In a response a field is required unless
// it is `omitempty`; in a request only when its rule says `required`.
// Registered types are referred to by $ref, others are written inline.
package apischema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/validate"
)

// Schema is one JSON Schema object.
type Schema = map[string]any

// Registry builds named component schemas.
type Registry struct {
	schemas map[string]Schema
	names   map[key]string
	enums   map[string]bool
	types   map[reflect.Type]Schema
}

// key tells a type used in requests from the same type in responses: their
// required fields differ.
type key struct {
	t       reflect.Type
	request bool
}

// New is an empty registry that knows time.Time and json.RawMessage.
func New() *Registry {
	return &Registry{
		schemas: map[string]Schema{}, names: map[key]string{}, enums: map[string]bool{},
		types: map[reflect.Type]Schema{
			reflect.TypeFor[time.Time]():       {"type": "string", "format": "date-time"},
			reflect.TypeFor[json.RawMessage](): {},
		},
	}
}

// Type describes every value of t with s (a type with its own JSON
// encoding, for instance).
func (r *Registry) Type(t reflect.Type, s Schema) { r.types[t] = s }

// Enum declares a named list of choices; a field refers to it with
// `rule:"enum=Name"`.
func (r *Registry) Enum(name string, values []string) {
	r.mustBeNew(name)
	r.enums[name] = true
	r.schemas[name] = Schema{"type": "string", "enum": append([]string(nil), values...)}
}

// Response names the schema of T as the server sends it.
func Response[T any](r *Registry, name string) { r.add(name, reflect.TypeFor[T](), false) }

// Request names the schema of T as a client sends it.
func Request[T any](r *Registry, name string) { r.add(name, reflect.TypeFor[T](), true) }

// Raw names a schema written by hand, for a body that is not JSON
// (a multipart upload).
func (r *Registry) Raw(name string, s Schema) {
	r.mustBeNew(name)
	r.schemas[name] = s
}

// Has reports whether a schema or an enum of that name is declared.
func (r *Registry) Has(name string) bool {
	_, ok := r.schemas[name]
	return ok
}

func (r *Registry) mustBeNew(name string) {
	if _, dup := r.schemas[name]; dup {
		panic("apischema: schema " + name + " declared twice")
	}
}

// add registers the name first and describes the type afterwards, so the
// order of registration does not matter to $ref.
func (r *Registry) add(name string, t reflect.Type, request bool) {
	r.mustBeNew(name)
	r.schemas[name] = nil
	r.names[key{t, request}] = name
}

// Schemas describes every registered type. It panics on a rule naming an
// undeclared enum.
func (r *Registry) Schemas() map[string]Schema {
	out := make(map[string]Schema, len(r.schemas))
	for name, s := range r.schemas {
		out[name] = s
	}
	for k, name := range r.names {
		out[name] = r.object(k.t, k.request)
	}
	return out
}

// Names lists every schema name.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.schemas))
	for name := range r.schemas {
		out = append(out, name)
	}
	return out
}

// Ref is the reference to a component schema.
func Ref(name string) Schema { return Schema{"$ref": "#/components/schemas/" + name} }

// object describes a registered type itself (not a reference to it).
func (r *Registry) object(t reflect.Type, request bool) Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		if _, custom := r.types[t]; !custom {
			return r.structSchema(t, request)
		}
	}
	return r.schemaOf(t, request, validate.Rule{})
}

func (r *Registry) schemaOf(t reflect.Type, request bool, rule validate.Rule) Schema {
	if s, ok := r.types[t]; ok {
		return clone(s)
	}
	if name, ok := r.names[key{t, request}]; ok {
		return Ref(name)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return r.schemaOf(t.Elem(), request, rule)
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return bounded(Schema{"type": "integer"}, rule, "minimum", "maximum")
	case reflect.Float32, reflect.Float64:
		return bounded(Schema{"type": "number"}, rule, "minimum", "maximum")
	case reflect.String:
		if rule.Enum != "" {
			if !r.enums[rule.Enum] {
				panic("apischema: enum " + rule.Enum + " is not declared")
			}
			return Ref(rule.Enum)
		}
		s := bounded(Schema{"type": "string"}, rule, "minLength", "maxLength")
		if rule.Format != "" {
			s["format"] = rule.Format
			if p, ok := validate.FormatPatterns[rule.Format]; ok {
				s["pattern"] = p
			}
		}
		return s
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return Schema{"type": "string", "contentEncoding": "base64"}
		}
		items := r.schemaOf(t.Elem(), request, validate.Rule{Enum: rule.Enum, Format: rule.Format})
		return bounded(Schema{"type": "array", "items": items}, rule, "minItems", "maxItems")
	case reflect.Map:
		return Schema{"type": "object", "additionalProperties": r.schemaOf(t.Elem(), request, validate.Rule{Enum: rule.Enum})}
	case reflect.Struct:
		return r.structSchema(t, request)
	case reflect.Interface:
		return Schema{}
	}
	panic(fmt.Sprintf("apischema: no schema for %s", t))
}

func bounded(s Schema, rule validate.Rule, min, max string) Schema {
	if rule.HasMin {
		s[min] = rule.Min
	}
	if rule.HasMax {
		s[max] = rule.Max
	}
	return s
}

func (r *Registry) structSchema(t reflect.Type, request bool) Schema {
	props := Schema{}
	var required []string
	r.fields(t, request, props, &required)
	s := Schema{"type": "object", "properties": props}
	if request {
		// The server refuses unknown fields in a request.
		s["additionalProperties"] = false
	}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (r *Registry) fields(t reflect.Type, request bool, props Schema, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				r.fields(et, request, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		var rule validate.Rule
		if rt, ok := f.Tag.Lookup("rule"); ok {
			var err error
			if rule, err = validate.ParseRule(rt); err != nil {
				panic(fmt.Sprintf("apischema: %s.%s: %v", t, f.Name, err))
			}
		}
		s := r.schemaOf(f.Type, request, rule)
		// nullable:"true" on a pointer field says the answer may hold null.
		if typ, ok := s["type"].(string); ok && f.Type.Kind() == reflect.Pointer && f.Tag.Get("nullable") == "true" {
			s["type"] = []string{typ, "null"}
		}
		if doc := f.Tag.Get("doc"); doc != "" {
			if _, isRef := s["$ref"]; isRef {
				s = Schema{"allOf": []any{s}}
			}
			s["description"] = doc
		}
		props[name] = s
		omitted := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
		if rule.Required || (!request && !omitted) {
			*required = append(*required, name)
		}
	}
}

func clone(s Schema) Schema {
	out := make(Schema, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}
