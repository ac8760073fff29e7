package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/store"
)

// session is one login: the family of refresh tokens that descends from it.
// Only the newest token is valid; every refresh replaces it. A token that
// was already used coming back means it was stolen (or the client is
// confused): the whole session is revoked.
type session struct {
	store.Meta  `bson:",inline"`
	ID          string    `bson:"_id"`
	UserID      string    `bson:"userId"`
	Epoch       int       `bson:"epoch,omitempty"` // the user's SessionEpoch at login
	Current     string    `bson:"current"`         // sha256 of the valid refresh secret
	Used        []string  `bson:"used"`            // hashes of spent secrets, newest last
	Revoked     bool      `bson:"revoked"`
	Reason      string    `bson:"reason,omitempty"`
	CreatedAt   time.Time `bson:"createdAt"`
	RefreshedAt time.Time `bson:"refreshedAt"`
	ExpiresAt   time.Time `bson:"expiresAt"`
	IP          string    `bson:"ip,omitempty"`
	UserAgent   string    `bson:"userAgent,omitempty"`
}

// maxUsed bounds the spent hashes kept for reuse detection.
const maxUsed = 64

// newSecret returns a refresh secret and its hash.
func newSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// refreshToken is what the client holds: "<session id>.<secret>". Only the
// hash of the secret is stored.
func refreshToken(sessionID, secret string) string { return sessionID + "." + secret }

func splitRefresh(token string) (sessionID, secret string, ok bool) {
	sessionID, secret, ok = strings.Cut(token, ".")
	if !ok || len(sessionID) != 24 || len(secret) != 43 {
		return "", "", false
	}
	return sessionID, secret, true
}

func equalHash(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
