package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword("chè Shan tuyết 2026")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash format %q", h)
	}
	if ok, _ := VerifyPassword(h, "chè Shan tuyết 2026"); !ok {
		t.Fatal("right password refused")
	}
	if ok, _ := VerifyPassword(h, "che Shan tuyet 2026"); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := HashPassword("chè Shan tuyết 2026")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$bcrypt$x", "$argon2id$v=19$m=x$a$b", "$argon2id$v=18$m=1,t=1,p=1$YQ$YQ"} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("malformed hash %q: ok=%v err=%v", bad, ok, err)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	cases := map[string]string{
		"correct horse battery": "", "short": "too_short", "": "required", "aaaaaaaaaaaa": "weak_password",
		"matkhau123": "weak_password", "MatKhau123": "weak_password", "xx-lan.nguyen-xx": "weak_password",
		strings.Repeat("x", 129): "too_long",
	}
	for pw, want := range cases {
		var c validate.Checker
		CheckPassword(&c, "password", pw, "lan.nguyen@example.vn")
		got := ""
		if e, ok := errs.As(c.Err()); ok {
			got = e.Fields[0].Code
		}
		if got != want {
			t.Errorf("%q: %q, want %q", pw, got, want)
		}
	}
}

func TestTokensArePinnedToHS256(t *testing.T) {
	now := time.Now()
	tk := tokens{secret: []byte(strings.Repeat("k", 32)), ttl: time.Minute, now: func() time.Time { return now }}
	raw, err := tk.issue("u1", "s1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tk.parse(raw)
	if err != nil || c.Subject != "u1" || c.SessionID != "s1" {
		t.Fatalf("parse own token: %v %+v", err, c)
	}
	// Same claims, same key, another HMAC algorithm: refused.
	other, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, c).SignedString(tk.secret)
	if _, err := tk.parse(other); err == nil {
		t.Fatal("HS512 token accepted")
	}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, c).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if _, err := tk.parse(none); err == nil {
		t.Fatal("alg none accepted")
	}
	later := tokens{secret: tk.secret, ttl: time.Minute, now: func() time.Time { return now.Add(2 * time.Minute) }}
	if _, err := later.parse(raw); err == nil {
		t.Fatal("expired token accepted")
	}
	noSession := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{RegisteredClaims: c.RegisteredClaims})
	s, _ := noSession.SignedString(tk.secret)
	if _, err := tk.parse(s); err == nil {
		t.Fatal("token without a session accepted")
	}
}

func FuzzSplitRefresh(f *testing.F) {
	f.Add("6b086f1745a6ff4d947082d6." + strings.Repeat("A", 43))
	f.Add("")
	f.Add("..")
	f.Fuzz(func(t *testing.T, in string) {
		sid, secret, ok := splitRefresh(in)
		if ok && (len(sid) != 24 || len(secret) != 43 || sid+"."+secret != in) {
			t.Fatalf("%q split into %q %q", in, sid, secret)
		}
	})
}
