package httpapi

import (
	"encoding/json"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// The OpenAPI 3.1 document is generated from the route table, so a route
// cannot exist without being listed (a test also checks it against Fiber's
// own routes).

type obj = map[string]any

func str() obj            { return obj{"type": "string"} }
func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// componentSchemas are described once from the Go types (schemas.go).
var componentSchemas = sync.OnceValue(apiSchemas)

var fiberParam = regexp.MustCompile(`:([A-Za-z]+)`)

// openAPIPath turns /organizations/:id into /organizations/{id}.
func openAPIPath(p string) string { return fiberParam.ReplaceAllString(p, "{$1}") }

func (s *Server) openAPIDocument() obj {
	paths := obj{}
	for _, r := range s.routes {
		p := "/api/v1" + openAPIPath(r.path)
		item, _ := paths[p].(obj)
		if item == nil {
			item = obj{}
			paths[p] = item
		}
		op := obj{"summary": r.summary, "tags": []string{r.tag}, "operationId": strings.ToLower(r.method) + operationName(r.path)}
		params := []obj{}
		for _, m := range fiberParam.FindAllStringSubmatch(r.path, -1) {
			params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": str()})
		}
		for _, q := range r.query {
			schema := str()
			if q == "page" || q == "pageSize" {
				schema = obj{"type": "integer", "minimum": 1}
			}
			params = append(params, obj{"name": q, "in": "query", "schema": schema})
		}
		if strings.Contains(r.summary, "If-Match") || r.method == "PATCH" || r.method == "PUT" {
			params = append(params, obj{"name": "If-Match", "in": "header", "schema": str(), "description": "the version the client saw; 412 if it changed"})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if r.request != "" {
			op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": ref(r.request)}}}
		}
		responses := obj{}
		for status, schema := range r.responses {
			resp := obj{"description": statusText(status)}
			if schema == "Problem" {
				resp["content"] = obj{"application/problem+json": obj{"schema": ref("Problem")}}
			} else if schema != "" {
				resp["content"] = obj{"application/json": obj{"schema": ref(schema)}}
			}
			responses[strconv.Itoa(status)] = resp
		}
		responses["400"] = obj{"description": "Malformed JSON", "content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
		if r.access != public {
			op["security"] = []obj{{"bearer": []string{}}}
			responses["401"] = obj{"description": "Not logged in", "content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
		}
		op["responses"] = responses
		item[strings.ToLower(r.method)] = op
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Techmart API", "version": s.d.Version,
			"description": "The API of Techmart, the provincial technology and equipment market. Errors are application/problem+json (RFC 9457) with a stable `code`."},
		"servers": []obj{{"url": "/"}},
		"paths":   paths,
		"components": obj{
			"schemas":         componentSchemas(),
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
		},
	}
}

func operationName(p string) string {
	var b strings.Builder
	for _, part := range strings.Split(p, "/") {
		part = strings.TrimPrefix(part, ":")
		if part == "" {
			continue
		}
		for _, w := range strings.FieldsFunc(part, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 204:
		return "No content"
	case 401:
		return "Not logged in"
	case 404:
		return "Not found"
	case 403:
		return "Forbidden"
	case 409:
		return "Conflict"
	case 412:
		return "Version mismatch"
	case 422:
		return "Validation failed"
	case 429:
		return "Too many attempts"
	default:
		return "Response " + strconv.Itoa(code)
	}
}

// OpenAPI is the document without a running platform (techmart openapi):
// the SPA's types are generated from it, so it leaves out the build's
// version and changes only when the API does.
func OpenAPI() ([]byte, error) {
	s := New(Deps{Version: "1", Logger: slog.New(slog.DiscardHandler)})
	b, err := json.MarshalIndent(s.openAPIDocument(), "", "  ")
	return append(b, '\n'), err
}

func (s *Server) openAPI(c *fiber.Ctx) error {
	return c.JSON(s.openAPIDocument())
}
