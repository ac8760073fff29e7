package event

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/validate"
)

// DealInput records an MoU or a contract signed at an event, or later
// from a meeting there: the parties (organisations registered in the
// event), the listing and the meeting it came from, the form of transfer,
// the value in đồng and the day it was signed. It counts as signed on the
// spot when that day falls within the event's days.
type DealInput struct {
	Kind           string   `json:"kind" rule:"required,enum=DealKind"`
	SupplierOrgID  string   `json:"supplierOrgId" rule:"required"`
	RecipientOrgID string   `json:"recipientOrgId" rule:"required"`
	ListingID      string   `json:"listingId"`
	MeetingID      string   `json:"meetingId"`
	Form           string   `json:"form"`
	ValueVND       int64    `json:"valueVnd" rule:"min=0,max=1000000000000000"`
	SignedOn       string   `json:"signedOn" rule:"required,format=date"`
	Sectors        []string `json:"sectors" rule:"max=5"`
}

var dealRules = validate.RulesOf[DealInput]()

// DealCan lists what p may do with a deal.
type DealCan struct {
	// Transfer: make a transfer record of the contract (its parties,
	// officers; once).
	Transfer bool `json:"transfer"`
}

// DealOf says what p may do with d.
func DealOf(p *auth.Principal, d *Deal) DealCan {
	party := p != nil && (slices.Contains(p.User.Orgs, d.Supplier.ID) || slices.Contains(p.User.Orgs, d.Recipient.ID))
	return DealCan{Transfer: d.Kind == DealContract && d.TransferID == "" && (party || org.IsStaff(p))}
}

// registered returns the organisation's approved registration in the
// event, if it has one.
func registered(regs []Registration, orgID string) (Registration, bool) {
	i := slices.IndexFunc(regs, func(g Registration) bool { return g.Org.ID == orgID })
	if i < 0 {
		return Registration{}, false
	}
	return regs[i], true
}

// RecordDeal adds a deal to the event's log: its parties' members and
// officers may. The other party is told.
func (m *Meetings) RecordDeal(ctx context.Context, p *auth.Principal, eventID string, in DealInput) (Deal, error) {
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return Deal{}, err
	}
	staff := org.IsStaff(p)
	if e.State != StatePublished && !staff {
		return Deal{}, ErrNotFound
	}
	regs, err := m.d.Registry.Registrations(ctx, e.ID, RegApproved)
	if err != nil {
		return Deal{}, err
	}
	var v validate.Checker
	v.OneOf("kind", in.Kind, DealKinds)
	sup, supOK := registered(regs, in.SupplierOrgID)
	rec, recOK := registered(regs, in.RecipientOrgID)
	switch {
	case in.SupplierOrgID == "":
		v.Add("supplierOrgId", "required")
	case !supOK:
		v.Add("supplierOrgId", "not_registered")
	}
	switch {
	case in.RecipientOrgID == "":
		v.Add("recipientOrgId", "required")
	case !recOK:
		v.Add("recipientOrgId", "not_registered")
	case in.RecipientOrgID == in.SupplierOrgID:
		v.Add("recipientOrgId", "same_organization")
	}
	if in.Form != "" {
		v.OneOf("form", in.Form, taxonomy.Codes(m.d.Taxonomy.TransferForms))
	}
	if r := dealRules.Of("valueVnd"); in.ValueVND < 0 || in.ValueVND > transfer.MaxContractValue {
		v.Add("valueVnd", "out_of_range", "min", r.Min, "max", int64(transfer.MaxContractValue))
	}
	if d, ok := v.Date("signedOn", in.SignedOn); !ok && !v.Has("signedOn") {
		v.Add("signedOn", "required")
	} else if ok {
		switch day := d.Format(time.DateOnly); {
		case calendar.Future(d, m.d.Now()):
			v.Add("signedOn", "in_future")
		case day < e.StartDate:
			v.Add("signedOn", "before_event", "date", e.StartDate)
		}
	}
	sectors := slices.Compact(slices.Sorted(slices.Values(in.Sectors)))
	if len(sectors) > dealRules.Of("sectors").Max {
		v.Add("sectors", "too_many", "max", dealRules.Of("sectors").Max)
	}
	for _, s := range sectors {
		if !slices.Contains(taxonomy.Codes(m.d.Taxonomy.Sectors), s) {
			v.Add("sectors", "invalid_choice", "choices", taxonomy.Codes(m.d.Taxonomy.Sectors))
			break
		}
	}
	if err := v.Err(); err != nil {
		return Deal{}, err
	}
	if !staff && !slices.Contains(p.User.Orgs, sup.Org.ID) && !slices.Contains(p.User.Orgs, rec.Org.ID) {
		return Deal{}, errs.ErrForbidden
	}
	if in.ListingID != "" {
		l, err := m.d.Listings.Get(ctx, in.ListingID)
		if errors.Is(err, catalog.ErrNotFound) || (err == nil && l.OrgID != sup.Org.ID && l.OrgID != rec.Org.ID) {
			return Deal{}, errs.Field("listingId", "not_found")
		} else if err != nil {
			return Deal{}, err
		}
		if len(sectors) == 0 {
			sectors = slices.Clone(l.Sectors)
		}
	}
	if in.MeetingID != "" {
		x, err := store.Get[Meeting](ctx, m.s, MeetingCollection, in.MeetingID)
		pair := []string{sup.Org.ID, rec.Org.ID}
		if err != nil || x.EventID != e.ID || !slices.Contains(pair, x.FromOrg) || !slices.Contains(pair, x.ToOrg) || x.State != MeetAccepted {
			return Deal{}, errs.Field("meetingId", "not_found")
		}
	}
	if sectors == nil {
		sectors = []string{}
	}
	now := m.d.Now().UTC()
	d := Deal{ID: store.NewID(), EventID: e.ID, Kind: in.Kind,
		Supplier: Ref{ID: sup.Org.ID, Name: sup.Org.Name}, Recipient: Ref{ID: rec.Org.ID, Name: rec.Org.Name},
		ListingID: in.ListingID, MeetingID: in.MeetingID, Form: in.Form, ValueVND: in.ValueVND,
		OnSpot: in.SignedOn >= e.StartDate && in.SignedOn <= e.EndDate, SignedOn: in.SignedOn, Sectors: sectors,
		RecordedBy: p.User.ID, CreatedAt: now}
	if err := store.Insert(ctx, m.s, DealCollection, &d); err != nil {
		return Deal{}, err
	}
	m.record(ctx, p, ActionDealRecord, dealSubject(d), "", map[string]audit.Change{"kind": {To: d.Kind}, "valueVnd": {To: d.ValueVND}})
	actor := "Sở KH&CN"
	switch {
	case slices.Contains(p.User.Orgs, d.Supplier.ID):
		actor = d.Supplier.Name
	case slices.Contains(p.User.Orgs, d.Recipient.ID):
		actor = d.Recipient.Name
	}
	m.d.Notes.ToOrgs(ctx, []string{d.Supplier.ID, d.Recipient.ID}, p.User.ID, notify.Note{Kind: notify.KindEventMeeting,
		Params: map[string]string{"step": "deal_" + d.Kind, "org": actor, "event": e.Name}, Link: "/events/" + e.ID + "/deals"})
	return d, nil
}

func dealSubject(d Deal) audit.Subject {
	return audit.Subject{Type: auditSubjectDeal, ID: d.ID, Name: d.Supplier.Name + " – " + d.Recipient.Name}
}

// Deals returns the event's deal log, newest first: every deal for
// officers, a party's own deals for its members.
func (m *Meetings) Deals(ctx context.Context, p *auth.Principal, eventID string) (Event, []Deal, error) {
	e, err := m.d.Registry.Event(ctx, eventID)
	if err != nil {
		return e, nil, err
	}
	staff := org.IsStaff(p)
	if e.State != StatePublished && !staff {
		return e, nil, ErrNotFound
	}
	all, err := store.Find[Deal](ctx, m.s, DealCollection, bson.D{{Key: "eventId", Value: e.ID}}, options.Find().SetSort(meetingOrder))
	if err != nil {
		return e, nil, err
	}
	if staff {
		return e, all, nil
	}
	return e, slices.DeleteFunc(all, func(d Deal) bool {
		return !slices.Contains(p.User.Orgs, d.Supplier.ID) && !slices.Contains(p.User.Orgs, d.Recipient.ID)
	}), nil
}

// DealTransferInput is what a transfer record needs beyond the deal: its
// title, the methods of transfer, the form when the deal has none, whether
// the contract must be registered and whether both parties consent to
// publishing it.
type DealTransferInput struct {
	Title                string   `json:"title" rule:"required,min=5,max=300"`
	Form                 string   `json:"form"`
	Methods              []string `json:"methods" rule:"required"`
	RegistrationRequired bool     `json:"registrationRequired"`
	PublicConsent        bool     `json:"publicConsent"`
}

// MakeTransfer records a deal's contract as a transfer (internal/transfer):
// its parties, listing, form, value and day come from the deal, which
// then links it. Once per deal; contracts only.
func (m *Meetings) MakeTransfer(ctx context.Context, p *auth.Principal, eventID, dealID string, in DealTransferInput) (Deal, transfer.Transfer, error) {
	d, err := store.Get[Deal](ctx, m.s, DealCollection, dealID)
	party := err == nil && (slices.Contains(p.User.Orgs, d.Supplier.ID) || slices.Contains(p.User.Orgs, d.Recipient.ID))
	if errors.Is(err, store.ErrNotFound) || (err == nil && (d.EventID != eventID || (!party && !org.IsStaff(p)))) {
		return Deal{}, transfer.Transfer{}, ErrDealNotFound
	} else if err != nil {
		return Deal{}, transfer.Transfer{}, err
	}
	switch {
	case d.TransferID != "":
		return d, transfer.Transfer{}, ErrDealTransferExists
	case d.Kind != DealContract:
		return d, transfer.Transfer{}, ErrDealNotContract
	}
	form := d.Form
	if form == "" {
		form = in.Form
	}
	title := validate.Text(in.Title)
	value, methods := d.ValueVND, in.Methods
	if methods == nil {
		methods = []string{}
	}
	o := transfer.Origin{
		Supplier: connection.Ref{ID: d.Supplier.ID, Name: d.Supplier.Name}, Recipient: connection.Ref{ID: d.Recipient.ID, Name: d.Recipient.Name},
		Sectors: d.Sectors,
		Link: func(ctx context.Context, transferID string) error {
			var err error
			d, err = store.Modify(ctx, m.s, DealCollection, d.ID, 0, func(x *Deal) error {
				if x.TransferID != "" {
					return ErrDealTransferExists
				}
				x.TransferID = transferID
				return nil
			})
			return err
		},
	}
	if d.ListingID != "" {
		if l, err := m.d.Listings.Get(ctx, d.ListingID); err == nil {
			o.Listings = []connection.ListingRef{{ID: l.ID, Kind: l.Kind, Title: l.Title}}
		}
	}
	t, err := m.d.Transfers.CreateFor(ctx, p, transfer.Input{Title: &title, Form: &form, Methods: methods, ContractValue: &value,
		SignedOn: &d.SignedOn, RegistrationRequired: &in.RegistrationRequired, PublicConsent: &in.PublicConsent}, o)
	if err != nil {
		return d, t, err
	}
	m.record(ctx, p, ActionDealTransfer, dealSubject(d), "", map[string]audit.Change{"transferId": {To: t.ID}})
	return d, t, nil
}
