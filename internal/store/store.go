// Package store owns the connection to the document store: MongoDB in
// production, or FerretDB running in-process on SQLite (the embedded
// default). It hides the differences that matter for correctness — FerretDB
// has no atomic conditional update and no usable _id index — behind a few
// functions that every domain package uses.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// Errors every domain maps to its own, with %w so errors.Is keeps working.
var (
	ErrNotFound  = errors.New("store: document not found")
	ErrDuplicate = errors.New("store: duplicate key")
	ErrConflict  = errors.New("store: document changed concurrently")
	// ErrStale: the document is not at the version the caller expected
	// (the client's If-Match); the API answers 412.
	ErrStale = errors.New("store: document not at the expected version")
)

// Config selects the backend: an empty MongoURI starts the embedded FerretDB
// under DataDir.
type Config struct {
	MongoURI string
	Database string
	DataDir  string
	Logger   *slog.Logger
	// Timeout bounds every operation (the driver's timeoutMS, applied when
	// the caller's context has no earlier deadline); 0: DefaultTimeout.
	Timeout time.Duration

	// noIDIndexFix leaves FerretDB's tables as FerretDB makes them; only
	// the benchmark that measures the fix sets it.
	noIDIndexFix bool
}

// DefaultTimeout bounds a store operation when Config gives no other.
const DefaultTimeout = 20 * time.Second

// Store is an open connection plus the write guard of the embedded mode.
type Store struct {
	client   *mongo.Client
	db       *mongo.Database
	embedded *embedded // nil on MongoDB
	log      *slog.Logger
	noFix    bool
	expMu    sync.Mutex
	expiring map[string]string // collection → ExpireAt field, for SweepExpired

	// guard serialises writes in embedded mode. FerretDB's findAndModify and
	// conditional updates are read-then-write, so two requests could both
	// pass a condition that only one of them should (measured: 45 of 50
	// decrements "succeeded" on a document with room for 10).
	guard sync.Mutex
}

// Open connects to MongoDB, or starts the embedded FerretDB and connects to
// it through its Unix socket.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Database == "" {
		cfg.Database = "techmart"
	}
	s := &Store{log: cfg.Logger, noFix: cfg.noIDIndexFix}
	uri := cfg.MongoURI
	if uri == "" {
		e, err := startEmbedded(ctx, cfg.DataDir, cfg.Logger)
		if err != nil {
			return nil, err
		}
		s.embedded = e
		uri = e.uri
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	opts := clientOptions(uri, cfg.Timeout)
	client, err := mongo.Connect(opts)
	if err != nil {
		s.closeEmbedded()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	s.client = client
	s.db = client.Database(cfg.Database)
	if err := s.Ping(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		s.closeEmbedded()
		return nil, fmt.Errorf("store: ping: %w", err)
	}
	return s, nil
}

// clientOptions are the driver's options: a server to be found within
// ten seconds, and every operation bounded by timeout (timeoutMS), so a
// hung server fails a request instead of holding it.
func clientOptions(uri string, timeout time.Duration) *options.ClientOptions {
	return options.Client().ApplyURI(uri).
		SetServerSelectionTimeout(10 * time.Second).
		SetTimeout(timeout).
		SetAppName("techmart")
}

// Embedded reports whether the store is the in-process FerretDB.
func (s *Store) Embedded() bool { return s.embedded != nil }

// Collection returns a handle on the named collection.
func (s *Store) Collection(name string) *mongo.Collection { return s.db.Collection(name) }

// Database returns the database handle, for tests and tooling.
func (s *Store) Database() *mongo.Database { return s.db }

// Ping checks that the store answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return s.client.Ping(ctx, readpref.Primary())
}

// Close disconnects and, in embedded mode, stops FerretDB after every write
// under the guard has finished.
func (s *Store) Close(ctx context.Context) error {
	s.guard.Lock()
	defer s.guard.Unlock()
	err := s.client.Disconnect(ctx)
	s.closeEmbedded()
	return err
}

func (s *Store) closeEmbedded() {
	if s.embedded != nil {
		s.embedded.stop()
	}
}

// SweepExpired deletes the documents whose ExpireAt field has passed. On
// MongoDB the TTL indexes do this and it returns at once; FerretDB v1 has no
// TTL indexes, so the embedded server calls it now and then.
func (s *Store) SweepExpired(ctx context.Context, now time.Time) (int64, error) {
	if s.embedded == nil {
		return 0, nil
	}
	s.expMu.Lock()
	expiring := maps.Clone(s.expiring)
	s.expMu.Unlock()
	var n int64
	for coll, field := range expiring {
		unlock := s.lock()
		res, err := s.db.Collection(coll).DeleteMany(ctx, bson.D{{Key: field, Value: bson.D{{Key: "$lt", Value: now}}}})
		unlock()
		if err != nil {
			return n, fmt.Errorf("sweep %s: %w", coll, err)
		}
		n += res.DeletedCount
	}
	return n, nil
}

// lock takes the write guard in embedded mode; on MongoDB it is a no-op.
func (s *Store) lock() func() {
	if s.embedded == nil {
		return func() {}
	}
	s.guard.Lock()
	return s.guard.Unlock
}

// CollectionSpec declares a collection and its secondary indexes.
type CollectionSpec struct {
	Name    string
	Indexes []mongo.IndexModel
	// ExpireAt names a date field after which MongoDB deletes the document
	// (a TTL index). FerretDB v1 has no TTL indexes; in embedded mode such
	// documents stay until deleted.
	ExpireAt string
	// Queries are the ways the collection is read other than by _id; a
	// test checks that an index serves each (see Unserved).
	Queries []Query
}

// Ensure creates the collections and indexes (idempotent). In embedded mode
// it then adds the SQLite expression index on _id that makes FerretDB's _id
// lookups use an index at all; see fixIDIndexes.
func (s *Store) Ensure(ctx context.Context, specs ...CollectionSpec) error {
	existing, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("store: list collections: %w", err)
	}
	have := make(map[string]bool, len(existing))
	for _, n := range existing {
		have[n] = true
	}
	for _, spec := range specs {
		if !have[spec.Name] {
			if err := s.db.CreateCollection(ctx, spec.Name); err != nil && !isNamespaceExists(err) {
				return fmt.Errorf("store: create %s: %w", spec.Name, err)
			}
		}
		if err := s.ensureIndexes(ctx, spec); err != nil {
			return fmt.Errorf("store: indexes of %s: %w", spec.Name, err)
		}
		if spec.ExpireAt != "" {
			s.expMu.Lock()
			if s.expiring == nil {
				s.expiring = map[string]string{}
			}
			s.expiring[spec.Name] = spec.ExpireAt
			s.expMu.Unlock()
		}
	}
	if s.embedded != nil && !s.noFix {
		if err := s.embedded.fixIDIndexes(ctx); err != nil {
			return fmt.Errorf("store: _id expression indexes: %w", err)
		}
	}
	return nil
}

// ensureIndexes creates the indexes a collection lacks, one per command,
// and rebuilds one whose options (unique, sparse, TTL) changed: an index is
// compared by its options, not only by its name, which the keys decide.
// FerretDB v1.24 crashes the connection (slice bounds out of range in
// validateIndexesForCreation) when one createIndexes names two or more
// indexes that already exist, as every restart would; asking only for the
// missing ones, one at a time, never reaches that path.
func (s *Store) ensureIndexes(ctx context.Context, spec CollectionSpec) error {
	if len(spec.Indexes) == 0 && (spec.ExpireAt == "" || s.embedded != nil) {
		return nil
	}
	indexes := s.db.Collection(spec.Name).Indexes()
	existing, err := indexes.ListSpecifications(ctx)
	if err != nil {
		return err
	}
	have := map[string]mongo.IndexSpecification{}
	for _, e := range existing {
		have[e.Name] = e
	}
	models := spec.Indexes
	if spec.ExpireAt != "" && s.embedded == nil {
		models = append(models[:len(models):len(models)], mongo.IndexModel{
			Keys: bson.D{{Key: spec.ExpireAt, Value: 1}}, Options: options.Index().SetExpireAfterSeconds(0),
		})
	}
	for _, m := range models {
		name := indexName(m)
		if e, ok := have[name]; ok {
			if sameIndexOptions(e, m) {
				continue
			}
			s.log.Info("store: index options changed, rebuilding", "collection", spec.Name, "index", name)
			if err := indexes.DropOne(ctx, name); err != nil {
				return err
			}
		}
		opts := options.Index().SetName(name)
		if m.Options != nil {
			opts = m.Options.SetName(name)
		}
		if _, err := indexes.CreateOne(ctx, mongo.IndexModel{Keys: m.Keys, Options: opts}); err != nil {
			return err
		}
	}
	return nil
}

// sameIndexOptions reports whether an existing index has the options the
// model asks for; an option not given is false (or no TTL).
func sameIndexOptions(have mongo.IndexSpecification, want mongo.IndexModel) bool {
	var o options.IndexOptions
	if want.Options != nil {
		for _, set := range want.Options.List() {
			if err := set(&o); err != nil {
				return false
			}
		}
	}
	flag := func(b *bool) bool { return b != nil && *b }
	ttl := func(n *int32) int32 {
		if n == nil {
			return -1
		}
		return *n
	}
	return flag(have.Unique) == flag(o.Unique) && flag(have.Sparse) == flag(o.Sparse) &&
		ttl(have.ExpireAfterSeconds) == ttl(o.ExpireAfterSeconds)
}

// indexName is MongoDB's default name for an index: key_direction pairs
// joined by underscores ("subject.id_1_at_-1").
func indexName(m mongo.IndexModel) string {
	keys, ok := m.Keys.(bson.D)
	if !ok {
		panic("store: index keys must be a bson.D")
	}
	parts := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		parts = append(parts, k.Key, fmt.Sprint(k.Value))
	}
	return strings.Join(parts, "_")
}

func isNamespaceExists(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && (ce.Code == 48 || ce.Name == "NamespaceExists")
}
