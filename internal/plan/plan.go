// Package plan holds the province's plans and their targets: a plan (the
// decision that adopts it, its issuing body, its horizon) lists the agencies
// it names — as named then, with their successors after a merger — and the
// targets with their milestones, the agency responsible, those that
// co-operate, and how each is measured: counted by the platform (a Counter)
// or reported by the responsible agency. A later plan is data, not code.
package plan

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Collection holds plans.
const Collection = "plans"

var order = bson.D{{Key: "date", Value: -1}, {Key: "_id", Value: 1}}

// Spec declares the collection and its one list query.
var Spec = store.CollectionSpec{Name: Collection,
	Indexes: []mongo.IndexModel{{Keys: bson.D{{Key: "date", Value: -1}, {Key: "_id", Value: 1}}}},
	Queries: []store.Query{{Name: "all, newest decision first", Sort: order}}}

// How a target is measured.
const (
	SourcePlatform = "platform" // counted from the platform's records
	SourceReported = "reported" // reported by the responsible agency
)

// Sources lists the ways a target is measured.
var Sources = []string{SourcePlatform, SourceReported}

// Audit actions.
const (
	ActionCreate = "plan.create"
	ActionUpdate = "plan.update"
	ActionOpen   = "plan.period_open"
)

// Errors with stable codes.
var (
	ErrNotFound       = errs.New(errs.NotFound, "plan_not_found")
	ErrPeriodNotOpen  = errs.New(errs.Conflict, "period_not_open")
	ErrPeriodTooEarly = errs.Field("year", "period_not_started")
)

// Agency is a body the plan names: a Sở, a Ngành, a district or commune
// People's Committee. It keeps the name the plan gave it; after a merger
// ValidUntil ends it and ReplacedBy names its successor, as the
// administrative units do. Members of OrgID (an organisation of kind
// agency) report for it.
type Agency struct {
	Code       string `bson:"code" json:"code" rule:"required,min=2,max=40"`
	Name       string `bson:"name" json:"name" rule:"required,min=2,max=200"`
	NameEN     string `bson:"nameEn,omitempty" json:"nameEn,omitempty" rule:"max=200"`
	ValidFrom  string `bson:"validFrom,omitempty" json:"validFrom,omitempty" rule:"format=date"`
	ValidUntil string `bson:"validUntil,omitempty" json:"validUntil,omitempty" rule:"format=date"`
	ReplacedBy string `bson:"replacedBy,omitempty" json:"replacedBy,omitempty" rule:"max=40"`
	OrgID      string `bson:"orgId,omitempty" json:"orgId,omitempty" rule:"max=40"`
}

// Milestone is a target's value to reach by the end of a year.
type Milestone struct {
	Year  int   `bson:"year" json:"year" rule:"min=2000,max=2100"`
	Value int64 `bson:"value" json:"value" rule:"min=0"`
}

// Target is one indicator of the plan.
type Target struct {
	Code        string `bson:"code" json:"code" rule:"required,min=1,max=20"`
	Section     string `bson:"section,omitempty" json:"section,omitempty" rule:"max=40"`
	Indicator   string `bson:"indicator" json:"indicator" rule:"required,min=3,max=500"`
	IndicatorEN string `bson:"indicatorEn,omitempty" json:"indicatorEn,omitempty" rule:"max=500"`
	Unit        string `bson:"unit" json:"unit" rule:"required,min=1,max=60"`
	UnitEN      string `bson:"unitEn,omitempty" json:"unitEn,omitempty" rule:"max=60"`
	// UnitENOne is the English unit of one ("model" where UnitEN is
	// "models"); Vietnamese units have one form.
	UnitENOne   string      `bson:"unitEnOne,omitempty" json:"unitEnOne,omitempty" rule:"max=60"`
	Baseline    int64       `bson:"baseline" json:"baseline" rule:"min=0"`
	Milestones  []Milestone `bson:"milestones" json:"milestones" rule:"required,min=1,max=10"`
	Responsible string      `bson:"responsible" json:"responsible" rule:"required"`
	CoOperating []string    `bson:"coOperating" json:"coOperating" rule:"max=20"`
	Source      string      `bson:"source" json:"source" rule:"required,enum=TargetSource"`
	// Query is what the platform counts (SourcePlatform): a metric of the
	// counting engine and its filters.
	Query *Query `bson:"query,omitempty" json:"query,omitempty"`
}

// Opened is a reporting year an officer opened.
type Opened struct {
	Year     int       `bson:"year" json:"year"`
	OpenedAt time.Time `bson:"openedAt" json:"openedAt"`
	OpenedBy string    `bson:"openedBy" json:"-"`
}

// Plan is a plan with its targets.
type Plan struct {
	store.Meta `bson:",inline"`
	ID         string      `bson:"_id" json:"id"`
	Number     string      `bson:"number" json:"number"`
	Date       string      `bson:"date" json:"date"`
	Issuer     string      `bson:"issuer" json:"issuer"`
	Title      string      `bson:"title" json:"title"`
	TitleEN    string      `bson:"titleEn,omitempty" json:"titleEn,omitempty"`
	Horizon    string      `bson:"horizon,omitempty" json:"horizon,omitempty"`
	Rule       period.Rule `bson:"rule" json:"rule"`
	Agencies   []Agency    `bson:"agencies" json:"agencies"`
	Targets    []Target    `bson:"targets" json:"targets"`
	Periods    []Opened    `bson:"periods" json:"periods"`
	CreatedBy  string      `bson:"createdBy" json:"-"`
	CreatedAt  time.Time   `bson:"createdAt" json:"createdAt"`
	UpdatedAt  time.Time   `bson:"updatedAt" json:"updatedAt"`
}

// Agency returns the agency of code.
func (p *Plan) Agency(code string) (Agency, bool) {
	i := slices.IndexFunc(p.Agencies, func(a Agency) bool { return a.Code == code })
	if i < 0 {
		return Agency{}, false
	}
	return p.Agencies[i], true
}

// Current follows an agency's successors to the one in office today (the
// end of the chain); a loop in the data stops where it closes.
func (p *Plan) Current(code string) Agency {
	a, _ := p.Agency(code)
	seen := map[string]bool{code: true}
	for a.ReplacedBy != "" && !seen[a.ReplacedBy] {
		next, ok := p.Agency(a.ReplacedBy)
		if !ok {
			break
		}
		seen[next.Code] = true
		a = next
	}
	return a
}

// Reporters are the agencies in office that report on at least one target
// (responsible or co-operating) and have an organisation whose members
// write the report, in the plan's order.
func (p *Plan) Reporters() []Agency {
	want := map[string]bool{}
	for _, t := range p.Targets {
		for _, c := range append([]string{t.Responsible}, t.CoOperating...) {
			want[p.Current(c).Code] = true
		}
	}
	var out []Agency
	for _, a := range p.Agencies {
		if want[a.Code] && a.OrgID != "" && a.ReplacedBy == "" {
			out = append(out, a)
		}
	}
	return out
}

// Role is how an agency in office stands to a target: "responsible",
// "cooperating" or "" (through its predecessors too).
func (p *Plan) Role(agency string, t Target) string {
	if p.Current(t.Responsible).Code == agency {
		return "responsible"
	}
	for _, c := range t.CoOperating {
		if p.Current(c).Code == agency {
			return "cooperating"
		}
	}
	return ""
}

// IsOpen reports whether reporting year y has been opened.
func (p *Plan) IsOpen(y int) bool {
	return slices.ContainsFunc(p.Periods, func(o Opened) bool { return o.Year == y })
}

// Period is reporting year y under the plan's rule.
func (p *Plan) Period(y int) period.Period { return p.Rule.Year(y) }

// FirstYear is the reporting year in which the plan was adopted: counts
// are cumulative from the start of its data.
func (p *Plan) FirstYear() int {
	d, err := time.ParseInLocation(time.DateOnly, p.Date, calendar.Vietnam)
	if err != nil {
		return 0
	}
	return p.Rule.YearOf(d)
}

// Milestone is the milestone year y works towards: the first at or after
// y, else the last.
func (t Target) Milestone(y int) Milestone {
	for _, m := range t.Milestones {
		if m.Year >= y {
			return m
		}
	}
	if len(t.Milestones) == 0 {
		return Milestone{}
	}
	return t.Milestones[len(t.Milestones)-1]
}

// Input is what an officer enters; nil fields stay as they are on edit.
type Input struct {
	Number    *string      `json:"number" rule:"min=3,max=60"`
	Date      *string      `json:"date" rule:"format=date"`
	Issuer    *string      `json:"issuer" rule:"min=3,max=200"`
	Title     *string      `json:"title" rule:"min=5,max=500"`
	TitleEN   *string      `json:"titleEn" rule:"max=500"`
	Horizon   *string      `json:"horizon" rule:"max=200"`
	Rule      *period.Rule `json:"rule"`
	Agencies  []Agency     `json:"agencies" rule:"max=60"`
	Targets   []Target     `json:"targets" rule:"max=100"`
	Published bool         `json:"-"`
}

var rules = validate.RulesOf[Input]()

func (in Input) apply(c *validate.Checker, p *Plan, check QueryCheck) {
	text := func(field string, v *string, dst *string, required bool) {
		if v == nil {
			return
		}
		*dst = validate.Text(*v)
		r := rules.Of(field)
		if required || *dst != "" {
			c.Name(field, *dst, max(r.Min, 1), r.Max)
		}
	}
	text("number", in.Number, &p.Number, true)
	text("issuer", in.Issuer, &p.Issuer, true)
	text("title", in.Title, &p.Title, true)
	text("titleEn", in.TitleEN, &p.TitleEN, false)
	text("horizon", in.Horizon, &p.Horizon, false)
	if in.Date != nil {
		p.Date = *in.Date
		c.Date("date", p.Date)
	}
	if in.Rule != nil {
		if err := in.Rule.Validate(); err != nil {
			c.Add("rule", "invalid_rule")
		} else {
			p.Rule = *in.Rule
		}
	}
	if in.Agencies != nil {
		p.Agencies = []Agency{}
		seen := map[string]bool{}
		for i, a := range in.Agencies {
			f := "agencies." + strconv.Itoa(i) + "."
			a.Name, a.NameEN = validate.Text(a.Name), validate.Text(a.NameEN)
			c.Name(f+"code", a.Code, 2, 40)
			c.Name(f+"name", a.Name, 2, 200)
			c.Optional(f+"nameEn", a.NameEN, 200)
			for _, d := range [][2]string{{"validFrom", a.ValidFrom}, {"validUntil", a.ValidUntil}} {
				if d[1] != "" {
					c.Date(f+d[0], d[1])
				}
			}
			if seen[a.Code] {
				c.Add(f+"code", "duplicate")
			}
			seen[a.Code] = true
			p.Agencies = append(p.Agencies, a)
		}
		for i, a := range p.Agencies {
			if a.ReplacedBy != "" && !seen[a.ReplacedBy] {
				c.Add("agencies."+strconv.Itoa(i)+".replacedBy", "unknown_agency")
			}
		}
		if len(p.Agencies) > rules.Of("agencies").Max {
			c.Add("agencies", "too_many", "max", rules.Of("agencies").Max)
		}
	}
	if in.Targets != nil {
		p.Targets = []Target{}
		seen := map[string]bool{}
		for i, t := range in.Targets {
			f := "targets." + strconv.Itoa(i) + "."
			t.Indicator, t.IndicatorEN, t.Unit, t.UnitEN = validate.Text(t.Indicator), validate.Text(t.IndicatorEN), validate.Text(t.Unit), validate.Text(t.UnitEN)
			t.UnitENOne = validate.Text(t.UnitENOne)
			c.Name(f+"code", t.Code, 1, 20)
			c.Name(f+"indicator", t.Indicator, 3, 500)
			c.Optional(f+"indicatorEn", t.IndicatorEN, 500)
			c.Name(f+"unit", t.Unit, 1, 60)
			if seen[t.Code] {
				c.Add(f+"code", "duplicate")
			}
			seen[t.Code] = true
			if t.Baseline < 0 {
				c.Add(f+"baseline", "out_of_range", "min", 0, "max", int64(1e15))
			}
			if len(t.Milestones) == 0 {
				c.Add(f+"milestones", "required")
			}
			for j, m := range t.Milestones {
				if m.Year < 2000 || m.Year > 2100 || (j > 0 && m.Year <= t.Milestones[j-1].Year) {
					c.Add(f+"milestones."+strconv.Itoa(j)+".year", "out_of_range", "min", 2000, "max", 2100)
				}
				if m.Value < 0 {
					c.Add(f+"milestones."+strconv.Itoa(j)+".value", "out_of_range", "min", 0, "max", int64(1e15))
				}
			}
			if _, ok := p.Agency(t.Responsible); !ok {
				c.Add(f+"responsible", "unknown_agency")
			}
			if t.CoOperating == nil {
				t.CoOperating = []string{}
			}
			for _, co := range t.CoOperating {
				if _, ok := p.Agency(co); !ok {
					c.Add(f+"coOperating", "unknown_agency")
					break
				}
			}
			c.OneOf(f+"source", t.Source, Sources)
			if t.Source == SourcePlatform {
				if t.Query == nil {
					c.Add(f+"query.metric", "required")
				} else if check != nil {
					check(*t.Query, c, f+"query.")
				}
			} else {
				t.Query = nil
			}
			p.Targets = append(p.Targets, t)
		}
		if len(p.Targets) > rules.Of("targets").Max {
			c.Add("targets", "too_many", "max", rules.Of("targets").Max)
		}
	}
}

// Auditor records decisions.
type Auditor interface {
	Record(ctx context.Context, e audit.Entry) error
}

// Service keeps plans.
type Service struct {
	s     *store.Store
	audit Auditor
	check QueryCheck
	now   func() time.Time
}

// New returns the service; check validates what a target counts (the
// counting engine's catalogue).
func New(s *store.Store, a Auditor, check QueryCheck, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{s: s, audit: a, check: check, now: now}
}

// Create saves a plan (officers).
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (Plan, error) {
	return s.CreateWithID(ctx, p, store.NewID(), in)
}

// CreateWithID is Create under a given id (the demo's plan keeps its own).
func (s *Service) CreateWithID(ctx context.Context, p *auth.Principal, id string, in Input) (Plan, error) {
	if !org.IsStaff(p) {
		return Plan{}, errs.ErrForbidden
	}
	now := s.now().UTC()
	pl := Plan{ID: id, Rule: period.Default(), Agencies: []Agency{}, Targets: []Target{}, Periods: []Opened{},
		CreatedBy: p.User.ID, CreatedAt: now, UpdatedAt: now}
	var c validate.Checker
	for f, v := range map[string]*string{"number": in.Number, "date": in.Date, "issuer": in.Issuer, "title": in.Title} {
		if v == nil {
			c.Add(f, "required")
		}
	}
	in.apply(&c, &pl, s.check)
	if err := c.Err(); err != nil {
		return Plan{}, err
	}
	if err := store.Insert(ctx, s.s, Collection, &pl); err != nil {
		return Plan{}, err
	}
	s.record(ctx, p, ActionCreate, pl, nil)
	return pl, nil
}

// Get returns a plan. Every signed-in person may read plans: agencies see
// their targets, enterprises the plan they serve.
func (s *Service) Get(ctx context.Context, id string) (Plan, error) {
	pl, err := store.Get[Plan](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return pl, ErrNotFound.Wrap(err)
	}
	return pl, err
}

// List returns every plan, newest decision first.
func (s *Service) List(ctx context.Context) ([]Plan, error) {
	return store.Find[Plan](ctx, s.s, Collection, bson.D{}, options.Find().SetSort(order))
}

// Update changes a plan (officers; If-Match).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, in Input, ifVersion int64) (Plan, error) {
	if !org.IsStaff(p) {
		return Plan{}, errs.ErrForbidden
	}
	pl, err := store.Modify(ctx, s.s, Collection, id, ifVersion, func(pl *Plan) error {
		var c validate.Checker
		if in.Agencies != nil && in.Targets == nil {
			in.Targets = pl.Targets // recheck the targets against the new agencies
		}
		in.apply(&c, pl, s.check)
		if err := c.Err(); err != nil {
			return err
		}
		pl.UpdatedAt = s.now().UTC()
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return pl, ErrNotFound.Wrap(err)
	} else if err != nil {
		return pl, err
	}
	s.record(ctx, p, ActionUpdate, pl, nil)
	return pl, nil
}

// OpenInput names the reporting year to open.
type OpenInput struct {
	Year int `json:"year" rule:"required,min=2000,max=2100"`
}

// Open opens reporting year y for the plan's agencies (officers). Opening
// an open year changes nothing. The year must have begun.
func (s *Service) Open(ctx context.Context, p *auth.Principal, id string, in OpenInput) (Plan, bool, error) {
	if !org.IsStaff(p) {
		return Plan{}, false, errs.ErrForbidden
	}
	if in.Year < 2000 || in.Year > 2100 {
		return Plan{}, false, errs.Field("year", "out_of_range", "min", 2000, "max", 2100)
	}
	now := s.now().UTC()
	opened := false
	pl, err := store.Modify(ctx, s.s, Collection, id, 0, func(pl *Plan) error {
		if pl.IsOpen(in.Year) {
			return nil
		}
		if now.Before(pl.Period(in.Year).From) {
			return ErrPeriodTooEarly
		}
		pl.Periods = append(pl.Periods, Opened{Year: in.Year, OpenedAt: now, OpenedBy: p.User.ID})
		slices.SortFunc(pl.Periods, func(a, b Opened) int { return a.Year - b.Year })
		pl.UpdatedAt, opened = now, true
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return pl, false, ErrNotFound.Wrap(err)
	} else if err != nil {
		return pl, false, err
	}
	if opened {
		s.record(ctx, p, ActionOpen, pl, map[string]audit.Change{"period": {To: in.Year}})
	}
	return pl, opened, nil
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, pl Plan, changes map[string]audit.Change) {
	if s.audit == nil {
		return
	}
	_ = s.audit.Record(ctx, audit.Entry{ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "plan", ID: pl.ID, Name: pl.Number}, Changes: changes})
}
