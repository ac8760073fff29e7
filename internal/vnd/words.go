package vnd

import "strings"

var digits = [...]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// Words reads an amount as Vietnamese administrative documents write it
// after the figures ("bằng chữ"): 250.000.000 → "Hai trăm năm mươi triệu
// đồng", 1.015.000 → "Một triệu không trăm mười lăm nghìn đồng".
func Words(v int64) string {
	if v == 0 {
		return "Không đồng"
	}
	s := ""
	if v < 0 {
		s, v = "âm ", -v
	}
	s += words(v)
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:]) + " đồng"
}

// words reads v > 0; above a billion (tỷ) the billions are read as a
// number of their own, as people say "một nghìn tỷ".
func words(v int64) string {
	const billion = 1_000_000_000
	if v >= billion {
		high, low := v/billion, v%billion
		s := words(high) + " tỷ"
		if low > 0 {
			s += " " + belowBillion(low, true)
		}
		return s
	}
	return belowBillion(v, false)
}

// belowBillion reads 0 < v < 10^9 in groups of three digits; after a
// higher group, a group is read in full ("không trăm linh năm").
func belowBillion(v int64, after bool) string {
	groups := []struct {
		n     int64
		scale string
	}{{v / 1_000_000, "triệu"}, {v / 1000 % 1000, "nghìn"}, {v % 1000, ""}}
	var parts []string
	for _, g := range groups {
		if g.n == 0 {
			continue
		}
		p := hundreds(int(g.n), after)
		if g.scale != "" {
			p += " " + g.scale
		}
		parts = append(parts, p)
		after = true
	}
	return strings.Join(parts, " ")
}

// hundreds reads 0 < n < 1000; full reads a leading zero hundred.
func hundreds(n int, full bool) string {
	h, t, u := n/100, n/10%10, n%10
	var parts []string
	if h > 0 || full {
		parts = append(parts, digits[h]+" trăm")
	}
	switch {
	case t == 0 && u > 0:
		if len(parts) > 0 {
			parts = append(parts, "linh")
		}
		parts = append(parts, digits[u])
	case t == 1:
		parts = append(parts, "mười")
		if u == 5 {
			parts = append(parts, "lăm")
		} else if u > 0 {
			parts = append(parts, digits[u])
		}
	case t >= 2:
		parts = append(parts, digits[t]+" mươi")
		switch u {
		case 0:
		case 1:
			parts = append(parts, "mốt")
		case 5:
			parts = append(parts, "lăm")
		default:
			parts = append(parts, digits[u])
		}
	}
	return strings.Join(parts, " ")
}
