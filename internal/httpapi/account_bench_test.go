package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// BenchmarkSignupNewEmail and BenchmarkSignupTakenEmail compare the time of
// the two answers a sign-up can get, which must not tell a registered
// e-mail apart: both hash the password (argon2id) and write an audit entry;
// the new one also writes the account and the organisation.
func BenchmarkSignupNewEmail(b *testing.B) {
	h := apptest.New(b)
	i := 0
	for b.Loop() {
		i++
		if r := signUp(h, fmt.Sprintf("moi%d@example.vn", i), fmt.Sprintf("Công ty đo %d", i), ""); r.Status != 202 {
			b.Fatal(r.Status, string(r.Body))
		}
	}
}

func BenchmarkSignupTakenEmail(b *testing.B) {
	h := apptest.New(b)
	for b.Loop() {
		if r := signUp(h, "officer@demo.techmart.vn", "Công ty đo", ""); r.Status != 202 {
			b.Fatal(r.Status, string(r.Body))
		}
	}
}
