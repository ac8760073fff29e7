package support

import (
	"cmp"
	"context"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/store"
)

// Target is the plan's promise the dashboard measures against, over the
// plan's period (From to Year, its deadline).
type Target struct {
	Enterprises int    `json:"enterprises"`
	Basis       string `json:"basis"` // the plan's decision
	From        int    `json:"from"`  // the first year of its period
	Year        int    `json:"year"`  // the year it names as the deadline
	// Current: today (in Vietnam) falls in the period, so progress against
	// it means something; a plan whose period has ended is named, not
	// measured against today's programmes.
	Current bool `json:"current"`
	// Supported is how many enterprises had support approved within the
	// period.
	Supported int `json:"supported"`
}

// PlanTarget is Decision 684/QĐ-UBND's: from 2016 to 2020, support about
// 20 enterprises in renewing their technology. The number is configurable.
func PlanTarget(enterprises int) Target {
	return Target{Enterprises: enterprises, Basis: "684/QĐ-UBND", From: 2016, Year: 2020}
}

// covers says whether year falls in the target's period.
func (t Target) covers(year int) bool { return year >= t.From && year <= t.Year }

// Money is a programme's (or a year's, or everything's) ledger, VND.
type Money struct {
	Total     int64 `json:"total"`
	Committed int64 `json:"committed"`
	Disbursed int64 `json:"disbursed"`
	Remaining int64 `json:"remaining"`
}

// ProgramFigures is one programme's line of the dashboard.
type ProgramFigures struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Money
	Enterprises  int            `json:"enterprises"`
	Applications map[string]int `json:"applications"` // by state, drafts left out
}

// YearFigures is what was committed (approved, less what closing gave
// back) and disbursed in one calendar year, and how many enterprises were
// approved that year.
type YearFigures struct {
	Year        int   `json:"year"`
	Committed   int64 `json:"committed"`
	Disbursed   int64 `json:"disbursed"`
	Enterprises int   `json:"enterprises"`
}

// Dashboard is the plan-target report.
type Dashboard struct {
	Target               Target           `json:"target"`
	SupportedEnterprises int              `json:"supportedEnterprises"`
	ApprovedApplications int              `json:"approvedApplications"`
	Totals               Money            `json:"totals"`
	Programs             []ProgramFigures `json:"programs"`
	Years                []YearFigures    `json:"years"`
}

// approvedStates are the states of an application that was approved.
var approvedStates = []string{AppApproved, AppAgreementSigned, AppInProgress, AppAcceptanceRequested, AppAccepted, AppNotAccepted, AppClosed}

// Dashboard adds up the published programmes' ledgers and their
// applications: an enterprise counts as supported once one of its
// applications is approved. Everything here is public: where the money
// goes is the department's to show.
func (s *Service) Dashboard(ctx context.Context, target Target) (Dashboard, error) {
	d := Dashboard{Target: target, Programs: []ProgramFigures{}, Years: []YearFigures{}}
	progs, err := store.Find[Program](ctx, s.s, ProgramCollection, bson.D{{Key: "state", Value: ProgramPublished}})
	if err != nil {
		return d, err
	}
	apps, err := store.Find[Application](ctx, s.s, ApplicationCollection, bson.D{{Key: "state", Value: bson.D{{Key: "$ne", Value: AppDraft}}}})
	if err != nil {
		return d, err
	}
	years := map[int]*YearFigures{}
	year := func(y int) *YearFigures {
		if years[y] == nil {
			years[y] = &YearFigures{Year: y}
		}
		return years[y]
	}
	orgOf := make(map[string]string, len(apps)) // application → organisation
	for _, a := range apps {
		orgOf[a.ID] = a.OrgID
	}
	supported := map[string]bool{}
	supportedIn := map[int]map[string]bool{}
	for _, pr := range progs {
		f := ProgramFigures{ID: pr.ID, Name: pr.Name, Applications: map[string]int{}, Money: Money{
			Total: pr.Ledger.Total, Committed: pr.Ledger.Committed, Disbursed: pr.Ledger.Disbursed, Remaining: pr.Ledger.Remaining()}}
		orgs := map[string]bool{}
		for _, a := range apps {
			if a.ProgramID != pr.ID {
				continue
			}
			f.Applications[a.State]++
			if slices.Contains(approvedStates, a.State) {
				orgs[a.OrgID] = true
				supported[a.OrgID] = true
				d.ApprovedApplications++
			}
		}
		f.Enterprises = len(orgs)
		// Years come from the ledger, the record of the money.
		for _, r := range pr.Reservations {
			y := r.At.In(calendar.Vietnam).Year()
			year(y).Committed += r.Committed()
			if supportedIn[y] == nil {
				supportedIn[y] = map[string]bool{}
			}
			if org, ok := orgOf[r.ApplicationID]; ok {
				supportedIn[y][org] = true
			}
			for _, t := range r.Tranches {
				if day, err := time.Parse(time.DateOnly, t.On); err == nil {
					year(day.Year()).Disbursed += t.Amount
				}
			}
		}
		d.Totals.Total += f.Total
		d.Totals.Committed += f.Committed
		d.Totals.Disbursed += f.Disbursed
		d.Totals.Remaining += f.Remaining
		d.Programs = append(d.Programs, f)
	}
	d.SupportedEnterprises = len(supported)
	d.Target.Current = d.Target.covers(s.now().In(calendar.Vietnam).Year())
	inPeriod := map[string]bool{}
	for y, orgs := range supportedIn {
		if d.Target.covers(y) {
			for org := range orgs {
				inPeriod[org] = true
			}
		}
	}
	d.Target.Supported = len(inPeriod)
	for y, f := range years {
		f.Enterprises = len(supportedIn[y])
		d.Years = append(d.Years, *f)
	}
	slices.SortFunc(d.Years, func(a, b YearFigures) int { return a.Year - b.Year })
	slices.SortFunc(d.Programs, func(a, b ProgramFigures) int { return cmp.Compare(b.Total, a.Total) })
	return d, nil
}
