package validate

import (
	"regexp"
	"testing"
)

func TestParseTaxCode(t *testing.T) {
	for _, tc := range []struct {
		in, want, kind, code string
	}{
		// Examples of python-stdnum's stdnum.vn.mst, checked by hand.
		{in: "0100233488", want: "0100233488", kind: TaxCodeEnterprise},
		{in: "0314409058", want: "0314409058", kind: TaxCodeEnterprise},
		{in: "0100112437", want: "0100112437", kind: TaxCodeEnterprise},
		{in: "0312687878", want: "0312687878", kind: TaxCodeEnterprise},
		{in: " 4600123459 ", want: "4600123459", kind: TaxCodeEnterprise},
		{in: "0314409058-002", want: "0314409058-002", kind: TaxCodeBranch},
		{in: "0314409058002", want: "0314409058-002", kind: TaxCodeBranch},
		{in: "0314.409.058 - 002", want: "0314409058-002", kind: TaxCodeBranch},
		{in: "001099012345", want: "001099012345", kind: TaxCodePersonalID},
		{in: "0100233480", code: "tax_code_check_digit"},
		{in: "0314409059-002", code: "tax_code_check_digit"},
		{in: "0100000000", code: "invalid_tax_code"}, // digits 3–9 all zero
		{in: "0314409058-000", code: "invalid_tax_code"},
		{in: "031440905", code: "invalid_tax_code"},
		{in: "03144090581", code: "invalid_tax_code"},
		{in: "0314409058-02", code: "invalid_tax_code"},
		{in: "031440-9058", code: "invalid_tax_code"},
		{in: "0314409058--002", code: "invalid_tax_code"},
		{in: "00109901234-5", code: "invalid_tax_code"},
		{in: "0314409058A", code: "invalid_tax_code"},
		{in: "０３１４４０９０５８", code: "invalid_tax_code"}, // full-width digits
		{in: "03144090580020", code: "invalid_tax_code"},
	} {
		got, code := ParseTaxCode(tc.in)
		if code != tc.code || got.String() != tc.want || got.Kind != tc.kind {
			t.Errorf("ParseTaxCode(%q) = %q %q, %q; want %q %q, %q", tc.in, got.String(), got.Kind, code, tc.want, tc.kind, tc.code)
		}
	}
}

// A prefix whose weighted sum is divisible by 11 has no valid check digit.
func TestTaxCodePrefixWithoutCheckDigit(t *testing.T) {
	found := 0
	for n := 100000; n < 100200 && found < 3; n++ {
		p := "01" + pad7(n)
		sum := 0
		for i, w := range taxWeights {
			sum += w * int(p[i]-'0')
		}
		if sum%11 != 0 {
			continue
		}
		found++
		for d := '0'; d <= '9'; d++ {
			if _, code := ParseTaxCode(p + string(d)); code == "" {
				t.Errorf("%s%c accepted, but its prefix has no check digit", p, d)
			}
		}
	}
	if found == 0 {
		t.Fatal("no prefix with a sum divisible by 11 found")
	}
}

func pad7(n int) string {
	s := "0000000" + itoa(n)
	return s[len(s)-7:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestCheckerTaxCode(t *testing.T) {
	var c Checker
	if got := c.TaxCode("taxCode", ""); got != "" || c.Err() != nil {
		t.Fatalf("empty: %q, %v", got, c.Err())
	}
	c.TaxCode("organization.taxCode", "0100233480")
	if !c.Has("organization.taxCode") {
		t.Fatal("a wrong check digit passed")
	}
}

// FuzzParseTaxCode: whatever is typed, the parser never panics, and what it
// accepts matches the pattern the API declares, parses again to itself and
// has a valid check digit.
func FuzzParseTaxCode(f *testing.F) {
	for _, s := range []string{"0100233488", "0314409058-002", "001099012345", "0100233480", "", "-", "0314409058-", "1.2.3"} {
		f.Add(s)
	}
	re := regexp.MustCompile(TaxCodePattern)
	f.Fuzz(func(t *testing.T, s string) {
		tc, code := ParseTaxCode(s)
		if code != "" {
			if tc != (TaxCode{}) {
				t.Fatalf("refused %q but returned %+v", s, tc)
			}
			return
		}
		if !re.MatchString(tc.String()) {
			t.Fatalf("%q → %q does not match %s", s, tc.String(), TaxCodePattern)
		}
		again, code := ParseTaxCode(tc.String())
		if code != "" || again != tc {
			t.Fatalf("%q → %q → %+v %q", s, tc.String(), again, code)
		}
	})
}
