package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
)

// Demo listings (seeds/listings.json): the institute's offers, the
// enterprise's needs.
const (
	offerBaKich  = "6c6973740000000000000001" // Quy trình nhân giống in vitro cây ba kích tím sạch bệnh
	offerViSinh  = "6c6973740000000000000002" // Chế phẩm vi sinh xử lý phụ phẩm nông nghiệp …
	offerSaponin = "6c6973740000000000000003" // Tách chiết và tinh chế saponin từ giảo cổ lam
	needQuyt     = "6c6973740000000000000101" // Cần công nghệ bảo quản quýt tươi …
	needSay      = "6c6973740000000000000102" // Tìm giải pháp sấy nông sản dùng năng lượng mặt trời
)

// demoEvent is the demo's Techmart (seeds/events.json), where the
// institute shows offerViSinh and the enterprise brings needQuyt and
// needSay.
const demoEvent = "6576656e7400000000000001"

// ownEvents are the events the index tags a listing with besides the
// demo's: those a test's own event gave it.
func ownEvents(d search.Doc) []string {
	return slices.DeleteFunc(slices.Clone(d.Events), func(id string) bool { return id == demoEvent })
}

// showFair writes an event and its registrations as the events slice
// would have: a published hybrid fair with two booth types, an exhibitor
// at A-2 showing two offers, an inventor at B-1, a participant bringing
// one need, and a registration still pending (shown nowhere).
func showFair(t testing.TB, h *apptest.Harness, state string) (event.Event, []event.Registration) {
	t.Helper()
	ctx := context.Background()
	now := h.Clock.Now()
	ev := event.Event{ID: store.NewID(), Name: "Chợ công nghệ và thiết bị Thái Nguyên 2026", NameEN: "Thai Nguyen Techmart 2026",
		Kind: event.KindHybrid, State: state, StartDate: "2026-12-10", EndDate: "2026-12-12", Venue: "Trung tâm Hội nghị tỉnh",
		Organisers: []string{"Sở Khoa học và Công nghệ"}, Sectors: []string{"agri_processing"},
		RegistrationOpens: "2026-11-01", RegistrationCloses: "2026-12-01",
		Booths: []event.BoothType{{Code: "std", Name: "Gian tiêu chuẩn", NameEN: "Standard booth", SizeM2: 9, Count: 10, FeeVND: 3_000_000, Prefix: "A"},
			{Code: "free", Name: "Gian miễn phí", Count: 5, FreeQuota: 5, Prefix: "B"}},
		CreatedAt: now, UpdatedAt: now, History: []event.Step{}}
	if err := store.Insert(ctx, h.App.Store, event.Collection, &ev); err != nil {
		t.Fatal(err)
	}
	reg := func(role, orgID, name, kind, boothType, booth, state string, listings, needs []string) event.Registration {
		r := event.Registration{ID: store.NewID(), EventID: ev.ID, Role: role, Org: event.Ref{ID: orgID, Name: name}, OrgKind: kind,
			BoothType: boothType, Booth: booth, Listings: listings, Needs: needs, Slots: []int{}, State: state,
			CheckInCode: store.NewID(), History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
		if err := store.Insert(ctx, h.App.Store, event.RegistrationCollection, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	regs := []event.Registration{
		reg(event.RoleExhibitor, instituteOrg, "Viện Khoa học Sự sống – Đại học Thái Nguyên", "institute", "std", "A-2", event.RegApproved, []string{offerBaKich, offerViSinh}, []string{}),
		reg(event.RoleParticipant, enterpriseOrg, "Hợp tác xã Quýt Bắc Kạn", "enterprise", "", "", event.RegApproved, []string{}, []string{needQuyt}),
		reg(event.RoleInventor, "64656d6f0000000000000009", "Nông dân sáng tạo Hoàng Văn A", "individual", "free", "B-1", event.RegApproved, []string{}, []string{}),
		reg(event.RoleParticipant, enterpriseOrg, "Hợp tác xã Quýt Bắc Kạn", "enterprise", "", "", event.RegPending, []string{}, []string{needSay}),
	}
	return ev, regs
}

type showcaseJSON struct {
	Stands []struct {
		RegistrationID, Role, Booth, QR string
		Org                             struct{ ID, Name string }
		Items                           []struct{ ID, Kind, Title string }
	}
	Total, Items int
	Facets       map[string][]search.FacetCount
	Can          struct{ Catalogue, Report bool }
}

func getShowcase(t *testing.T, h *apptest.Harness, token, path string) showcaseJSON {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: path, Token: token})
	if r.Status != 200 {
		t.Fatalf("%s: %d %s", path, r.Status, r.Body)
	}
	var out showcaseJSON
	if err := json.Unmarshal(r.Body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func standItems(s showcaseJSON) map[string][]string {
	out := map[string][]string{}
	for _, st := range s.Stands {
		ids := []string{}
		for _, it := range st.Items {
			ids = append(ids, it.ID)
		}
		slices.Sort(ids)
		out[cmpOr(st.Booth, st.Role)] = ids
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The showcase lists the approved stands in booth order with what each
// shows, searched and filtered through the engine's event filter; a
// pending registration shows nothing; a withdrawal leaves the showcase at
// once; a listing the index still tags with the event after a restart is
// dropped and pushed again.
func TestEventShowcase(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ev, regs := showFair(t, h, event.StatePublished)
	base := "/api/v1/events/" + ev.ID + "/showcase"

	// The reconciliation pushes listings whose events changed although
	// their versions did not (the first one may have run at start).
	ctx := context.Background()
	if _, err := h.App.Indexer.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if d, err := h.App.Search.Get(ctx, needQuyt); err != nil || !slices.Equal(ownEvents(d), []string{ev.ID}) {
		t.Fatalf("reconciled events: %v %v", d.Events, err)
	}
	if _, err := store.Modify[event.Registration](ctx, h.App.Store, event.RegistrationCollection, regs[3].ID, 0,
		func(r *event.Registration) error { r.State = event.RegApproved; return nil }); err != nil {
		t.Fatal(err)
	}
	if st, err := h.App.Indexer.Reconcile(ctx); err != nil || st.Pushed != 1 {
		t.Fatalf("reconcile: %+v %v", st, err)
	}
	if d, err := h.App.Search.Get(ctx, needSay); err != nil || !slices.Equal(ownEvents(d), []string{ev.ID}) {
		t.Fatalf("reconciled events: %v %v", d.Events, err)
	}
	if _, err := store.Modify[event.Registration](ctx, h.App.Store, event.RegistrationCollection, regs[3].ID, 0,
		func(r *event.Registration) error { r.State = event.RegWithdrawn; return nil }); err != nil {
		t.Fatal(err)
	}

	all := getShowcase(t, h, "", base)
	if all.Total != 3 || all.Items != 3 || all.Can.Report || !all.Can.Catalogue {
		t.Fatalf("showcase: %+v", all)
	}
	if got := []string{all.Stands[0].Booth, all.Stands[1].Booth, all.Stands[2].Booth}; !slices.Equal(got, []string{"A-2", "B-1", ""}) {
		t.Errorf("booth order: %v", got)
	}
	want := map[string][]string{"A-2": {offerBaKich, offerViSinh}, "B-1": {}, "participant": {needQuyt}}
	if got := standItems(all); !equalStands(got, want) {
		t.Errorf("stands: %v, want %v", got, want)
	}
	if all.Stands[0].QR != "/api/v1/events/"+ev.ID+"/booths/A-2/qr.svg" || all.Stands[2].QR != "" {
		t.Errorf("QR paths: %q %q", all.Stands[0].QR, all.Stands[2].QR)
	}

	// The search engine holds the event on each listing shown there.
	res, err := h.App.Search.Search(context.Background(), search.Query{Filter: search.Filter{Events: []string{ev.ID}}, PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	var indexed []string
	for _, hit := range res.Hits {
		indexed = append(indexed, hit.Doc.ID)
	}
	slices.Sort(indexed)
	if !slices.Equal(indexed, []string{offerBaKich, offerViSinh, needQuyt}) {
		t.Errorf("indexed with the event: %v", indexed)
	}

	// Words without diacritics, a kind, a role, a booth.
	for _, tc := range []struct {
		query string
		want  map[string][]string
	}{
		{"?q=ba+kich", map[string][]string{"A-2": {offerBaKich}}},
		{"?q=quyt", map[string][]string{"participant": {needQuyt}}},
		{"?kind=demand", map[string][]string{"participant": {needQuyt}}},
		{"?role=inventor", map[string][]string{"B-1": {}}},
		{"?booth=a-2", map[string][]string{"A-2": {offerBaKich, offerViSinh}}},
		{"?q=giao+co+lam", map[string][]string{}},
	} {
		if got := standItems(getShowcase(t, h, "", base+tc.query)); !equalStands(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}

	// Withdrawn: out of the showcase and of the index's event filter at once.
	if _, err := store.Modify[event.Registration](context.Background(), h.App.Store, event.RegistrationCollection, regs[1].ID, 0,
		func(r *event.Registration) error { r.State = event.RegWithdrawn; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := standItems(getShowcase(t, h, "", base+"?kind=demand")); len(got) != 0 {
		t.Errorf("a withdrawn participant still shows: %v", got)
	}

	// The index says a listing is shown at the event although no
	// registration shows it (its tag was written before a restart).
	d, err := h.App.Search.Get(context.Background(), offerSaponin)
	if err != nil {
		t.Fatal(err)
	}
	d.Events = []string{ev.ID}
	if err := h.App.Search.Upsert(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if got := standItems(getShowcase(t, h, "", base+"?q=giao+co+lam")); len(got) != 0 {
		t.Errorf("a stale tag shows: %v", got)
	}
	if d, err = h.App.Search.Get(context.Background(), offerSaponin); err != nil || len(d.Events) != 0 {
		t.Errorf("the stale tag was not pushed again: %v %v", d.Events, err)
	}

	// Approved since the index last heard of it: the next view of the
	// showcase pushes the need and shows it.
	if _, err := store.Modify[event.Registration](ctx, h.App.Store, event.RegistrationCollection, regs[3].ID, 0,
		func(r *event.Registration) error { r.State = event.RegApproved; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := standItems(getShowcase(t, h, "", base)); !slices.Equal(got["participant"], []string{needSay}) {
		t.Errorf("a need approved since does not show: %v", got)
	}
}

func equalStands(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

// A draft's showcase is the officers'; bad filters are named; a booth's
// QR code is an SVG for an assigned booth only.
func TestEventShowcaseAccessAndInput(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	draft, _ := showFair(t, h, event.StateDraft)
	officer := h.Demo("officer")
	r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + draft.ID + "/showcase"})
	if r.Status != 404 || problemCode(t, r) != "event_not_found" {
		t.Fatalf("a draft to the public: %d %s", r.Status, r.Body)
	}
	if s := getShowcase(t, h, officer.Access, "/api/v1/events/"+draft.ID+"/showcase"); s.Total != 3 || !s.Can.Report || s.Can.Catalogue {
		t.Errorf("a draft to an officer: %+v", s)
	}
	// A draft's listings are not tagged: the public searches never see it.
	res, err := h.App.Search.Search(context.Background(), search.Query{Filter: search.Filter{Events: []string{draft.ID}}})
	if err != nil || res.Total != 0 {
		t.Errorf("a draft's listings in the index: %d %v", res.Total, err)
	}

	ev, _ := showFair(t, h, event.StatePublished)
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/showcase?kind=xyz&role=visitor&page=0&q=" + strings.Repeat("a", 201), Headers: map[string]string{"Accept-Language": "en"}})
	if r.Status != 422 {
		t.Fatalf("bad query: %d %s", r.Status, r.Body)
	}
	if f := fieldCodes(t, r); f["page"] != "out_of_range" {
		t.Errorf("fields: %v", f)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/showcase?kind=xyz&role=visitor&q=" + strings.Repeat("a", 201)})
	if f := fieldCodes(t, r); r.Status != 422 || f["kind"] != "invalid_choice" || f["role"] != "invalid_choice" || f["q"] != "too_long" {
		t.Errorf("fields: %d %v", r.Status, f)
	}

	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/booths/A-2/qr.svg"})
	if r.Status != 200 || r.Header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("QR: %d %s %s", r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	if err := xml.Unmarshal(r.Body, new(struct{})); err != nil || !bytes.HasPrefix(r.Body, []byte("<svg")) {
		t.Errorf("not an SVG: %v %.80s", err, r.Body)
	}
	link, err := h.App.Showcase.BoothLink(context.Background(), nil, ev.ID, "A-2")
	if err != nil || !strings.HasSuffix(link, "/events/"+ev.ID+"/showcase?booth=A-2") {
		t.Errorf("the booth's link: %q %v", link, err)
	}
	for _, path := range []string{"/booths/A-9/qr.svg", "/booths/B-1x/qr.svg"} {
		if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + path}); r.Status != 404 || problemCode(t, r) != "booth_not_found" {
			t.Errorf("%s: %d %s", path, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + draft.ID + "/booths/A-2/qr.svg"}); r.Status != 404 {
		t.Errorf("a draft's booth: %d", r.Status)
	}
}

// The exhibitor catalogue prints every stand with what it shows, in
// Vietnamese and English, as HTML and PDF.
func TestEventCatalogue(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ev, _ := showFair(t, h, event.StatePublished)
	r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/catalogue"})
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("catalogue: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	body := string(r.Body)
	for _, want := range []string{"DANH MỤC GIAN HÀNG", "Chợ công nghệ và thiết bị Thái Nguyên 2026", "A-2", "B-1",
		"Quy trình nhân giống in vitro cây ba kích tím sạch bệnh", "Cần công nghệ bảo quản quýt", "Nhà sáng chế (gian miễn phí)", "10/12/2026 – 12/12/2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("catalogue lacks %q", want)
		}
	}
	if strings.Contains(body, "sấy nông sản dùng năng lượng mặt trời") {
		t.Error("a pending registration's need is in the catalogue")
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/catalogue?format=pdf&lang=en"})
	if r.Status != 200 || !bytes.HasPrefix(r.Body, []byte("%PDF")) {
		t.Fatalf("PDF: %d %.20s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/catalogue?format=doc"})
	if f := fieldCodes(t, r); r.Status != 422 || f["format"] != "invalid_choice" {
		t.Errorf("format: %d %v", r.Status, f)
	}
}

// The results report counts booths, participants, check-ins, meetings and
// deals — on the spot and within six months, by sector — as JSON, a
// printable page and a workbook, for officers only.
func TestEventReport(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	ev, regs := showFair(t, h, event.StatePublished)
	now := h.Clock.Now()
	if _, err := store.Modify[event.Registration](ctx, h.App.Store, event.RegistrationCollection, regs[0].ID, 0,
		func(r *event.Registration) error { r.CheckedInAt = &now; return nil }); err != nil {
		t.Fatal(err)
	}
	meeting := func(state string, history []string, outcomes ...event.Outcome) {
		m := event.Meeting{ID: store.NewID(), EventID: ev.ID, From: event.Ref{ID: regs[1].ID}, To: event.Ref{ID: regs[0].ID}, State: state,
			Outcomes: outcomes, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
		for _, s := range history {
			m.History = append(m.History, event.Step{State: s, At: now})
		}
		if state == event.MeetAccepted {
			m.Placement = &event.Placement{Day: 0, Slot: 1, Table: 2}
		}
		if err := store.Insert(ctx, h.App.Store, event.MeetingCollection, &m); err != nil {
			t.Fatal(err)
		}
	}
	meeting(event.MeetAccepted, []string{"requested", "accepted"}, event.Outcome{Result: event.OutcomeHeld, Interest: true})
	meeting(event.MeetCancelled, []string{"requested", "accepted", "cancelled"})
	meeting(event.MeetDeclined, []string{"requested", "declined"})
	meeting(event.MeetRequested, []string{"requested"})
	deal := func(kind string, value int64, onSpot bool, signedOn string, sectors ...string) {
		d := event.Deal{ID: store.NewID(), EventID: ev.ID, Kind: kind, ValueVND: value, OnSpot: onSpot, SignedOn: signedOn, Sectors: sectors, CreatedAt: now}
		if err := store.Insert(ctx, h.App.Store, event.DealCollection, &d); err != nil {
			t.Fatal(err)
		}
	}
	deal(event.DealMoU, 0, true, "2026-12-11", "agri_processing")
	deal(event.DealContract, 450_000_000, true, "2026-12-12", "agri_processing", "biotech")
	deal(event.DealContract, 1_200_000_000, false, "2027-06-12", "biotech") // the last day of the six months
	deal(event.DealContract, 9_000_000_000, false, "2027-06-13", "biotech") // one day too late

	for role, want := range map[string]int{"": 401, "enterprise": 403} {
		tok := ""
		if role != "" {
			tok = h.Demo(role).Access
		}
		if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/report", Token: tok}); r.Status != want {
			t.Errorf("%q: %d", role, r.Status)
		}
	}
	officer := h.Demo("officer").Access
	r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/report", Token: officer})
	if r.Status != 200 {
		t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	var rep event.Report
	if err := json.Unmarshal(r.Body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Registered != 3 || rep.CheckedIn != 1 || rep.DealsUntil != "2027-06-12" || rep.Outside != 1 {
		t.Errorf("report: %+v", rep)
	}
	if b := rep.Booths[0]; b.Offered != 10 || b.Assigned != 1 || rep.Booths[1].FreeUsed != 1 {
		t.Errorf("booths: %+v", rep.Booths)
	}
	if m := rep.Meetings; m.Requested != 4 || m.Accepted != 2 || m.Held != 1 || m.Declined != 1 || m.Cancelled != 1 || m.Placed != 1 || m.Interest != 1 {
		t.Errorf("meetings: %+v", m)
	}
	if d := rep.Deals; d.OnSpot != (event.Amount{Count: 2, ValueVND: 450_000_000}) || d.Later != (event.Amount{Count: 1, ValueVND: 1_200_000_000}) || d.Total.Count != 3 {
		t.Errorf("deals: %+v", d)
	}
	if rep.MoU.Total.Count != 1 || rep.Contracts.Total != (event.Amount{Count: 2, ValueVND: 1_650_000_000}) {
		t.Errorf("by kind: %+v %+v", rep.MoU, rep.Contracts)
	}
	if len(rep.Sectors) != 2 || rep.Sectors[0].Sector != "biotech" || rep.Sectors[0].Contract.ValueVND != 1_650_000_000 || rep.Sectors[1].MoU.Count != 1 {
		t.Errorf("sectors: %+v", rep.Sectors)
	}

	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/report?format=html", Token: officer})
	for _, want := range []string{"BÁO CÁO KẾT QUẢ", "Gian tiêu chuẩn", "1.650.000.000", "Biên bản ghi nhớ (MoU)", "12/06/2027"} {
		if !strings.Contains(string(r.Body), want) {
			t.Errorf("html lacks %q", want)
		}
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/report?format=xlsx&lang=en", Token: officer})
	if r.Status != 200 {
		t.Fatalf("xlsx: %d %s", r.Status, r.Body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{"Summary", "Booths by type", "Participants by kind of organis", "B2B meetings",
		"Memoranda of understanding (MoU", "Deals by sector"}) {
		t.Errorf("sheets: %v", sheets)
	}
	rows, err := f.GetRows("Memoranda of understanding (MoU", excelize.Options{RawCellValue: true})
	if err != nil || len(rows) != 5 || rows[4][0] != "Total" || rows[4][6] != "1650000000" || rows[4][5] != "3" {
		t.Errorf("deal rows: %v %v", rows, err)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + ev.ID + "/report?format=pdf", Token: officer}); r.Status != 200 || !bytes.HasPrefix(r.Body, []byte("%PDF")) {
		t.Errorf("pdf: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + store.NewID() + "/report", Token: officer}); r.Status != 404 {
		t.Errorf("unknown event: %d", r.Status)
	}
}

// Views of a showcase push listings to the index while the indexer
// reconciles and a registration comes and goes: no view fails, and once
// the registration settles, the index and the showcase agree with it.
func TestConcurrentShowcaseViews(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	ev, regs := showFair(t, h, event.StatePublished)
	base := "/api/v1/events/" + ev.ID + "/showcase"
	setState := func(state string) {
		if _, err := store.Modify[event.Registration](ctx, h.App.Store, event.RegistrationCollection, regs[1].ID, 0,
			func(r *event.Registration) error { r.State = state; return nil }); err != nil {
			t.Error(err)
		}
	}
	var wg sync.WaitGroup
	failed := make(chan string, 64)
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 4 {
				path := base
				if (i+j)%2 == 1 {
					path += "?kind=demand"
				}
				if r := h.Do(R{Method: "GET", Path: path}); r.Status != 200 {
					failed <- fmt.Sprintf("%s: %d %s", path, r.Status, r.Body)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, state := range []string{event.RegWithdrawn, event.RegApproved, event.RegWithdrawn, event.RegApproved} {
			setState(state)
			if _, err := h.App.Indexer.Reconcile(ctx); err != nil {
				failed <- err.Error()
			}
		}
	}()
	wg.Wait()
	close(failed)
	for f := range failed {
		t.Error(f)
	}
	if got := standItems(getShowcase(t, h, "", base)); !slices.Equal(got["participant"], []string{needQuyt}) {
		t.Errorf("the settled participant: %v", got)
	}
	if d, err := h.App.Search.Get(ctx, needQuyt); err != nil || !slices.Equal(ownEvents(d), []string{ev.ID}) {
		t.Errorf("the need's events in the index: %v %v", d.Events, err)
	}
}

// lateTags holds the event tags out of the index until the first search
// by event has read it, then lets the indexer push them: the tags land
// between the showcase's search and its check of what the index holds,
// as when a reconciliation or another view's drain runs alongside.
type lateTags struct {
	search.Engine
	hold atomic.Bool
	land func() // pushes the held tags
}

func (e *lateTags) Upsert(ctx context.Context, docs ...search.Doc) error {
	if e.hold.Load() {
		docs = slices.Clone(docs)
		for i := range docs {
			docs[i].Events = nil
		}
	}
	return e.Engine.Upsert(ctx, docs...)
}

func (e *lateTags) Search(ctx context.Context, q search.Query) (search.Result, error) {
	r, err := e.Engine.Search(ctx, q)
	if len(q.Filter.Events) > 0 && e.hold.CompareAndSwap(true, false) {
		e.land()
	}
	return r, err
}

// A showcase whose listings the indexer tags while the view reads the
// index still shows them: the view searches again.
func TestEventShowcaseTagsLandDuringView(t *testing.T) {
	t.Parallel()
	var late *lateTags
	h := apptest.NewWithEngine(t, func(e search.Engine) search.Engine { late = &lateTags{Engine: e}; return late })
	late.hold.Store(true)
	late.land = func() {
		for _, id := range []string{offerBaKich, offerViSinh, needQuyt} {
			h.App.Indexer.Notify(id)
		}
		h.Settle()
	}
	ev, _ := showFair(t, h, event.StatePublished)
	got := standItems(getShowcase(t, h, "", "/api/v1/events/"+ev.ID+"/showcase"))
	if want := []string{offerBaKich, offerViSinh}; !slices.Equal(got["A-2"], want) || !slices.Equal(got["participant"], []string{needQuyt}) {
		t.Errorf("stands: %v", got)
	}
	if late.hold.Load() {
		t.Error("the showcase did not search by event")
	}
}
