package support

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// TestLeasedWriters: with several replicas (the MongoDB case), a
// reservation is left to its writer while the writer's lease lasts or,
// for this instance, while the approval is in flight; once the lease has
// lapsed (a crash) or the approval is over, Reconcile finishes it. The
// clock and the instances are injected: nothing sleeps.
func TestLeasedWriters(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	if err := st.Ensure(ctx, append(Specs, audit.Spec)...); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	replica := func() *Service {
		s := New(st, Deps{Audit: audit.New(st, log, nil), Log: log, Now: func() time.Time { return now }})
		s.w.sole = false // as on MongoDB, whatever the test's store
		return s
	}
	mine, other := replica(), replica()
	if err := other.renew(ctx); err != nil { // the other replica is alive
		t.Fatal(err)
	}
	finishing, err := mine.begin(ctx, "a-mine", "k-mine") // an approval of this instance in flight
	if err != nil {
		t.Fatal(err)
	}
	pr := Program{ID: "p", State: ProgramPublished, Ledger: ledger.Account{Total: 1_000, Committed: 300}, Reservations: []Reservation{
		{ApplicationID: "a-other", Hold: ledger.Hold{Amount: 100, Key: "k-other"}, Writer: other.w.instance, At: now},
		{ApplicationID: "a-mine", Hold: ledger.Hold{Amount: 100, Key: "k-mine"}, Writer: mine.w.instance, At: now},
		{ApplicationID: "a-crashed", Hold: ledger.Hold{Amount: 100, Key: "k-crashed"}, Writer: "never-leased", At: now},
	}}
	if err := store.Insert(ctx, st, ProgramCollection, &pr); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a-other", "a-mine", "a-crashed"} {
		a := Application{ID: id, ProgramID: "p", OrgID: "o", State: AppAppraisal, Documents: []AppDocument{}, Tranches: []ledger.Tranche{}, History: []Step{}}
		if err := store.Insert(ctx, st, ApplicationCollection, &a); err != nil {
			t.Fatal(err)
		}
	}
	decided := func(id string) bool {
		a, err := store.Get[Application](ctx, st, ApplicationCollection, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.State == AppApproved && a.Decision != nil && a.Decision.Amount == 100
	}
	if f, r, err := mine.Reconcile(ctx); err != nil || f != 1 || r != 0 || !decided("a-crashed") || decided("a-other") || decided("a-mine") {
		t.Fatalf("first run: %d finished, %d released, %v", f, r, err)
	}
	finishing() // this instance's approval ends without its decision (an error)
	if f, _, err := mine.Reconcile(ctx); err != nil || f != 1 || !decided("a-mine") || decided("a-other") {
		t.Fatalf("after the approval: %d finished, %v", f, err)
	}
	now = now.Add(LeaseTTL + time.Second) // the other replica stopped renewing
	if f, _, err := mine.Reconcile(ctx); err != nil || f != 1 || !decided("a-other") {
		t.Fatalf("after the lease lapsed: %d finished, %v", f, err)
	}
	if f, r, err := mine.Reconcile(ctx); err != nil || f+r != 0 {
		t.Fatalf("a last run changed something: %d %d %v", f, r, err)
	}
}
