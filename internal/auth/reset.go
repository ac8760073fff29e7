package auth

import (
	"context"
	"errors"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// ResetTTL is how long a password-reset link stays valid.
const ResetTTL = 30 * time.Minute

// resetsColl holds the open password-reset links, one document each, found
// by _id; only the hash of the link's secret is kept, and the store drops a
// document when it expires.
const resetsColl = "password_resets"

// ErrInvalidResetToken refuses a reset link that is unknown, spent or
// expired: one answer for all three, on the token field.
var ErrInvalidResetToken = errs.Field("token", "invalid_reset_token")

// ErrResetForbidden refuses an officer a reset link for an account of the
// department's staff (only admins issue those, and never their own).
var ErrResetForbidden = errs.New(errs.Forbidden, "reset_forbidden")

type passwordReset struct {
	store.Meta `bson:",inline"`
	ID         string     `bson:"_id"`
	UserID     string     `bson:"userId"`
	Hash       string     `bson:"hash"` // sha256 of the link's secret
	IssuedBy   string     `bson:"issuedBy,omitempty"`
	CreatedAt  time.Time  `bson:"createdAt"`
	ExpiresAt  time.Time  `bson:"expiresAt"`
	UsedAt     *time.Time `bson:"usedAt,omitempty"`
}

// ResetLink is a new reset link's token ("<id>.<secret>") and when it lapses.
type ResetLink struct {
	Token     string
	ExpiresAt time.Time
	User      User
}

// NewPasswordReset opens a reset link for the account, valid ResetTTL.
// by is the officer or admin who issued it, nil when its owner asked.
func (s *Service) NewPasswordReset(ctx context.Context, userID string, by *Principal) (ResetLink, error) {
	u, err := s.User(ctx, userID)
	if err != nil {
		return ResetLink{}, err
	}
	if by != nil {
		switch {
		case !by.User.HasRole(RoleOfficer, RoleAdmin), by.User.ID == u.ID:
			return ResetLink{}, ErrResetForbidden
		case !by.User.HasRole(RoleAdmin) && len(u.Roles) > 0:
			return ResetLink{}, ErrResetForbidden
		}
	}
	secret, hash := newSecret()
	now := s.now().UTC()
	r := passwordReset{ID: store.NewID(), UserID: u.ID, Hash: hash, CreatedAt: now, ExpiresAt: now.Add(ResetTTL)}
	e := audit.Entry{
		Actor: audit.System, Action: audit.UserPasswordResetRequest,
		Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email},
		Reason:  "reset_link_emailed",
	}
	if by != nil {
		r.IssuedBy = by.User.ID
		e.Actor, e.Action, e.Reason = by.Actor(), audit.UserPasswordResetIssue, "reset link issued by staff; valid 30 minutes"
	}
	if err := store.Insert(ctx, s.s, resetsColl, &r); err != nil {
		return ResetLink{}, err
	}
	s.record(ctx, e)
	return ResetLink{Token: r.ID + "." + secret, ExpiresAt: r.ExpiresAt, User: u}, nil
}

// ResetPassword sets a new password through a reset link: the link is
// spent first (one conditional write, so two uses racing cannot both pass),
// then the password is replaced and every session of the account ends.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	id, secret, ok := splitRefresh(token)
	if !ok {
		return ErrInvalidResetToken
	}
	r, err := store.Get[passwordReset](ctx, s.s, resetsColl, id)
	if errors.Is(err, store.ErrNotFound) {
		return ErrInvalidResetToken
	} else if err != nil {
		return err
	}
	now := s.now().UTC()
	if !equalHash(r.Hash, hashSecret(secret)) || r.UsedAt != nil || !now.Before(r.ExpiresAt) {
		return ErrInvalidResetToken
	}
	u, err := s.User(ctx, r.UserID)
	if errors.Is(err, ErrUserNotFound) || (err == nil && u.Disabled) {
		return ErrInvalidResetToken
	} else if err != nil {
		return err
	}
	var c validate.Checker
	CheckPassword(&c, "password", password, u.Email, u.FullName)
	if err := c.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if _, err := store.Modify(ctx, s.s, resetsColl, r.ID, 0, func(x *passwordReset) error {
		if x.UsedAt != nil {
			return ErrInvalidResetToken
		}
		x.UsedAt = &now
		return nil
	}); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return ErrInvalidResetToken
		}
		return err
	}
	if _, err := store.Modify(ctx, s.s, usersColl, u.ID, 0, func(x *User) error {
		x.PasswordHash = hash
		x.SessionEpoch++
		return nil
	}); err != nil {
		return s.notFound(err)
	}
	// A stranger's failed logins no longer matter: the password changed.
	_ = s.limiter.reset(ctx, loginKey(u.Email))
	s.record(ctx, audit.Entry{
		Actor: audit.Actor{ID: u.ID, Email: u.Email}, Action: audit.UserPasswordReset,
		Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email},
		Reason:  "reset_link_used",
	})
	return nil
}
