package httpapi_test

import (
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func tokenOf(t *testing.T, acceptURL string) string {
	t.Helper()
	_, tok, ok := strings.Cut(acceptURL, "/invitations/")
	if !ok || !strings.HasPrefix(acceptURL, "http://techmart.test/") {
		t.Fatalf("accept URL %q", acceptURL)
	}
	return tok
}

func TestInvitationLifecycle(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	owner := h.Demo("enterprise")
	invite := func(email, role string) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + enterpriseOrg + "/invitations", Token: owner.Access,
			Body: map[string]string{"email": email, "role": role}})
	}
	r := invite("Ky.Thuat@Example.vn", "member")
	if r.Status != 201 || r.JSON(t)["emailSent"] != false {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	tok := tokenOf(t, r.JSON(t)["acceptUrl"].(string))

	info := h.Do(R{Method: "GET", Path: "/api/v1/invitations/" + tok})
	if info.Status != 200 || info.JSON(t)["email"] != "ky.thuat@example.vn" ||
		info.JSON(t)["organization"].(map[string]any)["name"] != "Công ty TNHH Nông sản sạch Ba Bể" {
		t.Fatalf("invitation info: %d %s", info.Status, info.Body)
	}
	if logs := h.Logs(); !strings.Contains(logs, "/api/v1/invitations/:token") || strings.Contains(logs, tok) {
		t.Fatal("the request log must name the route, never the invitation token")
	}

	reg := func(email string) apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
			"email": email, "password": "correct horse battery", "fullName": "Lò Văn Kỹ", "invitationToken": tok,
		}})
	}
	if m := reg("someone.else@example.vn"); m.Status != 422 || fieldCodes(t, m)["email"] != "email_mismatch" {
		t.Fatalf("register with another e-mail: %d %s", m.Status, m.Body)
	}
	if m := reg("ky.thuat@example.vn"); m.Status != 202 {
		t.Fatalf("register through the invitation: %d %s", m.Status, m.Body)
	}
	member := h.Login("ky.thuat@example.vn", "correct horse battery")
	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: member.Access}).JSON(t)
	orgs := me["organizations"].([]any)
	if len(orgs) != 1 || orgs[0].(map[string]any)["id"] != enterpriseOrg || orgs[0].(map[string]any)["role"] != "member" {
		t.Fatalf("member's organisations: %v", orgs)
	}
	if again := h.Do(R{Method: "GET", Path: "/api/v1/invitations/" + tok}); again.Status != 404 {
		t.Fatalf("a used invitation still resolves: %d", again.Status)
	}
	if dup := invite("ky.thuat@example.vn", "member"); dup.Status != 409 || problemCode(t, dup) != "already_member" {
		t.Fatalf("inviting a member: %d %s", dup.Status, dup.Body)
	}
	// A member sees the members but not the invitations, and cannot invite.
	detail := h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + enterpriseOrg, Token: member.Access}).JSON(t)
	if len(detail["members"].([]any)) != 2 || detail["invitations"] != nil {
		t.Fatalf("member's view: %v", detail)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + enterpriseOrg + "/invitations", Token: member.Access,
		Body: map[string]string{"email": "x@example.vn", "role": "owner"}}); r.Status != 403 {
		t.Fatalf("member invites: %d", r.Status)
	}

	// An existing account accepts while logged in; a wrong account cannot.
	r = invite("institute@demo.techmart.vn", "owner")
	tok2 := tokenOf(t, r.JSON(t)["acceptUrl"].(string))
	if wrong := h.Do(R{Method: "POST", Path: "/api/v1/invitations/accept", Token: h.Demo("reviewer").Access, Body: map[string]string{"token": tok2}}); wrong.Status != 422 {
		t.Fatalf("accept by the wrong person: %d %s", wrong.Status, wrong.Body)
	}
	inst := h.Demo("institute")
	if ok := h.Do(R{Method: "POST", Path: "/api/v1/invitations/accept", Token: inst.Access, Body: map[string]string{"token": tok2}}); ok.Status != 200 {
		t.Fatalf("accept: %d %s", ok.Status, ok.Body)
	}
	if n := len(h.Do(R{Method: "GET", Path: "/api/v1/me", Token: inst.Access}).JSON(t)["organizations"].([]any)); n != 2 {
		t.Fatalf("institute owner now in %d organisations, want 2", n)
	}

	// Revoking an invitation kills its link.
	r = invite("late@example.vn", "member")
	tok3 := tokenOf(t, r.JSON(t)["acceptUrl"].(string))
	invID := r.JSON(t)["invitation"].(map[string]any)["id"].(string)
	if d := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + enterpriseOrg + "/invitations/" + invID, Token: owner.Access}); d.Status != 204 {
		t.Fatalf("revoke: %d", d.Status)
	}
	if g := h.Do(R{Method: "GET", Path: "/api/v1/invitations/" + tok3}); g.Status != 404 {
		t.Fatalf("revoked invitation resolves: %d", g.Status)
	}

	// Members leave; the last owner cannot be removed, a second one can.
	memberID := me["user"].(map[string]any)["id"].(string)
	if d := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + enterpriseOrg + "/members/" + memberID, Token: member.Access}); d.Status != 204 {
		t.Fatalf("leave: %d %s", d.Status, d.Body)
	}
	if m := h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + enterpriseOrg, Token: member.Access}); m.Status != 403 {
		t.Fatalf("a former member still reads the organisation: %d", m.Status)
	}
	ownerID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: owner.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	if d := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + enterpriseOrg + "/members/" + ownerID, Token: owner.Access}); d.Status != 204 {
		t.Fatalf("an owner leaves while another owner remains: %d %s", d.Status, d.Body)
	}
	instID := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: inst.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	if d := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + enterpriseOrg + "/members/" + instID, Token: inst.Access}); d.Status != 409 {
		t.Fatalf("the last owner leaves: %d %s", d.Status, d.Body)
	}
	audit := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + enterpriseOrg + "&pageSize=100", Token: h.Demo("officer").Access}).JSON(t)
	count := map[string]int{}
	for _, it := range audit["items"].([]any) {
		count[it.(map[string]any)["action"].(string)]++
	}
	if count["org.invite"] != 3 || count["org.member_join"] != 2 || count["org.invite_revoke"] != 1 || count["org.member_remove"] != 2 {
		t.Fatalf("audit of the organisation: %v", count)
	}
}

// A real SMTP server on loopback receives the invitation e-mail.
type mailbox struct {
	mu   sync.Mutex
	msgs []received
}

type received struct {
	from string
	to   []string
	data []byte
}

func (b *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{box: b}, nil }

type mailSession struct {
	box    *mailbox
	authed bool
	cur    received
}

func (s *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *mailSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "techmart" || pass != "s3cret" {
			return errors.New("bad credentials")
		}
		s.authed = true
		return nil
	}), nil
}
func (s *mailSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.cur.from = from
	return nil
}
func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, s.cur)
	s.box.mu.Unlock()
	return nil
}
func (s *mailSession) Reset()        { s.cur = received{} }
func (s *mailSession) Logout() error { return nil }

// startSMTP runs an SMTP server on loopback and returns its mailbox and the
// TECHMART_SMTP_URL that reaches it.
func startSMTP(t *testing.T) (*mailbox, string) {
	t.Helper()
	box := &mailbox{}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return box, "smtp://techmart:s3cret@" + ln.Addr().String() + "?tls=none&from=noreply@techmart.test"
}

// message decodes a delivered e-mail's subject and body.
func message(t *testing.T, m received) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(m.data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	b, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	return subject, string(b)
}

func TestInvitationEmailThroughSMTP(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	if cfg := h.Do(R{Method: "GET", Path: "/api/v1/config"}).JSON(t); cfg["smtp"] != true {
		t.Fatalf("config does not say mail is on: %v", cfg)
	}
	owner := h.Demo("institute")
	r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + instituteOrg + "/invitations", Token: owner.Access,
		Body: map[string]string{"email": "nghien.cuu.vien@example.vn", "role": "member"}})
	if r.Status != 201 || r.JSON(t)["emailSent"] != true {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	acceptURL := r.JSON(t)["acceptUrl"].(string)

	box.mu.Lock()
	defer box.mu.Unlock()
	if len(box.msgs) != 1 {
		t.Fatalf("%d messages delivered, want 1", len(box.msgs))
	}
	m := box.msgs[0]
	if m.from != "noreply@techmart.test" || len(m.to) != 1 || m.to[0] != "nghien.cuu.vien@example.vn" {
		t.Fatalf("envelope from %q to %v", m.from, m.to)
	}
	subject, body := message(t, m)
	if !strings.Contains(subject, "Lời mời") || !strings.Contains(subject, "Invitation") || !strings.Contains(subject, "Viện Khoa học Sự sống") {
		t.Fatalf("subject %q", subject)
	}
	if !strings.Contains(body, acceptURL) || !strings.Contains(string(body), "Xin chào") || !strings.Contains(string(body), "Hello") {
		t.Fatalf("body lacks the link or a language:\n%s", body)
	}
}

// With the SMTP server down, the invitation still stands and the owner gets
// the link to pass on by hand.
func TestInvitationWhenSMTPIsDown(t *testing.T) {
	t.Parallel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = "smtp://" + addr + "?tls=none" })
	owner := h.Demo("institute")
	r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + instituteOrg + "/invitations", Token: owner.Access,
		Body: map[string]string{"email": "a@example.vn", "role": "member"}})
	if r.Status != 201 || r.JSON(t)["emailSent"] != false || r.JSON(t)["acceptUrl"] == "" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
}
