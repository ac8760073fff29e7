package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func refresh(h *apptest.Harness, token string) apptest.Response {
	return h.Do(R{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refreshToken": token}})
}

// Refresh tokens rotate on every use; a spent one coming back revokes the
// whole session, including the newest token, and the reuse is audited.
func TestRefreshRotationAndReuse(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	first := h.Demo("enterprise")

	r1 := refresh(h, first.Refresh)
	if r1.Status != 200 {
		t.Fatalf("refresh: %d %s", r1.Status, r1.Body)
	}
	second := r1.JSON(t)["refreshToken"].(string)
	if second == first.Refresh {
		t.Fatal("refresh token was not rotated")
	}
	access2 := r1.JSON(t)["accessToken"].(string)
	if me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: access2}); me.Status != 200 {
		t.Fatalf("new access token refused: %d", me.Status)
	}

	reuse := refresh(h, first.Refresh)
	if reuse.Status != 401 || problemCode(t, reuse) != "invalid_refresh_token" {
		t.Fatalf("reuse of a spent token: %d %s", reuse.Status, reuse.Body)
	}
	if r := refresh(h, second); r.Status != 401 {
		t.Fatalf("after reuse, the newest token still works: %d", r.Status)
	}
	if me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: access2}); me.Status != 401 {
		t.Fatalf("after reuse, the session's access token still works: %d", me.Status)
	}
	// Another session of the same person is unaffected.
	other := h.Demo("enterprise")
	if me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: other.Access}); me.Status != 200 {
		t.Fatalf("an unrelated session was revoked: %d", me.Status)
	}
	admin := h.Demo("admin")
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?action=auth.refresh_reuse", Token: admin.Access}).JSON(t)
	if log["total"].(float64) != 1 {
		t.Fatalf("refresh reuse not audited: %v", log)
	}

	for _, junk := range []string{"", "abc", strings.Repeat("x", 24) + "." + strings.Repeat("y", 43), first.Access} {
		if r := refresh(h, junk); r.Status != 401 {
			t.Errorf("refresh with %.20q: %d", junk, r.Status)
		}
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	tok := h.Demo("institute")
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/logout", Body: map[string]string{"refreshToken": tok.Refresh}}); r.Status != 204 {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}); r.Status != 401 {
		t.Fatalf("access token after logout: %d", r.Status)
	}
	if r := refresh(h, tok.Refresh); r.Status != 401 {
		t.Fatalf("refresh after logout: %d", r.Status)
	}
	// Logging out twice, or with garbage, reveals nothing.
	for _, tk := range []string{tok.Refresh, "garbage"} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/logout", Body: map[string]string{"refreshToken": tk}}); r.Status != 204 {
			t.Fatalf("logout again: %d", r.Status)
		}
	}
}

func b64(v any) string {
	j, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(j)
}

// Tampered, forged and expired access tokens are refused.
func TestAccessTokenTampering(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	good := h.Demo("officer").Access
	parts := strings.Split(good, ".")
	var claims map[string]any
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	_ = json.Unmarshal(payload, &claims)

	sign := func(key []byte, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	withClaims := func(mut func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{}
		for k, v := range claims {
			c[k] = v
		}
		mut(c)
		return c
	}
	adminID := func() string {
		a := h.Demo("admin")
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: a.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}()
	cases := map[string]string{
		"alg none": b64(map[string]string{"alg": "none", "typ": "JWT"}) + "." + parts[1] + ".",
		"alg none, admin subject": b64(map[string]string{"alg": "none", "typ": "JWT"}) + "." +
			b64(withClaims(func(c jwt.MapClaims) { c["sub"] = adminID })) + ".",
		"payload swapped, old signature": parts[0] + "." + b64(withClaims(func(c jwt.MapClaims) { c["sub"] = adminID })) + "." + parts[2],
		"wrong key":                      sign([]byte("an-attacker-guessed-this-32-byte-secret!"), withClaims(func(jwt.MapClaims) {})),
		"HS512 header":                   b64(map[string]string{"alg": "HS512", "typ": "JWT"}) + "." + parts[1] + "." + parts[2],
		"truncated signature":            good[:len(good)-5],
		"garbage":                        "not.a.token",
		"refresh token as access token":  h.Demo("officer").Refresh,
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok})
			if r.Status != 401 || problemCode(t, r) != "unauthenticated" {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if r.Header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	t.Run("not a bearer", func(t *testing.T) {
		r := h.Do(R{Method: "GET", Path: "/api/v1/me", Headers: map[string]string{"Authorization": "Basic " + good}})
		if r.Status != 401 {
			t.Fatalf("%d", r.Status)
		}
	})
}

func TestExpiredAccessToken(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.AccessTTL = time.Minute })
	tok := h.Demo("officer")
	parts := strings.Split(tok.Access, ".")
	var claims map[string]any
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	_ = json.Unmarshal(payload, &claims)
	if exp := int64(claims["exp"].(float64)) - int64(claims["iat"].(float64)); exp != 60 {
		t.Fatalf("token lifetime %ds, want the configured 60s", exp)
	}
	// A token whose exp has passed: re-signed with the server's own secret,
	// so only the expiry is wrong.
	secret := apptest.SigningSecret(t, h)
	c := jwt.MapClaims{}
	for k, v := range claims {
		c[k] = v
	}
	c["iat"], c["nbf"], c["exp"] = time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Minute).Unix()
	expired, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: expired}); r.Status != 401 {
		t.Fatalf("expired token: %d", r.Status)
	}
	// Control: the same secret with a valid expiry is accepted, so the 401
	// above is about the expiry alone.
	c["exp"] = time.Now().Add(time.Minute).Unix()
	valid, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: valid}); r.Status != 200 {
		t.Fatalf("control token: %d %s", r.Status, r.Body)
	}
}

// Login is limited per account and per address, and an unknown account is
// answered exactly like a wrong password.
func TestLoginRateLimitAndEnumeration(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.LoginLimit = 5 })
	login := func(email, pw string) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": email, "password": pw}})
	}
	unknown := login("nobody@example.vn", "whatever password")
	wrong := login("officer@demo.techmart.vn", "whatever password")
	if unknown.Status != 401 || wrong.Status != 401 {
		t.Fatalf("statuses %d and %d, want 401", unknown.Status, wrong.Status)
	}
	u, w := unknown.JSON(t), wrong.JSON(t)
	for _, k := range []string{"code", "title", "type", "status"} {
		if u[k] != w[k] {
			t.Fatalf("unknown account and wrong password differ in %s: %v vs %v", k, u[k], w[k])
		}
	}
	for range 4 {
		if r := login("officer@demo.techmart.vn", "still wrong pw"); r.Status != 401 {
			t.Fatalf("attempt within the limit: %d", r.Status)
		}
	}
	limited := login("officer@demo.techmart.vn", apptest.DemoPassword)
	if limited.Status != 429 || problemCode(t, limited) != "rate_limited" || limited.Header.Get("Retry-After") == "" {
		t.Fatalf("6th attempt with the right password: %d %s (Retry-After %q)", limited.Status, limited.Body, limited.Header.Get("Retry-After"))
	}
	// Other accounts from elsewhere are not locked out by it.
	h.Demo("admin")
	// Per address: 5 × 5 attempts from one address across many accounts.
	seen429 := false
	for i := range 30 {
		if r := login("spray"+string(rune('a'+i%26))+"@example.vn", "guess guess"); r.Status == 429 {
			seen429 = true
			break
		}
	}
	if !seen429 {
		t.Fatal("password spraying from one address was never limited")
	}
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	a := h.Demo("institute")
	b := h.Demo("institute")
	wrong := h.Do(R{Method: "POST", Path: "/api/v1/me/password", Token: a.Access, Body: map[string]string{"currentPassword": "nope nope nope", "newPassword": "một mật khẩu mới dài"}})
	if wrong.Status != 422 || fieldCodes(t, wrong)["currentPassword"] != "wrong_password" {
		t.Fatalf("wrong current password: %d %s", wrong.Status, wrong.Body)
	}
	r := h.Do(R{Method: "POST", Path: "/api/v1/me/password", Token: a.Access, Body: map[string]string{"currentPassword": apptest.DemoPassword, "newPassword": "một mật khẩu mới dài"}})
	if r.Status != 200 {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	fresh := r.JSON(t)["accessToken"].(string)
	if me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: fresh}); me.Status != 200 {
		t.Fatalf("new session: %d", me.Status)
	}
	for name, tok := range map[string]string{"this session's old token": a.Access, "another session": b.Access} {
		if me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok}); me.Status != 401 {
			t.Errorf("%s still works: %d", name, me.Status)
		}
	}
	if rr := refresh(h, b.Refresh); rr.Status != 401 {
		t.Errorf("another session's refresh still works: %d", rr.Status)
	}
	h.Login("institute@demo.techmart.vn", "một mật khẩu mới dài")
}

// An office behind one address is limited by its failures, not by how many
// of its people log in.
func TestSuccessfulLoginsDoNotExhaustTheAddressLimit(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.LoginLimit = 2 }) // 10 per address
	for i := range 15 {
		h.Demo([]string{"admin", "officer", "reviewer", "enterprise", "institute"}[i%5])
	}
}

// Behind a proxy the address is the one the proxy saw: a client that puts a
// fresh address at the left of X-Forwarded-For on every try is still one
// address.
func TestAddressLimitBehindAProxyIgnoresForgedHops(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.TrustProxy = true; c.LoginLimit = 2 }) // 10 per address
	for i := range 15 {
		r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login",
			Body:    map[string]string{"email": fmt.Sprintf("spray%d@example.vn", i), "password": "guess guess"},
			Headers: map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d, 203.0.113.7", i+1)}})
		if r.Status == 429 {
			// Another client behind the same proxy is counted apart.
			other := h.Do(R{Method: "POST", Path: "/api/v1/auth/login",
				Body:    map[string]string{"email": "officer@demo.techmart.vn", "password": apptest.DemoPassword},
				Headers: map[string]string{"X-Forwarded-For": "203.0.113.8"}})
			if other.Status != 200 {
				t.Fatalf("a different address was limited too: %d %s", other.Status, other.Body)
			}
			return
		}
	}
	t.Fatal("forged X-Forwarded-For entries escaped the per-address limit")
}
