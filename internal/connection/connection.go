// Package connection is how two organisations get in touch over a listing:
// an expression of interest, the owner's answer (accept, or decline with a
// reason the requester learns), then a message thread through negotiation
// to an agreement or a close without a deal. Each step is one conditional
// write on the connection, audited and notified. Quiet connections are
// nudged and shown to officers.
package connection

import (
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
)

// States (GLOSSARY: connection). An interest is a connection "requested".
const (
	StateRequested   = "requested"
	StateAccepted    = "accepted"
	StateDeclined    = "declined"
	StateNegotiating = "negotiating"
	StateAgreed      = "agreed"
	StateClosed      = "closed_no_deal"
)

// States lists every state in pipeline order.
var States = []string{StateRequested, StateAccepted, StateDeclined, StateNegotiating, StateAgreed, StateClosed}

// StaleAfter is how long a live connection may go without a message before
// it is nudged and shown to officers as stale.
const StaleAfter = 30 * 24 * time.Hour

// Collections.
const (
	Collection       = "connections"
	ThreadCollection = "threads"
	KeyCollection    = "interest_keys"
)

// Specs declare the collections and the indexes MongoDB uses for "my
// connections" and the officers' board.
// listOrder is how connections are listed: the last changed first.
var listOrder = bson.D{{Key: "updatedAt", Value: -1}}

var Specs = []store.CollectionSpec{
	{Name: Collection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "owner.id", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "party.id", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "broker.id", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "listing.id", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "updatedAt", Value: -1}}},
		{Keys: bson.D{{Key: "updatedAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "mine", Sort: listOrder, Or: []store.Query{
			{Name: "as broker", Equal: []string{"broker.id"}}, {Name: "as owner", Equal: []string{"owner.id"}}, {Name: "as party", Equal: []string{"party.id"}},
		}},
		{Name: "staff: all", Sort: listOrder},
		{Name: "staff: in a state", Equal: []string{"state"}, Sort: listOrder},
		{Name: "about a listing", Equal: []string{"listing.id"}, Sort: listOrder},
		{Name: "live (nudges)", Equal: []string{"state"}},
	}},
	{Name: ThreadCollection},
	{Name: KeyCollection},
}

// Audit actions.
const (
	ActionInterest  = "connection.interest"
	ActionAccept    = "connection.accept"
	ActionDecline   = "connection.decline"
	ActionNegotiate = "connection.negotiate"
	ActionAgree     = "connection.agree"
	ActionClose     = "connection.close"
)

// Errors with stable codes.
var (
	ErrNotFound           = errs.New(errs.NotFound, "connection_not_found")
	ErrInterestExists     = errs.New(errs.Conflict, "interest_exists")
	ErrListingUnavailable = errs.New(errs.Conflict, "listing_not_published")
	ErrInvalidTransition  = errs.New(errs.Conflict, "invalid_transition")
	ErrThreadClosed       = errs.New(errs.Conflict, "thread_closed")
	ErrOrgNotVerified     = errs.New(errs.Forbidden, "org_not_verified")
	ErrOwnOrganization    = errs.New(errs.Forbidden, "own_organization")
	ErrDepartmentNotParty = errs.New(errs.Forbidden, "department_not_party")
)

// Ref names an organisation or a person.
type Ref struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
}

// ListingRef names the listing a connection is about.
type ListingRef struct {
	ID    string `bson:"id" json:"id"`
	Kind  string `bson:"kind" json:"kind"`
	Title string `bson:"title" json:"title"`
}

// Step is one state reached: the timeline and the time spent in each stage.
type Step struct {
	State string    `bson:"state" json:"state"`
	At    time.Time `bson:"at" json:"at"`
	By    string    `bson:"by" json:"-"`
}

// Connection is two organisations in touch over a listing: Owner is the
// listing's organisation, Party the one that expressed interest.
type Connection struct {
	store.Meta     `bson:",inline"`
	ID             string     `bson:"_id" json:"id"`
	Listing        ListingRef `bson:"listing" json:"listing"`
	Owner          Ref        `bson:"owner" json:"owner"`
	Party          Ref        `bson:"party" json:"party"`
	Broker         *Ref       `bson:"broker,omitempty" json:"broker,omitempty"`
	State          string     `bson:"state" json:"state" rule:"enum=ConnectionState"`
	Seeks          string     `bson:"seeks" json:"seeks"`
	Brings         string     `bson:"brings" json:"brings"`
	DeclineReason  string     `bson:"declineReason,omitempty" json:"declineReason,omitempty"`
	DeclineComment string     `bson:"declineComment,omitempty" json:"declineComment,omitempty"`
	CloseComment   string     `bson:"closeComment,omitempty" json:"closeComment,omitempty"`
	Sectors        []string   `bson:"sectors" json:"sectors"`
	History        []Step     `bson:"history" json:"history"`
	CreatedBy      string     `bson:"createdBy" json:"-"`
	CreatedAt      time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt      time.Time  `bson:"updatedAt" json:"updatedAt"`
	StateChangedAt time.Time  `bson:"stateChangedAt" json:"stateChangedAt"`
	LastMessageAt  *time.Time `bson:"lastMessageAt,omitempty" json:"lastMessageAt,omitempty"`
	NudgedAt       *time.Time `bson:"nudgedAt,omitempty" json:"-"`
	TransferID     string     `bson:"transferId,omitempty" json:"transferId,omitempty"`
}

// Live reports whether the parties are still talking.
func (c *Connection) Live() bool {
	return c.State == StateAccepted || c.State == StateNegotiating
}

// Stale reports whether a live connection has been quiet for StaleAfter.
func (c *Connection) Stale(now time.Time) bool {
	last := c.StateChangedAt
	if c.LastMessageAt != nil && c.LastMessageAt.After(last) {
		last = *c.LastMessageAt
	}
	return c.Live() && now.Sub(last) >= StaleAfter
}

// Message is one message of a thread.
type Message struct {
	ID        string    `bson:"id" json:"id"`
	Author    Ref       `bson:"author" json:"author"`
	Org       *Ref      `bson:"org,omitempty" json:"org,omitempty"` // nil for an officer
	Body      string    `bson:"body" json:"body"`
	CreatedAt time.Time `bson:"createdAt" json:"createdAt"`
}

// Thread holds a connection's messages, keyed by the connection's id: one
// _id read shows the whole conversation.
type Thread struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id"`
	Messages   []Message `bson:"messages"`
}

// key is the lock that allows one open interest per organisation and
// listing; a decline or a close opens it again.
type key struct {
	store.Meta   `bson:",inline"`
	ID           string `bson:"_id"`
	ConnectionID string `bson:"connectionId"`
	Open         bool   `bson:"open"`
}

func keyID(listingID, orgID string) string { return listingID + "." + orgID }
