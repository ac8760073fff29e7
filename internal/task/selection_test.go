package task

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/paper"
)

func TestCouncilCompleteRulesTheChoice(t *testing.T) {
	now := time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)
	plan := council.Plan{Criteria: []council.Criterion{{Code: "c1", Name: "Khả thi", Weight: 100}}, Required: 1}
	scored := council.Review{ReviewerID: "u1", Declaration: council.NoConflict, Scores: []council.Score{{Code: "c1", Score: 7}}, SubmittedAt: &now}
	pending := council.Review{ReviewerID: "u2"}
	recused := council.Review{ReviewerID: "u2", Declaration: council.Conflict, SubmittedAt: &now}
	for _, tc := range []struct {
		name     string
		dossiers [][]council.Review
		want     bool
	}{
		{"no dossier before the council", nil, false},
		{"a member still to score", [][]council.Review{{scored, pending}}, false},
		{"one dossier scored, another not", [][]council.Review{{scored}, {pending}}, false},
		{"a member stepped aside, the other scored", [][]council.Review{{scored, recused}}, true},
		{"only a member who stepped aside", [][]council.Review{{recused}}, false},
		{"every dossier scored", [][]council.Review{{scored}, {scored}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &SelectionCouncil{Plan: plan}
			for i, rs := range tc.dossiers {
				c.Dossiers = append(c.Dossiers, DossierReviews{DossierID: string(rune('a' + i)), Reviews: rs})
			}
			tk := &Task{State: StateSelecting, Selection: c}
			err := Steps[StepSelect].Ready(tk, Role{Staff: true})
			if got := err == nil; got != tc.want {
				t.Fatalf("ready %v (%v), want %v", got, err, tc.want)
			}
			if err != nil && !errors.Is(err, ErrCouncilIncomplete) {
				t.Fatalf("error %v", err)
			}
		})
	}
}

func TestDecisionPaperNamesTheTask(t *testing.T) {
	tk := Task{Code: "ĐTCT.2027.03", Title: "Nhân giống chè Shan tuyết", List: Paper{Number: "1234/QĐ-UBND", Date: "2026-11-20"},
		Order:     Order{Products: "Quy trình", Months: 24, Mode: ModeDirect},
		Performer: &Ref{ID: "o1", Name: "Viện Khoa học Sự sống"}, Budget: 1_250_000_000,
		Decision: &Paper{Number: "125/QĐ-SKHCN", Date: "2026-12-20"},
		Appraisal: &BudgetAppraisal{Lines: []AppraisalLine{{Item: "Công lao động", Source: SourceState, Requested: 1_300_000_000, Approved: 1_250_000_000},
			{Item: "Đối ứng", Source: SourceOther, Requested: 100_000_000, Approved: 100_000_000}}, State: 1_250_000_000, Other: 100_000_000},
	}
	d := Dossier{Lead: "TS. Nguyễn Văn An", Months: 20, Products: "Quy trình nhân giống"}
	doc := decisionDoc(decisionTexts["vi"], paper.Office{ProvinceVI: "Thái Nguyên", ProvinceEN: "Thai Nguyen"}, tk, d)
	text := strings.Join(doc.Grounds, "\n")
	for _, a := range doc.Articles {
		text += "\n" + strings.Join(a.Paragraphs, "\n")
	}
	for _, want := range []string{"1234/QĐ-UBND ngày 20/11/2026", "giao trực tiếp", "(mã số ĐTCT.2027.03)", "Viện Khoa học Sự sống", "TS. Nguyễn Văn An",
		"20 tháng", "Quy trình nhân giống", "1.250.000.000 đồng (bằng chữ: Một tỷ hai trăm năm mươi triệu đồng)", "Kinh phí từ nguồn khác: 100.000.000 đồng"} {
		if !strings.Contains(text, want) {
			t.Errorf("the decision lacks %q:\n%s", want, text)
		}
	}
	if doc.Number != "125/QĐ-SKHCN" || doc.Date.Format(time.DateOnly) != "2026-12-20" || doc.Authority != "UBND TỈNH THÁI NGUYÊN" {
		t.Fatalf("head: %q %v %q", doc.Number, doc.Date, doc.Authority)
	}
	if doc.Table == nil || len(doc.Table.Rows) != 2 || doc.Table.Rows[0][3] != "1.250.000.000" {
		t.Fatalf("table: %+v", doc.Table)
	}
	en := decisionDoc(decisionTexts["en"], paper.Office{ProvinceVI: "Thái Nguyên", ProvinceEN: "Thai Nguyen"}, tk, d)
	if en.Footnote == "" || strings.Contains(strings.Join(en.Articles[0].Paragraphs, " "), "bằng chữ") {
		t.Fatalf("the translation: %+v", en.Articles[0])
	}
}
