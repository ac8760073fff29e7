// Package audit is the append-only record of every decision: who did what to
// which subject, when, why, and what changed. Nothing in the code base
// updates or deletes an entry; the package offers no way to.
package audit

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/store"
)

// Collection holds the entries.
const Collection = "audit"

// Spec declares the collection and the indexes MongoDB uses for the filters.
var Spec = store.CollectionSpec{
	Name: Collection,
	Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}},
		{Keys: bson.D{{Key: "subject.id", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: -1}}},
		{Keys: bson.D{{Key: "actor.id", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: -1}}},
		{Keys: bson.D{{Key: "actor.email", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: -1}}},
		{Keys: bson.D{{Key: "action", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: -1}}},
	},
	Queries: []store.Query{
		{Name: "newest first", Sort: listOrder},
		{Name: "by subject", Equal: []string{"subject.id"}, Sort: listOrder},
		{Name: "by actor", Sort: listOrder, Or: []store.Query{{Name: "id", Equal: []string{"actor.id"}}, {Name: "e-mail", Equal: []string{"actor.email"}}}},
		{Name: "by action", Equal: []string{"action"}, Sort: listOrder},
	},
}

// listOrder is the audit log's order: newest first, _id breaking ties.
var listOrder = bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}

// Actions recorded by the platform foundation. Later domains add theirs.
const (
	UserRegister     = "user.register"
	UserRoles        = "user.roles"
	OrgCreate        = "org.create"
	OrgUpdate        = "org.update"
	OrgVerify        = "org.verify"
	OrgReject        = "org.reject"
	OrgInvite        = "org.invite"
	OrgInviteRevoke  = "org.invite_revoke"
	OrgMemberJoin    = "org.member_join"
	OrgMemberRemove  = "org.member_remove"
	AuthRefreshReuse = "auth.refresh_reuse"
	AdminCreate      = "admin.create"
)

// UserRegisterTaken is a sign-up with the e-mail of an existing account:
// answered like any sign-up, and the owner is told by e-mail.
const UserRegisterTaken = "user.register_taken"

// Actor is who acted. A system action (seeding, a reconciler) has ID "system".
type Actor struct {
	ID    string `bson:"id" json:"id"`
	Email string `bson:"email,omitempty" json:"email,omitempty"`
}

// System is the actor of actions nobody clicked.
var System = Actor{ID: "system"}

// Subject is what was acted on.
type Subject struct {
	Type string `bson:"type" json:"type"`
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name,omitempty" json:"name,omitempty"`
}

// Change is one field's value before and after.
type Change struct {
	From any `bson:"from" json:"from"`
	To   any `bson:"to" json:"to"`
}

// Entry is one line of the log.
type Entry struct {
	ID      string            `bson:"_id" json:"id"`
	At      time.Time         `bson:"at" json:"at"`
	Actor   Actor             `bson:"actor" json:"actor"`
	Action  string            `bson:"action" json:"action"`
	Subject Subject           `bson:"subject" json:"subject"`
	Reason  string            `bson:"reason,omitempty" json:"reason,omitempty"`
	Changes map[string]Change `bson:"changes,omitempty" json:"changes,omitempty"`
}

// Log appends entries and reads them back.
type Log struct {
	s   *store.Store
	log *slog.Logger
	now func() time.Time
}

// New returns the audit log on s; now is the platform's clock (nil:
// time.Now).
func New(s *store.Store, log *slog.Logger, now func() time.Time) *Log {
	if now == nil {
		now = time.Now
	}
	return &Log{s: s, log: log, now: now}
}

// Record appends an entry. The decision it records has already been
// written; if the entry cannot be, the failure is logged loudly with the
// whole entry so it can be restored, and returned.
func (l *Log) Record(ctx context.Context, e Entry) error {
	e.ID = store.NewID()
	if e.At.IsZero() {
		e.At = l.now().UTC()
	}
	if err := store.Insert(ctx, l.s, Collection, &e); err != nil {
		l.log.Error("audit entry not written", "entry", e, "err", err)
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Filter narrows a listing. Empty fields match everything.
type Filter struct {
	Subject string // subject id
	Actor   string // actor id or e-mail
	Action  string
	Page    int
	Size    int
}

// List returns the entries matching f, newest first, and how many match.
func (l *Log) List(ctx context.Context, f Filter) ([]Entry, int64, error) {
	q := bson.D{}
	if f.Subject != "" {
		q = append(q, bson.E{Key: "subject.id", Value: f.Subject})
	}
	if f.Actor != "" {
		q = append(q, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "actor.id", Value: f.Actor}},
			bson.D{{Key: "actor.email", Value: f.Actor}},
		}})
	}
	if f.Action != "" {
		q = append(q, bson.E{Key: "action", Value: f.Action})
	}
	total, err := store.Count(ctx, l.s, Collection, q)
	if err != nil {
		return nil, 0, err
	}
	opts := options.Find().
		SetSort(listOrder).
		SetSkip(int64((f.Page - 1) * f.Size)).
		SetLimit(int64(f.Size))
	items, err := store.Find[Entry](ctx, l.s, Collection, q, opts)
	return items, total, err
}

// Password reset: a link asked for (by its owner or issued by an officer)
// and a password set through one.
const (
	UserPasswordResetRequest = "user.password_reset_request"
	UserPasswordResetIssue   = "user.password_reset_issue"
	UserPasswordReset        = "user.password_reset"
)
