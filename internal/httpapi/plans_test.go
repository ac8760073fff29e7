package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/notify"
	planreport "github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/results"
)

// Ids of seeds/plan.json and seeds/demo.json.
const (
	demoPlan     = "64656d6f00000000000000b1"
	agencyNNMT   = "so_nnmt" // Sở Nông nghiệp và Môi trường, agency@demo and agency2@demo
	agencyCT     = "so_ct"   // Sở Công Thương
	nnmtOrg      = "64656d6f00000000000000a1"
	planPassword = "demo-Techmart-2026"
)

// at sets the platform's clock to a Vietnam time.
func at(h *apptest.Harness, y int, m time.Month, d, hh, mm int) {
	t := time.Date(y, m, d, hh, mm, 0, 0, calendar.Vietnam)
	h.Clock.Set(func() time.Time { return t })
}

func openYear(t *testing.T, h *apptest.Harness, tok string, year int) {
	t.Helper()
	if r := h.Do(R{Method: "POST", Path: "/api/v1/plans/" + demoPlan + "/periods", Token: tok, Body: map[string]any{"year": year}}); r.Status != 200 {
		t.Fatalf("open %d: %d %s", year, r.Status, r.Body)
	}
}

func reportOf(t *testing.T, h *apptest.Harness, tok string, agency string, year int) map[string]any {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/reports/" + planreport.ID(demoPlan, year, agency), Token: tok})
	if r.Status != 200 {
		t.Fatalf("report %s %d: %d %s", agency, year, r.Status, r.Body)
	}
	return r.JSON(t)
}

func itemOf(rep map[string]any, target string) map[string]any {
	for _, it := range rep["items"].([]any) {
		if m := it.(map[string]any); m["target"] == target {
			return m
		}
	}
	return nil
}

func etag(rep map[string]any) string { return strconv.Itoa(int(rep["version"].(float64))) }

// The whole November procedure: the officer opens 2026, the agency sees its
// targets with the platform's figures pre-filled and linked, cannot
// overwrite them (only note), writes, attaches evidence and submits; the
// officer returns it for a missing figure; it is corrected and accepted;
// the provincial report comes out as HTML, PDF, DOCX (read by a real
// parser) and XLSX (read back, its counted rows adding up to the figures).
func TestAnnualReportJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	at(h, 2026, time.November, 20, 9, 0)
	officer, agency := h.Demo("officer"), h.Demo("agency")

	// Before the year is opened the agency has nothing to report on.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/reports", Token: agency.Access, Body: map[string]any{"planId": demoPlan, "year": 2026}}); r.Status != 409 || problemCode(t, r) != "period_not_open" {
		t.Fatalf("start before opening: %d %s", r.Status, r.Body)
	}
	openYear(t, h, officer.Access, 2026)
	list := h.Do(R{Method: "GET", Path: "/api/v1/reports?planId=" + demoPlan + "&year=2026", Token: agency.Access}).JSON(t)["items"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["agencyCode"] != agencyNNMT {
		t.Fatalf("the agency lists %v, want its one report", list)
	}
	rep := reportOf(t, h, agency.Access, agencyNNMT, 2026)
	if rep["state"] != "draft" || rep["dueDay"] != "2026-11-30" || rep["can"].(map[string]any)["edit"] != true {
		t.Fatalf("draft: %v", rep)
	}
	// Target 1 (high-tech vegetables) is its own, reported; 3 (collective
	// marks) it co-operates on, counted by the platform with its records.
	if it := itemOf(rep, "1"); it == nil || it["role"] != "responsible" || it["source"] != "reported" {
		t.Fatalf("target 1: %v", it)
	}
	counted := itemOf(rep, "3")
	if counted == nil || counted["role"] != "cooperating" || counted["counted"] == nil {
		t.Fatalf("target 3 is not pre-filled: %v", counted)
	}
	c := counted["counted"].(map[string]any)
	if recs := c["records"].([]any); int(c["value"].(float64)) != len(recs) {
		t.Fatalf("counted %v but links %d records", c["value"], len(recs))
	}
	id := rep["id"].(string)
	path := "/api/v1/reports/" + id

	// A counted figure cannot be overwritten, only noted.
	r := h.Do(R{Method: "PATCH", Path: path, Token: agency.Access, Headers: map[string]string{"If-Match": etag(rep)},
		Body: map[string]any{"items": []map[string]any{{"target": "3", "value": 99}}}})
	if r.Status != 422 || !strings.Contains(string(r.Body), "counted_figure") {
		t.Fatalf("overwrite a counted figure: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "PATCH", Path: path, Token: agency.Access, Headers: map[string]string{"If-Match": etag(rep)},
		Body: map[string]any{"items": []map[string]any{
			{"target": "3", "status": "on_track", "note": "Nhãn hiệu tập thể Quýt Quang Thuận đã được cấp văn bằng nhưng chưa đăng trên sàn."},
			{"target": "1", "status": "on_track", "done": "Xây dựng 01 mô hình rau thủy canh tại phường Đức Xuân.", "difficulties": "Thiếu vốn đối ứng."},
			{"target": "2", "status": "achieved", "value": 1, "cumulative": 1},
			{"target": "4", "status": "on_track"},
		}, "sections": []map[string]any{{"title": "Kiến nghị chung", "body": "Đề nghị Sở KH&CN hỗ trợ chuyển giao quy trình."}}}})
	if r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	rep = r.JSON(t)
	if it := itemOf(rep, "3"); it["note"] == "" || it["value"] != nil {
		t.Fatalf("the note is kept and the figure untouched: %v", it)
	}
	// Evidence through the files mechanism.
	if up := uploadEvidence(t, h, agency.Access, path+"/files", "1"); up.Status != 201 {
		t.Fatalf("evidence: %d %s", up.Status, up.Body)
	}
	rep = reportOf(t, h, agency.Access, agencyNNMT, 2026)
	files := itemOf(rep, "1")["files"].([]any)
	if len(files) != 1 {
		t.Fatalf("evidence listed: %v", files)
	}
	fileID := files[0].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "GET", Path: "/api/v1/files/" + fileID, Token: officer.Access}); r.Status != 200 {
		t.Fatalf("officer reads the evidence: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/files/" + fileID, Token: h.Demo("enterprise").Access}); r.Status != 404 {
		t.Fatalf("an enterprise reads the evidence: %d", r.Status)
	}
	// Submitting without target 1's figure names the field.
	r = h.Do(R{Method: "POST", Path: path + "/submit", Token: agency.Access})
	if r.Status != 422 || !strings.Contains(string(r.Body), "items.0.value") {
		t.Fatalf("submit without the figure: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "PATCH", Path: path, Token: agency.Access, Body: map[string]any{"items": []map[string]any{{"target": "1", "value": 1}}}})
	if r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if r = h.Do(R{Method: "POST", Path: path + "/submit", Token: agency.Access}); r.Status != 200 || r.JSON(t)["state"] != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	// The agency cannot accept its own report; the officer returns it.
	if r := h.Do(R{Method: "POST", Path: path + "/accept", Token: agency.Access}); r.Status != 403 {
		t.Fatalf("agency accepts: %d", r.Status)
	}
	if r := h.Do(R{Method: "POST", Path: path + "/return", Token: officer.Access, Body: map[string]any{"reason": "Thiếu số liệu lũy kế chỉ tiêu 1."}}); r.Status != 200 || r.JSON(t)["state"] != "returned" {
		t.Fatalf("return: %d %s", r.Status, r.Body)
	}
	rep = reportOf(t, h, agency.Access, agencyNNMT, 2026)
	if rep["reason"] != "Thiếu số liệu lũy kế chỉ tiêu 1." {
		t.Fatalf("the reason reaches the agency: %v", rep["reason"])
	}
	if r := h.Do(R{Method: "PATCH", Path: path, Token: agency.Access, Headers: map[string]string{"If-Match": etag(rep)},
		Body: map[string]any{"items": []map[string]any{{"target": "1", "cumulative": 3}}}}); r.Status != 200 {
		t.Fatalf("correct: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: path + "/submit", Token: agency.Access}); r.Status != 200 {
		t.Fatalf("submit again: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: path + "/accept", Token: officer.Access}); r.Status != 200 || r.JSON(t)["state"] != "accepted" {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	// Submitted, the report cannot be edited.
	if r := h.Do(R{Method: "PATCH", Path: path, Token: agency.Access, Body: map[string]any{"items": []map[string]any{{"target": "1", "value": 5}}}}); r.Status != 409 {
		t.Fatalf("edit an accepted report: %d %s", r.Status, r.Body)
	}

	// Progress: the agency's figure for target 1, and who has not reported.
	pr := h.Do(R{Method: "GET", Path: "/api/v1/plans/" + demoPlan + "/progress?year=2026", Token: officer.Access})
	if pr.Status != 200 {
		t.Fatalf("progress: %d %s", pr.Status, pr.Body)
	}
	prog := pr.JSON(t)
	var t1 map[string]any
	for _, x := range prog["targets"].([]any) {
		if m := x.(map[string]any); m["code"] == "1" {
			t1 = m
		}
	}
	if t1["cumulative"] != 3.0 || t1["value"] != 1.0 || t1["responsible"].(map[string]any)["current"] != "Sở Nông nghiệp và Môi trường" {
		t.Fatalf("target 1 progress: %v", t1)
	}
	if prog["missing"].(float64) != 3 {
		t.Fatalf("agencies not reported: %v", prog["agencies"])
	}

	// The provincial report in every format.
	base := "/api/v1/plans/" + demoPlan + "/provincial-report?year=2026&format="
	html := h.Do(R{Method: "GET", Path: base + "html", Token: officer.Access})
	if html.Status != 200 || !strings.Contains(string(html.Body), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || !strings.Contains(string(html.Body), "684/QĐ-UBND") {
		t.Fatalf("html: %d %.300s", html.Status, html.Body)
	}
	if pdf := h.Do(R{Method: "GET", Path: base + "pdf", Token: officer.Access}); pdf.Status != 200 || !bytes.HasPrefix(pdf.Body, []byte("%PDF")) {
		t.Fatalf("pdf: %d", pdf.Status)
	}
	docx := h.Do(R{Method: "GET", Path: base + "docx", Token: officer.Access})
	if docx.Status != 200 {
		t.Fatalf("docx: %d %s", docx.Status, docx.Body)
	}
	text := docxText(t, docx.Body)
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "684/QĐ-UBND", "Mô hình sản xuất rau công nghệ cao", "Thiếu vốn đối ứng.", "Nơi nhận:", "GIÁM ĐỐC"} {
		if !strings.Contains(text, want) {
			t.Errorf("the DOCX lacks %q", want)
		}
	}
	xl := h.Do(R{Method: "GET", Path: base + "xlsx", Token: officer.Access})
	if xl.Status != 200 {
		t.Fatalf("xlsx: %d %s", xl.Status, xl.Body)
	}
	checkXLSX(t, xl.Body, prog)
	if r := h.Do(R{Method: "GET", Path: base + "odt", Token: officer.Access}); r.Status != 422 {
		t.Fatalf("unknown format: %d", r.Status)
	}
}

// uploadEvidence posts a small PDF for a target.
func uploadEvidence(t *testing.T, h *apptest.Harness, tok, path, target string) apptest.Response {
	t.Helper()
	return postFile(t, h, tok, path, "bien-ban.pdf", smallPDF, map[string]string{"target": target})
}

// docxText opens a DOCX as Word would start to: a zip whose content types
// name the main part, and that part well-formed XML; it returns the text.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if parts[name] == nil {
			t.Fatalf("the DOCX has no %s", name)
		}
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), "wordprocessingml.document.main+xml") {
		t.Fatal("the main part's content type is missing")
	}
	var text strings.Builder
	for name, data := range parts {
		dec := xml.NewDecoder(bytes.NewReader(data))
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
			if name != "word/document.xml" {
				continue
			}
			switch e := tok.(type) {
			case xml.StartElement:
				inText = e.Name.Local == "t"
			case xml.EndElement:
				if e.Name.Local == "p" {
					text.WriteString("\n")
				}
				inText = false
			case xml.CharData:
				if inText {
					text.Write(e)
				}
			}
		}
	}
	return text.String()
}

// checkXLSX reads the workbook back: a sheet per section, a row per
// target with the progress's figures, and the counted records adding up
// to each counted figure.
func checkXLSX(t *testing.T, b []byte, prog map[string]any) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot open it: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 4 {
		t.Fatalf("sheets %v", sheets)
	}
	targets, _ := f.GetRows(sheets[0])
	want := prog["targets"].([]any)
	if len(targets) != len(want)+1 {
		t.Fatalf("%d target rows, want %d", len(targets)-1, len(want))
	}
	records, _ := f.GetRows(sheets[2])
	sums := map[string]int{}
	for _, row := range records[1:] {
		sums[row[0]] += atoi(row[4])
	}
	for i, x := range want {
		tp := x.(map[string]any)
		row := targets[i+1]
		if row[0] != tp["code"] {
			t.Fatalf("row %d is %v, want target %v", i+1, row, tp["code"])
		}
		if v, ok := tp["value"].(float64); ok {
			if atoi(row[9]) != int(v) {
				t.Errorf("target %v: the sheet says %s this year, the progress %v", tp["code"], row[9], v)
			}
			if tp["source"] == "platform" && sums[row[0]] != int(v) {
				t.Errorf("target %v: records add up to %d, the figure is %v", tp["code"], sums[row[0]], v)
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

// A listing published at 23:30 on 14 December (Vietnam) counts in that
// reporting year's report; one published on 15 December in the next.
func TestReportCountsByPeriodBoundary(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	publish := func(y int, m time.Month, d, hh, mm int, title string) string {
		at(h, y, m, d, hh, mm)
		owner, officer := h.Demo("institute"), h.Demo("officer")
		body := completeListing(instituteOrg)
		body["kind"], body["title"], body["ipType"], body["ipStatus"], body["holder"] = "ip", title, "collective_trademark", "granted", "Hội Nông dân tỉnh"
		body["ipNumber"], body["filingDate"], body["grantDate"] = "4-0012345", "2020-01-10", "2021-06-01"
		r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: owner.Access, Body: body})
		if r.Status != 201 {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		id := r.JSON(t)["id"].(string)
		for _, step := range []struct{ tok, step string }{{owner.Access, "submit"}, {officer.Access, "approve"}} {
			if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/" + step.step, Token: step.tok}); r.Status != 200 {
				t.Fatalf("%s: %d %s", step.step, r.Status, r.Body)
			}
		}
		return id
	}
	late := publish(2026, time.December, 14, 23, 30, "Nhãn hiệu tập thể Miến dong Na Rì")
	next := publish(2026, time.December, 15, 0, 30, "Nhãn hiệu tập thể Gạo Bao Thai Chợ Đồn")
	at(h, 2026, time.December, 16, 9, 0)
	officer, agency := h.Demo("officer"), h.Demo("agency")
	openYear(t, h, officer.Access, 2026)
	openYear(t, h, officer.Access, 2027)
	ids := func(year int) []string {
		c := itemOf(reportOf(t, h, agency.Access, agencyNNMT, year), "3")["counted"].(map[string]any)
		var out []string
		for _, r := range c["records"].([]any) {
			out = append(out, r.(map[string]any)["id"].(string))
		}
		return out
	}
	if y := ids(2026); !slices.Contains(y, late) || slices.Contains(y, next) {
		t.Errorf("2026 counts %v: want %s (23:30 on 14/12) and not %s", y, late, next)
	}
	if y := ids(2027); !slices.Contains(y, next) || slices.Contains(y, late) {
		t.Errorf("2027 counts %v: want %s (15/12) and not %s", y, next, late)
	}
}

// Two members of the agency edit the same version: one wins, the other
// gets 412 and nothing of theirs is written.
func TestReportConcurrentEdits(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	at(h, 2026, time.November, 20, 9, 0)
	openYear(t, h, h.Demo("officer").Access, 2026)
	a, b := h.Demo("agency"), h.Login("agency2@demo.techmart.vn", planPassword)
	rep := reportOf(t, h, a.Access, agencyNNMT, 2026)
	path := "/api/v1/reports/" + rep["id"].(string)
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, tok := range []string{a.Access, b.Access} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "PATCH", Path: path, Token: tok, Headers: map[string]string{"If-Match": etag(rep)},
				Body: map[string]any{"items": []map[string]any{{"target": "1", "done": "Người " + strconv.Itoa(i+1) + " viết."}}}}).Status
		}()
	}
	wg.Wait()
	slices.Sort(statuses)
	if statuses[0] != 200 || statuses[1] != 412 {
		t.Fatalf("statuses %v, want one 200 and one 412", statuses)
	}
	if v := reportOf(t, h, a.Access, agencyNNMT, 2026)["version"].(float64); v != rep["version"].(float64)+1 {
		t.Fatalf("version %v after one write from %v", v, rep["version"])
	}
}

// An agency reads only its own reports; enterprises and reviewers none;
// officers every one.
func TestReportAccess(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	at(h, 2026, time.November, 20, 9, 0)
	openYear(t, h, h.Demo("officer").Access, 2026)
	own := planreport.ID(demoPlan, 2026, agencyNNMT)
	other := planreport.ID(demoPlan, 2026, agencyCT)
	for _, c := range []struct {
		who  string
		tok  string
		id   string
		want int
	}{
		{"agency, own", h.Demo("agency").Access, own, 200},
		{"agency, another agency's", h.Demo("agency").Access, other, 404},
		{"enterprise", h.Demo("enterprise").Access, own, 404},
		{"reviewer", h.Demo("reviewer").Access, own, 404},
		{"officer", h.Demo("officer").Access, other, 200},
		{"anonymous", "", own, 401},
	} {
		if r := h.Do(R{Method: "GET", Path: "/api/v1/reports/" + c.id, Token: c.tok}); r.Status != c.want {
			t.Errorf("%s: %d, want %d", c.who, r.Status, c.want)
		}
	}
	if items := h.Do(R{Method: "GET", Path: "/api/v1/reports", Token: h.Demo("enterprise").Access}).JSON(t)["items"].([]any); len(items) != 0 {
		t.Errorf("an enterprise lists %d reports", len(items))
	}
	if items := h.Do(R{Method: "GET", Path: "/api/v1/reports", Token: h.Demo("officer").Access}).JSON(t)["items"].([]any); len(items) != 4 {
		t.Errorf("the officer lists %d reports, want the 4 agencies'", len(items))
	}
	// The agency may not submit another's, nor open a year.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/reports/" + other + "/submit", Token: h.Demo("agency").Access}); r.Status != 404 {
		t.Errorf("submit another agency's: %d", r.Status)
	}
}

// Reminders go out 7 days and 1 day before the due day, in the app, to
// agencies that have not sent their report, each once.
func TestReportReminders(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	at(h, 2026, time.November, 10, 9, 0)
	officer := h.Demo("officer")
	openYear(t, h, officer.Access, 2026)
	ctx := context.Background()
	remind := func(want int) {
		t.Helper()
		n, err := h.App.Reports.RemindDue(ctx)
		if err != nil || n != want {
			t.Fatalf("reminders sent %d (%v), want %d", n, err, want)
		}
	}
	remind(0) // 20 days before
	// The agency of Sở Công Thương submits in time: no reminder for it.
	ct := h.Login("lienhe.soct@demo.techmart.vn", planPassword)
	ctID := planreport.ID(demoPlan, 2026, agencyCT)
	rep := h.Do(R{Method: "GET", Path: "/api/v1/reports/" + ctID, Token: ct.Access}).JSON(t)
	var items []map[string]any
	for _, it := range rep["items"].([]any) {
		m := it.(map[string]any)
		items = append(items, map[string]any{"target": m["target"], "status": "on_track"})
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/reports/" + ctID, Token: ct.Access, Body: map[string]any{"items": items}}); r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/reports/" + ctID + "/submit", Token: ct.Access}); r.Status != 200 {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	at(h, 2026, time.November, 23, 8, 0) // 7 days before 30/11
	remind(3)
	remind(0)
	at(h, 2026, time.November, 26, 8, 0)
	remind(0)
	at(h, 2026, time.November, 29, 8, 0) // 1 day before
	remind(3)
	remind(0)
	at(h, 2026, time.December, 1, 8, 0) // overdue: the officer's list, no more reminders
	remind(0)
	u, _ := h.App.Auth.UserByEmail(ctx, "agency@demo.techmart.vn")
	inbox, _, _, err := h.App.Notify.List(ctx, u.ID, "vi", 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range inbox {
		if it.Kind == notify.KindReport && strings.Contains(it.Text, "đến hạn gửi báo cáo") {
			n += max(it.Count, 1) // unread notes about one report are grouped
		}
	}
	if n != 2 {
		t.Fatalf("the agency got %d reminders, want 2", n)
	}
	officer = h.Demo("officer")
	prog := h.Do(R{Method: "GET", Path: "/api/v1/plans/" + demoPlan + "/progress?year=2026", Token: officer.Access}).JSON(t)
	if prog["overdue"].(float64) != 3 {
		t.Fatalf("overdue agencies: %v", prog["agencies"])
	}
}

// The public results list every target of Decision 684 with its progress,
// counted from the same snapshot as the other figures, and the CSV holds
// the same target rows; the officers' progress names agencies in English.
func TestPublicResultsTargets(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	at(h, 2026, time.December, 1, 9, 0)
	pub := h.Do(R{Method: "GET", Path: "/api/v1/public/results?year=2026"})
	if pub.Status != 200 {
		t.Fatalf("public results: %d %s", pub.Status, pub.Body)
	}
	var doc struct {
		Figures []map[string]any `json:"figures"`
	}
	if err := json.Unmarshal(pub.Body, &doc); err != nil {
		t.Fatal(err)
	}
	var targets []map[string]any
	for _, f := range doc.Figures {
		if f["section"] == "targets" {
			targets = append(targets, f)
		}
	}
	if len(targets) != 7 {
		t.Fatalf("%d target rows, want Decision 684's 7: %v", len(targets), targets)
	}
	byKey := map[string]map[string]any{}
	for _, f := range targets {
		byKey[f["key"].(string)] = f
		if f["year"] != float64(2026) || f["target"] == nil || f["labelVi"] == "" || f["labelEn"] == "" {
			t.Errorf("target row %v", f)
		}
	}
	marks := byKey[demoPlan+"/3"]
	if marks == nil || marks["labelVi"] != "Sản phẩm của địa phương được đăng ký nhãn hiệu tập thể" ||
		marks["labelEn"] != "Local products registered as collective marks" || marks["metric"] != "ip.published" || marks["target"] != float64(1) ||
		marks["unit"] != "sản phẩm" || marks["unitEn"] != "products" || marks["unitEnOne"] != "product" {
		t.Errorf("collective marks: %v", marks)
	}
	// A counted target has its figure; a reported one none until the
	// agency's report is accepted.
	if marks["achieved"] == nil {
		t.Errorf("a counted target has no figure: %v", marks)
	}
	if r := byKey[demoPlan+"/1"]; r == nil || r["metric"] != "reported" || r["achieved"] != nil || r["status"] != "" {
		t.Errorf("a reported target: %v", r)
	}
	if ents := byKey[demoPlan+"/5"]; ents == nil || ents["status"] == "" {
		t.Errorf("a counted target has no status: %v", ents)
	}
	if bytes.Contains(pub.Body, []byte("\"notes\"")) {
		t.Error("the agencies' notes are in the public document")
	}

	// The officers' progress names the agencies in English too.
	officer := h.Demo("officer")
	pr := h.Do(R{Method: "GET", Path: "/api/v1/plans/" + demoPlan + "/progress?year=2026", Token: officer.Access})
	var prog struct {
		Targets []struct {
			Responsible struct{ Name, NameEn string } `json:"responsible"`
		} `json:"targets"`
	}
	if err := json.Unmarshal(pr.Body, &prog); err != nil || pr.Status != 200 || len(prog.Targets) == 0 {
		t.Fatalf("progress: %d %v", pr.Status, err)
	}
	if r := prog.Targets[0].Responsible; r.Name != "Sở Nông nghiệp và Phát triển nông thôn" || r.NameEn != "Department of Agriculture and Rural Development" {
		t.Errorf("responsible agency: %+v", r)
	}

	c := h.Do(R{Method: "GET", Path: "/api/v1/public/results.csv"})
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Body, []byte("\ufeff")))).ReadAll()
	if c.Status != 200 || err != nil {
		t.Fatalf("csv: %d %v", c.Status, err)
	}
	var csvTargets [][]string
	for _, row := range rows[1:] {
		if row[0] == "targets" {
			csvTargets = append(csvTargets, row)
		}
	}
	if len(csvTargets) != len(targets) {
		t.Fatalf("%d CSV target rows for %d in the JSON", len(csvTargets), len(targets))
	}
	for i, f := range targets {
		for j, col := range results.CSVHeader {
			want := ""
			switch v := f[col].(type) {
			case string:
				want = v
			case float64:
				want = strconv.FormatFloat(v, 'f', -1, 64)
			}
			if csvTargets[i][j] != want {
				t.Errorf("target row %d %s: CSV %q, JSON %q", i, col, csvTargets[i][j], want)
			}
		}
	}
}
