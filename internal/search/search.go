// Package search is the read model for discovery: Meilisearch in production,
// Bleve embedded under the data directory by default. This first version
// opens the engine and reports its health; the catalog adds its documents,
// typed queries and the version-comparing indexer on top of Engine.
package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/meilisearch/meilisearch-go"
)

// Engine is the search engine as the rest of the platform sees it.
type Engine interface {
	// Name says which engine this is ("bleve", "meilisearch").
	Name() string
	// Health fails when the engine cannot answer; /readyz reports it.
	Health(ctx context.Context) error
	Close() error
}

// Config selects the engine: an empty MeiliURL means Bleve under DataDir.
type Config struct {
	MeiliURL string
	MeiliKey string
	DataDir  string
}

// Open returns the configured engine.
func Open(cfg Config) (Engine, error) {
	if cfg.MeiliURL != "" {
		return &meili{client: meilisearch.New(cfg.MeiliURL, meilisearch.WithAPIKey(cfg.MeiliKey))}, nil
	}
	return openBleve(filepath.Join(cfg.DataDir, "search", "listings.bleve"))
}

type bleveEngine struct{ index bleve.Index }

func openBleve(path string) (*bleveEngine, error) {
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		idx, err = bleve.New(path, bleve.NewIndexMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("search: open bleve at %s: %w", path, err)
	}
	return &bleveEngine{index: idx}, nil
}

func (b *bleveEngine) Name() string { return "bleve" }

func (b *bleveEngine) Health(context.Context) error {
	_, err := b.index.DocCount()
	return err
}

func (b *bleveEngine) Close() error { return b.index.Close() }

type meili struct{ client meilisearch.ServiceManager }

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

func (m *meili) Close() error { m.client.Close(); return nil }
