package results_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/indicator"
	"github.com/techmart-vn/techmart/internal/ledger"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/period"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// fig is a figure of n contracts, all confidential.
func fig(n int64) results.Figure { return figC(n, n) }

// figC is a figure of n contracts, conf of them confidential.
func figC(n, conf int64) results.Figure {
	v := n * 1_000_000
	return results.Figure{Count: &n, Value: &v, Confidential: conf}
}

// Small figures are withheld, and so is whatever would let a reader
// subtract them back out of the total.
func TestSuppress(t *testing.T) {
	for _, tc := range []struct {
		name  string
		parts []int64
		total int64
		want  []string // the parts' then the total's Suppressed
	}{
		{"nothing small", []int64{3, 0, 7}, 10, []string{"", "", "", ""}},
		{"one small: the smallest other goes too", []int64{5, 4, 1}, 10, []string{"", "complement", "small", ""}},
		{"one small, one other", []int64{5, 2, 0}, 7, []string{"complement", "small", "", ""}},
		{"one small, no other: the total goes", []int64{2, 0}, 4, []string{"small", "", "complement"}},
		{"two small counting two together: one more", []int64{1, 1, 6, 9}, 17, []string{"small", "small", "complement", "", ""}},
		{"two small counting four together", []int64{2, 2, 6}, 10, []string{"small", "small", "", ""}},
		{"a small total", []int64{2, 0}, 2, []string{"small", "", "small"}},
		// Parts with contracts named by consent: 5 = 3 named + 2 confidential.
		{"two confidential beside named ones", []int64{-5, 7}, 12, []string{"small", "complement", ""}},
		{"three named, none confidential", []int64{-3, 7}, 10, []string{"", "", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			group := []results.Figure{}
			conf := map[int64]int64{-5: 2, -3: 0} // a negative n stands for a part with named contracts
			for _, n := range tc.parts {
				if c, ok := conf[n]; ok {
					group = append(group, figC(-n, c))
				} else {
					group = append(group, fig(n))
				}
			}
			group = append(group, fig(tc.total))
			results.Suppress(group)
			got := []string{}
			for _, f := range group {
				got = append(got, f.Suppressed)
				if f.Suppressed != "" && (f.Count != nil || f.Value != nil) {
					t.Errorf("a suppressed figure keeps its numbers: %+v", f)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("suppressed = %q, want %q", got, tc.want)
			}
			// The subtraction: with the total shown, the total less the
			// parts shown (and the named contracts) never tells one or two
			// confidential contracts.
			if tot := group[len(group)-1]; tot.Count != nil {
				var rest int64
				for _, f := range group[:len(group)-1] {
					if f.Count == nil {
						rest += f.Confidential
					}
				}
				if rest > 0 && rest < results.MinCell {
					t.Errorf("total less the parts shown = %d confidential contracts", rest)
				}
			}
			// A part shown never holds one or two confidential contracts.
			for _, f := range group {
				if f.Count != nil && f.Confidential > 0 && f.Confidential < results.MinCell {
					t.Errorf("shown with %d confidential contracts: %+v", f.Confidential, f)
				}
			}
		})
	}
}

func insert(t *testing.T, st *store.Store, coll string, doc any) {
	t.Helper()
	if err := store.Insert(context.Background(), st, coll, doc); err != nil {
		t.Fatal(err)
	}
}

type targets []results.TargetProgress

func (ts targets) PublicTargets(_ context.Context, _ *indicator.Snapshot, year int) ([]results.TargetProgress, error) {
	return ts, nil
}

func platform(t *testing.T) (*store.Store, *taxonomy.Taxonomy) {
	st := storetest.New(t)
	if err := st.Ensure(context.Background(), append([]store.CollectionSpec{transfer.Spec, catalog.Spec, org.Spec}, support.Specs...)...); err != nil {
		t.Fatal(err)
	}
	tax, err := taxonomy.Load()
	if err != nil {
		t.Fatal(err)
	}
	return st, tax
}

func tr(id, sector, day string, value int64, consent bool) *transfer.Transfer {
	return &transfer.Transfer{ID: id, Title: "Transfer " + id, Form: "licence", Sectors: []string{sector}, SignedOn: day, ContractValue: value,
		Supplier: connection.Ref{ID: "s-" + id, Name: "Supplier " + id}, Recipient: connection.Ref{ID: "r-" + id, Name: "Recipient " + id}, PublicConsent: consent,
		Methods: []string{"documents"}, Documents: []string{}, Registration: transfer.Registration{Status: transfer.RegNotRequired}}
}

// One confidential contract alone in its sector is neither counted nor
// valued nor named; the contracts whose parties consented are named with
// their value; the year's total hides what subtraction would tell.
func TestConsentAndSuppression(t *testing.T) {
	st, tax := platform(t)
	for _, x := range []*transfer.Transfer{
		tr("b1", "biotech", "2026-01-10", 100, true),
		tr("b2", "biotech", "2026-02-10", 200, false),
		tr("b3", "biotech", "2026-03-10", 300, true),
		tr("b4", "biotech", "2026-04-10", 400, false),
		tr("i1", "ict", "2026-12-14", 777, false),      // alone in its sector, last day of 2026
		tr("m1", "medicine", "2026-12-15", 5000, true), // the first day of 2027
	} {
		insert(t, st, transfer.Collection, x)
	}
	now := time.Date(2027, 1, 5, 9, 0, 0, 0, calendar.Vietnam)
	svc := results.New(indicator.New(st), tax, period.Default(), nil, func() time.Time { return now }, time.Minute, nil)
	r, err := svc.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	find := func(year int, dim, key string) results.Figure {
		for _, f := range r.Figures {
			if f.Section == results.SectionTransfers && f.Year == year && f.Dimension == dim && f.Key == key {
				return f
			}
		}
		t.Fatalf("no figure %d %s %s", year, dim, key)
		return results.Figure{}
	}
	if f := find(2026, "sector", "ict"); f.Count != nil || f.Value != nil || f.Suppressed != results.SuppressedSmall {
		t.Errorf("ict 2026, one confidential contract = %+v", f)
	}
	// Biotech's 4 contracts: 2 named with consent (b1, b3), so its value
	// less theirs would tell b2's and b4's together: withheld. With ict's
	// one, the withheld hold 3 confidential contracts: the total stays.
	if f := find(2026, "sector", "biotech"); f.Count != nil || f.Suppressed != results.SuppressedSmall {
		t.Errorf("biotech 2026 = %+v", f)
	}
	if f := find(2026, "total", ""); f.Count == nil || *f.Count != 5 || *f.Value != 1777 {
		t.Errorf("2026 total = %+v", f)
	}
	if f := find(2026, "sector", "medicine"); f.Count == nil || *f.Count != 0 || f.Suppressed != "" {
		t.Errorf("medicine 2026 = %+v", f)
	}
	if f := find(2027, "sector", "medicine"); f.Suppressed != results.SuppressedSmall {
		t.Errorf("medicine 2027 = %+v", f)
	}
	// Only consented contracts are named, with parties and value.
	named := []string{}
	for _, x := range r.Transfers {
		named = append(named, x.ID)
		if x.Supplier != "Supplier "+x.ID || x.Recipient != "Recipient "+x.ID || x.Value == 0 {
			t.Errorf("named transfer %+v", x)
		}
	}
	if !slices.Equal(named, []string{"m1", "b3", "b1"}) {
		t.Errorf("named = %v, want the consented m1, b3, b1, newest first", named)
	}
	body, _ := json.Marshal(r)
	for _, secret := range []string{"b2", "b4", "i1", "777", "Recipient b2"} {
		if bytes.Contains(body, []byte(`"`+secret+`"`)) || bytes.Contains(body, []byte(":"+secret+",")) {
			t.Errorf("the public document holds %q", secret)
		}
	}
	if r.Schema != results.Schema || len(r.Years) != results.Years || r.Years[len(r.Years)-1].Year != 2027 {
		t.Errorf("schema %q, years %v", r.Schema, r.Years)
	}
}

func eventDeal(t *testing.T, st *store.Store, id, eventID, kind, signedOn string, value int64) {
	t.Helper()
	insert(t, st, event.DealCollection, &event.Deal{ID: id, EventID: eventID, Kind: kind, SignedOn: signedOn, ValueVND: value, Sectors: []string{"biotech"},
		Supplier: event.Ref{ID: "sup-" + id, Name: "Supplier " + id}, Recipient: event.Ref{ID: "rec-" + id, Name: "Recipient " + id}})
}

// An event's results: the organisations approved to take part in the year
// it opened, and its MoUs and contracts in the year each was signed (on
// the spot or within six months), by kind and in all — a kind of 1 or 2
// deals withheld as a transfer figure is, and never a deal named.
func TestEventResults(t *testing.T) {
	st, tax := platform(t)
	insert(t, st, event.Collection, &event.Event{ID: "fair", Name: "Techmart 2026", State: event.StatePublished, StartDate: "2026-12-01", EndDate: "2026-12-03"})
	for i, state := range []string{event.RegApproved, event.RegApproved, event.RegApproved, event.RegPending} {
		id := strconv.Itoa(i)
		insert(t, st, event.RegistrationCollection, &event.Registration{ID: "r" + id, EventID: "fair", Org: event.Ref{ID: "o" + id, Name: "Org " + id}, OrgKind: "enterprise", State: state})
	}
	eventDeal(t, st, "m1", "fair", event.DealMoU, "2026-12-01", 0)
	eventDeal(t, st, "m2", "fair", event.DealMoU, "2026-12-02", 10)
	eventDeal(t, st, "m3", "fair", event.DealMoU, "2026-12-03", 20)
	eventDeal(t, st, "c1", "fair", event.DealContract, "2026-12-02", 500)
	eventDeal(t, st, "c2", "fair", event.DealContract, "2027-03-01", 700)  // within six months: reporting year 2027
	eventDeal(t, st, "c3", "fair", event.DealContract, "2027-07-01", 9000) // too late: not the fair's
	now := time.Date(2027, 1, 5, 9, 0, 0, 0, calendar.Vietnam)
	svc := results.New(indicator.New(st), tax, period.Default(), nil, func() time.Time { return now }, time.Minute, nil)
	r, err := svc.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	find := func(year int, dim, key, metric string) results.Figure {
		t.Helper()
		for _, f := range r.Figures {
			if f.Section == results.SectionEvents && f.Year == year && f.Dimension == dim && f.Key == key && f.Metric == metric {
				return f
			}
		}
		t.Fatalf("no events figure %d %s %s %s", year, dim, key, metric)
		return results.Figure{}
	}
	shown := func(f results.Figure, count, value int64) bool {
		return f.Suppressed == "" && f.Count != nil && *f.Count == count && f.Value != nil && *f.Value == value
	}
	if f := find(2026, "total", "", indicator.EventParticipants); f.Count == nil || *f.Count != 3 || f.Unit != indicator.UnitCount {
		t.Errorf("participants 2026 = %+v", f)
	}
	if f := find(2027, "total", "", indicator.EventParticipants); f.Count == nil || *f.Count != 0 {
		t.Errorf("participants 2027 = %+v", f)
	}
	// 2026: one contract alone is withheld, and the MoUs with it, so that
	// the total less them tells nothing of it.
	if f := find(2026, "kind", event.DealContract, indicator.EventDeals); f.Count != nil || f.Value != nil || f.Suppressed != results.SuppressedSmall {
		t.Errorf("contracts 2026 = %+v", f)
	}
	if f := find(2026, "kind", event.DealMoU, indicator.EventDeals); f.Suppressed != results.SuppressedComplement {
		t.Errorf("MoUs 2026 = %+v", f)
	}
	if f := find(2026, "total", "", indicator.EventDeals); !shown(f, 4, 530) {
		t.Errorf("deals 2026 = %+v", f)
	}
	// 2027: the contract signed within six months counts in the year it
	// was signed (alone, so withheld); the late one not at all.
	if f := find(2027, "total", "", indicator.EventDeals); f.Suppressed != results.SuppressedSmall {
		t.Errorf("deals 2027 = %+v", f)
	}
	if f := find(2027, "kind", event.DealMoU, indicator.EventDeals); !shown(f, 0, 0) {
		t.Errorf("MoUs 2027 = %+v", f)
	}
	if f := find(2025, "total", "", indicator.EventDeals); !shown(f, 0, 0) {
		t.Errorf("deals 2025 = %+v", f)
	}
	// No per-sector split, and no deal or party named.
	for _, f := range r.Figures {
		if f.Section == results.SectionEvents && f.Dimension == "sector" {
			t.Errorf("an events figure per sector: %+v", f)
		}
	}
	body, _ := json.Marshal(r)
	for _, secret := range []string{"c1", "c2", "Supplier c1", "Recipient m1", "sup-c1"} {
		if bytes.Contains(body, []byte(`"`+secret+`"`)) {
			t.Errorf("the public document holds %q", secret)
		}
	}
	if !slices.ContainsFunc(r.Metrics, func(m indicator.Metric) bool { return m.ID == indicator.EventDeals }) {
		t.Error("the metrics do not explain events.deals")
	}
}

// The CSV holds the JSON's figures, one a row, in order, with nulls as
// empty fields.
func TestCSVEqualsJSON(t *testing.T) {
	st, tax := platform(t)
	insert(t, st, transfer.Collection, tr("a", "biotech", "2026-05-01", 123_456_789, true))
	for i := range 3 {
		insert(t, st, transfer.Collection, tr("h"+strconv.Itoa(i), "hitech_agri", "2026-05-0"+strconv.Itoa(i+2), 1_000_000, false))
	}
	insert(t, st, support.ApplicationCollection, &support.Application{ID: "a1", ProgramID: "p1", OrgID: "o1", OrgName: "HTX Chè La Bằng", Title: "Dây chuyền chè",
		State: support.AppAccepted, Acceptance: &support.Acceptance{Outcome: support.AppAccepted, On: "2026-09-09"}})
	insert(t, st, support.ProgramCollection, &support.Program{ID: "p1", Name: "Hỗ trợ đổi mới công nghệ 2026", State: support.ProgramPublished,
		Reservations: []support.Reservation{{ApplicationID: "a1", OrgID: "o1", At: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			Hold: ledger.Hold{Amount: 300_000_000, Tranches: []ledger.Tranche{{Amount: 100_000_000, On: "2026-04-01"}}}}}})
	insert(t, st, event.Collection, &event.Event{ID: "fair", Name: "Techmart", State: event.StatePublished, StartDate: "2026-06-01", EndDate: "2026-06-02"})
	insert(t, st, event.RegistrationCollection, &event.Registration{ID: "r1", EventID: "fair", Org: event.Ref{ID: "o1", Name: "HTX"}, OrgKind: "enterprise", State: event.RegApproved})
	for i := range 3 {
		eventDeal(t, st, "c"+strconv.Itoa(i), "fair", event.DealContract, "2026-06-02", 2_000_000)
	}
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, calendar.Vietnam)
	ts := targets{{ID: "t1", Indicator: indicator.Text{Vi: "Doanh nghiệp được hỗ trợ", En: "Enterprises supported"}, Unit: indicator.Text{Vi: "doanh nghiệp", En: "enterprises"},
		Target: 20, Achieved: new(float64(1)), Status: "behind", Metric: indicator.EnterprisesSupported}}
	svc := results.New(indicator.New(st), tax, period.Default(), ts, func() time.Time { return now }, time.Minute, nil)
	r, err := svc.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := results.CSV(r)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The JSON as a client reads it.
	js, _ := json.Marshal(r)
	var doc struct {
		Figures []map[string]any `json:"figures"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], results.CSVHeader) || len(rows)-1 != len(doc.Figures) {
		t.Fatalf("%d rows for %d figures; header %v", len(rows)-1, len(doc.Figures), rows[0])
	}
	for i, f := range doc.Figures {
		for j, col := range results.CSVHeader {
			want := ""
			switch v := f[col].(type) {
			case nil:
			case string:
				want = v
			case float64:
				want = strconv.FormatFloat(v, 'f', -1, 64)
			}
			if rows[i+1][j] != want {
				t.Errorf("row %d %s = %q, JSON %q", i+1, col, rows[i+1][j], want)
			}
		}
	}
	// What the figures hold.
	has := func(section string, year int, dim, key, metric, count, value, suppressed string) {
		t.Helper()
		for _, row := range rows[1:] {
			if row[0] == section && row[1] == strconv.Itoa(year) && row[2] == dim && row[3] == key && row[7] == metric {
				if row[8] != count || row[9] != value || row[13] != suppressed {
					t.Errorf("%s %d %s %s %s: count=%q value=%q suppressed=%q, want %q %q %q", section, year, dim, key, metric, row[8], row[9], row[13], count, value, suppressed)
				}
				return
			}
		}
		t.Errorf("no row %s %d %s %s %s", section, year, dim, key, metric)
	}
	has("transfers", 2026, "total", "", indicator.TransfersSigned, "4", "126456789", "")
	has("transfers", 2026, "sector", "biotech", indicator.TransfersSigned, "", "", "small")
	// Biotech's one contract is named with consent anyway: the total less
	// hitech_agri tells nothing confidential, so hitech_agri stays.
	has("transfers", 2026, "sector", "hitech_agri", indicator.TransfersSigned, "3", "3000000", "")
	has("transfers", 2026, "sector", "medicine", indicator.TransfersSigned, "0", "0", "")
	has("transfers", 2025, "total", "", indicator.TransfersSigned, "0", "0", "")
	has("support", 2026, "program", "p1", indicator.SupportCommitted, "", "300000000", "")
	has("support", 2026, "program", "p1", indicator.SupportDisbursed, "", "100000000", "")
	has("support", 2026, "total", "", indicator.EnterprisesSupported, "1", "", "")
	has("projects", 2026, "total", "", indicator.ProjectsAccepted, "1", "", "")
	has("events", 2026, "total", "", indicator.EventParticipants, "1", "", "")
	has("events", 2026, "kind", "contract", indicator.EventDeals, "3", "6000000", "")
	has("events", 2026, "kind", "mou", indicator.EventDeals, "0", "0", "")
	has("events", 2026, "total", "", indicator.EventDeals, "3", "6000000", "")
	has("targets", 2026, "target", "t1", indicator.EnterprisesSupported, "", "", "")
	if row := rows[len(rows)-1]; row[10] != "20" || row[11] != "1" || row[12] != "behind" {
		t.Errorf("the target's row = %v", row)
	}
	if len(r.Projects) != 1 || r.Projects[0].Organization != "HTX Chè La Bằng" {
		t.Errorf("projects = %+v", r.Projects)
	}
}

// The results are kept for the TTL; after it the kept ones are answered
// while a refresh counts again behind them.
func TestCache(t *testing.T) {
	st, tax := platform(t)
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, calendar.Vietnam)
	svc := results.New(indicator.New(st), tax, period.Default(), nil, func() time.Time { return now }, time.Minute, nil)
	total := func() int64 {
		r, err := svc.Get(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Figures {
			if f.Section == results.SectionTransfers && f.Year == 2026 && f.Dimension == "total" && f.Count != nil {
				return *f.Count
			}
		}
		return -1
	}
	if n := total(); n != 0 {
		t.Fatalf("empty = %d", n)
	}
	for i := range 3 {
		insert(t, st, transfer.Collection, tr("c"+strconv.Itoa(i), "biotech", "2026-05-01", 1, false))
	}
	if n := total(); n != 0 {
		t.Errorf("within the TTL = %d, want the kept 0", n)
	}
	now = now.Add(time.Minute)
	if n := total(); n != 0 {
		t.Errorf("the first answer after the TTL = %d, want the kept 0 (the refresh runs behind it)", n)
	}
	deadline := time.Now().Add(time.Minute)
	for total() != 3 {
		if time.Now().After(deadline) {
			t.Fatal("the refresh never replaced the kept results")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
