package vnd

import "testing"

func TestFormat(t *testing.T) {
	cases := []struct {
		v        int64
		lang     string
		group    string
		currency string
	}{
		{0, "vi", "0", "0 đồng"},
		{999, "vi", "999", "999 đồng"},
		{1000, "vi", "1.000", "1.000 đồng"},
		{150_000_000, "vi", "150.000.000", "150.000.000 đồng"},
		{150_000_000, "en", "150,000,000", "150,000,000 VND"},
		{-2_500_000, "vi", "-2.500.000", "-2.500.000 đồng"},
		{1_000_000_000_000_000, "en", "1,000,000,000,000,000", "1,000,000,000,000,000 VND"},
	}
	for _, c := range cases {
		if got := Group(c.v, c.lang); got != c.group {
			t.Errorf("Group(%d, %s) = %q, want %q", c.v, c.lang, got, c.group)
		}
		if got := Format(c.v, c.lang); got != c.currency {
			t.Errorf("Format(%d, %s) = %q, want %q", c.v, c.lang, got, c.currency)
		}
	}
}
