// Package statistics is the platform's share of the ministry's S&T
// statistical regime for a reporting year: the forms of Circular
// 15/2018/TT-BKHCN on technology transfer (06/KHCN-CG), the S&T market and
// enterprises (07/KHCN-DN) and intellectual property (08/KHCN-SHTT),
// filled from what the platform records (internal/indicator) and written
// as JSON or as an XLSX workbook with one sheet per form.
//
// The forms are data: seeds/statistics-forms.json holds each form's code,
// title, columns and rows, and for each cell the metric and filters that
// fill it. A row may stand for every term of a taxonomy list ("each":
// sectors, transferForms or ipTypes), one row per term. Circular
// 45/2025's forms replace these by editing that file; Load checks every
// cell against the indicator catalogue and the taxonomy.
package statistics

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
	"github.com/techmart-vn/techmart/seeds"
)

// Measures a column may take from a counted result.
const (
	MeasureCount = "count" // how many records
	MeasureSum   = "sum"   // their values added, VND
)

// Column is one column of figures.
type Column struct {
	Key     string         `json:"key"`
	Measure string         `json:"measure"`
	Label   indicator.Text `json:"label"`
}

// Each makes one row per term of a taxonomy list, narrowing the row's
// cells by Filter = the term's code.
type Each struct {
	List   string `json:"list"`   // sectors, transferForms, ipTypes
	Filter string `json:"filter"` // the indicator filter set to each term
}

// Row is a line of a form as the layout declares it. A row without cells
// is a heading.
type Row struct {
	Code  string                     `json:"code"` // "2.{n}" numbers the rows Each makes
	Label indicator.Text             `json:"label"`
	Each  *Each                      `json:"each,omitempty"`
	Cells map[string]indicator.Query `json:"cells,omitempty"` // column key → what fills it
}

// Form is one statistical form's layout.
type Form struct {
	Code    string         `json:"code"`
	Sheet   string         `json:"sheet"`
	Title   indicator.Text `json:"title"`
	Columns []Column       `json:"columns"`
	Rows    []Row          `json:"rows"`
}

// Layout is the regime's forms.
type Layout struct {
	Basis indicator.Text `json:"basis"`
	Note  indicator.Text `json:"note"`
	Forms []Form         `json:"forms"`
}

// Load reads the forms from the seeds, expands the rows Each makes and
// checks every cell.
func Load(tax *taxonomy.Taxonomy) (Layout, error) {
	b, err := seeds.StatisticsForms()
	if err != nil {
		return Layout{}, err
	}
	return Parse(b, tax)
}

// Parse reads a layout from JSON (see Load).
func Parse(b []byte, tax *taxonomy.Taxonomy) (Layout, error) {
	var l Layout
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("statistics: forms: %w", err)
	}
	lists := map[string][]taxonomy.Term{"sectors": tax.Sectors, "transferForms": tax.TransferForms, "ipTypes": tax.IPTypes}
	var c validate.Checker
	for fi := range l.Forms {
		f := &l.Forms[fi]
		at := fmt.Sprintf("forms.%d.", fi)
		if f.Code == "" || f.Sheet == "" || len(f.Sheet) > 31 || f.Title.Vi == "" || f.Title.En == "" || len(f.Columns) == 0 {
			c.Add(at+"code", "required")
		}
		for ci, col := range f.Columns {
			c.OneOf(fmt.Sprintf("%scolumns.%d.measure", at, ci), col.Measure, []string{MeasureCount, MeasureSum})
		}
		var rows []Row
		for ri, r := range f.Rows {
			rat := fmt.Sprintf("%srows.%d.", at, ri)
			for key, q := range r.Cells {
				if !slices.ContainsFunc(f.Columns, func(col Column) bool { return col.Key == key }) {
					c.Add(rat+"cells."+key, "invalid_choice")
				}
				q.Check(&c, rat+"cells."+key+".")
			}
			if r.Each == nil {
				if r.Label.Vi == "" || r.Label.En == "" {
					c.Add(rat+"label", "required")
				}
				rows = append(rows, r)
				continue
			}
			terms, ok := lists[r.Each.List]
			if !ok {
				c.Add(rat+"each.list", "invalid_choice", "choices", []string{"sectors", "transferForms", "ipTypes"})
				continue
			}
			for n, t := range terms {
				row := Row{Code: strings.ReplaceAll(r.Code, "{n}", fmt.Sprint(n+1)), Label: indicator.Text{Vi: t.VI, En: t.EN}, Cells: map[string]indicator.Query{}}
				for key, q := range r.Cells {
					filters := map[string]string{r.Each.Filter: t.Code}
					for k, v := range q.Filters {
						filters[k] = v
					}
					row.Cells[key] = indicator.Query{Metric: q.Metric, Filters: filters}
					row.Cells[key].Check(&c, rat+"cells."+key+".")
				}
				rows = append(rows, row)
			}
		}
		f.Rows = rows
	}
	if err := c.Err(); err != nil {
		return l, fmt.Errorf("statistics: forms: %w", err)
	}
	return l, nil
}

// Cell is one figure of a form, with what it counted.
type Cell struct {
	Column  string             `json:"column"`
	Query   indicator.Query    `json:"query"`
	Value   int64              `json:"value"`
	Records []indicator.Record `json:"records"`
}

// RowFigures is a row of a filled form; a heading has no cells.
type RowFigures struct {
	Code  string         `json:"code"`
	Label indicator.Text `json:"label"`
	Cells []Cell         `json:"cells"`
}

// FormFigures is a filled form.
type FormFigures struct {
	Code    string         `json:"code"`
	Sheet   string         `json:"sheet"`
	Title   indicator.Text `json:"title"`
	Columns []Column       `json:"columns"`
	Rows    []RowFigures   `json:"rows"`
}

// Report is the forms filled for a reporting year.
type Report struct {
	Year        int                `json:"year"`
	Period      period.Period      `json:"period"`
	Basis       indicator.Text     `json:"basis"`
	Note        indicator.Text     `json:"note"`
	GeneratedAt time.Time          `json:"generatedAt"`
	Forms       []FormFigures      `json:"forms"`
	Metrics     []indicator.Metric `json:"metrics"` // how each figure is counted
}

// Service fills the forms.
type Service struct {
	eng    *indicator.Engine
	layout Layout
	rule   period.Rule
	now    func() time.Time
}

// New returns the service.
func New(eng *indicator.Engine, layout Layout, rule period.Rule, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{eng: eng, layout: layout, rule: rule, now: now}
}

// MinYear and the year after the current one bound the years asked.
const MinYear = 2000

// Year reads the year asked ("" is the current reporting year) and checks
// it.
func (s *Service) Year(raw string) (int, error) {
	cur := s.rule.YearOf(s.now())
	if raw == "" {
		return cur, nil
	}
	var y int
	if _, err := fmt.Sscan(raw, &y); err != nil || fmt.Sprint(y) != raw || y < MinYear || y > cur+1 {
		return 0, errsYear(cur + 1)
	}
	return y, nil
}

// Report fills every form for reporting year y from one snapshot.
func (s *Service) Report(ctx context.Context, y int) (Report, error) {
	snap, err := s.eng.Snapshot(ctx)
	if err != nil {
		return Report{}, err
	}
	p := s.rule.Year(y)
	w := indicator.YearOf(p)
	rep := Report{Year: y, Period: p, Basis: s.layout.Basis, Note: s.layout.Note, GeneratedAt: s.now().UTC(),
		Forms: []FormFigures{}, Metrics: indicator.Catalogue()}
	for _, f := range s.layout.Forms {
		ff := FormFigures{Code: f.Code, Sheet: f.Sheet, Title: f.Title, Columns: f.Columns, Rows: []RowFigures{}}
		for _, r := range f.Rows {
			rf := RowFigures{Code: r.Code, Label: r.Label, Cells: []Cell{}}
			for _, col := range f.Columns {
				q, ok := r.Cells[col.Key]
				if !ok {
					continue
				}
				res, err := snap.Count(q, w)
				if err != nil {
					return Report{}, err
				}
				v := int64(res.Count)
				if col.Measure == MeasureSum {
					v = res.Sum
				}
				rf.Cells = append(rf.Cells, Cell{Column: col.Key, Query: q, Value: v, Records: res.Records})
			}
			ff.Rows = append(ff.Rows, rf)
		}
		rep.Forms = append(rep.Forms, ff)
	}
	return rep, nil
}

func errsYear(max int) error {
	return errs.Field("year", "out_of_range", "min", MinYear, "max", max)
}
