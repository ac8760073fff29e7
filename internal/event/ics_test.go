package event

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/techmart-vn/techmart/internal/calendar"
)

func sampleAgenda() Agenda {
	start := time.Date(2026, 5, 12, 8, 30, 0, 0, calendar.Vietnam)
	long := strings.Repeat("Trao đổi về dây chuyền sấy chè Shan tuyết; giá, bảo hành, chuyển giao. ", 4)
	return Agenda{
		Event: AgendaEvent{ID: "ev1", Name: "Chợ công nghệ và thiết bị Thái Nguyên 2026", NameEN: "Thai Nguyen Techmart 2026",
			Kind: KindHybrid, StartDate: "2026-05-12", EndDate: "2026-05-13", Venue: "Trung tâm Hội nghị tỉnh, Thái Nguyên", Link: "https://techmart.example.vn/truc-tuyen", Minutes: 30},
		Registration: Ref{ID: "r1", Name: "Công ty TNHH Nông sản sạch Ba Bể"}, Org: Ref{ID: "o1", Name: "Công ty TNHH Nông sản sạch Ba Bể"},
		Role: RoleParticipant, Final: true,
		Items: []AgendaItem{
			{MeetingID: "m1", With: Ref{ID: "r2", Name: "Viện Khoa học Sự sống – ĐH Thái Nguyên"}, WithBooth: "A-7", Message: long,
				Placement: &Placement{Day: 0, Slot: 0, Table: 3, Start: start.UTC(), End: start.Add(30 * time.Minute).UTC()}, Sequence: 4},
			{MeetingID: "m2", With: Ref{ID: "r3", Name: "Hợp tác xã chè Tân Cương"}, Unplaced: "no_common_slot"},
		},
	}
}

// The calendar file is RFC 5545: CRLF, lines of at most 75 octets, a
// VTIMEZONE for Asia/Ho_Chi_Minh, and a Go iCalendar library reads it back
// with the meeting's time, place and text intact.
func TestICSParses(t *testing.T) {
	stamp := time.Date(2026, 5, 1, 3, 4, 5, 0, time.UTC)
	b := ICS(sampleAgenda(), "vi", "techmart.example.vn", stamp)
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("ends %q", b[len(b)-20:])
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Fatalf("line %d has a bare line end: %q", i, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a UTF-8 sequence: %q", i, l)
		}
	}
	for _, want := range []string{"BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh", "TZOFFSETTO:+0700", "DTSTART;TZID=Asia/Ho_Chi_Minh:20260512T083000",
		"DTEND;TZID=Asia/Ho_Chi_Minh:20260512T090000", "UID:meeting-m1@techmart.example.vn", "DTSTAMP:20260501T030405Z", "SEQUENCE:4",
		"DTSTART;VALUE=DATE:20260512", "DTEND;VALUE=DATE:20260514"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("no %q in\n%s", want, b)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 2 { // the event's days and the one placed meeting
		t.Fatalf("%d events", len(events))
	}
	m := events[1]
	if got := m.GetProperty(ics.ComponentPropertyUniqueId).Value; got != "meeting-m1@techmart.example.vn" {
		t.Errorf("UID %q", got)
	}
	start, err := m.GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 5, 12, 1, 30, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("start %v, want %v", start, want)
	}
	if got := m.GetProperty(ics.ComponentPropertyLocation).Value; got != "Trung tâm Hội nghị tỉnh, Thái Nguyên, Bàn 4" {
		t.Errorf("location %q", got)
	}
	if got := m.GetProperty(ics.ComponentPropertySummary).Value; got != "Gặp B2B: Viện Khoa học Sự sống – ĐH Thái Nguyên" {
		t.Errorf("summary %q", got)
	}
	desc := m.GetProperty(ics.ComponentPropertyDescription).Value
	if !strings.HasPrefix(desc, "Viện Khoa học Sự sống – ĐH Thái Nguyên (gian hàng A-7)\nTrao đổi") || !strings.HasSuffix(desc, "Shan tuyết; giá, bảo hành, chuyển giao.") {
		t.Errorf("description %q", desc)
	}
	if tz := cal.Components; len(tz) < 3 {
		t.Errorf("components %d", len(tz))
	}
	en := string(ICS(sampleAgenda(), "en", "", stamp))
	if !strings.Contains(en, "SUMMARY:B2B meeting: Viện") || !strings.Contains(en, "UID:meeting-m1@techmart") || !strings.Contains(en, "SUMMARY:Thai Nguyen Techmart 2026") {
		t.Errorf("english:\n%s", en)
	}
}

func TestFold(t *testing.T) {
	s := "DESCRIPTION:" + strings.Repeat("ầ", 60)
	f := fold(s)
	for _, l := range strings.Split(f, "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Fatalf("line %q (%d octets)", l, len(l))
		}
	}
	if strings.ReplaceAll(f, "\r\n ", "") != s {
		t.Fatal("unfolding does not give the line back")
	}
	if fold("SHORT:x") != "SHORT:x" {
		t.Fatal("a short line changed")
	}
}

// Slots follow each other from the start, breaks after slot After push
// the later ones back.
func TestSlotTime(t *testing.T) {
	ms := MeetingSettings{Days: []string{"2026-05-12", "2026-05-13"}, Start: "08:30", Minutes: 20, SlotsPerDay: 12, Tables: 10,
		Breaks: []Break{{After: 2, Minutes: 15}, {After: 5, Minutes: 60}}}
	for _, tc := range []struct {
		day, slot  int
		start, end string
	}{
		{0, 0, "2026-05-12 08:30", "2026-05-12 08:50"},
		{0, 2, "2026-05-12 09:10", "2026-05-12 09:30"},
		{0, 3, "2026-05-12 09:45", "2026-05-12 10:05"},
		{0, 6, "2026-05-12 11:45", "2026-05-12 12:05"},
		{1, 1, "2026-05-13 08:50", "2026-05-13 09:10"},
	} {
		s, e, err := SlotTime(ms, tc.day, tc.slot)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.In(calendar.Vietnam).Format("2006-01-02 15:04"); got != tc.start {
			t.Errorf("day %d slot %d starts %s, want %s", tc.day, tc.slot, got, tc.start)
		}
		if got := e.In(calendar.Vietnam).Format("2006-01-02 15:04"); got != tc.end {
			t.Errorf("day %d slot %d ends %s, want %s", tc.day, tc.slot, got, tc.end)
		}
	}
	if _, _, err := SlotTime(ms, 2, 0); err == nil {
		t.Error("a third day")
	}
	if _, ok := Grid(MeetingSettings{Days: []string{"2026-05-12"}, Start: "8h", Minutes: 20, SlotsPerDay: 4, Tables: 2}); ok {
		t.Error("a start time that is no time makes a grid")
	}
	if g, ok := Grid(ms); !ok || g.Slots() != 24 || g.Tables != 10 {
		t.Errorf("grid %+v %v", g, ok)
	}
}

// Folding never splits a character, keeps every line within 75 octets,
// and unfolds to the line it was given.
func FuzzFold(f *testing.F) {
	f.Add("SUMMARY:Gặp B2B: Viện Khoa học Sự sống – Đại học Thái Nguyên, gian hàng A-7")
	f.Add("DESCRIPTION:" + strings.Repeat("ầ", 40))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
			return
		}
		folded := fold(s)
		for _, l := range strings.Split(folded, "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("line %q (%d octets)", l, len(l))
			}
		}
		if strings.ReplaceAll(folded, "\r\n ", "") != s {
			t.Fatalf("unfolds to %q, not %q", strings.ReplaceAll(folded, "\r\n ", ""), s)
		}
	})
}
