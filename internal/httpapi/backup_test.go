package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/app"
	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// onDisk starts the platform the way `techmart serve` does, with the store,
// the files and the index in one data directory, so a backup sees what an
// operator's server would hold. Demo data is loaded when demo is set.
func onDisk(t *testing.T, dataDir, backupDir string, demo bool) *apptest.Harness {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir, cfg.Addr, cfg.PublicURL = dataDir, "127.0.0.1:0", "http://techmart.test"
	cfg.Backup.Dir = backupDir
	ctx := context.Background()
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	if demo {
		if _, err := a.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	spa := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>Techmart</title>")}}
	return &apptest.Harness{T: t, App: a, Server: a.Server(spa)}
}

// TestBackupRestoreJourney: listings, a connection and a support approval
// are written; a backup runs while more listings are being written; the
// data directory is deleted and restored from the backup; every record
// acknowledged before the backup started is there, search answers, and
// the people can log in. A backup with one byte changed is refused, and so
// is one of newer data.
func TestBackupRestoreJourney(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dataDir, backups := filepath.Join(root, "data"), filepath.Join(root, "backups")
	h := onDisk(t, dataDir, backups, true)
	ctx := context.Background()

	// Before the backup: a published offer, a connection to it, an
	// approved support application, and an image on a listing.
	offer := fittingOffer(t, h)
	ent, officer := h.Demo("enterprise"), h.Demo("officer")
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access,
		Body: map[string]any{"seeks": "Bảo quản 380 tấn quýt mỗi vụ trong kho mát sẵn có."}})
	if r.Status != 201 {
		t.Fatalf("interest: %d %s", r.Status, r.Body)
	}
	conn := r.JSON(t)["id"].(string)
	const amount = 200_000_000
	prog, apps := appraisalQueue(t, h, 1, 1, amount)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + apps[0] + "/decide", Token: officer.Access,
		Body: map[string]any{"outcome": "approved", "amount": amount}, Headers: map[string]string{"Idempotency-Key": "k1"}}); r.Status != 200 {
		t.Fatalf("decide: %d %s", r.Status, r.Body)
	}
	img := uploadImage(t, h, ent.Access, offerOf(t, h, ent.Access))
	before := h.App.Store

	// The backup runs while listings keep being written.
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			body := completeListing(enterpriseOrg)
			body["title"] = fmt.Sprintf("Quy trình sấy chè Shan tuyết số %d", i)
			if r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: ent.Access, Body: body}); r.Status == 201 {
				written.Add(1)
			}
		}
	}()
	entry, err := h.App.Backups.Backup(ctx, "manual")
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup %s: %d bytes, snapshot %d ms, total %d ms; %d listings written meanwhile",
		entry.Name, entry.Manifest.Bytes, entry.Manifest.SnapshotMillis, entry.Manifest.TotalMillis, written.Load())
	if entry.Manifest.SchemaVersion != app.SchemaVersion || entry.Manifest.Collections["listings"] < 100 {
		t.Fatalf("manifest: %+v", entry.Manifest)
	}
	_ = before
	h.App.Close(ctx)

	// The disk fails.
	if err := os.RemoveAll(dataDir); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(backups, entry.Name)

	// A damaged copy is refused before anything is written.
	damaged := filepath.Join(root, "damaged")
	copyTree(t, dir, damaged)
	db := filepath.Join(damaged, "db", "techmart.sqlite")
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x01
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Restore(damaged, dataDir, app.SchemaVersion); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("damaged backup: %v", err)
	}
	if _, err := os.Stat(dataDir); !os.IsNotExist(err) {
		t.Fatalf("a refused restore wrote %s", dataDir)
	}
	// So is a backup of data newer than this binary.
	newer := filepath.Join(root, "newer")
	copyTree(t, dir, newer)
	m, _ := backup.ReadManifest(newer)
	m.SchemaVersion = app.SchemaVersion + 1
	mb, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(newer, backup.ManifestName), mb, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Restore(newer, dataDir, app.SchemaVersion); !errors.Is(err, backup.ErrNewer) {
		t.Fatalf("newer backup: %v", err)
	}

	// The good one restores; the search index is rebuilt from the store.
	if _, err := backup.Restore(dir, dataDir, app.SchemaVersion); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Restore(dir, dataDir, app.SchemaVersion); !errors.Is(err, backup.ErrNotEmpty) {
		t.Fatalf("restore over live data: %v", err)
	}
	h = onDisk(t, dataDir, backups, false)
	defer h.App.Close(ctx)
	if _, err := h.App.Indexer.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	ent, officer = h.Demo("enterprise"), h.Demo("officer") // the accounts came back
	if r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + offer}); r.Status != 200 || r.JSON(t)["state"] != "published" {
		t.Fatalf("offer after restore: %d %s", r.Status, r.Body)
	}
	s := h.Do(R{Method: "GET", Path: "/api/v1/search?q=" + "quyt%20mang%20bao%20sinh%20hoc"}).JSON(t)
	if !containsID(s["hits"], offer) {
		t.Fatalf("search after restore does not find the offer: %v", s["hits"])
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + conn, Token: ent.Access}); r.Status != 200 || r.JSON(t)["state"] != "requested" {
		t.Fatalf("connection after restore: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + apps[0], Token: officer.Access}); r.Status != 200 || r.JSON(t)["state"] != "approved" {
		t.Fatalf("application after restore: %d %s", r.Status, r.Body)
	}
	if b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + prog + "/budget"}).JSON(t); b["committed"].(float64) != amount {
		t.Fatalf("ledger after restore: %v", b)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/files/" + img, Token: ent.Access}); r.Status != 200 || len(r.Body) == 0 {
		t.Fatalf("image after restore: %d", r.Status)
	}
	n, err := h.App.Store.Collection(catalog.Collection).CountDocuments(ctx, bson.D{})
	if err != nil || int(n) != entry.Manifest.Collections["listings"] {
		t.Fatalf("listings after restore: %d, manifest %d (%v)", n, entry.Manifest.Collections["listings"], err)
	}
}

// TestExportImport: an export of a running platform, imported into an
// empty store, has the same counts and the same records.
func TestExportImport(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	h := onDisk(t, filepath.Join(root, "data"), "", true)
	ctx := context.Background()
	defer h.App.Close(ctx)
	ent := h.Demo("enterprise")
	img := uploadImage(t, h, ent.Access, offerOf(t, h, ent.Access))
	admin := h.Demo("admin")
	src := h.App.Store.Database()
	originals := map[string]int64{}
	names, err := src.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, coll := range names {
		if originals[coll], err = src.Collection(coll).CountDocuments(ctx, bson.D{}); err != nil {
			t.Fatal(err)
		}
	}
	r := h.Do(R{Method: "POST", Path: "/api/v1/admin/exports", Token: admin.Access})
	if r.Status != 201 {
		t.Fatalf("export: %d %s", r.Status, r.Body)
	}
	name := r.JSON(t)["name"].(string)
	dir := filepath.Join(root, "data", "exports", name)

	target := storetest.New(t)
	blobs, err := files.NewDir(filepath.Join(root, "imported-files"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := backup.Import(ctx, target.Database(), blobs, dir, app.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Import(ctx, target.Database(), blobs, dir, app.SchemaVersion); !errors.Is(err, backup.ErrTargetNotEmpty) {
		t.Fatalf("second import: %v", err)
	}
	if len(m.Collections) != len(originals) {
		t.Fatalf("exported collections %v, the store has %v", m.Collections, originals)
	}
	for coll, want := range m.Collections {
		got, err := target.Database().Collection(coll).CountDocuments(ctx, bson.D{})
		if err != nil || int(got) != want || int(originals[coll]) != want {
			t.Fatalf("%s: imported %d, exported %d, original %d (%v)", coll, got, want, originals[coll], err)
		}
	}
	if m.Collections["listings"] < 100 || m.Collections["users"] < 5 || m.Collections["support_programs"] < 1 {
		t.Fatalf("export too small: %v", m.Collections)
	}
	// A sample of records is the same, field for field.
	for _, coll := range []string{"listings", "users", "organizations", "transfers", "files"} {
		var want []bson.M
		cur, err := src.Collection(coll).Find(ctx, bson.D{})
		if err != nil || cur.All(ctx, &want) != nil {
			t.Fatalf("read %s: %v", coll, err)
		}
		for i := 0; i < len(want); i += max(1, len(want)/5) {
			var got bson.M
			if err := target.Database().Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: want[i]["_id"]}}).Decode(&got); err != nil {
				t.Fatalf("%s %v: %v", coll, want[i]["_id"], err)
			}
			if !reflect.DeepEqual(want[i], got) {
				t.Fatalf("%s differs:\n%v\n%v", coll, want[i], got)
			}
		}
	}
	orig, _ := h.App.Blobs.Get(ctx, img)
	copied, err := blobs.Get(ctx, img)
	if err != nil || string(copied) != string(orig) {
		t.Fatalf("file bytes: %v", err)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/admin/backups", Token: admin.Access}); r.Status != 200 || r.JSON(t)["status"].(map[string]any)["enabled"] != false {
		t.Fatalf("backups without a directory: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/admin/backups", Token: admin.Access}); r.Status != 409 || r.JSON(t)["code"] != "backups_off" {
		t.Fatalf("backup without a directory: %d %s", r.Status, r.Body)
	}
}

// offerOf makes a draft listing of the enterprise to attach files to.
func offerOf(t *testing.T, h *apptest.Harness, tok string) string {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: tok, Body: completeListing(enterpriseOrg)})
	if r.Status != 201 {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	return r.JSON(t)["id"].(string)
}

func containsID(items any, id string) bool {
	list, _ := items.([]any)
	for _, it := range list {
		if m, ok := it.(map[string]any); ok && m["id"] == id {
			return true
		}
	}
	return false
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// uploadImage attaches a small PNG to a listing and returns the file's id.
func uploadImage(t *testing.T, h *apptest.Harness, tok, listingID string) string {
	t.Helper()
	r := upload(t, h, tok, listingID, "ảnh.png", pngBytes(t, 64, 48))
	if r.Status != 201 {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	}
	return r.JSON(t)["id"].(string)
}
