package task

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// SelectionSpecs declare the collections the selection reads: the tasks
// (by state, for the open calls) and the dossiers (by task, by
// organisation).
var SelectionSpecs = []store.CollectionSpec{
	{Name: Collection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "state", Value: 1}, {Key: "updatedAt", Value: -1}}},
	}, Queries: []store.Query{
		{Name: "open calls", Equal: []string{"state"}, Sort: callOrder},
	}},
	{Name: DossierCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "taskId", Value: 1}, {Key: "createdAt", Value: 1}}},
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "taskId", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "a task's dossiers", Equal: []string{"taskId"}, Sort: dossierOrder},
		{Name: "an organisation's dossiers for a task", Equal: []string{"orgId", "taskId"}},
	}},
}

var (
	callOrder    = bson.D{{Key: "updatedAt", Value: -1}}
	dossierOrder = bson.D{{Key: "createdAt", Value: 1}}
)

// Errors of the call and the dossiers.
var (
	ErrCallClosed        = errs.New(errs.Conflict, "call_closed")
	ErrNotApplicant      = errs.New(errs.Forbidden, "not_an_st_organization")
	ErrDossierExists     = errs.New(errs.Conflict, "dossier_exists")
	ErrNotAssignee       = errs.New(errs.Forbidden, "not_the_assignee")
	ErrNoAssignee        = errs.New(errs.Conflict, "no_assignee")
	ErrNoDossiers        = errs.New(errs.Conflict, "no_dossiers")
	ErrCouncilIncomplete = errs.New(errs.Conflict, "council_incomplete")
	ErrNotScoring        = errs.New(errs.Conflict, "dossier_not_in_selection")
	ErrNoDecisionPaper   = errs.New(errs.Conflict, "not_issued")
)

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Users finds accounts: a council member, the officers to tell.
type Users interface {
	User(ctx context.Context, id string) (auth.User, error)
	WithRole(ctx context.Context, role string) ([]auth.User, error)
}

// Notifier tells people what waits for them.
type Notifier interface {
	ToUsers(ctx context.Context, userIDs []string, n notify.Note)
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// SelectionDeps are the selection service's dependencies.
type SelectionDeps struct {
	Orgs   Orgs
	Users  Users
	Notes  Notifier // nil: nobody is told
	Audit  lifecycle.Auditor
	Office paper.Office
	Log    *slog.Logger
	Now    func() time.Time // the platform's clock; nil: time.Now
}

// Selection finds who performs an ordered task (items 3 and 4 of the
// procedure): the call or the direct assignment, the dossiers, the
// selection council, the budget appraisal and the approval decision.
type Selection struct {
	s        *store.Store
	tasks    *lifecycle.Machine[Task, *Task, Role]
	dossiers *lifecycle.Machine[Dossier, *Dossier, DossierRole]
	orgs     Orgs
	users    Users
	notes    Notifier
	audit    lifecycle.Auditor
	office   paper.Office
	log      *slog.Logger
	now      func() time.Time
}

// NewSelection builds the selection service on s.
func NewSelection(s *store.Store, d SelectionDeps) *Selection {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Selection{s: s, tasks: Machine(s, d.Audit, d.Now), dossiers: dossierMachine(s, d.Audit, d.Now),
		orgs: d.Orgs, users: d.Users, notes: d.Notes, audit: d.Audit, office: d.Office, log: d.Log, now: d.Now}
}

// OpenInput opens an ordered task: for selection, the call's window and
// how its council scores (the criteria are data the officer enters, as the
// circulars in force set them); a direct assignment needs none of it.
type OpenInput struct {
	Opens  string `json:"opens" rule:"format=date" doc:"selection: the call's first day (Vietnam)"`
	Closes string `json:"closes" rule:"format=date" doc:"selection: the call's last day (Vietnam)"`
	// Criteria the council scores on (weights add up to 100), the pass
	// mark of a dossier's mean total, and how many members must score
	// each dossier.
	Criteria []council.Criterion `json:"criteria" rule:"required,max=12"`
	PassMark int                 `json:"passMark" rule:"min=0,max=100"`
	Required int                 `json:"required" rule:"required,min=1,max=15"`
	Note     string              `json:"note" rule:"max=2000"`
}

var openRules = validate.RulesOf[OpenInput]()

// Open takes an ordered task to its call (selection: the window opens
// the dossiers) or to its assignee (direct: the order's organisation
// becomes the performer and prepares its dossier).
func (s *Selection) Open(ctx context.Context, p *auth.Principal, id string, in OpenInput, ifVersion int64) (Task, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return t, err
	}
	if err := s.tasks.Check(p, &t, StepOpen); err != nil {
		return t, err
	}
	var c validate.Checker
	in.Note = validate.Multiline(in.Note)
	c.Optional("note", in.Note, openRules.Of("note").Max)
	plan := council.Plan{Criteria: council.CheckCriteria(&c, "criteria", in.Criteria, openRules.Of("criteria").Max), PassMark: in.PassMark, Required: in.Required}
	if len(plan.Criteria) == 0 {
		c.Add("criteria", "required")
	} else if !c.Has("criteria") {
		council.CheckWeights(&c, "criteria", plan.Criteria)
	}
	if r := openRules.Of("passMark"); in.PassMark < r.Min || in.PassMark > r.Max {
		c.Add("passMark", "out_of_range", "min", r.Min, "max", r.Max)
	}
	if r := openRules.Of("required"); in.Required < r.Min || in.Required > r.Max {
		c.Add("required", "out_of_range", "min", r.Min, "max", r.Max)
	}
	var win *Window
	to := StateCallOpen
	switch t.Order.Mode {
	case ModeDirect:
		if t.Order.Assignee == nil || t.Order.Assignee.ID == "" {
			return t, ErrNoAssignee
		}
		to = StateAssigned
	default:
		today := calendar.Day(s.now())
		if in.Opens == "" {
			c.Add("opens", "required")
		}
		if in.Closes == "" {
			c.Add("closes", "required")
		}
		_, okOpen := c.Date("opens", in.Opens)
		_, okClose := c.Date("closes", in.Closes)
		if okClose && in.Closes < today {
			c.Add("closes", "not_in_future")
		} else if okOpen && okClose && in.Closes < in.Opens {
			c.Add("closes", "before_opening")
		}
		win = &Window{Opens: in.Opens, Closes: in.Closes}
	}
	if err := c.Err(); err != nil {
		return t, err
	}
	t, err = s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepOpen, Version: ifVersion, To: to, Note: in.Note,
		Change: func(t *Task, _ time.Time) error {
			t.Selection = &SelectionCouncil{Plan: plan, Members: []Ref{}, Dossiers: []DossierReviews{}}
			if to == StateAssigned {
				a := *t.Order.Assignee
				t.Performer = &a
				return nil
			}
			t.Call = win
			return nil
		}})
	if err != nil {
		return t, err
	}
	if to == StateAssigned {
		s.tellOrgs(ctx, p, []string{t.Performer.ID}, t, "assigned", nil)
	}
	return t, nil
}

// CloseCall ends the call (or the assignee's preparation): the submitted
// dossiers go to the selection council.
func (s *Selection) CloseCall(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Task, error) {
	t, err := s.Get(ctx, p, id)
	if err != nil {
		return t, err
	}
	if err := s.tasks.Check(p, &t, StepCloseCall); err != nil {
		return t, err
	}
	ds, err := s.taskDossiers(ctx, id)
	if err != nil {
		return t, err
	}
	var in []DossierReviews
	for _, d := range ds {
		if d.State == DossierSubmitted {
			in = append(in, DossierReviews{DossierID: d.ID, OrgID: d.OrgID, OrgName: d.OrgName, Reviews: []council.Review{}})
		}
	}
	if len(in) == 0 {
		return t, ErrNoDossiers
	}
	return s.tasks.Apply(ctx, p, id, lifecycle.Move[*Task]{Step: StepCloseCall, Version: ifVersion, Change: func(t *Task, _ time.Time) error {
		if t.Selection == nil {
			return ErrCouncilIncomplete
		}
		t.Selection.Dossiers = in
		return nil
	}})
}

// Get reads a task p may know of.
func (s *Selection) Get(ctx context.Context, p *auth.Principal, id string) (Task, error) {
	t, err := store.Get[Task](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, ErrNotFound.Wrap(err)
	} else if err != nil {
		return t, err
	}
	if !RoleOf(p, &t).Sees() {
		return Task{}, ErrNotFound
	}
	return t, nil
}

// Calls lists the open calls, newest change first: anyone may read them.
func (s *Selection) Calls(ctx context.Context) ([]Task, error) {
	return store.Find[Task](ctx, s.s, Collection, bson.D{{Key: "state", Value: StateCallOpen}}, options.Find().SetSort(callOrder))
}

// open reports whether the call of t takes dossiers today: a call in its
// window, or a direct assignment before it is closed.
func (s *Selection) open(t *Task) bool {
	switch t.State {
	case StateAssigned:
		return true
	case StateCallOpen:
		today := calendar.Day(s.now())
		return t.Call != nil && t.Call.Opens <= today && today <= t.Call.Closes
	}
	return false
}

// officers lists the enabled officers' ids.
func (s *Selection) officers(ctx context.Context) []string {
	us, err := s.users.WithRole(ctx, auth.RoleOfficer)
	if err != nil {
		s.log.Warn("task: officers not notified", "err", err)
		return nil
	}
	ids := make([]string, 0, len(us))
	for _, u := range us {
		if !u.Disabled {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// note is a notification about t, linking its page (page: "/selection",
// "/contract"). The performer is named {org} unless params name another.
func note(t Task, page, event string, params map[string]string) notify.Note {
	ps := map[string]string{"event": event, "code": t.Code, "title": t.Title}
	if t.Performer != nil {
		ps["org"] = t.Performer.Name
	}
	maps.Copy(ps, params)
	return notify.Note{Kind: notify.KindTask, Params: ps, Link: "/tasks/" + t.ID + page}
}

func (s *Selection) tellUsers(ctx context.Context, ids []string, t Task, event string, params map[string]string) {
	if s.notes != nil && len(ids) > 0 {
		s.notes.ToUsers(ctx, ids, note(t, "/selection", event, params))
	}
}

func (s *Selection) tellOrgs(ctx context.Context, p *auth.Principal, orgIDs []string, t Task, event string, params map[string]string) {
	if s.notes != nil && len(orgIDs) > 0 {
		except := ""
		if p != nil {
			except = p.User.ID
		}
		s.notes.ToOrgs(ctx, orgIDs, except, note(t, "/selection", event, params))
	}
}

// record adds an entry to the audit log (a step's entries are the
// lifecycle's).
func (s *Selection) record(ctx context.Context, e audit.Entry) {
	if s.audit != nil {
		if err := s.audit.Record(ctx, e); err != nil {
			s.log.Warn("task: audit entry not recorded", "action", e.Action, "err", err)
		}
	}
}
