package results

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

// CSVHeader names the CSV's columns: the JSON figures' fields, in order.
var CSVHeader = []string{"section", "year", "dimension", "key", "labelVi", "labelEn", "unit", "metric",
	"count", "value", "target", "achieved", "status", "suppressed"}

// CSV writes the figures, one a row, in the JSON's order. A null is an
// empty field; numbers are plain (no separators), VND whole.
func CSV(r Results) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so spreadsheet programs read UTF-8
	w := csv.NewWriter(&buf)
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	for _, f := range r.Figures {
		if err := w.Write(CSVRow(f)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// CSVRow is a figure's row of the CSV.
func CSVRow(f Figure) []string {
	i := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	fl := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	return []string{f.Section, strconv.Itoa(f.Year), f.Dimension, f.Key, f.LabelVi, f.LabelEn, f.Unit, f.Metric,
		i(f.Count), i(f.Value), fl(f.Target), fl(f.Achieved), f.Status, f.Suppressed}
}
