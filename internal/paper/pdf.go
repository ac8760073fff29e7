package paper

import (
	"bytes"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// A4 with the margins of Decree 30/2020 (left 30 mm for binding), in mm.
const (
	left, right, top, bottom = 30.0, 20.0, 20.0, 20.0
	textWidth                = 210.0 - left - right
	size                     = 13.0 // points
	line                     = 6.0  // mm per line at 13 pt
	indent                   = 10.0
)

// PDF renders d as an A4 PDF.
func PDF(d Doc) ([]byte, error) {
	w := d.words()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(left, top, right)
	p.SetAutoPageBreak(true, bottom)
	p.AddUTF8FontFromBytes("LiberationSerif", "", liberationserifregular.TTF)
	p.AddUTF8FontFromBytes("LiberationSerif", "B", liberationserifbold.TTF)
	p.AddUTF8FontFromBytes("LiberationSerif", "I", liberationserifitalic.TTF)
	p.AddUTF8FontFromBytes("LiberationSerif", "BI", liberationserifbolditalic.TTF)
	p.SetTitle(d.Title+" "+d.Number, true)
	p.SetCreator("Techmart", true)
	// A fixed creation date keeps the same document byte for byte the same.
	p.SetCatalogSort(true)
	p.SetCreationDate(d.Date)
	p.SetModificationDate(d.Date)
	p.AddPage()

	// The header: issuer on the left (42 %), the nation on the right.
	lw, rw := textWidth*0.42, textWidth*0.58
	y0 := p.GetY()
	p.SetFont("LiberationSerif", "", 12)
	if d.Authority != "" {
		centred(p, left, lw, d.Authority)
	}
	p.SetFont("LiberationSerif", "B", 12)
	underlined(p, left, lw, d.Issuer, 0.4)
	if d.Number != "" {
		p.SetFont("LiberationSerif", "", 13)
		p.SetY(p.GetY() + 2)
		centred(p, left, lw, w.number+d.Number)
	}
	yl := p.GetY()
	p.SetY(y0)
	p.SetFont("LiberationSerif", "B", 12)
	centred(p, left+lw, rw, w.nation)
	p.SetFont("LiberationSerif", "B", 13)
	underlined(p, left+lw, rw, w.motto, 1)
	p.SetFont("LiberationSerif", "I", 13)
	p.SetY(p.GetY() + 2)
	centred(p, left+lw, rw, w.date(d.Place, d.Date))
	p.SetY(max(yl, p.GetY()) + 8)

	p.SetFont("LiberationSerif", "B", 14)
	centred(p, left, textWidth, d.Title)
	if d.Subject != "" {
		p.SetFont("LiberationSerif", "B", size)
		centred(p, left, textWidth, d.Subject)
		y := p.GetY() + 1
		p.Line(left+textWidth*0.35, y, left+textWidth*0.65, y)
		p.SetY(y + 3)
	}
	if d.Decider != "" {
		p.SetY(p.GetY() + 3)
		p.SetFont("LiberationSerif", "B", size)
		centred(p, left, textWidth, d.Decider)
		p.SetY(p.GetY() + 3)
	}
	for _, g := range d.Grounds {
		paragraph(p, "I", "", g)
	}
	if d.Resolve != "" {
		p.SetY(p.GetY() + 2)
		p.SetFont("LiberationSerif", "B", size)
		centred(p, left, textWidth, d.Resolve)
		p.SetY(p.GetY() + 2)
	}
	for _, a := range d.Articles {
		for i, para := range a.Paragraphs {
			head := ""
			if i == 0 {
				head = a.Heading
			}
			paragraph(p, "", head, para)
		}
	}
	if len(d.Facts) > 0 {
		p.SetY(p.GetY() + 2)
		p.SetFont("LiberationSerif", "", 12)
		for _, f := range d.Facts {
			row(p, []string{f.Label, f.Value}, []float64{0.38, 0.62}, nil, false)
		}
	}
	for _, t := range d.tables() {
		p.SetY(p.GetY() + 4)
		if t.Caption != "" {
			p.SetFont("LiberationSerif", "B", size)
			p.MultiCell(textWidth, line, t.Caption, "", "L", false)
		}
		p.SetFont("LiberationSerif", "B", 12)
		widths := t.widths()
		row(p, t.Head, widths, nil, true)
		p.SetFont("LiberationSerif", "", 12)
		for _, r := range t.Rows {
			row(p, r, widths, t.Right, false)
		}
	}

	// The foot: recipients on the left, the signature on the right. Kept
	// together on one page.
	need := line * float64(len(d.SignerTitle)+6)
	if p.GetY()+need > 297-bottom {
		p.AddPage()
	}
	p.SetY(p.GetY() + 6)
	y0 = p.GetY()
	if len(d.Recipients) > 0 {
		p.SetFont("LiberationSerif", "BI", 12)
		p.SetX(left)
		p.CellFormat(textWidth/2, 5, w.recipients, "", 2, "L", false, 0, "")
		p.SetFont("LiberationSerif", "", 11)
		// Each recipient ends with ";", the archive line with its own full stop.
		for i, r := range append(d.Recipients, w.archive) {
			if i < len(d.Recipients) {
				r += ";"
			}
			p.SetX(left)
			p.MultiCell(textWidth/2-4, 5, "- "+r, "", "L", false)
		}
	}
	yl = p.GetY()
	p.SetY(y0)
	p.SetFont("LiberationSerif", "B", size)
	for _, t := range d.SignerTitle {
		centred(p, left+textWidth/2, textWidth/2, t)
	}
	p.SetY(p.GetY() + 24)
	centred(p, left+textWidth/2, textWidth/2, d.SignerName)
	p.SetY(max(yl, p.GetY()) + 6)
	if d.Footnote != "" {
		p.SetFont("LiberationSerif", "I", 10)
		p.MultiCell(textWidth, 5, d.Footnote, "", "L", false)
	}
	var b bytes.Buffer
	err := p.Output(&b)
	return b.Bytes(), err
}

// centred writes text centred in the column [x, x+w), wrapping.
func centred(p *fpdf.Fpdf, x, w float64, text string) {
	p.SetX(x)
	p.MultiCell(w, line, text, "", "C", false)
}

// underlined writes a centred line with a rule under it as long as the
// text, as the motto is; the issuer's name gets a shorter one (share < 1).
func underlined(p *fpdf.Fpdf, x, w float64, text string, share float64) {
	tw := min(p.GetStringWidth(text), w) * share
	centred(p, x, w, text)
	y := p.GetY() + 0.3
	p.Line(x+(w-tw)/2, y, x+(w+tw)/2, y)
	p.SetY(y + 0.7)
}

// paragraph writes a paragraph in style with a first-line indent and an
// optional bold heading ("Điều 1.") in front.
func paragraph(p *fpdf.Fpdf, style, head, text string) {
	p.SetX(left + indent)
	if head != "" {
		p.SetFont("LiberationSerif", "B", size)
		p.Write(line, head+" ")
	}
	p.SetFont("LiberationSerif", style, size)
	// fpdf's Write flows text from the current position and wraps at the
	// margin, which gives the first-line indent; it does not justify.
	p.Write(line, text)
	p.Ln(line + 1)
}

// row writes one bordered table row whose cells wrap; the row is as tall
// as its tallest cell.
func row(p *fpdf.Fpdf, cells []string, widths []float64, right []bool, head bool) {
	const h = 5.5
	lines := 1
	for i, c := range cells {
		if n := len(p.SplitText(c, widths[i]*textWidth-2)); n > lines {
			lines = n
		}
	}
	height := float64(lines)*h + 1
	if p.GetY()+height > 297-bottom {
		p.AddPage()
	}
	x, y := left, p.GetY()
	for i, c := range cells {
		cw := widths[i] * textWidth
		p.Rect(x, y, cw, height, "D")
		align := "L"
		if head {
			align = "C"
		} else if i < len(right) && right[i] {
			align = "R"
		}
		p.SetXY(x+1, y+0.5)
		p.MultiCell(cw-2, h, c, "", align, false)
		x += cw
	}
	p.SetXY(left, y+height)
}
