package paper

import (
	"strings"
	"testing"
)

func TestOfficeDecision(t *testing.T) {
	o := Office{ProvinceVI: "Thái Nguyên", ProvinceEN: "Thai Nguyen", Signer: "Nguyễn Văn A"}
	for _, tc := range []struct {
		lang, authority, decider, day, article, words, footnote string
	}{
		{"vi", "UBND TỈNH THÁI NGUYÊN", "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THÁI NGUYÊN", "05/03/2027", "Điều 2.", " (bằng chữ: ", ""},
		{"en", "THAI NGUYEN PROVINCIAL PEOPLE'S COMMITTEE", "THE DIRECTOR OF THE DEPARTMENT OF SCIENCE AND TECHNOLOGY OF THAI NGUYEN PROVINCE", "5 March 2027", "Article 2.", "", "English translation"},
	} {
		w := WordingIn(tc.lang)
		d := o.Decision(w, "12/QĐ-SKHCN", "2027-03-05")
		if d.Authority != tc.authority || d.Decider != tc.decider || d.Number != "12/QĐ-SKHCN" || d.Place != o.Province(tc.lang) || d.SignerName != "Nguyễn Văn A" {
			t.Errorf("%s: head %+v", tc.lang, d)
		}
		if d.Date.Format("2006-01-02") != "2027-03-05" || w.Day("2027-03-05") != tc.day || w.Article(2) != tc.article {
			t.Errorf("%s: date %v, day %q, article %q", tc.lang, d.Date, w.Day("2027-03-05"), w.Article(2))
		}
		if got := w.InWords(1_500_000); (tc.words == "") != (got == "") || !strings.HasPrefix(got, tc.words) {
			t.Errorf("%s: in words %q", tc.lang, got)
		}
		if !strings.HasPrefix(d.Footnote, tc.footnote) || (tc.footnote == "") != (d.Footnote == "") {
			t.Errorf("%s: footnote %q", tc.lang, d.Footnote)
		}
	}
	if WordingIn("fr").Lang != "vi" {
		t.Error("an unknown language is not the official Vietnamese")
	}
}
