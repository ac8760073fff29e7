// Package catalog owns listings: technology, equipment and IP offers and
// technology needs, their moderation from draft to published, their expiry
// and renewal, and the public projection the search index holds.
package catalog

import (
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/store"
)

// Listing kinds (GLOSSARY.md).
const (
	KindTechnology = "technology"
	KindEquipment  = "equipment"
	KindIP         = "ip"
	KindDemand     = "demand"
)

// Kinds lists every kind.
var Kinds = []string{KindTechnology, KindEquipment, KindIP, KindDemand}

// IsOffer reports whether kind offers something (as opposed to a need).
func IsOffer(kind string) bool { return kind != KindDemand }

// Listing states.
const (
	StateDraft     = "draft"
	StatePending   = "pending"
	StatePublished = "published"
	StateRejected  = "rejected"
	StateArchived  = "archived"
)

// States lists every state.
var States = []string{StateDraft, StatePending, StatePublished, StateRejected, StateArchived}

// Price modes.
var PriceModes = []string{"fixed", "range", "negotiable"}

// Validity is how long a published listing stays up before renewal, and
// RemindBefore how early its owner hears about it.
const (
	Validity     = 365 * 24 * time.Hour
	RemindBefore = 30 * 24 * time.Hour
)

// Collection holds listings.
const Collection = "listings"

// Spec declares the collection and the indexes MongoDB uses for "my
// listings" and the moderation queue.
var Spec = store.CollectionSpec{
	Name: Collection,
	Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "state", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "submittedAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "kind", Value: 1}, {Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}},
	},
	Queries: []store.Query{
		{Name: "my listings", Equal: []string{"orgId"}, Sort: listOrder},
		{Name: "my listings in a state", Equal: []string{"orgId", "state"}, Sort: listOrder},
		{Name: "staff: all", Sort: listOrder},
		{Name: "staff: in a state", Equal: []string{"state"}, Sort: listOrder},
		{Name: "staff: of a kind", Equal: []string{"kind"}, Sort: listOrder},
		{Name: "moderation queue", Equal: []string{"state"}, Sort: pendingOrder},
		{Name: "published (reindex, reminders)", Equal: []string{"state"}},
	},
}

// The orders listings are listed in: last changed first, or (the
// moderation queue) the longest waiting first; _id breaks ties.
var (
	listOrder    = bson.D{{Key: "updatedAt", Value: -1}, {Key: "_id", Value: 1}}
	pendingOrder = bson.D{{Key: "submittedAt", Value: 1}, {Key: "_id", Value: 1}}
)

// Price is what an offer costs, in VND.
type Price struct {
	Mode string `bson:"mode" json:"mode" rule:"enum=PriceMode"`
	Min  int64  `bson:"min,omitempty" json:"min,omitempty"`
	Max  int64  `bson:"max,omitempty" json:"max,omitempty"`
}

// Budget is what a need may spend, in VND.
type Budget struct {
	Min int64 `bson:"min,omitempty" json:"min,omitempty"`
	Max int64 `bson:"max,omitempty" json:"max,omitempty"`
}

// Requirements of a need.
type Requirements struct {
	Must []string `bson:"must" json:"must"`
	Nice []string `bson:"nice" json:"nice"`
}

// Contact is who to ask about a listing.
type Contact struct {
	Name  string `bson:"name,omitempty" json:"name,omitempty"`
	Email string `bson:"email,omitempty" json:"email,omitempty"`
	Phone string `bson:"phone,omitempty" json:"phone,omitempty"`
}

// Listing is one offer or need. Kind-specific fields are empty for other
// kinds; validation refuses them.
type Listing struct {
	store.Meta   `bson:",inline"`
	ID           string   `bson:"_id" json:"id"`
	Kind         string   `bson:"kind" json:"kind" rule:"enum=ListingKind"`
	State        string   `bson:"state" json:"state" rule:"enum=ListingState"`
	OrgID        string   `bson:"orgId" json:"orgId"`
	Title        string   `bson:"title" json:"title"`
	Summary      string   `bson:"summary" json:"summary"`
	TitleEn      string   `bson:"titleEn,omitempty" json:"titleEn"`
	SummaryEn    string   `bson:"summaryEn,omitempty" json:"summaryEn"`
	Description  string   `bson:"description,omitempty" json:"description"`
	Advantages   string   `bson:"advantages,omitempty" json:"advantages"`
	Applications string   `bson:"applications,omitempty" json:"applications"`
	Sectors      []string `bson:"sectors" json:"sectors"`
	Keywords     []string `bson:"keywords" json:"keywords"`
	AdminUnit    string   `bson:"adminUnit,omitempty" json:"adminUnit"`
	Images       []string `bson:"images" json:"images"`
	Attachments  []string `bson:"attachments" json:"attachments"`
	Contact      Contact  `bson:"contact" json:"contact"`

	// Offers.
	TRL           int      `bson:"trl,omitempty" json:"trl,omitempty"`
	TransferForms []string `bson:"transferForms" json:"transferForms"`
	Price         *Price   `bson:"price,omitempty" json:"price,omitempty"`

	// IP.
	IPType     string `bson:"ipType,omitempty" json:"ipType,omitempty"`
	IPNumber   string `bson:"ipNumber,omitempty" json:"ipNumber,omitempty"`
	FilingDate string `bson:"filingDate,omitempty" json:"filingDate,omitempty"`
	GrantDate  string `bson:"grantDate,omitempty" json:"grantDate,omitempty"`
	IPStatus   string `bson:"ipStatus,omitempty" json:"ipStatus,omitempty"`
	Holder     string `bson:"holder,omitempty" json:"holder,omitempty"`

	// Needs.
	Problem             string        `bson:"problem,omitempty" json:"problem,omitempty"`
	Requirements        *Requirements `bson:"requirements,omitempty" json:"requirements,omitempty"`
	TRLMin              int           `bson:"trlMin,omitempty" json:"trlMin,omitempty"`
	Budget              *Budget       `bson:"budget,omitempty" json:"budget,omitempty"`
	Deadline            string        `bson:"deadline,omitempty" json:"deadline,omitempty"`
	ConfidentialDetails string        `bson:"confidentialDetails,omitempty" json:"confidentialDetails,omitempty"`
	// Admitted lists the organisations the owner let read the confidential
	// details (the matching work admits them when accepting interest).
	Admitted []string `bson:"admitted" json:"-"`

	// TaskID is the commissioned S&T task whose results the listing
	// offers, NeedID the need that task answered (both kept from the
	// task's publication).
	TaskID string `bson:"taskId,omitempty" json:"taskId,omitempty"`
	NeedID string `bson:"needId,omitempty" json:"needId,omitempty"`

	RejectReason  string     `bson:"rejectReason,omitempty" json:"rejectReason,omitempty"`
	RejectComment string     `bson:"rejectComment,omitempty" json:"rejectComment,omitempty"`
	ValidUntil    *time.Time `bson:"validUntil,omitempty" json:"validUntil,omitempty"`
	CreatedBy     string     `bson:"createdBy" json:"createdBy"`
	CreatedAt     time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt     time.Time  `bson:"updatedAt" json:"updatedAt"`
	SubmittedAt   *time.Time `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
	PublishedAt   *time.Time `bson:"publishedAt,omitempty" json:"publishedAt,omitempty"`
	RemindedAt    *time.Time `bson:"remindedAt,omitempty" json:"-"`
}

// Expired reports whether a published listing's time is up.
func (l *Listing) Expired(now time.Time) bool {
	return l.ValidUntil != nil && !now.Before(*l.ValidUntil)
}

// Public reports whether the public sees l (and the index holds it).
func (l *Listing) Public() bool { return l.State == StatePublished }

// Admits reports whether orgID may read l's confidential details.
func (l *Listing) Admits(orgID string) bool {
	return orgID == l.OrgID || slices.Contains(l.Admitted, orgID)
}
