package matching

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A "shared keywords" reason names phrases a person can find in both
// listings: a keyword of one listing that occurs, word for word and
// contiguous, in the other's text. Words are compared without regard to
// case, Unicode form or where the tone mark sits (hoà = hòa); diacritics
// count unless a listing is written without any (then its words match
// folded: "che" finds "chè"). "chè" does not find "chế biến", and
// "độ ẩm đất" is not found in a text that has "độ ẩm" and, elsewhere,
// "đất".

// word is one word of a text: exact is lower case with the tone mark
// moved to the end (so old and new tone placement agree); folded has no
// diacritics at all (đ → d).
type word struct{ exact, folded string }

// toneMarks are the five Vietnamese tone marks as combining characters.
var toneMarks = map[rune]bool{'\u0300': true, '\u0301': true, '\u0303': true, '\u0309': true, '\u0323': true}

func splitWord(w string) word {
	var base, tone, folded strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case toneMarks[r]:
			tone.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			base.WriteRune(r)
		case r == 'đ':
			base.WriteRune(r)
			folded.WriteRune('d')
		default:
			base.WriteRune(r)
			folded.WriteRune(r)
		}
	}
	return word{exact: base.String() + tone.String(), folded: folded.String()}
}

// passage is a run of words between punctuation: a phrase never spans a
// full stop, a comma or a line break.
type passage []word

// passages splits text at punctuation into runs of words.
func passages(text string) []passage {
	var out []passage
	var cur passage
	start := -1
	flush := func(end int) {
		if start >= 0 {
			cur = append(cur, splitWord(text[start:end]))
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case unicode.IsSpace(r) && r != '\n':
			flush(i)
		default: // punctuation, symbols and line breaks end a passage
			flush(i)
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
		}
	}
	flush(len(text))
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// phraseText is a listing's text as phrases are looked for in it.
type phraseText struct {
	parts  []passage
	folded bool // written without diacritics: compare folded
}

func newPhraseText(texts ...string) phraseText {
	var pt phraseText
	accented := false
	for _, t := range texts {
		for _, p := range passages(t) {
			for _, w := range p {
				if w.exact != w.folded {
					accented = true
				}
			}
			pt.parts = append(pt.parts, p)
		}
	}
	pt.folded = !accented
	return pt
}

// contains reports whether phrase occurs in pt as contiguous words.
func (pt phraseText) contains(phrase passage, folded bool) bool {
	if len(phrase) == 0 {
		return false
	}
	same := func(a, b word) bool {
		if folded || pt.folded {
			return a.folded == b.folded
		}
		return a.exact == b.exact
	}
	for _, p := range pt.parts {
		for i := 0; i+len(phrase) <= len(p); i++ {
			if same(p[i], phrase[0]) && slices.EqualFunc(p[i:i+len(phrase)], phrase, same) {
				return true
			}
		}
	}
	return false
}

// phraseOf is a keyword as a phrase: its words in order, and whether it
// was typed without diacritics.
func phraseOf(keyword string) (passage, bool) {
	var ph passage
	accented := false
	for _, p := range passages(keyword) {
		for _, w := range p {
			accented = accented || w.exact != w.folded
		}
		ph = append(ph, p...)
	}
	return ph, !accented
}

// Contains reports whether phrase occurs, as contiguous words, in one of
// texts, by the rules above: what a "shared keywords" reason claims of
// each of the two listings.
func Contains(phrase string, texts ...string) bool {
	ph, folded := phraseOf(phrase)
	return newPhraseText(texts...).contains(ph, folded)
}

// Frequencies tells how many listings of the catalogue hold each folded
// word: a word most listings use is weak evidence that two fit. The Bleve
// engine implements it; without it, every word weighs the same.
type Frequencies interface {
	DocFreq(ctx context.Context, words []string) (df map[string]int, total int, err error)
}

// weights is the inverse document frequency of words, scaled to 0–1: 1 for
// a word no other listing uses, 0 for one every listing uses.
type weights func(folded string) float64

func uniform(string) float64 { return 1 }

// idfWeights reads the frequencies of words from f.
func idfWeights(ctx context.Context, f Frequencies, words []string) weights {
	if f == nil || len(words) == 0 {
		return uniform
	}
	df, n, err := f.DocFreq(ctx, words)
	if err != nil || n == 0 {
		return uniform
	}
	top := math.Log(float64(n + 1))
	return func(w string) float64 {
		d, ok := df[w]
		if !ok {
			return 1
		}
		return max(0, math.Log(float64(n+1)/float64(d+1))/top)
	}
}

// minPhraseWeight is the weight below which a shared phrase is not worth
// naming: its rarest word is in about a quarter of the catalogue or more.
const minPhraseWeight = 0.15

// sharedPhrase is a keyword found in both listings and what it weighs.
type sharedPhrase struct {
	text   string
	weight float64
}

// phraseWeight is the weight of the phrase's rarest content word.
func phraseWeight(ph passage, w weights) float64 {
	best := 0.0
	for _, x := range ph {
		if len(x.folded) > 1 && !stop[x.folded] {
			best = max(best, w(x.folded))
		}
	}
	return best
}

// sharedPhrases are the keywords of either listing that occur as phrases
// in the other, heaviest first, without repeats.
func sharedPhrases(a, b *side, w weights) []sharedPhrase {
	var out []sharedPhrase
	seen := map[string]bool{}
	look := func(from, in *side) {
		for _, k := range from.Keywords {
			ph, folded := phraseOf(k)
			key := foldedKey(ph)
			if key == "" || seen[key] {
				continue
			}
			if !in.mayHold(ph) || !in.phrases().contains(ph, folded) {
				continue
			}
			pw := phraseWeight(ph, w)
			if pw < minPhraseWeight {
				continue
			}
			seen[key] = true
			out = append(out, sharedPhrase{text: strings.TrimSpace(k), weight: pw})
		}
	}
	look(a, b)
	look(b, a)
	slices.SortStableFunc(out, func(x, y sharedPhrase) int {
		switch {
		case x.weight > y.weight:
			return -1
		case x.weight < y.weight:
			return 1
		}
		return 0
	})
	return out
}

func foldedKey(ph passage) string {
	parts := make([]string, len(ph))
	for i, w := range ph {
		parts[i] = w.folded
	}
	return strings.Join(parts, " ")
}

// contentWords are the folded words of keywords that phrases are weighed by.
func contentWords(sides ...*side) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sides {
		for _, k := range s.Keywords {
			ph, _ := phraseOf(k)
			for _, w := range ph {
				if len(w.folded) > 1 && !stop[w.folded] && !seen[w.folded] {
					seen[w.folded] = true
					out = append(out, w.folded)
				}
			}
		}
	}
	return out
}

// mayHold is a cheap test before looking for ph word by word: every
// folded word of it is among s's terms.
func (s *side) mayHold(ph passage) bool {
	for _, w := range ph {
		if len(w.folded) > 1 && !stop[w.folded] && !s.all[w.folded] {
			return false
		}
	}
	return true
}

// phrases is s's whole public text split for phrase lookups, built when
// first needed.
func (s *side) phrases() *phraseText {
	if s.pt == nil {
		pt := newPhraseText(append(append([]string{s.Title, s.summary}, s.Keywords...), s.rest)...)
		s.pt = &pt
	}
	return s.pt
}
