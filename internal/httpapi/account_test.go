package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func signUp(h *apptest.Harness, email, orgName, from string) apptest.Response {
	return h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Headers: map[string]string{"X-Forwarded-For": from},
		Body: map[string]any{
			"email": email, "password": "correct horse battery", "fullName": "Nguyễn Thị Thử",
			"organization": map[string]string{"name": orgName, "kind": "enterprise"},
		}})
}

// A sign-up with the e-mail of an existing account gets exactly the answer
// a new one gets; the attempt is audited against the existing account,
// which is left as it was, and no organisation is created.
func TestSignupAnswersTheSameForATakenEmail(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	fresh := signUp(h, "nguoi.moi@example.vn", "Công ty Mới Đăng Ký", "")
	taken := signUp(h, "Officer@demo.techmart.vn", "Công ty Mạo Danh", "")
	if fresh.Status != 202 || taken.Status != 202 {
		t.Fatalf("statuses %d (new) and %d (taken), want 202 for both: %s / %s", fresh.Status, taken.Status, fresh.Body, taken.Body)
	}
	if string(fresh.Body) != string(taken.Body) || fresh.Header.Get("Content-Type") != taken.Header.Get("Content-Type") {
		t.Fatalf("the answers differ: %s (%s) vs %s (%s)", fresh.Body, fresh.Header.Get("Content-Type"), taken.Body, taken.Header.Get("Content-Type"))
	}
	if got := fresh.JSON(t)["status"]; got != "accepted" {
		t.Fatalf("body %s, want status accepted", fresh.Body)
	}
	// The new account works; the existing one kept its password and
	// organisations.
	h.Login("nguoi.moi@example.vn", "correct horse battery")
	officer := h.Demo("officer")
	if r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": "officer@demo.techmart.vn", "password": "correct horse battery"}}); r.Status != 401 {
		t.Fatalf("the sign-up's password opens the existing account: %d", r.Status)
	}
	queue := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=pending&pageSize=100", Token: officer.Access})
	if strings.Contains(string(queue.Body), "Công ty Mạo Danh") || !strings.Contains(string(queue.Body), "Công ty Mới Đăng Ký") {
		t.Fatalf("pending queue after the two sign-ups: %s", queue.Body)
	}
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?action=user.register_taken", Token: officer.Access}).JSON(t)
	items := log["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["subject"].(map[string]any)["name"] != "officer@demo.techmart.vn" {
		t.Fatalf("audit of the taken sign-up: %v", items)
	}
}

// Sign-ups are limited per address with 429 and Retry-After, other
// addresses are not affected, and every outcome is counted in the metrics.
func TestSignupLimitedPerAddress(t *testing.T) {
	t.Parallel()
	token := strings.Repeat("m", 32)
	h := apptest.New(t, func(c *apptestConfig) { c.SignupLimit = 3; c.TrustProxy = true; c.MetricsToken = token })
	for i := range 3 {
		if r := signUp(h, fmt.Sprintf("hang.loat%d@example.vn", i), fmt.Sprintf("Công ty hàng loạt %d", i), "203.0.113.9"); r.Status != 202 {
			t.Fatalf("sign-up %d within the limit: %d %s", i, r.Status, r.Body)
		}
	}
	// A taken e-mail counts like any other: the limit does not tell them apart.
	limited := signUp(h, "officer@demo.techmart.vn", "Công ty hàng loạt 3", "203.0.113.9")
	if limited.Status != 429 || problemCode(t, limited) != "rate_limited" || limited.Header.Get("Retry-After") == "" {
		t.Fatalf("4th sign-up from one address: %d %s (Retry-After %q)", limited.Status, limited.Body, limited.Header.Get("Retry-After"))
	}
	if r := signUp(h, "hang.loat3@example.vn", "Công ty hàng loạt 3", "203.0.113.9"); r.Status != 429 {
		t.Fatalf("5th sign-up from one address: %d", r.Status)
	}
	if r := signUp(h, "van.phong@example.vn", "Công ty văn phòng khác", "198.51.100.20"); r.Status != 202 {
		t.Fatalf("sign-up from another address: %d %s", r.Status, r.Body)
	}
	// An invalid form is answered 422 and does not use up the limit.
	bad := h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Headers: map[string]string{"X-Forwarded-For": "198.51.100.20"}, Body: map[string]any{"email": "x"}})
	if bad.Status != 422 {
		t.Fatalf("invalid sign-up: %d", bad.Status)
	}
	m := string(h.Do(R{Method: "GET", Path: "/metrics", Headers: map[string]string{"Authorization": "Bearer " + token}}).Body)
	for _, want := range []string{
		`techmart_signups_total{outcome="accepted"} 4`,
		`techmart_signups_total{outcome="limited"} 2`,
		`techmart_signups_total{outcome="invalid"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, grepLines(m, "techmart_signups_total"))
		}
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// A stranger guessing an officer's password from one address is limited
// there, and the officer still logs in from the office. Before logins were
// limited per (account, address), the officer got 429 for fifteen minutes.
func TestStrangersCannotLockAnOfficerOut(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.LoginLimit = 3; c.TrustProxy = true })
	login := func(pw, from string) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Headers: map[string]string{"X-Forwarded-For": from},
			Body: map[string]string{"email": "officer@demo.techmart.vn", "password": pw}})
	}
	for i := range 3 {
		if r := login(fmt.Sprint("guess number ", i), "203.0.113.66"); r.Status != 401 {
			t.Fatalf("guess %d: %d", i, r.Status)
		}
	}
	if r := login(apptest.DemoPassword, "203.0.113.66"); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("the stranger's 4th try: %d %s, want 429 with Retry-After", r.Status, r.Body)
	}
	if r := login(apptest.DemoPassword, "198.51.100.10"); r.Status != 200 {
		t.Fatalf("the officer from the office: %d %s", r.Status, r.Body)
	}
}

// Names, titles and file names with invisible format characters are
// refused, naming the field.
func TestInvisibleCharactersAreRefused(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	bad := sturgeon()
	bad["title"] = "Công nghệ nuôi cá tầm \u202egnp.exe"
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: inst.Access, Body: bad})
	if r.Status != 422 || fieldCodes(t, r)["title"] != "invisible_characters" {
		t.Fatalf("listing title with a bidi override: %d %s", r.Status, r.Body)
	}
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	up := upload(t, h, inst.Access, id, "quy-trinh\u202efdp.exe", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	if up.Status != 422 || fieldCodes(t, up)["file"] != "invisible_characters" {
		t.Fatalf("file name with a bidi override: %d %s", up.Status, up.Body)
	}
	ok := upload(t, h, inst.Access, id, "quy tri\u0300nh.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	if ok.Status != 201 || ok.JSON(t)["name"] != "quy trình.pdf" {
		t.Fatalf("NFC file name: %d %s", ok.Status, ok.Body)
	}
}

// With mail configured, the owner of a taken address is told (in both
// languages, with where to log in); a new address gets no such message.
func TestSignupWithATakenEmailTellsTheOwner(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	if r := signUp(h, "nguoi.moi@example.vn", "Công ty Mới", ""); r.Status != 202 {
		t.Fatalf("new address: %d %s", r.Status, r.Body)
	}
	if r := signUp(h, "enterprise@demo.techmart.vn", "Công ty Mạo Danh", ""); r.Status != 202 {
		t.Fatalf("taken address: %d %s", r.Status, r.Body)
	}
	// The message goes out after the answer, so the answer's time does not
	// depend on the mail server: wait for it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		box.mu.Lock()
		n := len(box.msgs)
		box.mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	box.mu.Lock()
	defer box.mu.Unlock()
	if len(box.msgs) != 1 {
		t.Fatalf("%d messages delivered, want 1 (to the owner of the taken address)", len(box.msgs))
	}
	m := box.msgs[0]
	if len(m.to) != 1 || m.to[0] != "enterprise@demo.techmart.vn" {
		t.Fatalf("message to %v", m.to)
	}
	subject, body := message(t, m)
	if !strings.Contains(subject, "đăng ký") || !strings.Contains(subject, "signed up") {
		t.Fatalf("subject %q", subject)
	}
	if !strings.Contains(body, "http://techmart.test/login") || !strings.Contains(body, "Xin chào") || !strings.Contains(body, "Hello") {
		t.Fatalf("body lacks the login link or a language:\n%s", body)
	}
}
