// Package nextstep tells a signed-in person what waits for them across the
// platform — matches announced, interest to answer, support applications
// to submit, appraisals to score, the department's queues — each with a
// count and the page where it is done. What applies is decided here, from
// the person's roles and each procedure's own `can`; the home page only
// shows it.
package nextstep

import (
	"context"
	"slices"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/support"
)

// The steps, as the API names them.
const (
	OrganizationPending = "organization_pending"  // a member's organisation waits for verification
	OrganizationReject  = "organization_rejected" // … was refused: correct it
	Matches             = "matches"               // strong matches announced and not read
	Connections         = "connections"           // interest in the organisation's listings to answer
	Listings            = "listings"              // listings returned by moderation, to correct
	Applications        = "applications"          // support applications to submit or to ask acceptance for
	Reports             = "reports"               // an agency's plan reports to write and send
	Reviews             = "reviews"               // appraisals assigned and not yet scored
	QueueOrganizations  = "queue_organizations"   // officers: organisations to verify
	QueueListings       = "queue_listings"        // officers: listings to moderate
	QueueApplications   = "queue_applications"    // officers: applications awaiting a step
	QueueReports        = "queue_reports"         // officers: agencies' reports to accept
)

// Codes lists every step.
var Codes = []string{OrganizationPending, OrganizationReject, Matches, Connections, Listings, Applications, Reports,
	Reviews, QueueOrganizations, QueueListings, QueueApplications, QueueReports}

// Step is one thing waiting, with how many and where it is done.
type Step struct {
	Code  string `json:"code" rule:"enum=NextStepCode"`
	Count int    `json:"count"`
	Link  string `json:"link"`
}

// Steps are a person's next steps, in the order the home page shows them.
type Steps struct {
	Items []Step `json:"items"`
}

// Orgs is what next steps need of organisations.
type Orgs interface {
	ForUser(ctx context.Context, u auth.User) ([]org.Organization, error)
	List(ctx context.Context, p *auth.Principal, status string, page, size int) ([]org.Organization, int64, error)
}

// Catalog lists listings.
type Catalog interface {
	List(ctx context.Context, p *auth.Principal, f catalog.ListFilter) ([]catalog.Listing, int64, error)
}

// Conns lists connections.
type Conns interface {
	List(ctx context.Context, p *auth.Principal, f connection.Filter) ([]connection.Connection, int, error)
}

// Support lists applications and says what a person may do with each.
type Support interface {
	ListApplications(ctx context.Context, p *auth.Principal, f support.ApplicationFilter) (support.ApplicationPage, error)
	CanOf(p *auth.Principal, a *support.Application) support.Can
}

// Plans lists the plan's reports with their `can`.
type Plans interface {
	List(ctx context.Context, p *auth.Principal, f report.Filter) ([]report.Report, error)
}

// Notes counts unread notifications.
type Notes interface {
	UnreadOf(ctx context.Context, userID string, kinds ...string) (int, error)
}

// Deps are the services next steps read.
type Deps struct {
	Orgs        Orgs
	Catalog     Catalog
	Connections Conns
	Support     Support
	Reports     Plans
	Notes       Notes
}

// Service works out next steps.
type Service struct{ d Deps }

// New returns the service.
func New(d Deps) *Service { return &Service{d: d} }

// all is a page size that takes every item of a person's lists.
const all = 1 << 20

// For returns p's next steps: those that apply to p's organisations and
// roles, each with its count (0 when nothing waits).
func (s *Service) For(ctx context.Context, p *auth.Principal) (Steps, error) {
	out := Steps{Items: []Step{}}
	add := func(code string, n int, link string) {
		out.Items = append(out.Items, Step{Code: code, Count: n, Link: link})
	}
	orgs, err := s.d.Orgs.ForUser(ctx, p.User)
	if err != nil {
		return out, err
	}
	market, agency := false, false
	for _, o := range orgs {
		switch {
		case o.Status == org.StatusPending:
			add(OrganizationPending, 1, "/organization/"+o.ID)
		case o.Status == org.StatusRejected:
			add(OrganizationReject, 1, "/organization/"+o.ID)
		case o.Kind == org.KindAgency:
			agency = true
		case o.Kind != org.KindDepartment:
			market = true
		}
	}
	if market {
		n, err := s.d.Notes.UnreadOf(ctx, p.User.ID, notify.KindMatch, notify.KindMatchProposed, notify.KindMatchDigest)
		if err != nil {
			return out, err
		}
		add(Matches, n, "/notifications")
		conns, _, err := s.d.Connections.List(ctx, p, connection.Filter{State: connection.StateRequested, Page: 1, Size: all})
		if err != nil {
			return out, err
		}
		n = 0
		for i := range conns {
			if connection.CanOf(p, &conns[i]).Accept {
				n++
			}
		}
		add(Connections, n, "/connections")
		_, rejected, err := s.d.Catalog.List(ctx, p, catalog.ListFilter{Mine: true, State: catalog.StateRejected, Page: 1, Size: 1})
		if err != nil {
			return out, err
		}
		add(Listings, int(rejected), "/my/listings")
		n, err = s.countApps(ctx, p, support.ScopeMine, func(c support.Can, _ *support.Application) bool { return c.Submit || c.RequestAcceptance })
		if err != nil {
			return out, err
		}
		add(Applications, n, "/support/applications")
	}
	if agency {
		n, err := s.countReports(ctx, p, report.StepSubmit)
		if err != nil {
			return out, err
		}
		add(Reports, n, "/plan/reports")
	}
	if p.User.HasRole(auth.RoleReviewer) {
		n, err := s.countApps(ctx, p, support.ScopeAssigned, func(c support.Can, a *support.Application) bool {
			return c.Score && !slices.ContainsFunc(a.Reviews, func(r council.Review) bool { return r.ReviewerID == p.User.ID && r.SubmittedAt != nil })
		})
		if err != nil {
			return out, err
		}
		add(Reviews, n, "/support/applications?scope=assigned")
	}
	if org.IsStaff(p) {
		_, n, err := s.d.Orgs.List(ctx, p, org.StatusPending, 1, 1)
		if err != nil {
			return out, err
		}
		add(QueueOrganizations, int(n), "/officer/organizations")
		_, n, err = s.d.Catalog.List(ctx, p, catalog.ListFilter{State: catalog.StatePending, Page: 1, Size: 1})
		if err != nil {
			return out, err
		}
		add(QueueListings, int(n), "/officer/listings")
		apps, err := s.countApps(ctx, p, support.ScopeAll, func(c support.Can, a *support.Application) bool {
			return c.Check || c.Decide || c.Agreement || c.Acceptance || c.Close || (c.AssignReviewers && a.State == support.AppCompleteness)
		})
		if err != nil {
			return out, err
		}
		add(QueueApplications, apps, "/support/applications?scope=all")
		reps, err := s.countReports(ctx, p, report.StepAccept)
		if err != nil {
			return out, err
		}
		add(QueueReports, reps, "/plan/reports")
	}
	return out, nil
}

func (s *Service) countApps(ctx context.Context, p *auth.Principal, scope string, waits func(support.Can, *support.Application) bool) (int, error) {
	page, err := s.d.Support.ListApplications(ctx, p, support.ApplicationFilter{Scope: scope, Page: 1, Size: all})
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range page.Items {
		if waits(s.d.Support.CanOf(p, &page.Items[i]), &page.Items[i]) {
			n++
		}
	}
	return n, nil
}

func (s *Service) countReports(ctx context.Context, p *auth.Principal, step string) (int, error) {
	reps, err := s.d.Reports.List(ctx, p, report.Filter{})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range reps {
		if r.Can[step] {
			n++
		}
	}
	return n, nil
}
