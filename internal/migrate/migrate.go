// Package migrate keeps the data model's schema version and brings older
// data up to the version this binary writes. Each migration is idempotent
// and the version is recorded only after a migration has finished, so a
// migration that a crash interrupted simply runs again at the next start.
// Data written by a newer binary is refused rather than guessed at.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/techmart-vn/techmart/internal/store"
)

// Collection holds the schema document.
const Collection = "meta"

// Spec declares the collection.
var Spec = store.CollectionSpec{Name: Collection}

// schemaID is the _id of the one document that records the version.
const schemaID = "schema"

// Migration brings the data from version N-1 to N. Up must be idempotent:
// it may run again after a crash part-way through.
type Migration struct {
	Version int
	About   string
	Up      func(ctx context.Context, s *store.Store) error
}

// Schema is the record of the data's version.
type Schema struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id"`
	Version    int       `bson:"schemaVersion"`
	UpdatedAt  time.Time `bson:"updatedAt"`
	History    []Step    `bson:"history,omitempty"`
}

// Step is one migration applied.
type Step struct {
	Version int       `bson:"version"`
	About   string    `bson:"about"`
	At      time.Time `bson:"at"`
}

// ErrNewerData means the data was written by a newer release.
var ErrNewerData = errors.New("migrate: the data is newer than this binary")

// Latest is the schema version of the migrations given (the highest).
func Latest(ms []Migration) int {
	v := 0
	for _, m := range ms {
		v = max(v, m.Version)
	}
	return v
}

// Version reads the recorded schema version; data without a record is
// version 0 (written before versions were recorded).
func Version(ctx context.Context, s *store.Store) (int, error) {
	doc, err := store.Get[Schema](ctx, s, Collection, schemaID)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("migrate: read schema version: %w", err)
	}
	return doc.Version, nil
}

// Up applies, in order, every migration above the recorded version and
// records each as it finishes. A fresh database (empty says so) is stamped
// with the latest version without running anything. It refuses data whose
// version is above the latest known here.
func Up(ctx context.Context, s *store.Store, ms []Migration, fresh bool, log *slog.Logger) (from, to int, err error) {
	if err := check(ms); err != nil {
		return 0, 0, err
	}
	latest := Latest(ms)
	from, err = Version(ctx, s)
	if err != nil {
		return 0, 0, err
	}
	if from > latest {
		return from, from, fmt.Errorf("%w: it has schema version %d, this binary knows up to %d; run a newer techmart on it", ErrNewerData, from, latest)
	}
	if fresh && from == 0 {
		return 0, latest, record(ctx, s, latest, Step{Version: latest, About: "new database", At: time.Now().UTC()})
	}
	for _, m := range ms {
		if m.Version <= from {
			continue
		}
		log.Info("migrating data", "to", m.Version, "about", m.About)
		if err := m.Up(ctx, s); err != nil {
			return from, m.Version - 1, fmt.Errorf("migrate: to version %d (%s): %w", m.Version, m.About, err)
		}
		if err := record(ctx, s, m.Version, Step{Version: m.Version, About: m.About, At: time.Now().UTC()}); err != nil {
			return from, m.Version - 1, err
		}
	}
	return from, latest, nil
}

func record(ctx context.Context, s *store.Store, version int, step Step) error {
	_, err := store.Upsert[Schema](ctx, s, Collection, schemaID, func(d *Schema, exists bool) error {
		if !exists {
			d.ID = schemaID
		}
		d.Version = version
		d.UpdatedAt = step.At
		d.History = append(d.History, step)
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate: record version %d: %w", version, err)
	}
	return nil
}

// check makes sure versions run 1, 2, 3… without gaps, so "above the
// recorded version" is well defined.
func check(ms []Migration) error {
	for i, m := range ms {
		if m.Version != i+1 {
			return fmt.Errorf("migrate: migration %d has version %d, want %d", i, m.Version, i+1)
		}
		if m.Up == nil {
			return fmt.Errorf("migrate: migration %d has no Up", m.Version)
		}
	}
	return nil
}
