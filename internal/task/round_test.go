package task

import (
	"errors"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	var e *errs.Error
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestCheckCriteria(t *testing.T) {
	var c validate.Checker
	checkCriteria(&c, []Criterion{{Key: "a", Name: "Tính cấp thiết", Weight: 60}, {Key: "a", Name: "X", Weight: 0}})
	got := fieldCodes(c.Err())
	if got["criteria.1.key"] != "duplicate" || got["criteria.1.name"] != "too_short" || got["criteria.1.weight"] != "out_of_range" || got["criteria"] != "weights_not_100" {
		t.Errorf("problems: %v", got)
	}
	var ok validate.Checker
	if out := checkCriteria(&ok, []Criterion{{Key: " need ", Name: "Tính  cấp thiết", Weight: 100}}); ok.Err() != nil || out[0].Key != "need" || out[0].Name != "Tính cấp thiết" {
		t.Errorf("a good criterion: %v %v", out, ok.Err())
	}
}

func TestProposalComplete(t *testing.T) {
	d := Proposal{Title: "Bảo quản quýt tươi", Kind: KindPilot, Urgency: UrgencyHigh, Objectives: "x", Content: "x", Products: "x", Application: "x",
		Months: 12, Budget: Budget{State: 0, Other: 5}}
	if got := fieldCodes(d.complete()); len(got) != 1 || got["budget.otherSources"] != "required" {
		t.Errorf("other sources unnamed: %v", got)
	}
	d.Budget.OtherSources = "Doanh nghiệp đối ứng"
	if err := d.complete(); err != nil {
		t.Errorf("complete: %v", err)
	}
	d.Budget = Budget{}
	if got := fieldCodes(d.complete()); got["budget.state"] != "required" {
		t.Errorf("no money: %v", got)
	}
}

// The council sits for every proposal but those of a member's own
// organisation or of the need's owner; the list waits until every seated
// member has scored or stepped aside, with at least Required marks.
func TestRoundCouncil(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	r := &Round{Required: 1, PassMark: 50, Criteria: []Criterion{{Key: "need", Name: "Tính cấp thiết", Weight: 100}},
		Council: []Ref{{ID: "u1"}, {ID: "u2"}},
		Entries: []Entry{{ProposalID: "p1", Proposer: Ref{ID: "commune"}, NeedOwner: "ent"}, {ProposalID: "p2", Proposer: Ref{ID: "inst"}}}}
	people := map[string]auth.User{
		"u1": {ID: "u1", FullName: "A", Roles: []string{auth.RoleReviewer}, Orgs: []string{"ent"}},
		"u2": {ID: "u2", FullName: "B", Roles: []string{auth.RoleReviewer}, Orgs: []string{"uni"}},
	}
	for i := range r.Entries {
		if _, err := r.seat(&r.Entries[i], people, "officer", now); err != nil {
			t.Fatal(err)
		}
	}
	if r.Entries[0].member("u1") || !r.Entries[0].member("u2") || !r.Entries[1].member("u1") {
		t.Fatalf("seats: %+v", r.Entries)
	}
	if !r.councilMember("u1") || r.councilMember("u3") {
		t.Error("council membership")
	}
	if err := r.councilDone(); !errors.Is(err, ErrCouncilIncomplete) {
		t.Fatalf("before scoring: %v", err)
	}
	mark := council.ScoreInput{Declaration: council.NoConflict, Scores: []council.Score{{Code: "need", Score: 8}}}
	var err error
	if r.Entries[0].Reviews, err = council.Submit(r.plan(), r.Entries[0].Reviews, "u2", mark, now); err != nil {
		t.Fatal(err)
	}
	if r.Entries[1].Reviews, err = council.Submit(r.plan(), r.Entries[1].Reviews, "u1", mark, now); err != nil {
		t.Fatal(err)
	}
	if err := r.councilDone(); !errors.Is(err, ErrCouncilIncomplete) {
		t.Fatalf("u2 has not scored p2: %v", err)
	}
	if r.Entries[1].Reviews, err = council.Submit(r.plan(), r.Entries[1].Reviews, "u2", council.ScoreInput{Declaration: council.Conflict}, now); err != nil {
		t.Fatal(err)
	}
	if err := r.councilDone(); err != nil || !r.scored() {
		t.Fatalf("done: %v", err)
	}
	// Seating again keeps the one who stepped aside on record.
	if _, err := r.seat(&r.Entries[1], people, "officer", now); err != nil || !r.Entries[1].Reviews[1].Recused() {
		t.Errorf("reseated: %v %+v", err, r.Entries[1].Reviews)
	}
	if err := (&Round{}).councilDone(); !errors.Is(err, ErrNoCouncil) {
		t.Errorf("no council: %v", err)
	}
}
