package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"

	"github.com/techmart-vn/techmart/internal/validate"
)

// Argon2id parameters: OWASP's minimum recommendation (19 MiB, 2 passes, 1
// lane), about 30 ms on the 2-core machines this runs on.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password policy: NIST SP 800-63B style — length, not composition rules.
const (
	PasswordMin = 10
	PasswordMax = 128
)

// hashSlots bounds concurrent hashing so a burst of logins cannot take
// 19 MiB each without limit.
var hashSlots = make(chan struct{}, 2*runtime.NumCPU())

// HashPassword returns a PHC-formatted argon2id hash.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	hashSlots <- struct{}{}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	<-hashSlots
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
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

// dummyHash is verified against when the e-mail is unknown, so an unknown
// account takes as long to refuse as a wrong password.
var dummyHash = func() string {
	h, err := HashPassword("techmart-timing-equaliser")
	if err != nil {
		panic(err)
	}
	return h
}()

// common holds passwords that are refused whatever their length: the most
// used ones in breach lists, and Vietnamese favourites.
var common = map[string]bool{
	"1234567890": true, "0123456789": true, "12345678910": true, "123456789a": true,
	"password123": true, "password1234": true, "qwertyuiop": true, "1qaz2wsx3edc": true,
	"matkhau123": true, "matkhau1234": true, "matkhaumoi": true, "anhyeuem123": true,
	"iloveyou123": true, "abcd123456": true, "abc1234567": true, "admin12345": true,
	"techmart123": true, "techmart2026": true, "0987654321": true, "1111111111": true,
	"khongbiet123": true, "vietnam123": true, "vietnam1234": true, "hanoi12345": true,
}

// CheckPassword applies the policy: length, not a known common password,
// not the e-mail or its local part, not one repeated character.
func CheckPassword(c *validate.Checker, field, password, email string) {
	if !c.Length(field, password, PasswordMin, PasswordMax) {
		return
	}
	lower := strings.ToLower(password)
	local, _, _ := strings.Cut(email, "@")
	if common[lower] || lower == email || (len(local) >= 4 && strings.Contains(lower, local)) ||
		strings.Count(lower, lower[:1]) == len(lower) {
		c.Add(field, "weak_password")
	}
}
