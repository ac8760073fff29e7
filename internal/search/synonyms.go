package search

import (
	"html"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// SynonymRule is one rule the department maintains. Without Expansions the
// Terms are equivalent: each finds what the others find (sắn, khoai mì).
// With Expansions each of Terms also finds the Expansions, not the other
// way round (HTX → hợp tác xã; tea → chè). A term may be several words.
type SynonymRule struct {
	Terms      []string `json:"terms"`
	Expansions []string `json:"expansions,omitempty"`
}

// Synonyms is the compiled form of the rules: each term, lower case and
// NFC, with the phrases it also finds. It is Meilisearch's synonyms setting
// as is; Bleve applies the same map at query time.
type Synonyms map[string][]string

// maxSynonymWords is the longest term, in words, a rule may hold.
const maxSynonymWords = 8

// normTerm is a term as the compiled map keys it: NFC, lower case, single
// spaces.
func normTerm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

// CompileSynonyms turns rules into the map both engines take.
func CompileSynonyms(rules []SynonymRule) Synonyms {
	out := Synonyms{}
	add := func(from, to string) {
		from, to = normTerm(from), normTerm(to)
		if from == "" || to == "" || from == to || slices.Contains(out[from], to) {
			return
		}
		out[from] = append(out[from], to)
	}
	for _, r := range rules {
		for _, t := range r.Terms {
			if len(r.Expansions) > 0 {
				for _, e := range r.Expansions {
					add(t, e)
				}
				continue
			}
			for _, o := range r.Terms {
				add(t, o)
			}
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// foldedSynonyms is Synonyms as Bleve reads them: the folded words of a
// term (joined by spaces) → the folded words of each phrase it also finds.
type foldedSynonyms map[string][][]string

func foldSynonyms(s Synonyms) foldedSynonyms {
	out := foldedSynonyms{}
	for from, tos := range s {
		key := strings.Join(Words(from), " ")
		if key == "" {
			continue
		}
		for _, to := range tos {
			ws := Words(to)
			if len(ws) == 0 || strings.Join(ws, " ") == key {
				continue
			}
			if !slices.ContainsFunc(out[key], func(have []string) bool { return slices.Equal(have, ws) }) {
				out[key] = append(out[key], ws)
			}
		}
	}
	return out
}

// exactMarks keeps a highlight only where the marked word is spelled as
// the query typed it: "chè" marks chè but not chế, while "che", typed
// without diacritics, marks both. typed holds the query's words as typed
// (NFC, lower case); marked text is HTML-escaped with <mark> tags.
func exactMarks(s string, typed []string) string {
	withMarks := map[string][]string{} // folded word → forms typed with diacritics
	plain := map[string]bool{}         // folded words typed without them
	for _, w := range typed {
		ws := Words(w)
		if len(ws) != 1 {
			continue
		}
		if ws[0] == w {
			plain[w] = true
		} else {
			withMarks[ws[0]] = append(withMarks[ws[0]], w)
		}
	}
	if len(withMarks) == 0 || !strings.Contains(s, "<mark>") {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.Index(s, "<mark>")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "</mark>")
		if j < 0 {
			break
		}
		word := s[i+len("<mark>") : i+j]
		sb.WriteString(s[:i])
		raw := strings.ToLower(norm.NFC.String(html.UnescapeString(word)))
		folded := strings.Join(Words(raw), " ")
		if forms, ok := withMarks[folded]; ok && !plain[folded] && !slices.Contains(forms, raw) {
			sb.WriteString(word) // same letters, other diacritics: not what was asked
		} else {
			sb.WriteString(s[i : i+j+len("</mark>")])
		}
		s = s[i+j+len("</mark>"):]
	}
	sb.WriteString(s)
	return sb.String()
}
