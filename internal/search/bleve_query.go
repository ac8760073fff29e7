package search

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"
)

// SetSynonyms replaces the synonyms applied at query time.
func (b *Bleve) SetSynonyms(_ context.Context, s Synonyms) error {
	f := foldSynonyms(s)
	b.synonyms.Store(&f)
	return nil
}

// slot is one part of a query as Search plans it: a word, or a term of
// several words the synonyms know, with the phrases it also finds.
type slot struct {
	words []string   // folded
	typed []string   // as typed: NFC, lower case (decoded when typed in Telex or VNI)
	alts  [][]string // folded phrases the synonyms add
	last  bool       // holds the query's last word, matched as a prefix too
	df    uint64     // how many documents hold it, at most (from the term dictionary)
}

// docFreq is how many documents hold word in their most frequent text
// field (with prefixes when it is the last word): a term dictionary lookup
// per field, no scan.
func docFreq(ctx context.Context, r index.IndexReader, word string, prefix bool) uint64 {
	var n uint64
	count := func(field string) {
		tfr, err := r.TermFieldReader(ctx, []byte(word), field, false, false, false)
		if err != nil {
			return
		}
		n = max(n, tfr.Count())
		_ = tfr.Close()
	}
	for _, f := range textFields {
		count(f.name)
	}
	if prefix {
		count(fTitlePrefix)
	}
	return n
}

// plan reads query text into slots: at most maxQueryWords words, each
// decoded from Telex or VNI when the index knows only the decoded word,
// then grouped into the longest terms the synonyms know.
func (b *Bleve) plan(ctx context.Context, r index.IndexReader, text string) []slot {
	var folded, typed []string
	for _, t := range b.analyzer.Analyze([]byte(text)) {
		folded = append(folded, string(t.Term))
		typed = append(typed, strings.ToLower(norm.NFC.String(text[t.Start:t.End])))
		if len(folded) == maxQueryWords {
			break
		}
	}
	// A decoded word was typed whole (its tone key ends it): it is no
	// prefix, even last.
	prefixLast := true
	for i, w := range folded {
		last := i == len(folded)-1
		dec, ok := DecodeTyped(typed[i])
		if !ok || docFreq(ctx, r, w, last) > 0 {
			continue
		}
		if ws := Words(dec); len(ws) == 1 && docFreq(ctx, r, ws[0], false) > 0 {
			folded[i], typed[i] = ws[0], dec
			if last {
				prefixLast = false
			}
		}
	}
	var syn foldedSynonyms
	if p := b.synonyms.Load(); p != nil {
		syn = *p
	}
	var out []slot
	for i := 0; i < len(folded); {
		n := 1
		for k := min(maxSynonymWords, len(folded)-i); k >= 1; k-- {
			if _, ok := syn[strings.Join(folded[i:i+k], " ")]; ok {
				n = k
				break
			}
		}
		s := slot{words: folded[i : i+n], typed: typed[i : i+n], alts: syn[strings.Join(folded[i:i+n], " ")], last: i+n == len(folded) && prefixLast}
		for j, w := range s.words {
			s.df = max(s.df, docFreq(ctx, r, w, s.last && j == n-1))
		}
		for _, a := range s.alts {
			m := uint64(0)
			for j, w := range a {
				if d := docFreq(ctx, r, w, false); j == 0 || d < m {
					m = d
				}
			}
			s.df += m
		}
		out = append(out, s)
		i += n
	}
	return out
}

// phraseQuery matches every word of a phrase; exact is the phrase as typed,
// for the diacritics bonus.
func phraseQuery(words, typed []string, last bool) query.Query {
	if len(words) == 1 {
		return wordQuery(words[0], firstOr(typed), last)
	}
	qs := make([]query.Query, len(words))
	for i, w := range words {
		t := ""
		if i < len(typed) {
			t = typed[i]
		}
		qs[i] = wordQuery(w, t, last && i == len(words)-1)
	}
	return query.NewConjunctionQuery(qs)
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// slotQuery matches a slot's own words or any phrase its synonyms add;
// the words as typed weigh a little more.
func slotQuery(s slot) query.Query {
	own := phraseQuery(s.words, s.typed, s.last)
	if len(s.alts) == 0 {
		return own
	}
	qs := []query.Query{own}
	for _, a := range s.alts {
		q := phraseQuery(a, nil, false)
		if c, ok := q.(*query.ConjunctionQuery); ok {
			c.SetBoost(0.8)
		} else if d, ok := q.(*query.DisjunctionQuery); ok {
			d.SetBoost(0.8)
		}
		qs = append(qs, q)
	}
	return query.NewDisjunctionQuery(qs)
}

// relaxOrder is the order in which slots are dropped when too few
// documents hold them all: words the index does not know first (they can
// only be typos or words no listing uses), then words most documents hold
// (the least informative: more than half of docs), then from the end, as
// Meilisearch's "last" strategy — people put the qualifiers last
// ("máy vò chè Thái Nguyên").
func relaxOrder(slots []slot, docs uint64) []int {
	class := func(s slot) int {
		switch {
		case s.df == 0:
			return 0
		case s.df*2 > docs:
			return 1
		}
		return 2
	}
	order := make([]int, len(slots))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if ca, cb := class(slots[a]), class(slots[b]); ca != cb {
			return ca - cb
		}
		return b - a
	})
	return order
}

// typedWords lists the query's words as typed, for exactMarks.
func typedWords(slots []slot) []string {
	var out []string
	for _, s := range slots {
		out = append(out, s.typed...)
	}
	return out
}
