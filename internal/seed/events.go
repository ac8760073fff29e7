package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/store"
)

// eventSeed is one event of events.json: the officer's input with its
// stable id, dates in days from the load day ("{year}" in its names is the
// year it starts), and the registrations its organisations' members make.
type eventSeed struct {
	ID string `json:"id"`
	event.EventInput
	StartsInDays             int `json:"startsInDays"`
	Days                     int `json:"days"`
	RegistrationOpensDaysAgo int `json:"registrationOpensDaysAgo"`
	RegistrationClosesInDays int `json:"registrationClosesInDays"`
	// MeetingDays are the days of B2B meetings, counted from the first
	// day of the event.
	MeetingDays   []int `json:"meetingDays"`
	Registrations []struct {
		// Member is the e-mail of the organisation's member who registers.
		Member string `json:"member"`
		event.RegistrationInput
	} `json:"registrations"`
}

// Events loads the demo events (events.json) as the demo officer, through
// the event service's own checks: each is created under its id and
// published, then its organisations register (as their members) and the
// officer approves them, so booths are numbered as on any other day.
// Nobody is notified. An event already there under its id (or its name) is
// left alone, however it has changed since; of its registrations, only a
// missing one is made again, and only while its window is open. It returns
// how many events it created.
func Events(ctx context.Context, st *store.Store, a *auth.Service, ev *event.Service, officerEmail string, raw []byte, now time.Time) (int, error) {
	ctx = notify.Quietly(ctx)
	var sd struct {
		Events []eventSeed `json:"events"`
	}
	if err := json.Unmarshal(raw, &sd); err != nil {
		return 0, fmt.Errorf("seed: events.json: %w", err)
	}
	officer, err := a.UserByEmail(ctx, officerEmail)
	if err != nil {
		return 0, fmt.Errorf("seed: events need the demo officer: %w", err)
	}
	p := &auth.Principal{User: officer}
	day := func(offset int) string { return calendar.Day(now.AddDate(0, 0, offset)) }
	n := 0
	for _, es := range sd.Events {
		in := es.EventInput
		if in.Name == nil {
			return n, fmt.Errorf("seed: event %s has no name", es.ID)
		}
		start, end := day(es.StartsInDays), day(es.StartsInDays+max(es.Days, 1)-1)
		name := strings.ReplaceAll(*in.Name, "{year}", start[:4])
		in.Name = &name
		if in.NameEN != nil {
			en := strings.ReplaceAll(*in.NameEN, "{year}", start[:4])
			in.NameEN = &en
		}
		loaded, err := seeded(ctx, st, event.Collection, es.ID, "name", name)
		if err != nil {
			return n, fmt.Errorf("seed: event %q: %w", name, err)
		}
		if !loaded {
			opens, closes := day(-es.RegistrationOpensDaysAgo), day(es.RegistrationClosesInDays)
			in.StartDate, in.EndDate, in.RegistrationOpens, in.RegistrationCloses = &start, &end, &opens, &closes
			if in.Meetings != nil {
				m := *in.Meetings
				m.Days = []string{}
				for _, d := range es.MeetingDays {
					m.Days = append(m.Days, day(es.StartsInDays+d))
				}
				in.Meetings = &m
			}
			e, err := ev.CreateWithID(ctx, p, es.ID, in)
			if err != nil {
				return n, fmt.Errorf("seed: event %q: %w", name, err)
			}
			if _, err := ev.Publish(ctx, p, e.ID, 0); err != nil {
				return n, fmt.Errorf("seed: publish event %q: %w", name, err)
			}
			n++
		}
		if err := registrations(ctx, a, ev, p, es, name, now); err != nil {
			return n, err
		}
	}
	return n, nil
}

// registrations makes an event's missing seed registrations, each as its
// organisation's member while the event's registration is open, and
// approves them as the officer (one a crash left pending too). An event
// not under its seed id (found by its name) gets none.
func registrations(ctx context.Context, a *auth.Service, ev *event.Service, officer *auth.Principal, es eventSeed, name string, now time.Time) error {
	e, err := ev.Get(ctx, officer, es.ID)
	if errors.Is(err, event.ErrNotFound) {
		return nil
	} else if err != nil {
		return fmt.Errorf("seed: event %q: %w", name, err)
	}
	for _, rs := range es.Registrations {
		if rs.OrgID == "" {
			return fmt.Errorf("seed: a registration for %q names no organisation", name)
		}
		r, err := ev.GetRegistration(ctx, officer, e.ID, event.RegistrationID(e.ID, rs.OrgID))
		switch {
		case errors.Is(err, event.ErrRegistrationNotFound):
			if !e.RegistrationOpen(calendar.Day(now)) {
				continue
			}
			u, err := a.UserByEmail(ctx, rs.Member)
			if err != nil {
				return fmt.Errorf("seed: registration for %q needs %s: %w", name, rs.Member, err)
			}
			if r, err = ev.Register(ctx, &auth.Principal{User: u}, e.ID, rs.RegistrationInput); err != nil {
				return fmt.Errorf("seed: registration of %s for %q: %w", rs.OrgID, name, err)
			}
		case err != nil:
			return fmt.Errorf("seed: registration of %s for %q: %w", rs.OrgID, name, err)
		}
		if r.State != event.RegPending {
			continue
		}
		if _, err := ev.Approve(ctx, officer, e.ID, r.ID, 0); err != nil {
			return fmt.Errorf("seed: approve the registration of %s for %q: %w", rs.OrgID, name, err)
		}
	}
	return nil
}
