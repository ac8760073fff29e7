package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Versioned is a document with an optimistic-concurrency version. Embed
// Meta to get it.
type Versioned interface {
	GetVersion() int64
	SetVersion(int64)
}

// Meta is the version every mutable document carries. Modify bumps it; the
// API exposes it as ETag / If-Match and the search indexer compares it.
type Meta struct {
	Version int64 `bson:"version" json:"version"`
}

func (m *Meta) GetVersion() int64  { return m.Version }
func (m *Meta) SetVersion(v int64) { m.Version = v }

// NewID returns a new document id: an ObjectID in hex, which is also a valid
// search-engine primary key.
func NewID() string { return bson.NewObjectID().Hex() }

// Insert writes a new document. A Versioned document starts at version 1.
// An existing _id (or unique key) gives ErrDuplicate.
func Insert(ctx context.Context, s *Store, coll string, doc any) error {
	if v, ok := doc.(Versioned); ok && v.GetVersion() == 0 {
		v.SetVersion(1)
	}
	unlock := s.lock()
	defer unlock()
	_, err := s.db.Collection(coll).InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("%s: %w", coll, ErrDuplicate)
	}
	return err
}

// Get reads one document by _id — the only lookup FerretDB serves from an
// index, so hot paths are shaped around it.
func Get[T any](ctx context.Context, s *Store, coll, id string) (T, error) {
	var doc T
	err := s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return doc, fmt.Errorf("%s %q: %w", coll, id, ErrNotFound)
	}
	return doc, err
}

// Find returns every document matching filter. In embedded mode any filter
// other than a bare _id scans the collection: use it for lists an officer
// pages through, not for hot paths.
func Find[T any](ctx context.Context, s *Store, coll string, filter any, opts ...options.Lister[options.FindOptions]) ([]T, error) {
	if filter == nil {
		filter = bson.D{}
	}
	cur, err := s.db.Collection(coll).Find(ctx, filter, opts...)
	if err != nil {
		return nil, err
	}
	out := []T{}
	if err := cur.All(ctx, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Existing says which of ids are in coll, in one read of their ids (one
// scan in embedded mode, where only a bare _id equality uses an index):
// for loaders that run on every start and skip what is there, cheaper than
// a lookup or a refused insert apiece.
func Existing(ctx context.Context, s *Store, coll string, ids []string) (map[string]bool, error) {
	type idOnly struct {
		ID string `bson:"_id"`
	}
	found, err := Find[idOnly](ctx, s, coll, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, err
	}
	in := make(map[string]bool, len(found))
	for _, f := range found {
		in[f.ID] = true
	}
	return in, nil
}

// Count counts the documents matching filter.
func Count(ctx context.Context, s *Store, coll string, filter any) (int64, error) {
	if filter == nil {
		filter = bson.D{}
	}
	return s.db.Collection(coll).CountDocuments(ctx, filter)
}

// Delete removes one document by _id.
func Delete(ctx context.Context, s *Store, coll, id string) error {
	unlock := s.lock()
	defer unlock()
	res, err := s.db.Collection(coll).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return err
	}
	if res.DeletedCount == 0 {
		return fmt.Errorf("%s %q: %w", coll, id, ErrNotFound)
	}
	return nil
}

// maxAttempts bounds the optimistic retries on MongoDB. Contention on one
// document is rare (a budget, a counter); 64 rounds with jitter let 50
// concurrent writers through in tests with room to spare.
const maxAttempts = 64

// Modify is the one way to change a document: read it by _id, let fn check
// its rules and change it in Go, and write it back only if nobody else wrote
// it meanwhile; the version goes up by one. An error from fn aborts without a
// write and is returned as is.
//
// version is the version the caller expects the document to be at (the
// client's If-Match); 0 accepts any. When the document is at another
// version Modify writes nothing and returns ErrStale — after fn's own
// refusals, so that someone who may not see the document learns nothing
// from a guessed id and version.
//
// On MongoDB the write is a single conditional replace on {_id, version},
// which is atomic, so many replicas may call Modify on the same document; a
// lost race re-reads and runs fn again. In embedded mode FerretDB cannot do a
// conditional write atomically (and pushes down only a bare _id filter), so
// the read-check-write runs under the in-process write guard instead.
func Modify[T any, P interface {
	*T
	Versioned
}](ctx context.Context, s *Store, coll, id string, version int64, fn func(P) error) (T, error) {
	return guarded[T, P](ctx, s, coll, id, func(p P, old int64) error {
		if err := fn(p); err != nil {
			return err
		}
		if err := expect(coll, id, old, version); err != nil {
			return err
		}
		p.SetVersion(old + 1)
		return nil
	}, func(c *mongo.Collection, filter bson.D, p P) (bool, error) {
		res, err := c.ReplaceOne(ctx, filter, p)
		if err != nil {
			return false, err
		}
		return res.MatchedCount == 1, nil
	})
}

// expect checks a document read at version old against the version the
// caller expects (0: any).
func expect(coll, id string, old, version int64) error {
	if version != 0 && old != version {
		return fmt.Errorf("%s %q is at version %d, not %d: %w", coll, id, old, version, ErrStale)
	}
	return nil
}

// guarded is the loop under Modify and DeleteIf: read by _id, let check
// decide, write on the condition that the version is still the one read
// (MongoDB; under the write guard in embedded mode), and start again when
// another writer came first.
func guarded[T any, P interface {
	*T
	Versioned
}](ctx context.Context, s *Store, coll, id string, check func(p P, old int64) error, write func(c *mongo.Collection, filter bson.D, p P) (bool, error)) (T, error) {
	if s.embedded != nil {
		unlock := s.lock()
		defer unlock()
	}
	c := s.db.Collection(coll)
	for attempt := 0; attempt < maxAttempts; attempt++ {
		doc, err := Get[T](ctx, s, coll, id)
		if err != nil {
			return doc, err
		}
		p := P(&doc)
		old := p.GetVersion()
		if err := check(p, old); err != nil {
			return doc, err
		}
		filter := bson.D{{Key: "_id", Value: id}}
		if s.embedded == nil {
			filter = append(filter, bson.E{Key: "version", Value: old})
		}
		done, err := write(c, filter, p)
		if err != nil {
			if mongo.IsDuplicateKeyError(err) {
				return doc, fmt.Errorf("%s: %w", coll, ErrDuplicate)
			}
			return doc, err
		}
		if done {
			return doc, nil
		}
		if s.embedded != nil {
			// Under the guard nobody else writes; the document was deleted.
			return doc, fmt.Errorf("%s %q: %w", coll, id, ErrNotFound)
		}
		select {
		case <-ctx.Done():
			return doc, ctx.Err()
		case <-time.After(time.Duration(rand.IntN(2000)) * time.Microsecond):
		}
	}
	var zero T
	return zero, fmt.Errorf("%s %q: %w", coll, id, ErrConflict)
}

// Upsert is Modify for documents that may not exist yet: fn receives a zero
// document (exists=false) to fill in, and the result is inserted. A
// concurrent insert of the same _id makes it retry as a modification.
func Upsert[T any, P interface {
	*T
	Versioned
}](ctx context.Context, s *Store, coll, id string, fn func(doc P, exists bool) error) (T, error) {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		doc, err := Modify[T, P](ctx, s, coll, id, 0, func(p P) error { return fn(p, true) })
		if !errors.Is(err, ErrNotFound) {
			return doc, err
		}
		var fresh T
		p := P(&fresh)
		if err := fn(p, false); err != nil {
			return fresh, err
		}
		p.SetVersion(1)
		err = Insert(ctx, s, coll, p)
		if errors.Is(err, ErrDuplicate) {
			continue
		}
		return fresh, err
	}
	var zero T
	return zero, fmt.Errorf("%s %q: %w", coll, id, ErrConflict)
}

// DeleteIf deletes a document only if check passes on its current state and
// it is at version (0: any) — Modify's guarantee for deletes: on MongoDB one
// delete on {_id, version} (retried when someone wrote meanwhile), in
// embedded mode under the guard.
func DeleteIf[T any, P interface {
	*T
	Versioned
}](ctx context.Context, s *Store, coll, id string, version int64, check func(P) error) (T, error) {
	return guarded[T, P](ctx, s, coll, id, func(p P, old int64) error {
		if err := check(p); err != nil {
			return err
		}
		return expect(coll, id, old, version)
	},
		func(c *mongo.Collection, filter bson.D, _ P) (bool, error) {
			res, err := c.DeleteOne(ctx, filter)
			if err != nil {
				return false, err
			}
			return res.DeletedCount == 1, nil
		})
}

// InsertMany writes new documents in one command (seed and benchmark data).
// Versioned documents start at version 1.
func InsertMany[T any, P interface {
	*T
	Versioned
}](ctx context.Context, s *Store, coll string, docs []T) error {
	if len(docs) == 0 {
		return nil
	}
	batch := make([]any, len(docs))
	for i := range docs {
		p := P(&docs[i])
		if p.GetVersion() == 0 {
			p.SetVersion(1)
		}
		batch[i] = p
	}
	unlock := s.lock()
	defer unlock()
	_, err := s.db.Collection(coll).InsertMany(ctx, batch)
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("%s: %w", coll, ErrDuplicate)
	}
	return err
}

// PageOf is page p (1-based) of size items of a list already in order: the
// lists the embedded store cannot page by index are read whole and cut here.
func PageOf[T any](items []T, p, size int) []T {
	from := min(max(p-1, 0)*size, len(items))
	return items[from:min(from+size, len(items))]
}
