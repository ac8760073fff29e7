package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

type nopAuditor struct{}

func (nopAuditor) Record(context.Context, audit.Entry) error { return nil }

func newService(t *testing.T) (*Service, *store.Store) {
	t.Helper()
	st := storetest.New(t)
	if err := st.Ensure(context.Background(), Specs...); err != nil {
		t.Fatal(err)
	}
	return New(st, Options{
		Secret: []byte("0123456789abcdef0123456789abcdef"), AccessTTL: time.Minute, RefreshTTL: time.Hour,
		LoginLimit: 10, LoginWindow: time.Minute, Audit: nopAuditor{}, PasswordCost: testCost,
	}), st
}

// A login that checked the old password while a password change was being
// written must not outlive the change: its session carries the epoch of the
// user record it checked.
func TestLoginRacingAPasswordChangeDoesNotSurvive(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	u, err := s.CreateUser(ctx, NewUser{Email: "an@example.vn", FullName: "Nguyễn An", Password: "mật khẩu cũ dài"})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Login(ctx, "an@example.vn", "mật khẩu cũ dài", "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Authenticate(ctx, first.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	stale := u // what the racing login read and checked the old password against
	if _, err := s.ChangePassword(ctx, p, "mật khẩu cũ dài", "mật khẩu mới dài hơn", "192.0.2.1", "test"); err != nil {
		t.Fatal(err)
	}
	late, err := s.openSession(ctx, stale, "192.0.2.2", "racer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, late.AccessToken); !errors.Is(err, errs.ErrUnauthenticated) {
		t.Fatalf("access token of the racing login: %v, want unauthenticated", err)
	}
	if _, err := s.Refresh(ctx, late.RefreshToken); !errors.Is(err, ErrInvalidRefresh) {
		t.Fatalf("refresh of the racing login: %v, want invalid", err)
	}
	// A second change made with the now-stale principal is refused rather
	// than silently overwriting the first.
	if _, err := s.ChangePassword(ctx, p, "mật khẩu cũ dài", "mật khẩu thứ ba dài", "192.0.2.1", "test"); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("second change from a stale session: %v", err)
	}
}

// Embedded mode has no TTL indexes: expired sessions and counters are swept.
func TestSweepExpiredSessionsAndCounters(t *testing.T) {
	ctx := context.Background()
	s, st := newService(t)
	for i := range 3 {
		if _, err := s.Login(ctx, "nobody@example.vn", "wrong password", "192.0.2."+string(rune('1'+i)), ""); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatal(err)
		}
	}
	before, _ := store.Count(ctx, st, limitsColl, nil)
	if before == 0 {
		t.Fatal("no counters were written")
	}
	n, err := st.SweepExpired(ctx, time.Now().Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	after, _ := store.Count(ctx, st, limitsColl, nil)
	if st.Embedded() && (n < before || after != 0) {
		t.Fatalf("swept %d of %d counters; %d left", n, before, after)
	}
	if !st.Embedded() && n != 0 {
		t.Fatalf("on MongoDB the TTL index sweeps, not the server: %d", n)
	}
}
