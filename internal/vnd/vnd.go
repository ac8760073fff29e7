// Package vnd writes amounts of Vietnamese đồng as people read them:
// 150.000.000 in Vietnamese, 150,000,000 in English.
package vnd

import "strconv"

// Group writes v with the language's thousands separator.
func Group(v int64, lang string) string {
	digits := strconv.FormatInt(v, 10)
	sign := ""
	if v < 0 {
		sign, digits = "-", digits[1:]
	}
	sep := byte('.')
	if lang == "en" {
		sep = ','
	}
	out := make([]byte, 0, len(digits)+len(digits)/3)
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, sep)
		}
		out = append(out, digits[i])
	}
	return sign + string(out)
}

// Format is Group followed by the currency: "150.000.000 đồng", "150,000,000 VND".
func Format(v int64, lang string) string {
	if lang == "en" {
		return Group(v, lang) + " VND"
	}
	return Group(v, lang) + " đồng"
}
