package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ResetMail is the message that carries a password-reset link.
type ResetMail struct {
	To       string
	FullName string
	// ResetURL opens the page in Vietnamese, ResetURLEn in English: the
	// e-mail says everything in both languages, each with its own link.
	ResetURL   string
	ResetURLEn string
	ExpiresAt  time.Time
}

// ResetURL is the web app's page a reset token opens (in Vietnamese;
// English under /en). The token travels in the fragment, which browsers
// never send to a server nor put in a Referer.
func (s *Service) ResetURL(token string) string { return s.o.BaseURL + "/password-reset#" + token }

func (s *Service) resetURLEn(token string) string { return s.o.BaseURL + "/en/password-reset#" + token }

// RequestPasswordReset answers a "forgot password" form. The answer is the
// same, after the same work, whether or not the address has an account:
// the attempt is counted per client address and per address typed (hashed),
// then the link is made and e-mailed in the background, so neither the
// answer nor its time tells who is registered. Without a mail server nobody
// is told; an officer can issue a link instead.
func (s *Service) RequestPasswordReset(ctx context.Context, email, ip string) error {
	var c validate.Checker
	email = c.Email("email", email)
	if err := c.Err(); err != nil {
		return err
	}
	if s.o.ResetByAddress != nil {
		if err := s.o.ResetByAddress.Hit(ctx, "reset:ip:"+ip); err != nil {
			return err
		}
	}
	if s.o.ResetByAccount != nil {
		h := sha256.Sum256([]byte(email))
		if err := s.o.ResetByAccount.Hit(ctx, "reset:acct:"+hex.EncodeToString(h[:16])); err != nil {
			return err
		}
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := s.sendReset(ctx, email); err != nil {
			s.o.Logger.WarnContext(ctx, "password reset not sent", "err", err)
		}
	}()
	return nil
}

func (s *Service) sendReset(ctx context.Context, email string) error {
	u, err := s.auth.UserByEmail(ctx, email)
	if errors.Is(err, auth.ErrUserNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if u.Disabled || s.o.Mailer == nil {
		return nil
	}
	link, err := s.auth.NewPasswordReset(ctx, u.ID, nil)
	if err != nil {
		return err
	}
	return s.o.Mailer.SendPasswordReset(ctx, ResetMail{To: u.Email, FullName: u.FullName,
		ResetURL: s.ResetURL(link.Token), ResetURLEn: s.resetURLEn(link.Token), ExpiresAt: link.ExpiresAt})
}

// Wait blocks until the reset e-mails asked for so far have been tried
// (shutdown and tests).
func (s *Service) Wait() { s.bg.Wait() }

// IssuedReset is what an officer gets for a person's account: the link to
// hand over (only when no mail server is configured: otherwise the person
// is e-mailed and the officer never sees it).
type IssuedReset struct {
	URL       string    `json:"url,omitempty"`
	Emailed   bool      `json:"emailed"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// IssuePasswordReset opens a reset link for a person on an officer's or
// admin's request (auth decides who may).
func (s *Service) IssuePasswordReset(ctx context.Context, by *auth.Principal, userID string) (IssuedReset, error) {
	if by == nil {
		return IssuedReset{}, errs.ErrUnauthenticated
	}
	link, err := s.auth.NewPasswordReset(ctx, userID, by)
	if err != nil {
		return IssuedReset{}, err
	}
	url := s.ResetURL(link.Token)
	if s.o.Mailer == nil {
		return IssuedReset{URL: url, ExpiresAt: link.ExpiresAt}, nil
	}
	m := ResetMail{To: link.User.Email, FullName: link.User.FullName, ResetURL: url, ExpiresAt: link.ExpiresAt}
	if err := s.o.Mailer.SendPasswordReset(ctx, m); err != nil {
		return IssuedReset{}, err
	}
	return IssuedReset{Emailed: true, ExpiresAt: link.ExpiresAt}, nil
}
