package vnd

import "testing"

func TestWords(t *testing.T) {
	cases := []struct {
		v    int64
		want string
	}{
		{0, "Không đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{15, "Mười lăm đồng"},
		{21, "Hai mươi mốt đồng"},
		{25, "Hai mươi lăm đồng"},
		{105, "Một trăm linh năm đồng"},
		{110, "Một trăm mười đồng"},
		{1_000, "Một nghìn đồng"},
		{1_015_000, "Một triệu không trăm mười lăm nghìn đồng"},
		{1_000_005, "Một triệu không trăm linh năm đồng"},
		{250_000_000, "Hai trăm năm mươi triệu đồng"},
		{300_500_000, "Ba trăm triệu năm trăm nghìn đồng"},
		{1_000_000_000, "Một tỷ đồng"},
		{2_050_000_000, "Hai tỷ không trăm năm mươi triệu đồng"},
		{1_000_000_000_000, "Một nghìn tỷ đồng"},
		{-2_500_000, "Âm hai triệu năm trăm nghìn đồng"},
	}
	for _, c := range cases {
		if got := Words(c.v); got != c.want {
			t.Errorf("Words(%d) = %q, want %q", c.v, got, c.want)
		}
	}
}
