// Package mail sends the platform's e-mails through an SMTP server named by
// TECHMART_SMTP_URL. Every message is bilingual: Vietnamese first, then
// English, since the sender cannot know the reader's language.
package mail

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/org"
)

// Sender delivers messages to one SMTP server.
type Sender struct {
	addr     string
	host     string
	tlsMode  string // starttls (default for smtp://), implicit (smtps://), none
	username string
	password string
	from     string
	timeout  time.Duration
	loc      *time.Location
}

// Parse reads smtp://user:pass@host:587?from=noreply@example.org[&tls=none].
func Parse(raw string) (*Sender, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	s := &Sender{addr: u.Host, host: u.Hostname(), tlsMode: "starttls", timeout: 20 * time.Second}
	if u.Port() == "" {
		s.addr = net.JoinHostPort(u.Hostname(), "587")
	}
	if u.Scheme == "smtps" {
		s.tlsMode = "implicit"
		if u.Port() == "" {
			s.addr = net.JoinHostPort(u.Hostname(), "465")
		}
	}
	if m := u.Query().Get("tls"); m != "" {
		if m != "starttls" && m != "implicit" && m != "none" {
			return nil, fmt.Errorf("mail: tls=%q, want starttls, implicit or none", m)
		}
		s.tlsMode = m
	}
	if u.User != nil {
		s.username = u.User.Username()
		s.password, _ = u.User.Password()
	}
	s.from = u.Query().Get("from")
	if s.from == "" {
		s.from = "noreply@" + s.host
	}
	s.loc = calendar.Vietnam // the Date header reads as the recipients live
	return s, nil
}

// Send delivers one plain-text message.
func (s *Sender) Send(ctx context.Context, to, subject, body string) error {
	msg, err := s.compose(to, subject, body)
	if err != nil {
		return err
	}
	d := net.Dialer{Timeout: s.timeout}
	conn, err := d.DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("mail: dial %s: %w", s.addr, err)
	}
	_ = conn.SetDeadline(time.Now().Add(s.timeout))
	var c *smtp.Client
	tlsConf := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	switch s.tlsMode {
	case "implicit":
		c = smtp.NewClient(tls.Client(conn, tlsConf))
	case "starttls":
		c, err = smtp.NewClientStartTLS(conn, tlsConf)
		if err != nil {
			_ = conn.Close()
			return fmt.Errorf("mail: starttls: %w", err)
		}
	default:
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	if s.username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.username, s.password)); err != nil {
			return fmt.Errorf("mail: auth: %w", err)
		}
	}
	if err := c.SendMail(s.from, []string{to}, bytes.NewReader(msg)); err != nil {
		return fmt.Errorf("mail: send: %w", err)
	}
	return c.Quit()
}

func (s *Sender) compose(to, subject, body string) ([]byte, error) {
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(subject, "\r\n") {
		return nil, errors.New("mail: header injection")
	}
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Techmart <%s>\r\n", s.from)
	fmt.Fprintf(&b, "To: <%s>\r\n", to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), s.host)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SendInvitation tells someone they were invited to an organisation.
func (s *Sender) SendInvitation(ctx context.Context, m org.InvitationMail) error {
	until := m.ExpiresAt.In(s.loc).Format("02/01/2006")
	subject := fmt.Sprintf("Lời mời tham gia %s trên Techmart / Invitation to join %s on Techmart", m.OrgName, m.OrgName)
	body := fmt.Sprintf(`Xin chào,

%[1]s mời bạn tham gia tổ chức "%[2]s" trên Techmart – Chợ công nghệ – thiết bị.
Mở liên kết sau để chấp nhận (hiệu lực đến %[4]s):

%[3]s

Nếu bạn không mong đợi lời mời này, hãy bỏ qua thư.

---

Hello,

%[1]s invited you to join "%[2]s" on Techmart, the technology and equipment market.
Open this link to accept (valid until %[4]s):

%[5]s

If you did not expect this invitation, ignore this e-mail.
`, m.InviterName, m.OrgName, m.AcceptURL, until, cmp.Or(m.AcceptURLEn, m.AcceptURL))
	return s.Send(ctx, m.To, subject, body)
}

// SendRegistrationTaken tells the owner of an account that someone signed
// up with their e-mail (the sign-up answered as for a new address, so the
// person at the form learnt nothing).
func (s *Sender) SendRegistrationTaken(ctx context.Context, m account.TakenMail) error {
	at := m.At.In(s.loc).Format("15:04 02/01/2006")
	subject := "Có người đăng ký Techmart bằng email của bạn / Someone signed up to Techmart with your e-mail"
	body := fmt.Sprintf(`Xin chào %[1]s,

Lúc %[2]s có người dùng địa chỉ email này để đăng ký tài khoản Techmart – Chợ công nghệ – thiết bị.
Email này đã có tài khoản nên không có tài khoản mới nào được tạo.

Nếu đó là bạn: hãy đăng nhập tại %[3]s (nếu bạn được mời vào một tổ chức, mở lại liên kết mời sau khi đăng nhập).
Nếu không phải bạn: không cần làm gì; nếu lo ngại, hãy đăng nhập và đổi mật khẩu tại %[4]s.

---

Hello %[1]s,

At %[2]s someone used this e-mail address to sign up to Techmart, the technology and equipment market.
The address already has an account, so no new account was created.

If it was you: log in at %[3]s (if you were invited to an organisation, open the invitation link again once logged in).
If it was not: nothing needs doing; if you are concerned, log in and change your password at %[4]s.
`, m.FullName, at, m.LoginURL, m.ResetURL)
	return s.Send(ctx, m.To, subject, body)
}

// SendPasswordReset sends a password-reset link.
func (s *Sender) SendPasswordReset(ctx context.Context, m account.ResetMail) error {
	until := m.ExpiresAt.In(s.loc).Format("15:04 02/01/2006")
	subject := "Đặt lại mật khẩu Techmart / Reset your Techmart password"
	body := fmt.Sprintf(`Xin chào %[1]s,

Có yêu cầu đặt lại mật khẩu cho tài khoản Techmart của bạn. Mở liên kết sau để đặt mật khẩu mới
(dùng được một lần, hiệu lực đến %[3]s). Khi đặt xong, mọi phiên đăng nhập cũ sẽ kết thúc.

%[2]s

Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.

---

Hello %[1]s,

Someone asked to reset the password of your Techmart account. Open this link to set a new one
(it works once, until %[3]s). Once it is set, every earlier session ends.

%[4]s

If you did not ask, ignore this e-mail: your password has not changed.
`, m.FullName, m.ResetURL, until, cmp.Or(m.ResetURLEn, m.ResetURL))
	return s.Send(ctx, m.To, subject, body)
}
