package search

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Telex and VNI are how Vietnamese is typed on a Latin keyboard: an input
// method turns "quyts" (Telex) or "quy1t" (VNI) into "quýt" as one types.
// With the input method off the keys stay as they are, and the word finds
// nothing. DecodeTyped reads such a word back; Search then uses the decoded
// word only when the index knows it and not the word as typed.

// Combining marks, composed with the base letter by NFC.
const (
	markAcute, markGrave, markHook, markTilde, markDot = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
	markCircumflex, markBreve, markHorn                = "\u0302", "\u0306", "\u031b"
)

var telexTones = map[byte]string{'s': markAcute, 'f': markGrave, 'r': markHook, 'x': markTilde, 'j': markDot}
var vniTones = map[byte]string{'1': markAcute, '2': markGrave, '3': markHook, '4': markTilde, '5': markDot}

// letter is one letter of a syllable being decoded: its base letter and the
// vowel mark it carries ("" for none; đ is base 'd' with mark "đ").
type letter struct {
	base byte
	mark string
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// DecodeTyped reads word as Telex or VNI typed with the input method off
// and returns the Vietnamese syllable it spells (lower case, NFC), or false
// when word carries no Telex or VNI keys or is not one syllable's worth of
// them. The caller decides whether the result is a word anyone wrote.
func DecodeTyped(word string) (string, bool) {
	if len(word) < 2 || len(word) > 12 {
		return "", false
	}
	w := []byte(strings.ToLower(word))
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return "", false
		}
	}
	if strings.ContainsAny(string(w), "0123456789") {
		return decodeVNI(w)
	}
	return decodeTelex(w)
}

func decodeTelex(w []byte) (string, bool) {
	var ls []letter
	tone := ""
	changed := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		n := len(ls)
		prev := func() *letter {
			if n == 0 {
				return nil
			}
			return &ls[n-1]
		}()
		switch {
		case c == 'd' && prev != nil && prev.base == 'd' && prev.mark == "" && n == 1:
			prev.mark, changed = "đ", true
		case (c == 'a' || c == 'e' || c == 'o') && prev != nil && prev.base == c && prev.mark == "":
			prev.mark, changed = markCircumflex, true
		case c == 'w':
			// aw → ă, ow → ơ, uw → ư; "uow" and "uwow" → ươ.
			switch {
			case prev != nil && prev.base == 'a' && prev.mark == "":
				prev.mark = markBreve
			case prev != nil && prev.base == 'o' && prev.mark == "":
				prev.mark = markHorn
				if n >= 2 && ls[n-2].base == 'u' && ls[n-2].mark == "" {
					ls[n-2].mark = markHorn
				}
			case prev != nil && prev.base == 'u' && prev.mark == "":
				prev.mark = markHorn
			default:
				return "", false
			}
			changed = true
		case telexTones[c] != "" && hasVowel(ls) && tone == "" && (i == len(w)-1 || !isVowel(w[i+1])):
			tone, changed = telexTones[c], true
		default:
			ls = append(ls, letter{base: c})
		}
	}
	if !changed {
		return "", false
	}
	return compose(ls, tone)
}

func decodeVNI(w []byte) (string, bool) {
	var ls []letter
	tone := ""
	// find returns the vowel a VNI mark digit applies to: the nearest
	// one before it that can carry the mark.
	find := func(ok func(l letter) bool) *letter {
		for i := len(ls) - 1; i >= 0; i-- {
			if ok(ls[i]) {
				return &ls[i]
			}
		}
		return nil
	}
	for _, c := range w {
		switch {
		case c >= '1' && c <= '5':
			if tone != "" || !hasVowel(ls) {
				return "", false
			}
			tone = vniTones[c]
		case c == '6':
			l := find(func(l letter) bool { return (l.base == 'a' || l.base == 'e' || l.base == 'o') && l.mark == "" })
			if l == nil {
				return "", false
			}
			l.mark = markCircumflex
		case c == '7':
			l := find(func(l letter) bool { return (l.base == 'o' || l.base == 'u') && l.mark == "" })
			if l == nil {
				return "", false
			}
			l.mark = markHorn
			// "uo7" is ươ.
			if l.base == 'o' {
				for i := range ls {
					if &ls[i] == l && i > 0 && ls[i-1].base == 'u' && ls[i-1].mark == "" {
						ls[i-1].mark = markHorn
					}
				}
			}
		case c == '8':
			l := find(func(l letter) bool { return l.base == 'a' && l.mark == "" })
			if l == nil {
				return "", false
			}
			l.mark = markBreve
		case c == '9':
			if len(ls) == 0 || ls[0].base != 'd' || ls[0].mark != "" {
				return "", false
			}
			ls[0].mark = "đ"
		case c == '0':
			return "", false
		default:
			ls = append(ls, letter{base: c})
		}
	}
	return compose(ls, tone)
}

func hasVowel(ls []letter) bool {
	for _, l := range ls {
		if isVowel(l.base) {
			return true
		}
	}
	return false
}

// compose writes the syllable with its tone on the vowel Vietnamese puts
// it on: a vowel carrying a mark (ơ of ươ), else the last vowel when a
// consonant follows, else the first of two final vowels (hòa, thủy, the
// older and still common placement) or the middle of three.
func compose(ls []letter, tone string) (string, bool) {
	start, end := -1, -1 // the vowel nucleus
	for i, l := range ls {
		if isVowel(l.base) {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start >= 0 {
			break
		}
	}
	if start < 0 {
		return "", false
	}
	// "qu" and "gi" before another vowel: u and i belong to the consonant.
	if end-start > 1 && start > 0 && (ls[start-1].base == 'q' && ls[start].base == 'u' ||
		ls[start-1].base == 'g' && ls[start].base == 'i' && ls[start].mark == "") {
		start++
	}
	// A syllable has one nucleus: vowels after a final consonant are not Vietnamese.
	for _, l := range ls[end:] {
		if isVowel(l.base) {
			return "", false
		}
	}
	if end-start > 3 {
		return "", false
	}
	on := -1
	if tone != "" {
		for i := start; i < end; i++ {
			if ls[i].mark != "" {
				on = i // the last marked vowel: ơ in ươ
			}
		}
		if on < 0 {
			switch {
			case end < len(ls) || end-start == 1:
				on = end - 1
			case end-start == 2:
				on = start
			default:
				on = start + 1
			}
		}
	}
	var sb strings.Builder
	for i, l := range ls {
		if l.mark == "đ" {
			sb.WriteString("đ")
		} else {
			sb.WriteByte(l.base)
			sb.WriteString(l.mark)
		}
		if i == on {
			sb.WriteString(tone)
		}
	}
	return norm.NFC.String(sb.String()), true
}
