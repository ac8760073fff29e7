package statistics_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
)

func tax(t *testing.T) *taxonomy.Taxonomy {
	t.Helper()
	x, err := taxonomy.Load()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// The seeded forms load: every cell names a metric of the catalogue with
// filters it takes, and the rows "each" makes are there.
func TestFormsLoad(t *testing.T) {
	x := tax(t)
	l, err := statistics.Load(x)
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{}
	for _, f := range l.Forms {
		codes = append(codes, f.Code)
	}
	if strings.Join(codes, ",") != "06/KHCN-CG,07/KHCN-DN,08/KHCN-SHTT" {
		t.Errorf("forms = %v", codes)
	}
	// Form 06 has a row per transfer form under 1 and per sector under 2.
	n := 0
	for _, r := range l.Forms[0].Rows {
		if strings.HasPrefix(r.Code, "2.") {
			n++
			if r.Cells["count"].Filters["sector"] == "" || r.Label.Vi == "" {
				t.Errorf("row %+v", r)
			}
		}
	}
	if n != len(x.Sectors) {
		t.Errorf("%d sector rows, want %d", n, len(x.Sectors))
	}
}

// A layout naming a metric that does not exist, or a filter the metric
// does not take, is refused when it loads, not when a report is asked.
func TestFormsRefuseUnknownMetrics(t *testing.T) {
	x := tax(t)
	for _, bad := range []string{
		`{"forms":[{"code":"X","sheet":"X","title":{"vi":"x","en":"x"},"columns":[{"key":"count","measure":"count","label":{"vi":"n","en":"n"}}],"rows":[{"code":"1","label":{"vi":"a","en":"a"},"cells":{"count":{"metric":"transfers.nope"}}}]}]}`,
		`{"forms":[{"code":"X","sheet":"X","title":{"vi":"x","en":"x"},"columns":[{"key":"count","measure":"count","label":{"vi":"n","en":"n"}}],"rows":[{"code":"1","label":{"vi":"a","en":"a"},"cells":{"count":{"metric":"transfers.signed","filters":{"ipType":"patent"}}}}]}]}`,
		`{"forms":[{"code":"X","sheet":"X","title":{"vi":"x","en":"x"},"columns":[{"key":"count","measure":"count","label":{"vi":"n","en":"n"}}],"rows":[{"code":"1.{n}","each":{"list":"colours","filter":"sector"},"cells":{"count":{"metric":"transfers.signed"}}}]}]}`,
		`{"forms":[{"code":"X","sheet":"X","title":{"vi":"x","en":"x"},"columns":[{"key":"count","measure":"avg","label":{"vi":"n","en":"n"}}],"rows":[]}]}`,
	} {
		if _, err := statistics.Parse([]byte(bad), x); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func insert(t *testing.T, st *store.Store, coll string, doc any) {
	t.Helper()
	if err := store.Insert(context.Background(), st, coll, doc); err != nil {
		t.Fatal(err)
	}
}

// The workbook, read back with excelize, holds on each form's rows the
// figures the records make: counted here from what was inserted, not from
// the engine.
func TestXLSXReadBackEqualsRecords(t *testing.T) {
	st := storetest.New(t)
	if err := st.Ensure(context.Background(), append([]store.CollectionSpec{transfer.Spec, catalog.Spec, org.Spec}, support.Specs...)...); err != nil {
		t.Fatal(err)
	}
	type tr struct {
		form, sector, day string
		value             int64
		registeredOn      string
	}
	transfers := []tr{
		{"licence", "biotech", "2025-12-15", 100_000_000, "2026-02-01"},
		{"licence", "agri_processing", "2026-06-01", 250_000_000, ""},
		{"technical_service", "biotech", "2026-12-14", 40_000_000, "2026-12-14"},
		{"licence", "biotech", "2026-12-15", 999_000_000, ""}, // next year
		{"assignment", "ict", "2025-12-14", 7, ""},            // year before
	}
	for i, x := range transfers {
		doc := &transfer.Transfer{ID: "t" + strconv.Itoa(i), Title: "Transfer " + strconv.Itoa(i), Form: x.form, Sectors: []string{x.sector},
			SignedOn: x.day, ContractValue: x.value, Methods: []string{"documents"}, Documents: []string{}, Registration: transfer.Registration{Status: transfer.RegNotRequired}}
		if x.registeredOn != "" {
			doc.Registration = transfer.Registration{Required: true, Status: transfer.RegRegistered, RegisteredOn: x.registeredOn}
		}
		insert(t, st, transfer.Collection, doc)
	}
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, calendar.Vietnam)
	for i, ip := range []string{"collective_trademark", "collective_trademark", "geographical_indication"} {
		insert(t, st, catalog.Collection, &catalog.Listing{ID: "l" + strconv.Itoa(i), Kind: catalog.KindIP, IPType: ip, Title: "IP " + ip, PublishedAt: &at})
	}
	svc := statistics.New(indicator.New(st), mustLoad(t), period.Default(), func() time.Time { return at })
	rep, err := svc.Report(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	b, err := statistics.XLSX(rep, "vi")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Rows of a sheet by code: code → the cells after the label.
	byCode := func(sheet string) map[string][]string {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for _, r := range rows[6:] {
			if len(r) > 2 {
				out[r[0]] = r[2:]
			}
		}
		return out
	}
	x := tax(t)
	code := func(list []taxonomy.Term, prefix, c string) string {
		for i, term := range list {
			if term.Code == c {
				return prefix + strconv.Itoa(i+1)
			}
		}
		t.Fatalf("no term %s", c)
		return ""
	}
	// Expected, from the inserted records of reporting year 2026
	// (15/12/2025–14/12/2026).
	y := indicator.YearOf(period.Default().Year(2026))
	want := map[string][2]int64{}
	addTo := func(k string, v int64) {
		w := want[k]
		w[0]++
		w[1] += v
		want[k] = w
	}
	for _, x2 := range transfers {
		if y.ContainsDay(x2.day) {
			addTo("1", x2.value)
			addTo(code(x.TransferForms, "1.", x2.form), x2.value)
			addTo(code(x.Sectors, "2.", x2.sector), x2.value)
		}
		if x2.registeredOn != "" && y.ContainsDay(x2.registeredOn) {
			addTo("3", x2.value)
			addTo(code(x.TransferForms, "3.", x2.form), x2.value)
		}
	}
	if want["1"] != [2]int64{3, 390_000_000} {
		t.Fatalf("the test's own count: %v", want["1"])
	}
	got := byCode("06-KHCN-CG")
	for c, w := range want {
		if len(got[c]) != 2 || got[c][0] != strconv.FormatInt(w[0], 10) || got[c][1] != strconv.FormatInt(w[1], 10) {
			t.Errorf("06 row %s = %v, want %v", c, got[c], w)
		}
	}
	// A row with nothing in it says 0, not an empty cell.
	if c := code(x.Sectors, "2.", "medicine"); len(got[c]) != 2 || got[c][0] != "0" {
		t.Errorf("06 row %s (medicine) = %v", c, got[c])
	}
	ip := byCode("08-KHCN-SHTT")
	if ip["1"][0] != "3" || ip[code(x.IPTypes, "1.", "collective_trademark")][0] != "2" || ip[code(x.IPTypes, "1.", "geographical_indication")][0] != "1" {
		t.Errorf("08 = %v", ip)
	}
	if title, _ := f.GetCellValue("06-KHCN-CG", "A1"); !strings.Contains(title, "06/KHCN-CG") || !strings.Contains(title, "Chuyển giao công nghệ") {
		t.Errorf("06 title = %q", title)
	}
	if p, _ := f.GetCellValue("06-KHCN-CG", "A2"); !strings.Contains(p, "15/12/2025") || !strings.Contains(p, "14/12/2026") {
		t.Errorf("06 period = %q", p)
	}
	if sheets := f.GetSheetList(); len(sheets) != 4 || sheets[3] != "Cách tính" {
		t.Errorf("sheets = %v", sheets)
	}
	// The JSON report's cells name the records they counted.
	if c := rep.Forms[0].Rows[0].Cells[0]; c.Value != 3 || len(c.Records) != 3 || c.Records[0].Link == "" {
		t.Errorf("row 1's count cell = %+v", c)
	}
}

func mustLoad(t *testing.T) statistics.Layout {
	l, err := statistics.Load(tax(t))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The year asked is a whole number from 2000 to the year after the
// current one; none is the current reporting year (by Vietnam's days).
func TestYear(t *testing.T) {
	now := time.Date(2026, 12, 14, 17, 30, 0, 0, time.UTC) // 00:30 on 15/12 in Vietnam
	svc := statistics.New(nil, statistics.Layout{}, period.Default(), func() time.Time { return now })
	if y, err := svc.Year(""); err != nil || y != 2027 {
		t.Errorf("current = %d %v, want 2027", y, err)
	}
	for _, bad := range []string{"1999", "2029", "20x6", "2026.0", " 2026"} {
		if _, err := svc.Year(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if y, err := svc.Year("2025"); err != nil || y != 2025 {
		t.Errorf("2025 = %d %v", y, err)
	}
}
