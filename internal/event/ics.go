package event

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/techmart-vn/techmart/internal/calendar"
)

// vietnamZone is the VTIMEZONE of Asia/Ho_Chi_Minh: UTC+7 all year, no
// daylight saving since 1975.
const vietnamZone = "BEGIN:VTIMEZONE\r\n" +
	"TZID:Asia/Ho_Chi_Minh\r\n" +
	"BEGIN:STANDARD\r\n" +
	"DTSTART:19750613T000000\r\n" +
	"TZOFFSETFROM:+0700\r\n" +
	"TZOFFSETTO:+0700\r\n" +
	"TZNAME:ICT\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"

// icsTexts are the words of the calendar file in each language.
var icsTexts = map[string]struct{ meeting, table, booth, online string }{
	"vi": {meeting: "Gặp B2B: %s", table: "Bàn %d", booth: "gian hàng %s", online: "Trực tuyến"},
	"en": {meeting: "B2B meeting: %s", table: "Table %d", booth: "booth %s", online: "Online"},
}

// ICS writes the placed meetings of an agenda as an iCalendar file (RFC
// 5545): one VEVENT per meeting in Vietnam time with its VTIMEZONE, the
// event's days as an all-day VEVENT, CRLF line ends and lines folded at
// 75 octets. Each VEVENT's UID is the meeting's (both sides' calendars
// name the same meeting) and its SEQUENCE the meeting's version, so a
// calendar that imports the file again takes the new time. stamp is the
// DTSTAMP; host ends the UIDs (the platform's domain).
func ICS(a Agenda, lang, host string, stamp time.Time) []byte {
	t, ok := icsTexts[lang]
	if !ok {
		t = icsTexts["vi"]
	}
	if host == "" {
		host = "techmart"
	}
	name := a.Event.Name
	if lang == "en" && a.Event.NameEN != "" {
		name = a.Event.NameEN
	}
	var b strings.Builder
	line := func(s string) {
		b.WriteString(fold(s))
		b.WriteString("\r\n")
	}
	dtstamp := "DTSTAMP:" + stamp.UTC().Format("20060102T150405Z")
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Techmart//Event agenda//" + strings.ToUpper(lang))
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + escapeText(name+" – "+a.Org.Name))
	line("X-WR-TIMEZONE:Asia/Ho_Chi_Minh")
	b.WriteString(vietnamZone)
	where := a.Event.Venue
	if where == "" && a.Event.Link != "" {
		where = t.online
	}
	if start, err := time.Parse(time.DateOnly, a.Event.StartDate); err == nil {
		end := start
		if e, err := time.Parse(time.DateOnly, a.Event.EndDate); err == nil && !e.Before(start) {
			end = e
		}
		line("BEGIN:VEVENT")
		line("UID:event-" + a.Event.ID + "-" + a.Registration.ID + "@" + host)
		line(dtstamp)
		line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		line("DTEND;VALUE=DATE:" + end.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + escapeText(name))
		if where != "" {
			line("LOCATION:" + escapeText(where))
		}
		if a.Event.Link != "" {
			line("URL:" + a.Event.Link)
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	for _, it := range a.Items {
		pl := it.Placement
		if pl == nil {
			continue
		}
		loc := fmt.Sprintf(t.table, pl.Table+1)
		if where != "" {
			loc = where + ", " + loc
		}
		desc := it.Message
		if it.WithBooth != "" {
			desc = strings.TrimSpace(it.With.Name + " (" + fmt.Sprintf(t.booth, it.WithBooth) + ")\n" + desc)
		}
		line("BEGIN:VEVENT")
		line("UID:meeting-" + it.MeetingID + "@" + host)
		line(dtstamp)
		line("SEQUENCE:" + strconv.FormatInt(it.Sequence, 10))
		line("DTSTART;TZID=Asia/Ho_Chi_Minh:" + pl.Start.In(calendar.Vietnam).Format("20060102T150405"))
		line("DTEND;TZID=Asia/Ho_Chi_Minh:" + pl.End.In(calendar.Vietnam).Format("20060102T150405"))
		line("SUMMARY:" + escapeText(fmt.Sprintf(t.meeting, it.With.Name)))
		line("LOCATION:" + escapeText(loc))
		if desc != "" {
			line("DESCRIPTION:" + escapeText(desc))
		}
		line("STATUS:CONFIRMED")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// fold breaks a content line into lines of at most 75 octets, each
// continuation starting with a space (RFC 5545 §3.1), never inside a
// UTF-8 sequence.
func fold(s string) string {
	if len(s) <= 75 {
		return s
	}
	var b strings.Builder
	n, limit := 0, 75
	for _, r := range s {
		size := utf8.RuneLen(r)
		if n+size > limit {
			b.WriteString("\r\n ")
			n, limit = 0, 74 // the leading space counts
		}
		b.WriteRune(r)
		n += size
	}
	return b.String()
}
