package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// supportSeed is support.json: programmes and transfers with dates
// relative to the day the demo is loaded.
type supportSeed struct {
	Programs []struct {
		support.ProgramInput
		OpensDaysAgo int `json:"opensDaysAgo"`
		ClosesInDays int `json:"closesInDays"`
	} `json:"programs"`
	Transfers []struct {
		transfer.Input
		SignedDaysAgo int `json:"signedDaysAgo"`
	} `json:"transfers"`
}

// Support loads the demo support programme (published, its window open)
// and the recorded transfers, as the demo officer, through the services'
// own checks. Records already there (by name or title) are left alone.
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
		if n, err := store.Count(ctx, st, support.ProgramCollection, bson.D{{Key: "name", Value: *sp.Name}}); err != nil || n > 0 {
			if err != nil {
				return programs, transfers, err
			}
			continue
		}
		in := sp.ProgramInput
		in.Window = &support.Window{OpensOn: day(-sp.OpensDaysAgo), ClosesOn: day(sp.ClosesInDays)}
		pr, err := sup.Create(ctx, p, in)
		if err != nil {
			return programs, transfers, fmt.Errorf("seed: programme %q: %w", *sp.Name, err)
		}
		if _, err := sup.Publish(ctx, p, pr.ID, 0); err != nil {
			return programs, transfers, fmt.Errorf("seed: publish programme %q: %w", *sp.Name, err)
		}
		programs++
	}
	for _, st2 := range sd.Transfers {
		if n, err := store.Count(ctx, st, transfer.Collection, bson.D{{Key: "title", Value: *st2.Title}}); err != nil || n > 0 {
			if err != nil {
				return programs, transfers, err
			}
			continue
		}
		in := st2.Input
		signed := day(-st2.SignedDaysAgo)
		in.SignedOn = &signed
		if _, err := tr.Create(ctx, p, in); err != nil {
			return programs, transfers, fmt.Errorf("seed: transfer %q: %w", *st2.Title, err)
		}
		transfers++
	}
	return programs, transfers, nil
}
