package backup

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// An export is the portable form of everything the platform holds: one
// JSON Lines file per collection (MongoDB's canonical Extended JSON, so
// dates, 64-bit integers and binary values survive), the uploaded files,
// and a manifest with counts and checksums. It moves a platform between
// servers and from the embedded store to MongoDB; `techmart import` loads
// it into an empty store of either kind.

// ExportPrefix starts an export directory's name.
const ExportPrefix = "techmart-export-"

// Blobs is the part of the file store an export reads and an import writes.
type Blobs interface {
	Get(ctx context.Context, id string) ([]byte, error)
	Put(ctx context.Context, id string, data []byte) error
}

// FilesCollection holds the file records whose bytes live in Blobs.
const FilesCollection = "files"

// skipped are collections an export leaves out: the bytes of GridFS are
// exported as files.
func skipped(name string) bool {
	return strings.HasPrefix(name, "system.") || name == "fs.files" || name == "fs.chunks"
}

// Export writes everything in db, and the bytes of every file, to a new
// directory under dest.
func Export(ctx context.Context, db *mongo.Database, blobs Blobs, dest, app string, schema int, now time.Time) (string, Manifest, error) {
	m := Manifest{Format: Format, App: app, SchemaVersion: schema, CreatedAt: now.UTC(), Kind: "export", Collections: map[string]int{}}
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return "", m, fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(dest, ".partial-export-")
	if err != nil {
		return "", m, fmt.Errorf("export: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(tmp)
		}
	}()
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return "", m, fmt.Errorf("export: list collections: %w", err)
	}
	slices.Sort(names)
	if err := os.MkdirAll(filepath.Join(tmp, "collections"), 0o700); err != nil {
		return "", m, err
	}
	var refs []string
	for _, name := range names {
		if skipped(name) {
			continue
		}
		n, ids, err := exportCollection(ctx, db.Collection(name), filepath.Join(tmp, "collections", name+".jsonl"), name == FilesCollection)
		if err != nil {
			return "", m, fmt.Errorf("export %s: %w", name, err)
		}
		m.Collections[name] = n
		refs = append(refs, ids...)
	}
	for _, id := range refs {
		if strings.ContainsAny(id, `/\`) || id == "" || id == "." || id == ".." {
			return "", m, fmt.Errorf("export: unexpected file id %q", id)
		}
		b, err := blobs.Get(ctx, id)
		if err != nil {
			return "", m, fmt.Errorf("export: bytes of file %s: %w", id, err)
		}
		p := blobPath(filepath.Join(tmp, "files"), id)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return "", m, err
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			return "", m, err
		}
	}
	if m.Files, m.Bytes, err = sumTree(tmp); err != nil {
		return "", m, err
	}
	if err := writeManifest(tmp, m); err != nil {
		return "", m, err
	}
	final := filepath.Join(dest, ExportPrefix+m.CreatedAt.Format("20060102T150405.000Z"))
	if err := os.Rename(tmp, final); err != nil {
		return "", m, fmt.Errorf("export: %w", err)
	}
	done = true
	return final, m, nil
}

// exportCollection writes one document a line, in _id order; for the
// files collection it also returns the blob ids (file and thumbnail).
func exportCollection(ctx context.Context, c *mongo.Collection, path string, files bool) (int, []string, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<16)
	cur, err := c.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return 0, nil, err
	}
	defer cur.Close(ctx)
	n := 0
	var ids []string
	for cur.Next(ctx) {
		line, err := bson.MarshalExtJSON(cur.Current, true, false)
		if err != nil {
			return n, nil, err
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return n, nil, err
		}
		n++
		if files {
			for _, key := range []string{"_id", "thumbId"} {
				if v, ok := cur.Current.Lookup(key).StringValueOK(); ok && v != "" {
					ids = append(ids, v)
				}
			}
		}
	}
	if err := cur.Err(); err != nil {
		return n, nil, err
	}
	if err := w.Flush(); err != nil {
		return n, nil, err
	}
	return n, ids, f.Sync()
}

// ErrTargetNotEmpty means an import found documents in the store.
var ErrTargetNotEmpty = errors.New("import: the target store is not empty")

// Import verifies an export and loads it into db and blobs, which must hold
// no documents yet. schema is the newest schema version this binary knows.
func Import(ctx context.Context, db *mongo.Database, blobs Blobs, from string, schema int) (Manifest, error) {
	m, err := verify(from, false)
	if err != nil {
		return m, err
	}
	if m.Kind != "export" {
		return m, fmt.Errorf("%w: %s is a %q backup, not an export (use techmart restore for backups)", ErrDamaged, from, m.Kind)
	}
	if m.SchemaVersion > schema {
		return m, fmt.Errorf("%w: its data has schema version %d (release %s), this binary knows up to %d", ErrNewer, m.SchemaVersion, m.App, schema)
	}
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return m, err
	}
	for _, name := range names {
		if skipped(name) {
			continue
		}
		n, err := db.Collection(name).CountDocuments(ctx, bson.D{})
		if err != nil {
			return m, err
		}
		if n > 0 {
			return m, fmt.Errorf("%w: collection %s holds %d documents", ErrTargetNotEmpty, name, n)
		}
	}
	colls := make([]string, 0, len(m.Collections))
	for name := range m.Collections {
		colls = append(colls, name)
	}
	slices.Sort(colls)
	for _, name := range colls {
		n, err := importCollection(ctx, db.Collection(name), filepath.Join(from, "collections", name+".jsonl"))
		if err != nil {
			return m, fmt.Errorf("import %s: %w", name, err)
		}
		if n != m.Collections[name] {
			return m, fmt.Errorf("import %s: %d documents read, the manifest says %d", name, n, m.Collections[name])
		}
	}
	for _, f := range m.Files {
		if !strings.HasPrefix(f.Path, "files/") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, filepath.FromSlash(f.Path)))
		if err != nil {
			return m, err
		}
		if err := blobs.Put(ctx, filepath.Base(f.Path), b); err != nil {
			return m, fmt.Errorf("import file %s: %w", f.Path, err)
		}
	}
	return m, nil
}

func importCollection(ctx context.Context, c *mongo.Collection, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // a document is at most 16 MB of BSON
	var batch []any
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := c.InsertMany(ctx, batch, options.InsertMany().SetOrdered(true)); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	for sc.Scan() {
		var doc bson.Raw
		if err := bson.UnmarshalExtJSON(sc.Bytes(), true, &doc); err != nil {
			return n, fmt.Errorf("line %d: %w", n+len(batch)+1, err)
		}
		batch = append(batch, doc)
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return n, err
	}
	return n, flush()
}
