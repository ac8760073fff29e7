package matching

import "testing"

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
