package task

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/validate"
)

// The advisory council of a round runs on the shared council engine
// (internal/council): the same members sit for every proposal of the
// round, except on the proposals of their own organisations (and of the
// need's owner), where the engine's conflict rule keeps them off; each
// declares about conflicts of interest and scores each proposal on the
// round's criteria; the summary ranks the proposals.

// Errors of the advisory council with stable codes.
var (
	// ErrNoCouncil refuses the approved list of a round whose proposals
	// nobody was asked to score.
	ErrNoCouncil = errs.New(errs.Conflict, "council_not_assigned")
)

// plan is what the council scores against: the round's criteria.
func (r *Round) plan() council.Plan {
	cs := make([]council.Criterion, len(r.Criteria))
	for i, c := range r.Criteria {
		cs[i] = council.Criterion{Code: c.Key, Name: c.Name, Weight: c.Weight}
	}
	return council.Plan{Criteria: cs, PassMark: r.PassMark, Required: r.Required}
}

// member reports whether userID sits on the council for the entry (one
// who stepped aside still reads it).
func (e Entry) member(userID string) bool { return council.Member(e.Reviews, userID) }

// conflicts are the organisations whose members may not score the entry.
func (e Entry) conflicts() []string { return []string{e.Proposer.ID, e.NeedOwner} }

// scored reports whether a council member has scored a proposal of r.
func (r *Round) scored() bool {
	return slices.ContainsFunc(r.Entries, func(e Entry) bool { return slices.ContainsFunc(e.Reviews, council.Review.Scored) })
}

// councilDone is nil when a council sits and has scored every proposal of r.
func (r *Round) councilDone() error {
	if len(r.Council) == 0 {
		return ErrNoCouncil
	}
	p := r.plan()
	for _, e := range r.Entries {
		if a := council.Summarize(&p, e.Reviews); a == nil || !a.Complete {
			return ErrCouncilIncomplete
		}
	}
	return nil
}

func (r *Round) mayAssign(RoundRole) error { return nil }

// seat gives the entry the council's members, but those the engine finds
// conflicted with it (a member of the proposer or of the need's owner, or
// one who stepped aside, who keeps the review declaring it).
func (r *Round) seat(e *Entry, people map[string]auth.User, by string, now time.Time) (added []string, err error) {
	var ids []string
	for _, m := range r.Council {
		u, ok := people[m.ID]
		switch {
		case slices.ContainsFunc(e.Reviews, func(x council.Review) bool { return x.ReviewerID == m.ID && x.Recused() }):
			ids = append(ids, m.ID)
		case ok && !council.Conflicted(u, e.conflicts(), e.Reviews):
			ids = append(ids, m.ID)
		}
	}
	e.Reviews, added, _, err = council.Assign("reviewerIds", e.Reviews, ids, people, by, now)
	return added, err
}

// council is r as p may read it: officers read every review and each
// proposal's summary, ranked by the council's mean; a member reads their
// own reviews only; nobody else reads any.
func (v *Proposals) council(p *auth.Principal, r Round) Round {
	staff := org.IsStaff(p)
	plan := r.plan()
	r.Entries = slices.Clone(r.Entries)
	for i := range r.Entries {
		e := &r.Entries[i]
		if staff {
			e.Appraisal = council.Summarize(&plan, e.Reviews)
			continue
		}
		mine := []council.Review{}
		for _, x := range e.Reviews {
			if p != nil && x.ReviewerID == p.User.ID {
				mine = append(mine, x)
			}
		}
		e.Reviews = mine
	}
	if staff {
		ranked := slices.Clone(r.Entries)
		slices.SortStableFunc(ranked, func(a, b Entry) int { return cmp.Compare(mean(b), mean(a)) })
		for i := range r.Entries {
			if mean(r.Entries[i]) < 0 {
				continue // not scored yet
			}
			r.Entries[i].Rank = slices.IndexFunc(ranked, func(x Entry) bool { return x.ProposalID == r.Entries[i].ProposalID }) + 1
		}
	}
	return r
}

func mean(e Entry) float64 {
	if e.Appraisal == nil || e.Appraisal.Count == 0 {
		return -1
	}
	return e.Appraisal.Mean
}

// AssignCouncil makes the people named the round's advisory council
// (officers): each an enabled account with the reviewer role, at least the
// round's Required; a member who has scored stays. Each member sits for
// every proposal but those the conflict rule keeps them off; new members
// are told.
func (v *Proposals) AssignCouncil(ctx context.Context, p *auth.Principal, id string, in CouncilInput, ifVersion int64) (RoundView, error) {
	cur, err := v.GetRound(ctx, p, id)
	if err != nil {
		return RoundView{}, err
	}
	if err := v.rounds.Check(p, &cur.Round, RoundStepCouncil); err != nil {
		return RoundView{}, err
	}
	lookup := func(uid string) (auth.User, error) { return v.d.Users.User(ctx, uid) }
	people, err := council.CheckAssignment("reviewerIds", in.ReviewerIDs, 0, nil, nil, lookup)
	var c validate.Checker
	if max := councilRules.Of("reviewerIds").Max; len(in.ReviewerIDs) > max {
		c.Add("reviewerIds", "too_many", "max", max)
	} else if len(in.ReviewerIDs) < cur.Required {
		c.Add("reviewerIds", "too_few_members", "min", cur.Required)
	}
	if err != nil {
		var e *errs.Error
		if errors.As(err, &e) && e.Kind == errs.Invalid {
			for _, f := range e.Fields {
				var params []any
				for k, x := range f.Params {
					params = append(params, k, x)
				}
				c.Add(f.Field, f.Code, params...)
			}
		} else {
			return RoundView{}, err
		}
	}
	if err := c.Err(); err != nil {
		return RoundView{}, err
	}
	var added []string
	r, err := v.rounds.Apply(ctx, p, id, lifecycle.Move[*Round]{Step: RoundStepCouncil, Version: ifVersion, Change: func(r *Round, now time.Time) error {
		r.Council = make([]Ref, len(in.ReviewerIDs))
		for i, uid := range in.ReviewerIDs {
			r.Council[i] = Ref{ID: uid, Name: people[uid].FullName}
		}
		added = nil
		for i := range r.Entries {
			a, err := r.seat(&r.Entries[i], people, p.User.ID, now)
			if err != nil {
				return err
			}
			for _, uid := range a {
				if !slices.Contains(added, uid) {
					added = append(added, uid)
				}
			}
		}
		return nil
	}, Changes: func(before, after *Round) map[string]audit.Change {
		return map[string]audit.Change{"council": {From: names(before.Council), To: names(after.Council)}}
	}})
	if err != nil {
		return RoundView{}, err
	}
	if len(added) > 0 {
		v.d.Notes.ToUsers(ctx, added, notify.Note{Kind: notify.KindTask, Link: "/tasks/rounds/" + r.ID,
			Params: map[string]string{"event": "council_assigned", "round": r.Name}})
	}
	return v.roundView(ctx, p, r)
}

func names(refs []Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

// Score records a council member's declaration and marks on one proposal
// of an open round (council.Submit: no conflict and a mark per criterion,
// or a conflict, and the member steps aside from that proposal). It may be
// sent again until the list is recorded.
func (v *Proposals) Score(ctx context.Context, p *auth.Principal, id, proposalID string, in council.ScoreInput, ifVersion int64) (RoundView, error) {
	if err := in.Check(); err != nil {
		return RoundView{}, err
	}
	r, err := v.rounds.Apply(ctx, p, id, lifecycle.Move[*Round]{Step: RoundStepScore, Version: ifVersion, Change: func(r *Round, now time.Time) error {
		i := slices.IndexFunc(r.Entries, func(e Entry) bool { return e.ProposalID == proposalID })
		if i < 0 {
			return ErrProposalNotFound
		}
		reviews, err := council.Submit(r.plan(), r.Entries[i].Reviews, p.User.ID, in, now)
		if err != nil {
			return err
		}
		r.Entries[i].Reviews = reviews
		return nil
	}, Changes: func(_, after *Round) map[string]audit.Change {
		return map[string]audit.Change{"proposal": {To: proposalID}, "declaration": {To: in.Declaration}}
	}})
	if err != nil {
		return RoundView{}, err
	}
	return v.roundView(ctx, p, r)
}

// lookupPeople finds the council's accounts, for seating new proposals.
func (v *Proposals) lookupPeople(ctx context.Context, r *Round) (map[string]auth.User, error) {
	people := map[string]auth.User{}
	for _, m := range r.Council {
		u, err := v.d.Users.User(ctx, m.ID)
		if errors.Is(err, auth.ErrUserNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		people[m.ID] = u
	}
	return people, nil
}
