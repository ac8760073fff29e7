package support

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Limits per organisation and programme: how many of an organisation's
// applications may be open (submitted and not yet decided or withdrawn:
// submitted, completeness_check, returned, appraisal) and how many may be
// approved (ever, closed files included). The officer sets both on the
// programme; DefaultPerOrganization applies otherwise.
//
// "Approved" is enforced by the decision's reservation in the programme's
// ledger — one conditional write checks the budget and counts the
// organisation's reservations together. "Open" is enforced at submission by
// a claim document per (programme, organisation) listing its open
// applications, written conditionally before the application; entries of
// applications that left the open states are dropped at the next
// submission, so no other step has to remember the claim.
const (
	DefaultPerOrganization = 1
)

// Errors with stable codes.
var (
	ErrOpenLimit     = errs.New(errs.Conflict, "open_application_limit")
	ErrApprovalLimit = errs.New(errs.Conflict, "approval_limit")
)

// openStates are the states of an application under consideration.
var openStates = []string{AppSubmitted, AppCompleteness, AppReturned, AppAppraisal}

// OpenLimit is how many open applications an organisation may have.
func (p *Program) OpenLimit() int { return orDefault(p.OpenPerOrg) }

// ApprovedLimit is how many approvals an organisation may get.
func (p *Program) ApprovedLimit() int { return orDefault(p.ApprovedPerOrg) }

// orDefault reads a limit; programmes saved before limits existed have 0.
func orDefault(n int) int {
	if n < 1 {
		return DefaultPerOrganization
	}
	return n
}

// perOrganization checks and stores a limit, when given.
func perOrganization(c *validate.Checker, field string, v *int, dst *int, r validate.Rule) {
	if v == nil {
		return
	}
	if *v < r.Min || *v > r.Max {
		c.Add(field, "out_of_range", "min", r.Min, "max", r.Max)
		return
	}
	*dst = *v
}

// claimCollection holds the claims.
const claimCollection = "support_claims"

// claim lists an organisation's open applications in one programme.
type claim struct {
	store.Meta `bson:",inline"`
	ID         string      `bson:"_id"` // programmeID:orgID
	Open       []openClaim `bson:"open"`
}

// openClaim is one application counted as open, and who counted it.
type openClaim struct {
	ApplicationID string    `bson:"applicationId"`
	Writer        string    `bson:"writer"`
	At            time.Time `bson:"at"`
}

const flightSubmit = "submit"

// claimGrace bounds how long a claim of a submission that never reached
// the application counts (far longer than a submission takes).
const claimGrace = time.Minute

// claimOpen counts application a among its organisation's open ones in
// pr, unless that would pass the programme's limits; done ends the
// in-flight mark and is called once the application is written (or not:
// a draft's entry stops counting once its writer is done, see stillOpen).
func (s *Service) claimOpen(ctx context.Context, pr *Program, a *Application) (done func(), err error) {
	mine, err := store.Find[Application](ctx, s.s, ApplicationCollection, bson.D{{Key: "orgId", Value: a.OrgID}, {Key: "programId", Value: pr.ID}})
	if err != nil {
		return nil, err
	}
	state := map[string]string{}
	approved := 0
	for _, x := range mine {
		state[x.ID] = x.State
		if x.Decision != nil && x.Decision.Outcome == AppApproved {
			approved++
		}
	}
	if approved >= pr.ApprovedLimit() {
		return nil, ErrApprovalLimit // it could never be approved
	}
	done, err = s.begin(ctx, a.ID, flightSubmit)
	if err != nil {
		return nil, err
	}
	id := pr.ID + ":" + a.OrgID
	live := s.liveness()
	_, err = store.Upsert(ctx, s.s, claimCollection, id, func(c *claim, exists bool) error {
		c.ID = id
		var kept []openClaim
		for _, e := range c.Open {
			if e.ApplicationID == a.ID {
				continue // added again below
			}
			open, err := s.stillOpen(ctx, live, e, state[e.ApplicationID])
			if err != nil {
				return err
			}
			if open {
				kept = append(kept, e)
			}
		}
		if len(kept) >= pr.OpenLimit() {
			return ErrOpenLimit
		}
		c.Open = append(kept, openClaim{ApplicationID: a.ID, Writer: s.w.instance, At: s.now().UTC()})
		return nil
	})
	if err != nil {
		done()
		return nil, err
	}
	return done, nil
}

// stillOpen decides whether a claim entry still counts. An application in
// an open state counts; one decided or withdrawn never will again. One read
// as a draft (or not at all) may be a submission in flight: it counts while
// its writer may still be writing it — and no longer than claimGrace, so a
// failed submission on another live replica frees the place soon — and
// after that by a fresh read.
func (s *Service) stillOpen(ctx context.Context, live *liveness, e openClaim, read string) (bool, error) {
	if slices.Contains(openStates, read) {
		return true, nil
	}
	if read != "" && read != AppDraft {
		return false, nil
	}
	gone, err := live.writerGone(ctx, e.Writer, flightKey(e.ApplicationID, flightSubmit), e.At)
	if err != nil {
		return true, err
	}
	if !gone && e.At.After(live.now.Add(-claimGrace)) {
		return true, nil
	}
	x, err := store.Get[Application](ctx, s.s, ApplicationCollection, e.ApplicationID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil && slices.Contains(openStates, x.State), err
}
