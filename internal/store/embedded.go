package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"golang.org/x/sys/unix"
	_ "modernc.org/sqlite" // the driver FerretDB itself uses; opened here for the _id index fix
)

// maxSocketPath is the portable limit of a Unix socket path (sun_path is 104
// bytes on the BSDs and macOS, 108 on Linux), less the terminating NUL.
const maxSocketPath = 103

// newFerretDB serialises ferretdb.New, which sets a package variable of
// FerretDB's: two stores opening at once in one process (parallel tests)
// would race on it.
var newFerretDB sync.Mutex

// embedded is an in-process FerretDB on SQLite. It listens only on a Unix
// socket in an owner-only directory: FerretDB has no authentication, so a
// TCP port would let any local process read and write everything.
type embedded struct {
	dbDir    string
	sockDir  string
	ownsSock bool // sockDir is a temporary directory of ours
	lockFile *os.File
	uri      string
	cancel   context.CancelFunc
	done     chan struct{}
	stopOnce sync.Once
	log      *slog.Logger
}

func startEmbedded(ctx context.Context, dataDir string, log *slog.Logger) (*embedded, error) {
	if dataDir == "" {
		return nil, errors.New("store: embedded mode needs a data directory")
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("store: data dir: %w", err)
	}
	e := &embedded{dbDir: filepath.Join(abs, "db"), log: log}
	if err := os.MkdirAll(e.dbDir, 0o700); err != nil {
		return nil, fmt.Errorf("store: create %s: %w", e.dbDir, err)
	}
	// One process at a time may own the SQLite files: a second FerretDB on the
	// same files would defeat the write guard.
	if e.lockFile, err = lockDir(abs); err != nil {
		return nil, err
	}
	if err := e.prepareSocketDir(abs); err != nil {
		e.unlock()
		return nil, err
	}
	sock := filepath.Join(e.sockDir, "ferretdb.sock")
	_ = os.Remove(sock) // a stale socket from a killed process

	// FerretDB warns about every command it lacks (endSessions on each
	// disconnect); only its errors are worth a log line.
	quiet := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	newFerretDB.Lock()
	fdb, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: e.dbDir + "/"}).String(),
		Logger:    quiet,
	})
	newFerretDB.Unlock()
	if err != nil {
		e.cleanupSock()
		e.unlock()
		return nil, fmt.Errorf("store: start FerretDB: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	e.cancel, e.done = cancel, make(chan struct{})
	go func() {
		defer close(e.done)
		if err := fdb.Run(runCtx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("embedded FerretDB stopped", "err", err)
		}
	}()
	if err := waitForSocket(ctx, sock); err != nil {
		e.stop()
		return nil, err
	}
	_ = os.Chmod(sock, 0o600)
	e.uri = fdb.MongoDBURI()
	return e, nil
}

func (e *embedded) prepareSocketDir(dataDir string) error {
	dir := filepath.Join(dataDir, "run")
	if len(filepath.Join(dir, "ferretdb.sock")) > maxSocketPath {
		// The data directory is too deep for a socket path; use a fresh
		// owner-only directory in the system's temporary directory instead.
		tmp, err := os.MkdirTemp("", "techmart-")
		if err != nil {
			return fmt.Errorf("store: socket dir: %w", err)
		}
		e.sockDir, e.ownsSock = tmp, true
		return os.Chmod(tmp, 0o700)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("store: socket dir: %w", err)
	}
	e.sockDir = dir
	return os.Chmod(dir, 0o700)
}

func waitForSocket(ctx context.Context, sock string) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		if fi, err := os.Stat(sock); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("store: FerretDB did not open %s", sock)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func (e *embedded) stop() {
	e.stopOnce.Do(func() {
		if e.cancel != nil {
			e.cancel()
			<-e.done
		}
		e.cleanupSock()
		e.unlock()
	})
}

func (e *embedded) cleanupSock() {
	if e.ownsSock {
		_ = os.RemoveAll(e.sockDir)
		return
	}
	_ = os.Remove(filepath.Join(e.sockDir, "ferretdb.sock"))
}

func (e *embedded) unlock() {
	if e.lockFile != nil {
		_ = unix.Flock(int(e.lockFile.Fd()), unix.LOCK_UN)
		_ = e.lockFile.Close()
	}
}

func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "techmart.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: lock file: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("store: %s is in use by another techmart process (stop it first): %w", dir, err)
	}
	return f, nil
}

// fixIDIndexes adds, for every FerretDB table, an SQLite index on the exact
// expression FerretDB filters _id by. FerretDB creates its own _id index on
// _ferretdb_sjson->"_id" but queries _ferretdb_sjson->'$._id', so SQLite
// never uses it and every _id lookup scans the table (≈250 ms at 50k
// documents). FerretDB does not know about this index and does not need to.
func (e *embedded) fixIDIndexes(ctx context.Context) error {
	files, err := filepath.Glob(filepath.Join(e.dbDir, "*.sqlite"))
	if err != nil {
		return err
	}
	for _, file := range files {
		if err := fixIDIndexesIn(ctx, file); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(file), err)
		}
	}
	return nil
}

func fixIDIndexesIn(ctx context.Context, file string) error {
	dsn := (&url.URL{Scheme: "file", Path: file, RawQuery: "_pragma=busy_timeout(10000)"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM "_ferretdb_collections"`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_techmart_id", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
