package event

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// A badge's QR code carries "<registration id>.<secret>": the id finds the
// registration by _id (the one lookup the embedded store serves from an
// index), the secret — made on the badge's first showing, 80 random bits —
// proves the badge was issued for it.

// CheckInInput is what the staff's phone read from a badge, or typed.
type CheckInInput struct {
	Code string `json:"code" rule:"required,max=200"`
}

// CheckIn is a registration checked in at the door. First is false when
// the badge had already been checked in (the time is the first one).
type CheckIn struct {
	Registration Registration `json:"registration"`
	First        bool         `json:"first"`
}

// EventName names an event in both languages (NameEN may be empty).
type EventName struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameEN string `json:"nameEn,omitempty"`
}

// CheckInSummary counts an event's approved registrations and those
// checked in, with the latest check-ins first.
type CheckInSummary struct {
	Event     EventName      `json:"event"`
	Approved  int            `json:"approved"`
	CheckedIn int            `json:"checkedIn"`
	Latest    []Registration `json:"latest"`
}

func newSecret() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// parseCode reads a badge's code, also from a link holding it (?code=).
func parseCode(s string) (id, secret string, ok bool) {
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && u.Query().Get("code") != "" {
		s = u.Query().Get("code")
	}
	id, secret, ok = strings.Cut(s, ".")
	return id, strings.ToUpper(secret), ok && id != "" && secret != ""
}

// Badge returns an approved registration and the code its badge's QR code
// carries, making the secret on first use: for the registration's
// organisation and officers.
func (m *Meetings) Badge(ctx context.Context, p *auth.Principal, eventID, regID string) (Registration, string, error) {
	g, err := m.d.Registry.Registration(ctx, regID)
	if errors.Is(err, ErrRegistrationNotFound) || (err == nil && (g.EventID != eventID || (!slices.Contains(p.User.Orgs, g.Org.ID) && !org.IsStaff(p)))) {
		return Registration{}, "", ErrRegistrationNotFound
	} else if err != nil {
		return Registration{}, "", err
	}
	if g.State != RegApproved {
		return g, "", ErrRegistrationPending
	}
	if g.CheckInCode == "" {
		g, err = store.Modify(ctx, m.s, RegistrationCollection, g.ID, 0, func(r *Registration) error {
			if r.CheckInCode == "" {
				r.CheckInCode = newSecret()
			}
			return nil
		})
		if err != nil {
			return Registration{}, "", err
		}
	}
	return g, g.ID + "." + g.CheckInCode, nil
}

// CheckIn checks in the registration whose badge carries in.Code, once:
// a second scan answers the first check-in. Officers, from the event's
// first day.
func (m *Meetings) CheckIn(ctx context.Context, p *auth.Principal, eventID string, in CheckInInput) (CheckIn, error) {
	if !org.IsStaff(p) {
		return CheckIn{}, errs.ErrForbidden
	}
	var v validate.Checker
	v.Length("code", strings.TrimSpace(in.Code), 1, checkInRules.Of("code").Max)
	if err := v.Err(); err != nil {
		return CheckIn{}, err
	}
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return CheckIn{}, err
	}
	id, secret, ok := parseCode(in.Code)
	if !ok {
		return CheckIn{}, errs.Field("code", "unknown_code")
	}
	g, err := m.d.Registry.Registration(ctx, id)
	if err != nil || g.EventID != e.ID || g.CheckInCode == "" || subtle.ConstantTimeCompare([]byte(g.CheckInCode), []byte(secret)) != 1 {
		if err != nil && !errors.Is(err, ErrRegistrationNotFound) {
			return CheckIn{}, err
		}
		return CheckIn{}, errs.Field("code", "unknown_code")
	}
	if !begun(e, m.d.Now()) {
		return CheckIn{}, ErrMeetingNotStarted
	}
	first := false
	now := m.d.Now().UTC()
	g, err = store.Modify(ctx, m.s, RegistrationCollection, g.ID, 0, func(r *Registration) error {
		if r.State != RegApproved {
			return ErrRegistrationPending
		}
		if r.CheckedInAt == nil {
			first = true
			r.CheckedInAt, r.UpdatedAt = &now, now
		}
		return nil
	})
	if err != nil {
		return CheckIn{}, err
	}
	if first {
		m.record(ctx, p, ActionCheckIn, audit.Subject{Type: auditSubjectAttendant, ID: g.ID, Name: g.Org.Name}, "", nil)
	}
	return CheckIn{Registration: g, First: first}, nil
}

var checkInRules = validate.RulesOf[CheckInInput]()

// CheckIns counts the event's check-ins for the door's screen (officers).
func (m *Meetings) CheckIns(ctx context.Context, p *auth.Principal, eventID string) (CheckInSummary, error) {
	if !org.IsStaff(p) {
		return CheckInSummary{}, errs.ErrForbidden
	}
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return CheckInSummary{}, err
	}
	regs, err := m.d.Registry.Registrations(ctx, e.ID, RegApproved)
	if err != nil {
		return CheckInSummary{}, err
	}
	out := CheckInSummary{Event: EventName{ID: e.ID, Name: e.Name, NameEN: e.NameEN}, Approved: len(regs), Latest: []Registration{}}
	for _, g := range regs {
		if g.CheckedInAt != nil {
			out.CheckedIn++
			out.Latest = append(out.Latest, g)
		}
	}
	slices.SortFunc(out.Latest, func(a, b Registration) int { return b.CheckedInAt.Compare(*a.CheckedInAt) })
	out.Latest = out.Latest[:min(20, len(out.Latest))]
	return out, nil
}
