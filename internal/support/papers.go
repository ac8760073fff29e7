package support

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/vnd"
)

// Office is the department that issues the papers.
type Office struct {
	ProvinceVI, ProvinceEN string
	Signer                 string // the director's name; empty for a handwritten one
}

// ErrNoPaper: the document does not exist yet (no decision, no agreement).
var ErrNoPaper = errs.New(errs.Conflict, "not_issued")

// Papers are the printable documents of an application.
const (
	PaperDecision  = "decision"
	PaperAgreement = "agreement"
)

// Paper lays out the decision on an application, or its agreement's
// summary, for its organisation and officers. English is a translation
// for reading; the Vietnamese text is the official one.
func (s *Service) Paper(ctx context.Context, p *auth.Principal, id, kind, lang string) (paper.Doc, error) {
	a, pr, err := s.withProgram(ctx, p, id)
	if err != nil {
		return paper.Doc{}, err
	}
	if !member(p, &a) && !isStaff(p) {
		return paper.Doc{}, ErrApplicationNotFound // reviewers read the dossier, not the papers
	}
	if lang != "en" {
		lang = "vi"
	}
	t := paperTexts[lang]
	o := s.office
	province := o.ProvinceVI
	if lang == "en" {
		province = o.ProvinceEN
	}
	d := paper.Doc{
		Lang: lang, Authority: fmt.Sprintf(t.authority, strings.ToUpper(province)), Issuer: t.issuer, Place: province,
		SignerTitle: []string{t.director}, SignerName: o.Signer,
	}
	if lang == "en" {
		d.Footnote = t.translation
	}
	switch kind {
	case PaperDecision:
		if a.Decision == nil {
			return d, ErrNoPaper
		}
		s.decisionPaper(&d, t, a, pr, province)
	case PaperAgreement:
		if a.Agreement == nil {
			return d, ErrNoPaper
		}
		s.agreementPaper(&d, t, a, pr)
	default:
		return d, ErrApplicationNotFound
	}
	return d, nil
}

func (s *Service) decisionPaper(d *paper.Doc, t paperText, a Application, pr Program, province string) {
	dec := a.Decision
	d.Number, d.Date, d.Title = dec.Number, dec.At.In(calendar.Vietnam), t.decision
	d.Decider = fmt.Sprintf(t.decider, strings.ToUpper(province))
	d.Resolve = t.decides
	basis := ""
	if pr.LegalBasis.Title != "" {
		basis = " “" + pr.LegalBasis.Title + "”"
	}
	d.Grounds = []string{fmt.Sprintf(t.groundPlan, pr.LegalBasis.Number, day(t, pr.LegalBasis.Date), basis)}
	d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundProgram, pr.Name))
	if ap := summarize(&a); ap != nil && ap.Count > 0 {
		d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundAppraisal, ap.Count, ap.Mean, ap.PassMark))
	}
	d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundRequest, a.OrgName, day(t, submittedDay(a))))
	project := fmt.Sprintf("“%s”", a.Title)
	if dec.Outcome == AppApproved {
		d.Subject = fmt.Sprintf(t.subjectApproved, a.OrgName)
		art1 := []string{
			fmt.Sprintf(t.art1Approved, a.OrgName, project, pr.Name),
			fmt.Sprintf(t.totalCost, money(t, a.TotalCost)),
			fmt.Sprintf(t.supportAmount, money(t, dec.Amount)+t.inWords(dec.Amount)),
			fmt.Sprintf(t.ownShare, money(t, a.TotalCost-dec.Amount)),
		}
		if a.StartOn != "" && a.EndOn != "" {
			art1 = append(art1, fmt.Sprintf(t.period, day(t, a.StartOn), day(t, a.EndOn)))
		}
		if a.Technology.Title != "" || a.Technology.Description != "" {
			art1 = append(art1, fmt.Sprintf(t.technology, firstOf(a.Technology.Title, a.Technology.Description)))
		}
		d.Articles = []paper.Article{
			{Heading: t.article(1), Paragraphs: art1},
			{Heading: t.article(2), Paragraphs: []string{fmt.Sprintf(t.art2Approved, a.OrgName)}},
			{Heading: t.article(3), Paragraphs: []string{fmt.Sprintf(t.art3, a.OrgName)}},
		}
	} else {
		d.Subject = fmt.Sprintf(t.subjectRejected, a.OrgName)
		d.Articles = []paper.Article{
			{Heading: t.article(1), Paragraphs: []string{fmt.Sprintf(t.art1Rejected, a.OrgName, project, pr.Name), fmt.Sprintf(t.reason, dec.Reason)}},
			{Heading: t.article(2), Paragraphs: []string{fmt.Sprintf(t.art3, a.OrgName)}},
		}
	}
	d.Recipients = []string{a.OrgName, t.director + " (" + t.toReport + ")"}
}

func (s *Service) agreementPaper(d *paper.Doc, t paperText, a Application, pr Program) {
	ag := a.Agreement
	d.Number, d.Title, d.Subject = ag.Number, t.agreementTitle, fmt.Sprintf(t.agreementSubject, pr.Name)
	if signed, err := time.ParseInLocation(time.DateOnly, ag.SignedOn, calendar.Vietnam); err == nil {
		d.Date = signed
	}
	paid := a.paid()
	approved := int64(0)
	decision := ""
	if a.Decision != nil {
		approved, decision = a.Decision.Amount, a.Decision.Number+" ("+day(t, calendar.Day(a.Decision.At))+")"
	}
	d.Facts = []paper.Fact{
		{Label: t.factNumber, Value: ag.Number},
		{Label: t.factSigned, Value: day(t, ag.SignedOn)},
		{Label: t.factDecision, Value: decision},
		{Label: t.factPartyA, Value: t.issuer},
		{Label: t.factPartyB, Value: a.OrgName},
		{Label: t.factProject, Value: a.Title},
		{Label: t.factTechnology, Value: firstOf(a.Technology.Title, a.Technology.Description)},
		{Label: t.factPeriod, Value: day(t, a.StartOn) + " – " + day(t, a.EndOn)},
		{Label: t.factTotal, Value: money(t, a.TotalCost)},
		{Label: t.factSupport, Value: money(t, approved) + t.inWords(approved)},
		{Label: t.factPaid, Value: money(t, paid)},
		{Label: t.factRemaining, Value: money(t, approved-paid)},
		{Label: t.factResults, Value: a.ExpectedResults},
	}
	if len(a.Tranches) > 0 {
		tb := &paper.Table{Caption: t.tranches, Head: []string{t.colNo, t.colDay, t.colAmount, t.colNote},
			Widths: []float64{0.1, 0.22, 0.3, 0.38}, Right: []bool{false, false, true, false}}
		for i, tr := range a.Tranches {
			tb.Rows = append(tb.Rows, []string{fmt.Sprint(i + 1), day(t, tr.On), money(t, tr.Amount), tr.Note})
		}
		d.Table = tb
	}
	d.Recipients = []string{a.OrgName}
}

func submittedDay(a Application) string {
	if a.SubmittedAt != nil {
		return calendar.Day(*a.SubmittedAt)
	}
	return ""
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// day writes YYYY-MM-DD as the language does: 23/5/2016 or 23 May 2016.
func day(t paperText, iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	if t.lang == "en" {
		return d.Format("2 January 2006")
	}
	return d.Format("02/01/2006")
}

// money writes an amount of đồng in the paper's language.
func money(t paperText, v int64) string { return vnd.Format(v, t.lang) }

// paperText is the wording of the papers in one language.
type paperText struct {
	lang, authority, issuer, director, decider, decision, decides, translation, toReport     string
	groundPlan, groundProgram, groundAppraisal, groundRequest                                string
	subjectApproved, subjectRejected, art1Approved, art1Rejected, art2Approved, art3, reason string
	totalCost, supportAmount, ownShare, period, technology, articleWord                      string
	agreementTitle, agreementSubject, factNumber, factSigned, factDecision, factPartyA       string
	factPartyB, factProject, factTechnology, factPeriod, factTotal, factSupport, factPaid    string
	factRemaining, factResults, tranches, colNo, colDay, colAmount, colNote                  string
}

func (t paperText) article(n int) string { return fmt.Sprintf("%s %d.", t.articleWord, n) }

// inWords is the amount in words after the figures, as Vietnamese
// decisions write it; the English translation leaves it out.
func (t paperText) inWords(v int64) string {
	if t.lang != "vi" {
		return ""
	}
	return " (bằng chữ: " + vnd.Words(v) + ")"
}

var paperTexts = map[string]paperText{
	"vi": {
		lang: "vi", authority: "UBND TỈNH %s", issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", director: "GIÁM ĐỐC",
		decider: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH %s", decision: "QUYẾT ĐỊNH", decides: "QUYẾT ĐỊNH:", toReport: "để báo cáo",
		groundPlan:      "Căn cứ Quyết định số %s ngày %s%s;",
		groundProgram:   "Căn cứ chương trình “%s”;",
		groundAppraisal: "Căn cứ kết quả thẩm định của %d chuyên gia (điểm bình quân %.1f/100, điểm đạt %d);",
		groundRequest:   "Xét hồ sơ đề nghị hỗ trợ của %s nộp ngày %s và đề nghị của phòng chuyên môn,",
		subjectApproved: "Về việc hỗ trợ kinh phí đổi mới công nghệ cho %s",
		subjectRejected: "Về việc không hỗ trợ kinh phí đổi mới công nghệ cho %s",
		art1Approved:    "Hỗ trợ kinh phí đổi mới công nghệ cho %s để thực hiện dự án %s thuộc chương trình “%s”, cụ thể như sau:",
		art1Rejected:    "Không hỗ trợ kinh phí cho %s đối với dự án %s thuộc chương trình “%s”.",
		reason:          "Lý do: %s",
		totalCost:       "- Tổng kinh phí thực hiện dự án: %s;",
		supportAmount:   "- Kinh phí hỗ trợ từ ngân sách nhà nước: %s;",
		ownShare:        "- Kinh phí đối ứng của doanh nghiệp: %s;",
		period:          "- Thời gian thực hiện: từ ngày %s đến ngày %s;",
		technology:      "- Công nghệ được ứng dụng: %s.",
		art2Approved:    "%s có trách nhiệm ký hợp đồng hỗ trợ với Sở Khoa học và Công nghệ; sử dụng kinh phí đúng mục đích, đúng quy định; báo cáo tiến độ và đề nghị nghiệm thu khi hoàn thành dự án.",
		art3:            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng các phòng chuyên môn thuộc Sở và %s chịu trách nhiệm thi hành Quyết định này./.",
		articleWord:     "Điều",
		agreementTitle:  "TÓM TẮT HỢP ĐỒNG HỖ TRỢ", agreementSubject: "Chương trình “%s”",
		factNumber: "Số hợp đồng", factSigned: "Ngày ký", factDecision: "Theo quyết định số", factPartyA: "Bên giao (bên A)",
		factPartyB: "Bên nhận hỗ trợ (bên B)", factProject: "Dự án", factTechnology: "Công nghệ ứng dụng", factPeriod: "Thời gian thực hiện",
		factTotal: "Tổng kinh phí dự án", factSupport: "Kinh phí hỗ trợ được duyệt", factPaid: "Đã giải ngân", factRemaining: "Còn lại",
		factResults: "Kết quả dự kiến", tranches: "Các đợt giải ngân", colNo: "TT", colDay: "Ngày", colAmount: "Số tiền", colNote: "Ghi chú",
	},
	"en": {
		lang: "en", authority: "%s PROVINCIAL PEOPLE'S COMMITTEE", issuer: "DEPARTMENT OF SCIENCE AND TECHNOLOGY", director: "DIRECTOR",
		decider: "THE DIRECTOR OF THE DEPARTMENT OF SCIENCE AND TECHNOLOGY OF %s PROVINCE", decision: "DECISION", decides: "DECIDES:", toReport: "for information",
		translation:     "English translation for reference; the Vietnamese text is the official one.",
		groundPlan:      "Pursuant to Decision No. %s of %s%s;",
		groundProgram:   "Pursuant to the programme “%s”;",
		groundAppraisal: "Based on the appraisal by %d reviewers (mean score %.1f/100, pass mark %d);",
		groundRequest:   "Considering the application of %s submitted on %s and the proposal of the department's staff,",
		subjectApproved: "On technology-innovation support for %s",
		subjectRejected: "On declining technology-innovation support for %s",
		art1Approved:    "To support %s in carrying out the project %s under the programme “%s”, as follows:",
		art1Rejected:    "Not to support %s for the project %s under the programme “%s”.",
		reason:          "Reason: %s",
		totalCost:       "- Total project cost: %s;",
		supportAmount:   "- Support from the state budget: %s;",
		ownShare:        "- The enterprise's own contribution: %s;",
		period:          "- Period: from %s to %s;",
		technology:      "- Technology adopted: %s.",
		art2Approved:    "%s shall sign a support agreement with the Department of Science and Technology, use the funds as intended and as the law requires, report on progress and ask for acceptance when the project is complete.",
		art3:            "This Decision takes effect on the date of signing. The Chief of the Department's Office, the heads of its divisions and %s are responsible for carrying it out.",
		articleWord:     "Article",
		agreementTitle:  "SUPPORT AGREEMENT SUMMARY", agreementSubject: "Programme “%s”",
		factNumber: "Agreement no.", factSigned: "Signed on", factDecision: "Under decision no.", factPartyA: "Party A",
		factPartyB: "Party B (supported)", factProject: "Project", factTechnology: "Technology adopted", factPeriod: "Period",
		factTotal: "Total project cost", factSupport: "Approved support", factPaid: "Disbursed", factRemaining: "Remaining",
		factResults: "Expected results", tranches: "Disbursements", colNo: "No.", colDay: "Date", colAmount: "Amount", colNote: "Note",
	},
}
