package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/results"
)

// An officer downloads the ministry's forms as JSON and as XLSX, and the
// workbook holds the JSON's figures; a bad year or format is refused by
// field.
func TestStatisticsRoute(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	year := strconv.Itoa(period.Default().YearOf(h.Clock.Now()))
	r := h.Do(R{Method: "GET", Path: "/api/v1/statistics?year=" + year, Token: officer.Access})
	if r.Status != 200 {
		t.Fatalf("statistics: %d %s", r.Status, r.Body)
	}
	var rep struct {
		Year  int `json:"year"`
		Forms []struct {
			Code  string `json:"code"`
			Sheet string `json:"sheet"`
			Rows  []struct {
				Code  string `json:"code"`
				Cells []struct {
					Value   int64 `json:"value"`
					Records []struct {
						ID, Link string
					} `json:"records"`
				} `json:"cells"`
			} `json:"rows"`
		} `json:"forms"`
	}
	if err := json.Unmarshal(r.Body, &rep); err != nil {
		t.Fatal(err)
	}
	signed := rep.Forms[0].Rows[0].Cells[0]
	if rep.Forms[0].Code != "06/KHCN-CG" || signed.Value < 1 || int(signed.Value) != len(signed.Records) {
		t.Fatalf("form 06 row 1: %+v", signed)
	}

	x := h.Do(R{Method: "GET", Path: "/api/v1/statistics?format=xlsx&lang=en&year=" + year, Token: officer.Access})
	if x.Status != 200 || !strings.Contains(x.Header.Get("Content-Type"), "spreadsheetml") || !strings.Contains(x.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("xlsx: %d %v", x.Status, x.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, form := range rep.Forms {
		rows, err := f.GetRows(form.Sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range form.Rows {
			got := rows[6+i]
			if got[0] != row.Code {
				t.Fatalf("%s row %d: code %q, JSON %q", form.Code, i, got[0], row.Code)
			}
			for j, c := range row.Cells {
				if got[2+j] != strconv.FormatInt(c.Value, 10) {
					t.Errorf("%s row %s column %d: %q, JSON %d", form.Code, row.Code, j, got[2+j], c.Value)
				}
			}
		}
	}

	for _, tc := range []struct{ query, field string }{
		{"year=20x6", "year"}, {"year=1999", "year"}, {"format=pdf", "format"}, {"lang=fr", "lang"},
	} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/statistics?" + tc.query, Token: officer.Access})
		if r.Status != 422 || !strings.Contains(string(r.Body), `"field":"`+tc.field+`"`) {
			t.Errorf("%s: %d %s", tc.query, r.Status, r.Body)
		}
	}
}

// Anyone reads the public results; a contract recorded with the parties'
// consent is named there with its value, the demo's others are not; the
// CSV holds the JSON's figures row for row, and the JSON download is the
// same document.
func TestPublicResultsRoute(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	today := calendar.Day(h.Clock.Now())
	consent := true
	r := h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: officer.Access, Body: map[string]any{
		"supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "listingIds": []string{"6c6973740000000000000007"},
		"title": "Chuyển giao quy trình chế biến chè Shan tuyết công khai", "form": "licence", "methods": []string{"documents"},
		"contractValue": 123456789, "signedOn": today, "registrationRequired": false, "publicConsent": consent}})
	if r.Status != 201 || r.JSON(t)["publicConsent"] != true {
		t.Fatalf("record a transfer with consent: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)

	pub := h.Do(R{Method: "GET", Path: "/api/v1/public/results"})
	if pub.Status != 200 || !strings.HasPrefix(pub.Header.Get("Cache-Control"), "public") {
		t.Fatalf("public results: %d %v %s", pub.Status, pub.Header, pub.Body)
	}
	var doc struct {
		Schema    string           `json:"schema"`
		Figures   []map[string]any `json:"figures"`
		Transfers []struct {
			ID        string `json:"id"`
			Recipient string `json:"recipient"`
			Value     int64  `json:"value"`
		} `json:"transfers"`
	}
	if err := json.Unmarshal(pub.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != results.Schema || len(doc.Figures) == 0 {
		t.Fatalf("schema %q, %d figures", doc.Schema, len(doc.Figures))
	}
	named := map[string]bool{}
	for _, x := range doc.Transfers {
		named[x.ID] = true
		if x.ID == id && (x.Value != 123456789 || x.Recipient == "") {
			t.Errorf("the consented transfer: %+v", x)
		}
	}
	// The demo's first transfer has no consent; its "…0004" has none either.
	if !named[id] || named["7472616e0000000000000001"] || named["7472616e0000000000000004"] {
		t.Errorf("named = %v", named)
	}
	if bytes.Contains(pub.Body, []byte("450000000")) {
		t.Error("the demo's confidential contract value is in the public document")
	}

	c := h.Do(R{Method: "GET", Path: "/api/v1/public/results.csv"})
	if c.Status != 200 || !strings.HasPrefix(c.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %v", c.Status, c.Header)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(doc.Figures)+1 {
		t.Fatalf("%d CSV rows for %d figures", len(rows)-1, len(doc.Figures))
	}
	for i, fig := range doc.Figures {
		for j, col := range results.CSVHeader {
			want := ""
			switch v := fig[col].(type) {
			case string:
				want = v
			case float64:
				want = strconv.FormatFloat(v, 'f', -1, 64)
			}
			if rows[i+1][j] != want {
				t.Fatalf("row %d %s: CSV %q, JSON %q", i+1, col, rows[i+1][j], want)
			}
		}
	}
	dl := h.Do(R{Method: "GET", Path: "/api/v1/public/results.json"})
	if dl.Status != 200 || !bytes.Equal(dl.Body, pub.Body) || !strings.Contains(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("json download: %d %v", dl.Status, dl.Header)
	}
}
