package search

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestDecodeTyped(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		// Telex
		{"quyts", "quýt", true},
		{"quyst", "quýt", true},
		{"chef", "chè", true},
		{"mieens", "miến", true},
		{"naams", "nấm", true},
		{"baor", "bảo", true},
		{"quanr", "quản", true},
		{"saays", "sấy", true},
		{"lanhj", "lạnh", true},
		{"ddieeuf", "điều", true},
		{"khieenr", "khiển", true},
		{"vuwngf", "vừng", true},
		{"dduwowngf", "đường", true},
		{"truowngf", "trường", true},
		{"hoaf", "hòa", true},
		{"thuyr", "thủy", true},
		{"ngoaif", "ngoài", true},
		{"giaas", "giấ", true},
		{"sawns", "sắn", true},
		{"DDoongf", "đồng", true},
		// VNI
		{"quy1t", "quýt", true},
		{"che2", "chè", true},
		{"mie61n", "miến", true},
		{"d9o6ng2", "đồng", true},
		{"vu7ng2", "vừng", true},
		{"tru7o7ng2", "trường", true},
		{"sa8n1", "sắn", true},
		// Not Telex or VNI: nothing to decode, or not one syllable.
		{"xanh", "", false},
		{"shan", "", false},
		{"tea", "", false},
		{"tissue", "", false},
		{"l14", "", false},
		{"iso22000", "", false},
		{"chè", "", false},
		{"w", "", false},
		{"a", "", false},
		{"qwerty", "", false},
		{"d9d9", "", false},
	} {
		got, ok := DecodeTyped(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("DecodeTyped(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func FuzzDecodeTyped(f *testing.F) {
	for _, s := range []string{"quyts", "mie61n", "dduwowngf", "tissue", "ww", "d9", "a1b2", "zzzzzzzzzzzz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := DecodeTyped(s)
		if !ok {
			if got != "" {
				t.Fatalf("DecodeTyped(%q) = %q without ok", s, got)
			}
			return
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("DecodeTyped(%q) = %q: not NFC UTF-8", s, got)
		}
		// One syllable: the folded form is plain lower-case letters.
		for _, w := range Words(got) {
			for _, r := range w {
				if r < 'a' || r > 'z' {
					t.Fatalf("DecodeTyped(%q) = %q folds to %q", s, got, w)
				}
			}
		}
		if n := len(Words(got)); n != 1 {
			t.Fatalf("DecodeTyped(%q) = %q: %d words", s, got, n)
		}
	})
}
