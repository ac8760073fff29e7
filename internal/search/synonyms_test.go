package search

import (
	"reflect"
	"testing"
)

func TestCompileSynonyms(t *testing.T) {
	got := CompileSynonyms([]SynonymRule{
		{Terms: []string{"Lạc", "đậu  phộng"}},
		{Terms: []string{"KH&CN", "KHCN"}, Expansions: []string{"khoa học và công nghệ"}},
		{Terms: []string{"lạc"}, Expansions: []string{"đậu phộng", "peanut"}}, // repeats are kept once
	})
	want := Synonyms{
		"lạc":       {"peanut", "đậu phộng"},
		"đậu phộng": {"lạc"},
		"kh&cn":     {"khoa học và công nghệ"},
		"khcn":      {"khoa học và công nghệ"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	f := foldSynonyms(got)
	if !reflect.DeepEqual(f["kh cn"], [][]string{{"khoa", "hoc", "va", "cong", "nghe"}}) || !reflect.DeepEqual(f["dau phong"], [][]string{{"lac"}}) {
		t.Errorf("folded: %v", f)
	}
}

func TestExactMarks(t *testing.T) {
	s := "<mark>Chế</mark> biến <mark>chè</mark> và <mark>CHÈ</mark> &amp; <mark>che</mark>"
	for _, c := range []struct {
		typed []string
		want  string
	}{
		{[]string{"chè"}, "Chế biến <mark>chè</mark> và <mark>CHÈ</mark> &amp; che"},
		{[]string{"chế"}, "<mark>Chế</mark> biến chè và CHÈ &amp; che"},
		{[]string{"che"}, s},          // typed without diacritics: all
		{[]string{"chè", "che"}, s},   // both ways: all
		{[]string{"biến", "xanh"}, s}, // other words untouched
		{[]string{"chè", "chế"}, "<mark>Chế</mark> biến <mark>chè</mark> và <mark>CHÈ</mark> &amp; che"},
	} {
		if got := exactMarks(s, c.typed); got != c.want {
			t.Errorf("%v:\n got %s\nwant %s", c.typed, got, c.want)
		}
	}
}
