package ledger

import (
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
)

// TestReserve: within the remaining budget only; the same key with the
// same request is a repeat, with another request a reused key; a hold
// made by another request is refused; the limit runs for new requests
// only, before the budget.
func TestReserve(t *testing.T) {
	limited := errs.New(errs.Conflict, "approval_limit")
	prior := &Hold{Amount: 300, Key: "k", Fingerprint: Fingerprint("decide", 300)}
	cases := []struct {
		name      string
		acc       Account
		prior     *Hold
		h         Hold
		limit     error
		want      error
		committed int64
	}{
		{"within", Account{Total: 1000, Committed: 600}, nil, Hold{Amount: 400, Key: "a"}, nil, nil, 1000},
		{"past the budget", Account{Total: 1000, Committed: 601}, nil, Hold{Amount: 400, Key: "a"}, nil, ErrBudgetExceeded, 601},
		{"the same request", Account{Total: 1000, Committed: 300}, prior, Hold{Amount: 300, Key: "k", Fingerprint: Fingerprint("decide", 300)}, nil, ErrRepeat, 300},
		{"the same request, budget spent since", Account{Total: 300, Committed: 300}, prior, Hold{Amount: 300, Key: "k", Fingerprint: Fingerprint("decide", 300)}, limited, ErrRepeat, 300},
		{"a reused key", Account{Total: 1000, Committed: 300}, prior, Hold{Amount: 500, Key: "k", Fingerprint: Fingerprint("decide", 500)}, nil, ErrIdempotencyKeyReused, 300},
		{"a hold kept before fingerprints", Account{Total: 1000, Committed: 300}, &Hold{Amount: 300, Key: "k"}, Hold{Amount: 500, Key: "k", Fingerprint: "x"}, nil, ErrRepeat, 300},
		{"held by another request", Account{Total: 1000, Committed: 300}, prior, Hold{Amount: 300, Key: "other"}, nil, ErrHeld, 300},
		{"over the limit", Account{Total: 1000}, nil, Hold{Amount: 300, Key: "a"}, limited, limited, 0},
		{"over the limit and the budget: the limit", Account{Total: 100}, nil, Hold{Amount: 300, Key: "a"}, limited, limited, 0},
		{"nothing", Account{Total: 1000}, nil, Hold{Amount: 0, Key: "a"}, nil, errs.Field("amount", "out_of_range"), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acc := c.acc
			called := false
			err := acc.Reserve(c.prior, c.h, func() error { called = true; return c.limit })
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Errorf("err %v, want %v", err, c.want)
			}
			if acc.Committed != c.committed || acc.Total != c.acc.Total || acc.Disbursed != c.acc.Disbursed {
				t.Errorf("account %+v, want committed %d", acc, c.committed)
			}
			if called && c.prior != nil {
				t.Error("the limit ran for a request already held")
			}
		})
	}
	acc := Account{Total: 10}
	if err := acc.Reserve(nil, Hold{Amount: 10}, nil); err != nil || acc.Remaining() != 0 {
		t.Errorf("no limit: %v, remaining %d", err, acc.Remaining())
	}
}

func tranche(key string, amount int64) Tranche {
	return Tranche{Key: key, Fingerprint: Fingerprint("disburse", amount, "2026-05-01", ""), Amount: amount, On: "2026-05-01", By: "officer", At: time.Now()}
}

// TestPay: tranches up to the amount held and no further; a tranche sent
// again is a repeat, its key with another tranche refused.
func TestPay(t *testing.T) {
	cases := []struct {
		name string
		h    Hold
		t    Tranche
		want error
		paid int64
	}{
		{"first", Hold{Amount: 100}, tranche("a", 40), nil, 40},
		{"up to the amount", Hold{Amount: 100, Tranches: []Tranche{tranche("a", 40)}}, tranche("b", 60), nil, 100},
		{"past the amount", Hold{Amount: 100, Tranches: []Tranche{tranche("a", 40)}}, tranche("b", 61), ErrAboveApproved, 40},
		{"nothing left", Hold{Amount: 100, Tranches: []Tranche{tranche("a", 100)}}, tranche("b", 1), ErrAboveApproved, 100},
		{"the same tranche again", Hold{Amount: 100, Tranches: []Tranche{tranche("a", 100)}}, tranche("a", 100), ErrRepeat, 100},
		{"its key with another tranche", Hold{Amount: 100, Tranches: []Tranche{tranche("a", 40)}}, tranche("a", 50), ErrIdempotencyKeyReused, 40},
		{"nothing", Hold{Amount: 100}, tranche("a", 0), errs.Field("amount", "out_of_range"), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acc := Account{Total: 1000, Committed: 100, Disbursed: c.h.Paid()}
			h := c.h
			err := acc.Pay(&h, c.t)
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Errorf("err %v, want %v", err, c.want)
			}
			if h.Paid() != c.paid || acc.Disbursed != c.paid || acc.Committed != 100 {
				t.Errorf("paid %d, disbursed %d, committed %d; want %d", h.Paid(), acc.Disbursed, acc.Committed, c.paid)
			}
		})
	}
}

// TestReleaseSettle: a release gives the whole hold back; a settlement
// the unpaid rest, once.
func TestReleaseSettle(t *testing.T) {
	acc := Account{Total: 1000, Committed: 700, Disbursed: 30}
	acc.Release(Hold{Amount: 200})
	if acc.Committed != 500 || acc.Remaining() != 500 {
		t.Errorf("released: %+v", acc)
	}
	h := Hold{Amount: 500, Tranches: []Tranche{tranche("a", 30)}}
	if err := acc.Settle(&h); err != nil || acc.Committed != 30 || !h.Settled || h.Released != 470 || h.Committed() != 30 {
		t.Errorf("settled: %v %+v %+v", err, acc, h)
	}
	if err := acc.Settle(&h); !errors.Is(err, ErrRepeat) || acc.Committed != 30 || h.Released != 470 {
		t.Errorf("settled twice: %v %+v %+v", err, acc, h)
	}
	if acc.Disbursed != 30 {
		t.Errorf("disbursed changed: %+v", acc)
	}
}

// TestFingerprint: the same fields give the same digest, any difference
// another; SameRequest accepts records without one.
func TestFingerprint(t *testing.T) {
	a := Fingerprint("disburse", int64(5_000_000), "2026-05-01", "")
	if a != Fingerprint("disburse", int64(5_000_000), "2026-05-01", "") || len(a) != 32 {
		t.Errorf("not stable: %s", a)
	}
	for _, other := range []string{Fingerprint("disburse", int64(7_000_000), "2026-05-01", ""), Fingerprint("decide", int64(5_000_000), "2026-05-01", ""),
		Fingerprint("disburse", int64(5_000_000), "2026-05-01", "a note")} {
		if other == a {
			t.Error("two requests, one fingerprint")
		}
	}
	if SameRequest(a, a) != nil || SameRequest("", a) != nil || !errors.Is(SameRequest(a, "other"), ErrIdempotencyKeyReused) {
		t.Error("SameRequest")
	}
}

// TestPayConcurrently: tranches paid at once by many goroutines, each
// under the account's lock as a conditional write would serialise them,
// never pass the amount held, and each key counts once.
func TestPayConcurrently(t *testing.T) {
	const held, amount, payers = 1_000, 30, 80 // 40 keys of 30: more than the 33 that fit
	var (
		mu  sync.Mutex
		acc = Account{Total: 5_000}
		h   = Hold{Amount: held, Key: "contract"}
	)
	if err := acc.Reserve(nil, h, nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var paid, refused, repeats int
	for i := range payers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Two payers send each key: a retried request.
			tr := tranche("t"+strconv.Itoa(i/2), amount)
			mu.Lock()
			defer mu.Unlock()
			switch err := acc.Pay(&h, tr); {
			case err == nil:
				paid++
			case errors.Is(err, ErrAboveApproved):
				refused++
			case errors.Is(err, ErrRepeat):
				repeats++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if h.Paid() > held || acc.Disbursed != h.Paid() || paid != held/amount || paid+refused+repeats != payers {
		t.Errorf("paid %d of %d in %d tranches (%d refused, %d repeats), disbursed %d", h.Paid(), held, paid, refused, repeats, acc.Disbursed)
	}
	if h.Payable() != held%amount || acc.Committed != held {
		t.Errorf("payable %d, committed %d", h.Payable(), acc.Committed)
	}
}
