package support

import (
	"context"
	"fmt"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/paper"
)

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
	d := s.office.Head(t.Wording)
	switch kind {
	case PaperDecision:
		if a.Decision == nil {
			return d, ErrNoPaper
		}
		s.decisionPaper(&d, t, a, pr)
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

func (s *Service) decisionPaper(d *paper.Doc, t paperText, a Application, pr Program) {
	dec := a.Decision
	*d = s.office.Decision(t.Wording, dec.Number, calendar.Day(dec.At))
	basis := ""
	if pr.LegalBasis.Title != "" {
		basis = " “" + pr.LegalBasis.Title + "”"
	}
	d.Grounds = []string{fmt.Sprintf(t.groundPlan, pr.LegalBasis.Number, t.Day(pr.LegalBasis.Date), basis)}
	d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundProgram, pr.Name))
	if ap := summarize(&a); ap != nil && ap.Count > 0 {
		d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundAppraisal, ap.Count, ap.Mean, ap.PassMark))
	}
	d.Grounds = append(d.Grounds, fmt.Sprintf(t.groundRequest, a.OrgName, t.Day(submittedDay(a))))
	project := fmt.Sprintf("“%s”", a.Title)
	if dec.Outcome == AppApproved {
		d.Subject = fmt.Sprintf(t.subjectApproved, a.OrgName)
		art1 := []string{
			fmt.Sprintf(t.art1Approved, a.OrgName, project, pr.Name),
			fmt.Sprintf(t.totalCost, t.Money(a.TotalCost)),
			fmt.Sprintf(t.supportAmount, t.Money(dec.Amount)+t.InWords(dec.Amount)),
			fmt.Sprintf(t.ownShare, t.Money(a.TotalCost-dec.Amount)),
		}
		if a.StartOn != "" && a.EndOn != "" {
			art1 = append(art1, fmt.Sprintf(t.period, t.Day(a.StartOn), t.Day(a.EndOn)))
		}
		if a.Technology.Title != "" || a.Technology.Description != "" {
			art1 = append(art1, fmt.Sprintf(t.technology, firstOf(a.Technology.Title, a.Technology.Description)))
		}
		d.Articles = []paper.Article{
			{Heading: t.Article(1), Paragraphs: art1},
			{Heading: t.Article(2), Paragraphs: []string{fmt.Sprintf(t.art2Approved, a.OrgName)}},
			{Heading: t.Article(3), Paragraphs: []string{fmt.Sprintf(t.art3, a.OrgName)}},
		}
	} else {
		d.Subject = fmt.Sprintf(t.subjectRejected, a.OrgName)
		d.Articles = []paper.Article{
			{Heading: t.Article(1), Paragraphs: []string{fmt.Sprintf(t.art1Rejected, a.OrgName, project, pr.Name), fmt.Sprintf(t.reason, dec.Reason)}},
			{Heading: t.Article(2), Paragraphs: []string{fmt.Sprintf(t.art3, a.OrgName)}},
		}
	}
	d.Recipients = []string{a.OrgName, t.Director + " (" + t.ToReport + ")"}
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
		approved, decision = a.Decision.Amount, a.Decision.Number+" ("+t.Day(calendar.Day(a.Decision.At))+")"
	}
	d.Facts = []paper.Fact{
		{Label: t.factNumber, Value: ag.Number},
		{Label: t.factSigned, Value: t.Day(ag.SignedOn)},
		{Label: t.factDecision, Value: decision},
		{Label: t.factPartyA, Value: t.Issuer},
		{Label: t.factPartyB, Value: a.OrgName},
		{Label: t.factProject, Value: a.Title},
		{Label: t.factTechnology, Value: firstOf(a.Technology.Title, a.Technology.Description)},
		{Label: t.factPeriod, Value: t.Day(a.StartOn) + " – " + t.Day(a.EndOn)},
		{Label: t.factTotal, Value: t.Money(a.TotalCost)},
		{Label: t.factSupport, Value: t.Money(approved) + t.InWords(approved)},
		{Label: t.factPaid, Value: t.Money(paid)},
		{Label: t.factRemaining, Value: t.Money(approved - paid)},
		{Label: t.factResults, Value: a.ExpectedResults},
	}
	if len(a.Tranches) > 0 {
		tb := &paper.Table{Caption: t.tranches, Head: []string{t.colNo, t.colDay, t.colAmount, t.colNote},
			Widths: []float64{0.1, 0.22, 0.3, 0.38}, Right: []bool{false, false, true, false}}
		for i, tr := range a.Tranches {
			tb.Rows = append(tb.Rows, []string{fmt.Sprint(i + 1), t.Day(tr.On), t.Money(tr.Amount), tr.Note})
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

// paperText is the wording of the papers in one language.
type paperText struct {
	paper.Wording
	groundPlan, groundProgram, groundAppraisal, groundRequest                                string
	subjectApproved, subjectRejected, art1Approved, art1Rejected, art2Approved, art3, reason string
	totalCost, supportAmount, ownShare, period, technology, articleWord                      string
	agreementTitle, agreementSubject, factNumber, factSigned, factDecision, factPartyA       string
	factPartyB, factProject, factTechnology, factPeriod, factTotal, factSupport, factPaid    string
	factRemaining, factResults, tranches, colNo, colDay, colAmount, colNote                  string
}

var paperTexts = map[string]paperText{
	"vi": {
		Wording:         paper.WordingIn("vi"),
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
		agreementTitle:  "TÓM TẮT HỢP ĐỒNG HỖ TRỢ", agreementSubject: "Chương trình “%s”",
		factNumber: "Số hợp đồng", factSigned: "Ngày ký", factDecision: "Theo quyết định số", factPartyA: "Bên giao (bên A)",
		factPartyB: "Bên nhận hỗ trợ (bên B)", factProject: "Dự án", factTechnology: "Công nghệ ứng dụng", factPeriod: "Thời gian thực hiện",
		factTotal: "Tổng kinh phí dự án", factSupport: "Kinh phí hỗ trợ được duyệt", factPaid: "Đã giải ngân", factRemaining: "Còn lại",
		factResults: "Kết quả dự kiến", tranches: "Các đợt giải ngân", colNo: "TT", colDay: "Ngày", colAmount: "Số tiền", colNote: "Ghi chú",
	},
	"en": {
		Wording:         paper.WordingIn("en"),
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
		agreementTitle:  "SUPPORT AGREEMENT SUMMARY", agreementSubject: "Programme “%s”",
		factNumber: "Agreement no.", factSigned: "Signed on", factDecision: "Under decision no.", factPartyA: "Party A",
		factPartyB: "Party B (supported)", factProject: "Project", factTechnology: "Technology adopted", factPeriod: "Period",
		factTotal: "Total project cost", factSupport: "Approved support", factPaid: "Disbursed", factRemaining: "Remaining",
		factResults: "Expected results", tranches: "Disbursements", colNo: "No.", colDay: "Date", colAmount: "Amount", colNote: "Note",
	},
}
