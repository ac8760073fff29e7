// Package seed loads the embedded seed data into the store. Every loader is
// idempotent: running it twice, or on every start in demo mode, changes
// nothing the second time.
package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/seeds"
)

// Summary says what a load created.
type Summary struct {
	Accounts      int
	Organizations int
	Listings      int
	Programs      int
	Transfers     int
	Plans         int
	Tasks         int
	Events        int
}

// Listings loads the demo catalogue (listings.json) through the catalog's
// own checks; dates are relative to now, so the demo never looks stale.
func Listings(ctx context.Context, cat *catalog.Service, raw []byte, now time.Time) (int, error) {
	var list []catalog.Seed
	if err := json.Unmarshal(raw, &list); err != nil {
		return 0, fmt.Errorf("seed: listings.json: %w", err)
	}
	ids := make([]string, len(list))
	for i, sd := range list {
		ids[i] = sd.ID
	}
	stored, err := cat.Stored(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("seed: listings: %w", err)
	}
	n := 0
	for _, sd := range list {
		if stored[sd.ID] {
			continue // loaded before; Import would keep it as it is too
		}
		l, err := cat.Build(sd, now)
		if err != nil {
			return n, fmt.Errorf("seed: listing %s: %w", sd.ID, err)
		}
		created, err := cat.Import(ctx, l)
		if err != nil {
			return n, fmt.Errorf("seed: listing %s: %w", sd.ID, err)
		}
		if created {
			n++
		}
	}
	return n, nil
}

// Demo loads the demo accounts and organisations. It runs on every start in
// demo mode: what is there is found in one read per collection and skipped,
// and an account made before is read only for an organisation to create.
func Demo(ctx context.Context, a *auth.Service, o *org.Service, d seeds.Demo) (Summary, error) {
	var sum Summary
	emails := make([]string, len(d.Accounts))
	demo := map[string]bool{}
	for i, acc := range d.Accounts {
		emails[i], demo[acc.Email] = acc.Email, true
	}
	known, err := a.KnownEmails(ctx, emails)
	if err != nil {
		return sum, fmt.Errorf("seed: accounts: %w", err)
	}
	users := map[string]auth.User{}
	for _, acc := range d.Accounts {
		if known[acc.Email] {
			continue
		}
		u, err := a.CreateUser(ctx, auth.NewUser{Email: acc.Email, FullName: acc.FullName, Password: d.Password, Roles: acc.Roles})
		if err != nil {
			return sum, fmt.Errorf("seed: account %s: %w", acc.Email, err)
		}
		users[acc.Email] = u
		sum.Accounts++
	}
	user := func(email string) (auth.User, error) {
		if u, ok := users[email]; ok {
			return u, nil
		}
		u, err := a.UserByEmail(ctx, email)
		users[email] = u
		return u, err
	}
	ids := make([]string, len(d.Organizations))
	for i, do := range d.Organizations {
		ids[i] = do.ID
	}
	stored, err := o.Stored(ctx, ids)
	if err != nil {
		return sum, fmt.Errorf("seed: organisations: %w", err)
	}
	now := time.Now().UTC()
	for _, do := range d.Organizations {
		for _, e := range append([]string{do.Owner}, do.Members...) {
			if !demo[e] {
				return sum, fmt.Errorf("seed: organisation %q: %s is not a demo account", do.Name, e)
			}
		}
		if stored[do.ID] {
			continue
		}
		owner, err := user(do.Owner)
		if err != nil {
			return sum, fmt.Errorf("seed: organisation %q: owner %s: %w", do.Name, do.Owner, err)
		}
		members := []org.Member{{UserID: owner.ID, Email: owner.Email, FullName: owner.FullName, Role: org.RoleOwner, JoinedAt: now}}
		for _, e := range do.Members {
			u, err := user(e)
			if err != nil {
				return sum, fmt.Errorf("seed: organisation %q: member %s: %w", do.Name, e, err)
			}
			members = append(members, org.Member{UserID: u.ID, Email: u.Email, FullName: u.FullName, Role: org.RoleMember, JoinedAt: now})
		}
		rec := org.Organization{
			ID: do.ID, Name: do.Name, Kind: do.Kind, Status: do.Status, Members: members, Description: do.Description,
			CreatedAt: now, CreatedBy: owner.ID,
		}
		if do.Status != org.StatusPending {
			rec.DecidedAt, rec.DecidedBy = &now, "system"
		}
		if len(do.Evidence) > 0 {
			if err := json.Unmarshal(do.Evidence, &rec.Evidence); err != nil {
				return sum, fmt.Errorf("seed: organisation %q: evidence: %w", do.Name, err)
			}
		}
		created, err := o.Import(ctx, rec)
		if err != nil {
			return sum, fmt.Errorf("seed: organisation %q: %w", do.Name, err)
		}
		if created {
			sum.Organizations++
		}
	}
	return sum, nil
}
