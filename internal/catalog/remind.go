package catalog

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
)

// Mailer sends one plain-text e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// RemindExpiring e-mails the owners of every published listing that expires
// within RemindBefore and has not been reminded, then marks it reminded (a
// conditional write, so two replicas do not both send). Without a mailer it
// does nothing: "my listings" shows the same warning in the app.
func (s *Service) RemindExpiring(ctx context.Context) (int, error) {
	if s.mailer == nil {
		return 0, nil
	}
	now := s.now().UTC()
	due, err := store.Find[Listing](ctx, s.s, Collection, bson.D{
		{Key: "state", Value: StatePublished},
		{Key: "validUntil", Value: bson.D{{Key: "$gt", Value: now}, {Key: "$lte", Value: now.Add(RemindBefore)}}},
		{Key: "remindedAt", Value: bson.D{{Key: "$exists", Value: false}}},
	})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, l := range due {
		// Claim it first: whoever marks it sends the mail.
		if _, err := store.Modify(ctx, s.s, Collection, l.ID, 0, func(x *Listing) error {
			if x.RemindedAt != nil || x.State != StatePublished {
				return errAlreadyReminded
			}
			x.RemindedAt = &now
			return nil
		}); err != nil {
			continue
		}
		o, err := s.orgs.Get(ctx, l.OrgID)
		if err != nil {
			return sent, err
		}
		for _, m := range o.Members {
			if m.Role != org.RoleOwner {
				continue
			}
			if err := s.mailer.Send(ctx, m.Email, reminderSubject(l), s.reminderBody(l, m.FullName)); err != nil {
				s.log.Warn("expiry reminder not sent", "listing", l.ID, "to", m.Email, "err", err)
				continue
			}
			sent++
		}
	}
	return sent, nil
}

var errAlreadyReminded = fmt.Errorf("catalog: already reminded")

func reminderSubject(l Listing) string {
	return fmt.Sprintf("Tin sắp hết hạn: %s / Listing about to expire", l.Title)
}

func (s *Service) reminderBody(l Listing, name string) string {
	until := l.ValidUntil.In(calendar.Vietnam).Format("02/01/2006")
	link := s.baseURL + "/listings/" + l.ID
	return fmt.Sprintf(`Xin chào %[1]s,

Tin "%[2]s" của tổ chức bạn trên Techmart sẽ hết hạn ngày %[3]s và sau đó không còn hiện trong kết quả tìm kiếm.
Để giữ tin thêm 12 tháng, mở liên kết sau và bấm "Gia hạn":

%[4]s

---

Hello %[1]s,

Your organisation's listing "%[2]s" on Techmart expires on %[3]s and will then no longer appear in search.
To keep it up for another 12 months, open this link and press "Renew":

%[4]s
`, name, l.Title, until, link)
}
