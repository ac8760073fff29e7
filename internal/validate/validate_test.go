package validate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/techmart-vn/techmart/internal/errs"
)

func codes(c *Checker) map[string]string {
	out := map[string]string{}
	if e, ok := errs.As(c.Err()); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestEmail(t *testing.T) {
	cases := map[string]string{
		"Nguyen.Van.A@Example.VN": "", " a@b.vn ": "", "": "required", "a@b": "invalid_email",
		"A <a@b.vn>": "invalid_email", "a@@b.vn": "invalid_email", "a b@c.vn": "invalid_email",
		strings.Repeat("a", 250) + "@b.vn": "too_long",
	}
	for in, want := range cases {
		var c Checker
		got := c.Email("email", in)
		if code := codes(&c)["email"]; code != want {
			t.Errorf("%q: code %q, want %q", in, code, want)
		}
		if want == "" && got != strings.ToLower(strings.TrimSpace(in)) {
			t.Errorf("%q normalised to %q", in, got)
		}
	}
}

func TestNameAndText(t *testing.T) {
	// Decomposed and composed Vietnamese are the same name after Text.
	decomposed := "Che\u0300 Shan tuye\u0302\u0301t"
	if Text(decomposed) != "Chè Shan tuyết" {
		t.Fatalf("Text(%q) = %q", decomposed, Text(decomposed))
	}
	if Text("  Viện   Khoa học \n ") != "Viện Khoa học" {
		t.Fatal("white space not collapsed")
	}
	cases := map[string]string{
		"Trung tâm Ứng dụng tiến bộ KH&CN": "", "A": "too_short", "": "required",
		"<b>x</b>": "invalid_characters", "tab\x07bell": "invalid_characters", strings.Repeat("ư", 201): "too_long",
	}
	for in, want := range cases {
		var c Checker
		c.Name("name", in, 2, 200)
		if got := codes(&c)["name"]; got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// FuzzEmail: whatever a person types, the checker neither panics nor lets
// through an address with spaces, brackets or no domain dot.
func FuzzEmail(f *testing.F) {
	for _, s := range []string{"a@b.vn", "", "a@b", "\"a b\"@c.vn", "a@b.vn\r\nBcc: x@y.vn", "đ@đ.vn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var c Checker
		out := c.Email("email", in)
		if c.Err() == nil {
			if strings.ContainsAny(out, " \r\n<>\"") || !strings.Contains(out, "@") || !utf8.ValidString(out) {
				t.Fatalf("accepted %q as %q", in, out)
			}
		}
	})
}

// FuzzName: an accepted name has no markup, control or format characters
// and fits.
func FuzzName(f *testing.F) {
	for _, s := range []string{"Hợp tác xã Miến dong", "<script>", "a\x00b", "  ", "ab\u202ec"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := Text(in)
		var c Checker
		c.Name("name", n, 2, 200)
		if c.Err() == nil && (strings.ContainsAny(n, "<>") || Invisible(n) || utf8.RuneCountInString(n) > 200 || utf8.RuneCountInString(n) < 2) {
			t.Fatalf("accepted %q", n)
		}
	})
}

// TestInvisibleCharacters: names, titles and file names refuse every
// Unicode format character (category Cf), named as the field with a stable
// code, and accept ordinary Vietnamese, composed or decomposed.
func TestInvisibleCharacters(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain Vietnamese", "Sở KH&CN Thái Nguyên", ""},
		{"decomposed Vietnamese", Text("Chè Shan tuye\u0302\u0301t"), ""},
		{"right-to-left override", "Sở KH&CN \u202egnp.exe", "invisible_characters"},
		{"left-to-right override", "Viện \u202dKhoa học", "invisible_characters"},
		{"right-to-left isolate", "Viện \u2067Khoa học\u2069", "invisible_characters"},
		{"right-to-left mark", "Viện\u200f Khoa học", "invisible_characters"},
		{"zero-width space", "Viện\u200bKhoa học", "invisible_characters"},
		{"zero-width joiner", "Viện\u200dKhoa học", "invisible_characters"},
		{"zero-width non-joiner", "Viện\u200cKhoa học", "invisible_characters"},
		{"word joiner", "Viện\u2060Khoa học", "invisible_characters"},
		{"byte order mark", "\ufeffViện Khoa học", "invisible_characters"},
		{"soft hyphen", "Viện Khoa\u00adhọc", "invisible_characters"},
		{"both format and markup", "<b>\u202e</b>", "invisible_characters"},
		{"markup only", "<b>Viện</b>", "invalid_characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Checker
			c.Name("organization.name", tc.in, 2, 200)
			if got := codes(&c)["organization.name"]; got != tc.want {
				t.Errorf("Name(%q): %q, want %q", tc.in, got, tc.want)
			}
			var f Checker
			f.FileName("file", tc.in+".pdf")
			want := tc.want
			if want == "invalid_characters" {
				want = "" // a file name's brackets are removed, not refused
			}
			if got := codes(&f)["file"]; got != want {
				t.Errorf("FileName(%q): %q, want %q", tc.in, got, want)
			}
		})
	}
	// Text keeps format characters, so the check sees them; it only
	// normalises to NFC and collapses white space.
	if got := Text("a\u200b  b"); got != "a\u200b b" {
		t.Errorf("Text dropped or changed a format character: %q", got)
	}
	var c Checker
	if got := c.FileName("file", "be\u0301o.pdf"); got != "béo.pdf" || c.Err() != nil {
		t.Errorf("FileName did not normalise to NFC: %q, %v", got, c.Err())
	}
}

func TestProse(t *testing.T) {
	rule := Rule{Required: true, Min: 5, Max: 20, HasMin: true, HasMax: true}
	for _, tc := range []struct {
		in, want, code string
	}{
		{in: "  Thiếu hồ sơ  \r\n\r\n\r\nbổ sung  ", want: "Thiếu hồ sơ\n\nbổ sung"},
		{in: "ngắn", want: "ngắn", code: "too_short"},
		{in: "   \n  ", want: "", code: "required"},
		{in: "quá dài quá dài quá dài quá dài", want: "quá dài quá dài quá dài quá dài", code: "too_long"},
		{in: "chuông\aở giữa", want: "chuông\aở giữa", code: "invalid_characters"},
	} {
		var c Checker
		got := c.Prose("reason", tc.in, rule)
		if got != tc.want {
			t.Errorf("Prose(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if code := codes(&c)["reason"]; code != tc.code {
			t.Errorf("Prose(%q): code %q, want %q", tc.in, code, tc.code)
		}
	}
}
