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
	const email, name = "lan.ho@example.vn", "Nguyễn Thị Lan"
	cases := []struct{ pw, want string }{
		{"correct horse battery", ""},
		{"demo-Techmart-2026", ""},
		{"chè Shan tuyết 2026", ""},
		{"gao-bao-thai-2025", ""},
		{"", "required"},
		{"short", "too_short"},
		{"nine-char", "too_short"},
		{strings.Repeat("x", 129), "too_long"},
		// The common list, in any case and width, alone or with digits
		// and symbols around it.
		{"1234567890", CodeCommonPassword},
		{"qwertyuiop", CodeCommonPassword},
		{"iloveyou12", CodeCommonPassword},
		{"password2024", CodeCommonPassword},
		{"PASSWORD2024!", CodeCommonPassword},
		{"ｐａｓｓｗｏｒｄ１２３", CodeCommonPassword}, // full-width, NFKC
		{"!!sunshine!!", CodeCommonPassword},
		{"matkhau123", CodeCommonPassword},
		{"MatKhau123", CodeCommonPassword},
		{"vietnam2026", CodeCommonPassword},
		// Repeated units and runs.
		{"passwordpassword", CodeWeakPassword},
		{"aaaaaaaaaaaa", CodeWeakPassword},
		{"abcabcabcabc", CodeWeakPassword},
		{"abcdefghij", CodeWeakPassword},
		{"ABCDEFGHIJKL", CodeWeakPassword},
		{"9876543210", CodeWeakPassword},
		{"zxcvbnm,./", CodeCommonPassword}, // "zxcvbnm" is listed
		{"1234567890-=", CodeWeakPassword},
		{"';lkjhgfdsa", CodeWeakPassword},
		// The person's e-mail and name, folded, with or without diacritics.
		{"lan.ho@example.vn", CodeContainsEmail},
		{"xx-lan.ho-xx", CodeContainsEmail},
		{"LAN.HO.2026", CodeContainsEmail},
		{"my-lanho-2026", CodeContainsEmail},
		{"nguyenthilan!", CodeContainsName},
		{"Nguyễn Thị Lan 1990", CodeContainsName},
		{"NGUYỄNTHỊLAN", CodeContainsName},
		{"ban-cua-thi-lan-99", CodeContainsName},
		// One everyday syllable of the name is not the name.
		{"hoa lan nở trên núi", ""},
		{"nguyen lieu sach 2026", ""},
	}
	for _, tc := range cases {
		var c validate.Checker
		CheckPassword(&c, "password", tc.pw, email, name)
		got := ""
		if e, ok := errs.As(c.Err()); ok {
			got = e.Fields[0].Code
		}
		if got != tc.want {
			t.Errorf("%q: %q, want %q", tc.pw, got, tc.want)
		}
	}
	if n := len(commonPasswords()); n < 30000 {
		t.Errorf("the common-password list holds %d entries, want at least 30,000", n)
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
