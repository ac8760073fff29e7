package task

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// TrancheInput is one tranche as an officer records it.
type TrancheInput struct {
	Amount int64  `json:"amount"`
	On     string `json:"on" rule:"required,format=date"`
	Note   string `json:"note" rule:"max=1000"`
}

var trancheRules = validate.RulesOf[TrancheInput]()

// tranches are the tranches paid under the contract.
func (c *Contract) tranches() []ledger.Tranche { return c.Hold.Tranches }

// Disburse records a tranche paid under the contract (officers). The
// contract's amount is held in the ledger at signing; the tranche is paid
// against that hold in one conditional write of the contract, so the
// tranches never pass the amount whatever the concurrency (409
// above_approved). The same Idempotency-Key with the same request counts
// once; with another request it is refused (422 idempotency_key_reused).
func (x *Execution) Disburse(ctx context.Context, p *auth.Principal, id, key string, in TrancheInput) (ContractView, error) {
	var c validate.Checker
	key = strings.TrimSpace(key)
	if len(key) > 200 {
		c.Add("Idempotency-Key", "too_long", "max", 200)
	}
	if in.Amount <= 0 {
		c.Add("amount", "not_positive")
	}
	on := x.day(&c, "on", in.On)
	if on != "" && on > calendar.Day(x.now()) {
		c.Add("on", "in_future")
	}
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, trancheRules.Of("note").Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	if key == "" {
		key = store.NewID()
	}
	t, err := x.get(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	if err := x.tasks.Check(p, &t, StepDisburse); err != nil {
		return ContractView{}, err
	}
	if t.ContractID == "" {
		return ContractView{}, ErrContractNotFound
	}
	now := x.now()
	tr := ledger.Tranche{Key: key, Fingerprint: ledger.Fingerprint("task.disburse", in.Amount, on, in.Note),
		Amount: in.Amount, On: on, Note: in.Note, By: p.User.ID, At: now}
	k, err := store.Modify(ctx, x.s, ContractCollection, t.ContractID, 0, func(k *Contract) error {
		if on < k.SignedOn {
			return fieldErr("on", "before_contract")
		}
		if err := k.Hold.Pay(tr); err != nil {
			return err
		}
		k.UpdatedAt = now
		return nil
	})
	if errors.Is(err, ledger.ErrRepeat) {
		// The same request again: the same answer, nothing written.
		return x.Contract(ctx, p, id)
	} else if err != nil {
		return ContractView{}, err
	}
	amount := strconv.FormatInt(in.Amount, 10)
	x.record(ctx, p, Steps[StepDisburse].Action, t, on+": "+amount+" VND", nil)
	x.tellPerformer(ctx, p, t, "disbursed", map[string]string{"amount": amount, "on": on})
	return x.view(p, t, &k), nil
}

// hold is the ledger's hold of a new contract: its whole amount.
func hold(amount int64) ledger.Hold {
	return ledger.Hold{Amount: amount, Key: "contract", Tranches: []ledger.Tranche{}}
}
