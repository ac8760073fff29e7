// Package files keeps uploaded images and documents: what they are (a small
// document in the store) and their bytes (a blob). Bytes live in GridFS on
// MongoDB and in plain files under the data directory in embedded mode,
// where GridFS would scan every stored chunk on each download (DESIGN.md).
package files

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Blobs stores bytes by id.
type Blobs interface {
	Put(ctx context.Context, id string, data []byte) error
	Get(ctx context.Context, id string) ([]byte, error)
	Delete(ctx context.Context, id string) error
}

var errNoBlob = errors.New("files: no such blob")

// Dir keeps each blob as a file under root, written whole or not at all.
type Dir struct{ root string }

// NewDir returns blobs under root (created 0700).
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, err
	}
	return &Dir{root: root}, nil
}

func (d *Dir) path(id string) string { return filepath.Join(d.root, id[len(id)-2:], id) }

func (d *Dir) Put(_ context.Context, id string, data []byte) error {
	p := d.path(id)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

func (d *Dir) Get(_ context.Context, id string) ([]byte, error) {
	b, err := os.ReadFile(d.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoBlob
	}
	return b, err
}

func (d *Dir) Delete(_ context.Context, id string) error {
	err := os.Remove(d.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// GridFS keeps blobs in a MongoDB GridFS bucket.
type GridFS struct{ b *mongo.GridFSBucket }

// NewGridFS returns blobs in db's "uploads" bucket.
func NewGridFS(db *mongo.Database) *GridFS {
	return &GridFS{b: db.GridFSBucket()}
}

func (g *GridFS) Put(ctx context.Context, id string, data []byte) error {
	return g.b.UploadFromStreamWithID(ctx, id, id, bytes.NewReader(data))
}

func (g *GridFS) Get(ctx context.Context, id string) ([]byte, error) {
	s, err := g.b.OpenDownloadStream(ctx, id)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil, errNoBlob
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	b, err := io.ReadAll(s)
	if err != nil {
		return nil, fmt.Errorf("files: read %s: %w", id, err)
	}
	return b, nil
}

func (g *GridFS) Delete(ctx context.Context, id string) error {
	err := g.b.Delete(ctx, id)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil
	}
	return err
}
