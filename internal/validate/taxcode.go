package validate

import "strings"

// FormatTaxCode is the `rule:"format=tax-code"` of a Vietnamese tax code
// (mã số thuế). The API description gives it TaxCodePattern; the check
// digit, which no pattern can express, is checked by ParseTaxCode here and
// by its mirror in the web app (frontend/src/lib/taxCode.ts), both tested
// against the same examples.
const FormatTaxCode = "tax-code"

// TaxCodePattern is the shape of a tax code as a person writes it: ten
// digits, ten digits and a three-digit branch suffix (written
// 0101234567-001), or a twelve-digit personal identification number, which
// is the tax code of individuals and household businesses since 1 July 2025
// (Circular 86/2024/TT-BTC).
const TaxCodePattern = `^(\d{10}(-?\d{3})?|\d{12})$`

// FormatPatterns gives the pattern of each string format that has one, for
// the API description.
var FormatPatterns = map[string]string{FormatTaxCode: TaxCodePattern}

// Kinds of tax code.
const (
	TaxCodeEnterprise = "enterprise"  // 10 digits: an enterprise or organisation
	TaxCodeBranch     = "branch"      // 13 digits: a branch or dependent unit
	TaxCodePersonalID = "personal_id" // 12 digits: a person's identification number
)

// TaxCode is a parsed tax code.
type TaxCode struct {
	Kind string
	// Digits are the digits without separators: the key two organisations
	// are compared by.
	Digits string
}

// String is the code as written on papers: 0101234567 or 0101234567-001.
func (t TaxCode) String() string {
	if t.Kind == TaxCodeBranch {
		return t.Digits[:10] + "-" + t.Digits[10:]
	}
	return t.Digits
}

// taxWeights weigh the first nine digits of a tax code; the tenth is
// 10 − (Σ weight·digit mod 11). A sum divisible by 11 would need the
// check digit 10, so no valid code has such a prefix (python-stdnum's
// stdnum.vn.mst, and /work/shared/VN-PROCEDURES-2026.md §6).
var taxWeights = [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}

// ParseTaxCode reads a tax code a person typed (spaces, dots and a dash
// before the branch suffix are allowed) and returns it, or the field error
// code that refuses it: invalid_tax_code for a wrong shape,
// tax_code_check_digit for a wrong check digit.
func ParseTaxCode(s string) (TaxCode, string) {
	var b strings.Builder
	dashes := 0
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-':
			dashes++
			if dashes > 1 || b.Len() != 10 {
				return TaxCode{}, "invalid_tax_code"
			}
		case r == ' ' || r == '.':
		default:
			return TaxCode{}, "invalid_tax_code"
		}
		if b.Len() > 13 {
			return TaxCode{}, "invalid_tax_code"
		}
	}
	d := b.String()
	switch len(d) {
	case 12:
		if dashes > 0 {
			return TaxCode{}, "invalid_tax_code"
		}
		return TaxCode{Kind: TaxCodePersonalID, Digits: d}, ""
	case 10, 13:
	default:
		return TaxCode{}, "invalid_tax_code"
	}
	if dashes > 0 && len(d) != 13 {
		return TaxCode{}, "invalid_tax_code"
	}
	if d[2:9] == "0000000" || (len(d) == 13 && d[10:] == "000") {
		return TaxCode{}, "invalid_tax_code"
	}
	sum := 0
	for i, w := range taxWeights {
		sum += w * int(d[i]-'0')
	}
	check := 10 - sum%11
	if check == 10 || int(d[9]-'0') != check%10 {
		return TaxCode{}, "tax_code_check_digit"
	}
	kind := TaxCodeEnterprise
	if len(d) == 13 {
		kind = TaxCodeBranch
	}
	return TaxCode{Kind: kind, Digits: d}, ""
}

// TaxCode checks an optional tax code and returns its normal form ("" when
// empty or refused).
func (c *Checker) TaxCode(field, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	t, code := ParseTaxCode(value)
	switch code {
	case "":
		return t.String()
	case "tax_code_check_digit":
		c.Add(field, "tax_code_check_digit")
	default:
		c.Add(field, "invalid_tax_code")
	}
	return ""
}
