// Package results is the public "Kết quả thực hiện" (results) page and
// its open data: technology transfers recorded per reporting year and
// sector (count and value), support money per programme and year, the
// supported projects whose results were accepted, the events' results
// (organisations taking part; MoUs and contracts signed, by kind), and the
// plan's targets with their progress — every figure counted by
// internal/indicator and naming the metric that says how.
//
// No figure reveals a single confidential contract:
//
//   - A transfer figure counting fewer than MinCell contracts, or holding
//     fewer than MinCell confidential ones beside contracts named with
//     consent, is suppressed (count and value null, Suppressed "small").
//     Zero is shown: it reveals no contract.
//   - Where a year's total less its sector figures shown (and the named
//     contracts) would tell the suppressed ones' confidential contracts
//     (fewer than MinCell together), more is suppressed (Suppressed "complement"): the smallest other sector, or
//     the total when no other sector has contracts.
//   - A transfer is named, with its parties and value, only when its
//     parties consented (transfer.PublicConsent).
//
// Support money and supported projects are public decisions (the support
// dashboard already shows them), so they are shown as counted; so are the
// organisations taking part in events (their exhibitors are public).
//
// An event's MoUs and contracts are counted per year and kind (MoU,
// contract) with the year's total, never per sector, and go through the
// same suppression as the transfers: the parties record no consent to
// publication on a deal (the counting engine marks every deal
// confidential), and neither the deal log nor an event's report is public,
// so a kind of 1 or 2 deals, or one a reader could subtract from the
// total, is withheld.
//
// The JSON document (Results) and the CSV carry the same figures in the
// same order; Schema names the shape, which changes only with a new id.
package results

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/kept"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// Schema identifies the open data's shape: its fields and columns and
// what they mean. A new section or dimension adds rows of the same shape
// (the events' did) and keeps the id.
const Schema = "techmart.public-results/v1"

// MinCell is the fewest records a published transfer or event-deal figure
// may count.
const MinCell = 3

// TTL is how long the public results are kept before they are counted
// again.
const TTL = 5 * time.Minute

// Years is how many reporting years the page shows, the current one last.
const Years = 5

// Sections of the figures.
const (
	SectionTransfers = "transfers"
	SectionSupport   = "support"
	SectionProjects  = "projects"
	SectionTargets   = "targets"
	SectionEvents    = "events"
	SectionTasks     = "tasks" // commissioned S&T tasks accepted
)

// Why a figure is withheld.
const (
	SuppressedSmall      = "small"      // it counts 1 or 2 records
	SuppressedComplement = "complement" // it would reveal a small one by subtraction
)

// Figure is one published number: a row of the CSV.
type Figure struct {
	Section   string `json:"section"`
	Year      int    `json:"year"`
	Dimension string `json:"dimension"` // total, sector, program, target, kind
	Key       string `json:"key"`       // the sector's code, the programme's or target's id, the deal's kind (mou, contract); "" for a total
	LabelVi   string `json:"labelVi"`
	LabelEn   string `json:"labelEn"`
	Unit      string `json:"unit"` // what value is: vnd, or the target's unit
	// UnitEn and UnitEnOne are a target's unit in English (of several and
	// of one), when the plan gives them.
	UnitEn    string `json:"unitEn,omitempty"`
	UnitEnOne string `json:"unitEnOne,omitempty"`
	Metric    string `json:"metric"` // how it is counted: an indicator id ("reported" for a target an agency reports)
	// Count is how many records; null when suppressed or not counted.
	Count *int64 `json:"count" nullable:"true"`
	// Value is VND for transfers, support and event deals; null when
	// suppressed.
	Value *int64 `json:"value" nullable:"true"`
	// Target and Achieved are a target's; Status its traffic light.
	Target     *float64 `json:"target" nullable:"true"`
	Achieved   *float64 `json:"achieved" nullable:"true"`
	Status     string   `json:"status"`
	Suppressed string   `json:"suppressed"` // "", small, complement
	// Confidential is how many of the records counted may not be named
	// (never published; Suppress reads it).
	Confidential int64 `json:"-"`
}

// TargetProgress is a plan target's progress as the plan supplies it.
type TargetProgress struct {
	ID        string         `json:"id"`
	Plan      indicator.Text `json:"plan"`      // e.g. Quyết định 684/QĐ-UBND
	Indicator indicator.Text `json:"indicator"` // what is measured
	Unit      indicator.Text `json:"unit"`
	UnitEnOne string         `json:"unitEnOne,omitempty"` // the English unit of one
	Target    float64        `json:"target"`
	Deadline  string         `json:"deadline"` // YYYY-MM-DD
	// Achieved is cumulative to the year's end; nil when nothing was
	// counted or reported yet.
	Achieved *float64 `json:"achieved"`
	// Status: achieved, on_track, at_risk, behind.
	Status string `json:"status"`
	// Metric is the indicator id when the platform counts it, "reported"
	// when the responsible agency reports it.
	Metric string `json:"metric"`
}

// TargetSource supplies the targets' progress for a reporting year (the
// plan's reports), counted from the snapshot the other figures come from.
// Without one the section is empty.
type TargetSource interface {
	PublicTargets(ctx context.Context, snap *indicator.Snapshot, year int) ([]TargetProgress, error)
}

// Transfer is a contract whose parties consented to its publication.
type Transfer struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Supplier  string `json:"supplier"`
	Recipient string `json:"recipient"`
	// SupplierID and RecipientID are the parties' organisations, for an
	// organisation's public page; the open data names the parties only.
	SupplierID  string   `json:"-"`
	RecipientID string   `json:"-"`
	Value       int64    `json:"value"`
	SignedOn    string   `json:"signedOn"`
	Sectors     []string `json:"sectors"`
}

// Project is a supported project whose results were accepted.
type Project struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
	AcceptedOn   string `json:"acceptedOn"`
}

// Results is the public document.
type Results struct {
	Schema      string          `json:"schema"`
	GeneratedAt time.Time       `json:"generatedAt"`
	Years       []period.Period `json:"years"`
	MinCell     int             `json:"minCell"`
	Figures     []Figure        `json:"figures"`
	Transfers   []Transfer      `json:"transfers"` // named with consent
	Projects    []Project       `json:"projects"`
	// Tasks are the commissioned S&T tasks accepted (the organisation is
	// the performer).
	Tasks   []Project          `json:"tasks"`
	Metrics []indicator.Metric `json:"metrics"`
}

// Service computes the public results and keeps them (internal/kept): the
// page is public and a province's snapshot takes seconds in embedded mode.
// After TTL the kept results are still answered while one refresh runs
// behind them, so only the first visitor after a start waits (Warm spares
// even that one).
type Service struct {
	eng  *indicator.Engine
	tax  *taxonomy.Taxonomy
	rule period.Rule
	kept *kept.Value[Results]

	mu      sync.Mutex // guards targets
	targets TargetSource
}

// New returns the service; targets may be nil, log nil logs nowhere.
func New(eng *indicator.Engine, tax *taxonomy.Taxonomy, rule period.Rule, targets TargetSource, now func() time.Time, ttl time.Duration, log *slog.Logger) *Service {
	s := &Service{eng: eng, tax: tax, rule: rule, targets: targets}
	s.kept = kept.New("results", ttl, now, log, func(ctx context.Context, now time.Time) (Results, error) {
		s.mu.Lock()
		t := s.targets
		s.mu.Unlock()
		return s.compute(ctx, now, t)
	})
	return s
}

// SetTargets wires the plan's targets (the composition root calls it);
// the kept results are dropped.
func (s *Service) SetTargets(t TargetSource) {
	s.mu.Lock()
	s.targets = t
	s.mu.Unlock()
	s.kept.Drop()
}

// Get returns the results: counted now if none are kept, else the kept
// ones, starting a refresh behind them when they are older than TTL.
func (s *Service) Get(ctx context.Context) (Results, error) { return s.kept.Get(ctx) }

// Refresh counts the results now and keeps them; concurrent callers wait
// for one count.
func (s *Service) Refresh(ctx context.Context) (Results, error) { return s.kept.Refresh(ctx) }

func (s *Service) compute(ctx context.Context, now time.Time, targets TargetSource) (Results, error) {
	snap, err := s.eng.Snapshot(ctx)
	if err != nil {
		return Results{}, err
	}
	cur := s.rule.YearOf(now)
	r := Results{Schema: Schema, GeneratedAt: now.UTC(), MinCell: MinCell, Figures: []Figure{}, Transfers: []Transfer{},
		Projects: []Project{}, Tasks: []Project{}, Metrics: indicator.Catalogue()}
	progs := snap.Programs()
	count := func(metric string, filters map[string]string, w indicator.Window) (indicator.Result, error) {
		return snap.Count(indicator.Query{Metric: metric, Filters: filters}, w)
	}
	for y := cur - Years + 1; y <= cur; y++ {
		p := s.rule.Year(y)
		r.Years = append(r.Years, p)
		w := indicator.YearOf(p)

		// Transfers per sector, then the year's total.
		group := []Figure{}
		for _, sec := range s.tax.Sectors {
			res, err := count(indicator.TransfersSigned, map[string]string{indicator.FilterSector: sec.Code}, w)
			if err != nil {
				return Results{}, err
			}
			group = append(group, contractFigure(SectionTransfers, indicator.TransfersSigned, y, "sector", sec.Code, sec.VI, sec.EN, res))
		}
		all, err := count(indicator.TransfersSigned, nil, w)
		if err != nil {
			return Results{}, err
		}
		group = append(group, contractFigure(SectionTransfers, indicator.TransfersSigned, y, "total", "", "Tổng số", "Total", all))
		r.Figures = append(r.Figures, Suppress(group)...)
		for _, rec := range all.Records {
			if !rec.Confidential {
				t := Transfer{ID: rec.ID, Title: rec.Title, Value: rec.Value, SignedOn: rec.Day, Sectors: rec.Sectors}
				if len(rec.Parties) == 2 {
					t.Supplier, t.Recipient = rec.Parties[0], rec.Parties[1]
				}
				if len(rec.PartyIDs) == 2 {
					t.SupplierID, t.RecipientID = rec.PartyIDs[0], rec.PartyIDs[1]
				}
				r.Transfers = append(r.Transfers, t)
			}
		}

		// Support per programme: committed, disbursed, enterprises.
		for _, pr := range progs {
			f := map[string]string{indicator.FilterProgram: pr.ID}
			committed, err := count(indicator.SupportCommitted, f, w)
			if err != nil {
				return Results{}, err
			}
			disbursed, err := count(indicator.SupportDisbursed, f, w)
			if err != nil {
				return Results{}, err
			}
			ents, err := count(indicator.EnterprisesSupported, f, w)
			if err != nil {
				return Results{}, err
			}
			r.Figures = append(r.Figures, supportFigures(y, "program", pr.ID, pr.Name, pr.Name, committed, disbursed, ents)...)
		}
		committed, err := count(indicator.SupportCommitted, nil, w)
		if err != nil {
			return Results{}, err
		}
		disbursed, err := count(indicator.SupportDisbursed, nil, w)
		if err != nil {
			return Results{}, err
		}
		ents, err := count(indicator.EnterprisesSupported, nil, w)
		if err != nil {
			return Results{}, err
		}
		r.Figures = append(r.Figures, supportFigures(y, "total", "", "Tổng số", "Total", committed, disbursed, ents)...)

		// Supported projects accepted.
		acc, err := count(indicator.ProjectsAccepted, nil, w)
		if err != nil {
			return Results{}, err
		}
		n := int64(acc.Count)
		r.Figures = append(r.Figures, Figure{Section: SectionProjects, Year: y, Dimension: "total", LabelVi: "Dự án được nghiệm thu đạt",
			LabelEn: "Projects accepted", Unit: indicator.UnitCount, Metric: indicator.ProjectsAccepted, Count: &n})
		for _, rec := range acc.Records {
			pj := Project{ID: rec.ID, Title: rec.Title, AcceptedOn: rec.Day}
			if len(rec.Parties) > 0 {
				pj.Organization = rec.Parties[0]
			}
			r.Projects = append(r.Projects, pj)
		}

		// Commissioned S&T tasks accepted: public decisions, named.
		tasks, err := count(indicator.TasksAccepted, nil, w)
		if err != nil {
			return Results{}, err
		}
		nt := int64(tasks.Count)
		r.Figures = append(r.Figures, Figure{Section: SectionTasks, Year: y, Dimension: "total", LabelVi: "Nhiệm vụ KH&CN đặt hàng được nghiệm thu đạt",
			LabelEn: "Commissioned S&T tasks accepted", Unit: indicator.UnitCount, Metric: indicator.TasksAccepted, Count: &nt})
		for _, rec := range tasks.Records {
			pj := Project{ID: rec.ID, Title: rec.Title, AcceptedOn: rec.Day}
			if len(rec.Parties) > 0 {
				pj.Organization = rec.Parties[0]
			}
			r.Tasks = append(r.Tasks, pj)
		}

		// Events: the organisations taking part, then the MoUs and
		// contracts signed per kind and in all (withheld as the transfers
		// are; see the package's comment).
		parts, err := count(indicator.EventParticipants, nil, w)
		if err != nil {
			return Results{}, err
		}
		np := int64(parts.Count)
		r.Figures = append(r.Figures, Figure{Section: SectionEvents, Year: y, Dimension: "total", LabelVi: "Tổ chức tham gia",
			LabelEn: "Organisations taking part", Unit: indicator.UnitCount, Metric: indicator.EventParticipants, Count: &np})
		deals := []Figure{}
		for _, k := range dealKinds {
			res, err := count(indicator.EventDeals, map[string]string{indicator.FilterKind: k.kind}, w)
			if err != nil {
				return Results{}, err
			}
			deals = append(deals, contractFigure(SectionEvents, indicator.EventDeals, y, "kind", k.kind, k.vi, k.en, res))
		}
		allDeals, err := count(indicator.EventDeals, nil, w)
		if err != nil {
			return Results{}, err
		}
		deals = append(deals, contractFigure(SectionEvents, indicator.EventDeals, y, "total", "", "Tổng số", "Total", allDeals))
		r.Figures = append(r.Figures, Suppress(deals)...)
	}
	slices.SortStableFunc(r.Transfers, func(a, b Transfer) int { return cmp.Compare(b.SignedOn, a.SignedOn) })
	slices.SortStableFunc(r.Projects, func(a, b Project) int { return cmp.Compare(b.AcceptedOn, a.AcceptedOn) })
	slices.SortStableFunc(r.Tasks, func(a, b Project) int { return cmp.Compare(b.AcceptedOn, a.AcceptedOn) })

	if targets != nil {
		ts, err := targets.PublicTargets(ctx, snap, cur)
		if err != nil {
			return Results{}, err
		}
		for _, t := range ts {
			target := t.Target
			r.Figures = append(r.Figures, Figure{Section: SectionTargets, Year: cur, Dimension: "target", Key: t.ID,
				LabelVi: t.Indicator.Vi, LabelEn: t.Indicator.En, Unit: cmp.Or(t.Unit.Vi, t.Unit.En), UnitEn: t.Unit.En, UnitEnOne: t.UnitEnOne, Metric: cmp.Or(t.Metric, "reported"),
				Target: &target, Achieved: t.Achieved, Status: t.Status})
		}
	}
	return r, nil
}

// dealKinds are the kinds of an event's deals, in the order shown.
var dealKinds = []struct{ kind, vi, en string }{
	{event.DealMoU, "Biên bản ghi nhớ (MoU)", "Memoranda of understanding (MoU)"},
	{event.DealContract, "Hợp đồng", "Contracts"},
}

// contractFigure is a figure of contracts (transfers, or an event's MoUs
// and contracts): their count and value, and how many are confidential,
// for Suppress.
func contractFigure(section, metric string, y int, dim, key, vi, en string, res indicator.Result) Figure {
	n, v := int64(res.Count), res.Sum
	var conf int64
	for _, r := range res.Records {
		if r.Confidential {
			conf++
		}
	}
	return Figure{Section: section, Year: y, Dimension: dim, Key: key, LabelVi: vi, LabelEn: en,
		Unit: indicator.UnitVND, Metric: metric, Count: &n, Value: &v, Confidential: conf}
}

func supportFigures(y int, dim, key, vi, en string, committed, disbursed, ents indicator.Result) []Figure {
	c, d, e := committed.Sum, disbursed.Sum, int64(ents.Count)
	return []Figure{
		{Section: SectionSupport, Year: y, Dimension: dim, Key: key, LabelVi: vi, LabelEn: en, Unit: indicator.UnitCount, Metric: indicator.EnterprisesSupported, Count: &e},
		{Section: SectionSupport, Year: y, Dimension: dim, Key: key, LabelVi: vi, LabelEn: en, Unit: indicator.UnitVND, Metric: indicator.SupportCommitted, Value: &c},
		{Section: SectionSupport, Year: y, Dimension: dim, Key: key, LabelVi: vi, LabelEn: en, Unit: indicator.UnitVND, Metric: indicator.SupportDisbursed, Value: &d},
	}
}

// Suppress withholds the figures of one group — parts followed by their
// total, last — that would tell one or two contracts: those counting 1 or
// 2 contracts, and those with 1 or 2 confidential contracts among others
// whose parties consented (their value less the named ones would tell the
// rest). Then, while the total is shown and the withheld parts hold 1 or 2
// confidential contracts together (the total less the parts shown and the
// named contracts would tell them), it withholds a complement: the
// smallest other part with confidential contracts, or else the total. It
// returns the group changed in place.
func Suppress(group []Figure) []Figure {
	if len(group) == 0 {
		return group
	}
	few := func(n int64) bool { return n > 0 && n < MinCell }
	small := func(f Figure) bool { return f.Count != nil && (few(*f.Count) || few(f.Confidential)) }
	parts, total := group[:len(group)-1], &group[len(group)-1]
	var hiddenConf int64
	hidden := 0
	hide := func(f *Figure, why string) {
		if f != total {
			hiddenConf += f.Confidential
			hidden++
		}
		f.Count, f.Value, f.Suppressed = nil, nil, why
	}
	if small(*total) {
		hide(total, SuppressedSmall)
	}
	for i := range parts {
		if small(parts[i]) {
			hide(&parts[i], SuppressedSmall)
		}
	}
	for hidden > 0 && total.Suppressed == "" && few(hiddenConf) {
		best := -1
		for i := range parts {
			if parts[i].Suppressed == "" && parts[i].Confidential > 0 &&
				(best < 0 || *parts[i].Count < *parts[best].Count) {
				best = i
			}
		}
		if best < 0 {
			hide(total, SuppressedComplement)
			break
		}
		hide(&parts[best], SuppressedComplement)
	}
	return group
}
