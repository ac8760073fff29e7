package support

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/techmart-vn/techmart/internal/errs"
)

// ErrIdempotencyKeyReused refuses an Idempotency-Key sent again with a
// different request: repeating the first answer would silently drop the
// second (a tranche of 7 million answered with the one of 5).
var ErrIdempotencyKeyReused = &errs.Error{Kind: errs.Invalid, Code: "idempotency_key_reused",
	Fields: []errs.FieldError{errs.NewField("Idempotency-Key", "reused")}}

// fingerprint is a digest of the canonical form of a money request: its
// meaningful fields, normalised and validated, in a fixed order. It is kept
// with the key; a key comes back only with the same fingerprint.
func fingerprint(fields ...any) string {
	b, err := json.Marshal(fields)
	if err != nil {
		panic("support: fingerprint of " + err.Error()) // only strings and numbers are given
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// sameRequest checks a request that carries a key already recorded: the
// same fingerprint is the same request; records kept before fingerprints
// existed (empty) match any.
func sameRequest(recorded, fp string) error {
	if recorded != "" && recorded != fp {
		return ErrIdempotencyKeyReused
	}
	return nil
}
