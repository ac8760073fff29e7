package apischema_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/apischema"
)

type meta struct {
	Version int64 `json:"version"`
}

type address struct {
	City string `json:"city" rule:"max=60"`
}

type input struct {
	Title   *string   `json:"title" rule:"required,min=10,max=150"`
	Kind    string    `json:"kind" rule:"enum=Kind"`
	Tags    []string  `json:"tags" rule:"enum=Kind"`
	TRL     *int      `json:"trl" rule:"min=1,max=9"`
	On      string    `json:"on" rule:"format=date"`
	Address *address  `json:"address"`
	Secret  string    `json:"-"`
	hidden  string    // unexported: not described
	Note    string    `json:"note" doc:"shown to the applicant"`
	At      time.Time `json:"at"`
}

type output struct {
	meta
	ID      string            `json:"id"`
	Kind    string            `json:"kind" rule:"enum=Kind"`
	Address address           `json:"address"`
	Extra   map[string]int    `json:"extra,omitempty"`
	Any     any               `json:"any,omitempty"`
	Labels  map[string]string `json:"labels"`
	Items   []output          `json:"items,omitempty"`
}

func describe(t *testing.T) map[string]any {
	t.Helper()
	r := apischema.New()
	r.Enum("Kind", []string{"a", "b"})
	apischema.Request[input](r, "Input")
	apischema.Response[output](r, "Output")
	apischema.Response[address](r, "Address")
	b, err := json.Marshal(r.Schemas())
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSchemasFromTypes(t *testing.T) {
	s := describe(t)
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	in := s["Input"].(map[string]any)
	props := in["properties"].(map[string]any)
	for field, want := range map[string]string{
		"title":   `{"maxLength":150,"minLength":10,"type":"string"}`,
		"kind":    `{"$ref":"#/components/schemas/Kind"}`,
		"tags":    `{"items":{"$ref":"#/components/schemas/Kind"},"type":"array"}`,
		"trl":     `{"maximum":9,"minimum":1,"type":"integer"}`,
		"on":      `{"format":"date","type":"string"}`,
		"address": `{"additionalProperties":false,"properties":{"city":{"maxLength":60,"type":"string"}},"type":"object"}`,
		"note":    `{"description":"shown to the applicant","type":"string"}`,
		"at":      `{"format":"date-time","type":"string"}`,
	} {
		if got := js(props[field]); got != want {
			t.Errorf("Input.%s = %s, want %s", field, got, want)
		}
	}
	if len(props) != 8 {
		t.Errorf("Input has %d properties: %s", len(props), js(props))
	}
	// A request requires only what its rules say and refuses unknown fields.
	if js(in["required"]) != `["title"]` || in["additionalProperties"] != false {
		t.Errorf("Input: required %v, additionalProperties %v", in["required"], in["additionalProperties"])
	}

	out := s["Output"].(map[string]any)
	// A response requires what it always sends; embedded fields are flattened;
	// a registered type is referred to, in responses only.
	if got := js(out["required"]); got != `["version","id","kind","address","labels"]` {
		t.Errorf("Output required %s", got)
	}
	oprops := out["properties"].(map[string]any)
	if js(oprops["address"]) != `{"$ref":"#/components/schemas/Address"}` || js(oprops["items"]) != `{"items":{"$ref":"#/components/schemas/Output"},"type":"array"}` {
		t.Errorf("refs: %s %s", js(oprops["address"]), js(oprops["items"]))
	}
	if js(oprops["extra"]) != `{"additionalProperties":{"type":"integer"},"type":"object"}` || js(oprops["any"]) != `{}` {
		t.Errorf("map/any: %s %s", js(oprops["extra"]), js(oprops["any"]))
	}
	if js(s["Kind"]) != `{"enum":["a","b"],"type":"string"}` {
		t.Errorf("Kind = %s", js(s["Kind"]))
	}
}

func TestMistakesPanic(t *testing.T) {
	type badEnum struct {
		K string `json:"k" rule:"enum=Missing"`
	}
	type badRule struct {
		K string `json:"k" rule:"max=ten"`
	}
	for name, f := range map[string]func(){
		"undeclared enum": func() { r := apischema.New(); apischema.Response[badEnum](r, "X"); r.Schemas() },
		"malformed rule":  func() { r := apischema.New(); apischema.Response[badRule](r, "X"); r.Schemas() },
		"declared twice":  func() { r := apischema.New(); apischema.Response[badEnum](r, "X"); apischema.Request[badEnum](r, "X") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// A pointer field tagged nullable:"true" may be null in an answer; an
// untagged pointer keeps its plain type.
func TestNullable(t *testing.T) {
	type figure struct {
		Count *int64   `json:"count" nullable:"true"`
		Share *float64 `json:"share" nullable:"true"`
		Plain *int64   `json:"plain"`
	}
	r := apischema.New()
	apischema.Response[figure](r, "Figure")
	props := r.Schemas()["Figure"]["properties"].(apischema.Schema)
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	for field, want := range map[string]string{
		"count": `{"type":["integer","null"]}`,
		"share": `{"type":["number","null"]}`,
		"plain": `{"type":"integer"}`,
	} {
		if got := js(props[field]); got != want {
			t.Errorf("%s = %s, want %s", field, got, want)
		}
	}
}
