package paper

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func sample(lang string) Doc {
	return Doc{
		Lang: lang, Authority: "UBND TỈNH THÁI NGUYÊN", Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Number: "7/QĐ-SKHCN", Place: "Thái Nguyên",
		Date: time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC), Title: "QUYẾT ĐỊNH", Subject: "Về việc hỗ trợ kinh phí đổi mới công nghệ",
		Grounds:    []string{"Căn cứ Quyết định số 684/QĐ-UBND ngày 23/05/2016;"},
		Resolve:    "QUYẾT ĐỊNH:",
		Articles:   []Article{{Heading: "Điều 1.", Paragraphs: []string{"Hỗ trợ <Công ty & Cộng sự> 250.000.000 đồng."}}},
		Table:      &Table{Head: []string{"TT", "Số tiền"}, Rows: [][]string{{"1", "100.000.000 đồng"}}, Widths: []float64{0.2, 0.8}, Right: []bool{false, true}},
		Recipients: []string{"Công ty TNHH Nông sản sạch Ba Bể"}, SignerTitle: []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
	}
}

// TestDateLine: Decree 30/2020 writes days below 10 and months below 3
// with a leading zero.
func TestDateLine(t *testing.T) {
	cases := []struct {
		lang string
		day  time.Time
		want string
	}{
		{"vi", time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC), "Thái Nguyên, ngày 05 tháng 02 năm 2026"},
		{"vi", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), "Thái Nguyên, ngày 27 tháng 11 năm 2026"},
		{"vi", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), "Thái Nguyên, ngày 10 tháng 3 năm 2026"},
		{"en", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), "Thái Nguyên, 10 March 2026"},
	}
	for _, c := range cases {
		d := Doc{Lang: c.lang}
		if got := d.words().date("Thái Nguyên", c.day); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.lang, c.day, got, c.want)
		}
	}
}

// TestHTML: every part is there, in order, and names are escaped.
func TestHTML(t *testing.T) {
	b, err := HTML(sample("vi"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	s = s[strings.Index(s, "<body>"):]
	last := -1
	for _, want := range []string{"UBND TỈNH THÁI NGUYÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 7/QĐ-SKHCN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"ngày 05 tháng 02 năm 2026", "QUYẾT ĐỊNH", "Căn cứ", "Điều 1.", "100.000.000 đồng", "Nơi nhận:", "Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"} {
		i := strings.Index(s, want)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order", want)
		}
		last = i
	}
	if strings.Contains(s, "<Công ty") || !strings.Contains(s, "&lt;Công ty &amp; Cộng sự&gt;") {
		t.Error("a name is not escaped")
	}
	en, _ := HTML(sample("en"))
	if !bytes.Contains(en, []byte("SOCIALIST REPUBLIC OF VIET NAM")) || !bytes.Contains(en, []byte("No. 7/QĐ-SKHCN")) || !bytes.Contains(en, []byte(`lang="en"`)) {
		t.Error("the English layout")
	}
}

// TestPDF: a long document flows onto more pages, and the same document
// gives the same bytes (its dates come from the document, not the clock).
func TestPDF(t *testing.T) {
	d := sample("vi")
	for i := 0; i < 40; i++ {
		d.Articles = append(d.Articles, Article{Heading: "Điều 2.", Paragraphs: []string{strings.Repeat("Doanh nghiệp có trách nhiệm sử dụng kinh phí đúng mục đích. ", 4)}})
	}
	a, err := PDF(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.10q", a)
	}
	if n := bytes.Count(a, []byte("/Type /Page\n")) + bytes.Count(a, []byte("/Type /Page ")); n < 2 {
		t.Errorf("%d pages for a long decision", n)
	}
	b, _ := PDF(d)
	if !bytes.Equal(a, b) {
		t.Error("the same document gave different bytes")
	}
}

// More tables follow the first, each with its caption, in HTML, PDF and
// DOCX alike.
func TestMoreTables(t *testing.T) {
	d := sample("vi")
	d.More = []*Table{{Caption: "2. Gặp gỡ B2B", Head: []string{"Chỉ tiêu", "Số"}, Rows: [][]string{{"Đề nghị gặp", "17"}}},
		nil, {Caption: "3. Hợp đồng", Head: []string{"Loại", "Giá trị"}, Rows: [][]string{{"Hợp đồng", "450.000.000"}}}}
	b, err := HTML(d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j, k := strings.Index(s, "100.000.000 đồng"), strings.Index(s, "2. Gặp gỡ B2B"), strings.Index(s, "3. Hợp đồng")
	if i < 0 || j < i || k < j || strings.Count(s, "<table>") != 3 {
		t.Fatalf("tables in order: %d %d %d, %d tables", i, j, k, strings.Count(s, "<table>"))
	}
	one := sample("vi")
	p1, err := PDF(one)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := PDF(d)
	if err != nil || len(p2) <= len(p1) {
		t.Fatalf("PDF with more tables: %d bytes, %d without; %v", len(p2), len(p1), err)
	}
	x, err := DOCX(d)
	if err != nil || !bytes.Contains(x, []byte("PK")) {
		t.Fatalf("DOCX: %v", err)
	}
}
