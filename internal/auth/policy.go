package auth

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/techmart-vn/techmart/internal/validate"
)

// Password policy: NIST SP 800-63B style — length and a blocklist, not
// composition rules.
const (
	PasswordMin = 10
	PasswordMax = 128
)

// Field codes of a refused password.
const (
	CodeCommonPassword = "common_password"    // in the list of common passwords, perhaps with digits or symbols around it
	CodeWeakPassword   = "weak_password"      // one unit repeated, or a run of the alphabet, digits or a keyboard row
	CodeContainsEmail  = "password_has_email" // holds the e-mail or its local part
	CodeContainsName   = "password_has_name"  // holds the person's name
)

// commonGz is the zxcvbn list of the 30,000 most common passwords (see
// common-passwords.LICENSE beside it), one a line, gzip-compressed.
//
//go:embed common-passwords.txt.gz
var commonGz []byte

// localCommon are favourites the zxcvbn list (drawn from English-language
// breaches) lacks: Vietnamese words people put in passwords, and this
// platform's own names. A password made of one of them with digits or
// symbols around it is refused like a listed one.
var localCommon = []string{
	"matkhau", "matkhaumoi", "anhyeuem", "emyeuanh", "yeuem", "yeuanh", "khongbiet", "khongco",
	"vietnam", "hanoi", "saigon", "hochiminh", "thainguyen", "backan", "sokhcn", "khcn",
	"techmart", "congnghe", "admin", "quantri", "xinchao",
}

// commonPasswords is the folded list, read once on first use (a few MB of
// map, so not at start-up of commands that never check a password).
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(commonGz))
	if err != nil {
		panic("auth: embedded common-password list: " + err.Error())
	}
	set := make(map[string]struct{}, 30100)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := foldPassword(sc.Text()); w != "" {
			set[w] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		panic("auth: embedded common-password list: " + err.Error())
	}
	for _, w := range localCommon {
		set[w] = struct{}{}
	}
	return set
})

// foldPassword is the form passwords are compared in: NFKC (so full-width
// and composed letters equal their plain forms) and case-folded.
func foldPassword(s string) string {
	return cases.Fold().String(norm.NFKC.String(s))
}

// unaccent drops Vietnamese diacritics (and đ → d), since people type
// their names without them in passwords.
func unaccent(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// CheckPassword applies the policy to a new password for the account of
// email and name: its length; not a common password (alone or with digits
// and symbols around it); not one unit repeated nor a run of letters,
// digits or a keyboard row; not holding the e-mail's local part or the
// name. Comparisons are made after NFKC and case folding, and the personal
// ones without diacritics too.
func CheckPassword(c *validate.Checker, field, password, email, name string) {
	if !c.Length(field, password, PasswordMin, PasswordMax) {
		return
	}
	// Each code is named where it is added, so the check that every error
	// code has its texts can see them.
	switch passwordProblem(password, email, name) {
	case CodeContainsEmail:
		c.Add(field, CodeContainsEmail)
	case CodeContainsName:
		c.Add(field, CodeContainsName)
	case CodeCommonPassword:
		c.Add(field, CodeCommonPassword)
	case CodeWeakPassword:
		c.Add(field, CodeWeakPassword)
	}
}

func passwordProblem(password, email, name string) string {
	p := foldPassword(password)
	// Without diacritics, spaces and punctuation, for comparing with the
	// person's own words: "Nguyễn Thị Lan 1990" holds "nguyenthilan".
	letters := lettersOnly(unaccent(p))
	if email != "" && p == foldPassword(email) {
		return CodeContainsEmail
	}
	local, _, _ := strings.Cut(foldPassword(email), "@")
	if utf8.RuneCountInString(local) >= 3 && strings.Contains(p, local) {
		return CodeContainsEmail
	}
	for _, w := range personalParts(unaccent(local)) {
		if strings.Contains(letters, w) {
			return CodeContainsEmail
		}
	}
	for _, w := range personalParts(unaccent(foldPassword(name))) {
		if strings.Contains(letters, w) {
			return CodeContainsName
		}
	}
	list := commonPasswords()
	core := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	if _, ok := list[p]; ok {
		return CodeCommonPassword
	}
	if _, ok := list[core]; ok && utf8.RuneCountInString(core) >= 4 {
		return CodeCommonPassword
	}
	if repeated(p) || run(p) {
		return CodeWeakPassword
	}
	return ""
}

// personalParts are the pieces of a name (or an e-mail's local part) a
// password must not hold: the whole of it and every two words in a row,
// joined without spaces ("nguyenthilan", "nguyenthi", "thilan"), when they
// have three letters or more. Single words are not refused: Vietnamese
// names are made of everyday syllables ("minh", "thanh", "hoa"), and a
// password need not avoid them.
func personalParts(s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []string
	add := func(w string) {
		if utf8.RuneCountInString(w) >= 3 {
			out = append(out, w)
		}
	}
	add(strings.Join(words, ""))
	for i := 0; i+1 < len(words); i++ {
		add(words[i] + words[i+1])
	}
	return out
}

// lettersOnly keeps the letters and digits of s.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// repeated reports whether s is one shorter unit written again and again
// ("passwordpassword", "abcabcabca", "zzzzzzzzzz").
func repeated(s string) bool {
	r := []rune(s)
	for n := 1; n <= len(r)/2; n++ {
		ok := true
		for i := n; i < len(r) && ok; i++ {
			ok = r[i] == r[i-n]
		}
		if ok {
			return true
		}
	}
	return false
}

// keyboardRows are the rows of a QWERTY keyboard, which Vietnamese
// keyboards share.
var keyboardRows = []string{"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"}

// run reports whether s steps through the alphabet or the digits one by one
// ("abcdefghij", "9876543210") or lies along one keyboard row.
func run(s string) bool {
	r := []rune(s)
	step := r[1] - r[0]
	if step == 1 || step == -1 {
		ok := true
		for i := 2; i < len(r) && ok; i++ {
			ok = r[i]-r[i-1] == step
		}
		if ok {
			return true
		}
	}
	rev := []rune(s)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	for _, row := range keyboardRows {
		if strings.Contains(row, s) || strings.Contains(row, string(rev)) {
			return true
		}
	}
	return false
}
