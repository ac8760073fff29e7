package httpapi_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// BenchmarkProvincialReport measures the provincial report of a
// province-sized year, end to end over HTTP: 5,000 more published listings
// and 600 transfers over three years on top of the demo, the 2026 year
// opened, each format generated from the counting engine's one snapshot.
func BenchmarkProvincialReport(b *testing.B) {
	h := apptest.New(b)
	ctx := context.Background()
	if _, err := h.App.Synthetic(ctx, 5000, 1); err != nil {
		b.Fatal(err)
	}
	var docs []any
	forms := []string{"assignment", "licence", "technical_service"}
	for i := range 600 {
		signed := time.Date(2024+i%3, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		t := &transfer.Transfer{ID: fmt.Sprintf("bench-t%04d", i), Title: fmt.Sprintf("Chuyển giao %d", i), Form: forms[i%3], SignedOn: signed,
			ContractValue: int64(100_000_000 + i*1_000_000), Sectors: []string{"biotech"}, Methods: []string{"documents"}, Documents: []string{},
			Registration: transfer.Registration{Status: transfer.RegNotRequired}}
		t.Version = 1
		docs = append(docs, t)
	}
	if _, err := h.App.Store.Database().Collection(transfer.Collection).InsertMany(ctx, docs); err != nil {
		b.Fatal(err)
	}
	officer := h.Demo("officer")
	if r := h.Do(R{Method: "POST", Path: "/api/v1/plans/" + demoPlan + "/periods", Token: officer.Access, Body: map[string]any{"year": 2026}}); r.Status != 200 {
		b.Fatalf("open: %d %s\n%s", r.Status, r.Body, h.Logs())
	}
	for _, format := range []string{"html", "pdf", "docx", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				r := h.Do(apptest.Request{Method: "GET", Path: "/api/v1/plans/" + demoPlan + "/provincial-report?year=2026&format=" + format, Token: officer.Access})
				if r.Status != 200 {
					b.Fatalf("%s: %d %s", format, r.Status, r.Body)
				}
			}
		})
	}
	b.Run("progress", func(b *testing.B) {
		for b.Loop() {
			if r := h.Do(R{Method: "GET", Path: "/api/v1/plans/" + demoPlan + "/progress?year=2026", Token: officer.Access}); r.Status != 200 {
				b.Fatalf("progress: %d", r.Status)
			}
		}
	})
}
