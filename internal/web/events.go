package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/event"
)

// Events is what the site reads of events (anonymously: published ones
// only).
type Events interface {
	Get(ctx context.Context, p *auth.Principal, id string) (event.Event, error)
	List(ctx context.Context, p *auth.Principal, state, when string, page, size int) ([]event.EventView, int, error)
}

// attendance is schema.org's attendance mode of an event's kind.
func attendance(kind string) string {
	switch kind {
	case event.KindOnline:
		return "https://schema.org/OnlineEventAttendanceMode"
	case event.KindHybrid:
		return "https://schema.org/MixedEventAttendanceMode"
	default:
		return "https://schema.org/OfflineEventAttendanceMode"
	}
}

// eventStatus is schema.org's status of an event.
func eventStatus(e event.Event) string {
	if e.State == event.StateCancelled {
		return "https://schema.org/EventCancelled"
	}
	return "https://schema.org/EventScheduled"
}

// eventText is an event's name and description in lang, Vietnamese where
// no English was entered.
func eventText(e event.Event, lang string) (name, desc string) {
	name, desc = e.Name, e.Description
	if lang == LangEN {
		if e.NameEN != "" {
			name = e.NameEN
		}
		if e.DescriptionEN != "" {
			desc = e.DescriptionEN
		}
	}
	return name, desc
}

// publishedEvent reads an event anonymously: a missing one, a draft or
// no events service at all is ok=false (404).
func (s *Site) publishedEvent(ctx context.Context, id string) (e event.Event, ok bool, err error) {
	if s.d.Events == nil {
		return e, false, nil
	}
	e, err = s.d.Events.Get(ctx, nil, id)
	if notFound(err) {
		return e, false, nil
	}
	return e, err == nil, err
}

// showcasePage is an event's booths and needs, named for the event; an
// unknown or unpublished event is 404.
func (s *Site) showcasePage(ctx context.Context, r Request, id string) (Rendered, error) {
	e, ok, err := s.publishedEvent(ctx, id)
	if err != nil || !ok {
		return s.notFound(r, http.StatusNotFound, "notFound.title"), err
	}
	name, _ := eventText(e, r.Lang)
	h := s.page(r, "/events/"+e.ID+"/showcase", s.t("showcase.titleEvent", r.Lang, "name", name), s.t("showcase.description", r.Lang), "website")
	return Rendered{Status: http.StatusOK, Head: h}, nil
}

// eventPage: published events only (an anonymous read); a draft is 404.
func (s *Site) eventPage(ctx context.Context, r Request, id string) (Rendered, error) {
	e, ok, err := s.publishedEvent(ctx, id)
	if err != nil || !ok {
		return s.notFound(r, http.StatusNotFound, "notFound.title"), err
	}
	name, desc := eventText(e, r.Lang)
	where := e.Venue
	if where == "" {
		where = e.Link
	}
	when := s.t("event.when", r.Lang, "start", dmy(e.StartDate), "end", dmy(e.EndDate), "where", where)
	h := s.page(r, "/events/"+e.ID, s.t("event.title", r.Lang, "name", name), Clip(strings.TrimSpace(when+" "+desc), 200), "website")
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Event", "name": name, "url": h.Canonical,
		"startDate": e.StartDate, "endDate": e.EndDate, "eventStatus": eventStatus(e),
		"eventAttendanceMode": attendance(e.Kind), "inLanguage": r.Lang,
	}
	if desc != "" {
		ld["description"] = desc
	}
	var places []any
	if e.Venue != "" {
		places = append(places, map[string]any{"@type": "Place", "name": e.Venue,
			"address": map[string]any{"@type": "PostalAddress", "addressRegion": s.province(r.Lang), "addressCountry": "VN"}})
	}
	if e.Link != "" {
		places = append(places, map[string]any{"@type": "VirtualLocation", "url": e.Link})
	}
	if len(places) == 1 {
		ld["location"] = places[0]
	} else if len(places) > 1 {
		ld["location"] = places
	}
	organizers := []any{s.department(r.Base, r.Lang)}
	for _, o := range e.Organisers {
		if o != s.t("department", LangVI) {
			organizers = append(organizers, map[string]any{"@type": "Organization", "name": o})
		}
	}
	ld["organizer"] = organizers
	h.JSONLD = []any{ld}
	return Rendered{Status: http.StatusOK, Head: h}, nil
}
