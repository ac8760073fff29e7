package lifecycle_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

// dossier is a small document under a lifecycle: draft → sent → done, or
// dropped from draft or sent.
type dossier struct {
	store.Meta `bson:",inline"`
	ID         string            `bson:"_id"`
	Owner      string            `bson:"owner"`
	State      string            `bson:"state"`
	Comment    string            `bson:"comment"`
	History    []lifecycle.Entry `bson:"history"`
	UpdatedAt  time.Time         `bson:"updatedAt"`
}

func (d *dossier) CurrentState() string { return d.State }
func (d *dossier) Enter(e lifecycle.Entry) {
	d.State = e.State
	d.History = append(d.History, e)
}
func (d *dossier) Touch(now time.Time) { d.UpdatedAt = now }

// role: the dossier's owner, or a clerk who handles it.
type role struct{ owner, clerk bool }

var errNoComment = errs.New(errs.Conflict, "no_comment")

var table = lifecycle.Table[*dossier, role]{
	"send": {Action: "dossier.send", From: []string{"draft"}, To: "sent", Who: func(r role, _ string) bool { return r.owner }},
	"finish": {Action: "dossier.finish", From: []string{"sent"}, To: "done", Who: func(r role, _ string) bool { return r.clerk },
		Ready: func(d *dossier, _ role) error {
			if d.Comment == "" {
				return errNoComment
			}
			return nil
		}},
	// The owner drops a draft; once sent, only the clerk.
	"drop":    {Action: "dossier.drop", From: []string{"draft", "sent"}, To: "dropped", Who: func(r role, s string) bool { return r.clerk || (r.owner && s == "draft") }},
	"comment": {Action: "dossier.comment", From: []string{"sent"}, Who: func(r role, _ string) bool { return r.clerk }},
}

type auditLog struct {
	mu      sync.Mutex
	entries []audit.Entry
}

func (l *auditLog) Record(_ context.Context, e audit.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	return nil
}

var errNotFound = errs.New(errs.NotFound, "dossier_not_found")

func machine(t *testing.T) (*lifecycle.Machine[dossier, *dossier, role], *auditLog) {
	s := storetest.New(t)
	if err := s.Ensure(context.Background(), store.CollectionSpec{Name: "dossiers"}); err != nil {
		t.Fatal(err)
	}
	log := &auditLog{}
	return &lifecycle.Machine[dossier, *dossier, role]{
		Store: s, Coll: "dossiers", Steps: table,
		Role: func(p *auth.Principal, d *dossier) role {
			return role{owner: p.User.ID == d.Owner, clerk: p.User.HasRole(auth.RoleOfficer)}
		},
		Sees:     func(r role) bool { return r.owner || r.clerk },
		NotFound: errNotFound,
		Subject:  func(d *dossier) audit.Subject { return audit.Subject{Type: "dossier", ID: d.ID} },
		StateKey: "state",
		Audit:    log,
		Now:      func() time.Time { return time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC) },
	}, log
}

func person(id string, roles ...string) *auth.Principal {
	return &auth.Principal{User: auth.User{ID: id, Roles: roles}}
}

var (
	owner    = person("u-owner")
	clerk    = person("u-clerk", auth.RoleOfficer)
	stranger = person("u-stranger")
)

func TestApply(t *testing.T) {
	cases := []struct {
		name    string
		state   string
		comment string
		who     *auth.Principal
		step    string
		version int64 // 0: any; otherwise compared with the stored 1
		want    error // nil: the step lands
		to      string
	}{
		{"owner sends a draft", "draft", "", owner, "send", 0, nil, "sent"},
		{"with the version read", "draft", "", owner, "send", 1, nil, "sent"},
		{"a stale version", "draft", "", owner, "send", 7, store.ErrStale, ""},
		{"not from sent", "sent", "", owner, "send", 0, lifecycle.ErrInvalidTransition, ""},
		{"a clerk never sends", "draft", "", clerk, "send", 0, errs.ErrForbidden, ""},
		{"a stranger learns nothing", "draft", "", stranger, "send", 7, errNotFound, ""},
		{"not ready", "sent", "", clerk, "finish", 0, errNoComment, ""},
		{"ready", "sent", "seen", clerk, "finish", 0, nil, "done"},
		{"owner drops a draft", "draft", "", owner, "drop", 0, nil, "dropped"},
		{"owner may not drop once sent", "sent", "", owner, "drop", 0, errs.ErrForbidden, ""},
		{"clerk drops a sent one", "sent", "", clerk, "drop", 0, nil, "dropped"},
		{"nothing from the end", "done", "", clerk, "drop", 0, lifecycle.ErrInvalidTransition, ""},
		{"a step that keeps the state", "sent", "", clerk, "comment", 0, nil, "sent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, log := machine(t)
			ctx := context.Background()
			d := dossier{ID: "d1", Owner: owner.User.ID, State: tc.state, Comment: tc.comment, History: []lifecycle.Entry{}}
			if err := store.Insert(ctx, m.Store, m.Coll, &d); err != nil {
				t.Fatal(err)
			}
			// can says what the rules allow; the version is the request's.
			if can, want := m.Can(tc.who, &d)[tc.step], tc.want == nil || tc.want == store.ErrStale; can != want {
				t.Fatalf("can %s = %v, want %v", tc.step, can, want)
			}
			got, err := m.Apply(ctx, tc.who, "d1", lifecycle.Move[*dossier]{Step: tc.step, Version: tc.version, Note: "n", Reason: "r"})
			stored, _ := store.Get[dossier](ctx, m.Store, m.Coll, "d1")
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("err = %v, want %v", err, tc.want)
				}
				if stored.Version != 1 || stored.State != tc.state || len(stored.History) != 0 || len(log.entries) != 0 {
					t.Fatalf("a refused step wrote: %+v, audit %v", stored, log.entries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tc.to || stored.State != tc.to || stored.Version != 2 || !stored.UpdatedAt.Equal(m.Now()) {
				t.Fatalf("after %s: returned %+v, stored %+v", tc.step, got, stored)
			}
			wantHistory := 1
			if tc.to == tc.state {
				wantHistory = 0
			}
			if len(stored.History) != wantHistory || (wantHistory == 1 && stored.History[0] != lifecycle.Entry{State: tc.to, At: m.Now(), By: tc.who.User.ID, Note: "n"}) {
				t.Fatalf("history: %+v", stored.History)
			}
			if len(log.entries) != 1 {
				t.Fatalf("audit entries: %+v", log.entries)
			}
			e := log.entries[0]
			if e.Action != table[tc.step].Action || e.Reason != "r" || e.Actor.ID != tc.who.User.ID || e.Subject.ID != "d1" {
				t.Fatalf("audit entry: %+v", e)
			}
			if ch, ok := e.Changes["state"]; (tc.to != tc.state) != ok || (ok && (ch.From != tc.state || ch.To != tc.to)) {
				t.Fatalf("audited changes: %+v", e.Changes)
			}
		})
	}
}

// Many people taking steps on one dossier at once: exactly one lands, the
// others are refused (the state moved on), and one history entry and one
// audit entry are written.
func TestConcurrentStepsOneWins(t *testing.T) {
	m, log := machine(t)
	ctx := context.Background()
	if err := store.Insert(ctx, m.Store, m.Coll, &dossier{ID: "d1", Owner: owner.User.ID, State: "sent", Comment: "ok", History: []lifecycle.Entry{}}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errsOf := make([]error, 20)
	for i := range errsOf {
		wg.Add(1)
		go func() {
			defer wg.Done()
			step := "finish"
			if i%2 == 1 {
				step = "drop"
			}
			_, errsOf[i] = m.Apply(ctx, clerk, "d1", lifecycle.Move[*dossier]{Step: step})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errsOf {
		switch {
		case err == nil:
			won++
		case errors.Is(err, lifecycle.ErrInvalidTransition):
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	stored, _ := store.Get[dossier](ctx, m.Store, m.Coll, "d1")
	if won != 1 || len(stored.History) != 1 || len(log.entries) != 1 || stored.Version != 2 {
		t.Fatalf("%d won; history %+v; %d audit entries; version %d", won, stored.History, len(log.entries), stored.Version)
	}
}

func TestApplyMissingDocument(t *testing.T) {
	m, _ := machine(t)
	if _, err := m.Apply(context.Background(), owner, "nope", lifecycle.Move[*dossier]{Step: "send"}); !errors.Is(err, errNotFound) {
		t.Fatalf("err = %v, want the machine's NotFound", err)
	}
}
