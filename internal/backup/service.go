package backup

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/errs"
)

// Config of the scheduled backups.
type Config struct {
	DataDir     string
	Dir         string        // where backups go; "" turns backups off
	At          time.Duration // time of day (in Loc) of the daily backup
	KeepDaily   int
	KeepMonthly int
	Loc         *time.Location
	App         string // the binary's version
	Schema      int    // the schema version this binary writes
	ExportDir   string // where admins' exports go
}

// Errors with stable codes for the API.
var (
	// ErrBusy means a backup or export is already running.
	ErrBusy = errs.New(errs.Conflict, "backup_running")
	// ErrOff means backups are not configured (no directory, or MongoDB).
	ErrOff = errs.New(errs.Conflict, "backups_off")
)

// Status is what admins see of the schedule.
type Status struct {
	Enabled     bool       `json:"enabled"`
	Dir         string     `json:"dir,omitempty"`
	Running     bool       `json:"running"`
	NextAt      *time.Time `json:"nextAt,omitempty"`
	LastSuccess *time.Time `json:"lastSuccess,omitempty"`
	LastError   string     `json:"lastError,omitempty"`
	LastErrorAt *time.Time `json:"lastErrorAt,omitempty"`
	Failures    int64      `json:"failures"`
	KeepDaily   int        `json:"keepDaily"`
	KeepMonthly int        `json:"keepMonthly"`
}

// Service runs backups on demand and on a daily schedule, one at a time.
type Service struct {
	cfg   Config
	db    *mongo.Database
	blobs Blobs
	log   *slog.Logger
	now   func() time.Time

	mu     sync.Mutex
	status Status
}

// NewService returns the backup service; with cfg.Dir empty every call
// says ErrOff.
func NewService(cfg Config, db *mongo.Database, blobs Blobs, now func() time.Time, log *slog.Logger) *Service {
	if cfg.Loc == nil {
		cfg.Loc = time.UTC
	}
	if now == nil {
		now = time.Now
	}
	return &Service{cfg: cfg, db: db, blobs: blobs, log: log, now: now, status: Status{
		Enabled: cfg.Dir != "", Dir: cfg.Dir, KeepDaily: cfg.KeepDaily, KeepMonthly: cfg.KeepMonthly,
	}}
}

// Status returns the schedule's state.
func (s *Service) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// List returns the backups kept, newest first.
func (s *Service) List() ([]Entry, error) {
	if s.cfg.Dir == "" {
		return nil, ErrOff
	}
	return List(s.cfg.Dir)
}

// Backup makes one backup now (kind: "manual", "scheduled") and prunes the
// old ones. A failure is logged and kept for admins; the server stays ready.
func (s *Service) Backup(ctx context.Context, kind string) (Entry, error) {
	if s.cfg.Dir == "" {
		return Entry{}, ErrOff
	}
	if !s.start() {
		return Entry{}, ErrBusy
	}
	dir, m, err := Create(ctx, Options{DataDir: s.cfg.DataDir, Dest: s.cfg.Dir, App: s.cfg.App, Kind: kind, Now: s.now})
	var removed []string
	if err == nil {
		removed, err = Prune(s.cfg.Dir, s.cfg.KeepDaily, s.cfg.KeepMonthly, s.cfg.Loc, s.now())
		if err != nil {
			err = fmt.Errorf("backup written, but pruning old ones failed: %w", err)
		}
	}
	now := s.now().UTC()
	s.mu.Lock()
	s.status.Running = false
	if err != nil {
		s.status.Failures++
		s.status.LastError, s.status.LastErrorAt = err.Error(), &now
	} else {
		s.status.LastSuccess = &now
		s.status.LastError, s.status.LastErrorAt = "", nil
	}
	s.mu.Unlock()
	if err != nil {
		s.log.Error("backup failed", "kind", kind, "err", err)
		return Entry{}, err
	}
	s.log.Info("backup written", "kind", kind, "dir", dir, "bytes", m.Bytes,
		"snapshotMs", m.SnapshotMillis, "totalMs", m.TotalMillis, "pruned", len(removed))
	return Entry{Name: filepath.Base(dir), Manifest: m}, nil
}

// Next is the first scheduled time after t.
func (s *Service) Next(t time.Time) time.Time {
	local := t.In(s.cfg.Loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, s.cfg.Loc)
	next := day.Add(s.cfg.At)
	if !next.After(t) {
		next = day.AddDate(0, 0, 1).Add(s.cfg.At)
	}
	return next
}

// Run makes the daily backup until ctx ends. It takes one at start when the
// newest backup is older than a day, so a server that was down at the
// scheduled hour does not skip a day.
func (s *Service) Run(ctx context.Context) {
	if s.cfg.Dir == "" {
		return
	}
	if list, err := List(s.cfg.Dir); err == nil && (len(list) == 0 || s.now().Sub(list[0].Manifest.CreatedAt) > 24*time.Hour) {
		_, _ = s.Backup(ctx, "scheduled")
	}
	for {
		next := s.Next(s.now())
		s.mu.Lock()
		s.status.NextAt = &next
		s.mu.Unlock()
		t := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		_, _ = s.Backup(ctx, "scheduled")
	}
}

// start marks a job running, or says another one is.
func (s *Service) start() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status.Running {
		return false
	}
	s.status.Running = true
	return true
}

// Export writes everything the platform holds to a new export directory
// under the configured export directory and returns its name and manifest.
func (s *Service) Export(ctx context.Context) (Entry, error) {
	if s.cfg.ExportDir == "" {
		return Entry{}, ErrOff
	}
	if !s.start() {
		return Entry{}, ErrBusy
	}
	defer func() {
		s.mu.Lock()
		s.status.Running = false
		s.mu.Unlock()
	}()
	dir, m, err := Export(ctx, s.db, s.blobs, s.cfg.ExportDir, s.cfg.App, s.cfg.Schema, s.now())
	if err != nil {
		s.log.Error("export failed", "err", err)
		return Entry{}, err
	}
	s.log.Info("export written", "dir", dir, "bytes", m.Bytes)
	return Entry{Name: filepath.Base(dir), Manifest: m}, nil
}
