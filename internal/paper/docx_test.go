package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// The DOCX is a zip of well-formed parts; its text holds the header, the
// articles with characters XML must escape, the table and the signature.
func TestDOCXIsWellFormed(t *testing.T) {
	d := Doc{Lang: "vi", Authority: "UBND TỈNH THÁI NGUYÊN", Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Number: "12/BC-SKHCN", Place: "Thái Nguyên",
		Date: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Title: "BÁO CÁO", Subject: "Kết quả <năm> 2026 & kế hoạch",
		Articles:   []Article{{Heading: "I. KẾT QUẢ", Paragraphs: []string{"", "Dòng một\nDòng hai"}}},
		Table:      &Table{Head: []string{"TT", "Chỉ tiêu"}, Rows: [][]string{{"1", "Mô hình rau"}}, Right: []bool{true}},
		Recipients: []string{"UBND tỉnh"}, SignerTitle: []string{"GIÁM ĐỐC"}}
	b, err := DOCX(d)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range z.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if cd, ok := tok.(xml.CharData); ok && f.Name == "word/document.xml" {
				text.Write(cd)
			}
		}
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/BC-SKHCN", "ngày 30 tháng 11 năm 2026", "Kết quả <năm> 2026 & kế hoạch",
		"I. KẾT QUẢ", "Dòng hai", "Mô hình rau", "Nơi nhận:", "GIÁM ĐỐC"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the document lacks %q", want)
		}
	}
}
