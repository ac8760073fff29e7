package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// DOCX renders d as a Word document (Office Open XML) that officers edit
// before signing: the same layout as HTML and PDF — the national header and
// the issuer side by side, title, grounds, articles, facts, the table,
// recipients beside the signature — on A4 with Decree 30/2020's margins, in
// Times New Roman. It is written with archive/zip and encoding/xml: no Go
// DOCX library that is kept up could be had (see README).
func DOCX(d Doc) ([]byte, error) {
	w := d.words()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	// The header: two cells without borders.
	left := []string{}
	if d.Authority != "" {
		left = append(left, para(run(d.Authority, 12, style{}), "center", 0))
	}
	left = append(left, para(run(d.Issuer, 12, style{bold: true}), "center", 0))
	if d.Number != "" {
		left = append(left, para(run(w.number+d.Number, 13, style{}), "center", 0))
	}
	right := []string{
		para(run(w.nation, 12, style{bold: true}), "center", 0),
		para(run(w.motto, 13, style{bold: true, underline: true}), "center", 0),
		para(run(w.date(d.Place, d.Date), 13, style{italic: true}), "center", 0),
	}
	b.WriteString(table([]int{3900, 5200}, false, [][]string{{strings.Join(left, ""), strings.Join(right, "")}}))
	b.WriteString(para(run(d.Title, 14, style{bold: true}), "center", 0))
	if d.Subject != "" {
		b.WriteString(para(run(d.Subject, 14, style{bold: true}), "center", 0))
	}
	if d.Decider != "" {
		b.WriteString(para(run(d.Decider, 14, style{bold: true}), "center", 0))
	}
	for _, g := range d.Grounds {
		b.WriteString(para(run(g, 14, style{italic: true}), "both", 567))
	}
	if d.Resolve != "" {
		b.WriteString(para(run(d.Resolve, 14, style{bold: true}), "center", 0))
	}
	for _, a := range d.Articles {
		for i, p := range a.Paragraphs {
			r := run(p, 14, style{})
			if i == 0 && a.Heading != "" {
				r = run(a.Heading+" ", 14, style{bold: true}) + r
			}
			b.WriteString(para(r, "both", 567))
		}
	}
	if len(d.Facts) > 0 {
		rows := make([][]string, 0, len(d.Facts))
		for _, f := range d.Facts {
			rows = append(rows, []string{para(run(f.Label, 12, style{}), "left", 0), para(run(f.Value, 12, style{}), "left", 0)})
		}
		b.WriteString(table([]int{3400, 5700}, true, rows))
	}
	for _, t := range d.tables() {
		if t.Caption != "" {
			b.WriteString(para(run(t.Caption, 13, style{bold: true}), "left", 0))
		}
		widths := make([]int, len(t.Head))
		for i := range widths {
			f := 1 / float64(len(t.Head))
			if i < len(t.Widths) {
				f = t.Widths[i]
			}
			widths[i] = int(f * 9100)
		}
		rows := [][]string{}
		head := []string{}
		for _, h := range t.Head {
			head = append(head, para(run(h, 12, style{bold: true}), "center", 0))
		}
		rows = append(rows, head)
		for _, r := range t.Rows {
			row := []string{}
			for i, c := range r {
				align := "left"
				if t.right(i) {
					align = "right"
				}
				row = append(row, para(run(c, 12, style{}), align, 0))
			}
			rows = append(rows, row)
		}
		b.WriteString(table(widths, true, rows))
	}
	b.WriteString(para("", "left", 0))
	// Recipients beside the signature.
	rec := []string{}
	if len(d.Recipients) > 0 {
		rec = append(rec, para(run(w.recipients, 12, style{bold: true, italic: true}), "left", 0))
		for _, r := range d.Recipients {
			rec = append(rec, para(run("- "+r+";", 11, style{}), "left", 0))
		}
		rec = append(rec, para(run("- "+w.archive, 11, style{}), "left", 0))
	} else {
		rec = append(rec, para("", "left", 0))
	}
	sig := []string{}
	for _, t := range d.SignerTitle {
		sig = append(sig, para(run(t, 13, style{bold: true}), "center", 0))
	}
	for range 4 {
		sig = append(sig, para("", "center", 0))
	}
	sig = append(sig, para(run(d.SignerName, 14, style{bold: true}), "center", 0))
	b.WriteString(table([]int{4550, 4550}, false, [][]string{{strings.Join(rec, ""), strings.Join(sig, "")}}))
	if d.Footnote != "" {
		b.WriteString(para(run(d.Footnote, 10, style{italic: true}), "left", 0))
	}
	// A4, margins 20 mm top and bottom, 30 mm left, 20 mm right.
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)

	var out bytes.Buffer
	z := zip.NewWriter(&out)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
			`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>` +
			`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="60" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
			`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:title>` + esc(strings.TrimSpace(d.Title+" "+d.Number)) + `</dc:title><dc:language>` + esc(d.Lang) + `</dc:language></cp:coreProperties>`},
		{"word/document.xml", b.String()},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type style struct{ bold, italic, underline bool }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// run is text at size points; line breaks in it become <w:br/>.
func run(text string, size int, s style) string {
	if text == "" {
		return ""
	}
	var pr strings.Builder
	if s.bold {
		pr.WriteString(`<w:b/>`)
	}
	if s.italic {
		pr.WriteString(`<w:i/>`)
	}
	if s.underline {
		pr.WriteString(`<w:u w:val="single"/>`)
	}
	hs := strconv.Itoa(size * 2)
	pr.WriteString(`<w:sz w:val="` + hs + `"/><w:szCs w:val="` + hs + `"/>`)
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		b.WriteString(`<w:r><w:rPr>` + pr.String() + `</w:rPr>`)
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">` + esc(line) + `</w:t></w:r>`)
	}
	return b.String()
}

// para is a paragraph aligned left, center, right or both (justified),
// its first line indented by indent twips.
func para(runs, align string, indent int) string {
	ind := ""
	if indent > 0 {
		ind = `<w:ind w:firstLine="` + strconv.Itoa(indent) + `"/>`
	}
	return `<w:p><w:pPr><w:jc w:val="` + align + `"/>` + ind + `</w:pPr>` + runs + `</w:p>`
}

// table lays out cells (each already paragraphs) in columns of widths
// (twips), with single borders or none.
func table(widths []int, borders bool, rows [][]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>`)
	if borders {
		b.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		b.WriteString(`</w:tblBorders>`)
	}
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.WriteString(`<w:tr>`)
		for i, c := range r {
			w := 0
			if i < len(widths) {
				w = widths[i]
			}
			if c == "" {
				c = `<w:p/>`
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/></w:tcPr>` + c + `</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}
