// Package account is signing up: one step that creates a person's account
// together with a new organisation, or joins one through an invitation.
package account

import (
	"context"
	"errors"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Service registers people.
type Service struct {
	auth  *auth.Service
	orgs  *org.Service
	audit auth.Auditor
}

// New returns the service.
func New(a *auth.Service, o *org.Service, au auth.Auditor) *Service {
	return &Service{auth: a, orgs: o, audit: au}
}

// NewOrganization is the organisation a person registers with.
type NewOrganization struct {
	Name string `json:"name" rule:"required"`
	Kind string `json:"kind" rule:"required,enum=RegisterKind"`
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

// Register validates the whole form at once, then creates the account and
// the organisation (pending verification) or the membership. If the second
// step fails the account is removed again, so a retry starts clean.
func (s *Service) Register(ctx context.Context, in Registration) (auth.User, org.Organization, error) {
	var c validate.Checker
	nu := auth.NewUser{Email: in.Email, FullName: in.FullName, Password: in.Password}
	auth.CheckNewUser(&c, &nu)
	switch {
	case in.Organization != nil && in.InvitationToken != "":
		c.Add("invitationToken", "not_with_organization")
	case in.Organization != nil:
		org.CheckNew(&c, "organization.", &in.Organization.Name, &in.Organization.Kind)
	case in.InvitationToken != "":
		_, inv, err := s.orgs.Invitation(ctx, in.InvitationToken)
		switch {
		case errors.Is(err, org.ErrInvitationNotFound):
			c.Add("invitationToken", "invalid_invitation")
		case err != nil:
			return auth.User{}, org.Organization{}, err
		case !c.Has("email") && inv.Email != nu.Email:
			c.Add("email", "email_mismatch")
		}
	default:
		c.Add("organization", "required")
	}
	if err := c.Err(); err != nil {
		return auth.User{}, org.Organization{}, err
	}
	u, err := s.auth.CreateUser(ctx, nu)
	if err != nil {
		return auth.User{}, org.Organization{}, err
	}
	var o org.Organization
	if in.Organization != nil {
		o, err = s.orgs.Create(ctx, u, in.Organization.Name, in.Organization.Kind, org.StatusPending)
	} else {
		o, err = s.orgs.Accept(ctx, u, in.InvitationToken)
	}
	if err != nil {
		s.auth.DeleteUser(context.WithoutCancel(ctx), u)
		return auth.User{}, org.Organization{}, err
	}
	u.Orgs = append(u.Orgs, o.ID)
	if s.audit != nil {
		_ = s.audit.Record(ctx, audit.Entry{
			Actor: audit.Actor{ID: u.ID, Email: u.Email}, Action: audit.UserRegister,
			Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email},
		})
	}
	return u, o, nil
}
