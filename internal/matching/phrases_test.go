package matching

import (
	"testing"

	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// TestPhraseRules: a phrase is found only as contiguous words within one
// passage, with diacritics unless one side is written without them.
func TestPhraseRules(t *testing.T) {
	for _, tc := range []struct {
		phrase string
		texts  []string
		want   bool
	}{
		{"chè xanh", []string{"Chế phẩm nấm xanh trừ sâu"}, false},     // words apart, and chế is not chè
		{"chè", []string{"Dây chuyền chế biến"}, false},                // another word once folded
		{"chè", []string{"Chế biến chè xanh"}, true},                   // the word itself
		{"che", []string{"Chế biến chè xanh"}, true},                   // typed without diacritics: folded
		{"chè", []string{"Che bien che xanh"}, true},                   // a text without diacritics: folded
		{"độ ẩm đất", []string{"Đo độ ẩm của lá chè. Đất đồi"}, false}, // "độ ẩm" and "đất" apart
		{"độ ẩm đất", []string{"Cảm biến độ ẩm đất cho vườn chè"}, true},
		{"ủ phân", []string{"Phần mềm quản lý"}, false},
		{"hòa tan", []string{"Cà phê hoà tan"}, true}, // old and new tone placement
		{"bảo quản", []string{"bảo, quản"}, false},    // not across punctuation
	} {
		if got := Contains(tc.phrase, tc.texts...); got != tc.want {
			t.Errorf("Contains(%q, %q) = %v", tc.phrase, tc.texts, got)
		}
	}
}

// TestTRLInWords: a TRL reason names each level in plain words beside its
// number, in Vietnamese and English.
func TestTRLInWords(t *testing.T) {
	tax, err := taxonomy.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := Reason{Code: "trl_ok", Params: map[string]string{"trl": "8", "min": "7"}, Positive: true}
	for lang, want := range map[string]string{
		"vi": "Mức sẵn sàng TRL 8 (hệ thống hoàn chỉnh, đã được thử nghiệm và chứng nhận): đạt mức tối thiểu TRL 7 (mẫu hệ thống được trình diễn trong môi trường vận hành)",
		"en": "Readiness TRL 8 (system complete and qualified): meets the minimum of TRL 7 (system prototype demonstrated in an operational environment)",
	} {
		if got := r.Text(tax, lang); got != want {
			t.Errorf("%s: %q", lang, got)
		}
	}
	low := Reason{Code: "trl_low", Params: map[string]string{"trl": "4", "min": "6"}}
	if got := low.Text(tax, "en"); got != "Readiness TRL 4 (technology validated in the laboratory): below the minimum of TRL 6 (technology demonstrated in a relevant environment)" {
		t.Errorf("%q", got)
	}
}
