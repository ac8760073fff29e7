package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// PasswordCost is the argon2id cost of new password hashes. A hash keeps
// the cost it was made with, so verifying never depends on it.
type PasswordCost struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
}

// DefaultPasswordCost is OWASP's minimum recommendation (19 MiB, 2 passes,
// 1 lane), about 30 ms on the 2-core machines this runs on. Production
// always hashes with it; tests of other things may pass a lower one
// (Options.PasswordCost) because the race detector makes each hash about
// six times slower.
var DefaultPasswordCost = PasswordCost{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	argonKeyLen  = 32
	argonSaltLen = 16
)

// hashSlots bounds concurrent hashing so a burst of logins cannot take
// 19 MiB each without limit.
var hashSlots = make(chan struct{}, 2*runtime.NumCPU())

// HashPassword returns a PHC-formatted argon2id hash at DefaultPasswordCost.
func HashPassword(password string) (string, error) {
	return DefaultPasswordCost.Hash(password)
}

// Hash returns a PHC-formatted argon2id hash at this cost.
func (c PasswordCost) Hash(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	hashSlots <- struct{}{}
	key := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, argonKeyLen)
	<-hashSlots
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, c.Memory, c.Time, c.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword compares password with a hash made by HashPassword (with
// whatever parameters it was made with), in constant time.
func VerifyPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("auth: unsupported argon2 version")
	}
	var mem, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &passes, &threads); err != nil {
		return false, errors.New("auth: bad argon2 parameters")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, err
	}
	hashSlots <- struct{}{}
	got := argon2.IDKey([]byte(password), salt, passes, mem, threads, uint32(len(want)))
	<-hashSlots
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash returns a hash at this cost to verify against when the e-mail
// is unknown, so an unknown account takes as long to refuse as a wrong
// password. It is made on first use, not when a program that never logs
// anyone in starts.
func dummyHash(c PasswordCost) func() string {
	return sync.OnceValue(func() string {
		h, err := c.Hash("techmart-timing-equaliser")
		if err != nil {
			panic(err)
		}
		return h
	})
}
