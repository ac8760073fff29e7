// Package ledger is the money engine: an account (a budget: total,
// committed, disbursed), holds on it for one beneficiary each (an
// approved amount, or a contract's), and the tranches paid against a
// hold. Its operations are pure: they change values the caller keeps in
// its own document and writes with one conditional write (store.Modify),
// which is what makes them safe under concurrency — a write that lost the
// race is retried on the document as it now is, and the rules run again.
//
// Every money request carries an idempotency key and the fingerprint of
// its meaningful fields: the same key with the same request is the same
// request (ErrRepeat: nothing to write), the same key with another request
// is refused (ErrIdempotencyKeyReused).
package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
)

// Errors with stable codes.
var (
	// ErrBudgetExceeded refuses a hold past what remains of the account.
	ErrBudgetExceeded = errs.New(errs.Conflict, "budget_exceeded")
	// ErrAboveApproved refuses a tranche that would pay more than held
	// (approved, or contracted).
	ErrAboveApproved = errs.New(errs.Conflict, "above_approved")
	// ErrIdempotencyKeyReused refuses an Idempotency-Key sent again with a
	// different request: repeating the first answer would silently drop
	// the second (a tranche of 7 million answered with the one of 5).
	ErrIdempotencyKeyReused = &errs.Error{Kind: errs.Invalid, Code: "idempotency_key_reused",
		Fields: []errs.FieldError{errs.NewField("Idempotency-Key", "reused")}}
	// ErrHeld refuses a second hold for a beneficiary that has one, made
	// by another request.
	ErrHeld = errs.New(errs.Conflict, "invalid_transition")
)

// ErrRepeat says a request was carried out already: the caller writes
// nothing (returning it from its store.Modify closure aborts the write)
// and answers as the first time.
var ErrRepeat = errors.New("ledger: the same request again")

// Account is a budget, VND.
type Account struct {
	Total     int64 `bson:"total" json:"total"`
	Committed int64 `bson:"committed" json:"committed"` // held, disbursed or not
	Disbursed int64 `bson:"disbursed" json:"disbursed"`
}

// Remaining is what may still be held.
func (a Account) Remaining() int64 { return a.Total - a.Committed }

// Hold is an amount held in an account for one beneficiary, and what was
// paid of it. The caller embeds it (bson inline) in its own record, which
// names the beneficiary.
type Hold struct {
	Amount int64  `bson:"amount" json:"amount"`
	Key    string `bson:"key" json:"-"`
	// Fingerprint is the request's (see Fingerprint).
	Fingerprint string `bson:"fingerprint,omitempty" json:"-"`
	// Tranches paid against it; the account's Disbursed adds them up.
	Tranches []Tranche `bson:"tranches" json:"-"`
	// Settled: the beneficiary's file is closed and the unpaid rest
	// (Released) went back to the account.
	Settled  bool  `bson:"settled,omitempty" json:"-"`
	Released int64 `bson:"released,omitempty" json:"-"`
}

// Paid is what has been disbursed of the hold.
func (h Hold) Paid() int64 { return Sum(h.Tranches) }

// Committed is what the hold keeps of the account: its amount, less what
// a settlement gave back.
func (h Hold) Committed() int64 { return h.Amount - h.Released }

// Payable is what may still be paid: the amount, less what was paid. A
// settlement does not lower it: paying ends with the beneficiary's file,
// which the caller's procedure closes before it settles.
func (h Hold) Payable() int64 { return h.Amount - h.Paid() }

// Sum adds up tranches.
func Sum(tranches []Tranche) int64 {
	var n int64
	for _, t := range tranches {
		n += t.Amount
	}
	return n
}

// Tranche is one disbursement.
type Tranche struct {
	Key string `bson:"key" json:"-"`
	// Fingerprint is the request's (see Fingerprint).
	Fingerprint string    `bson:"fingerprint,omitempty" json:"-"`
	Amount      int64     `bson:"amount" json:"amount"`
	On          string    `bson:"on" json:"on"` // YYYY-MM-DD, the day the money left
	Note        string    `bson:"note,omitempty" json:"note,omitempty"`
	By          string    `bson:"by" json:"-"`
	At          time.Time `bson:"at" json:"at"`
}

// Reserve holds h.Amount of the account for a beneficiary whose current
// hold is prior (nil: none). A prior hold with h's key is the same request
// (ErrRepeat) or a reused key (ErrIdempotencyKeyReused); one with another
// key was made by another request (ErrHeld). limit, when not nil, runs
// once the request is known to be new — a cap on holds per organisation,
// say — and its error refuses it. Then the account must have h.Amount
// left (ErrBudgetExceeded). On success the caller stores h.
func (a *Account) Reserve(prior *Hold, h Hold, limit func() error) error {
	if prior != nil {
		if prior.Key == h.Key {
			if err := SameRequest(prior.Fingerprint, h.Fingerprint); err != nil {
				return err
			}
			return ErrRepeat
		}
		return ErrHeld
	}
	if h.Amount <= 0 {
		return errs.Field("amount", "out_of_range", "min", 1)
	}
	if limit != nil {
		if err := limit(); err != nil {
			return err
		}
	}
	if a.Remaining() < h.Amount {
		return ErrBudgetExceeded
	}
	a.Committed += h.Amount
	return nil
}

// Pay adds t to h, counting it in the account's Disbursed (see Hold.Pay).
func (a *Account) Pay(h *Hold, t Tranche) error {
	if err := h.Pay(t); err != nil {
		return err
	}
	a.Disbursed += t.Amount
	return nil
}

// Pay adds tranche t to h, never past what h may still pay (ErrAboveApproved).
// A tranche with t's key already there is the same request (ErrRepeat) or
// a reused key (ErrIdempotencyKeyReused). A contract without an account
// pays its tranches this way, its amount held in one Hold.
func (h *Hold) Pay(t Tranche) error {
	for _, x := range h.Tranches {
		if x.Key == t.Key {
			if err := SameRequest(x.Fingerprint, t.Fingerprint); err != nil {
				return err
			}
			return ErrRepeat
		}
	}
	if t.Amount <= 0 {
		return errs.Field("amount", "out_of_range", "min", 1)
	}
	if t.Amount > h.Payable() {
		return ErrAboveApproved
	}
	h.Tranches = append(h.Tranches, t)
	return nil
}

// Release gives a hold's whole amount back to the account (one whose
// decision was never written); the caller removes the hold.
func (a *Account) Release(h Hold) { a.Committed -= h.Amount }

// Settle shrinks h to what was paid and gives the rest back to the
// account: the beneficiary's file is closed. Settling twice is ErrRepeat.
func (a *Account) Settle(h *Hold) error {
	if h.Settled {
		return ErrRepeat
	}
	rest := h.Amount - h.Paid()
	a.Committed -= rest
	h.Released, h.Settled = rest, true
	return nil
}

// Fingerprint is a digest of the canonical form of a money request: its
// meaningful fields, normalised and validated, in a fixed order
// (strings and numbers). It is kept with the key; a key comes back only
// with the same fingerprint.
func Fingerprint(fields ...any) string {
	b, err := json.Marshal(fields)
	if err != nil {
		panic("ledger: fingerprint of " + err.Error()) // only strings and numbers are given
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// SameRequest checks a request that carries a key already recorded: the
// same fingerprint is the same request; records kept before fingerprints
// existed (empty) match any. Otherwise ErrIdempotencyKeyReused.
func SameRequest(recorded, fp string) error {
	if recorded != "" && recorded != fp {
		return ErrIdempotencyKeyReused
	}
	return nil
}
