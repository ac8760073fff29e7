package task

import (
	"context"
	"fmt"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/vnd"
)

// DecisionPaper lays out the approval decision of a task (quyết định phê
// duyệt tổ chức chủ trì, chủ nhiệm, thời gian và kinh phí) in the
// administrative format, for anyone who may read the task: a decision on
// public money is public. English is a translation for reading; the
// Vietnamese text is the official one.
func (s *Selection) DecisionPaper(ctx context.Context, p *auth.Principal, id, lang string) (paper.Doc, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return paper.Doc{}, err
	}
	if t.Decision == nil || t.Performer == nil {
		return paper.Doc{}, ErrNoDecisionPaper
	}
	var d Dossier
	if t.DossierID != "" {
		if d, err = store.Get[Dossier](ctx, s.s, DossierCollection, t.DossierID); err != nil {
			return paper.Doc{}, err
		}
	}
	if lang != "en" {
		lang = "vi"
	}
	return decisionDoc(decisionTexts[lang], s.office, t, d), nil
}

// decisionDoc writes the decision of t, whose selected dossier is d.
func decisionDoc(w decisionText, o paper.Office, t Task, d Dossier) paper.Doc {
	doc := o.Decision(w.Wording, t.Decision.Number, t.Decision.Date)
	doc.Subject = fmt.Sprintf(w.subject, t.Title)
	doc.Grounds = []string{w.groundLaw}
	if t.List.Number != "" {
		doc.Grounds = append(doc.Grounds, fmt.Sprintf(w.groundList, t.List.Number, w.Day(t.List.Date)))
	}
	if t.Order.Mode == ModeDirect {
		doc.Grounds = append(doc.Grounds, w.groundDirect)
	} else {
		doc.Grounds = append(doc.Grounds, w.groundSelection)
	}
	doc.Grounds = append(doc.Grounds, w.groundAppraisal)
	months := t.Order.Months
	if d.Months > 0 {
		months = d.Months
	}
	art1 := []string{
		fmt.Sprintf(w.name, t.Title, t.Code),
		fmt.Sprintf(w.performer, t.Performer.Name),
	}
	if d.Lead != "" {
		art1 = append(art1, fmt.Sprintf(w.lead, d.Lead))
	}
	if months > 0 {
		art1 = append(art1, fmt.Sprintf(w.months, months))
	}
	if products := firstNonEmpty(d.Products, t.Order.Products); products != "" {
		art1 = append(art1, fmt.Sprintf(w.products, products))
	}
	art1 = append(art1, fmt.Sprintf(w.budget, w.Money(t.Budget)+w.InWords(t.Budget)))
	if t.Appraisal != nil && t.Appraisal.Other > 0 {
		art1 = append(art1, fmt.Sprintf(w.other, w.Money(t.Appraisal.Other)))
	}
	doc.Articles = []paper.Article{
		{Heading: w.Article(1), Paragraphs: art1},
		{Heading: w.Article(2), Paragraphs: []string{fmt.Sprintf(w.art2, t.Performer.Name)}},
		{Heading: w.Article(3), Paragraphs: []string{fmt.Sprintf(w.art3, t.Performer.Name)}},
	}
	if t.Appraisal != nil && len(t.Appraisal.Lines) > 0 {
		tb := &paper.Table{Caption: w.tableCaption, Head: []string{w.colNo, w.colItem, w.colSource, w.colAmount},
			Widths: []float64{0.08, 0.5, 0.17, 0.25}, Right: []bool{false, false, false, true}}
		for i, l := range t.Appraisal.Lines {
			src := w.state
			if l.Source != SourceState {
				src = w.others
			}
			tb.Rows = append(tb.Rows, []string{fmt.Sprint(i + 1), l.Item, src, vnd.Group(l.Approved, w.Lang)})
		}
		doc.Table = tb
	}
	doc.Recipients = []string{t.Performer.Name, w.Director + " (" + w.ToReport + ")"}
	return doc
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// decisionText is the wording of the decision in one language: the
// department's (paper.Wording) and this decision's own sentences.
type decisionText struct {
	paper.Wording
	subject, groundLaw, groundList, groundSelection, groundDirect, groundAppraisal string
	name, performer, lead, months, products, budget, other, art2, art3             string
	tableCaption, colNo, colItem, colSource, colAmount, state, others              string
}

var decisionTexts = map[string]decisionText{
	"vi": {
		Wording:         paper.WordingIn("vi"),
		subject:         "Về việc phê duyệt tổ chức chủ trì, chủ nhiệm, thời gian và kinh phí thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh “%s”",
		groundLaw:       "Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15 và Nghị định số 267/2025/NĐ-CP của Chính phủ;",
		groundList:      "Căn cứ Quyết định số %s ngày %s phê duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng;",
		groundSelection: "Căn cứ kết quả làm việc của Hội đồng khoa học và công nghệ tuyển chọn tổ chức, cá nhân chủ trì nhiệm vụ;",
		groundDirect:    "Căn cứ kết quả đánh giá hồ sơ của tổ chức được giao trực tiếp chủ trì nhiệm vụ;",
		groundAppraisal: "Căn cứ kết quả thẩm định kinh phí và đề nghị của phòng chuyên môn,",
		name:            "Phê duyệt nhiệm vụ khoa học và công nghệ cấp tỉnh “%s” (mã số %s), cụ thể như sau:",
		performer:       "- Tổ chức chủ trì: %s;",
		lead:            "- Chủ nhiệm nhiệm vụ: %s;",
		months:          "- Thời gian thực hiện: %d tháng kể từ ngày ký hợp đồng;",
		products:        "- Sản phẩm: %s;",
		budget:          "- Kinh phí từ ngân sách nhà nước: %s;",
		other:           "- Kinh phí từ nguồn khác: %s.",
		art2:            "%s có trách nhiệm ký hợp đồng thực hiện nhiệm vụ với Sở Khoa học và Công nghệ; tổ chức thực hiện đúng nội dung, tiến độ, sử dụng kinh phí đúng mục đích và đúng quy định.",
		art3:            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng các phòng chuyên môn thuộc Sở và %s chịu trách nhiệm thi hành Quyết định này./.",
		tableCaption:    "Dự toán kinh phí được phê duyệt", colNo: "TT", colItem: "Nội dung chi", colSource: "Nguồn", colAmount: "Kinh phí (đồng)",
		state: "Ngân sách nhà nước", others: "Nguồn khác",
	},
	"en": {
		Wording:         paper.WordingIn("en"),
		subject:         "On approving the performer, lead, duration and budget of the provincial S&T task “%s”",
		groundLaw:       "Pursuant to the Law on Science, Technology and Innovation No. 93/2025/QH15 and the Government's Decree No. 267/2025/NĐ-CP;",
		groundList:      "Pursuant to Decision No. %s of %s approving the list of commissioned provincial S&T tasks;",
		groundSelection: "Based on the work of the S&T council selecting the organisation and person to carry out the task;",
		groundDirect:    "Based on the review of the dossier of the organisation directly assigned the task;",
		groundAppraisal: "Based on the budget appraisal and the proposal of the department's staff,",
		name:            "To approve the provincial S&T task “%s” (code %s) as follows:",
		performer:       "- Performing organisation: %s;",
		lead:            "- Task lead: %s;",
		months:          "- Duration: %d months from the signing of the contract;",
		products:        "- Products: %s;",
		budget:          "- State budget: %s;",
		other:           "- Other sources: %s.",
		art2:            "%s shall sign the task contract with the Department of Science and Technology and carry out the task as approved, on time, using the funds as intended and as the law requires.",
		art3:            "This Decision takes effect on the date of signing. The Chief of the Department's Office, the heads of its divisions and %s are responsible for carrying it out.",
		tableCaption:    "Approved budget", colNo: "No.", colItem: "Item", colSource: "Source", colAmount: "Amount (VND)",
		state: "State budget", others: "Other sources",
	},
}
