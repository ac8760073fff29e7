package search

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

// ErrNotImplemented is returned by the parts of the Meilisearch engine that
// are not written yet; see the README's "Search" section.
var ErrNotImplemented = errors.New("search: not implemented for meilisearch yet")

// meili is the production engine. It answers health checks; documents,
// queries and suggestions are still to come, so a deployment with MEILI_URL
// set reports search as degraded rather than serving wrong results.
type meili struct{ client meilisearch.ServiceManager }

func openMeili(url, key string) (*meili, error) {
	return &meili{client: meilisearch.New(url, meilisearch.WithAPIKey(key))}, nil
}

func (m *meili) Name() string { return "meilisearch" }

func (m *meili) Health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	h, err := m.client.Health(ctx)
	if err != nil {
		return fmt.Errorf("search: meilisearch: %w", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("search: meilisearch status %q", h.Status)
	}
	return nil
}

func (m *meili) Upsert(context.Context, ...Doc) error               { return ErrNotImplemented }
func (m *meili) Delete(context.Context, ...string) error            { return ErrNotImplemented }
func (m *meili) Versions(context.Context) (map[string]int64, error) { return nil, ErrNotImplemented }
func (m *meili) Get(context.Context, string) (Doc, error)           { return Doc{}, ErrNotImplemented }
func (m *meili) Search(context.Context, Query) (Result, error)      { return Result{}, ErrNotImplemented }
func (m *meili) Suggest(context.Context, string, time.Time, int) ([]Suggestion, error) {
	return nil, ErrNotImplemented
}
func (m *meili) Close() error { m.client.Close(); return nil }
