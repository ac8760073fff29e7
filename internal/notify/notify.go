// Package notify tells people what happened to their listings, connections
// and transfers: an in-app inbox per user (unread count, list, mark read)
// and, when SMTP is configured, an e-mail for the kinds each user chose.
//
// An inbox is one document per user keyed by the user's id, holding the
// newest MaxItems notifications: the bell's unread count and the list are
// one _id read, the only lookup the embedded store serves from an index.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
)

// Collection holds the inboxes.
const Collection = "inboxes"

// Spec declares the collection; inboxes are only read by _id.
var Spec = store.CollectionSpec{Name: Collection}

// DigestSpec declares the match digests waiting to be e-mailed, one per
// person, read whole by the daily sender (a handful of documents).
var DigestSpec = store.CollectionSpec{Name: digestColl}

// MaxItems is how many notifications an inbox keeps; older ones drop off.
const MaxItems = 200

// Kinds of notification.
const (
	KindMatch           = "match"            // a new strong match for a listing
	KindMatchProposed   = "match_proposed"   // an officer proposed a match
	KindInterest        = "interest"         // an organisation is interested in a listing
	KindDecision        = "decision"         // interest accepted or declined, deal agreed or closed
	KindMessage         = "message"          // a message in a connection
	KindTransfer        = "transfer"         // a transfer was recorded
	KindRegistrationDue = "registration_due" // a transfer contract's registration falls due
	KindNudge           = "nudge"            // a connection has been quiet for 30 days
	KindSupport         = "support"          // a step of a support application
	KindReport          = "report"           // an agency's annual report: a step or a reminder
	KindEventMeeting    = "event_meeting"    // a B2B meeting of an event asked for, answered or cancelled; a deal recorded
	KindEvent           = "event"            // a step of an event: a registration decided, a booth given
	KindTask            = "task"             // a step of a commissioned S&T task
	// KindMatchDigest is the day's match suggestions in one notification:
	// a KindMatch note is folded into it, never shown alone.
	KindMatchDigest = "match_digest"
)

// EmailTopics are the choices a person has for e-mail, each covering one or
// more kinds; everything is on until switched off.
var EmailTopics = []string{"match", "interest", "decision", "message", "registration", "nudge", "support", "report", "event", "task"}

func topicOf(kind string) string {
	switch kind {
	case KindMatch, KindMatchProposed, KindMatchDigest:
		return "match"
	case KindTransfer, KindRegistrationDue:
		return "registration"
	case KindEventMeeting:
		return "event"
	}
	return kind
}

// Item is one notification. Params carry what the text needs (names,
// titles, codes); the text itself is rendered in the reader's language.
type Item struct {
	ID        string            `bson:"id"`
	Kind      string            `bson:"kind"`
	Params    map[string]string `bson:"params"`
	Link      string            `bson:"link"`
	CreatedAt time.Time         `bson:"createdAt"`
	Read      bool              `bson:"read"`
	// Count is how many notifications this one stands for: the unread
	// notifications about one subject (Link) are grouped, the newest
	// keeping its place at the top; a digest counts its suggestions.
	Count int `bson:"count,omitempty"`
	// Day is a digest's day in Vietnam (YYYY-MM-DD).
	Day string `bson:"day,omitempty"`
}

// Inbox is a user's notifications and e-mail choices.
type Inbox struct {
	store.Meta `bson:",inline"`
	ID         string   `bson:"_id"` // the user's id
	Items      []Item   `bson:"items"`
	EmailOff   []string `bson:"emailOff"` // topics switched off
	Unread     int      `bson:"unread"`
}

// Note is what to tell: the kind, its parameters and the SPA path it links to.
type Note struct {
	Kind   string
	Params map[string]string
	Link   string
}

// Mailer sends one plain-text e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Users finds a person's e-mail address.
type Users interface {
	User(ctx context.Context, id string) (auth.User, error)
}

// Orgs finds an organisation's members.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Renderer turns a notification into text in a language.
type Renderer func(kind string, params map[string]string, lang string) string

// Service is the notification centre.
type Service struct {
	s       *store.Store
	users   Users
	orgs    Orgs
	render  Renderer
	log     *slog.Logger
	now     func() time.Time
	mailer  Mailer
	baseURL string
	mail    sync.WaitGroup
	slots   chan struct{} // bounds concurrent SMTP sessions
}

// Options are the notification centre's optional parts.
type Options struct {
	Now     func() time.Time // the platform's clock; nil: time.Now
	Mailer  Mailer           // nil: notifications stay in the app
	BaseURL string           // where links in e-mails point
}

// New returns the service.
func New(s *store.Store, users Users, orgs Orgs, render Renderer, log *slog.Logger, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{s: s, users: users, orgs: orgs, render: render, log: log, now: o.Now,
		mailer: o.Mailer, baseURL: strings.TrimRight(o.BaseURL, "/"), slots: make(chan struct{}, 4)}
}

// Render is the text of a notification in lang.
func (s *Service) Render(kind string, params map[string]string, lang string) string {
	return s.render(kind, params, lang)
}

type quietKey struct{}

// Quietly marks ctx so that nothing done under it notifies anyone: demo
// data is recorded through the services without telling (or e-mailing)
// the people it names.
func Quietly(ctx context.Context) context.Context { return context.WithValue(ctx, quietKey{}, true) }

func quiet(ctx context.Context) bool { q, _ := ctx.Value(quietKey{}).(bool); return q }

// ToUsers notifies each user once. A notification never fails the action
// that caused it: problems are logged.
func (s *Service) ToUsers(ctx context.Context, userIDs []string, n Note) {
	if quiet(ctx) {
		return
	}
	seen := map[string]bool{}
	for _, id := range userIDs {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if err := s.deliver(ctx, id, n); err != nil {
			s.log.Warn("notification not stored", "user", id, "kind", n.Kind, "err", err)
		}
	}
}

// ToOrgs notifies every member of the organisations but the one who acted.
func (s *Service) ToOrgs(ctx context.Context, orgIDs []string, except string, n Note) {
	if quiet(ctx) {
		return
	}
	var users []string
	for _, id := range orgIDs {
		o, err := s.orgs.Get(ctx, id)
		if err != nil {
			s.log.Warn("notification: organisation not found", "org", id, "err", err)
			continue
		}
		for _, m := range o.Members {
			if m.UserID != except {
				users = append(users, m.UserID)
			}
		}
	}
	s.ToUsers(ctx, users, n)
}

func (s *Service) deliver(ctx context.Context, userID string, n Note) error {
	now := s.now().UTC()
	day := now.In(calendar.Vietnam).Format(time.DateOnly)
	it := Item{ID: store.NewID(), Kind: n.Kind, Params: n.Params, Link: n.Link, CreatedAt: now, Count: 1}
	if n.Kind == KindMatch {
		it = Item{ID: store.NewID(), Kind: KindMatchDigest, Link: "/my/listings", CreatedAt: now, Day: day, Count: 1,
			Params: map[string]string{"listing": n.Params["listing"], "match": n.Params["match"], "day": now.In(calendar.Vietnam).Format("02/01/2006")}}
	}
	box, err := store.Upsert(ctx, s.s, Collection, userID, func(b *Inbox, exists bool) error {
		if !exists {
			b.ID = userID
		}
		item := it
		if i := slices.IndexFunc(b.Items, func(x Item) bool { return sameGroup(x, item) }); i >= 0 {
			item.Count = max(b.Items[i].Count, 1) + 1
			b.Items = slices.Delete(b.Items, i, i+1)
		}
		if item.Kind == KindMatchDigest {
			item.Params["count"] = strconv.Itoa(item.Count)
		}
		b.Items = append([]Item{item}, b.Items...)
		if len(b.Items) > MaxItems {
			b.Items = b.Items[:MaxItems]
		}
		b.Unread = countUnread(b.Items)
		return nil
	})
	if err != nil {
		return err
	}
	if s.mailer == nil || slices.Contains(box.EmailOff, topicOf(n.Kind)) {
		return nil
	}
	if n.Kind == KindMatch {
		// Suggestions go out once a day, together (SendDigests).
		return s.queueDigest(ctx, userID, day, it.Params, n.Link)
	}
	s.email(userID, it)
	return nil
}

// sameGroup reports whether a new notification joins an earlier one: the
// day's digest takes every suggestion of that day, and an unread
// notification of the same kind about the same subject is replaced by
// the new one, which counts both.
func sameGroup(old, new Item) bool {
	if new.Kind == KindMatchDigest {
		return old.Kind == KindMatchDigest && old.Day == new.Day
	}
	return !old.Read && new.Link != "" && old.Link == new.Link && old.Kind == new.Kind
}

func countUnread(items []Item) int {
	n := 0
	for _, it := range items {
		if !it.Read {
			n++
		}
	}
	return n
}

// email sends in the background: SMTP must not hold up the request that
// caused the notification. Wait blocks until every e-mail has been tried.
func (s *Service) email(userID string, it Item) {
	s.mail.Add(1)
	go func() {
		defer s.mail.Done()
		s.slots <- struct{}{}
		defer func() { <-s.slots }()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		u, err := s.users.User(ctx, userID)
		if err != nil || u.Disabled {
			return
		}
		vi, en := s.render(it.Kind, it.Params, "vi"), s.render(it.Kind, it.Params, "en")
		link := s.baseURL + it.Link
		body := fmt.Sprintf("Xin chào %s,\n\n%s\n%s\n\n—\n\n%s\n%s\n\nTechmart\n(Đổi lựa chọn nhận email / e-mail choices: %s/account/notifications)\n",
			u.FullName, vi, link, en, link, s.baseURL)
		if err := s.mailer.Send(ctx, u.Email, "Techmart: "+vi, body); err != nil {
			s.log.Warn("notification e-mail not sent", "user", userID, "kind", it.Kind, "err", err)
		}
	}()
}

// Wait blocks until the e-mails queued so far have been sent or failed
// (shutdown and tests).
func (s *Service) Wait() { s.mail.Wait() }

// View is a notification as its reader sees it.
type View struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Text      string    `json:"text"`
	Link      string    `json:"link"`
	CreatedAt time.Time `json:"createdAt"`
	Read      bool      `json:"read"`
	// Count is how many notifications this one groups (1 for one alone).
	Count int `json:"count"`
}

func (s *Service) inbox(ctx context.Context, userID string) (Inbox, error) {
	b, err := store.Get[Inbox](ctx, s.s, Collection, userID)
	if errors.Is(err, store.ErrNotFound) {
		return Inbox{ID: userID}, nil
	}
	return b, err
}

// List returns one page of a user's notifications, newest first, with the
// total kept and the unread count.
func (s *Service) List(ctx context.Context, userID, lang string, page, size int) ([]View, int, int, error) {
	b, err := s.inbox(ctx, userID)
	if err != nil {
		return nil, 0, 0, err
	}
	items := store.PageOf(b.Items, page, size)
	out := make([]View, 0, len(items))
	for _, it := range items {
		out = append(out, View{ID: it.ID, Kind: it.Kind, Text: s.render(it.Kind, it.Params, lang), Link: it.Link, CreatedAt: it.CreatedAt, Read: it.Read, Count: max(it.Count, 1)})
	}
	return out, len(b.Items), b.Unread, nil
}

// Unread is the bell's number.
func (s *Service) Unread(ctx context.Context, userID string) (int, error) {
	b, err := s.inbox(ctx, userID)
	return b.Unread, err
}

// UnreadOf counts a user's unread notifications of the given kinds (a
// grouped notification counts what it stands for).
func (s *Service) UnreadOf(ctx context.Context, userID string, kinds ...string) (int, error) {
	b, err := s.inbox(ctx, userID)
	n := 0
	for _, it := range b.Items {
		if !it.Read && slices.Contains(kinds, it.Kind) {
			n += max(it.Count, 1)
		}
	}
	return n, err
}

// MarkRead marks the given notifications (or all) read and returns the
// unread count left. Unknown ids are ignored.
func (s *Service) MarkRead(ctx context.Context, userID string, ids []string, all bool) (int, error) {
	b, err := store.Modify(ctx, s.s, Collection, userID, 0, func(b *Inbox) error {
		for i := range b.Items {
			if all || slices.Contains(ids, b.Items[i].ID) {
				b.Items[i].Read = true
			}
		}
		b.Unread = countUnread(b.Items)
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	return b.Unread, err
}

// EmailChoices reports, per topic, whether the user gets e-mail for it.
func (s *Service) EmailChoices(ctx context.Context, userID string) (map[string]bool, error) {
	b, err := s.inbox(ctx, userID)
	if err != nil {
		return nil, err
	}
	return choices(b.EmailOff), nil
}

func choices(off []string) map[string]bool {
	out := make(map[string]bool, len(EmailTopics))
	for _, t := range EmailTopics {
		out[t] = !slices.Contains(off, t)
	}
	return out
}

// SetEmailChoices stores the topics a user wants e-mail for; topics left
// out keep their current choice. Unknown topics are refused by the caller.
func (s *Service) SetEmailChoices(ctx context.Context, userID string, want map[string]bool) (map[string]bool, error) {
	b, err := store.Upsert(ctx, s.s, Collection, userID, func(b *Inbox, exists bool) error {
		if !exists {
			b.ID, b.Items = userID, []Item{}
		}
		current := choices(b.EmailOff)
		for t, on := range want {
			current[t] = on
		}
		b.EmailOff = []string{}
		for _, t := range EmailTopics {
			if !current[t] {
				b.EmailOff = append(b.EmailOff, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return choices(b.EmailOff), nil
}
