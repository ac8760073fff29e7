package seed

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/store"
)

// Plans loads the demo's plans (plan.json, each under its stable id) as
// the demo officer through the plan service's checks. A plan already
// there is left alone, however it changed since; no reporting year is
// opened, so nobody is notified.
func Plans(ctx context.Context, st *store.Store, a *auth.Service, plans *plan.Service, officerEmail string, raw []byte) (int, error) {
	ctx = notify.Quietly(ctx)
	var sd struct {
		Plans []struct {
			ID string `json:"id"`
			plan.Input
		} `json:"plans"`
	}
	if err := json.Unmarshal(raw, &sd); err != nil {
		return 0, fmt.Errorf("seed: plan.json: %w", err)
	}
	officer, err := a.UserByEmail(ctx, officerEmail)
	if err != nil {
		return 0, fmt.Errorf("seed: plans need the demo officer: %w", err)
	}
	p := &auth.Principal{User: officer}
	n := 0
	for _, sp := range sd.Plans {
		if loaded, err := seeded(ctx, st, plan.Collection, sp.ID, "number", *sp.Number); err != nil {
			return n, fmt.Errorf("seed: plan %q: %w", *sp.Number, err)
		} else if loaded {
			continue
		}
		if _, err := plans.CreateWithID(ctx, p, sp.ID, sp.Input); err != nil {
			return n, fmt.Errorf("seed: plan %q: %w", *sp.Number, err)
		}
		n++
	}
	return n, nil
}
