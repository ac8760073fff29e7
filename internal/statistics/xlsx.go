package statistics

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Languages a workbook is written in.
var Languages = []string{"vi", "en"}

// XLSX writes the report as a workbook: one sheet per form (code, label
// and one column per figure, VND as whole numbers with thousands
// separators), then a sheet saying how each metric is counted.
func XLSX(r Report, lang string) ([]byte, error) {
	tr := func(vi, en string) string {
		if lang == "en" {
			return en
		}
		return vi
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}, Border: borders()})
	if err != nil {
		return nil, err
	}
	numFmt := "#,##0"
	number, err := f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt, Border: borders()})
	if err != nil {
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{Border: borders(), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	heading, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: borders(), Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return nil, err
	}
	first := true
	for _, form := range r.Forms {
		sheet := form.Sheet
		if first {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return nil, err
			}
			first = false
		} else if _, err := f.NewSheet(sheet); err != nil {
			return nil, err
		}
		set := func(cell string, v any, style int) error {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
			return f.SetCellStyle(sheet, cell, cell, style)
		}
		lastCol, _ := excelize.ColumnNumberToName(2 + len(form.Columns))
		steps := []error{
			set("A1", tr("Biểu ", "Form ")+form.Code+" — "+tr(form.Title.Vi, form.Title.En), title),
			set("A2", fmt.Sprintf(tr("Kỳ báo cáo năm %d: từ %s đến %s", "Reporting year %d: %s to %s"), r.Year, vnDay(r.Period.FirstDay), vnDay(r.Period.LastDay)), 0),
			set("A3", tr(r.Basis.Vi, r.Basis.En), 0),
			set("A4", tr(r.Note.Vi, r.Note.En), 0),
			set("A6", tr("Mã số", "Code"), header),
			set("B6", tr("Chỉ tiêu", "Indicator"), header),
			f.SetColWidth(sheet, "A", "A", 8),
			f.SetColWidth(sheet, "B", "B", 60),
			f.SetColWidth(sheet, "C", lastCol, 20),
		}
		for i, col := range form.Columns {
			name, _ := excelize.CoordinatesToCellName(3+i, 6)
			steps = append(steps, set(name, tr(col.Label.Vi, col.Label.En), header))
		}
		for i, row := range form.Rows {
			n := 7 + i
			style := text
			if len(row.Cells) == 0 {
				style = heading
			}
			steps = append(steps, set(fmt.Sprintf("A%d", n), row.Code, style), set(fmt.Sprintf("B%d", n), tr(row.Label.Vi, row.Label.En), style))
			for ci, col := range form.Columns {
				name, _ := excelize.CoordinatesToCellName(3+ci, n)
				var v any
				for _, c := range row.Cells {
					if c.Column == col.Key {
						v = c.Value
					}
				}
				steps = append(steps, set(name, v, number))
			}
		}
		for _, err := range steps {
			if err != nil {
				return nil, err
			}
		}
		if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
			return nil, err
		}
	}
	// How each metric is counted.
	sheet := tr("Cách tính", "How counted")
	if _, err := f.NewSheet(sheet); err != nil {
		return nil, err
	}
	rows := [][]any{{tr("Mã chỉ số", "Metric"), tr("Tên", "Name"), tr("Cách tính", "How it is counted")}}
	for _, m := range r.Metrics {
		rows = append(rows, []any{m.ID, tr(m.Label.Vi, m.Label.En), tr(m.Counted.Vi, m.Counted.En)})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "C1", bold); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(sheet, "A", "A", 28); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(sheet, "B", "C", 60); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "999999", Style: 1})
	}
	return b
}

// vnDay writes 2026-12-14 as 14/12/2026.
func vnDay(d string) string {
	if len(d) != 10 {
		return d
	}
	return d[8:10] + "/" + d[5:7] + "/" + d[0:4]
}
