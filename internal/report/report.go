// Package report runs the agencies' annual reports on a plan — one per
// agency and reporting year, with the platform's own figures pre-filled and
// linked to the records counted — through draft → submitted → (returned →
// submitted) → accepted, and builds from them the department's provincial
// report to the People's Committee as HTML, PDF, DOCX and XLSX.
package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/lifecycle"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Collection holds the agencies' reports.
const Collection = "plan_reports"

var order = bson.D{{Key: "year", Value: -1}, {Key: "agencyName", Value: 1}}

// Spec declares the collection and the queries its lists make.
var Spec = store.CollectionSpec{Name: Collection,
	Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "planId", Value: 1}, {Key: "year", Value: -1}, {Key: "agencyName", Value: 1}}},
		{Keys: bson.D{{Key: "orgId", Value: 1}, {Key: "year", Value: -1}, {Key: "agencyName", Value: 1}}},
		{Keys: bson.D{{Key: "year", Value: -1}, {Key: "agencyName", Value: 1}}},
	},
	Queries: []store.Query{
		{Name: "a plan's (officers)", Equal: []string{"planId"}, Sort: order},
		{Name: "an agency's", Equal: []string{"orgId"}, Sort: order},
		{Name: "all (officers; reminders)", Sort: order},
	}}

// States.
const (
	Draft     = "draft"
	Submitted = "submitted"
	Returned  = "returned"
	Accepted  = "accepted"
)

// States lists them.
var States = []string{Draft, Submitted, Returned, Accepted}

// Statuses an agency gives a target.
var Statuses = []string{"achieved", "on_track", "at_risk", "behind"}

// Steps of the table.
const (
	StepEdit   = "edit"
	StepSubmit = "submit"
	StepReturn = "return"
	StepAccept = "accept"
)

// Audit actions.
const (
	ActionEdit   = "report.edit"
	ActionSubmit = "report.submit"
	ActionReturn = "report.return"
	ActionAccept = "report.accept"
)

// Errors with stable codes.
var (
	ErrNotFound          = errs.New(errs.NotFound, "report_not_found")
	ErrNotReporter       = errs.New(errs.Forbidden, "not_a_reporting_agency")
	ErrInvalidTransition = lifecycle.ErrInvalidTransition
)

// FileRef is an evidence file.
type FileRef struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
}

// Counted is the platform's figure for a target, frozen when the report is
// submitted.
type Counted struct {
	Value      int64         `bson:"value" json:"value"`
	Cumulative int64         `bson:"cumulative" json:"cumulative"`
	Records    []plan.Record `bson:"records" json:"records"`
	At         time.Time     `bson:"at" json:"at"`
}

// Item is the report on one target.
type Item struct {
	Target      string   `bson:"target" json:"target"`
	Indicator   string   `bson:"indicator" json:"indicator"`
	IndicatorEN string   `bson:"indicatorEn,omitempty" json:"indicatorEn,omitempty"`
	Unit        string   `bson:"unit" json:"unit"`
	UnitEN      string   `bson:"unitEn,omitempty" json:"unitEn,omitempty"`
	Role        string   `bson:"role" json:"role"` // responsible | cooperating
	Source      string   `bson:"source" json:"source"`
	Counted     *Counted `bson:"counted,omitempty" json:"counted,omitempty"`
	// Value and Cumulative are what the agency reports for a reported
	// target; for a counted one they are the platform's and cannot be set.
	Value        *int64    `bson:"value,omitempty" json:"value,omitempty"`
	Cumulative   *int64    `bson:"cumulative,omitempty" json:"cumulative,omitempty"`
	Status       string    `bson:"status,omitempty" json:"status,omitempty"`
	Done         string    `bson:"done,omitempty" json:"done,omitempty"`
	Difficulties string    `bson:"difficulties,omitempty" json:"difficulties,omitempty"`
	Proposals    string    `bson:"proposals,omitempty" json:"proposals,omitempty"`
	Note         string    `bson:"note,omitempty" json:"note,omitempty"` // where the agency disagrees with a counted figure
	Files        []FileRef `bson:"files" json:"files"`
}

// Section is a free section of the report.
type Section struct {
	Title string `bson:"title" json:"title" rule:"min=2,max=200"`
	Body  string `bson:"body" json:"body" rule:"max=20000"`
}

// Report is an agency's report on a plan for one reporting year.
type Report struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id" json:"id"`
	PlanID     string `bson:"planId" json:"planId"`
	PlanNumber string `bson:"planNumber" json:"planNumber"`
	Year       int    `bson:"year" json:"year"`
	AgencyCode string `bson:"agencyCode" json:"agencyCode"`
	AgencyName string `bson:"agencyName" json:"agencyName"`
	// AgencyNameEN is the agency's English name as the plan gives it.
	AgencyNameEN string            `bson:"agencyNameEn,omitempty" json:"agencyNameEn,omitempty"`
	OrgID        string            `bson:"orgId" json:"orgId"`
	State        string            `bson:"state" json:"state" rule:"enum=ReportState"`
	Items        []Item            `bson:"items" json:"items"`
	Sections     []Section         `bson:"sections" json:"sections"`
	Reason       string            `bson:"reason,omitempty" json:"reason,omitempty"` // why it was last returned
	History      []lifecycle.Entry `bson:"history" json:"history"`
	Reminded     []int             `bson:"reminded" json:"-"` // days before the deadline a reminder went out
	SubmittedAt  *time.Time        `bson:"submittedAt,omitempty" json:"submittedAt,omitempty"`
	CreatedAt    time.Time         `bson:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time         `bson:"updatedAt" json:"updatedAt"`
	// Answered per reader.
	DueDay  string          `bson:"-" json:"dueDay"`
	Overdue bool            `bson:"-" json:"overdue"`
	Can     map[string]bool `bson:"-" json:"can"`
}

func (r *Report) CurrentState() string { return r.State }
func (r *Report) Enter(e lifecycle.Entry) {
	r.State = e.State
	r.History = append(r.History, e)
}
func (r *Report) Touch(now time.Time) { r.UpdatedAt = now }

// Role is how a person stands to a report.
type Role string

const (
	RoleNone   Role = ""
	RoleMember Role = "member" // a member of the reporting agency
	RoleStaff  Role = "staff"  // the department
)

func member(r Role, _ string) bool { return r == RoleMember }
func staff(r Role, _ string) bool  { return r == RoleStaff }

// Orgs finds organisations.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Notifier delivers notifications.
type Notifier interface {
	ToUsers(ctx context.Context, userIDs []string, n notify.Note)
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// Users finds the department's officers.
type Users interface {
	WithRole(ctx context.Context, role string) ([]auth.User, error)
}

// Office is who issues the provincial report.
type Office struct {
	ProvinceVI, ProvinceEN string
	Signer                 string
}

// Service runs reports.
type Service struct {
	s       *store.Store
	plans   *plan.Service
	orgs    Orgs
	counter plan.Counter
	notes   Notifier
	users   Users
	office  Office
	log     *slog.Logger
	now     func() time.Time
	m       *lifecycle.Machine[Report, *Report, Role]
}

// Deps are the service's parts.
type Deps struct {
	Plans   *plan.Service
	Orgs    Orgs
	Counter plan.Counter
	Notes   Notifier
	Users   Users
	Audit   lifecycle.Auditor
	Office  Office
	Log     *slog.Logger
	Now     func() time.Time
}

// New returns the service.
func New(s *store.Store, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	svc := &Service{s: s, plans: d.Plans, orgs: d.Orgs, counter: d.Counter, notes: d.Notes, users: d.Users, office: d.Office, log: d.Log, now: d.Now}
	svc.m = &lifecycle.Machine[Report, *Report, Role]{
		Store: s, Coll: Collection, NotFound: ErrNotFound, StateKey: "state", Audit: d.Audit, Now: d.Now,
		Steps: lifecycle.Table[*Report, Role]{
			StepEdit:   {Action: ActionEdit, From: []string{Draft, Returned}, Who: member},
			StepSubmit: {Action: ActionSubmit, From: []string{Draft, Returned}, To: Submitted, Who: member, Ready: svc.ready},
			StepReturn: {Action: ActionReturn, From: []string{Submitted}, To: Returned, Who: staff},
			StepAccept: {Action: ActionAccept, From: []string{Submitted}, To: Accepted, Who: staff},
		},
		Role: svc.roleOf,
		Sees: func(r Role) bool { return r != RoleNone },
		Subject: func(r *Report) audit.Subject {
			return audit.Subject{Type: "report", ID: r.ID, Name: r.AgencyName + " " + strconv.Itoa(r.Year)}
		},
	}
	return svc
}

// roleOf is how p stands to r: an officer, a member of the reporting
// agency's organisation, or nobody.
func (s *Service) roleOf(p *auth.Principal, r *Report) Role {
	switch {
	case p == nil:
		return RoleNone
	case org.IsStaff(p):
		return RoleStaff
	case slices.Contains(p.User.Orgs, r.OrgID):
		return RoleMember
	}
	return RoleNone
}

// ready refuses a submission before the period opens or with a target
// without a status.
func (s *Service) ready(r *Report, _ Role) error {
	var c validate.Checker
	for i, it := range r.Items {
		if it.Status == "" {
			c.Add("items."+strconv.Itoa(i)+".status", "required")
		}
		if it.Source == plan.SourceReported && it.Role == "responsible" && it.Value == nil {
			c.Add("items."+strconv.Itoa(i)+".value", "required")
		}
	}
	return c.Err()
}

// ID is the report of an agency for a plan's year: one id per triple, so
// opening a year twice, or two officers at once, make one report.
func ID(planID string, year int, agency string) string {
	h := sha256.Sum256([]byte(planID + "|" + strconv.Itoa(year) + "|" + agency))
	return hex.EncodeToString(h[:12])
}

// Open opens year in.Year of a plan and gives each reporting agency its
// draft, with the platform's figures filled in (officers).
func (s *Service) Open(ctx context.Context, p *auth.Principal, planID string, in plan.OpenInput) (plan.Plan, error) {
	pl, _, err := s.plans.Open(ctx, p, planID, in)
	if err != nil {
		return pl, err
	}
	tally := &lazyTally{c: s.counter} // one reading of the records for every agency
	for _, a := range pl.Reporters() {
		if _, err := s.start(ctx, pl, in.Year, a, tally); err != nil {
			return pl, err
		}
	}
	return pl, nil
}

// start makes the draft of agency a for a year unless it exists.
func (s *Service) start(ctx context.Context, pl plan.Plan, year int, a plan.Agency, tally *lazyTally) (Report, error) {
	id := ID(pl.ID, year, a.Code)
	if r, err := store.Get[Report](ctx, s.s, Collection, id); err == nil {
		return r, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return r, err
	}
	now := s.now().UTC()
	r := Report{ID: id, PlanID: pl.ID, PlanNumber: pl.Number, Year: year, AgencyCode: a.Code, AgencyName: a.Name, AgencyNameEN: a.NameEN, OrgID: a.OrgID,
		State: Draft, Items: []Item{}, Sections: []Section{}, History: []lifecycle.Entry{{State: Draft, At: now}}, Reminded: []int{},
		CreatedAt: now, UpdatedAt: now}
	for _, t := range pl.Targets {
		role := pl.Role(a.Code, t)
		if role == "" {
			continue
		}
		r.Items = append(r.Items, Item{Target: t.Code, Indicator: t.Indicator, IndicatorEN: t.IndicatorEN, Unit: t.Unit, UnitEN: t.UnitEN,
			Role: role, Source: t.Source, Files: []FileRef{}})
	}
	if err := s.recount(ctx, pl, &r, tally); err != nil {
		return r, err
	}
	err := store.Insert(ctx, s.s, Collection, &r)
	if errors.Is(err, store.ErrDuplicate) {
		return store.Get[Report](ctx, s.s, Collection, id)
	}
	return r, err
}

// lazyTally reads the records once, when a count first needs them.
type lazyTally struct {
	c plan.Counter
	t plan.Tally
}

func (l *lazyTally) get(ctx context.Context) (plan.Tally, error) {
	if l.t == nil && l.c != nil {
		t, err := l.c.Tally(ctx)
		if err != nil {
			return nil, err
		}
		l.t = t
	}
	return l.t, nil
}

// recount fills the counted figures of r's platform targets. They are
// counted when the year is opened and again when the report is submitted
// (a reading of the records takes seconds at a province's scale, so an
// edit does not count).
func (s *Service) recount(ctx context.Context, pl plan.Plan, r *Report, lt *lazyTally) error {
	per := pl.Period(r.Year)
	first := pl.Period(pl.FirstYear())
	for i := range r.Items {
		it := &r.Items[i]
		if it.Source != plan.SourcePlatform {
			continue
		}
		t, ok := target(pl, it.Target)
		if !ok || s.counter == nil || t.Query == nil {
			continue
		}
		tally, err := lt.get(ctx)
		if err != nil {
			return err
		}
		year, err := tally.Count(*t.Query, per.From, per.To)
		if err != nil {
			return err
		}
		cum, err := tally.Count(*t.Query, first.From, per.To)
		if err != nil {
			return err
		}
		if year.Records == nil {
			year.Records = []plan.Record{}
		}
		it.Counted = &Counted{Value: year.Value, Cumulative: t.Baseline + cum.Value, Records: year.Records, At: s.now().UTC()}
		it.Value, it.Cumulative = nil, nil
	}
	return nil
}

func target(pl plan.Plan, code string) (plan.Target, bool) {
	i := slices.IndexFunc(pl.Targets, func(t plan.Target) bool { return t.Code == code })
	if i < 0 {
		return plan.Target{}, false
	}
	return pl.Targets[i], true
}

// Get returns a report to its agency's members and officers.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (Report, error) {
	r, err := store.Get[Report](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return r, ErrNotFound.Wrap(err)
	} else if err != nil {
		return r, err
	}
	if s.roleOf(p, &r) == RoleNone {
		return Report{}, ErrNotFound
	}
	return s.view(ctx, p, r), nil
}

// view adds what the reader may do and the deadline.
func (s *Service) view(ctx context.Context, p *auth.Principal, r Report) Report {
	r.Can = s.m.Can(p, &r)
	if pl, err := s.plans.Get(ctx, r.PlanID); err == nil {
		per := pl.Period(r.Year)
		r.DueDay = per.DueDay
		r.Overdue = per.Overdue(s.now()) && (r.State == Draft || r.State == Returned)
	}
	return r
}

// Filter narrows a list.
type Filter struct {
	PlanID string
	Year   int
	State  string
}

// List returns the reports p may read: all for officers, its agencies'
// for a member of an agency.
func (s *Service) List(ctx context.Context, p *auth.Principal, f Filter) ([]Report, error) {
	var all []Report
	var err error
	switch {
	case org.IsStaff(p):
		filter := bson.D{}
		if f.PlanID != "" {
			filter = bson.D{{Key: "planId", Value: f.PlanID}}
		}
		all, err = store.Find[Report](ctx, s.s, Collection, filter, options.Find().SetSort(order))
	default:
		for _, o := range p.User.Orgs {
			mine, e := store.Find[Report](ctx, s.s, Collection, bson.D{{Key: "orgId", Value: o}}, options.Find().SetSort(order))
			if e != nil {
				return nil, e
			}
			all = append(all, mine...)
		}
	}
	if err != nil {
		return nil, err
	}
	out := []Report{}
	for _, r := range all {
		if (f.PlanID == "" || r.PlanID == f.PlanID) && (f.Year == 0 || r.Year == f.Year) && (f.State == "" || r.State == f.State) {
			out = append(out, s.view(ctx, p, r))
		}
	}
	return out, nil
}

// ItemInput is what an agency writes about one target. Value and
// Cumulative are refused on a counted target: the agency adds a Note.
type ItemInput struct {
	Target       string  `json:"target" rule:"required,max=20"`
	Value        *int64  `json:"value" rule:"min=0"`
	Cumulative   *int64  `json:"cumulative" rule:"min=0"`
	Status       *string `json:"status" rule:"enum=TargetStatus"`
	Done         *string `json:"done" rule:"max=8000"`
	Difficulties *string `json:"difficulties" rule:"max=8000"`
	Proposals    *string `json:"proposals" rule:"max=8000"`
	Note         *string `json:"note" rule:"max=2000"`
}

// Input is an edit of a report: the items named, and the free sections
// (replaced when given).
type Input struct {
	Items    []ItemInput `json:"items" rule:"max=100"`
	Sections []Section   `json:"sections" rule:"max=20"`
}

var inputRules = validate.RulesOf[Input]()

// MaxValue bounds a reported figure (10^15: VND values fit).
const MaxValue = 1_000_000_000_000_000

func (in Input) apply(c *validate.Checker, r *Report) {
	for i, ii := range in.Items {
		f := "items." + strconv.Itoa(i) + "."
		j := slices.IndexFunc(r.Items, func(it Item) bool { return it.Target == ii.Target })
		if j < 0 {
			c.Add(f+"target", "unknown_target")
			continue
		}
		it := &r.Items[j]
		counted := it.Source == plan.SourcePlatform
		for name, v := range map[string]*int64{"value": ii.Value, "cumulative": ii.Cumulative} {
			if v == nil {
				continue
			}
			switch {
			case counted:
				c.Add(f+name, "counted_figure")
			case *v < 0 || *v > MaxValue:
				c.Add(f+name, "out_of_range", "min", 0, "max", int64(MaxValue))
			case name == "value":
				it.Value = v
			default:
				it.Cumulative = v
			}
		}
		if ii.Status != nil {
			if *ii.Status == "" {
				it.Status = ""
			} else if c.OneOf(f+"status", *ii.Status, Statuses); !c.Has(f + "status") {
				it.Status = *ii.Status
			}
		}
		for _, t := range []struct {
			name string
			v    *string
			dst  *string
			max  int
		}{{"done", ii.Done, &it.Done, 8000}, {"difficulties", ii.Difficulties, &it.Difficulties, 8000},
			{"proposals", ii.Proposals, &it.Proposals, 8000}, {"note", ii.Note, &it.Note, 2000}} {
			if t.v == nil {
				continue
			}
			*t.dst = validate.Multiline(*t.v)
			c.Optional(f+t.name, *t.dst, t.max)
		}
	}
	if in.Sections != nil {
		r.Sections = []Section{}
		for i, sec := range in.Sections {
			f := "sections." + strconv.Itoa(i) + "."
			sec.Title, sec.Body = validate.Text(sec.Title), validate.Multiline(sec.Body)
			c.Name(f+"title", sec.Title, 2, 200)
			c.Optional(f+"body", sec.Body, 20000)
			r.Sections = append(r.Sections, sec)
		}
		if len(r.Sections) > inputRules.Of("sections").Max {
			c.Add("sections", "too_many", "max", inputRules.Of("sections").Max)
		}
	}
	if len(in.Items) > inputRules.Of("items").Max {
		c.Add("items", "too_many", "max", inputRules.Of("items").Max)
	}
}

// Update writes an agency's edit (its members; If-Match).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in Input, ifVersion int64) (Report, error) {
	r, err := s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepEdit, Version: ifVersion, Change: func(r *Report, _ time.Time) error {
		var c validate.Checker
		in.apply(&c, r)
		return c.Err()
	}})
	if err != nil {
		return r, err
	}
	return s.view(ctx, p, r), nil
}

// Submit sends the report to the department (its members; If-Match). The
// counted figures are counted once more and kept as submitted.
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Report, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return cur, err
	}
	pl, err := s.plans.Get(ctx, cur.PlanID)
	if err != nil {
		return cur, err
	}
	if !pl.IsOpen(cur.Year) || s.now().Before(pl.Period(cur.Year).Opens) {
		if err := s.m.Check(p, &cur, StepSubmit); err != nil && !errors.Is(err, errs.ErrForbidden) {
			return cur, err
		}
		return cur, plan.ErrPeriodNotOpen
	}
	// Read the records before the write, not under its guard.
	tally := &lazyTally{c: s.counter}
	if _, err := tally.get(ctx); err != nil {
		return cur, err
	}
	r, err := s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepSubmit, Version: ifVersion, Change: func(r *Report, now time.Time) error {
		r.SubmittedAt, r.Reason = &now, ""
		return s.recount(ctx, pl, r, tally)
	}})
	if err != nil {
		return r, err
	}
	s.tellOfficers(ctx, r, "submitted", nil)
	return s.view(ctx, p, r), nil
}

// ReasonInput says why a report goes back.
type ReasonInput struct {
	Reason string `json:"reason" rule:"required,min=5,max=2000"`
}

// Return sends a report back to its agency with the reason (officers).
func (s *Service) Return(ctx context.Context, p *auth.Principal, id string, in ReasonInput, ifVersion int64) (Report, error) {
	var c validate.Checker
	in.Reason = validate.Multiline(in.Reason)
	c.Reason("reason", in.Reason, 5, 2000)
	if err := c.Err(); err != nil {
		return Report{}, err
	}
	r, err := s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepReturn, Version: ifVersion, Note: in.Reason, Reason: in.Reason,
		Change: func(r *Report, _ time.Time) error { r.Reason = in.Reason; return nil }})
	if err != nil {
		return r, err
	}
	s.tellAgency(ctx, p, r, "returned", map[string]string{"reason": in.Reason})
	return s.view(ctx, p, r), nil
}

// Accept accepts a submitted report (officers).
func (s *Service) Accept(ctx context.Context, p *auth.Principal, id string, ifVersion int64) (Report, error) {
	r, err := s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepAccept, Version: ifVersion})
	if err != nil {
		return r, err
	}
	s.tellAgency(ctx, p, r, "accepted", nil)
	return s.view(ctx, p, r), nil
}

// MayEdit says whether p may change r now (before an upload is stored).
func (s *Service) MayEdit(p *auth.Principal, r *Report) error { return s.m.Check(p, r, StepEdit) }

// Attach adds an evidence file to a target of the report.
func (s *Service) Attach(ctx context.Context, p *auth.Principal, id, targetCode string, f FileRef) (Report, error) {
	return s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepEdit, Change: func(r *Report, _ time.Time) error {
		j := slices.IndexFunc(r.Items, func(it Item) bool { return it.Target == targetCode })
		if j < 0 {
			return errs.Field("target", "unknown_target")
		}
		if len(r.Items[j].Files) >= MaxFiles {
			return errs.Field("file", "too_many", "max", MaxFiles)
		}
		r.Items[j].Files = append(r.Items[j].Files, f)
		return nil
	}})
}

// Detach removes an evidence file.
func (s *Service) Detach(ctx context.Context, p *auth.Principal, id, fileID string) (Report, error) {
	return s.m.Apply(ctx, p, id, lifecycle.Move[*Report]{Step: StepEdit, Change: func(r *Report, _ time.Time) error {
		for i := range r.Items {
			r.Items[i].Files = slices.DeleteFunc(r.Items[i].Files, func(f FileRef) bool { return f.ID == fileID })
		}
		return nil
	}})
}

// MaxFiles bounds the evidence files of one target.
const MaxFiles = 10

func note(r Report, event string, params map[string]string) notify.Note {
	ps := map[string]string{"event": event, "agency": r.AgencyName, "year": strconv.Itoa(r.Year), "plan": r.PlanNumber}
	for k, v := range params {
		ps[k] = v
	}
	return notify.Note{Kind: notify.KindReport, Params: ps, Link: "/plan/reports/" + r.ID}
}

func (s *Service) tellAgency(ctx context.Context, p *auth.Principal, r Report, event string, params map[string]string) {
	if s.notes != nil {
		except := ""
		if p != nil {
			except = p.User.ID
		}
		s.notes.ToOrgs(ctx, []string{r.OrgID}, except, note(r, event, params))
	}
}

func (s *Service) tellOfficers(ctx context.Context, r Report, event string, params map[string]string) {
	if s.notes == nil || s.users == nil {
		return
	}
	officers, err := s.users.WithRole(ctx, auth.RoleOfficer)
	if err != nil {
		s.log.Warn("report: officers not notified", "err", err)
		return
	}
	ids := []string{}
	for _, u := range officers {
		if !u.Disabled {
			ids = append(ids, u.ID)
		}
	}
	if len(ids) > 0 {
		s.notes.ToUsers(ctx, ids, note(r, event, params))
	}
}

// StartInput names the plan and year an agency reports on.
type StartInput struct {
	PlanID string `json:"planId" rule:"required,max=40"`
	Year   int    `json:"year" rule:"required,min=2000,max=2100"`
}

// Start returns the caller's agency's report for a plan's open year,
// making the draft if the officer's opening did not (an agency named
// after the year was opened). created says whether it was made now.
func (s *Service) Start(ctx context.Context, p *auth.Principal, in StartInput) (r Report, created bool, err error) {
	pl, err := s.plans.Get(ctx, in.PlanID)
	if err != nil {
		return r, false, errs.Field("planId", "unknown_plan")
	}
	if !pl.IsOpen(in.Year) {
		return r, false, plan.ErrPeriodNotOpen
	}
	for _, a := range pl.Reporters() {
		if !slices.Contains(p.User.Orgs, a.OrgID) {
			continue
		}
		id := ID(pl.ID, in.Year, a.Code)
		_, gerr := store.Get[Report](ctx, s.s, Collection, id)
		if r, err = s.start(ctx, pl, in.Year, a, &lazyTally{c: s.counter}); err != nil {
			return r, false, err
		}
		return s.view(ctx, p, r), errors.Is(gerr, store.ErrNotFound), nil
	}
	return r, false, ErrNotReporter
}

// ThisYear is the reporting year of today under the plan's rule.
func (s *Service) ThisYear(pl plan.Plan) int { return pl.Rule.YearOf(s.now()) }
