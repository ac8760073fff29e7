package indicator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// Province scale, as DESIGN.md pictures the embedded mode: thousands of
// listings, hundreds of transfers, over several years.
const (
	benchListings  = 5000
	benchTransfers = 600
	benchOrgs      = 1500
	benchPrograms  = 10
	benchApps      = 400
)

var (
	benchSectors = []string{"biotech", "hitech_agri", "agri_processing", "medicine", "environment"}
	benchForms   = []string{"assignment", "licence", "technical_service", "joint_venture", "equipment_sale", "training"}
)

// Province fills st with a province-sized record over 2024–2026: listings
// with their long texts (the projection leaves them behind), transfers,
// organisations, programmes and applications. Exported to the package's
// other benchmarks through this file only.
func Province(tb testing.TB, st *store.Store) {
	tb.Helper()
	ctx := context.Background()
	db := st.Database()
	at := func(i int) time.Time { return vn(2024+i%3, time.Month(1+i%12), 1+i%28, i%24, 0) }
	text := strings.Repeat("Quy trình công nghệ chế biến chè Shan tuyết. ", 40)
	var docs []any
	for i := range benchListings {
		kind := catalog.Kinds[i%len(catalog.Kinds)]
		l := catalog.Listing{ID: fmt.Sprintf("l%05d", i), Kind: kind, State: catalog.StatePublished, Title: fmt.Sprintf("Listing %d", i),
			Summary: text[:300], Description: text, Sectors: []string{benchSectors[i%len(benchSectors)]}, Keywords: []string{"chè", "shan tuyết"},
			Images: []string{}, Attachments: []string{}, TransferForms: []string{}, Admitted: []string{}, PublishedAt: ptr(at(i)), Meta: store.Meta{Version: 1}}
		if kind == catalog.KindIP {
			l.IPType = []string{"patent", "collective_trademark", "geographical_indication"}[i%3]
		}
		docs = append(docs, l)
	}
	if _, err := db.Collection(catalog.Collection).InsertMany(ctx, docs); err != nil {
		tb.Fatal(err)
	}
	docs = docs[:0]
	for i := range benchTransfers {
		tr := newTransfer(fmt.Sprintf("t%04d", i), fmt.Sprintf("Transfer %d", i), benchForms[i%len(benchForms)],
			at(i).Format(time.DateOnly), int64(100_000_000+i*1_000_000), benchSectors[i%len(benchSectors)])
		if i%2 == 0 {
			tr.Registration = transfer.Registration{Required: true, Status: transfer.RegRegistered, RegisteredOn: at(i + 1).Format(time.DateOnly)}
		}
		tr.Version = 1
		docs = append(docs, tr)
	}
	if _, err := db.Collection(transfer.Collection).InsertMany(ctx, docs); err != nil {
		tb.Fatal(err)
	}
	docs = docs[:0]
	for i := range benchOrgs {
		o := org.Organization{ID: fmt.Sprintf("o%04d", i), Name: fmt.Sprintf("Organisation %d", i), Kind: org.RegisterKinds[i%len(org.RegisterKinds)],
			Status: org.Statuses[i%3], CreatedAt: at(i), Members: []org.Member{{UserID: "u", Email: "a@b.vn", Role: org.RoleOwner}}, Invitations: []org.Invitation{}}
		if o.Status != org.StatusPending {
			o.DecidedAt = ptr(at(i + 1))
		}
		docs = append(docs, o)
	}
	if _, err := db.Collection(org.Collection).InsertMany(ctx, docs); err != nil {
		tb.Fatal(err)
	}
	docs = docs[:0]
	progs := make([]support.Program, benchPrograms)
	for i := range progs {
		progs[i] = support.Program{ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Programme %d", i), State: support.ProgramPublished}
	}
	for i := range benchApps {
		a := support.Application{ID: fmt.Sprintf("a%04d", i), ProgramID: progs[i%benchPrograms].ID, OrgID: fmt.Sprintf("o%04d", i*3),
			OrgName: fmt.Sprintf("Organisation %d", i*3), Title: fmt.Sprintf("Application %d", i), State: support.AppApproved,
			Summary: text[:1000], Documents: []support.AppDocument{}, History: []support.Step{}, Reviews: []support.Review{}, Tranches: []support.Tranche{}}
		if i%4 == 0 {
			a.State, a.Acceptance = support.AppAccepted, &support.Acceptance{Outcome: support.AppAccepted, On: at(i + 2).Format(time.DateOnly)}
		}
		docs = append(docs, a)
		p := &progs[i%benchPrograms]
		p.Reservations = append(p.Reservations, support.Reservation{ApplicationID: a.ID, OrgID: a.OrgID, Amount: 500_000_000, At: at(i),
			Tranches: []support.Tranche{{Amount: 200_000_000, On: at(i + 1).Format(time.DateOnly)}}})
	}
	if _, err := db.Collection(support.ApplicationCollection).InsertMany(ctx, docs); err != nil {
		tb.Fatal(err)
	}
	docs = docs[:0]
	for _, p := range progs {
		docs = append(docs, p)
	}
	if _, err := db.Collection(support.ProgramCollection).InsertMany(ctx, docs); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkSnapshot reads a province's records once (go test -run '^$'
// -bench Snapshot ./internal/indicator/).
func BenchmarkSnapshot(b *testing.B) {
	st := open(b)
	Province(b, st)
	eng := indicator.New(st)
	b.ResetTimer()
	for b.Loop() {
		if _, err := eng.Snapshot(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountEveryMetric counts every metric of the catalogue, and
// every transfer metric per form and per sector, for one year from one
// Snapshot: what a statistics form costs after its read.
func BenchmarkCountEveryMetric(b *testing.B) {
	st := open(b)
	Province(b, st)
	s, err := indicator.New(st).Snapshot(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	w := indicator.YearOf(period.Default().Year(2026))
	var qs []indicator.Query
	for _, m := range indicator.Catalogue() {
		qs = append(qs, indicator.Query{Metric: m.ID})
	}
	for _, f := range benchForms {
		qs = append(qs, indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"form": f}},
			indicator.Query{Metric: indicator.TransfersSignedValue, Filters: map[string]string{"form": f}})
	}
	for _, sec := range benchSectors {
		qs = append(qs, indicator.Query{Metric: indicator.TransfersSigned, Filters: map[string]string{"sector": sec}})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, q := range qs {
			if _, err := s.Count(q, w); err != nil {
				b.Fatal(err)
			}
		}
	}
}
