package paper

import (
	"fmt"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/vnd"
)

// Office is the department that issues the papers: its province in both
// languages and the director who signs (empty for a handwritten name).
type Office struct {
	ProvinceVI, ProvinceEN string
	Signer                 string
}

// Province is the office's province in lang.
func (o Office) Province(lang string) string {
	if lang == "en" {
		return o.ProvinceEN
	}
	return o.ProvinceVI
}

// Wording is what every decision of the department says the same way in
// one language, whatever it decides: the heading, the director, the
// decision's title and verb, the article's word, days and amounts. Each
// procedure's papers add their own sentences to it.
type Wording struct {
	Lang        string
	Authority   string // the People's Committee above the department, with %s for the province
	Issuer      string
	Director    string
	Decider     string // with %s for the province
	Decision    string
	Decides     string
	ToReport    string // a recipient kept informed: "GIÁM ĐỐC (để báo cáo)"
	Translation string // the English translation's footnote
	ArticleWord string
}

var wordings = map[string]Wording{
	"vi": {
		Lang: "vi", Authority: "UBND TỈNH %s", Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Director: "GIÁM ĐỐC",
		Decider: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH %s", Decision: "QUYẾT ĐỊNH", Decides: "QUYẾT ĐỊNH:",
		ToReport: "để báo cáo", ArticleWord: "Điều",
	},
	"en": {
		Lang: "en", Authority: "%s PROVINCIAL PEOPLE'S COMMITTEE", Issuer: "DEPARTMENT OF SCIENCE AND TECHNOLOGY", Director: "DIRECTOR",
		Decider: "THE DIRECTOR OF THE DEPARTMENT OF SCIENCE AND TECHNOLOGY OF %s PROVINCE", Decision: "DECISION", Decides: "DECIDES:",
		ToReport: "for information", Translation: "English translation for reference; the Vietnamese text is the official one.",
		ArticleWord: "Article",
	},
}

// WordingIn is the department's wording in lang: English for "en",
// Vietnamese (the official text) otherwise.
func WordingIn(lang string) Wording {
	if lang == "en" {
		return wordings["en"]
	}
	return wordings["vi"]
}

// Article is the heading of article n: "Điều 1." or "Article 1.".
func (w Wording) Article(n int) string { return fmt.Sprintf("%s %d.", w.ArticleWord, n) }

// Day writes YYYY-MM-DD as the language does: 23/05/2016 or 23 May 2016.
func (w Wording) Day(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	if w.Lang == "en" {
		return d.Format("2 January 2006")
	}
	return d.Format("02/01/2006")
}

// Money writes an amount of đồng in the language.
func (w Wording) Money(v int64) string { return vnd.Format(v, w.Lang) }

// InWords is the amount in words after the figures, as Vietnamese
// decisions write it; the English translation leaves it out.
func (w Wording) InWords(v int64) string {
	if w.Lang != "vi" {
		return ""
	}
	return " (bằng chữ: " + vnd.Words(v) + ")"
}

// Head starts a paper of the office in w's language: who issues it, where,
// who signs, and the translation's footnote.
func (o Office) Head(w Wording) Doc {
	province := o.Province(w.Lang)
	return Doc{
		Lang: w.Lang, Authority: fmt.Sprintf(w.Authority, strings.ToUpper(province)), Issuer: w.Issuer, Place: province,
		SignerTitle: []string{w.Director}, SignerName: o.Signer, Footnote: w.Translation,
	}
}

// Decision starts a decision of the office numbered number, issued on day
// (YYYY-MM-DD, Vietnam): its head, title, and the director who decides.
func (o Office) Decision(w Wording, number, day string) Doc {
	d := o.Head(w)
	d.Number, d.Title, d.Resolve = number, w.Decision, w.Decides
	d.Decider = fmt.Sprintf(w.Decider, strings.ToUpper(o.Province(w.Lang)))
	if t, err := time.ParseInLocation(time.DateOnly, day, calendar.Vietnam); err == nil {
		d.Date = t
	}
	return d
}
