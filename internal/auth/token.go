package auth

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const issuer = "techmart"

// claims of an access token. Roles are not in the token: they are read from
// the user on every request, so a role removed takes effect at once.
type claims struct {
	jwt.RegisteredClaims
	SessionID string `json:"sid"`
}

// tokens signs and verifies access tokens with HS256 only. The parser is
// pinned to that one method, so "alg: none" and algorithm-confusion tokens
// are refused before the signature is even looked at.
type tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

func (t *tokens) issue(userID, sessionID string) (string, error) {
	now := t.now()
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   userID,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
		},
		SessionID: sessionID,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.secret)
}

var errBadToken = errors.New("auth: invalid access token")

func (t *tokens) parse(raw string) (*claims, error) {
	var c claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(5*time.Second),
	)
	if err != nil || c.Subject == "" || c.SessionID == "" {
		return nil, errors.Join(errBadToken, err)
	}
	return &c, nil
}
