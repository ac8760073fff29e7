package event

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/vnd"
)

// How a deal counts in an event's results (DealTiming).
const (
	DealOnSpot  = "on_spot" // signed during the event
	DealLater   = "later"   // signed after it, within DealMonths of its last day
	DealOutside = "outside" // signed later than that: not the event's result
)

// DealMonths is how long after an event a deal signed from a meeting
// there still counts as its result (the reference fairs report deals
// "within six months").
const DealMonths = 6

// DealsCountUntil is the last Vietnam day (YYYY-MM-DD) a deal signed after
// the event counts in its results: DealMonths after its last day.
func DealsCountUntil(ev Event) string {
	end, err := time.ParseInLocation(time.DateOnly, cmp.Or(ev.EndDate, ev.StartDate), calendar.Vietnam)
	if err != nil {
		return ""
	}
	// The same day DealMonths later, or that month's last day when it is
	// shorter (31/08 → 28/02, not 03/03).
	first := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, calendar.Vietnam).AddDate(0, DealMonths, 0)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(end.Day(), last), 0, 0, 0, 0, calendar.Vietnam).Format(time.DateOnly)
}

// DealTiming says how d counts in ev's results: on the spot when it was
// recorded as signed there, later when signed after the event within
// DealMonths of its last day, outside otherwise. The report and the
// counting engine (internal/indicator) both count through it.
func DealTiming(ev Event, d Deal) string {
	switch {
	case d.OnSpot:
		return DealOnSpot
	case d.SignedOn != "" && d.SignedOn <= DealsCountUntil(ev):
		return DealLater
	default:
		return DealOutside
	}
}

// Amount is a number of deals and their value.
type Amount struct {
	Count    int   `json:"count"`
	ValueVND int64 `json:"valueVnd"`
}

func (a *Amount) add(v int64) { a.Count++; a.ValueVND += v }

// DealFigures are one kind of deal: signed on the spot, later within six
// months, and both together.
type DealFigures struct {
	OnSpot Amount `json:"onSpot"`
	Later  Amount `json:"later"`
	Total  Amount `json:"total"`
}

// BoothFigures are one booth type of the plan: offered, assigned to
// approved registrations, and waiting for one.
type BoothFigures struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	NameEN     string `json:"nameEn,omitempty"`
	Offered    int    `json:"offered"`
	Assigned   int    `json:"assigned"`
	FreeQuota  int    `json:"freeQuota"`
	FreeUsed   int    `json:"freeUsed"` // booths assigned to inventors
	Waitlisted int    `json:"waitlisted"`
	FeeVND     int64  `json:"feeVnd"`
}

// KindFigures are the approved registrations of one kind of organisation,
// by role, and how many of them checked in.
type KindFigures struct {
	OrgKind      string `json:"orgKind" rule:"enum=OrgKind"`
	Exhibitors   int    `json:"exhibitors"`
	Inventors    int    `json:"inventors"`
	Participants int    `json:"participants"`
	CheckedIn    int    `json:"checkedIn"`
}

// MeetingFigures count the B2B meetings: asked for, accepted (at any
// time, even if cancelled later), placed by the scheduler, and what their
// parties recorded.
type MeetingFigures struct {
	Requested int `json:"requested"`
	Accepted  int `json:"accepted"`
	Declined  int `json:"declined"`
	Cancelled int `json:"cancelled"`
	Placed    int `json:"placed"`
	Held      int `json:"held"`
	NoShow    int `json:"noShow"`
	Interest  int `json:"interest"` // held meetings where a party recorded interest
}

// SectorFigures are the deals of one sector (a deal of several sectors
// counts in each), on the spot and later together.
type SectorFigures struct {
	Sector   string `json:"sector"`
	MoU      Amount `json:"mou"`
	Contract Amount `json:"contract"`
}

// Report is an event's results (item 6): what the department reports
// after a fair, counted from the registrations, meetings and deals.
type Report struct {
	EventID   string    `json:"eventId"`
	Name      string    `json:"name"`
	NameEN    string    `json:"nameEn,omitempty"`
	Kind      string    `json:"kind" rule:"enum=EventKind"`
	StartDate string    `json:"startDate"`
	EndDate   string    `json:"endDate"`
	CountedAt time.Time `json:"countedAt"`
	// DealsUntil is the last day a deal signed after the event counts.
	DealsUntil string         `json:"dealsUntil"`
	Booths     []BoothFigures `json:"booths"`
	ByKind     []KindFigures  `json:"byKind"`
	// Registered are the approved registrations; CheckedIn those of them
	// checked in on the day (visitors).
	Registered int            `json:"registered"`
	CheckedIn  int            `json:"checkedIn"`
	Meetings   MeetingFigures `json:"meetings"`
	MoU        DealFigures    `json:"mou"`
	Contracts  DealFigures    `json:"contracts"`
	// Deals is MoUs and contracts together, as the press counts them.
	Deals   DealFigures     `json:"deals"`
	Sectors []SectorFigures `json:"sectors"`
	// Outside counts deals recorded for the event but signed after
	// DealsUntil: not counted above.
	Outside int `json:"outside"`
}

// Report counts an event's results for officers.
func (s *Showcase) Report(ctx context.Context, p *auth.Principal, eventID string) (Report, error) {
	if !org.IsStaff(p) {
		return Report{}, errs.ErrForbidden
	}
	ev, err := store.Get[Event](ctx, s.st, Collection, eventID)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return Report{}, ErrNotFound
		}
		return Report{}, err
	}
	byEvent := bson.D{{Key: "eventId", Value: ev.ID}}
	regs, err := store.Find[Registration](ctx, s.st, RegistrationCollection, byEvent)
	if err != nil {
		return Report{}, err
	}
	meetings, err := store.Find[Meeting](ctx, s.st, MeetingCollection, byEvent)
	if err != nil {
		return Report{}, err
	}
	deals, err := store.Find[Deal](ctx, s.st, DealCollection, byEvent)
	if err != nil {
		return Report{}, err
	}
	return Count(ev, regs, meetings, deals, s.now()), nil
}

// Count makes the report of ev from its records: a pure function, so the
// figures are tested without a store.
func Count(ev Event, regs []Registration, meetings []Meeting, deals []Deal, now time.Time) Report {
	r := Report{EventID: ev.ID, Name: ev.Name, NameEN: ev.NameEN, Kind: ev.Kind, StartDate: ev.StartDate, EndDate: ev.EndDate,
		CountedAt: now, DealsUntil: DealsCountUntil(ev), Booths: []BoothFigures{}, ByKind: []KindFigures{}, Sectors: []SectorFigures{}}
	booths := map[string]*BoothFigures{}
	for _, b := range ev.Booths {
		r.Booths = append(r.Booths, BoothFigures{Code: b.Code, Name: b.Name, NameEN: b.NameEN, Offered: b.Count, FreeQuota: b.FreeQuota, FeeVND: b.FeeVND})
	}
	for i := range r.Booths {
		booths[r.Booths[i].Code] = &r.Booths[i]
	}
	kinds := map[string]*KindFigures{}
	for _, reg := range regs {
		b := booths[reg.BoothType]
		if reg.State == RegWaitlisted && b != nil {
			b.Waitlisted++
		}
		if reg.State != RegApproved {
			continue
		}
		r.Registered++
		if b != nil && reg.Booth != "" {
			b.Assigned++
			if reg.Role == RoleInventor {
				b.FreeUsed++
			}
		}
		k := kinds[reg.OrgKind]
		if k == nil {
			k = &KindFigures{OrgKind: reg.OrgKind}
			kinds[reg.OrgKind] = k
		}
		switch reg.Role {
		case RoleExhibitor:
			k.Exhibitors++
		case RoleInventor:
			k.Inventors++
		case RoleParticipant:
			k.Participants++
		}
		if reg.CheckedInAt != nil {
			r.CheckedIn++
			k.CheckedIn++
		}
	}
	for _, k := range kinds {
		r.ByKind = append(r.ByKind, *k)
	}
	slices.SortFunc(r.ByKind, func(a, b KindFigures) int { return cmp.Compare(a.OrgKind, b.OrgKind) })
	for _, m := range meetings {
		r.Meetings.Requested++
		accepted := m.State == MeetAccepted || slices.ContainsFunc(m.History, func(s Step) bool { return s.State == MeetAccepted })
		if accepted {
			r.Meetings.Accepted++
		}
		switch m.State {
		case MeetDeclined:
			r.Meetings.Declined++
		case MeetCancelled:
			r.Meetings.Cancelled++
		}
		if m.State == MeetAccepted && m.Placement != nil {
			r.Meetings.Placed++
		}
		held := slices.ContainsFunc(m.Outcomes, func(o Outcome) bool { return o.Result == OutcomeHeld })
		switch {
		case held:
			r.Meetings.Held++
			if slices.ContainsFunc(m.Outcomes, func(o Outcome) bool { return o.Interest }) {
				r.Meetings.Interest++
			}
		case len(m.Outcomes) > 0:
			r.Meetings.NoShow++
		}
	}
	sectors := map[string]*SectorFigures{}
	for _, d := range deals {
		timing := DealTiming(ev, d)
		if timing == DealOutside {
			r.Outside++
			continue
		}
		for _, f := range []*DealFigures{&r.Deals, map[string]*DealFigures{DealMoU: &r.MoU, DealContract: &r.Contracts}[d.Kind]} {
			if f == nil {
				continue
			}
			f.Total.add(d.ValueVND)
			if timing == DealOnSpot {
				f.OnSpot.add(d.ValueVND)
			} else {
				f.Later.add(d.ValueVND)
			}
		}
		for _, code := range d.Sectors {
			sf := sectors[code]
			if sf == nil {
				sf = &SectorFigures{Sector: code}
				sectors[code] = sf
			}
			if d.Kind == DealContract {
				sf.Contract.add(d.ValueVND)
			} else {
				sf.MoU.add(d.ValueVND)
			}
		}
	}
	for _, sf := range sectors {
		r.Sectors = append(r.Sectors, *sf)
	}
	slices.SortFunc(r.Sectors, func(a, b SectorFigures) int {
		return cmp.Or(cmp.Compare(b.MoU.ValueVND+b.Contract.ValueVND, a.MoU.ValueVND+a.Contract.ValueVND), cmp.Compare(a.Sector, b.Sector))
	})
	return r
}

// reportText is the report's words in one language.
type reportText struct {
	authority, issuer, title, kind, dates, counted, dealsUntil, registered, checkedIn, outside, translation string
	booths, byKind, meetings, deals, sectors, free                                                          string
	boothHead, byKindHead, meetingHead, meetingRows, dealHead, dealRows, sectorHead                         []string
	kinds, orgKinds                                                                                         map[string]string
}

var reportTexts = map[string]reportText{
	"vi": {authority: "UBND TỈNH %s", issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", title: "BÁO CÁO KẾT QUẢ", kind: "Hình thức",
		dates: "Thời gian", counted: "Số liệu tính đến", dealsUntil: "Thỏa thuận, hợp đồng ký sau sự kiện được tính đến ngày",
		registered: "Đơn vị tham gia được duyệt", checkedIn: "Lượt khách đã điểm danh (check-in)",
		outside: "Thỏa thuận, hợp đồng ký sau thời hạn (không tính)",
		booths:  "1. Gian hàng theo loại", boothHead: []string{"Loại gian hàng", "Số gian", "Đã bố trí", "Miễn phí (đã dùng/chỉ tiêu)", "Chờ", "Phí (đồng)"},
		byKind: "2. Đơn vị tham gia theo loại hình tổ chức", byKindHead: []string{"Loại hình", "Trưng bày", "Nhà sáng chế", "Mang nhu cầu", "Đã check-in"},
		meetings: "3. Gặp gỡ kết nối B2B", meetingHead: []string{"Chỉ tiêu", "Số cuộc"},
		meetingRows: []string{"Đề nghị gặp", "Được chấp nhận", "Bị từ chối", "Bị hủy", "Đã xếp lịch", "Đã diễn ra", "Vắng mặt", "Có quan tâm sau gặp"},
		deals:       "4. Biên bản ghi nhớ (MoU) và hợp đồng", dealHead: []string{"Loại", "Ký tại sự kiện", "Giá trị (đồng)", "Ký trong 6 tháng sau", "Giá trị (đồng)", "Tổng số", "Tổng giá trị (đồng)"},
		dealRows: []string{"Biên bản ghi nhớ (MoU)", "Hợp đồng", "Cộng"},
		sectors:  "5. Thỏa thuận và hợp đồng theo lĩnh vực", sectorHead: []string{"Lĩnh vực", "MoU", "Giá trị MoU (đồng)", "Hợp đồng", "Giá trị hợp đồng (đồng)"},
		kinds: map[string]string{KindFair: "Chợ công nghệ và thiết bị", KindOnline: "Chợ công nghệ trực tuyến", KindHybrid: "Chợ công nghệ kết hợp trực tiếp và trực tuyến",
			KindMatchmaking: "Ngày kết nối B2B", KindDemonstration: "Trình diễn kỹ thuật"},
		orgKinds: map[string]string{org.KindInstitute: "Viện nghiên cứu", org.KindUniversity: "Trường đại học, cao đẳng", org.KindSTOrg: "Tổ chức KH&CN công lập",
			org.KindEnterprise: "Doanh nghiệp", org.KindIndividual: "Cá nhân, nhà sáng chế", org.KindDepartment: "Sở KH&CN", org.KindAgency: "Cơ quan, địa phương"},
		free: "miễn phí"},
	"en": {authority: "%s PEOPLE'S COMMITTEE", issuer: "DEPARTMENT OF SCIENCE AND TECHNOLOGY", title: "RESULTS REPORT", kind: "Kind",
		dates: "Dates", counted: "Counted on", dealsUntil: "Deals signed after the event count until",
		registered: "Registrations approved", checkedIn: "Visitors checked in",
		outside:     "Deals signed after that day (not counted)",
		translation: "English translation for reading; the Vietnamese report is the official one.",
		booths:      "1. Booths by type", boothHead: []string{"Booth type", "Booths", "Assigned", "Free (used/quota)", "Waiting", "Fee (VND)"},
		byKind: "2. Participants by kind of organisation", byKindHead: []string{"Kind", "Exhibitors", "Inventors", "Bringing needs", "Checked in"},
		meetings: "3. B2B meetings", meetingHead: []string{"Figure", "Meetings"},
		meetingRows: []string{"Requested", "Accepted", "Declined", "Cancelled", "Scheduled", "Held", "No-show", "Interest after meeting"},
		deals:       "4. Memoranda of understanding (MoU) and contracts", dealHead: []string{"Kind", "Signed at the event", "Value (VND)", "Signed within 6 months", "Value (VND)", "Total", "Total value (VND)"},
		dealRows: []string{"Memoranda of understanding (MoU)", "Contracts", "Total"},
		sectors:  "5. Deals by sector", sectorHead: []string{"Sector", "MoUs", "MoU value (VND)", "Contracts", "Contract value (VND)"},
		kinds: map[string]string{KindFair: "Technology and equipment fair", KindOnline: "Online techmart", KindHybrid: "Hybrid fair (physical and online)",
			KindMatchmaking: "B2B matchmaking day", KindDemonstration: "Demonstration day"},
		orgKinds: map[string]string{org.KindInstitute: "Research institute", org.KindUniversity: "University, college", org.KindSTOrg: "Public S&T organisation",
			org.KindEnterprise: "Enterprise", org.KindIndividual: "Individual inventor", org.KindDepartment: "Department of S&T", org.KindAgency: "Agency, locality"},
		free: "free"},
}

// reportTable is one section of the report: a caption, a head and rows,
// with the columns holding numbers.
type reportTable struct {
	caption string
	head    []string
	rows    [][]string
	nums    []bool
	widths  []float64
}

// reportSections lays the report out once for the printed page and the
// workbook.
func (s *Showcase) reportSections(r Report, lang string) ([]paper.Fact, []reportTable) {
	t := reportTexts[lang]
	n := func(v int) string { return vnd.Group(int64(v), lang) }
	money := func(v int64) string { return vnd.Group(v, lang) }
	dates := showcaseDay(r.StartDate)
	if r.EndDate != "" && r.EndDate != r.StartDate {
		dates += " – " + showcaseDay(r.EndDate)
	}
	facts := []paper.Fact{
		{Label: t.kind, Value: cmp.Or(t.kinds[r.Kind], r.Kind)}, {Label: t.dates, Value: dates},
		{Label: t.counted, Value: r.CountedAt.In(calendar.Vietnam).Format("02/01/2006 15:04")},
		{Label: t.dealsUntil, Value: showcaseDay(r.DealsUntil)},
		{Label: t.registered, Value: n(r.Registered)}, {Label: t.checkedIn, Value: n(r.CheckedIn)},
	}
	if r.Outside > 0 {
		facts = append(facts, paper.Fact{Label: t.outside, Value: n(r.Outside)})
	}
	booths := reportTable{caption: t.booths, head: t.boothHead, nums: []bool{false, true, true, true, true, true}, widths: []float64{0.3, 0.12, 0.13, 0.17, 0.1, 0.18}}
	for _, b := range r.Booths {
		name := b.Name
		if lang == "en" && b.NameEN != "" {
			name = b.NameEN
		}
		fee := money(b.FeeVND)
		if b.FeeVND == 0 {
			fee = t.free
		}
		booths.rows = append(booths.rows, []string{name, n(b.Offered), n(b.Assigned), n(b.FreeUsed) + "/" + n(b.FreeQuota), n(b.Waitlisted), fee})
	}
	kinds := reportTable{caption: t.byKind, head: t.byKindHead, nums: []bool{false, true, true, true, true}, widths: []float64{0.36, 0.16, 0.16, 0.16, 0.16}}
	for _, k := range r.ByKind {
		kinds.rows = append(kinds.rows, []string{cmp.Or(t.orgKinds[k.OrgKind], k.OrgKind), n(k.Exhibitors), n(k.Inventors), n(k.Participants), n(k.CheckedIn)})
	}
	m := r.Meetings
	meetings := reportTable{caption: t.meetings, head: t.meetingHead, nums: []bool{false, true}, widths: []float64{0.7, 0.3}}
	for i, v := range []int{m.Requested, m.Accepted, m.Declined, m.Cancelled, m.Placed, m.Held, m.NoShow, m.Interest} {
		meetings.rows = append(meetings.rows, []string{t.meetingRows[i], n(v)})
	}
	deals := reportTable{caption: t.deals, head: t.dealHead, nums: []bool{false, true, true, true, true, true, true},
		widths: []float64{0.22, 0.11, 0.15, 0.11, 0.15, 0.1, 0.16}}
	for i, f := range []DealFigures{r.MoU, r.Contracts, r.Deals} {
		deals.rows = append(deals.rows, []string{t.dealRows[i], n(f.OnSpot.Count), money(f.OnSpot.ValueVND), n(f.Later.Count), money(f.Later.ValueVND), n(f.Total.Count), money(f.Total.ValueVND)})
	}
	sectors := reportTable{caption: t.sectors, head: t.sectorHead, nums: []bool{false, true, true, true, true}, widths: []float64{0.36, 0.12, 0.2, 0.12, 0.2}}
	for _, sf := range r.Sectors {
		label := sf.Sector
		if s.tax != nil {
			label = taxonomy.Label(s.tax.Sectors, sf.Sector, lang)
		}
		sectors.rows = append(sectors.rows, []string{label, n(sf.MoU.Count), money(sf.MoU.ValueVND), n(sf.Contract.Count), money(sf.Contract.ValueVND)})
	}
	return facts, []reportTable{booths, kinds, meetings, deals, sectors}
}

// ReportPaper lays the report out as a document to print (HTML or PDF
// through internal/paper).
func (s *Showcase) ReportPaper(r Report, lang string) paper.Doc {
	if lang != "en" {
		lang = "vi"
	}
	t := reportTexts[lang]
	province, name := s.provinceVI, r.Name
	if lang == "en" {
		province = s.provinceEN
		name = cmp.Or(r.NameEN, r.Name)
	}
	facts, tables := s.reportSections(r, lang)
	d := paper.Doc{Lang: lang, Authority: fmt.Sprintf(t.authority, strings.ToUpper(province)), Issuer: t.issuer, Place: province,
		Date: r.CountedAt.In(calendar.Vietnam), Title: t.title, Subject: name, Facts: facts, Footnote: t.translation}
	for _, rt := range tables {
		d.More = append(d.More, &paper.Table{Caption: rt.caption, Head: rt.head, Rows: rt.rows, Widths: rt.widths, Right: rt.nums})
	}
	return d
}

// ReportXLSX writes the report as a workbook: a sheet of facts, then one
// sheet per section, numbers as numbers.
func (s *Showcase) ReportXLSX(r Report, lang string) ([]byte, error) {
	if lang != "en" {
		lang = "vi"
	}
	t := reportTexts[lang]
	facts, tables := s.reportSections(r, lang)
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	first := f.GetSheetName(0)
	sheet := map[string]string{"vi": "Tổng hợp", "en": "Summary"}[lang]
	if err := f.SetSheetName(first, sheet); err != nil {
		return nil, err
	}
	name := r.Name
	if lang == "en" {
		name = cmp.Or(r.NameEN, r.Name)
	}
	rows := [][]any{{t.title}, {name}}
	for _, fa := range facts {
		rows = append(rows, []any{fa.Label, fa.Value})
	}
	if err := writeRows(f, sheet, rows); err != nil {
		return nil, err
	}
	_ = f.SetCellStyle(sheet, "A1", "A2", bold)
	_ = f.SetColWidth(sheet, "A", "A", 52)
	_ = f.SetColWidth(sheet, "B", "B", 30)
	for _, rt := range tables {
		// A sheet's name: the caption without its number, at most 31 characters.
		name := strings.TrimSpace(rt.caption[strings.Index(rt.caption, ".")+1:])
		if utf8.RuneCountInString(name) > 31 {
			name = string([]rune(name)[:31])
		}
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		out := [][]any{{rt.caption}, toAny(rt.head)}
		for _, row := range rt.rows {
			cells := make([]any, len(row))
			for i, c := range row {
				cells[i] = c
				if i < len(rt.nums) && rt.nums[i] {
					if v, ok := xlsxNumber(c); ok {
						cells[i] = v
					}
				}
			}
			out = append(out, cells)
		}
		if err := writeRows(f, name, out); err != nil {
			return nil, err
		}
		last, _ := excelize.ColumnNumberToName(len(rt.head))
		_ = f.SetCellStyle(name, "A1", last+"2", bold)
		_ = f.SetColWidth(name, "A", "A", 36)
		_ = f.SetColWidth(name, "B", last, 18)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// xlsxNumber reads back a figure written with grouping dots or commas.
func xlsxNumber(s string) (int64, bool) {
	v, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "").Replace(s), 10, 64)
	return v, err == nil
}
