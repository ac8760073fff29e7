package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// supportSeed is support.json: programmes and transfers, each with its
// stable id, with dates relative to the day the demo is loaded.
type supportSeed struct {
	Programs []struct {
		ID string `json:"id"`
		support.ProgramInput
		OpensDaysAgo int `json:"opensDaysAgo"`
		ClosesInDays int `json:"closesInDays"`
	} `json:"programs"`
	Transfers []struct {
		ID string `json:"id"`
		transfer.Input
		SignedDaysAgo int `json:"signedDaysAgo"`
	} `json:"transfers"`
}

// Support loads the demo support programme (published, its window open)
// and the recorded transfers, as the demo officer, through the services'
// own checks. Records already there under their id are left alone, however
// they have changed since.
func Support(ctx context.Context, st *store.Store, a *auth.Service, sup *support.Service, tr *transfer.Service, officerEmail string, raw []byte, now time.Time) (programs, transfers int, err error) {
	ctx = notify.Quietly(ctx)
	var sd supportSeed
	if err := json.Unmarshal(raw, &sd); err != nil {
		return 0, 0, fmt.Errorf("seed: support.json: %w", err)
	}
	officer, err := a.UserByEmail(ctx, officerEmail)
	if err != nil {
		return 0, 0, fmt.Errorf("seed: support needs the demo officer: %w", err)
	}
	p := &auth.Principal{User: officer}
	day := func(offset int) string { return now.AddDate(0, 0, offset).Format(time.DateOnly) }
	for _, sp := range sd.Programs {
		if loaded, err := seeded(ctx, st, support.ProgramCollection, sp.ID, "name", *sp.Name); err != nil || loaded {
			if err != nil {
				return programs, transfers, fmt.Errorf("seed: programme %q: %w", *sp.Name, err)
			}
			continue
		}
		in := sp.ProgramInput
		in.Window = &support.Window{OpensOn: day(-sp.OpensDaysAgo), ClosesOn: day(sp.ClosesInDays)}
		pr, err := sup.CreateWithID(ctx, p, sp.ID, in)
		if err != nil {
			return programs, transfers, fmt.Errorf("seed: programme %q: %w", *sp.Name, err)
		}
		if _, err := sup.Publish(ctx, p, pr.ID, 0); err != nil {
			return programs, transfers, fmt.Errorf("seed: publish programme %q: %w", *sp.Name, err)
		}
		programs++
	}
	for _, st2 := range sd.Transfers {
		if loaded, err := seeded(ctx, st, transfer.Collection, st2.ID, "title", *st2.Title); err != nil || loaded {
			if err != nil {
				return programs, transfers, fmt.Errorf("seed: transfer %q: %w", *st2.Title, err)
			}
			continue
		}
		in := st2.Input
		signed := day(-st2.SignedDaysAgo)
		in.SignedOn = &signed
		if _, err := tr.CreateWithID(ctx, p, st2.ID, in); err != nil {
			return programs, transfers, fmt.Errorf("seed: transfer %q: %w", *st2.Title, err)
		}
		transfers++
	}
	return programs, transfers, nil
}

// seeded reports whether a seed record is in the store: by its id, or, in a
// database loaded before the seed data had ids, by its original name (so
// such a database gains no second copy; one renamed there is beyond
// finding).
func seeded(ctx context.Context, st *store.Store, coll, id, field, name string) (bool, error) {
	if len(id) != 24 {
		return false, fmt.Errorf("the seed record needs a stable id of 24 hex digits, has %q", id)
	}
	// By _id, the one lookup the embedded store serves from an index: this
	// runs for every record on every start in demo mode.
	_, err := store.Get[bson.Raw](ctx, st, coll, id)
	if !errors.Is(err, store.ErrNotFound) {
		return err == nil, err
	}
	n, err := store.Count(ctx, st, coll, bson.D{{Key: field, Value: name}})
	return n > 0, err
}
