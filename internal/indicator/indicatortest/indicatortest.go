// Package indicatortest fills a store with a province-sized record for the
// benchmarks of the packages that count through internal/indicator.
package indicatortest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// Province scale, as DESIGN.md pictures the embedded mode: thousands of
// listings, hundreds of transfers, over several years.
const (
	Listings  = 5000
	Transfers = 600
	Orgs      = 1500
	Programs  = 10
	Apps      = 400
)

// The sectors and transfer forms the record spreads its transfers over.
var (
	Sectors = []string{"biotech", "hitech_agri", "agri_processing", "medicine", "environment"}
	Forms   = []string{"assignment", "licence", "technical_service", "joint_venture", "equipment_sale", "training"}
)

// Province fills st with a province-sized record over 2024–2026: listings
// with their long texts (the projection leaves them behind), transfers,
// organisations, programmes and applications. The benchmarks of
// indicator, statistics and results share it.
func Province(tb testing.TB, st *store.Store) {
	tb.Helper()
	ctx := context.Background()
	db := st.Database()
	at := func(i int) time.Time {
		return time.Date(2024+i%3, time.Month(1+i%12), 1+i%28, i%24, 0, 0, 0, calendar.Vietnam)
	}
	text := strings.Repeat("Quy trình công nghệ chế biến chè Shan tuyết. ", 40)
	var docs []any
	for i := range Listings {
		kind := catalog.Kinds[i%len(catalog.Kinds)]
		l := catalog.Listing{ID: fmt.Sprintf("l%05d", i), Kind: kind, State: catalog.StatePublished, Title: fmt.Sprintf("Listing %d", i),
			Summary: text[:300], Description: text, Sectors: []string{Sectors[i%len(Sectors)]}, Keywords: []string{"chè", "shan tuyết"},
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
	for i := range Transfers {
		tr := newTransfer(fmt.Sprintf("t%04d", i), fmt.Sprintf("Transfer %d", i), Forms[i%len(Forms)],
			at(i).Format(time.DateOnly), int64(100_000_000+i*1_000_000), Sectors[i%len(Sectors)])
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
	for i := range Orgs {
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
	progs := make([]support.Program, Programs)
	for i := range progs {
		progs[i] = support.Program{ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Programme %d", i), State: support.ProgramPublished}
	}
	for i := range Apps {
		a := support.Application{ID: fmt.Sprintf("a%04d", i), ProgramID: progs[i%Programs].ID, OrgID: fmt.Sprintf("o%04d", i*3),
			OrgName: fmt.Sprintf("Organisation %d", i*3), Title: fmt.Sprintf("Application %d", i), State: support.AppApproved,
			Summary: text[:1000], Documents: []support.AppDocument{}, History: []support.Step{}, Reviews: []council.Review{}, Tranches: []ledger.Tranche{}}
		if i%4 == 0 {
			a.State, a.Acceptance = support.AppAccepted, &support.Acceptance{Outcome: support.AppAccepted, On: at(i + 2).Format(time.DateOnly)}
		}
		docs = append(docs, a)
		p := &progs[i%Programs]
		p.Reservations = append(p.Reservations, support.Reservation{ApplicationID: a.ID, OrgID: a.OrgID, At: at(i),
			Hold: ledger.Hold{Amount: 500_000_000, Tranches: []ledger.Tranche{{Amount: 200_000_000, On: at(i + 1).Format(time.DateOnly)}}}})
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

func ptr[T any](v T) *T { return &v }

func newTransfer(id, title, form, signedOn string, value int64, sectors ...string) *transfer.Transfer {
	return &transfer.Transfer{ID: id, Title: title, Form: form, SignedOn: signedOn, ContractValue: value, Sectors: sectors,
		Methods: []string{"documents"}, Documents: []string{}, Registration: transfer.Registration{Status: transfer.RegNotRequired}}
}

// Open returns a store with the collections the indicator reads.
func Open(tb testing.TB, st *store.Store) *store.Store {
	tb.Helper()
	if err := st.Ensure(context.Background(), append([]store.CollectionSpec{transfer.Spec, catalog.Spec, org.Spec}, support.Specs...)...); err != nil {
		tb.Fatal(err)
	}
	return st
}
