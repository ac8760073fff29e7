// Package auth owns people's accounts: passwords (argon2id), access tokens
// (short-lived JWTs), refresh sessions (opaque, rotated, reuse-detected),
// login rate limiting and platform roles.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Errors of this package.
var (
	// ErrInvalidCredentials is the one answer to a failed login, whether the
	// account exists or not.
	ErrInvalidCredentials = errs.New(errs.Unauthenticated, "invalid_credentials")
	ErrInvalidRefresh     = errs.New(errs.Unauthenticated, "invalid_refresh_token")
	ErrEmailTaken         = &errs.Error{Kind: errs.Conflict, Code: "email_taken", Fields: []errs.FieldError{{Field: "email", Code: "email_taken"}}}
	ErrUserNotFound       = errs.New(errs.NotFound, "user_not_found")
	ErrOwnAdminRole       = errs.Field("roles", "cannot_remove_own_admin")
	ErrLastAdmin          = errs.New(errs.Conflict, "last_admin")
)

// Auditor records decisions.
type Auditor interface {
	Record(ctx context.Context, e audit.Entry) error
}

// Options configure the service.
type Options struct {
	Secret      []byte
	AccessTTL   time.Duration
	RefreshTTL  time.Duration
	LoginLimit  int // per account and address per window; see loginKey
	LoginWindow time.Duration
	Audit       Auditor
	Logger      *slog.Logger
	Now         func() time.Time
	// Sleep waits d or until ctx ends: the slow-down of an account under
	// attack. Nil sleeps on a timer (tests record instead).
	Sleep func(ctx context.Context, d time.Duration)
	// PasswordCost is the cost of new password hashes; zero means
	// DefaultPasswordCost, which production always uses.
	PasswordCost PasswordCost
}

// The slow-down of an account that failed more than LoginLimit times in a
// window: each further attempt waits loginSlowStep longer, up to
// loginSlowMax, then still gets its answer.
const (
	loginSlowStep = 250 * time.Millisecond
	loginSlowMax  = 5 * time.Second
	// knownFor is how long an account that logged in from an address
	// stays exempt from that address's spraying limit.
	knownFor = 30 * 24 * time.Hour
)

// Service is the accounts service.
type Service struct {
	s          *store.Store
	tokens     tokens
	limiter    limiter
	loginLimit int
	refreshTTL time.Duration
	audit      Auditor
	log        *slog.Logger
	now        func() time.Time
	sleep      func(context.Context, time.Duration)
	cost       PasswordCost
	dummy      func() string
}

// New returns the service.
func New(s *store.Store, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.PasswordCost == (PasswordCost{}) {
		o.PasswordCost = DefaultPasswordCost
	}
	return &Service{
		s:          s,
		tokens:     tokens{secret: o.Secret, ttl: o.AccessTTL, now: o.Now},
		limiter:    limiter{s: s, window: o.LoginWindow, now: o.Now},
		loginLimit: o.LoginLimit,
		refreshTTL: o.RefreshTTL,
		audit:      o.Audit,
		log:        o.Logger,
		now:        o.Now,
		sleep:      o.Sleep,
		cost:       o.PasswordCost,
		dummy:      dummyHash(o.PasswordCost),
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Principal is the authenticated caller of a request.
type Principal struct {
	User      User
	SessionID string
}

// Actor is the principal as the audit log names it.
func (p *Principal) Actor() audit.Actor { return audit.Actor{ID: p.User.ID, Email: p.User.Email} }

// Tokens is what a login or refresh returns.
type Tokens struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
	ExpiresIn    int    `json:"expiresIn"`
	TokenType    string `json:"tokenType"`
}

// NewUser is an account to create. The caller has validated it.
type NewUser struct {
	Email    string
	FullName string
	Password string
	Roles    []string
}

// CheckNewUser validates the fields of an account, prefixing field names.
func CheckNewUser(c *validate.Checker, in *NewUser) {
	in.Email = c.Email("email", in.Email)
	in.FullName = validate.Text(in.FullName)
	c.Name("fullName", in.FullName, 2, 120)
	CheckPassword(c, "password", in.Password, in.Email, in.FullName)
}

// CreateUser makes an account. The unique _id of the e-mail key makes two
// registrations of one address race-free: the loser gets ErrEmailTaken.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	var c validate.Checker
	CheckNewUser(&c, &in)
	for _, r := range in.Roles {
		c.OneOf("roles", r, PlatformRoles)
	}
	if err := c.Err(); err != nil {
		return User{}, err
	}
	if _, err := store.Get[emailKey](ctx, s.s, emailsColl, in.Email); err == nil {
		return User{}, ErrEmailTaken
	}
	hash, err := s.HashPassword(in.Password)
	if err != nil {
		return User{}, err
	}
	u := User{
		ID: store.NewID(), Email: in.Email, FullName: in.FullName, PasswordHash: hash,
		Roles: append([]string{}, in.Roles...), Orgs: []string{}, CreatedAt: s.now().UTC(),
	}
	// The user first, then the e-mail key that makes it reachable: a crash in
	// between leaves an unreachable document, never an address nobody can
	// register again.
	if err := store.Insert(ctx, s.s, usersColl, &u); err != nil {
		return User{}, err
	}
	if err := store.Insert(ctx, s.s, emailsColl, &emailKey{Email: u.Email, UserID: u.ID}); err != nil {
		_ = store.Delete(ctx, s.s, usersColl, u.ID)
		if errors.Is(err, store.ErrDuplicate) {
			return User{}, ErrEmailTaken
		}
		return User{}, err
	}
	return u, nil
}

// HashPassword hashes a password at the service's cost, as creating an
// account or changing a password does.
func (s *Service) HashPassword(password string) (string, error) {
	return s.cost.Hash(password)
}

// DeleteUser removes an account that was just created when a later step of
// a registration failed.
func (s *Service) DeleteUser(ctx context.Context, u User) {
	_ = store.Delete(ctx, s.s, emailsColl, u.Email)
	_ = store.Delete(ctx, s.s, usersColl, u.ID)
}

// UserByEmail finds an account by e-mail.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	k, err := store.Get[emailKey](ctx, s.s, emailsColl, validate.NormalizeEmail(email))
	if err != nil {
		return User{}, s.notFound(err)
	}
	return s.User(ctx, k.UserID)
}

// KnownEmails says which of emails have an account, in one read.
func (s *Service) KnownEmails(ctx context.Context, emails []string) (map[string]bool, error) {
	keys := make([]string, len(emails))
	for i, e := range emails {
		keys[i] = validate.NormalizeEmail(e)
	}
	in, err := store.Existing(ctx, s.s, emailsColl, keys)
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(in))
	for i, e := range emails {
		if in[keys[i]] {
			known[e] = true
		}
	}
	return known, nil
}

// User reads an account by id.
func (s *Service) User(ctx context.Context, id string) (User, error) {
	u, err := store.Get[User](ctx, s.s, usersColl, id)
	return u, s.notFound(err)
}

func (s *Service) notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return ErrUserNotFound.Wrap(err)
	}
	return err
}

// Login checks a password and opens a session. Attempts are limited per
// (account, address) and per address, and slowed per account (see
// loginKey), so a stranger can neither guess freely nor lock the owner out.
// The answer for an unknown account is the same, and takes as long, as for
// a wrong password.
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (Tokens, error) {
	email = validate.NormalizeEmail(email)
	if len(email) > validate.MaxEmail {
		// No such account can exist; refused before it costs a counter.
		return Tokens{}, ErrInvalidCredentials
	}
	if err := s.limitLogin(ctx, email, ip); err != nil {
		return Tokens{}, err
	}
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		if !errors.Is(err, ErrUserNotFound) {
			return Tokens{}, err
		}
		_, _ = VerifyPassword(s.dummy(), password)
		return Tokens{}, ErrInvalidCredentials
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return Tokens{}, err
	}
	if !ok || u.Disabled {
		return Tokens{}, ErrInvalidCredentials
	}
	s.loggedIn(ctx, email, ip)
	return s.openSession(ctx, u, ip, userAgent)
}

// limitLogin counts an attempt on every counter and refuses or slows it.
// Counting before the password is checked keeps a burst of parallel guesses
// from all passing before any is counted; a success gives its counts back.
func (s *Service) limitLogin(ctx context.Context, email, ip string) error {
	if err := s.limiter.hit(ctx, pairKey(email, ip), s.loginLimit); err != nil {
		return err
	}
	if err := s.limiter.hit(ctx, addressKey(ip), 5*s.loginLimit); err != nil {
		known, kerr := s.limiter.known(ctx, knownKey(email, ip))
		if kerr != nil {
			return kerr
		}
		if !known {
			_ = s.limiter.refund(ctx, pairKey(email, ip))
			return err
		}
	}
	n, err := s.limiter.count(ctx, loginKey(email), 0)
	if err != nil {
		return err
	}
	if over := n - s.loginLimit; over > 0 {
		s.sleep(ctx, min(time.Duration(over)*loginSlowStep, loginSlowMax))
	}
	return nil
}

// loggedIn gives back what a successful login counted: an office behind one
// address is limited by its failures, not by how many people log in, and
// the account is known at that address from now on. The account's own
// count only drops by one: the owner logging in does not wipe a stranger's
// failures.
func (s *Service) loggedIn(ctx context.Context, email, ip string) {
	for _, err := range []error{
		s.limiter.reset(ctx, pairKey(email, ip)),
		s.limiter.refund(ctx, addressKey(ip)),
		s.limiter.refund(ctx, loginKey(email)),
		s.limiter.remember(ctx, knownKey(email, ip), knownFor),
	} {
		if err != nil {
			s.log.WarnContext(ctx, "settle login counters", "err", err)
		}
	}
}

func (s *Service) openSession(ctx context.Context, u User, ip, userAgent string) (Tokens, error) {
	secret, hash := newSecret()
	now := s.now().UTC()
	sess := session{
		ID: store.NewID(), UserID: u.ID, Epoch: u.SessionEpoch, Current: hash, Used: []string{},
		CreatedAt: now, RefreshedAt: now, ExpiresAt: now.Add(s.refreshTTL), IP: ip, UserAgent: trim(userAgent, 200),
	}
	if err := store.Insert(ctx, s.s, sessionsColl, &sess); err != nil {
		return Tokens{}, err
	}
	return s.issue(u.ID, sess.ID, secret)
}

func (s *Service) issue(userID, sessionID, secret string) (Tokens, error) {
	access, err := s.tokens.issue(userID, sessionID)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{
		AccessToken: access, RefreshToken: refreshToken(sessionID, secret),
		ExpiresIn: int(s.tokens.ttl.Seconds()), TokenType: "Bearer",
	}, nil
}

// Refresh exchanges a refresh token for a new pair. The old token is spent;
// presenting a spent token again revokes the whole session, since one of the
// two holders is not who they claim to be.
func (s *Service) Refresh(ctx context.Context, token string) (Tokens, error) {
	sid, secret, ok := splitRefresh(token)
	if !ok {
		return Tokens{}, ErrInvalidRefresh
	}
	hash := hashSecret(secret)
	now := s.now().UTC()
	newSecretValue, newHash := newSecret()
	reused := false
	sess, err := store.Modify(ctx, s.s, sessionsColl, sid, 0, func(x *session) error {
		switch {
		case x.Revoked || now.After(x.ExpiresAt):
			return ErrInvalidRefresh
		case equalHash(x.Current, hash):
			x.Used = append(x.Used, x.Current)
			if len(x.Used) > maxUsed {
				x.Used = x.Used[len(x.Used)-maxUsed:]
			}
			x.Current, x.RefreshedAt = newHash, now
			return nil
		case slices.ContainsFunc(x.Used, func(h string) bool { return equalHash(h, hash) }):
			x.Revoked, x.Reason, reused = true, "refresh_reuse", true
			return nil
		default:
			return ErrInvalidRefresh
		}
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return Tokens{}, ErrInvalidRefresh
	case err != nil:
		return Tokens{}, err
	case reused:
		u, _ := s.User(ctx, sess.UserID)
		s.record(ctx, audit.Entry{
			Actor: audit.System, Action: audit.AuthRefreshReuse,
			Subject: audit.Subject{Type: "user", ID: sess.UserID, Name: u.Email},
			Reason:  "refresh_token_reused",
			Changes: map[string]audit.Change{"session": {From: sess.ID, To: nil}},
		})
		return Tokens{}, ErrInvalidRefresh
	}
	u, err := s.User(ctx, sess.UserID)
	if err != nil || u.Disabled || sess.Epoch != u.SessionEpoch {
		return Tokens{}, ErrInvalidRefresh
	}
	return s.issue(u.ID, sess.ID, newSecretValue)
}

// Logout revokes the session of a refresh token. It answers the same
// whatever the token, so it reveals nothing.
func (s *Service) Logout(ctx context.Context, token string) error {
	sid, secret, ok := splitRefresh(token)
	if !ok {
		return nil
	}
	hash := hashSecret(secret)
	_, err := store.Modify(ctx, s.s, sessionsColl, sid, 0, func(x *session) error {
		if !equalHash(x.Current, hash) || x.Revoked {
			return errNoop
		}
		x.Revoked, x.Reason = true, "logout"
		return nil
	})
	if err != nil && !errors.Is(err, errNoop) && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

var errNoop = errors.New("auth: nothing to do")

// Authenticate checks an access token and loads its user and session, so a
// logout, a disabled account or a removed role takes effect at once rather
// than when the token expires.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*Principal, error) {
	c, err := s.tokens.parse(accessToken)
	if err != nil {
		return nil, errs.ErrUnauthenticated.Wrap(err)
	}
	sess, err := store.Get[session](ctx, s.s, sessionsColl, c.SessionID)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, errs.ErrUnauthenticated.Wrap(err)
		}
		return nil, err
	}
	if sess.Revoked || sess.UserID != c.Subject {
		return nil, errs.ErrUnauthenticated
	}
	u, err := s.User(ctx, c.Subject)
	if err != nil {
		if errors.Is(err, ErrUserNotFound) {
			return nil, errs.ErrUnauthenticated.Wrap(err)
		}
		return nil, err
	}
	if u.Disabled || sess.Epoch != u.SessionEpoch {
		return nil, errs.ErrUnauthenticated
	}
	return &Principal{User: u, SessionID: sess.ID}, nil
}

// ErrWrongPassword refuses a password change with a wrong current password.
var ErrWrongPassword = errs.Field("currentPassword", "wrong_password")

// ChangePassword replaces p's password after checking the current one, ends
// every other session of the account, and returns a fresh session for the
// caller. Attempts count against the same (account, address) limit as
// logins.
func (s *Service) ChangePassword(ctx context.Context, p *Principal, current, next, ip, userAgent string) (Tokens, error) {
	var c validate.Checker
	if current == "" {
		c.Add("currentPassword", "required")
	}
	CheckPassword(&c, "newPassword", next, p.User.Email, p.User.FullName)
	if err := c.Err(); err != nil {
		return Tokens{}, err
	}
	if err := s.limiter.hit(ctx, pairKey(p.User.Email, ip), s.loginLimit); err != nil {
		return Tokens{}, err
	}
	ok, err := VerifyPassword(p.User.PasswordHash, current)
	if err != nil {
		return Tokens{}, err
	}
	if !ok {
		return Tokens{}, ErrWrongPassword
	}
	hash, err := s.HashPassword(next)
	if err != nil {
		return Tokens{}, err
	}
	u, err := store.Modify(ctx, s.s, usersColl, p.User.ID, 0, func(u *User) error {
		// Two changes racing with the same current password: the second
		// one checked a hash that is no longer there.
		if u.PasswordHash != p.User.PasswordHash {
			return ErrWrongPassword
		}
		u.PasswordHash = hash
		u.SessionEpoch++
		return nil
	})
	if err != nil {
		return Tokens{}, s.notFound(err)
	}
	_ = s.limiter.reset(ctx, pairKey(u.Email, ip))
	return s.openSession(ctx, u, ip, userAgent)
}

// SetRoles replaces a user's platform roles (admins only; the caller checks).
// An admin cannot take the admin role from themself, so the platform always
// keeps one.
func (s *Service) SetRoles(ctx context.Context, by *Principal, userID string, roles []string, ifVersion int64) (User, error) {
	var c validate.Checker
	clean := []string{}
	for _, r := range roles {
		c.OneOf("roles", r, PlatformRoles)
		if !slices.Contains(clean, r) {
			clean = append(clean, r)
		}
	}
	if err := c.Err(); err != nil {
		return User{}, err
	}
	slices.SortFunc(clean, func(a, b string) int { return slices.Index(PlatformRoles, a) - slices.Index(PlatformRoles, b) })
	if userID == by.User.ID && !slices.Contains(clean, RoleAdmin) {
		return User{}, ErrOwnAdminRole
	}
	var before []string
	u, err := store.Modify(ctx, s.s, usersColl, userID, ifVersion, func(u *User) error {
		before = u.Roles
		u.Roles = clean
		return nil
	})
	if err != nil {
		return User{}, s.notFound(err)
	}
	if slices.Contains(before, RoleAdmin) && !slices.Contains(clean, RoleAdmin) {
		// Two admins demoting each other at once would each pass the
		// own-role check. Count after writing; whoever finds no admin left
		// puts the role back, so the platform never ends up without one.
		n, err := store.Count(ctx, s.s, usersColl, bson.D{{Key: "roles", Value: RoleAdmin}})
		if err != nil || n == 0 {
			if _, rerr := store.Modify(ctx, s.s, usersColl, userID, 0, func(u *User) error {
				if !slices.Contains(u.Roles, RoleAdmin) {
					u.Roles = append(u.Roles, RoleAdmin)
				}
				return nil
			}); rerr != nil {
				s.log.ErrorContext(ctx, "restore the last admin", "user", userID, "err", rerr)
			}
			if err != nil {
				return User{}, err
			}
			return User{}, ErrLastAdmin
		}
	}
	if !slices.Equal(before, clean) {
		s.record(ctx, audit.Entry{
			Actor: by.Actor(), Action: audit.UserRoles,
			Subject: audit.Subject{Type: "user", ID: u.ID, Name: u.Email},
			Changes: map[string]audit.Change{"roles": {From: nonNil(before), To: clean}},
		})
	}
	return u, nil
}

// ListUsers pages through accounts whose e-mail or name contains q.
func (s *Service) ListUsers(ctx context.Context, q string, page, size int) ([]User, int64, error) {
	filter := bson.D{}
	if q = validate.Text(q); q != "" {
		re := bson.Regex{Pattern: regexp.QuoteMeta(q), Options: "i"}
		filter = bson.D{{Key: "$or", Value: bson.A{
			bson.D{{Key: "email", Value: re}}, bson.D{{Key: "fullName", Value: re}},
		}}}
	}
	total, err := store.Count(ctx, s.s, usersColl, filter)
	if err != nil {
		return nil, 0, err
	}
	items, err := store.Find[User](ctx, s.s, usersColl, filter, options.Find().
		SetSort(usersOrder).
		SetSkip(int64((page-1)*size)).SetLimit(int64(size)))
	return items, total, err
}

// WithRole returns every account holding role, by name (a department has
// tens of officers and reviewers, not thousands).
func (s *Service) WithRole(ctx context.Context, role string) ([]User, error) {
	return store.Find[User](ctx, s.s, usersColl, bson.D{{Key: "roles", Value: role}},
		options.Find().SetSort(byNameOrder))
}

// LinkOrg records that a user belongs to an organisation (idempotent).
func (s *Service) LinkOrg(ctx context.Context, userID, orgID string) error {
	_, err := store.Modify(ctx, s.s, usersColl, userID, 0, func(u *User) error {
		if slices.Contains(u.Orgs, orgID) {
			return errNoop
		}
		u.Orgs = append(u.Orgs, orgID)
		return nil
	})
	if errors.Is(err, errNoop) {
		return nil
	}
	return s.notFound(err)
}

// UnlinkOrg is the reverse of LinkOrg (idempotent).
func (s *Service) UnlinkOrg(ctx context.Context, userID, orgID string) error {
	_, err := store.Modify(ctx, s.s, usersColl, userID, 0, func(u *User) error {
		i := slices.Index(u.Orgs, orgID)
		if i < 0 {
			return errNoop
		}
		u.Orgs = slices.Delete(u.Orgs, i, i+1)
		return nil
	})
	if errors.Is(err, errNoop) || errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

func (s *Service) record(ctx context.Context, e audit.Entry) {
	if s.audit != nil {
		_ = s.audit.Record(ctx, e)
	}
}

// setting is a small document of platform-wide values.
type setting struct {
	ID    string `bson:"_id"`
	Value string `bson:"value"`
}

// SigningSecret returns the access-token secret: the configured one, or one
// generated on first start and kept in the store, so that every replica on
// the same database signs with the same key and restarts keep sessions.
func SigningSecret(ctx context.Context, s *store.Store, configured string) ([]byte, error) {
	if configured != "" {
		return []byte(configured), nil
	}
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	err := store.Insert(ctx, s, settingsColl, &setting{ID: "jwt_secret", Value: base64.RawStdEncoding.EncodeToString(b)})
	if err != nil && !errors.Is(err, store.ErrDuplicate) {
		return nil, fmt.Errorf("auth: store signing secret: %w", err)
	}
	got, err := store.Get[setting](ctx, s, settingsColl, "jwt_secret")
	if err != nil {
		return nil, fmt.Errorf("auth: read signing secret: %w", err)
	}
	return base64.RawStdEncoding.DecodeString(got.Value)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func trim(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}
