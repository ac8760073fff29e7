package report

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/store"
)

// Traffic lights of a target.
const (
	LightGreen = "green" // reached, or ahead of a straight line to the milestone
	LightAmber = "amber" // behind the line, but by less than 40 %
	LightRed   = "red"   // well behind, or the milestone year passed unmet
	LightGrey  = "grey"  // nothing to measure yet
)

// YearValue is a target's cumulative value at the end of a reporting year.
type YearValue struct {
	Year       int   `json:"year"`
	Value      int64 `json:"value"`      // in the year
	Cumulative int64 `json:"cumulative"` // baseline plus every year to this one
}

// AgencyRef names an agency as the plan named it and as it is today.
type AgencyRef struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	NameEN    string `json:"nameEn,omitempty"`
	Current   string `json:"current"` // the successor's name, when it was merged
	CurrentEN string `json:"currentEn,omitempty"`
}

// TargetProgress is one target at the end of a year.
type TargetProgress struct {
	Code        string           `json:"code"`
	Section     string           `json:"section,omitempty"`
	Indicator   string           `json:"indicator"`
	IndicatorEN string           `json:"indicatorEn,omitempty"`
	Unit        string           `json:"unit"`
	UnitEN      string           `json:"unitEn,omitempty"`
	UnitENOne   string           `json:"unitEnOne,omitempty"`
	Source      string           `json:"source"`
	Responsible AgencyRef        `json:"responsible"`
	CoOperating []AgencyRef      `json:"coOperating"`
	Baseline    int64            `json:"baseline"`
	Milestone   plan.Milestone   `json:"milestone"`
	Milestones  []plan.Milestone `json:"milestones"`
	// Value is the year's; Cumulative since the plan began (with the
	// baseline). Nil when nothing was counted or reported.
	Value      *int64        `json:"value,omitempty"`
	Cumulative *int64        `json:"cumulative,omitempty"`
	Percent    *int          `json:"percent,omitempty"` // of the milestone
	Light      string        `json:"light"`
	Years      []YearValue   `json:"years"`
	Records    []plan.Record `json:"records"` // what the year's count counted
	// Notes are the agencies' notes on a counted figure they disagree with.
	Notes []string `json:"notes"`
}

// AgencyStatus is where an agency's report for the year stands.
type AgencyStatus struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	NameEN      string     `json:"nameEn,omitempty"`
	ReportID    string     `json:"reportId"`
	State       string     `json:"state" rule:"enum=ReportState"`
	Overdue     bool       `json:"overdue"`
	SubmittedAt *time.Time `json:"submittedAt,omitempty"`
}

// Progress is a plan's state at the end of a reporting year.
type Progress struct {
	PlanID   string           `json:"planId"`
	Number   string           `json:"number"`
	Title    string           `json:"title"`
	Year     int              `json:"year"`
	Period   period.Period    `json:"period"`
	Open     bool             `json:"open"`
	DaysLeft int              `json:"daysLeft"`
	Targets  []TargetProgress `json:"targets"`
	Agencies []AgencyStatus   `json:"agencies"`
	// Missing are the agencies that have not sent their report; Overdue
	// those of them past the due day.
	Missing int `json:"missing"`
	Overdue int `json:"overdue"`
}

// ErrYear refuses a year outside the plan's.
var errYear = errs.Field("year", "out_of_range", "min", 2000, "max", 2100)

// Progress computes a plan's targets at the end of year y (officers): the
// platform's counts from the plan's first year, the agencies' figures from
// their submitted or accepted reports (the responsible agency's).
func (s *Service) Progress(ctx context.Context, p *auth.Principal, planID string, y int) (Progress, error) {
	if !org.IsStaff(p) {
		return Progress{}, errs.ErrForbidden
	}
	pl, err := s.plans.Get(ctx, planID)
	if err != nil {
		return Progress{}, err
	}
	first := pl.FirstYear()
	if y < max(first, 2000) || y > 2100 {
		return Progress{}, errs.Field("year", "out_of_range", "min", max(first, 2000), "max", 2100)
	}
	reports, err := store.Find[Report](ctx, s.s, Collection, bson.D{{Key: "planId", Value: pl.ID}})
	if err != nil {
		return Progress{}, err
	}
	var tally plan.Tally
	if s.counter != nil {
		if tally, err = s.counter.Tally(ctx); err != nil {
			return Progress{}, err
		}
	}
	return s.progress(pl, reports, y, tally)
}

// progress computes a plan's targets at the end of year y from the
// reports given and the platform's counts in tally (nil counts nothing).
func (s *Service) progress(pl plan.Plan, reports []Report, y int, tally plan.Tally) (Progress, error) {
	now := s.now()
	per := pl.Period(y)
	first := pl.FirstYear()
	out := Progress{PlanID: pl.ID, Number: pl.Number, Title: pl.Title, Year: y, Period: per, Open: pl.IsOpen(y),
		DaysLeft: per.DaysLeft(now), Targets: []TargetProgress{}, Agencies: []AgencyStatus{}}
	ref := func(code string) AgencyRef {
		a, _ := pl.Agency(code)
		r := AgencyRef{Code: code, Name: a.Name, NameEN: a.NameEN}
		if cur := pl.Current(code); cur.Code != code {
			r.Current, r.CurrentEN = cur.Name, cur.NameEN
		}
		return r
	}
	// The reports that count: submitted or accepted, by year and agency.
	sent := map[string]Report{}
	for _, r := range reports {
		if r.State == Submitted || r.State == Accepted {
			sent[strconv.Itoa(r.Year)+"|"+r.AgencyCode] = r
		}
	}
	for _, t := range pl.Targets {
		tp := TargetProgress{Code: t.Code, Section: t.Section, Indicator: t.Indicator, IndicatorEN: t.IndicatorEN, Unit: t.Unit, UnitEN: t.UnitEN, UnitENOne: t.UnitENOne,
			Source: t.Source, Responsible: ref(t.Responsible), CoOperating: []AgencyRef{}, Baseline: t.Baseline,
			Milestone: t.Milestone(y), Milestones: t.Milestones, Years: []YearValue{}, Records: []plan.Record{}, Notes: []string{}}
		for _, c := range t.CoOperating {
			tp.CoOperating = append(tp.CoOperating, ref(c))
		}
		cum := t.Baseline
		have := false
		for yy := first; yy <= y; yy++ {
			var v int64
			var ok bool
			switch {
			case t.Source == plan.SourcePlatform && tally != nil && t.Query != nil:
				pp := pl.Period(yy)
				c, err := tally.Count(*t.Query, pp.From, pp.To)
				if err != nil {
					return out, err
				}
				v, ok = c.Value, true
				if yy == y {
					tp.Records = c.Records
					if tp.Records == nil {
						tp.Records = []plan.Record{}
					}
				}
			case t.Source == plan.SourceReported:
				r, found := sent[strconv.Itoa(yy)+"|"+pl.Current(t.Responsible).Code]
				if found {
					if it, j := item(r, t.Code); j >= 0 && it.Value != nil {
						v, ok = *it.Value, true
						if it.Cumulative != nil {
							cum = *it.Cumulative - v // the agency's own running total wins
						}
					}
				}
			}
			if !ok {
				continue
			}
			cum += v
			have = true
			tp.Years = append(tp.Years, YearValue{Year: yy, Value: v, Cumulative: cum})
			if yy == y {
				vv := v
				tp.Value = &vv
			}
		}
		if have {
			c := cum
			tp.Cumulative = &c
			if tp.Milestone.Value > 0 {
				pct := int(c * 100 / tp.Milestone.Value)
				tp.Percent = &pct
			}
		}
		tp.Light = light(tp.Cumulative, tp.Milestone, y, first)
		for _, r := range reports {
			if r.Year != y || (r.State != Submitted && r.State != Accepted) {
				continue
			}
			if it, j := item(r, t.Code); j >= 0 && it.Note != "" {
				tp.Notes = append(tp.Notes, r.AgencyName+": "+it.Note)
			}
		}
		out.Targets = append(out.Targets, tp)
	}
	byAgency := map[string]Report{}
	for _, r := range reports {
		if r.Year == y {
			byAgency[r.AgencyCode] = r
		}
	}
	for _, a := range pl.Reporters() {
		st := AgencyStatus{Code: a.Code, Name: a.Name, NameEN: a.NameEN, State: Draft}
		if r, ok := byAgency[a.Code]; ok {
			st.ReportID, st.State, st.SubmittedAt = r.ID, r.State, r.SubmittedAt
		}
		if st.State == Draft || st.State == Returned {
			out.Missing++
			if per.Overdue(now) {
				st.Overdue = true
				out.Overdue++
			}
		}
		out.Agencies = append(out.Agencies, st)
	}
	return out, nil
}

func item(r Report, code string) (Item, int) {
	j := slices.IndexFunc(r.Items, func(it Item) bool { return it.Target == code })
	if j < 0 {
		return Item{}, -1
	}
	return r.Items[j], j
}

// light compares a cumulative value with a straight line from the plan's
// first year to the milestone.
func light(cum *int64, m plan.Milestone, y, first int) string {
	if cum == nil || m.Value <= 0 {
		return LightGrey
	}
	if *cum >= m.Value {
		return LightGreen
	}
	if y >= m.Year {
		return LightRed
	}
	expected := float64(y-first+1) / float64(m.Year-first+1)
	got := float64(*cum) / float64(m.Value)
	switch {
	case got >= expected:
		return LightGreen
	case got >= 0.6*expected:
		return LightAmber
	}
	return LightRed
}

// Reminders are sent so many days before the due day.
var Reminders = []int{7, 1}

// ReminderCollection remembers the reminders sent: one document per
// report and day, inserted once, so a reminder goes out once however many
// instances run the job.
const ReminderCollection = "plan_report_reminders"

// ReminderSpec declares it (read by _id only).
var ReminderSpec = store.CollectionSpec{Name: ReminderCollection}

type reminder struct {
	ID     string    `bson:"_id"`
	SentAt time.Time `bson:"sentAt"`
}

// RemindDue tells the agencies whose report for an open year is not sent
// 7 days and 1 day before the due day (in the app and by e-mail), each
// once. It returns how many reminders went out.
func (s *Service) RemindDue(ctx context.Context) (int, error) {
	plans, err := s.plans.List(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	n := 0
	for _, pl := range plans {
		for _, o := range pl.Periods {
			per := pl.Period(o.Year)
			if !per.Open(now) || per.Overdue(now) {
				continue
			}
			before := per.DaysLeft(now) - 1 // whole days before the due day
			due := -1
			for _, d := range Reminders {
				if before <= d {
					due = d // the nearest threshold passed
				}
			}
			if due < 0 {
				continue
			}
			for _, a := range pl.Reporters() {
				id := ID(pl.ID, o.Year, a.Code)
				r, err := store.Get[Report](ctx, s.s, Collection, id)
				if err != nil || (r.State != Draft && r.State != Returned) {
					continue
				}
				err = store.Insert(ctx, s.s, ReminderCollection, &reminder{ID: id + "-" + strconv.Itoa(due), SentAt: now.UTC()})
				if errors.Is(err, store.ErrDuplicate) || mongo.IsDuplicateKeyError(err) {
					continue
				} else if err != nil {
					return n, err
				}
				if s.notes != nil {
					s.notes.ToOrgs(ctx, []string{r.OrgID}, "", notify.Note{Kind: notify.KindReport, Link: "/plan/reports/" + r.ID,
						Params: map[string]string{"event": "due", "agency": r.AgencyName, "year": strconv.Itoa(r.Year), "plan": r.PlanNumber,
							"days": strconv.Itoa(max(before, 0)), "dueOn": per.Due.Add(-time.Second).In(calendar.Vietnam).Format("02/01/2006")}})
				}
				n++
			}
		}
	}
	return n, nil
}
