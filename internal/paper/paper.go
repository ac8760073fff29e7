// Package paper lays out Vietnamese administrative documents — the
// national header, the issuing body and number, place and date, the title
// and subject, grounds, articles, recipients and the signature block (the
// layout of Decree 30/2020/NĐ-CP) — as HTML to print and as PDF.
//
// The PDF embeds Liberation Serif, which has Times New Roman's metrics and
// every Vietnamese letter, so a printed decision looks like one typed in
// an office.
package paper

import (
	"strconv"
	"time"
)

// Doc is one document. Empty parts are left out: a summary has facts and
// a table but no grounds or articles.
type Doc struct {
	Lang      string // vi (the official text) or en (a translation for reading)
	Authority string // the body above the issuer: "UBND TỈNH THÁI NGUYÊN"
	Issuer    string // "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	Number    string // "12/QĐ-SKHCN"
	Place     string // "Thái Nguyên"
	Date      time.Time
	Title     string // "QUYẾT ĐỊNH"
	Subject   string // "Về việc hỗ trợ …"
	Decider   string // who decides, above the grounds: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	Grounds   []string
	Resolve   string // "QUYẾT ĐỊNH:" between the grounds and the articles
	Articles  []Article
	Facts     []Fact
	Table     *Table
	// More are further tables, after Table (a report of several sections).
	More []*Table
	// Recipients ("Nơi nhận") sit left of the signature.
	Recipients  []string
	SignerTitle []string // lines: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
	SignerName  string   // empty: room for a handwritten name
	Footnote    string
}

// Article is "Điều 1." and its paragraphs.
type Article struct {
	Heading    string
	Paragraphs []string
}

// Fact is one row of a summary.
type Fact struct {
	Label, Value string
}

// Table is a small table (a payment schedule); Widths are fractions of
// the text width, Right the columns aligned right (amounts).
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Widths  []float64
	Right   []bool
}

// tables lists Table and then More, leaving out nils.
func (d *Doc) tables() []*Table {
	var out []*Table
	for _, t := range append([]*Table{d.Table}, d.More...) {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// widths are the columns' shares of the text width: Widths, or equal
// shares for the columns it leaves out.
func (t *Table) widths() []float64 {
	w := make([]float64, len(t.Head))
	for i := range w {
		if i < len(t.Widths) {
			w[i] = t.Widths[i]
		} else {
			w[i] = 1 / float64(len(t.Head))
		}
	}
	return w
}

// right reports whether column i holds amounts.
func (t *Table) right(i int) bool { return i < len(t.Right) && t.Right[i] }

// words are the fixed parts of the layout in each language.
type words struct {
	nation, motto, number, recipients, archive string
	date                                       func(place string, d time.Time) string
}

var vocabulary = map[string]words{
	"vi": {nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", motto: "Độc lập - Tự do - Hạnh phúc", number: "Số: ", recipients: "Nơi nhận:", archive: "Lưu: VT.",
		date: func(place string, d time.Time) string {
			// Days below 10 and months below 3 take a leading zero (Decree 30/2020).
			day, month := strconv.Itoa(d.Day()), strconv.Itoa(int(d.Month()))
			if d.Day() < 10 {
				day = "0" + day
			}
			if d.Month() < 3 {
				month = "0" + month
			}
			return place + ", ngày " + day + " tháng " + month + " năm " + strconv.Itoa(d.Year())
		}},
	"en": {nation: "SOCIALIST REPUBLIC OF VIET NAM", motto: "Independence - Freedom - Happiness", number: "No. ", recipients: "Recipients:", archive: "Archived: Records.",
		date: func(place string, d time.Time) string { return place + ", " + d.Format("2 January 2006") }},
}

func (d *Doc) words() words {
	if w, ok := vocabulary[d.Lang]; ok {
		return w
	}
	return vocabulary["vi"]
}
