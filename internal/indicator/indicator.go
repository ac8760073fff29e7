// Package indicator is the one engine that counts what the platform
// records in a reporting period: technology transfers signed and
// registered and their value, listings published by kind, IP listings by
// type, organisations by kind and verification, enterprises whose support
// application was approved, support money per programme, and supported
// projects whose results were accepted. Plans' targets, agencies' reports,
// the provincial report, the ministry statistics and the public results
// all count through it, so a figure means the same everywhere.
//
// How to use it:
//
//	eng := indicator.New(store)
//	snap, err := eng.Snapshot(ctx)            // reads the sources once
//	w := indicator.YearOf(period.Default().Year(2026))
//	r, err := snap.Count(indicator.Query{
//		Metric:  indicator.TransfersSigned,
//		Filters: map[string]string{indicator.FilterSector: "biotech"},
//	}, w)
//	r.Value()   // the figure: a count, or a sum of VND for money metrics
//	r.Records   // what was counted: ids, titles and links
//
// Metrics are data: Catalogue lists them with stable ids, vi/en labels,
// how each is counted and the filters it accepts, so a target or a form's
// cell names a metric and its filters (Query) instead of code. A Query is
// checked with Validate before it is stored.
//
// Periods come from internal/period: YearOf is one reporting year (15/12
// of the previous year to 14/12, Vietnam's days), UpTo everything recorded
// before a year ends (cumulative). A record dated by a day (a contract's
// signing day) counts on that Vietnam day; one dated by an instant (a
// listing's publication) counts on the Vietnam day that instant falls on.
//
// Cost: FerretDB's aggregation accumulators are unreliable (DESIGN.md), so
// nothing is summed in the database. A Snapshot reads each source
// collection once, with a projection of the few fields counted, and every
// Count after that is a pass over memory. Build one Snapshot per report
// and count every cell from it. In embedded mode FerretDB decodes every
// document it scans, so a Snapshot of a province (5,000 listings, 600
// transfers, 1,500 organisations) takes seconds (BenchmarkSnapshot,
// BENCHMARKS.md) while counting every metric from it takes milliseconds
// (BenchmarkCountEveryMetric): pages the public opens cache what they
// count.
package indicator

import (
	"slices"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Window is the span of instants counted: [From, To). A zero From counts
// from the beginning.
type Window struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// YearOf is the window of one reporting year.
func YearOf(p period.Period) Window { return Window{From: p.From, To: p.To} }

// UpTo is everything before the end of a reporting year: the cumulative
// window.
func UpTo(p period.Period) Window { return Window{To: p.To} }

// Contains says whether the instant t falls in w.
func (w Window) Contains(t time.Time) bool {
	return (w.From.IsZero() || !t.Before(w.From)) && t.Before(w.To)
}

// ContainsDay says whether the Vietnam day (YYYY-MM-DD) falls in w: the
// day counts by its first instant, 00:00 in Vietnam. A day not written as
// a date counts nowhere.
func (w Window) ContainsDay(day string) bool {
	d, err := time.ParseInLocation(time.DateOnly, day, calendar.Vietnam)
	if err != nil {
		return false
	}
	return w.Contains(d)
}

// Units of a metric's figure.
const (
	UnitCount = "count" // how many records
	UnitVND   = "vnd"   // a sum of money, VND
)

// Filter names a metric may accept.
const (
	FilterForm    = "form"    // transfer form (taxonomy transferForms)
	FilterSector  = "sector"  // sector (taxonomy sectors); a record with several counts in each
	FilterKind    = "kind"    // listing kind or organisation kind
	FilterIPType  = "ipType"  // IP type (taxonomy ipTypes)
	FilterStatus  = "status"  // organisation verification status
	FilterProgram = "program" // support programme id
	FilterEvent   = "event"   // event id (internal/event)
)

// Text is a label in both languages.
type Text struct {
	Vi string `json:"vi"`
	En string `json:"en"`
}

// Metric is one thing the platform counts.
type Metric struct {
	ID      string   `json:"id"`
	Label   Text     `json:"label"`
	Counted Text     `json:"counted"` // how it is counted, for the page that explains a figure
	Unit    string   `json:"unit"`
	Filters []string `json:"filters"`
}

// Metric ids: stable, stored in targets and in the forms' layouts.
const (
	TransfersSigned          = "transfers.signed"
	TransfersSignedValue     = "transfers.signed.value"
	TransfersRegistered      = "transfers.registered"
	TransfersRegisteredValue = "transfers.registered.value"
	ListingsPublished        = "listings.published"
	IPListingsPublished      = "ip.published"
	OrgsRegistered           = "organizations.registered"
	OrgsVerified             = "organizations.verified"
	EnterprisesSupported     = "support.enterprises"
	ApplicationsApproved     = "support.approved"
	SupportCommitted         = "support.committed"
	SupportDisbursed         = "support.disbursed"
	ProjectsAccepted         = "support.accepted"
	TasksAccepted            = "tasks.accepted"
	EventParticipants        = "events.participants"
	EventDeals               = "events.deals"
	EventDealsValue          = "events.deals.value"
)

var catalogue = []Metric{
	{ID: TransfersSigned, Unit: UnitCount, Filters: []string{FilterForm, FilterSector},
		Label: Text{"Hợp đồng chuyển giao công nghệ đã ký", "Technology transfer contracts signed"},
		Counted: Text{"Số giao dịch chuyển giao công nghệ được ghi nhận trên nền tảng có ngày ký hợp đồng trong kỳ (theo ngày Việt Nam).",
			"Technology transfers recorded on the platform whose contract was signed in the period (Vietnam's days)."}},
	{ID: TransfersSignedValue, Unit: UnitVND, Filters: []string{FilterForm, FilterSector},
		Label: Text{"Giá trị hợp đồng chuyển giao công nghệ đã ký", "Value of technology transfer contracts signed"},
		Counted: Text{"Tổng giá trị hợp đồng (đồng) của các giao dịch có ngày ký trong kỳ.",
			"The sum of the contract values (VND) of the transfers signed in the period."}},
	{ID: TransfersRegistered, Unit: UnitCount, Filters: []string{FilterForm, FilterSector},
		Label: Text{"Hợp đồng chuyển giao công nghệ được cấp giấy chứng nhận đăng ký", "Technology transfer contracts registered"},
		Counted: Text{"Số giao dịch có ngày cấp giấy chứng nhận đăng ký chuyển giao công nghệ trong kỳ.",
			"Transfers whose registration certificate was issued in the period."}},
	{ID: TransfersRegisteredValue, Unit: UnitVND, Filters: []string{FilterForm, FilterSector},
		Label: Text{"Giá trị hợp đồng chuyển giao công nghệ đã đăng ký", "Value of technology transfer contracts registered"},
		Counted: Text{"Tổng giá trị hợp đồng (đồng) của các giao dịch được cấp giấy chứng nhận đăng ký trong kỳ.",
			"The sum of the contract values (VND) of the transfers registered in the period."}},
	{ID: ListingsPublished, Unit: UnitCount, Filters: []string{FilterKind, FilterSector, FilterIPType},
		Label: Text{"Tin công nghệ, thiết bị, tài sản trí tuệ, nhu cầu được công bố", "Listings published"},
		Counted: Text{"Số tin (công nghệ, thiết bị, tài sản trí tuệ, nhu cầu công nghệ) được duyệt công bố lần gần nhất trong kỳ.",
			"Listings (technologies, equipment, IP, technology needs) whose latest publication fell in the period."}},
	{ID: IPListingsPublished, Unit: UnitCount, Filters: []string{FilterIPType, FilterSector},
		Label: Text{"Tài sản trí tuệ được công bố", "IP listings published"},
		Counted: Text{"Số tin tài sản trí tuệ (sáng chế, nhãn hiệu tập thể, chỉ dẫn địa lý…) được công bố lần gần nhất trong kỳ.",
			"IP listings (patents, collective marks, geographical indications…) whose latest publication fell in the period."}},
	{ID: OrgsRegistered, Unit: UnitCount, Filters: []string{FilterKind, FilterStatus},
		Label: Text{"Tổ chức đăng ký tham gia", "Organisations registered"},
		Counted: Text{"Số tổ chức đăng ký tài khoản trên nền tảng trong kỳ.",
			"Organisations that registered on the platform in the period."}},
	{ID: OrgsVerified, Unit: UnitCount, Filters: []string{FilterKind},
		Label: Text{"Tổ chức được xác minh", "Organisations verified"},
		Counted: Text{"Số tổ chức được Sở xác minh trong kỳ và hiện vẫn ở trạng thái đã xác minh.",
			"Organisations the department verified in the period that are still verified."}},
	{ID: EnterprisesSupported, Unit: UnitCount, Filters: []string{FilterProgram},
		Label: Text{"Doanh nghiệp được hỗ trợ đổi mới công nghệ", "Enterprises supported in renewing their technology"},
		Counted: Text{"Số tổ chức có ít nhất một hồ sơ hỗ trợ được phê duyệt trong kỳ (mỗi tổ chức tính một lần).",
			"Organisations with at least one support application approved in the period (each counted once)."}},
	{ID: ApplicationsApproved, Unit: UnitCount, Filters: []string{FilterProgram},
		Label:   Text{"Hồ sơ hỗ trợ được phê duyệt", "Support applications approved"},
		Counted: Text{"Số hồ sơ được phê duyệt hỗ trợ trong kỳ.", "Applications approved for support in the period."}},
	{ID: SupportCommitted, Unit: UnitVND, Filters: []string{FilterProgram},
		Label: Text{"Kinh phí hỗ trợ được phê duyệt", "Support money committed"},
		Counted: Text{"Tổng số tiền hỗ trợ được phê duyệt trong kỳ, trừ phần hoàn lại khi kết thúc hồ sơ.",
			"The support approved in the period, less what closing an application gave back."}},
	{ID: SupportDisbursed, Unit: UnitVND, Filters: []string{FilterProgram},
		Label:   Text{"Kinh phí hỗ trợ đã giải ngân", "Support money disbursed"},
		Counted: Text{"Tổng số tiền các đợt giải ngân có ngày chi trong kỳ.", "The tranches paid out on days in the period."}},
	{ID: ProjectsAccepted, Unit: UnitCount, Filters: []string{FilterProgram},
		Label: Text{"Dự án được hỗ trợ đã nghiệm thu đạt", "Supported projects accepted"},
		Counted: Text{"Số hồ sơ hỗ trợ có kết quả được nghiệm thu đạt với ngày nghiệm thu trong kỳ.",
			"Supported applications whose results were accepted on a day in the period."}},
	{ID: TasksAccepted, Unit: UnitCount,
		Label: Text{"Nhiệm vụ KH&CN đặt hàng được nghiệm thu đạt", "Commissioned S&T tasks accepted"},
		Counted: Text{"Số nhiệm vụ khoa học và công nghệ do tỉnh đặt hàng được hội đồng nghiệm thu đánh giá đạt trở lên, với ngày ghi nhận kết luận trong kỳ.",
			"Commissioned S&T tasks the acceptance council graded pass or better, the conclusion recorded on a day in the period."}},
	{ID: EventParticipants, Unit: UnitCount, Filters: []string{FilterKind, FilterEvent},
		Label: Text{"Tổ chức tham gia chợ công nghệ – thiết bị (Techmart)", "Organisations taking part in technology fairs (Techmart)"},
		Counted: Text{"Số tổ chức có đăng ký được duyệt (trưng bày, mang nhu cầu hoặc nhà sáng chế) tại các sự kiện đã công bố có ngày khai mạc trong kỳ; mỗi tổ chức tính một lần.",
			"Organisations with an approved registration (exhibiting, bringing needs or as inventors) at published events opening in the period; each counted once."}},
	{ID: EventDeals, Unit: UnitCount, Filters: []string{FilterKind, FilterSector, FilterEvent},
		Label: Text{"Biên bản ghi nhớ và hợp đồng ký tại chợ công nghệ", "MoUs and contracts signed at technology fairs"},
		Counted: Text{"Số biên bản ghi nhớ (kind=mou) và hợp đồng (kind=contract) ghi nhận tại sự kiện, ký tại chỗ hoặc trong 6 tháng sau ngày bế mạc, có ngày ký trong kỳ.",
			"MoUs (kind=mou) and contracts (kind=contract) recorded at an event, signed there or within six months of its last day, on a day in the period."}},
	{ID: EventDealsValue, Unit: UnitVND, Filters: []string{FilterKind, FilterSector, FilterEvent},
		Label:   Text{"Giá trị biên bản ghi nhớ và hợp đồng ký tại chợ công nghệ", "Value of MoUs and contracts signed at technology fairs"},
		Counted: Text{"Tổng giá trị (đồng) các biên bản ghi nhớ và hợp đồng nói trên.", "The sum of the values (VND) of those MoUs and contracts."}},
}

// Catalogue lists every metric, in a stable order.
func Catalogue() []Metric { return slices.Clone(catalogue) }

// Lookup finds a metric by id.
func Lookup(id string) (Metric, bool) {
	i := slices.IndexFunc(catalogue, func(m Metric) bool { return m.ID == id })
	if i < 0 {
		return Metric{}, false
	}
	return catalogue[i], true
}

// Query names a metric and the filters it is narrowed by: what a target
// or a form's cell stores.
type Query struct {
	Metric  string            `json:"metric" bson:"metric"`
	Filters map[string]string `json:"filters,omitempty" bson:"filters,omitempty"`
}

// ErrUnknownMetric refuses a metric id the catalogue does not hold.
var ErrUnknownMetric = errs.Field("metric", "invalid_choice")

// Validate checks that the metric exists and accepts each filter, and
// that no filter is empty. Field errors name "metric" and
// "filters.<name>" under prefix (e.g. "targets.0.").
func (q Query) Validate() error {
	var c validate.Checker
	q.check(&c, "")
	return c.Err()
}

// Check adds q's problems to c under prefix, for a caller validating a
// larger input.
func (q Query) Check(c *validate.Checker, prefix string) { q.check(c, prefix) }

func (q Query) check(c *validate.Checker, prefix string) {
	m, ok := Lookup(q.Metric)
	if !ok {
		ids := make([]string, len(catalogue))
		for i, m := range catalogue {
			ids[i] = m.ID
		}
		c.Add(prefix+"metric", "invalid_choice", "choices", ids)
		return
	}
	for _, name := range sortedKeys(q.Filters) {
		switch {
		case !slices.Contains(m.Filters, name):
			c.Add(prefix+"filters."+name, "invalid_choice", "choices", m.Filters)
		case q.Filters[name] == "":
			c.Add(prefix+"filters."+name, "required")
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Record is one thing counted, for linking a figure to its records.
type Record struct {
	Type  string `json:"type"` // transfer, listing, organization, application, tranche
	ID    string `json:"id"`
	Title string `json:"title"`
	Link  string `json:"link"`            // the SPA's path to it (for those allowed to open it)
	Day   string `json:"day"`             // the Vietnam day it counted on
	Value int64  `json:"value,omitempty"` // VND: a contract's value, an amount of support
	// Confidential: the record may not be named or its value shown to the
	// public (a transfer whose parties did not consent). Counting it among
	// others is fine.
	Confidential bool `json:"confidential,omitempty"`
	// Sectors are a transfer's or a listing's, for breakdowns.
	Sectors []string `json:"sectors,omitempty"`
	// Parties names a transfer's supplier and recipient, or an
	// application's organisation.
	Parties []string `json:"parties,omitempty"`
	// PartyIDs are the organisations Parties names, in the same order
	// (never published: the public pages match an organisation by them).
	PartyIDs []string `json:"-"`
}

// Result is a metric counted over a window.
type Result struct {
	Query
	Unit    string   `json:"unit"`
	Count   int      `json:"count"` // records counted
	Sum     int64    `json:"sum"`   // the records' values added, VND (a transfer's contract value, an amount of support; 0 for records without one)
	Records []Record `json:"records"`
}

// Value is the figure: the count, or the sum for a money metric.
func (r Result) Value() int64 {
	if r.Unit == UnitVND {
		return r.Sum
	}
	return int64(r.Count)
}
