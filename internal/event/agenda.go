package event

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/event/schedule"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/store"
)

// Errors of scheduling and agendas.
var (
	// ErrMeetingSettings: the event's meeting days, start, length, slots or
	// tables are missing, so there is no grid to place meetings in.
	ErrMeetingSettings = errs.New(errs.Conflict, "meeting_settings_incomplete")
	// ErrNoAgenda: the registration is not approved, so it has no agenda.
	ErrNoAgenda = errs.New(errs.NotFound, "agenda_not_found")
)

// Auditor records decisions.
type Auditor interface {
	Record(ctx context.Context, e audit.Entry) error
}

// Office names the department on printed agendas.
type Office struct {
	ProvinceVI, ProvinceEN string
}

// ScheduleDeps are the scheduler's dependencies.
type ScheduleDeps struct {
	// Registry reads the event and its registrations.
	Registry Registry
	Notes    Notifier
	Audit    Auditor
	Office   Office
	Log      *slog.Logger
	Now      func() time.Time
}

// Scheduler runs the meeting scheduler of an event and gives each
// registration its agenda.
type Scheduler struct {
	s      *store.Store
	d      ScheduleDeps
	mu     sync.Mutex
	events map[string]*sync.Mutex // one run per event at a time
}

// NewScheduler returns the service.
func NewScheduler(s *store.Store, d ScheduleDeps) *Scheduler {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Scheduler{s: s, d: d, events: map[string]*sync.Mutex{}}
}

// Grid is the meeting grid of an event's settings, and whether it is
// complete: days, a start time, a length, slots and tables.
func Grid(ms MeetingSettings) (schedule.Grid, bool) {
	g := schedule.Grid{Days: len(ms.Days), SlotsPerDay: ms.SlotsPerDay, Tables: ms.Tables}
	if g.Days == 0 || g.SlotsPerDay <= 0 || g.Tables <= 0 || ms.Minutes <= 0 {
		return g, false
	}
	if _, err := time.Parse("15:04", ms.Start); err != nil {
		return g, false
	}
	for _, d := range ms.Days {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return g, false
		}
	}
	return g, true
}

// SlotTime is when slot (within day) starts and ends, in Vietnam time:
// Start plus the slots before it and the breaks after them.
func SlotTime(ms MeetingSettings, day, slot int) (start, end time.Time, err error) {
	if day < 0 || day >= len(ms.Days) {
		return start, end, fmt.Errorf("event: no meeting day %d", day)
	}
	d, err := time.ParseInLocation(time.DateOnly+" 15:04", ms.Days[day]+" "+ms.Start, calendar.Vietnam)
	if err != nil {
		return start, end, fmt.Errorf("event: meeting day %q at %q: %w", ms.Days[day], ms.Start, err)
	}
	minutes := slot * ms.Minutes
	for _, b := range ms.Breaks {
		if b.After < slot {
			minutes += b.Minutes
		}
	}
	start = d.Add(time.Duration(minutes) * time.Minute)
	return start, start.Add(time.Duration(ms.Minutes) * time.Minute), nil
}

// ScheduledMeeting is one accepted meeting as the officer's schedule
// shows it: placed, or not with the reason (schedule.Reasons).
type ScheduledMeeting struct {
	ID        string     `json:"id"`
	From      Ref        `json:"from"`
	To        Ref        `json:"to"`
	Placement *Placement `json:"placement,omitempty"`
	Unplaced  string     `json:"unplaced,omitempty" rule:"enum=UnplacedReason"`
}

// ScheduleCan is what the officer may do with the schedule.
type ScheduleCan struct {
	Schedule bool `json:"schedule"`
}

// ScheduleView is an event's schedule: the grid, the accepted meetings
// (left-out ones first, then by time) and, after a run, how many
// meetings got a new time.
type ScheduleView struct {
	EventID     string             `json:"eventId"`
	ScheduledAt *time.Time         `json:"scheduledAt,omitempty"`
	Days        []string           `json:"days"`
	SlotsPerDay int                `json:"slotsPerDay"`
	Tables      int                `json:"tables"`
	Accepted    int                `json:"accepted"`
	Placed      int                `json:"placed"`
	Changed     int                `json:"changed"`
	Meetings    []ScheduledMeeting `json:"meetings"`
	Can         ScheduleCan        `json:"can"`
}

// lockEvent serialises runs of one event's scheduler in this process.
func (s *Scheduler) lockEvent(id string) func() {
	s.mu.Lock()
	m, ok := s.events[id]
	if !ok {
		m = &sync.Mutex{}
		s.events[id] = m
	}
	s.mu.Unlock()
	m.Lock()
	return m.Unlock
}

func (s *Scheduler) event(ctx context.Context, id string) (Event, error) {
	return s.d.Registry.Event(ctx, id)
}

func (s *Scheduler) registrations(ctx context.Context, eventID string) ([]Registration, error) {
	return s.d.Registry.Registrations(ctx, eventID)
}

func (s *Scheduler) meetings(ctx context.Context, eventID string) ([]Meeting, error) {
	return store.Find[Meeting](ctx, s.s, MeetingCollection, bson.D{{Key: "eventId", Value: eventID}}, options.Find().SetSort(meetingOrder))
}

func (s *Scheduler) can(p *auth.Principal, ev Event) ScheduleCan {
	_, complete := Grid(ev.Meetings)
	return ScheduleCan{Schedule: org.IsStaff(p) && ev.State != StateCancelled && complete}
}

// Schedule is an event's schedule as the last run left it (officers).
func (s *Scheduler) Schedule(ctx context.Context, p *auth.Principal, eventID string) (ScheduleView, error) {
	if !org.IsStaff(p) {
		return ScheduleView{}, errs.ErrForbidden
	}
	ev, err := s.event(ctx, eventID)
	if err != nil {
		return ScheduleView{}, err
	}
	ms, err := s.meetings(ctx, eventID)
	if err != nil {
		return ScheduleView{}, err
	}
	return s.view(p, ev, ms, 0), nil
}

func (s *Scheduler) view(p *auth.Principal, ev Event, ms []Meeting, changed int) ScheduleView {
	v := ScheduleView{EventID: ev.ID, ScheduledAt: ev.ScheduledAt, Days: ev.Meetings.Days, SlotsPerDay: ev.Meetings.SlotsPerDay,
		Tables: ev.Meetings.Tables, Changed: changed, Meetings: []ScheduledMeeting{}, Can: s.can(p, ev)}
	if v.Days == nil {
		v.Days = []string{}
	}
	for _, m := range ms {
		if m.State != MeetAccepted {
			continue
		}
		v.Accepted++
		if m.Placement != nil {
			v.Placed++
		}
		v.Meetings = append(v.Meetings, ScheduledMeeting{ID: m.ID, From: m.From, To: m.To, Placement: m.Placement, Unplaced: m.Unplaced})
	}
	slices.SortStableFunc(v.Meetings, func(a, b ScheduledMeeting) int {
		switch {
		case a.Placement == nil && b.Placement == nil:
			return cmp.Compare(a.ID, b.ID)
		case a.Placement == nil:
			return -1
		case b.Placement == nil:
			return 1
		}
		return cmp.Or(a.Placement.Start.Compare(b.Placement.Start), cmp.Compare(a.Placement.Table, b.Placement.Table))
	})
	return v
}

// Run places the event's accepted meetings (officers): each gets its
// Placement, or loses it with the reason in Unplaced; a meeting no longer
// accepted loses its placement. Meetings whose time or table changed are
// written and their two organisations told (one notification each);
// the event's ScheduledAt is set, which makes the agendas final.
// version (If-Match on the event) is optional.
func (s *Scheduler) Run(ctx context.Context, p *auth.Principal, eventID string, version int64) (ScheduleView, error) {
	if !org.IsStaff(p) {
		return ScheduleView{}, errs.ErrForbidden
	}
	defer s.lockEvent(eventID)()
	ev, err := s.event(ctx, eventID)
	if err != nil {
		return ScheduleView{}, err
	}
	if version != 0 && ev.Version != version {
		return ScheduleView{}, fmt.Errorf("event %s at version %d, not %d: %w", ev.ID, ev.Version, version, store.ErrStale)
	}
	if ev.State == StateCancelled {
		return ScheduleView{}, ErrInvalidTransition
	}
	grid, complete := Grid(ev.Meetings)
	if !complete {
		return ScheduleView{}, ErrMeetingSettings
	}
	regs, err := s.registrations(ctx, eventID)
	if err != nil {
		return ScheduleView{}, err
	}
	ms, err := s.meetings(ctx, eventID)
	if err != nil {
		return ScheduleView{}, err
	}
	in := schedule.Input{Grid: grid}
	for _, r := range regs {
		if r.State == RegApproved {
			in.Participants = append(in.Participants, schedule.Participant{ID: r.ID, Slots: r.Slots})
		}
	}
	byID := make(map[string]int, len(ms))
	for i, m := range ms {
		byID[m.ID] = i
		if m.State != MeetAccepted {
			continue
		}
		sm := schedule.Meeting{ID: m.ID, A: m.From.ID, B: m.To.ID}
		if pl := m.Placement; pl != nil {
			sm.Previous = &schedule.Position{Slot: pl.Day*grid.SlotsPerDay + pl.Slot, Table: pl.Table}
		}
		in.Meetings = append(in.Meetings, sm)
	}
	res := schedule.Run(in)

	// What each meeting should hold now.
	type want struct {
		placement *Placement
		unplaced  string
	}
	wants := make(map[string]want, len(ms))
	for _, pl := range res.Placed {
		day, slot := pl.Slot/grid.SlotsPerDay, pl.Slot%grid.SlotsPerDay
		start, end, err := SlotTime(ev.Meetings, day, slot)
		if err != nil {
			return ScheduleView{}, err
		}
		wants[pl.Meeting] = want{placement: &Placement{Day: day, Slot: slot, Table: pl.Table, Start: start.UTC(), End: end.UTC()}}
	}
	for _, u := range res.Unplaced {
		wants[u.Meeting] = want{unplaced: u.Reason}
	}
	now := s.d.Now().UTC()
	changedOrgs := map[string]int{}
	changed, placedBefore := 0, 0
	for i := range ms {
		m := &ms[i]
		if m.Placement != nil && m.State == MeetAccepted {
			placedBefore++
		}
		w := wants[m.ID] // zero for a meeting no longer accepted: no placement
		if samePlacement(m.Placement, w.placement) && m.Unplaced == w.unplaced {
			continue
		}
		moved := !samePlacement(m.Placement, w.placement)
		written, err := store.Modify(ctx, s.s, MeetingCollection, m.ID, m.Version, func(d *Meeting) error {
			d.Placement, d.Unplaced, d.UpdatedAt = w.placement, w.unplaced, now
			return nil
		})
		if errors.Is(err, store.ErrStale) || errors.Is(err, store.ErrNotFound) {
			// Changed while the scheduler ran (accepted, cancelled): the
			// next run places it; its old placement stands meanwhile.
			continue
		} else if err != nil {
			return ScheduleView{}, err
		}
		ms[byID[m.ID]] = written
		if moved && (w.placement != nil || m.State == MeetAccepted) {
			changed++
			changedOrgs[m.FromOrg]++
			changedOrgs[m.ToOrg]++
		}
	}
	at := now
	ev, err = store.Modify(ctx, s.s, Collection, ev.ID, 0, func(e *Event) error {
		e.ScheduledAt, e.UpdatedAt = &at, now
		return nil
	})
	if err != nil {
		return ScheduleView{}, err
	}
	v := s.view(p, ev, ms, changed)
	_ = s.d.Audit.Record(ctx, audit.Entry{At: now, Actor: p.Actor(), Action: "event.schedule",
		Subject: audit.Subject{Type: "event.event", ID: ev.ID, Name: ev.Name},
		Changes: map[string]audit.Change{"placed": {From: placedBefore, To: v.Placed}}})
	for orgID, n := range changedOrgs {
		if orgID == "" {
			continue
		}
		s.d.Notes.ToOrgs(ctx, []string{orgID}, p.User.ID, notify.Note{Kind: notify.KindEventMeeting, Link: "/events/" + ev.ID + "/agenda",
			Params: map[string]string{"step": "scheduled", "event": ev.Name, "count": strconv.Itoa(n)}})
	}
	return v, nil
}

func samePlacement(a, b *Placement) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Day == b.Day && a.Slot == b.Slot && a.Table == b.Table && a.Start.Equal(b.Start) && a.End.Equal(b.End)
}

// AgendaItem is one meeting of an agenda, from the registration's side:
// With is the other organisation, WithBooth its booth. A meeting the
// scheduler has not placed has no Placement (and, after a run, the
// reason in Unplaced).
type AgendaItem struct {
	MeetingID string     `json:"meetingId"`
	With      Ref        `json:"with"`
	WithBooth string     `json:"withBooth,omitempty"`
	Message   string     `json:"message"`
	ListingID string     `json:"listingId,omitempty"`
	Placement *Placement `json:"placement,omitempty"`
	Unplaced  string     `json:"unplaced,omitempty" rule:"enum=UnplacedReason"`
	// Sequence grows with every change of the meeting (iCalendar's SEQUENCE).
	Sequence int64 `json:"-"`
}

// Agenda is a registration's meetings at an event. Final says the
// officers have run the scheduler; before, the agenda is preliminary:
// the accepted meetings without times.
type Agenda struct {
	Event        AgendaEvent  `json:"event"`
	Registration Ref          `json:"registration"`
	Org          Ref          `json:"org"`
	Role         string       `json:"role"`
	Booth        string       `json:"booth,omitempty"`
	Final        bool         `json:"final"`
	ScheduledAt  *time.Time   `json:"scheduledAt,omitempty"`
	Items        []AgendaItem `json:"items"`
	// Others are the caller's other approved registrations at the event
	// (members of several organisations), whose agendas ?registration= opens.
	Others []Ref `json:"others"`
}

// AgendaEvent is what an agenda says of its event.
type AgendaEvent struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	NameEN    string `json:"nameEn,omitempty"`
	Kind      string `json:"kind"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
	Venue     string `json:"venue,omitempty"`
	Link      string `json:"link,omitempty"`
	Minutes   int    `json:"minutes"`
}

// Agenda is the agenda of a registration at an event: registrationID, or
// (empty) the caller's own organisation's approved registration. Members
// of the registered organisation and officers may read it.
func (s *Scheduler) Agenda(ctx context.Context, p *auth.Principal, eventID, registrationID string) (Agenda, error) {
	ev, err := s.event(ctx, eventID)
	if err != nil {
		return Agenda{}, err
	}
	staff := org.IsStaff(p)
	if ev.State != StatePublished && !staff {
		return Agenda{}, ErrNotFound
	}
	regs, err := s.registrations(ctx, eventID)
	if err != nil {
		return Agenda{}, err
	}
	var reg *Registration
	var mine []Ref
	for i, r := range regs {
		if r.State == RegApproved && p != nil && slices.Contains(p.User.Orgs, r.Org.ID) {
			mine = append(mine, Ref{ID: r.ID, Name: r.Org.Name})
		}
		if registrationID == "" && r.State == RegApproved && p != nil && slices.Contains(p.User.Orgs, r.Org.ID) && reg == nil {
			reg = &regs[i]
		}
		if registrationID != "" && r.ID == registrationID {
			reg = &regs[i]
		}
	}
	switch {
	case reg == nil && registrationID == "" && staff:
		return Agenda{}, errs.Field("registration", "required")
	case reg == nil:
		return Agenda{}, ErrRegistrationNotFound
	case !staff && !slices.Contains(p.User.Orgs, reg.Org.ID):
		return Agenda{}, ErrRegistrationNotFound // nobody learns of another's registration
	case reg.State != RegApproved:
		return Agenda{}, ErrNoAgenda
	}
	ms, err := s.meetings(ctx, eventID)
	if err != nil {
		return Agenda{}, err
	}
	booth := make(map[string]string, len(regs))
	for _, r := range regs {
		booth[r.ID] = r.Booth
	}
	a := Agenda{
		Event: AgendaEvent{ID: ev.ID, Name: ev.Name, NameEN: ev.NameEN, Kind: ev.Kind, StartDate: ev.StartDate, EndDate: ev.EndDate,
			Venue: ev.Venue, Link: ev.Link, Minutes: ev.Meetings.Minutes},
		Registration: Ref{ID: reg.ID, Name: reg.Org.Name}, Org: reg.Org, Role: reg.Role, Booth: reg.Booth,
		Final: ev.ScheduledAt != nil, ScheduledAt: ev.ScheduledAt, Items: []AgendaItem{}, Others: []Ref{},
	}
	for _, o := range mine {
		if o.ID != reg.ID {
			a.Others = append(a.Others, o)
		}
	}
	for _, m := range ms {
		if m.State != MeetAccepted || (m.From.ID != reg.ID && m.To.ID != reg.ID) {
			continue
		}
		with := m.To
		if m.To.ID == reg.ID {
			with = m.From
		}
		a.Items = append(a.Items, AgendaItem{MeetingID: m.ID, With: with, WithBooth: booth[with.ID], Message: m.Message,
			ListingID: m.ListingID, Placement: m.Placement, Unplaced: m.Unplaced, Sequence: m.Version})
	}
	slices.SortStableFunc(a.Items, func(x, y AgendaItem) int {
		switch {
		case x.Placement == nil && y.Placement == nil:
			return cmp.Compare(x.With.Name, y.With.Name)
		case x.Placement == nil:
			return 1
		case y.Placement == nil:
			return -1
		}
		return x.Placement.Start.Compare(y.Placement.Start)
	})
	return a, nil
}

// agendaText is the wording of the printed agenda in one language.
type agendaText struct {
	authority, issuer, title, preliminary, final, org, role, booth, event, dates, venue, online  string
	meetings, colTime, colTable, colWith, colBooth, notPlaced, footPreliminary, footFinal, stamp string
	roles                                                                                        map[string]string
	reasons                                                                                      map[string]string
}

var agendaTexts = map[string]agendaText{
	"vi": {authority: "UBND TỈNH %s", issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", title: "LỊCH GẶP KẾT NỐI B2B",
		preliminary: "Lịch dự kiến", final: "Lịch chính thức", org: "Tổ chức", role: "Tham gia với tư cách", booth: "Gian hàng",
		event: "Sự kiện", dates: "Thời gian", venue: "Địa điểm", online: "Trực tuyến", meetings: "Các cuộc gặp",
		colTime: "Thời gian", colTable: "Bàn", colWith: "Gặp", colBooth: "Gian hàng", notPlaced: "Chưa xếp lịch",
		footPreliminary: "Lịch dự kiến: giờ và bàn được thông báo khi Ban tổ chức xếp lịch.",
		footFinal:       "Lịch xếp lúc %s. Vui lòng mang theo bản in này và có mặt tại bàn đúng giờ.", stamp: "15:04 ngày 02/01/2006",
		roles:   map[string]string{RoleExhibitor: "Đơn vị trưng bày", RoleParticipant: "Đơn vị tham dự (mang nhu cầu công nghệ)", RoleInventor: "Nhà sáng chế"},
		reasons: map[string]string{schedule.ReasonNoGrid: "Sự kiện chưa có khung giờ gặp", schedule.ReasonSameParticipant: "Hai bên là một tổ chức", schedule.ReasonNotParticipant: "Một bên không còn tham gia", schedule.ReasonNoCommonSlot: "Hai bên không có giờ rảnh chung", schedule.ReasonParticipantsBusy: "Hai bên đã kín lịch ở các giờ rảnh chung", schedule.ReasonTablesFull: "Hết bàn ở các giờ rảnh chung"}},
	"en": {authority: "PEOPLE'S COMMITTEE OF %s", issuer: "DEPARTMENT OF SCIENCE AND TECHNOLOGY", title: "B2B MEETING AGENDA",
		preliminary: "Preliminary agenda", final: "Final agenda", org: "Organisation", role: "Taking part as", booth: "Booth",
		event: "Event", dates: "Dates", venue: "Venue", online: "Online", meetings: "Meetings",
		colTime: "Time", colTable: "Table", colWith: "Meeting with", colBooth: "Booth", notPlaced: "Not scheduled",
		footPreliminary: "Preliminary: times and tables are given when the organisers schedule the meetings.",
		footFinal:       "Scheduled at %s. Please bring this copy and be at your table on time.", stamp: "15:04 on 02/01/2006",
		roles:   map[string]string{RoleExhibitor: "Exhibitor", RoleParticipant: "Participant (bringing technology needs)", RoleInventor: "Inventor"},
		reasons: map[string]string{schedule.ReasonNoGrid: "The event has no meeting slots yet", schedule.ReasonSameParticipant: "Both sides are one organisation", schedule.ReasonNotParticipant: "One side no longer takes part", schedule.ReasonNoCommonSlot: "No time both sides are free", schedule.ReasonParticipantsBusy: "Both sides are fully booked when both are free", schedule.ReasonTablesFull: "No table left when both are free"}},
}

// Paper lays an agenda out for printing (HTML or PDF through
// internal/paper): the event, the organisation and its booth, and a
// table of the meetings by time with table and booth.
func (s *Scheduler) Paper(a Agenda, lang string) paper.Doc {
	if lang != "en" {
		lang = "vi"
	}
	t := agendaTexts[lang]
	province := s.d.Office.ProvinceVI
	if lang == "en" {
		province = s.d.Office.ProvinceEN
	}
	name := a.Event.Name
	if lang == "en" && a.Event.NameEN != "" {
		name = a.Event.NameEN
	}
	status := t.preliminary
	if a.Final {
		status = t.final
	}
	day := func(iso string) string {
		d, err := time.Parse(time.DateOnly, iso)
		if err != nil {
			return iso
		}
		return d.Format("02/01/2006")
	}
	dates := day(a.Event.StartDate)
	if a.Event.EndDate != "" && a.Event.EndDate != a.Event.StartDate {
		dates += " – " + day(a.Event.EndDate)
	}
	venue := a.Event.Venue
	if a.Event.Link != "" {
		venue = strings.TrimPrefix(strings.Join([]string{venue, t.online + ": " + a.Event.Link}, "; "), "; ")
	}
	d := paper.Doc{Lang: lang, Authority: fmt.Sprintf(t.authority, strings.ToUpper(province)), Issuer: t.issuer, Place: province,
		Date: s.d.Now().In(calendar.Vietnam), Title: t.title, Subject: name + " — " + status,
		Footnote: t.footPreliminary,
	}
	for _, f := range []paper.Fact{{Label: t.org, Value: a.Org.Name}, {Label: t.role, Value: t.roles[a.Role]}, {Label: t.booth, Value: a.Booth},
		{Label: t.event, Value: name}, {Label: t.dates, Value: dates}, {Label: t.venue, Value: venue}} {
		if f.Value != "" {
			d.Facts = append(d.Facts, f)
		}
	}
	if a.ScheduledAt != nil {
		d.Footnote = fmt.Sprintf(t.footFinal, a.ScheduledAt.In(calendar.Vietnam).Format(t.stamp))
	}
	tb := &paper.Table{Caption: t.meetings, Head: []string{t.colTime, t.colTable, t.colWith, t.colBooth}, Widths: []float64{0.3, 0.12, 0.42, 0.16}}
	for _, it := range a.Items {
		when, table := t.notPlaced, ""
		if it.Placement != nil {
			st, en := it.Placement.Start.In(calendar.Vietnam), it.Placement.End.In(calendar.Vietnam)
			when, table = st.Format("15:04")+"–"+en.Format("15:04 02/01/2006"), strconv.Itoa(it.Placement.Table+1)
		} else if it.Unplaced != "" {
			when += " (" + t.reasons[it.Unplaced] + ")"
		}
		tb.Rows = append(tb.Rows, []string{when, table, it.With.Name, it.WithBooth})
	}
	d.Table = tb
	return d
}

// Now is the platform's clock, as the scheduler reads it.
func (s *Scheduler) Now() time.Time { return s.d.Now() }
