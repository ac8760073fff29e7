package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// resetLink finds the reset link in the one e-mail box holds for to.
func resetLink(t *testing.T, box *mailbox, to string) (string, int) {
	t.Helper()
	box.mu.Lock()
	defer box.mu.Unlock()
	link, n := "", 0
	for _, m := range box.msgs {
		if len(m.to) != 1 || m.to[0] != to {
			continue
		}
		n++
		subject, body := message(t, m)
		if !strings.Contains(subject, "Đặt lại mật khẩu") || !strings.Contains(subject, "Reset your") {
			t.Fatalf("subject %q", subject)
		}
		en := ""
		for _, line := range strings.Split(body, "\n") {
			switch l := strings.TrimSpace(line); {
			case strings.HasPrefix(l, "http://techmart.test/password-reset#"):
				link = l
			case strings.HasPrefix(l, "http://techmart.test/en/password-reset#"):
				en = l
			}
		}
		// The English half of the e-mail opens the English page, same token.
		if link != "" && en != strings.Replace(link, "/password-reset#", "/en/password-reset#", 1) {
			t.Errorf("the English link %q beside %q", en, link)
		}
	}
	return link, n
}

func tokenOfReset(t *testing.T, link string) string {
	t.Helper()
	_, tok, ok := strings.Cut(link, "#")
	if !ok || tok == "" {
		t.Fatalf("reset link %q", link)
	}
	return tok
}

// A person who forgot the password asks for a link, receives it through a
// real SMTP server, sets a new password with it: the old password and every
// session end, the link works once, and the new password logs in.
func TestPasswordResetThroughSMTP(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	const email = "enterprise@demo.techmart.vn"
	old := h.Demo("enterprise")

	r := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "Enterprise@Demo.Techmart.vn "}})
	if r.Status != 202 || string(r.Body) != `{"status":"accepted"}` {
		t.Fatalf("request: %d %s", r.Status, r.Body)
	}
	h.App.Accounts.Wait()
	link, n := resetLink(t, box, email)
	if n != 1 || link == "" {
		t.Fatalf("%d reset e-mails, link %q", n, link)
	}
	token := tokenOfReset(t, link)

	// The password policy applies.
	r = h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": token, "password": "password123"}})
	if r.Status != 422 || !strings.Contains(string(r.Body), `"field":"password"`) {
		t.Fatalf("weak password: %d %s", r.Status, r.Body)
	}
	const next = "Chè Shan tuyết Na Hang 2027"
	r = h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": token, "password": next}})
	if r.Status != 204 {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	// The old session is over: its access token and its refresh token.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: old.Access}); r.Status != 401 {
		t.Fatalf("old access token after reset: %d", r.Status)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refreshToken": old.Refresh}}); r.Status != 401 {
		t.Fatalf("old refresh token after reset: %d", r.Status)
	}
	// Single use.
	r = h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": token, "password": "Another long passphrase 42"}})
	if r.Status != 422 || !strings.Contains(string(r.Body), "invalid_reset_token") {
		t.Fatalf("second use: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": email, "password": apptest.DemoPassword}}); r.Status != 401 {
		t.Fatalf("old password after reset: %d", r.Status)
	}
	h.Login(email, next)

	// Audited: the request and the reset.
	officer := h.Demo("officer")
	a := h.Do(R{Method: "GET", Path: "/api/v1/audit?action=user.password_reset", Token: officer.Access}).JSON(t)
	if items, _ := a["items"].([]any); len(items) != 1 {
		t.Fatalf("audit of the reset: %v", a)
	}
	a = h.Do(R{Method: "GET", Path: "/api/v1/audit?action=user.password_reset_request", Token: officer.Access}).JSON(t)
	if items, _ := a["items"].([]any); len(items) != 1 {
		t.Fatalf("audit of the request: %v", a)
	}
}

// A link lapses 30 minutes after it was sent, by the platform's clock.
func TestPasswordResetExpires(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	start := time.Now()
	h.Clock.Set(func() time.Time { return start })
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "institute@demo.techmart.vn"}}); r.Status != 202 {
		t.Fatalf("request: %d %s", r.Status, r.Body)
	}
	h.App.Accounts.Wait()
	link, _ := resetLink(t, box, "institute@demo.techmart.vn")
	h.Clock.Set(func() time.Time { return start.Add(30*time.Minute + time.Second) })
	r := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": tokenOfReset(t, link), "password": "Chè Shan tuyết Na Hang 2027"}})
	if r.Status != 422 || !strings.Contains(string(r.Body), "invalid_reset_token") {
		t.Fatalf("expired link: %d %s", r.Status, r.Body)
	}
	h.Clock.Set(nil)
	h.Login("institute@demo.techmart.vn", apptest.DemoPassword)
	// A made-up token is refused the same way.
	r = h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": "0123456789abcdef01234567." + strings.Repeat("A", 43), "password": "Chè Shan tuyết Na Hang 2027"}})
	if r.Status != 422 || !strings.Contains(string(r.Body), "invalid_reset_token") {
		t.Fatalf("unknown token: %d %s", r.Status, r.Body)
	}
}

// An unknown address gets the very answer a known one gets, and no e-mail;
// asking too often for one address is refused (429) whether or not it has
// an account.
func TestPasswordResetNoEnumeration(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	known := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "officer@demo.techmart.vn"}})
	unknown := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "nobody@example.vn"}})
	if known.Status != unknown.Status || string(known.Body) != string(unknown.Body) || known.Header.Get("Content-Type") != unknown.Header.Get("Content-Type") {
		t.Fatalf("known %d %s, unknown %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
	}
	h.App.Accounts.Wait()
	if _, n := resetLink(t, box, "nobody@example.vn"); n != 0 {
		t.Fatal("an e-mail went to an address without an account")
	}
	for _, email := range []string{"officer@demo.techmart.vn", "nobody@example.vn"} {
		last := 0
		for range 6 {
			last = h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": email}}).Status
		}
		if last != 429 {
			t.Fatalf("%s: the sixth request in an hour got %d, want 429", email, last)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "not an address"}}); r.Status != 422 {
		t.Fatalf("malformed address: %d", r.Status)
	}
}

// Without a mail server an officer issues the link from the person's page
// and sees it once; officers may not issue one for staff, nobody for
// themselves.
func TestPasswordResetIssuedByStaff(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer, admin := h.Demo("officer"), h.Demo("admin")
	ids := map[string]string{}
	for _, label := range []string{"enterprise", "reviewer", "officer", "admin"} {
		ids[label] = h.Do(R{Method: "GET", Path: "/api/v1/me", Token: h.Demo(label).Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	r := h.Do(R{Method: "POST", Path: "/api/v1/users/" + ids["enterprise"] + "/password-reset", Token: officer.Access})
	if r.Status != 201 {
		t.Fatalf("issue: %d %s", r.Status, r.Body)
	}
	out := r.JSON(t)
	link, _ := out["url"].(string)
	if !strings.HasPrefix(link, "http://techmart.test/password-reset#") || out["emailed"] != false || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("issued: %v %v", out, r.Header)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/password-reset/confirm", Body: map[string]string{"token": tokenOfReset(t, link), "password": "Chè Shan tuyết Na Hang 2027"}}); r.Status != 204 {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	for _, c := range []struct {
		by     apptest.Tokens
		target string
		want   int
	}{
		{officer, "reviewer", 403}, {officer, "admin", 403}, {officer, "officer", 403},
		{admin, "admin", 403}, {admin, "reviewer", 201},
	} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/users/" + ids[c.target] + "/password-reset", Token: c.by.Access}); r.Status != c.want {
			t.Errorf("reset for %s: %d %s, want %d", c.target, r.Status, r.Body, c.want)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/users/0123456789abcdef01234567/password-reset", Token: admin.Access}); r.Status != 404 {
		t.Fatalf("unknown user: %d", r.Status)
	}
	a := h.Do(R{Method: "GET", Path: "/api/v1/audit?action=user.password_reset_issue", Token: officer.Access}).JSON(t)
	if items, _ := a["items"].([]any); len(items) != 2 {
		t.Fatalf("audit of issued links: %v", a)
	}
}
