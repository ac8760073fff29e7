package transfer

import (
	"context"
	"slices"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Origin is a record a transfer is made from besides a connection — a
// deal signed at an event: its parties and listings are taken from it, and
// Link ties the new transfer to it (and fails when it already has one).
type Origin struct {
	Supplier, Recipient connection.Ref
	Listings            []connection.ListingRef
	Sectors             []string
	Link                func(ctx context.Context, transferID string) error
}

// CreateFor records a transfer from an origin: its parties' members and
// officers may; the contract's details come from in (the parties, the
// connection and the listings in it are ignored).
func (s *Service) CreateFor(ctx context.Context, p *auth.Principal, in Input, o Origin) (Transfer, error) {
	if p == nil || (!org.IsStaff(p) && !slices.Contains(p.User.Orgs, o.Supplier.ID) && !slices.Contains(p.User.Orgs, o.Recipient.ID)) {
		return Transfer{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	t := Transfer{ID: store.NewID(), CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now,
		Implementation: Implementation{Status: "not_started"}, Documents: []string{},
		Supplier: o.Supplier, Recipient: o.Recipient, Listings: slices.Clone(o.Listings), Sectors: slices.Clone(o.Sectors)}
	var c validate.Checker
	s.apply(&c, &t, in, true)
	if err := c.Err(); err != nil {
		return Transfer{}, err
	}
	var link func(string) error
	if o.Link != nil {
		link = func(id string) error { return o.Link(ctx, id) }
	}
	return s.insert(ctx, p, t, link)
}
