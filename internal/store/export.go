package store

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
)

// EmbeddedURI is the driver URI of the embedded FerretDB ("" on MongoDB).
func EmbeddedURI(s *Store) string {
	if s.embedded == nil {
		return ""
	}
	return s.embedded.uri
}

// EmbeddedSocket is the path of the embedded FerretDB's Unix socket.
func EmbeddedSocket(s *Store) string {
	if s.embedded == nil {
		return ""
	}
	return filepath.Join(s.embedded.sockDir, "ferretdb.sock")
}

// CountIDIndexes counts the _id expression indexes in the embedded SQLite
// files, so tests and the benchmark can see the fix is in place.
func CountIDIndexes(ctx context.Context, s *Store) (int, error) {
	if s.embedded == nil {
		return 0, nil
	}
	files, err := filepath.Glob(filepath.Join(s.embedded.dbDir, "*.sqlite"))
	if err != nil {
		return 0, err
	}
	total := 0
	for _, f := range files {
		db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: f, RawQuery: "mode=ro"}).String())
		if err != nil {
			return 0, err
		}
		var n int
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='index' AND name LIKE '%_techmart_id'`).Scan(&n)
		db.Close()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
