package report

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/vnd"
)

// Provincial is what the department reports to the People's Committee for
// a year: the progress, and the agencies' reports sent.
type Provincial struct {
	Plan     plan.Plan
	Progress Progress
	Reports  []Report // submitted or accepted, for the year
}

// ProvincialReport gathers the provincial report of year y (officers).
func (s *Service) ProvincialReport(ctx context.Context, p *auth.Principal, planID string, y int) (Provincial, error) {
	if !org.IsStaff(p) {
		return Provincial{}, errs.ErrForbidden
	}
	pr, err := s.Progress(ctx, p, planID, y)
	if err != nil {
		return Provincial{}, err
	}
	pl, err := s.plans.Get(ctx, planID)
	if err != nil {
		return Provincial{}, err
	}
	all, err := store.Find[Report](ctx, s.s, Collection, bson.D{{Key: "planId", Value: planID}})
	if err != nil {
		return Provincial{}, err
	}
	out := Provincial{Plan: pl, Progress: pr}
	for _, r := range all {
		if r.Year == y && (r.State == Submitted || r.State == Accepted) {
			out.Reports = append(out.Reports, r)
		}
	}
	return out, nil
}

// figure writes a count, or a dash for none.
func figure(v *int64, lang string) string {
	if v == nil {
		return "–"
	}
	return vnd.Group(*v, lang)
}

func pct(v *int) string {
	if v == nil {
		return "–"
	}
	return strconv.Itoa(*v) + "%"
}

var lightWords = map[string][2]string{
	LightGreen: {"Đạt / đúng tiến độ", "Achieved / on track"},
	LightAmber: {"Chậm, cần theo dõi", "Behind, to watch"},
	LightRed:   {"Chậm nhiều", "Well behind"},
	LightGrey:  {"Chưa có số liệu", "No figures yet"},
}

func word(m map[string][2]string, k, lang string) string {
	w := m[k]
	if lang == "en" {
		return w[1]
	}
	return w[0]
}

// Doc is the report to the People's Committee in the administrative format
// (lang vi, the official text, or en, a translation for reading).
func (s *Service) Doc(pv Provincial, lang string) paper.Doc {
	en := lang == "en"
	pr := pv.Progress
	t := func(vi, e string) string {
		if en {
			return e
		}
		return vi
	}
	province := s.office.ProvinceVI
	if en {
		province = s.office.ProvinceEN
	}
	d := paper.Doc{
		Lang:      lang,
		Authority: strings.ToUpper(t("UBND tỉnh ", "People's Committee of ") + province),
		Issuer:    t("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "DEPARTMENT OF SCIENCE AND TECHNOLOGY"),
		Number:    "      /BC-SKHCN",
		Place:     province,
		Date:      s.now().In(calendar.Vietnam),
		Title:     t("BÁO CÁO", "REPORT"),
		Subject: fmt.Sprintf(t("Kết quả thực hiện Kế hoạch ban hành kèm theo Quyết định số %s năm %d",
			"Results of the plan adopted by Decision %s in %d"), pv.Plan.Number, pr.Year),
		Recipients:  []string{t("UBND tỉnh (b/c)", "Provincial People's Committee (for report)"), t("Các Sở, ngành, UBND các xã, phường", "Departments, communes and wards")},
		SignerTitle: []string{t("GIÁM ĐỐC", "DIRECTOR")},
		SignerName:  s.office.Signer,
	}
	reported := 0
	for _, a := range pr.Agencies {
		if a.State == Submitted || a.State == Accepted {
			reported++
		}
	}
	achieved := 0
	for _, tp := range pr.Targets {
		if tp.Light == LightGreen {
			achieved++
		}
	}
	// Each section's heading stands on its own line: an empty first
	// paragraph carries it.
	d.Articles = append(d.Articles, paper.Article{Heading: t("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "I. RESULTS AGAINST THE TARGETS"), Paragraphs: []string{"",
		fmt.Sprintf(t("Kỳ báo cáo từ ngày %s đến ngày %s. Kế hoạch có %d chỉ tiêu; %d chỉ tiêu đạt hoặc đúng tiến độ. Chi tiết tại bảng kèm theo.",
			"Reporting period %s to %s. The plan has %d targets; %d are achieved or on track. Details in the table below."),
			vnDay(pr.Period.FirstDay), vnDay(pr.Period.LastDay), len(pr.Targets), achieved)}})
	for _, tp := range pr.Targets {
		name := tp.Indicator
		if en && tp.IndicatorEN != "" {
			name = tp.IndicatorEN
		}
		if tp.Cumulative == nil {
			d.Articles[0].Paragraphs = append(d.Articles[0].Paragraphs, "- "+fmt.Sprintf(t("%s: chưa có số liệu (mục tiêu %s %s, mốc năm %d).",
				"%s: no figures yet (goal %s %s, milestone %d)."), name, vnd.Group(tp.Milestone.Value, lang), unitCounting(tp, lang, tp.Milestone.Value), tp.Milestone.Year))
			continue
		}
		line := fmt.Sprintf("%s: năm %d đạt %s, lũy kế %s/%s %s (%s, mốc năm %d).", name, pr.Year, figure(tp.Value, lang),
			figure(tp.Cumulative, lang), vnd.Group(tp.Milestone.Value, lang), tp.Unit, pct(tp.Percent), tp.Milestone.Year)
		if en {
			line = fmt.Sprintf("%s: %s in %d, %s of %s %s to date (%s, milestone %d).", name, figure(tp.Value, lang), pr.Year,
				figure(tp.Cumulative, lang), vnd.Group(tp.Milestone.Value, lang), unitCounting(tp, lang, tp.Milestone.Value), pct(tp.Percent), tp.Milestone.Year)
		}
		for _, n := range tp.Notes {
			line += t(" Ghi chú của ", " Note by ") + strings.TrimRight(n, ". ") + "."
		}
		d.Articles[0].Paragraphs = append(d.Articles[0].Paragraphs, "- "+line)
	}
	ag := paper.Article{Heading: t("II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN", "II. THE AGENCIES' REPORTS"), Paragraphs: []string{"",
		fmt.Sprintf(t("%d/%d cơ quan đã gửi báo cáo (hạn ngày %s).", "%d of %d agencies have reported (due %s)."), reported, len(pr.Agencies), vnDay(pr.Period.DueDay))}}
	var missing []string
	for _, a := range pr.Agencies {
		if a.State != Submitted && a.State != Accepted {
			missing = append(missing, a.Name)
		}
	}
	if len(missing) > 0 {
		ag.Paragraphs = append(ag.Paragraphs, t("Chưa gửi báo cáo: ", "Not yet reported: ")+strings.Join(missing, "; ")+".")
	}
	d.Articles = append(d.Articles, ag)
	var done, diff, prop []string
	for _, r := range pv.Reports {
		for _, it := range r.Items {
			if it.Done != "" {
				done = append(done, r.AgencyName+": "+it.Done)
			}
			if it.Difficulties != "" {
				diff = append(diff, r.AgencyName+": "+it.Difficulties)
			}
			if it.Proposals != "" {
				prop = append(prop, r.AgencyName+": "+it.Proposals)
			}
		}
		for _, sec := range r.Sections {
			done = append(done, r.AgencyName+" – "+sec.Title+": "+sec.Body)
		}
	}
	none := t("Không có.", "None.")
	for _, a := range []struct {
		head  string
		paras []string
	}{{t("III. CÁC NHIỆM VỤ ĐÃ TRIỂN KHAI", "III. WHAT WAS DONE"), done},
		{t("IV. KHÓ KHĂN, VƯỚNG MẮC", "IV. DIFFICULTIES"), diff},
		{t("V. ĐỀ XUẤT, KIẾN NGHỊ", "V. PROPOSALS"), prop}} {
		if len(a.paras) == 0 {
			a.paras = []string{none}
		}
		ps := []string{""}
		for _, p := range a.paras {
			ps = append(ps, "- "+p)
		}
		d.Articles = append(d.Articles, paper.Article{Heading: a.head, Paragraphs: ps})
	}
	tb := &paper.Table{Caption: t("Bảng: Kết quả thực hiện các chỉ tiêu năm ", "Table: results against the targets, ") + strconv.Itoa(pr.Year),
		Head:   []string{t("TT", "No."), t("Chỉ tiêu", "Target"), t("Đơn vị", "Unit"), t("Mốc", "Milestone"), t("Năm", "Year"), t("Lũy kế", "To date"), "%", t("Đánh giá", "Assessment")},
		Widths: []float64{0.07, 0.29, 0.1, 0.1, 0.08, 0.09, 0.1, 0.17}, Right: []bool{false, false, false, true, true, true, true, false}}
	for i, tp := range pr.Targets {
		name := tp.Indicator
		if en && tp.IndicatorEN != "" {
			name = tp.IndicatorEN
		}
		tb.Rows = append(tb.Rows, []string{strconv.Itoa(i + 1), name, unitOf(tp, lang),
			vnd.Group(tp.Milestone.Value, lang) + " (" + strconv.Itoa(tp.Milestone.Year) + ")", figure(tp.Value, lang), figure(tp.Cumulative, lang), pct(tp.Percent), word(lightWords, tp.Light, lang)})
	}
	d.Table = tb
	return d
}

// unitCounting is the unit after the number n: in English the unit of one
// when n is 1 and the plan gives it.
func unitCounting(tp TargetProgress, lang string, n int64) string {
	if lang == "en" && n == 1 && tp.UnitENOne != "" {
		return tp.UnitENOne
	}
	return unitOf(tp, lang)
}

func unitOf(tp TargetProgress, lang string) string {
	if lang == "en" && tp.UnitEN != "" {
		return tp.UnitEN
	}
	return tp.Unit
}

// vnDay writes 2026-03-05 as 05/03/2026.
func vnDay(d string) string {
	p := strings.Split(d, "-")
	if len(p) != 3 {
		return d
	}
	return p[2] + "/" + p[1] + "/" + p[0]
}

// XLSX is the provincial report's figures, one sheet per section: the
// targets, the agencies' reports, and the records the platform counted
// (whose rows add up to the counted figures).
func (s *Service) XLSX(pv Provincial, lang string) ([]byte, error) {
	en := lang == "en"
	t := func(vi, e string) string {
		if en {
			return e
		}
		return vi
	}
	pr := pv.Progress
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	sheets := []struct {
		name string
		head []any
		rows [][]any
	}{
		{name: t("Chỉ tiêu", "Targets"), head: []any{t("Mã", "Code"), t("Mục", "Section"), t("Chỉ tiêu", "Target"), t("Đơn vị", "Unit"),
			t("Cách đo", "Measured by"), t("Cơ quan chủ trì", "Responsible"), t("Cơ sở", "Baseline"), t("Năm mốc", "Milestone year"), t("Giá trị mốc", "Milestone value"),
			t("Năm "+strconv.Itoa(pr.Year), strconv.Itoa(pr.Year)), t("Lũy kế", "To date"), "%", t("Đánh giá", "Light")}},
		{name: t("Cơ quan báo cáo", "Agencies"), head: []any{t("Mã", "Code"), t("Cơ quan", "Agency"), t("Trạng thái", "State"), t("Quá hạn", "Overdue"), t("Ngày gửi", "Sent")}},
		{name: t("Bản ghi được đếm", "Records counted"), head: []any{t("Chỉ tiêu", "Target"), t("Loại", "Type"), t("Mã bản ghi", "Record id"), t("Tên", "Title"), t("Giá trị", "Value")}},
		{name: t("Theo năm", "By year"), head: []any{t("Chỉ tiêu", "Target"), t("Năm", "Year"), t("Trong năm", "In the year"), t("Lũy kế", "To date")}},
	}
	num := func(v *int64) any {
		if v == nil {
			return ""
		}
		return *v
	}
	for _, tp := range pr.Targets {
		name := tp.Indicator
		if en && tp.IndicatorEN != "" {
			name = tp.IndicatorEN
		}
		var p any = ""
		if tp.Percent != nil {
			p = *tp.Percent
		}
		resp := tp.Responsible.Name
		if tp.Responsible.Current != "" {
			resp += " (" + t("nay là ", "now ") + tp.Responsible.Current + ")"
		}
		sheets[0].rows = append(sheets[0].rows, []any{tp.Code, tp.Section, name, unitOf(tp, lang), tp.Source, resp, tp.Baseline,
			tp.Milestone.Year, tp.Milestone.Value, num(tp.Value), num(tp.Cumulative), p, tp.Light})
		for _, r := range tp.Records {
			v := r.Value
			if v == 0 {
				v = 1
			}
			sheets[2].rows = append(sheets[2].rows, []any{tp.Code, r.Type, r.ID, r.Title, v})
		}
		for _, y := range tp.Years {
			sheets[3].rows = append(sheets[3].rows, []any{tp.Code, y.Year, y.Value, y.Cumulative})
		}
	}
	for _, a := range pr.Agencies {
		sent := ""
		if a.SubmittedAt != nil {
			sent = a.SubmittedAt.In(calendar.Vietnam).Format("02/01/2006")
		}
		sheets[1].rows = append(sheets[1].rows, []any{a.Code, a.Name, a.State, a.Overdue, sent})
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return nil, err
		}
		head := make([]any, len(sh.head))
		for j, h := range sh.head {
			head[j] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return nil, err
		}
		for j, r := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+2)
			if err := sw.SetRow(cell, r); err != nil {
				return nil, err
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
