package event

import (
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/paper"
)

// The printed agenda: the facts that have a value, the meetings by time
// with the table counted from 1, a meeting without a time with its
// reason, and the footnote of a final agenda.
func TestPaper(t *testing.T) {
	s := NewScheduler(nil, ScheduleDeps{Office: Office{ProvinceVI: "Thái Nguyên", ProvinceEN: "Thái Nguyên"},
		Now: func() time.Time { return time.Date(2026, 5, 6, 1, 0, 0, 0, time.UTC) }})
	a := sampleAgenda()
	at := time.Date(2026, 5, 5, 3, 15, 0, 0, time.UTC)
	a.ScheduledAt = &at
	d := s.Paper(a, "vi")
	if d.Title != "LỊCH GẶP KẾT NỐI B2B" || !strings.HasSuffix(d.Subject, "Lịch chính thức") || d.Authority != "UBND TỈNH THÁI NGUYÊN" {
		t.Fatalf("head: %q %q %q", d.Title, d.Subject, d.Authority)
	}
	for _, f := range d.Facts {
		if f.Value == "" || f.Label == "Gian hàng" {
			t.Errorf("fact %+v: a participant has no booth, and an empty fact is left out", f)
		}
	}
	if got := d.Table.Rows[0]; got[0] != "08:30–09:00 12/05/2026" || got[1] != "4" || got[3] != "A-7" {
		t.Errorf("first row %v", got)
	}
	if got := d.Table.Rows[1]; got[0] != "Chưa xếp lịch (Hai bên không có giờ rảnh chung)" || got[1] != "" {
		t.Errorf("second row %v", got)
	}
	if d.Footnote != "Lịch xếp lúc 10:15 ngày 05/05/2026. Vui lòng mang theo bản in này và có mặt tại bàn đúng giờ." {
		t.Errorf("footnote %q", d.Footnote)
	}
	en := s.Paper(a, "en")
	if en.Title != "B2B MEETING AGENDA" || !strings.HasPrefix(en.Subject, "Thai Nguyen Techmart 2026") || en.Table.Rows[1][0] != "Not scheduled (No time both sides are free)" {
		t.Errorf("english: %q %q %v", en.Title, en.Subject, en.Table.Rows[1])
	}
	if _, err := paper.PDF(d); err != nil {
		t.Fatal(err)
	}
}
