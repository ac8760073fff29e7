// Package backup makes and restores online backups of an embedded data
// directory: the document store (SQLite's VACUUM INTO, a transactionally
// consistent copy taken while the server keeps writing), the uploaded files
// the snapshot refers to, and a manifest with counts and checksums that a
// restore verifies before it writes anything. The search index is not
// backed up: the server rebuilds it from the store at its first start.
//
// It works on the files of the data directory, not through the server, so
// the same code serves the running server's scheduled backups and an
// operator's `techmart backup` beside it (SQLite lets another process read a
// database that is being written).
package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite FerretDB writes; read here directly
)

// Format is the layout version of a backup directory.
const Format = 1

// ManifestName is the manifest's file name inside a backup.
const ManifestName = "manifest.json"

// prefix starts every backup directory's name; the rest is the UTC time.
const prefix = "techmart-"

// Manifest describes a backup: what wrote it, when, what is in it, and the
// checksum of every file.
type Manifest struct {
	Format        int            `json:"format"`
	App           string         `json:"app"` // the binary's version
	SchemaVersion int            `json:"schemaVersion"`
	CreatedAt     time.Time      `json:"createdAt"`
	Kind          string         `json:"kind"` // "scheduled", "manual", "cli"
	Collections   map[string]int `json:"collections"`
	Files         []FileSum      `json:"files"`
	Bytes         int64          `json:"bytes"`
	// SnapshotMillis is how long the database copy took: the only moment a
	// writer could wait on the backup (SQLite's checkpoint waits for the
	// reader; writes themselves go on in WAL mode).
	SnapshotMillis int64 `json:"snapshotMillis"`
	TotalMillis    int64 `json:"totalMillis"`
}

// Kinds of backup: made on the schedule, by an admin, from the command
// line, or an export.
var Kinds = []string{"scheduled", "manual", "cli", "export"}

// FileSum is one file of a backup, relative to its directory.
type FileSum struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Options of one backup.
type Options struct {
	DataDir string // the embedded data directory (db/ and files/ under it)
	Dest    string // the directory that holds backups
	App     string // version of the binary, recorded in the manifest
	Kind    string
	Now     func() time.Time
}

// Errors a caller can tell apart.
var (
	ErrDamaged    = errors.New("backup: damaged")
	ErrNewer      = errors.New("backup: written by a newer release")
	ErrNotEmpty   = errors.New("backup: the data directory is not empty")
	ErrNoDatabase = errors.New("backup: no embedded database in the data directory")
)

// Create writes a new backup under opts.Dest and returns its directory and
// manifest. It is written under a temporary name and renamed when complete,
// so a crash never leaves something that looks like a backup.
func Create(ctx context.Context, opts Options) (string, Manifest, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	start := time.Now()
	dbs, err := filepath.Glob(filepath.Join(opts.DataDir, "db", "*.sqlite"))
	if err != nil {
		return "", Manifest{}, err
	}
	if len(dbs) == 0 {
		return "", Manifest{}, fmt.Errorf("%w (%s)", ErrNoDatabase, opts.DataDir)
	}
	if err := os.MkdirAll(opts.Dest, 0o700); err != nil {
		return "", Manifest{}, fmt.Errorf("backup: %w", err)
	}
	created := opts.Now().UTC()
	final := filepath.Join(opts.Dest, prefix+created.Format("20060102T150405.000Z"))
	tmp, err := os.MkdirTemp(opts.Dest, ".partial-")
	if err != nil {
		return "", Manifest{}, fmt.Errorf("backup: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(tmp)
		}
	}()
	m := Manifest{Format: Format, App: opts.App, CreatedAt: created, Kind: opts.Kind, Collections: map[string]int{}}

	// A file deleted between the snapshot and the copy of its bytes would be
	// missing from the backup; start again then (deletions are rare, and the
	// next snapshot no longer refers to it).
	var refs []string
	for attempt := 0; ; attempt++ {
		if err := os.RemoveAll(filepath.Join(tmp, "db")); err != nil {
			return "", m, err
		}
		if err := os.RemoveAll(filepath.Join(tmp, "files")); err != nil {
			return "", m, err
		}
		snapStart := time.Now()
		for _, db := range dbs {
			if err := vacuumInto(ctx, db, filepath.Join(tmp, "db", filepath.Base(db))); err != nil {
				return "", m, err
			}
		}
		m.SnapshotMillis = time.Since(snapStart).Milliseconds()
		refs, err = readSnapshot(ctx, filepath.Join(tmp, "db"), &m)
		if err != nil {
			return "", m, err
		}
		missing, err := copyBlobs(filepath.Join(opts.DataDir, "files"), filepath.Join(tmp, "files"), refs)
		if err != nil {
			return "", m, err
		}
		if missing == "" {
			break
		}
		if attempt == 2 {
			return "", m, fmt.Errorf("backup: file %s vanished during three attempts", missing)
		}
	}
	if m.Files, m.Bytes, err = sumTree(tmp); err != nil {
		return "", m, err
	}
	m.TotalMillis = time.Since(start).Milliseconds()
	if err := writeManifest(tmp, m); err != nil {
		return "", m, err
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", m, fmt.Errorf("backup: %w", err)
	}
	done = true
	return final, m, nil
}

// vacuumInto copies a live SQLite database into dst with VACUUM INTO: one
// read transaction, so the copy is consistent even while FerretDB writes.
func vacuumInto(ctx context.Context, src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: src, RawQuery: "_pragma=busy_timeout(10000)"}).String())
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", filepath.Base(src), err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("backup: copy %s: %w", filepath.Base(src), err)
	}
	return nil
}

// readSnapshot counts the documents per collection in the copied databases,
// reads the schema version, and lists the blobs the files collection
// refers to.
func readSnapshot(ctx context.Context, dir string, m *Manifest) ([]string, error) {
	dbs, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if err != nil {
		return nil, err
	}
	var refs []string
	for _, f := range dbs {
		err := withDB(ctx, f, true, func(db *sql.DB) error {
			tables, err := collections(ctx, db)
			if err != nil {
				return err
			}
			for name, table := range tables {
				var n int
				if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q`, table)).Scan(&n); err != nil {
					return err
				}
				m.Collections[name] += n
			}
			if t, ok := tables["meta"]; ok {
				var v sql.NullInt64
				err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT _ferretdb_sjson->>'$.schemaVersion' FROM %q WHERE _ferretdb_sjson->>'$._id' = 'schema'`, t)).Scan(&v)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				m.SchemaVersion = int(v.Int64)
			}
			if t, ok := tables["files"]; ok {
				rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT _ferretdb_sjson->>'$._id', coalesce(_ferretdb_sjson->>'$.thumbId', '') FROM %q`, t))
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
					var id, thumb string
					if err := rows.Scan(&id, &thumb); err != nil {
						return err
					}
					refs = append(refs, id)
					if thumb != "" {
						refs = append(refs, thumb)
					}
				}
				return rows.Err()
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("backup: read snapshot %s: %w", filepath.Base(f), err)
		}
	}
	return refs, nil
}

// collections maps FerretDB collection names to their SQLite tables.
func collections(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, table_name FROM "_ferretdb_collections"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, err
		}
		out[n] = t
	}
	return out, rows.Err()
}

func withDB(ctx context.Context, file string, readOnly bool, fn func(*sql.DB) error) error {
	q := "_pragma=busy_timeout(10000)"
	if readOnly {
		q += "&mode=ro"
	}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: file, RawQuery: q}).String())
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// blobPath is where the embedded blob store keeps an id (files.Dir's
// layout: a directory per last two characters).
func blobPath(root, id string) string {
	if len(id) < 2 {
		return filepath.Join(root, id)
	}
	return filepath.Join(root, id[len(id)-2:], id)
}

// copyBlobs copies the referenced blobs and returns the first id that is
// gone ("" when all were there). Blobs nobody refers to (an upload still in
// flight, a file whose record was deleted) are left out.
func copyBlobs(src, dst string, ids []string) (string, error) {
	for _, id := range ids {
		if strings.ContainsAny(id, `/\`) || id == "" || id == "." || id == ".." {
			return "", fmt.Errorf("backup: unexpected file id %q", id)
		}
		from, to := blobPath(src, id), blobPath(dst, id)
		err := copyFile(from, to)
		if errors.Is(err, fs.ErrNotExist) {
			return id, nil
		}
		if err != nil {
			return "", fmt.Errorf("backup: copy file %s: %w", id, err)
		}
	}
	return "", nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// sumTree lists every file under dir (but the manifest) with its checksum.
func sumTree(dir string) ([]FileSum, int64, error) {
	var out []FileSum
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return nil
		}
		sum, size, err := hashFile(p)
		if err != nil {
			return err
		}
		out = append(out, FileSum{Path: rel, Size: size, SHA256: sum})
		total += size
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, total, err
}

func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func writeManifest(dir string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, ManifestName), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadManifest reads a backup's manifest.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, fmt.Errorf("%w: no readable %s in %s: %v", ErrDamaged, ManifestName, dir, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%w: %s is not valid JSON: %v", ErrDamaged, ManifestName, err)
	}
	return m, nil
}

// Verify checks every file of a backup against its manifest: present, the
// same size and checksum, and nothing unlisted besides.
func Verify(dir string) (Manifest, error) { return verify(dir, true) }

// verify checks a backup (needDB: it must hold a database) or an export.
func verify(dir string, needDB bool) (Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return m, err
	}
	if m.Format != Format {
		return m, fmt.Errorf("%w: layout version %d, this binary reads %d", ErrNewer, m.Format, Format)
	}
	got, _, err := sumTree(dir)
	if err != nil {
		return m, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	have := map[string]FileSum{}
	for _, f := range got {
		have[f.Path] = f
	}
	for _, want := range m.Files {
		f, ok := have[want.Path]
		switch {
		case !ok:
			return m, fmt.Errorf("%w: %s is missing", ErrDamaged, want.Path)
		case f.Size != want.Size || f.SHA256 != want.SHA256:
			return m, fmt.Errorf("%w: %s does not match its checksum", ErrDamaged, want.Path)
		}
		delete(have, want.Path)
	}
	for p := range have {
		return m, fmt.Errorf("%w: %s is not in the manifest", ErrDamaged, p)
	}
	if needDB && !slices.ContainsFunc(m.Files, func(f FileSum) bool { return strings.HasPrefix(f.Path, "db/") }) {
		return m, fmt.Errorf("%w: it holds no database", ErrDamaged)
	}
	return m, nil
}

// Restore verifies a backup and copies it into an empty data directory.
// schema is the newest schema version this binary understands: a backup
// of newer data is refused. The search index is rebuilt by the server at
// its first start.
func Restore(from, dataDir string, schema int) (Manifest, error) {
	m, err := Verify(from)
	if err != nil {
		return m, err
	}
	if m.SchemaVersion > schema {
		return m, fmt.Errorf("%w: its data has schema version %d (release %s), this binary knows up to %d; restore it with that release or a newer one", ErrNewer, m.SchemaVersion, m.App, schema)
	}
	if err := emptyDir(dataDir); err != nil {
		return m, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return m, err
	}
	for _, f := range m.Files {
		if err := copyFile(filepath.Join(from, filepath.FromSlash(f.Path)), filepath.Join(dataDir, filepath.FromSlash(f.Path))); err != nil {
			return m, fmt.Errorf("backup: restore %s: %w", f.Path, err)
		}
	}
	return m, nil
}

// emptyDir accepts a missing or empty directory only: a restore never
// mixes a backup with live data.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: %s holds %s; restore into a new or empty directory", ErrNotEmpty, dir, entries[0].Name())
	}
	return nil
}

// Entry is one backup found in a directory.
type Entry struct {
	Name     string   `json:"name"`
	Manifest Manifest `json:"manifest"`
}

// List returns the complete backups under dir, newest first. Directories
// whose manifest cannot be read are left out (a partial one never has the
// name of a backup).
func List(dir string) ([]Entry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		m, err := ReadManifest(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		out = append(out, Entry{Name: e.Name(), Manifest: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Manifest.CreatedAt.After(out[j].Manifest.CreatedAt) })
	return out, nil
}

// Prune keeps every backup of the last 24 hours (so "back up now" never
// takes away the one made this morning), the newest backup of each of the
// last `daily` days that have one and of each of the last `monthly` months
// (days and months in loc), and removes the rest. It returns the names
// removed.
func Prune(dir string, daily, monthly int, loc *time.Location, now time.Time) ([]string, error) {
	list, err := List(dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, e := range list { // newest first: the first seen of a day is its newest
		if now.Sub(e.Manifest.CreatedAt) < 24*time.Hour {
			keep[e.Name] = true
		}
		t := e.Manifest.CreatedAt.In(loc)
		d, mo := t.Format("2006-01-02"), t.Format("2006-01")
		if !days[d] && len(days) < daily {
			days[d] = true
			keep[e.Name] = true
		}
		if !months[mo] && len(months) < monthly {
			months[mo] = true
			keep[e.Name] = true
		}
	}
	var removed []string
	for _, e := range list {
		if keep[e.Name] {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name)); err != nil {
			return removed, err
		}
		removed = append(removed, e.Name)
	}
	return removed, nil
}
