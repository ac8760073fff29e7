package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// sleeps records the slow-down instead of waiting it.
type sleeps struct {
	mu  sync.Mutex
	got []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, d)
}

func (s *sleeps) take() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.got
	s.got = nil
	return out
}

const ownerPassword = "chè Shan tuyết 2026"

func newLimitedService(t *testing.T, limit int) (*Service, *sleeps) {
	t.Helper()
	st := storetest.New(t)
	if err := st.Ensure(context.Background(), Specs...); err != nil {
		t.Fatal(err)
	}
	z := &sleeps{}
	s := New(st, Options{
		Secret: []byte("0123456789abcdef0123456789abcdef"), AccessTTL: time.Minute, RefreshTTL: time.Hour,
		LoginLimit: limit, LoginWindow: time.Hour, Audit: nopAuditor{}, Sleep: z.sleep, PasswordCost: testCost,
	})
	if _, err := s.CreateUser(context.Background(), NewUser{Email: "officer@sokhcn.vn", FullName: "Hoàng Minh", Password: ownerPassword}); err != nil {
		t.Fatal(err)
	}
	return s, z
}

func isLimited(err error) bool {
	e, ok := errs.As(err)
	return ok && e.Kind == errs.TooMany
}

// A stranger's wrong passwords from one address limit that address for the
// account, and do not stop the owner logging in from another. Before the
// limits were keyed on (account, address), the owner got 429 here for the
// rest of the window.
func TestStrangerCannotLockTheOwnerOut(t *testing.T) {
	ctx := context.Background()
	s, _ := newLimitedService(t, 3)
	for i := range 3 {
		if _, err := s.Login(ctx, "officer@sokhcn.vn", fmt.Sprint("guess ", i), "203.0.113.66", "attacker"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("guess %d: %v, want invalid credentials", i, err)
		}
	}
	// The attacker is limited, even with the right password.
	if _, err := s.Login(ctx, "officer@sokhcn.vn", ownerPassword, "203.0.113.66", "attacker"); !isLimited(err) {
		t.Fatalf("4th attempt from the attacker's address: %v, want rate limited", err)
	}
	// The owner, from the office, is not.
	if _, err := s.Login(ctx, "OFFICER@sokhcn.vn", ownerPassword, "198.51.100.10", "owner"); err != nil {
		t.Fatalf("owner from another address: %v", err)
	}
}

// Guesses from many addresses slow the account down step by step, up to a
// ceiling, but never refuse it: the owner still logs in.
func TestAccountUnderAttackIsSlowedNotLocked(t *testing.T) {
	ctx := context.Background()
	s, z := newLimitedService(t, 3)
	for i := range 30 {
		ip := fmt.Sprintf("203.0.113.%d", i)
		if _, err := s.Login(ctx, "officer@sokhcn.vn", "wrong guess!", ip, "botnet"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("guess from %s: %v, want invalid credentials", ip, err)
		}
	}
	got := z.take()
	if len(got) != 27 {
		t.Fatalf("%d attempts were slowed, want the 27 past the limit of 3: %v", len(got), got)
	}
	for i, d := range got {
		want := min(time.Duration(i+1)*loginSlowStep, loginSlowMax)
		if d != want {
			t.Fatalf("attempt %d past the limit waited %v, want %v", i+1, d, want)
		}
	}
	if _, err := s.Login(ctx, "officer@sokhcn.vn", ownerPassword, "198.51.100.10", "owner"); err != nil {
		t.Fatalf("owner under attack: %v", err)
	}
	if d := z.take(); len(d) != 1 || d[0] != loginSlowMax {
		t.Fatalf("the owner waited %v, want one wait of %v", d, loginSlowMax)
	}
}

// Spraying many accounts from one address is refused past five times the
// limit, but an account that has logged in from that address before still
// can: one person behind an office's shared address cannot lock the office
// out.
func TestSprayingFromOneAddressSparesKnownAccounts(t *testing.T) {
	ctx := context.Background()
	s, _ := newLimitedService(t, 2)
	const office = "198.51.100.10"
	if _, err := s.Login(ctx, "officer@sokhcn.vn", ownerPassword, office, "owner"); err != nil {
		t.Fatal(err)
	}
	limited := false
	for i := range 20 {
		_, err := s.Login(ctx, fmt.Sprintf("colleague%d@sokhcn.vn", i), "wrong guess!", office, "sprayer")
		if isLimited(err) {
			if i != 10 {
				t.Fatalf("spraying limited after %d failures, want 10 (5 × 2)", i)
			}
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("spraying from one address was never limited")
	}
	if _, err := s.Login(ctx, "newcomer@sokhcn.vn", "any password", office, "newcomer"); !isLimited(err) {
		t.Fatalf("an account never seen at the address: %v, want rate limited", err)
	}
	if _, err := s.Login(ctx, "officer@sokhcn.vn", ownerPassword, office, "owner"); err != nil {
		t.Fatalf("an account known at the address: %v", err)
	}
}
