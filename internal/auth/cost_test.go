package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// testCost is the smallest argon2id cost, for the tests of everything but
// the cost itself: the race detector makes each hash at the production cost
// about six times slower.
var testCost = PasswordCost{Memory: 8, Time: 1, Threads: 1}

// A service hashes at the cost it was given, and at the production cost
// when given none; logins verify at whatever cost a hash was made with.
func TestServiceHashesAtItsCost(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	if err := st.Ensure(ctx, Specs...); err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Secret: []byte("0123456789abcdef0123456789abcdef"), AccessTTL: time.Minute, RefreshTTL: time.Hour,
		LoginLimit: 10, LoginWindow: time.Minute, Audit: nopAuditor{},
	}
	production := New(st, opts)
	opts.PasswordCost = testCost
	cheap := New(st, opts)
	for _, c := range []struct {
		s      *Service
		email  string
		prefix string
	}{
		{production, "mac.dinh@example.vn", "$argon2id$v=19$m=19456,t=2,p=1$"},
		{cheap, "re.hon@example.vn", "$argon2id$v=19$m=8,t=1,p=1$"},
	} {
		u, err := c.s.CreateUser(ctx, NewUser{Email: c.email, FullName: "Người thử", Password: "chè Shan tuyết 2026"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.PasswordHash, c.prefix) {
			t.Errorf("%s: hash %q, want the prefix %q", c.email, u.PasswordHash, c.prefix)
		}
	}
	if h, _ := cheap.HashPassword("x"); !strings.HasPrefix(h, "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Errorf("HashPassword: %q, want the service's cost", h)
	}
	// Logins verify at the cost of the hash: the cheap service logs in the
	// account made at the production cost too.
	for _, email := range []string{"mac.dinh@example.vn", "re.hon@example.vn"} {
		if _, err := cheap.Login(ctx, email, "chè Shan tuyết 2026", "192.0.2.1", "test"); err != nil {
			t.Errorf("login %s: %v", email, err)
		}
	}
	if _, err := cheap.Login(ctx, "re.hon@example.vn", "che Shan tuyet 2026", "192.0.2.1", "test"); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := cheap.Login(ctx, "nobody@example.vn", "chè Shan tuyết 2026", "192.0.2.1", "test"); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("unknown account: %v", err)
	}
}
