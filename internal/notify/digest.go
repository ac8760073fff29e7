package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/store"
)

// digestColl holds, per person, the match suggestions of days not yet
// e-mailed.
const digestColl = "match_digests"

// maxDigestEntries bounds one day's e-mail; the rest are counted.
const maxDigestEntries = 30

type digestEntry struct {
	Listing string `bson:"listing"`
	Match   string `bson:"match"`
	Link    string `bson:"link"`
}

// digest is one person's suggestions waiting for the daily e-mail.
type digest struct {
	store.Meta `bson:",inline"`
	ID         string        `bson:"_id"` // the user's id
	Day        string        `bson:"day"` // the oldest day it holds
	Entries    []digestEntry `bson:"entries"`
	More       int           `bson:"more"` // suggestions past maxDigestEntries
}

func (s *Service) queueDigest(ctx context.Context, userID, day string, params map[string]string, link string) error {
	_, err := store.Upsert(ctx, s.s, digestColl, userID, func(d *digest, exists bool) error {
		if !exists {
			d.ID, d.Day = userID, day
		}
		if len(d.Entries) >= maxDigestEntries {
			d.More++
			return nil
		}
		d.Entries = append(d.Entries, digestEntry{Listing: params["listing"], Match: params["match"], Link: link})
		return nil
	})
	return err
}

// SendDigests e-mails each person the match suggestions gathered on days
// before today (Vietnam), one message each, and returns how many went out.
// Run it every few minutes: it sends once a day per person, after midnight.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	if s.mailer == nil {
		return 0, nil
	}
	today := s.now().In(calendar.Vietnam).Format(time.DateOnly)
	due, err := store.Find[digest](ctx, s.s, digestColl, bson.D{})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, d := range due {
		if d.Day >= today {
			continue
		}
		if err := s.sendDigest(ctx, d); err != nil {
			s.log.Warn("match digest not sent", "user", d.ID, "err", err)
			continue
		}
		// Suggestions that arrived while sending stay for tomorrow.
		if err := store.Delete(ctx, s.s, digestColl, d.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

func (s *Service) sendDigest(ctx context.Context, d digest) error {
	u, err := s.users.User(ctx, d.ID)
	if err != nil || u.Disabled {
		return nil // nobody to tell
	}
	if b, err := s.inbox(ctx, d.ID); err == nil && slices.Contains(b.EmailOff, "match") {
		return nil
	}
	n := len(d.Entries) + d.More
	var vi, en strings.Builder
	for _, e := range d.Entries {
		fmt.Fprintf(&vi, "- “%s” cho tin “%s”: %s%s\n", e.Match, e.Listing, s.baseURL, e.Link)
		fmt.Fprintf(&en, "- “%s” for “%s”: %s%s\n", e.Match, e.Listing, s.baseURL, e.Link)
	}
	if d.More > 0 {
		fmt.Fprintf(&vi, "… và %d gợi ý khác.\n", d.More)
		fmt.Fprintf(&en, "… and %d more.\n", d.More)
	}
	body := fmt.Sprintf("Xin chào %s,\n\nCó %d gợi ý kết nối mới cho các tin của tổ chức bạn:\n\n%s\n—\n\n%d new match suggestions for your organisation's listings:\n\n%s\nTechmart\n(Đổi lựa chọn nhận email / e-mail choices: %s/account/notifications)\n",
		u.FullName, n, vi.String(), n, en.String(), s.baseURL)
	subject := fmt.Sprintf("Techmart: %d gợi ý kết nối mới / %d new match suggestions", n, n)
	return s.mailer.Send(ctx, u.Email, subject, body)
}
