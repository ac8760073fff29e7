package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/store"
)

// backupCmd snapshots the embedded data directory. It reads the files
// directly, so it runs beside a serving process as well as without one.
func backupCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	to := fs.String("to", cfg.Backup.Dir, "directory that holds the backups (default TECHMART_BACKUP_DIR)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !cfg.Embedded() {
		return errors.New("backup: the store is MongoDB; use mongodump (README, Operations)")
	}
	if *to == "" {
		return errors.New("backup: say where with --to DIR or TECHMART_BACKUP_DIR")
	}
	dir, m, err := backup.Create(ctx, backup.Options{DataDir: cfg.DataDir, Dest: *to, App: version, Kind: "cli"})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n  %d documents in %d collections, %d files, %d bytes\n  database snapshot %d ms, whole backup %d ms\n",
		dir, total(m.Collections), len(m.Collections), len(m.Files), m.Bytes, m.SnapshotMillis, m.TotalMillis)
	return nil
}

// restoreCmd verifies a backup and copies it into an empty data directory.
func restoreCmd(cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	from := fs.String("from", "", "the backup directory (techmart-YYYYMMDDT…Z)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" {
		return errors.New("restore: say which backup with --from DIR")
	}
	if !cfg.Embedded() {
		return errors.New("restore: the store is MongoDB; use mongorestore (README, Operations)")
	}
	m, err := backup.Restore(*from, cfg.DataDir, app.SchemaVersion)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored the backup of %s (release %s, schema %d) into %s: %d documents, %d files checked\nthe search index is rebuilt when the server starts\n",
		m.CreatedAt.Format(time.RFC3339), m.App, m.SchemaVersion, cfg.DataDir, total(m.Collections), len(m.Files))
	return nil
}

// exportCmd writes everything the store holds, in a portable form.
func exportCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	to := fs.String("to", "", "directory to write the export into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("export: say where with --to DIR")
	}
	a, err := app.Open(ctx, cfg, log, version)
	if err != nil {
		return fmt.Errorf("%w (while the server runs, an admin exports from the Backups screen or POST /api/v1/admin/exports)", err)
	}
	defer a.Close(context.Background())
	dir, m, err := backup.Export(ctx, a.Store.Database(), a.Blobs, *to, version, app.SchemaVersion, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "export written to %s: %d documents in %d collections, %d bytes\n", dir, total(m.Collections), len(m.Collections), m.Bytes)
	return nil
}

// importCmd loads an export into an empty store (embedded or MongoDB).
func importCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	from := fs.String("from", "", "the export directory (techmart-export-…)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" {
		return errors.New("import: say which export with --from DIR")
	}
	st, err := store.Open(ctx, store.Config{MongoURI: cfg.MongoURI, Database: cfg.MongoDB, DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	blobs, err := app.OpenBlobs(cfg, st)
	if err != nil {
		return err
	}
	m, err := backup.Import(ctx, st.Database(), blobs, *from, app.SchemaVersion)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d documents in %d collections and %d files from %s\nindexes are created, and the data migrated if older, when the server starts\n",
		total(m.Collections), len(m.Collections), len(m.Files), *from)
	return nil
}

func total(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
