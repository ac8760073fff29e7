// Package lifecycle moves documents from state to state by a declared
// table: each step names the states it starts from, the state it leads to
// and who may take it. The same table enforces a step (one conditional
// write through store.Modify with the client's expected version, a history
// entry and an audit entry) and tells the client which steps it may take
// now (the `can` of the API), so the server and the SPA cannot disagree.
package lifecycle

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
)

// ErrInvalidTransition refuses a step from a state it does not start from.
// The domains' own invalid_transition errors match it with errors.Is.
var ErrInvalidTransition = errs.New(errs.Conflict, "invalid_transition")

// Entry is a state reached, as the history keeps it.
type Entry struct {
	State string
	At    time.Time
	By    string // the user who took the step
	Note  string
}

// Doc is a versioned document with a state. P is a pointer to it.
type Doc[T any] interface {
	*T
	store.Versioned
	// CurrentState is the state the document is in.
	CurrentState() string
	// Enter moves the document to e.State and keeps e in its history, if
	// it has one.
	Enter(e Entry)
	// Touch records that the document changed at now.
	Touch(now time.Time)
}

// Step is one row of a table: R is how a person stands to the document
// (the domain's role type), P the document.
type Step[P, R any] struct {
	Action string   // the audit action
	From   []string // the states the step starts from
	To     string   // the state it leads to; "" keeps the state
	// Who may take the step in a state (the state matters only where a
	// role's right depends on it).
	Who func(r R, state string) bool
	// Ready, optional, is what else the document must satisfy (an
	// appraisal complete, money left to pay); its error says why not.
	Ready func(d P, r R) error
}

// Table declares a document's steps by name ("submit", "accept").
type Table[P, R any] map[string]Step[P, R]

// Auditor records decisions.
type Auditor interface {
	Record(ctx context.Context, e audit.Entry) error
}

// Machine applies a table to the documents of one collection.
type Machine[T any, P Doc[T], R any] struct {
	Store *store.Store
	Coll  string
	Steps Table[P, R]
	// Role is how p stands to d; Sees says whether that role may know the
	// document exists (others get NotFound).
	Role     func(p *auth.Principal, d P) R
	Sees     func(r R) bool
	NotFound *errs.Error
	// Subject names the document in the audit log; StateKey is the name of
	// its state among the audited changes ("" leaves it out).
	Subject  func(d P) audit.Subject
	StateKey string
	Audit    Auditor
	Now      func() time.Time
}

// Check says whether p may take the named step on d now, and if not why:
// NotFound for someone who may not see d, 403 for a role that may never
// take the step, invalid_transition from a state the step does not start
// from, 403 for a role that may not take it in this state, then Ready's
// error.
func (m *Machine[T, P, R]) Check(p *auth.Principal, d P, name string) error {
	st, ok := m.Steps[name]
	if !ok {
		panic("lifecycle: no step " + name + " in the table of " + m.Coll)
	}
	r := m.Role(p, d)
	if !m.Sees(r) {
		return m.NotFound
	}
	if !slices.ContainsFunc(st.From, func(s string) bool { return st.Who(r, s) }) {
		return errs.ErrForbidden
	}
	state := d.CurrentState()
	if !slices.Contains(st.From, state) {
		return ErrInvalidTransition
	}
	if !st.Who(r, state) {
		return errs.ErrForbidden
	}
	if st.Ready != nil {
		return st.Ready(d, r)
	}
	return nil
}

// Can lists, by name, the steps p may take on d now: exactly those Check
// lets through.
func (m *Machine[T, P, R]) Can(p *auth.Principal, d P) map[string]bool {
	out := make(map[string]bool, len(m.Steps))
	for name := range m.Steps {
		out[name] = m.Check(p, d, name) == nil
	}
	return out
}

// Move is one step as a request asks for it.
type Move[P any] struct {
	Step    string // the table's name of the step
	Version int64  // the version the client read (If-Match); 0: any
	// To overrides the step's state (a decision's outcome); "" takes the
	// table's.
	To string
	// Note goes into the history entry; Reason into the audit entry.
	Note, Reason string
	// Change, optional, records what the step carries besides the state;
	// its error refuses the step.
	Change func(d P, now time.Time) error
	// Changes, optional, adds audited changes, seeing the document before
	// and after.
	Changes func(before, after P) map[string]audit.Change
}

// Apply takes a step: one conditional write that checks the step (Check),
// the expected version (store.ErrStale when another write came first; a
// missing document is NotFound),
// runs Change, moves the state with its history entry (when the state
// changes), and then one audit entry. It returns the document as written.
func (m *Machine[T, P, R]) Apply(ctx context.Context, p *auth.Principal, id string, mv Move[P]) (T, error) {
	now := m.Now().UTC()
	var before T
	doc, err := store.Modify[T, P](ctx, m.Store, m.Coll, id, mv.Version, func(d P) error {
		if err := m.Check(p, d, mv.Step); err != nil {
			return err
		}
		before = *d
		if mv.Change != nil {
			if err := mv.Change(d, now); err != nil {
				return err
			}
		}
		to := mv.To
		if to == "" {
			to = m.Steps[mv.Step].To
		}
		if to != "" && to != d.CurrentState() {
			e := Entry{State: to, At: now, Note: mv.Note}
			if p != nil {
				e.By = p.User.ID
			}
			d.Enter(e)
		}
		d.Touch(now)
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return doc, m.NotFound.Wrap(err)
	} else if err != nil {
		return doc, err
	}
	changes := map[string]audit.Change{}
	if mv.Changes != nil {
		changes = mv.Changes(&before, &doc)
	}
	if from, to := P(&before).CurrentState(), P(&doc).CurrentState(); m.StateKey != "" && from != to {
		changes[m.StateKey] = audit.Change{From: from, To: to}
	}
	if len(changes) == 0 {
		changes = nil
	}
	actor := audit.System
	if p != nil {
		actor = p.Actor()
	}
	if m.Audit != nil {
		_ = m.Audit.Record(ctx, audit.Entry{
			At: now, Actor: actor, Action: m.Steps[mv.Step].Action, Reason: mv.Reason,
			Subject: m.Subject(&doc), Changes: changes,
		})
	}
	return doc, nil
}
