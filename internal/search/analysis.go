package search

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
)

// foldName is the token filter that strips Vietnamese diacritics (and maps
// đ to d) from each token. It must be a token filter, after NFC: as a
// character filter it shifts byte offsets and breaks highlighting, and
// without NFC first a decomposed "che" + U+0300 would not fold.
const foldName = "vi_fold"

type foldFilter struct {
	f *asciifolding.AsciiFoldingFilter
}

func (f foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = f.f.Filter(t.Term)
	}
	return in
}

func init() {
	if err := registry.RegisterTokenFilter(foldName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{asciifolding.New()}, nil
	}); err != nil {
		panic(err)
	}
}

// maxQueryWords is how many words of a query count (as in Meilisearch).
const maxQueryWords = 10

// typos is how many typos a query word of n letters may carry:
// Meilisearch's defaults. Most Vietnamese syllables have four letters or
// fewer once folded and get none — on purpose: "dong" must not find "long".
func typos(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	default:
		return 0
	}
}

var wordsAnalyzer = sync.OnceValue(func() analysis.Analyzer {
	a := newMapping().AnalyzerNamed("vi")
	if a == nil {
		panic("search: no Vietnamese analyzer")
	}
	return a
})

// Words splits text into the terms the index holds: NFC, lower case,
// diacritics folded ("Chè Shan tuyết" → che, shan, tuyet). Matching compares
// listings with it, so both sides fold alike whatever the engine.
func Words(text string) []string {
	toks := wordsAnalyzer().Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}
