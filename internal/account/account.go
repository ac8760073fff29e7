// Package account is signing up: one step that creates a person's account
// together with a new organisation, or joins one through an invitation.
//
// A sign-up answers the same whether the e-mail is new or already has an
// account, so the form cannot be used to learn who is registered: the
// password is hashed either way, and the owner of a taken address is told
// by e-mail instead. Sign-ups are limited per address.
package account

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Mailer tells the owner of an address that someone tried to register it;
// nil when no SMTP server is configured.
type Mailer interface {
	SendRegistrationTaken(ctx context.Context, m TakenMail) error
	SendPasswordReset(ctx context.Context, m ResetMail) error
}

// TakenMail is the message to the owner of an address that was used to sign
// up again.
type TakenMail struct {
	To       string
	FullName string
	LoginURL string
	ResetURL string // where to change the password once logged in
	At       time.Time
}

// Limiter counts sign-ups per client address.
type Limiter interface {
	Hit(ctx context.Context, key string) error
}

// Options are the service's dependencies besides the domain services.
type Options struct {
	Limiter Limiter // nil: no limit
	// ResetByAddress and ResetByAccount limit password-reset requests per
	// client address and per e-mail typed; nil: no limit.
	ResetByAddress, ResetByAccount Limiter
	Mailer                         Mailer // nil: no e-mail
	BaseURL                        string // links in e-mails start with it
	Logger                         *slog.Logger
	Now                            func() time.Time
}

// Service registers people.
type Service struct {
	auth  *auth.Service
	orgs  *org.Service
	audit auth.Auditor
	o     Options
	bg    sync.WaitGroup // reset e-mails in flight
}

// New returns the service.
func New(a *auth.Service, o *org.Service, au auth.Auditor, opts Options) *Service {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{auth: a, orgs: o, audit: au, o: opts}
}

// NewOrganization is the organisation a person registers with.
type NewOrganization struct {
	Name string `json:"name" rule:"required"`
	Kind string `json:"kind" rule:"required,enum=RegisterKind"`
	// Evidence is what the department verifies the organisation on.
	Evidence *org.Evidence `json:"evidence"`
}

// Registration is the sign-up form: an account and either a new
// organisation or an invitation to an existing one.
type Registration struct {
	Email           string           `json:"email" rule:"required"`
	Password        string           `json:"password" rule:"required"`
	FullName        string           `json:"fullName" rule:"required"`
	Organization    *NewOrganization `json:"organization"`
	InvitationToken string           `json:"invitationToken"`
}

// Register validates the whole form at once, counts the attempt against
// ip's limit, then creates the account and the organisation (pending
// verification) or the membership. If the second step fails the account is
// removed again, so a retry starts clean. An e-mail that already has an
// account gets the same nil answer, after as much work; its owner is told.
func (s *Service) Register(ctx context.Context, in Registration, ip string) error {
	var c validate.Checker
	nu := auth.NewUser{Email: in.Email, FullName: in.FullName, Password: in.Password}
	auth.CheckNewUser(&c, &nu)
	switch {
	case in.Organization != nil && in.InvitationToken != "":
		c.Add("invitationToken", "not_with_organization")
	case in.Organization != nil:
		org.CheckNew(&c, "organization.", &in.Organization.Name, &in.Organization.Kind)
		if in.Organization.Evidence == nil {
			in.Organization.Evidence = &org.Evidence{}
		}
		org.CheckEvidence(&c, "organization.evidence.", in.Organization.Evidence, s.orgs.CommuneCodes())
	case in.InvitationToken != "":
		_, inv, err := s.orgs.Invitation(ctx, in.InvitationToken)
		switch {
		case errors.Is(err, org.ErrInvitationNotFound):
			c.Add("invitationToken", "invalid_invitation")
		case err != nil:
			return err
		case !c.Has("email") && inv.Email != nu.Email:
			c.Add("email", "email_mismatch")
		}
	default:
		c.Add("organization", "required")
	}
	if err := c.Err(); err != nil {
		return err
	}
	if s.o.Limiter != nil {
		if err := s.o.Limiter.Hit(ctx, "signup:ip:"+ip); err != nil {
			return err
		}
	}
	u, err := s.auth.CreateUser(ctx, nu)
	if errors.Is(err, auth.ErrEmailTaken) {
		return s.taken(ctx, nu)
	}
	if err != nil {
		return err
	}
	if in.Organization != nil {
		_, err = s.orgs.Create(ctx, u, in.Organization.Name, in.Organization.Kind, org.StatusPending, *in.Organization.Evidence)
	} else {
		_, err = s.orgs.Accept(ctx, u, in.InvitationToken)
	}
	if err != nil {
		s.auth.DeleteUser(context.WithoutCancel(ctx), u)
		return err
	}
	s.record(ctx, audit.Entry{
		Actor: audit.Actor{ID: u.ID, Email: u.Email}, Action: audit.UserRegister,
		Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email},
	})
	return nil
}

// taken answers a sign-up with the e-mail of an existing account like a new
// one: it hashes the password as creating the account would have, records
// the attempt, and tells the owner by e-mail in the background, so neither
// the answer nor its time says the address is registered.
func (s *Service) taken(ctx context.Context, nu auth.NewUser) error {
	if _, err := s.auth.HashPassword(nu.Password); err != nil {
		return err
	}
	owner, err := s.auth.UserByEmail(ctx, nu.Email)
	if err != nil {
		// Taken a moment ago, gone now (a registration rolled back):
		// nothing to tell anyone.
		s.o.Logger.WarnContext(ctx, "sign-up with a taken e-mail: owner not found", "err", err)
		return nil
	}
	s.record(ctx, audit.Entry{
		Actor: audit.System, Action: audit.UserRegisterTaken,
		Subject: audit.Subject{Type: "user", ID: owner.ID, Name: owner.Email},
		Reason:  "signup_email_taken",
	})
	if s.o.Mailer == nil {
		return nil
	}
	m := TakenMail{
		To: owner.Email, FullName: owner.FullName, At: s.o.Now(),
		LoginURL: s.o.BaseURL + "/login", ResetURL: s.o.BaseURL + "/account/password",
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := s.o.Mailer.SendRegistrationTaken(ctx, m); err != nil {
			s.o.Logger.WarnContext(ctx, "sign-up notice to the owner of a taken e-mail not sent", "user", owner.ID, "err", err)
		}
	}()
	return nil
}

func (s *Service) record(ctx context.Context, e audit.Entry) {
	if s.audit != nil {
		_ = s.audit.Record(ctx, e)
	}
}
