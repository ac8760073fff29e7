// Package event runs Techmart events — fairs, online techmarts, hybrid
// fairs, B2B matchmaking days, demonstrations — from the officers' set-up
// through registration (exhibitors with booths, participants bringing
// needs: the reverse techmart, inventors asking for a free booth), the
// meetings participants ask of each other and the scheduler that places
// them, check-in on the day, the deals signed there, to the results
// report. The types here are the shared vocabulary of those steps; each
// step lives in a file of its own.
package event

import (
	"time"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
)

// Collections.
const (
	Collection             = "events"
	RegistrationCollection = "event_registrations"
	MeetingCollection      = "event_meetings"
	DealCollection         = "event_deals"
)

// Kinds of event (GLOSSARY: event).
const (
	KindFair          = "fair"          // chợ công nghệ và thiết bị (Techmart), physical
	KindOnline        = "online"        // online techmart
	KindHybrid        = "hybrid"        // physical with an online techmart beside it
	KindMatchmaking   = "matchmaking"   // B2B matchmaking day
	KindDemonstration = "demonstration" // trình diễn kỹ thuật / demonstration day
)

// Kinds lists every kind of event.
var Kinds = []string{KindFair, KindOnline, KindHybrid, KindMatchmaking, KindDemonstration}

// States of an event.
const (
	StateDraft     = "draft"
	StatePublished = "published"
	StateCancelled = "cancelled"
)

// States lists every event state.
var States = []string{StateDraft, StatePublished, StateCancelled}

// Roles a registration takes.
const (
	RoleExhibitor   = "exhibitor"   // a booth showing its listings
	RoleParticipant = "participant" // brings its needs (reverse techmart), meets exhibitors
	RoleInventor    = "inventor"    // an individual inventor (an organisation of kind individual) asking for a free booth
)

// Roles lists every registration role.
var Roles = []string{RoleExhibitor, RoleParticipant, RoleInventor}

// States of a registration.
const (
	RegPending    = "pending"    // waiting for an officer
	RegApproved   = "approved"   // in, with a booth number when it has a booth
	RegWaitlisted = "waitlisted" // approved in principle, no booth left: promoted when one frees
	RegRejected   = "rejected"   // refused with a reason
	RegWithdrawn  = "withdrawn"  // the registrant withdrew; its booth frees
)

// RegStates lists every registration state.
var RegStates = []string{RegPending, RegApproved, RegWaitlisted, RegRejected, RegWithdrawn}

// States of a meeting request.
const (
	MeetRequested = "requested"
	MeetAccepted  = "accepted"
	MeetDeclined  = "declined"
	MeetCancelled = "cancelled"
)

// MeetStates lists every meeting state.
var MeetStates = []string{MeetRequested, MeetAccepted, MeetDeclined, MeetCancelled}

// Outcomes of a meeting, recorded by either party.
const (
	OutcomeHeld   = "held"
	OutcomeNoShow = "no_show"
)

// Outcomes lists the recorded outcomes of a meeting.
var Outcomes = []string{OutcomeHeld, OutcomeNoShow}

// Kinds of deal signed at an event; the press counts them together, the
// report keeps them apart.
const (
	DealMoU      = "mou"
	DealContract = "contract"
)

// DealKinds lists the kinds of deal.
var DealKinds = []string{DealMoU, DealContract}

// Errors with stable codes shared by the steps.
var (
	ErrNotFound             = errs.New(errs.NotFound, "event_not_found")
	ErrRegistrationNotFound = errs.New(errs.NotFound, "registration_not_found")
	ErrMeetingNotFound      = errs.New(errs.NotFound, "meeting_not_found")
	ErrInvalidTransition    = errs.New(errs.Conflict, "invalid_transition")
)

// Ref names an organisation or a person.
type Ref struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
}

// Step is a state reached, for a document's timeline.
type Step struct {
	State string    `bson:"state" json:"state"`
	At    time.Time `bson:"at" json:"at"`
	By    string    `bson:"by" json:"-"`
	Note  string    `bson:"note,omitempty" json:"note,omitempty"`
}

// BoothType is one kind of booth on the booth plan: Count booths of SizeM2
// square metres at FeeVND each (0: free). FreeQuota of them are kept free
// for individual farmer-inventors (registrations of RoleInventor; a
// cooperative registers as an exhibitor).
// Booths are numbered Prefix-1 … Prefix-Count.
type BoothType struct {
	Code      string  `bson:"code" json:"code" rule:"required,min=1,max=20"`
	Name      string  `bson:"name" json:"name" rule:"required,min=2,max=120"`
	NameEN    string  `bson:"nameEn,omitempty" json:"nameEn,omitempty" rule:"max=120"`
	SizeM2    float64 `bson:"sizeM2" json:"sizeM2" rule:"min=0,max=10000"`
	Count     int     `bson:"count" json:"count" rule:"min=1,max=5000"`
	FeeVND    int64   `bson:"feeVnd" json:"feeVnd" rule:"min=0,max=10000000000"`
	FreeQuota int     `bson:"freeQuota" json:"freeQuota" rule:"min=0,max=5000"`
	Prefix    string  `bson:"prefix" json:"prefix" rule:"required,min=1,max=8"`
}

// Allocation is one booth given to a registration; Free says it came
// from the booth type's free quota (an inventor's booth).
type Allocation struct {
	BoothType    string `bson:"boothType"`
	Number       int    `bson:"number"`
	Booth        string `bson:"booth"` // Prefix-Number
	Registration string `bson:"registration"`
	Free         bool   `bson:"free"`
	// At is when the booth was claimed; Reconcile leaves recent claims to
	// the approvals that made them.
	At time.Time `bson:"at"`
}

// Break is a pause in a matchmaking day after slot After (0-based).
type Break struct {
	After   int `bson:"after" json:"after" rule:"min=0,max=100"`
	Minutes int `bson:"minutes" json:"minutes" rule:"min=5,max=240"`
}

// MeetingSettings say how the B2B meetings of an event run: on each of
// Days, SlotsPerDay meetings of Minutes minutes from Start (Vietnam time,
// "08:30") at Tables tables, with Breaks between slots.
type MeetingSettings struct {
	Days        []string `bson:"days" json:"days" rule:"max=14"`
	Start       string   `bson:"start" json:"start" rule:"max=5"`
	Minutes     int      `bson:"minutes" json:"minutes" rule:"min=0,max=240"`
	SlotsPerDay int      `bson:"slotsPerDay" json:"slotsPerDay" rule:"min=0,max=64"`
	Tables      int      `bson:"tables" json:"tables" rule:"min=0,max=500"`
	Breaks      []Break  `bson:"breaks" json:"breaks" rule:"max=10"`
}

// Event is a fair, an online techmart or a matchmaking day.
type Event struct {
	store.Meta `bson:",inline"`
	ID         string   `bson:"_id" json:"id"`
	Name       string   `bson:"name" json:"name"`
	NameEN     string   `bson:"nameEn,omitempty" json:"nameEn,omitempty"`
	Kind       string   `bson:"kind" json:"kind"`
	State      string   `bson:"state" json:"state"`
	StartDate  string   `bson:"startDate" json:"startDate"` // YYYY-MM-DD, Vietnam
	EndDate    string   `bson:"endDate" json:"endDate"`
	Venue      string   `bson:"venue,omitempty" json:"venue,omitempty"`
	Link       string   `bson:"link,omitempty" json:"link,omitempty"` // the online techmart
	Organisers []string `bson:"organisers" json:"organisers"`
	Sectors    []string `bson:"sectors" json:"sectors"`
	// Registration is open from RegistrationOpens to RegistrationCloses
	// (inclusive days, Vietnam time); it closes by itself.
	RegistrationOpens  string          `bson:"registrationOpens" json:"registrationOpens"`
	RegistrationCloses string          `bson:"registrationCloses" json:"registrationCloses"`
	Description        string          `bson:"description,omitempty" json:"description,omitempty"`
	DescriptionEN      string          `bson:"descriptionEn,omitempty" json:"descriptionEn,omitempty"`
	Booths             []BoothType     `bson:"booths" json:"booths"`
	Meetings           MeetingSettings `bson:"meetings" json:"meetings"`
	// Allocations are the booths given to registrations: the one document
	// that holds them makes "never more booths than the plan has" a
	// single conditional write (registration.go).
	Allocations []Allocation `bson:"allocations" json:"-"`
	// ScheduledAt is when the scheduler last placed the meetings; the
	// agendas are final once set and preliminary before.
	ScheduledAt *time.Time `bson:"scheduledAt,omitempty" json:"scheduledAt,omitempty"`
	History     []Step     `bson:"history" json:"history"`
	CreatedBy   string     `bson:"createdBy" json:"-"`
	CreatedAt   time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt   time.Time  `bson:"updatedAt" json:"updatedAt"`
	PublishedAt *time.Time `bson:"publishedAt,omitempty" json:"publishedAt,omitempty"`
	// CancelledAt and CancelReason: the event was called off; a published
	// one stays readable, marked cancelled, so that those who planned to
	// come learn it.
	CancelledAt  *time.Time `bson:"cancelledAt,omitempty" json:"cancelledAt,omitempty"`
	CancelReason string     `bson:"cancelReason,omitempty" json:"cancelReason,omitempty"`
}

// Registration is an organisation (or an individual inventor) taking part
// in an event. An exhibitor shows Listings at a booth of BoothType; a
// participant brings Needs (its published demand listings). Slots are the
// meeting slots (day*SlotsPerDay+slot) it is available in; empty means
// every slot. CheckInCode is the secret its badge's QR code carries.
type Registration struct {
	store.Meta   `bson:",inline"`
	ID           string     `bson:"_id" json:"id"`
	EventID      string     `bson:"eventId" json:"eventId"`
	Role         string     `bson:"role" json:"role"`
	Org          Ref        `bson:"org" json:"org"`
	OrgKind      string     `bson:"orgKind" json:"orgKind"`
	Contact      Ref        `bson:"contact" json:"contact"` // the person who registered
	BoothType    string     `bson:"boothType,omitempty" json:"boothType,omitempty"`
	Booth        string     `bson:"booth,omitempty" json:"booth,omitempty"` // assigned number, e.g. "A-7"
	Listings     []string   `bson:"listings" json:"listings"`
	Needs        []string   `bson:"needs" json:"needs"`
	Slots        []int      `bson:"slots" json:"slots"`
	Note         string     `bson:"note,omitempty" json:"note,omitempty"`
	State        string     `bson:"state" json:"state"`
	RejectReason string     `bson:"rejectReason,omitempty" json:"rejectReason,omitempty"`
	WaitlistedAt *time.Time `bson:"waitlistedAt,omitempty" json:"waitlistedAt,omitempty"`
	CheckInCode  string     `bson:"checkInCode" json:"-"`
	CheckedInAt  *time.Time `bson:"checkedInAt,omitempty" json:"checkedInAt,omitempty"`
	History      []Step     `bson:"history" json:"history"`
	CreatedAt    time.Time  `bson:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time  `bson:"updatedAt" json:"updatedAt"`
}

// Placement is where and when the scheduler put a meeting.
type Placement struct {
	Day   int       `bson:"day" json:"day"`   // index into MeetingSettings.Days
	Slot  int       `bson:"slot" json:"slot"` // index within the day
	Table int       `bson:"table" json:"table"`
	Start time.Time `bson:"start" json:"start"`
	End   time.Time `bson:"end" json:"end"`
}

// Outcome is what one party recorded after a meeting.
type Outcome struct {
	Result     string    `bson:"result" json:"result"` // OutcomeHeld or OutcomeNoShow
	Interest   bool      `bson:"interest" json:"interest"`
	NextStep   string    `bson:"nextStep,omitempty" json:"nextStep,omitempty"`
	RecordedBy Ref       `bson:"recordedBy" json:"recordedBy"` // the organisation
	At         time.Time `bson:"at" json:"at"`
}

// Meeting is a B2B meeting one registration (From) asks of another (To).
// Suggested says the request followed a matching suggestion; ListingID the
// offer or need it is about.
type Meeting struct {
	store.Meta `bson:",inline"`
	ID         string     `bson:"_id" json:"id"`
	EventID    string     `bson:"eventId" json:"eventId"`
	From       Ref        `bson:"from" json:"from"` // registration id, organisation name
	FromOrg    string     `bson:"fromOrg" json:"fromOrg"`
	To         Ref        `bson:"to" json:"to"`
	ToOrg      string     `bson:"toOrg" json:"toOrg"`
	ListingID  string     `bson:"listingId,omitempty" json:"listingId,omitempty"`
	Message    string     `bson:"message" json:"message"`
	Suggested  bool       `bson:"suggested" json:"suggested"`
	State      string     `bson:"state" json:"state"`
	Placement  *Placement `bson:"placement,omitempty" json:"placement,omitempty"`
	// Unplaced says why the last scheduler run could not place an accepted
	// meeting (a code the SPA translates).
	Unplaced  string    `bson:"unplaced,omitempty" json:"unplaced,omitempty"`
	Outcomes  []Outcome `bson:"outcomes" json:"outcomes"`
	History   []Step    `bson:"history" json:"history"`
	CreatedAt time.Time `bson:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `bson:"updatedAt" json:"updatedAt"`
}

// Deal is an MoU or a contract signed at an event, or later from a
// meeting there. OnSpot says it was signed during the event; TransferID
// links the transfer record it became.
type Deal struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id" json:"id"`
	EventID    string    `bson:"eventId" json:"eventId"`
	Kind       string    `bson:"kind" json:"kind"`
	Supplier   Ref       `bson:"supplier" json:"supplier"`
	Recipient  Ref       `bson:"recipient" json:"recipient"`
	ListingID  string    `bson:"listingId,omitempty" json:"listingId,omitempty"`
	MeetingID  string    `bson:"meetingId,omitempty" json:"meetingId,omitempty"`
	Form       string    `bson:"form,omitempty" json:"form,omitempty"` // a transfer form (taxonomy)
	ValueVND   int64     `bson:"valueVnd" json:"valueVnd"`
	OnSpot     bool      `bson:"onSpot" json:"onSpot"`
	SignedOn   string    `bson:"signedOn" json:"signedOn"`
	Sectors    []string  `bson:"sectors" json:"sectors"`
	TransferID string    `bson:"transferId,omitempty" json:"transferId,omitempty"`
	RecordedBy string    `bson:"recordedBy" json:"-"`
	CreatedAt  time.Time `bson:"createdAt" json:"createdAt"`
}
