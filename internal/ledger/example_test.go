package ledger_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/techmart-vn/techmart/internal/ledger"
)

// A contract pays its tranches against its own amount, with no account:
// the Hold lives inline in the contract's document and Pay runs inside
// the store.Modify closure that writes it.
func ExampleHold_Pay() {
	contract := ledger.Hold{Amount: 900_000_000, Key: "contract-12"}
	pay := func(key string, amount int64) error {
		fp := ledger.Fingerprint("tranche", amount, "2026-06-01", "")
		return contract.Pay(ledger.Tranche{Key: key, Fingerprint: fp, Amount: amount, On: "2026-06-01", By: "officer", At: time.Now()})
	}
	fmt.Println(pay("first", 400_000_000))
	fmt.Println(errors.Is(pay("first", 400_000_000), ledger.ErrRepeat))               // sent again: nothing to write
	fmt.Println(errors.Is(pay("first", 500_000_000), ledger.ErrIdempotencyKeyReused)) // its key, another tranche
	fmt.Println(errors.Is(pay("second", 600_000_000), ledger.ErrAboveApproved))       // past the contract
	fmt.Println(contract.Paid(), contract.Payable())
	// Output:
	// <nil>
	// true
	// true
	// true
	// 400000000 500000000
}

// A programme's budget holds one approved amount per application; each
// holder keeps its Hold inline beside its own fields.
func ExampleAccount_Reserve() {
	budget := ledger.Account{Total: 1_000_000_000}
	err := budget.Reserve(nil, ledger.Hold{Amount: 700_000_000, Key: "decision-1"}, nil)
	fmt.Println(err, budget.Remaining())
	err = budget.Reserve(nil, ledger.Hold{Amount: 400_000_000, Key: "decision-2"}, nil)
	fmt.Println(errors.Is(err, ledger.ErrBudgetExceeded), budget.Remaining())
	// Output:
	// <nil> 300000000
	// true 300000000
}
