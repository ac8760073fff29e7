package auth

import (
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/store"
)

// Platform roles. Organisation roles (owner, member) live with the
// organisation.
const (
	RoleAdmin    = "admin"
	RoleOfficer  = "officer"
	RoleReviewer = "reviewer"
)

// PlatformRoles lists every platform role, in display order.
var PlatformRoles = []string{RoleAdmin, RoleOfficer, RoleReviewer}

// Collections of this package.
const (
	usersColl    = "users"
	emailsColl   = "user_emails"
	sessionsColl = "sessions"
	limitsColl   = "rate_limits"
	settingsColl = "settings"
)

// Specs declares the collections. Every hot lookup is by _id: a user by id,
// a login by normalised e-mail (user_emails), a session by id, a rate-limit
// counter by its key.
// The orders accounts are listed in, _id breaking ties.
var (
	usersOrder  = bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}
	byNameOrder = bson.D{{Key: "fullName", Value: 1}, {Key: "_id", Value: 1}}
)

var Specs = []store.CollectionSpec{
	{Name: usersColl, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "roles", Value: 1}, {Key: "fullName", Value: 1}, {Key: "_id", Value: 1}}},
	}, Queries: []store.Query{
		// A search by e-mail or name is a regular expression: it reads the
		// createdAt index in order and filters (a department has thousands
		// of accounts, not millions).
		{Name: "accounts, oldest first", Sort: usersOrder},
		{Name: "holders of a role", Equal: []string{"roles"}, Sort: byNameOrder},
	}},
	{Name: emailsColl}, {Name: settingsColl},
	{Name: sessionsColl, ExpireAt: "expiresAt"}, {Name: limitsColl, ExpireAt: "expiresAt"},
	{Name: resetsColl, ExpireAt: "expiresAt"},
}

// User is a person with an account.
type User struct {
	store.Meta   `bson:",inline"`
	ID           string   `bson:"_id"`
	Email        string   `bson:"email"`
	FullName     string   `bson:"fullName"`
	PasswordHash string   `bson:"passwordHash"`
	Roles        []string `bson:"roles"`
	// Orgs lists the organisations the user belongs to, so "my
	// organisations" is one _id lookup each; the organisation document holds
	// the authoritative member list and roles.
	Orgs      []string  `bson:"orgs"`
	CreatedAt time.Time `bson:"createdAt"`
	Disabled  bool      `bson:"disabled,omitempty"`
	// SessionEpoch counts password changes. A session records the epoch of
	// the user it was opened for and dies when they differ, so a change ends
	// every older session without touching them — including a login that
	// checked the old password while the change was being written.
	SessionEpoch int `bson:"sessionEpoch,omitempty"`
}

// HasRole reports whether u holds any of roles.
func (u *User) HasRole(roles ...string) bool {
	for _, r := range roles {
		if slices.Contains(u.Roles, r) {
			return true
		}
	}
	return false
}

// emailKey maps a normalised e-mail to its user; its _id is the e-mail, so
// the unique _id makes registration race-free without a transaction.
type emailKey struct {
	Email  string `bson:"_id"`
	UserID string `bson:"userId"`
}
