// Package org owns organisations: their kind, their verification by the
// department, their members and the invitations that bring members in.
package org

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/store"
)

// Organisation kinds (GLOSSARY.md). Department is not self-registered.
const (
	KindDepartment = "department"
	KindInstitute  = "institute"
	KindUniversity = "university"
	KindSTOrg      = "st_org"
	KindEnterprise = "enterprise"
	KindIndividual = "individual"
	// KindAgency is a provincial agency — a Sở, a Ngành, a commune or ward
	// People's Committee — whose members report on the province's plan. It
	// is made by the department, not self-registered.
	KindAgency = "agency"
)

// RegisterKinds are the kinds a person may register.
var RegisterKinds = []string{KindInstitute, KindUniversity, KindSTOrg, KindEnterprise, KindIndividual}

// Verification states.
const (
	StatusPending  = "pending"
	StatusVerified = "verified"
	StatusRejected = "rejected"
)

// Statuses lists every state, for filters.
var Statuses = []string{StatusPending, StatusVerified, StatusRejected}

// Member roles within an organisation.
const (
	RoleOwner  = "owner"
	RoleMember = "member"
)

// Roles lists the member roles.
var Roles = []string{RoleOwner, RoleMember}

// Collection holds organisations: one document each, with its member list
// and open invitations inside, so every membership question is one _id read.
const Collection = "organizations"

// Spec declares the collection and the index MongoDB uses for the queue.
var Spec = store.CollectionSpec{
	Name: Collection,
	Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "status", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: taxCodeOrder},
	},
	Queries: []store.Query{
		{Name: "all, oldest first", Sort: listOrder},
		{Name: "in a status, oldest first", Equal: []string{"status"}, Sort: listOrder},
		{Name: "sharing a tax code", Equal: []string{"evidence.taxCode"}, Sort: taxCodeOrder},
	},
}

// listOrder is the officer's order: the longest waiting first.
var listOrder = bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}

// Organization is a provider, an enterprise, the department…
type Organization struct {
	store.Meta   `bson:",inline"`
	ID           string   `bson:"_id"`
	Name         string   `bson:"name"`
	Kind         string   `bson:"kind"`
	Status       string   `bson:"status"`
	RejectReason string   `bson:"rejectReason,omitempty"`
	Evidence     Evidence `bson:"evidence"`
	// Description is what the organisation says of itself on its public
	// page; its owners change it at any time (SetDescription).
	Description string       `bson:"description,omitempty"`
	Members     []Member     `bson:"members"`
	Invitations []Invitation `bson:"invitations"`
	CreatedAt   time.Time    `bson:"createdAt"`
	CreatedBy   string       `bson:"createdBy"`
	DecidedAt   *time.Time   `bson:"decidedAt,omitempty"`
	DecidedBy   string       `bson:"decidedBy,omitempty"`
}

// Member is a person in an organisation. E-mail and name are copied here so
// a member list needs no further reads.
type Member struct {
	UserID   string    `bson:"userId"`
	Email    string    `bson:"email"`
	FullName string    `bson:"fullName"`
	Role     string    `bson:"role"`
	JoinedAt time.Time `bson:"joinedAt"`
}

// Invitation is an open invitation; only the hash of its secret is kept.
type Invitation struct {
	ID        string    `bson:"id"`
	Email     string    `bson:"email"`
	Role      string    `bson:"role"`
	TokenHash string    `bson:"tokenHash"`
	InvitedBy string    `bson:"invitedBy"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

// Member returns the membership of userID, if any.
func (o *Organization) Member(userID string) (Member, bool) {
	for _, m := range o.Members {
		if m.UserID == userID {
			return m, true
		}
	}
	return Member{}, false
}

// IsOwner reports whether userID owns o.
func (o *Organization) IsOwner(userID string) bool {
	m, ok := o.Member(userID)
	return ok && m.Role == RoleOwner
}

// OwnerEmail is the first owner's e-mail, shown in the officer's queue.
func (o *Organization) OwnerEmail() string {
	for _, m := range o.Members {
		if m.Role == RoleOwner {
			return m.Email
		}
	}
	return ""
}

func (o *Organization) owners() int {
	n := 0
	for _, m := range o.Members {
		if m.Role == RoleOwner {
			n++
		}
	}
	return n
}

// An invitation token is "<org id>.<secret>": the organisation is found by
// _id, the invitation by the hash of the secret.
func newInvitationToken(orgID string) (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret := base64.RawURLEncoding.EncodeToString(b)
	return orgID + "." + secret, hashSecret(secret)
}

func splitInvitationToken(token string) (orgID, hash string, ok bool) {
	orgID, secret, ok := strings.Cut(token, ".")
	if !ok || len(orgID) != 24 || len(secret) != 43 {
		return "", "", false
	}
	return orgID, hashSecret(secret), true
}

func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
