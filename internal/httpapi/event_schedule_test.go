package httpapi_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/store"
)

// otherOrg is a third demo organisation, never logged in as here.
const otherOrg = "64656d6f0000000000000004"

// matchmaking is an event with its registrations and meetings, written to
// the store as the events and meetings steps leave them.
type matchmaking struct {
	event                        string
	enterprise, institute, x, y  string // registrations
	pending                      string
	meeting, noCommon, requested string
}

// seedMatchmaking writes a published matchmaking day (one day, four
// slots of 30 minutes from 08:30, two tables): the demo enterprise and
// institute approved, with an accepted meeting between them; two more
// registrations whose accepted meeting cannot be placed (no common slot);
// a requested meeting; a pending registration.
func seedMatchmaking(t testing.TB, h *apptest.Harness, settings event.MeetingSettings) matchmaking {
	t.Helper()
	ctx := context.Background()
	st := h.App.Store
	now := h.Clock.Now().UTC()
	mm := matchmaking{event: store.NewID()}
	ev := event.Event{ID: mm.event, Name: "Ngày kết nối cung cầu công nghệ Thái Nguyên 2026", NameEN: "Thai Nguyen technology matchmaking day 2026",
		Kind: event.KindMatchmaking, State: event.StatePublished, StartDate: "2026-05-12", EndDate: "2026-05-12",
		Venue: "Trung tâm Hội nghị tỉnh", Organisers: []string{"Sở Khoa học và Công nghệ"}, Sectors: []string{"agri_processing"},
		RegistrationOpens: "2026-04-01", RegistrationCloses: "2026-05-05", Meetings: settings, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
	if err := store.Insert(ctx, st, event.Collection, &ev); err != nil {
		t.Fatal(err)
	}
	reg := func(orgID, name, role, state, booth string, slots []int) string {
		r := event.Registration{ID: store.NewID(), EventID: mm.event, Role: role, Org: event.Ref{ID: orgID, Name: name}, OrgKind: "enterprise",
			Booth: booth, Listings: []string{}, Needs: []string{}, Slots: slots, State: state, CheckInCode: store.NewID(), History: []event.Step{},
			CreatedAt: now, UpdatedAt: now}
		if err := store.Insert(ctx, st, event.RegistrationCollection, &r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	mm.enterprise = reg(enterpriseOrg, "Công ty TNHH Nông sản sạch Ba Bể", event.RoleParticipant, event.RegApproved, "", nil)
	mm.institute = reg(instituteOrg, "Viện Khoa học Sự sống – ĐH Thái Nguyên", event.RoleExhibitor, event.RegApproved, "A-1", nil)
	mm.x = reg(otherOrg, "Hợp tác xã chè Tân Cương", event.RoleExhibitor, event.RegApproved, "A-2", []int{3})
	mm.y = reg(pendingOrg, "Công ty thử", event.RoleParticipant, event.RegApproved, "", []int{0})
	mm.pending = reg(otherOrg, "Hợp tác xã chè Tân Cương", event.RoleParticipant, event.RegPending, "", nil)
	meet := func(from, fromOrg, fromName, to, toOrg, toName, state string) string {
		m := event.Meeting{ID: store.NewID(), EventID: mm.event, From: event.Ref{ID: from, Name: fromName}, FromOrg: fromOrg,
			To: event.Ref{ID: to, Name: toName}, ToOrg: toOrg, Message: "Trao đổi về công nghệ sấy chè.", State: state,
			Outcomes: []event.Outcome{}, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
		if err := store.Insert(ctx, st, event.MeetingCollection, &m); err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	mm.meeting = meet(mm.enterprise, enterpriseOrg, "Công ty TNHH Nông sản sạch Ba Bể", mm.institute, instituteOrg, "Viện Khoa học Sự sống – ĐH Thái Nguyên", event.MeetAccepted)
	mm.noCommon = meet(mm.x, otherOrg, "Hợp tác xã chè Tân Cương", mm.y, pendingOrg, "Công ty thử", event.MeetAccepted)
	mm.requested = meet(mm.enterprise, enterpriseOrg, "Công ty TNHH Nông sản sạch Ba Bể", mm.x, otherOrg, "Hợp tác xã chè Tân Cương", event.MeetRequested)
	return mm
}

var oneDay = event.MeetingSettings{Days: []string{"2026-05-12"}, Start: "08:30", Minutes: 30, SlotsPerDay: 4, Tables: 2, Breaks: []event.Break{}}

func unreadOf(t *testing.T, h *apptest.Harness, tok string, kind string) []string {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: tok})
	var out []string
	for _, it := range r.JSON(t)["items"].([]any) {
		m := it.(map[string]any)
		if m["kind"] == kind && m["read"] == false {
			// A notification that stands for several says so.
			for range int(m["count"].(float64)) {
				out = append(out, m["text"].(string))
			}
		}
	}
	return out
}

// The officer runs the scheduler; both sides see the same slot and table,
// in JSON, in their calendar and on paper; both are told once; a run that
// changes nothing tells nobody; a meeting left out says why.
func TestScheduleAndAgendas(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	mm := seedMatchmaking(t, h, oneDay)
	officer, ent, inst := h.Demo("officer"), h.Demo("enterprise"), h.Demo("institute")
	agenda := func(tok apptest.Tokens, query string) map[string]any {
		t.Helper()
		r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/agenda" + query, Token: tok.Access})
		if r.Status != 200 {
			t.Fatalf("agenda%s: %d %s", query, r.Status, r.Body)
		}
		return r.JSON(t)
	}

	pre := agenda(ent, "")
	if pre["final"] != false || len(pre["items"].([]any)) != 1 {
		t.Fatalf("preliminary agenda: %v", pre)
	}
	if it := pre["items"].([]any)[0].(map[string]any); it["placement"] != nil || it["with"].(map[string]any)["name"] != "Viện Khoa học Sự sống – ĐH Thái Nguyên" || it["withBooth"] != "A-1" {
		t.Fatalf("preliminary item: %v", it)
	}

	r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access})
	if r.Status != 200 {
		t.Fatalf("schedule: %d %s", r.Status, r.Body)
	}
	sv := r.JSON(t)
	if sv["accepted"] != 2.0 || sv["placed"] != 1.0 || sv["changed"] != 1.0 || sv["scheduledAt"] == nil {
		t.Fatalf("schedule: %v", sv)
	}
	first := sv["meetings"].([]any)[0].(map[string]any)
	if first["id"] != mm.noCommon || first["unplaced"] != "no_common_slot" || first["placement"] != nil {
		t.Fatalf("the meeting left out comes first, with its reason: %v", first)
	}

	mine, theirs := agenda(ent, ""), agenda(inst, "")
	if mine["final"] != true || theirs["final"] != true {
		t.Fatalf("final: %v %v", mine["final"], theirs["final"])
	}
	pa := mine["items"].([]any)[0].(map[string]any)["placement"].(map[string]any)
	pb := theirs["items"].([]any)[0].(map[string]any)["placement"].(map[string]any)
	if pa["start"] != pb["start"] || pa["table"] != pb["table"] || pa["slot"] != pb["slot"] {
		t.Fatalf("the two sides see different times: %v / %v", pa, pb)
	}
	start, _ := time.Parse(time.RFC3339, pa["start"].(string))
	if vn := start.In(time.FixedZone("ICT", 7*3600)); vn.Hour() < 8 || vn.Hour() > 10 || vn.Format(time.DateOnly) != "2026-05-12" {
		t.Fatalf("start %v", vn)
	}
	if with := theirs["items"].([]any)[0].(map[string]any)["with"].(map[string]any)["name"]; with != "Công ty TNHH Nông sản sạch Ba Bể" {
		t.Fatalf("the institute meets %v", with)
	}
	stored, err := store.Get[event.Meeting](context.Background(), h.App.Store, event.MeetingCollection, mm.noCommon)
	if err != nil || stored.Unplaced != "no_common_slot" || stored.Placement != nil {
		t.Fatalf("stored: %+v %v", stored, err)
	}

	for _, tok := range []apptest.Tokens{ent, inst} {
		if got := unreadOf(t, h, tok.Access, "event_meeting"); len(got) != 1 || !strings.Contains(got[0], "Lịch gặp B2B tại “Ngày kết nối cung cầu công nghệ Thái Nguyên 2026” đã được xếp: 1 cuộc gặp") {
			t.Fatalf("notifications: %v", got)
		}
	}
	// Nothing changed: a second run moves nobody and tells nobody.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access}); r.Status != 200 || r.JSON(t)["changed"] != 0.0 {
		t.Fatalf("second run: %d %s", r.Status, r.Body)
	}
	h.Do(R{Method: "POST", Path: "/api/v1/notifications/read", Token: inst.Access, Body: map[string]bool{"all": true}})
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("third run: %d", r.Status)
	}
	if got := unreadOf(t, h, inst.Access, "event_meeting"); len(got) != 0 {
		t.Fatalf("told again: %v", got)
	}

	// The calendar file.
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/agenda?format=ics", Token: inst.Access})
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(r.Header.Get("Content-Disposition"), ".ics") {
		t.Fatalf("ics: %d %v", r.Status, r.Header)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range cal.Events() {
		if e.GetProperty(ics.ComponentPropertyUniqueId).Value == "meeting-"+mm.meeting+"@techmart.test" {
			found = true
			at, err := e.GetStartAt()
			if err != nil || !at.Equal(start) {
				t.Fatalf("calendar start %v (%v), agenda %v", at, err, start)
			}
		}
	}
	if !found {
		t.Fatalf("no meeting in the calendar:\n%s", r.Body)
	}
	// Printed, in both languages.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/agenda?format=pdf", Token: ent.Access}); r.Status != 200 || !bytes.HasPrefix(r.Body, []byte("%PDF")) {
		t.Fatalf("pdf: %d %.100s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/agenda?format=html&lang=en", Token: ent.Access})
	if r.Status != 200 || !strings.Contains(string(r.Body), "B2B MEETING AGENDA") || !strings.Contains(string(r.Body), "Final agenda") || !strings.Contains(string(r.Body), "A-1") {
		t.Fatalf("html: %d %.300s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/agenda?format=html", Token: ent.Access})
	if !strings.Contains(string(r.Body), "LỊCH GẶP KẾT NỐI B2B") || !strings.Contains(string(r.Body), "Lịch chính thức") {
		t.Fatalf("html vi: %.300s", r.Body)
	}

	// Officers read anyone's agenda by naming the registration.
	if a := agenda(officer, "?registration="+mm.institute); a["registration"].(map[string]any)["id"] != mm.institute {
		t.Fatalf("officer: %v", a)
	}
	// The schedule as it stands, for the officer's screen.
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access}); r.Status != 200 || r.JSON(t)["placed"] != 1.0 || r.JSON(t)["can"].(map[string]any)["schedule"] != true {
		t.Fatalf("get schedule: %d %s", r.Status, r.Body)
	}

	// A meeting cancelled after the run loses its table at the next one.
	if _, err := store.Modify(context.Background(), h.App.Store, event.MeetingCollection, mm.meeting, 0, func(m *event.Meeting) error {
		m.State = event.MeetCancelled
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access}); r.Status != 200 || r.JSON(t)["placed"] != 0.0 {
		t.Fatalf("after cancelling: %d %s", r.Status, r.Body)
	}
	if m, _ := store.Get[event.Meeting](context.Background(), h.App.Store, event.MeetingCollection, mm.meeting); m.Placement != nil {
		t.Fatalf("cancelled meeting keeps %+v", m.Placement)
	}
	if a := agenda(ent, ""); len(a["items"].([]any)) != 0 {
		t.Fatalf("cancelled meeting on the agenda: %v", a["items"])
	}
}

// Bad input and refusals are problems with codes, never a 500.
func TestScheduleRefusals(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	mm := seedMatchmaking(t, h, oneDay)
	officer, ent, reviewer := h.Demo("officer"), h.Demo("enterprise"), h.Demo("reviewer")
	base := "/api/v1/events/" + mm.event

	r := h.Do(R{Method: "GET", Path: base + "/agenda?format=xml&lang=fr", Token: ent.Access})
	if r.Status != 422 || problemCode(t, r) != "validation_failed" {
		t.Fatalf("format: %d %s", r.Status, r.Body)
	}
	if f := fieldCodes(t, r); f["format"] == "" || f["lang"] == "" {
		t.Fatalf("fields %v", f)
	}
	r = h.Do(R{Method: "GET", Path: base + "/agenda", Token: officer.Access})
	if r.Status != 422 || fieldCodes(t, r)["registration"] != "required" {
		t.Fatalf("officer without a registration: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/agenda", Token: reviewer.Access}); r.Status != 404 || problemCode(t, r) != "registration_not_found" {
		t.Fatalf("not registered: %d %s", r.Status, r.Body)
	}
	// Another organisation's registration is not found, not forbidden.
	if r := h.Do(R{Method: "GET", Path: base + "/agenda?registration=" + mm.x, Token: ent.Access}); r.Status != 404 || problemCode(t, r) != "registration_not_found" {
		t.Fatalf("another's agenda: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/agenda?registration=" + mm.pending, Token: officer.Access}); r.Status != 404 || problemCode(t, r) != "agenda_not_found" {
		t.Fatalf("pending registration: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + store.NewID() + "/agenda", Token: ent.Access}); r.Status != 404 || problemCode(t, r) != "event_not_found" {
		t.Fatalf("no event: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/schedule", Token: officer.Access, Headers: map[string]string{"If-Match": `"99"`}})
	if r.Status != 412 {
		t.Fatalf("stale If-Match: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/schedule", Token: officer.Access, Headers: map[string]string{"If-Match": `"1"`, "Accept-Language": "en"}})
	if r.Status != 200 {
		t.Fatalf("fresh If-Match: %d %s", r.Status, r.Body)
	}

	incomplete := seedMatchmaking(t, h, event.MeetingSettings{Days: []string{"2026-05-12"}, Start: "08:30", Minutes: 30, SlotsPerDay: 4})
	r = h.Do(R{Method: "POST", Path: "/api/v1/events/" + incomplete.event + "/schedule", Token: officer.Access, Headers: map[string]string{"Accept-Language": "en"}})
	if r.Status != 409 || problemCode(t, r) != "meeting_settings_incomplete" || !strings.Contains(r.JSON(t)["title"].(string), "incomplete") {
		t.Fatalf("incomplete settings: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + incomplete.event + "/schedule", Token: officer.Access}); r.Status != 200 || r.JSON(t)["can"].(map[string]any)["schedule"] != false {
		t.Fatalf("can schedule without settings: %d %s", r.Status, r.Body)
	}
}

// matchmakingURL seeds a fresh matchmaking day and returns its URL plus
// suffix (the authorization matrix).
func matchmakingURL(suffix string) func(*fixture, string) string {
	return func(f *fixture, _ string) string {
		return "/api/v1/events/" + seedMatchmaking(f.h.T, f.h, oneDay).event + suffix
	}
}

// Officers running the scheduler at the same moment: every run answers,
// the meeting gets one place, and its two sides are told once.
func TestConcurrentScheduleRuns(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	mm := seedMatchmaking(t, h, oneDay)
	officer, admin, inst := h.Demo("officer"), h.Demo("admin"), h.Demo("institute")
	var wg sync.WaitGroup
	statuses := make([]int, 6)
	for i := range statuses {
		tok := officer
		if i%2 == 1 {
			tok = admin
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "POST", Path: "/api/v1/events/" + mm.event + "/schedule", Token: tok.Access}).Status
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != 200 {
			t.Fatalf("run %d: %d", i, s)
		}
	}
	m, err := store.Get[event.Meeting](context.Background(), h.App.Store, event.MeetingCollection, mm.meeting)
	if err != nil || m.Placement == nil {
		t.Fatalf("meeting %+v %v", m, err)
	}
	if got := unreadOf(t, h, inst.Access, "event_meeting"); len(got) != 1 || !strings.Contains(got[0], ": 1 cuộc gặp") {
		t.Fatalf("notifications: %v", got)
	}
	r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + mm.event + "/schedule", Token: officer.Access})
	if v := r.JSON(t); v["placed"] != 1.0 || v["accepted"] != 2.0 {
		t.Fatalf("schedule: %s", r.Body)
	}
}
