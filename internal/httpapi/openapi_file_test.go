package httpapi_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/techmart-vn/techmart/internal/httpapi"
)

// TestOpenAPIFileIsCurrent: the document the SPA's types are generated from
// (frontend/openapi.json) is the one the Go types describe today.
func TestOpenAPIFileIsCurrent(t *testing.T) {
	want, err := httpapi.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../frontend/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("frontend/openapi.json is stale: run `make api-types` and commit frontend/openapi.json and frontend/src/api/schema.gen.ts")
	}
}
