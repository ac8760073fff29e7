package backup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fake writes a backup directory with only a manifest, made at t.
func fake(t *testing.T, dir string, at time.Time) string {
	t.Helper()
	name := prefix + at.UTC().Format("20060102T150405.000Z")
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(Manifest{Format: Format, CreatedAt: at.UTC()})
	if err := os.WriteFile(filepath.Join(p, ManifestName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestPrune keeps the newest backup of each of the last N days and of each
// of the last M months, in Vietnam's days, and removes the rest.
func TestPrune(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	dir := t.TempDir()
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, vn) }
	var all []string
	// Two backups a day (02:00 and 14:00) from 20 Oct to 7 Dec 2026.
	for day := at(2026, 10, 20, 0); !day.After(at(2026, 12, 7, 0)); day = day.AddDate(0, 0, 1) {
		all = append(all, fake(t, dir, day.Add(2*time.Hour)), fake(t, dir, day.Add(14*time.Hour)))
	}
	// A backup made an hour ago the same day as the newest is kept too:
	// the last 24 hours are never pruned.
	recent := fake(t, dir, at(2026, 12, 7, 13))
	all = append(all, recent)
	removed, err := Prune(dir, 3, 2, vn, at(2026, 12, 7, 15))
	if err != nil {
		t.Fatal(err)
	}
	left, _ := List(dir)
	var names []string
	for _, e := range left {
		names = append(names, e.Manifest.CreatedAt.In(vn).Format("2006-01-02 15:04"))
	}
	want := []string{"2026-12-07 14:00", "2026-12-07 13:00", "2026-12-07 02:00", "2026-12-06 14:00", "2026-12-05 14:00", "2026-11-30 14:00"}
	if !slices.Equal(names, want) {
		t.Fatalf("kept %v, want %v", names, want)
	}
	if len(removed) != len(all)-len(want) {
		t.Fatalf("removed %d of %d", len(removed), len(all))
	}
}

// TestNext: the daily time is in the configured zone, and a time already
// passed today means tomorrow.
func TestNext(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	s := NewService(Config{Dir: "x", At: 2*time.Hour + 30*time.Minute, Loc: vn}, nil, nil, nil, nil)
	cases := []struct{ now, want time.Time }{
		{time.Date(2026, 12, 7, 1, 0, 0, 0, vn), time.Date(2026, 12, 7, 2, 30, 0, 0, vn)},
		{time.Date(2026, 12, 7, 2, 30, 0, 0, vn), time.Date(2026, 12, 8, 2, 30, 0, 0, vn)},
		{time.Date(2026, 12, 31, 23, 0, 0, 0, vn), time.Date(2027, 1, 1, 2, 30, 0, 0, vn)},
		{time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC), time.Date(2026, 12, 8, 2, 30, 0, 0, vn)}, // 03:00 on the 7th in Vietnam
	}
	for _, c := range cases {
		if got := s.Next(c.now); !got.Equal(c.want) {
			t.Errorf("Next(%s) = %s, want %s", c.now, got.In(vn), c.want)
		}
	}
}

// TestVerifyNamesTheProblem: a missing, changed or extra file is named.
func TestVerifyNamesTheProblem(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "db", "techmart.sqlite"), []byte("SQLite format 3\x00 and pages"), 0o600); err != nil {
		t.Fatal(err)
	}
	files, size, err := sumTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeManifest(dir, Manifest{Format: Format, Files: files, Bytes: size}); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(dir); err != nil {
		t.Fatalf("intact backup: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stray.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(dir); err == nil || !strings.Contains(err.Error(), "stray.txt is not in the manifest") {
		t.Fatalf("extra file: %v", err)
	}
	os.Remove(filepath.Join(dir, "stray.txt"))
	os.Remove(filepath.Join(dir, "db", "techmart.sqlite"))
	if _, err := Verify(dir); err == nil || !strings.Contains(err.Error(), "db/techmart.sqlite is missing") {
		t.Fatalf("missing file: %v", err)
	}
}
