package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/market"
	"github.com/techmart-vn/techmart/internal/nextstep"
)

type marketDoc struct {
	Counts struct {
		Offers, Needs, Organizations int
		Transfers                    *int
		TransfersSuppressed          bool
	}
	Newest []struct {
		ID           string
		Kind         string
		PublishedAt  time.Time
		Organization struct{ ID string }
	}
	Programs []struct{ ID, Name, OpensOn, ClosesOn string }
	Sectors  []struct {
		Value string
		Count int
	}
}

func getMarket(t *testing.T, h *apptest.Harness) marketDoc {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/public/market"})
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Cache-Control"), "public") {
		t.Fatalf("market: %d %v %s", r.Status, r.Header, r.Body)
	}
	var m marketDoc
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// searchCounts are the published listings on offer and wanted, as the
// search page counts them.
func searchCounts(t *testing.T, h *apptest.Harness) (offers, needs int, sectors map[string]int) {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/search?pageSize=1"})
	var res struct {
		Facets map[string][]struct {
			Value string
			Count int
		}
	}
	if r.Status != 200 || json.Unmarshal(r.Body, &res) != nil {
		t.Fatalf("search: %d %s", r.Status, r.Body)
	}
	for _, f := range res.Facets["kind"] {
		if f.Value == "demand" {
			needs += f.Count
		} else {
			offers += f.Count
		}
	}
	sectors = map[string]int{}
	for _, f := range res.Facets["sector"] {
		sectors[f.Value] = f.Count
	}
	return offers, needs, sectors
}

// The home page's figures are the records': listings as search counts
// them, the verified organisations of the market, the open programme; an
// approved listing is counted once the kept figures are refreshed.
func TestMarketCounts(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	m := getMarket(t, h)
	offers, needs, sectors := searchCounts(t, h)
	if m.Counts.Offers != offers || m.Counts.Needs != needs || offers == 0 || needs == 0 {
		t.Errorf("offers %d, needs %d; search counts %d, %d", m.Counts.Offers, m.Counts.Needs, offers, needs)
	}
	for _, s := range m.Sectors {
		if sectors[s.Value] != s.Count {
			t.Errorf("sector %s: %d, search counts %d", s.Value, s.Count, sectors[s.Value])
		}
	}
	if len(m.Sectors) != len(sectors) || !slices.IsSortedFunc(m.Sectors, func(a, b struct {
		Value string
		Count int
	}) int {
		return b.Count - a.Count
	}) {
		t.Errorf("sectors %v, want the %d of search, most first", m.Sectors, len(sectors))
	}
	// Verified organisations, the department and the agencies aside.
	r := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=verified&pageSize=100", Token: officer.Access})
	var orgs struct{ Items []struct{ Kind string } }
	if r.Status != 200 || json.Unmarshal(r.Body, &orgs) != nil {
		t.Fatalf("organisations: %d %s", r.Status, r.Body)
	}
	want := 0
	for _, o := range orgs.Items {
		if o.Kind != "department" && o.Kind != "agency" {
			want++
		}
	}
	if m.Counts.Organizations != want || want == 0 {
		t.Errorf("organisations %d, want %d", m.Counts.Organizations, want)
	}
	// Transfers: the sum of the yearly totals the public results publish.
	var pub struct {
		Figures []struct {
			Section, Dimension string
			Count              *int
		}
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/public/results"})
	if r.Status != 200 || json.Unmarshal(r.Body, &pub) != nil {
		t.Fatalf("results: %d %s", r.Status, r.Body)
	}
	total := 0
	for _, f := range pub.Figures {
		if f.Section == "transfers" && f.Dimension == "total" && f.Count != nil {
			total += *f.Count
		}
	}
	if m.Counts.Transfers == nil || *m.Counts.Transfers != total || total == 0 || m.Counts.TransfersSuppressed {
		t.Errorf("transfers %v (suppressed %v), want %d", m.Counts.Transfers, m.Counts.TransfersSuppressed, total)
	}
	if len(m.Newest) != market.Newest || !slices.IsSortedFunc(m.Newest, func(a, b struct {
		ID           string
		Kind         string
		PublishedAt  time.Time
		Organization struct{ ID string }
	}) int {
		return b.PublishedAt.Compare(a.PublishedAt)
	}) {
		t.Errorf("newest: %+v", m.Newest)
	}
	today := calendar.Day(h.Clock.Now())
	if len(m.Programs) != 1 || m.Programs[0].ClosesOn < today || m.Programs[0].OpensOn > today {
		t.Errorf("open programmes %+v on %s", m.Programs, today)
	}

	// An officer approves a pending listing: it is counted after the TTL.
	r = h.Do(R{Method: "GET", Path: "/api/v1/listings?state=pending&pageSize=1", Token: officer.Access})
	items, _ := r.JSON(t)["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("no pending listing: %s", r.Body)
	}
	pending := items[0].(map[string]any)
	id, demand := pending["id"].(string), pending["kind"] == "demand"
	if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/approve", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	h.Settle()
	if again := getMarket(t, h); again.Counts.Offers != m.Counts.Offers || again.Counts.Needs != m.Counts.Needs {
		t.Errorf("within the TTL the kept figures change: %+v → %+v", m.Counts, again.Counts)
	}
	start := h.Clock.Now()
	h.Clock.Set(func() time.Time { return start.Add(market.TTL + time.Second) })
	deadline := time.Now().Add(time.Minute)
	for {
		got := getMarket(t, h)
		offers, needs, _ := searchCounts(t, h)
		wantOffers, wantNeeds := m.Counts.Offers+1, m.Counts.Needs
		if demand {
			wantOffers, wantNeeds = m.Counts.Offers, m.Counts.Needs+1
		}
		if got.Counts.Offers == wantOffers && got.Counts.Needs == wantNeeds {
			if offers != wantOffers || needs != wantNeeds {
				t.Errorf("search counts %d, %d; market %d, %d", offers, needs, wantOffers, wantNeeds)
			}
			if got.Newest[0].ID != id {
				t.Errorf("the newest listing is %s, want the approved %s", got.Newest[0].ID, id)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the approved listing was never counted: %+v (was %+v)", got.Counts, m.Counts)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A verified organisation's page shows its published listings and the
// transfers both parties consented to publish; an organisation waiting
// for verification, and an id nobody has, are not found.
func TestPublicOrganization(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	today := calendar.Day(h.Clock.Now())
	record := func(title string, consent bool) string {
		r := h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: officer.Access, Body: map[string]any{
			"supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "listingIds": []string{"6c6973740000000000000007"},
			"title": title, "form": "licence", "methods": []string{"documents"},
			"contractValue": 50_000_000, "signedOn": today, "registrationRequired": false, "publicConsent": consent}})
		if r.Status != 201 {
			t.Fatalf("record a transfer: %d %s", r.Status, r.Body)
		}
		return r.JSON(t)["id"].(string)
	}
	named := record("Chuyển giao quy trình nhân giống nấm công khai", true)
	unnamed := record("Chuyển giao quy trình sấy chè không công khai", false)

	r := h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + instituteOrg})
	if r.Status != 200 {
		t.Fatalf("public page: %d %s", r.Status, r.Body)
	}
	var page struct {
		ID, Name, Kind, Commune, Website string
		VerifiedAt                       *time.Time
		Listings                         []struct {
			ID           string
			Organization struct{ ID, Name string }
		}
		Transfers []struct{ ID, Supplier, Recipient string }
	}
	if err := json.Unmarshal(r.Body, &page); err != nil {
		t.Fatal(err)
	}
	if page.ID != instituteOrg || page.Kind != "institute" || page.Name == "" || page.VerifiedAt == nil {
		t.Errorf("page: %+v", page)
	}
	for _, secret := range []string{"taxCode", "members", "phone", "legalRepresentative", "email"} {
		if strings.Contains(string(r.Body), `"`+secret+`"`) {
			t.Errorf("the public page shows %s: %s", secret, r.Body)
		}
	}
	// Its published listings, as search finds them.
	s := h.Do(R{Method: "GET", Path: "/api/v1/search?pageSize=50&orgKind=institute"})
	var found struct {
		Hits []struct{ Organization struct{ ID string } }
	}
	_ = json.Unmarshal(s.Body, &found)
	want := 0
	for _, hit := range found.Hits {
		if hit.Organization.ID == instituteOrg {
			want++
		}
	}
	if len(page.Listings) != want || want == 0 {
		t.Errorf("%d listings, search finds %d of the institute's", len(page.Listings), want)
	}
	for _, l := range page.Listings {
		if l.Organization.ID != instituteOrg {
			t.Errorf("a listing of another organisation: %+v", l)
		}
	}
	ids := []string{}
	for _, x := range page.Transfers {
		ids = append(ids, x.ID)
	}
	// The demo's transfer …0001 between the same parties has no consent.
	if !slices.Contains(ids, named) || slices.Contains(ids, unnamed) || slices.Contains(ids, "7472616e0000000000000001") {
		t.Errorf("transfers %v: want %s, not %s nor the demo's without consent", ids, named, unnamed)
	}
	// The other party's page names it too.
	r = h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + enterpriseOrg})
	if r.Status != 200 || !strings.Contains(string(r.Body), named) || strings.Contains(string(r.Body), unnamed) {
		t.Errorf("the recipient's page: %d %s", r.Status, r.Body)
	}

	// The demo gives the institute a description; its owner changes it,
	// verified as it is, and the public page says the new one.
	if d, _ := r.JSON(t)["description"].(string); !strings.Contains(d, "hồ Ba Bể") {
		t.Errorf("the recipient's page lacks the demo's description: %s", r.Body)
	}
	owner, other := h.Demo("institute"), h.Demo("enterprise")
	put := func(tok apptest.Tokens, body any, version string) apptest.Response {
		hd := map[string]string{}
		if version != "" {
			hd["If-Match"] = version
		}
		return h.Do(R{Method: "PUT", Path: "/api/v1/organizations/" + instituteOrg + "/description", Token: tok.Access, Body: body, Headers: hd})
	}
	// The server says who may write it; the page shows the form from that.
	for who, want := range map[string]bool{"institute": true, "officer": false} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + instituteOrg, Token: h.Demo(who).Access})
		if can, _ := r.JSON(t)["can"].(map[string]any); can["describe"] != want {
			t.Errorf("%s: can %v, want describe %v", who, can, want)
		}
	}
	if r := put(other, map[string]any{"description": "Không phải của tôi"}, ""); r.Status != 403 {
		t.Errorf("another organisation's owner: %d %s", r.Status, r.Body)
	}
	if r := put(owner, map[string]any{"description": strings.Repeat("x", 2001)}, ""); r.Status != 422 || !strings.Contains(string(r.Body), `"field":"description"`) {
		t.Errorf("too long: %d %s", r.Status, r.Body)
	}
	r = put(owner, map[string]any{"description": "  Viện nghiên cứu công nghệ sinh học.\r\n\r\n\r\nNhận chuyển giao quy trình.  "}, "")
	if r.Status != 200 || r.JSON(t)["description"] != "Viện nghiên cứu công nghệ sinh học.\n\nNhận chuyển giao quy trình." {
		t.Fatalf("set the description: %d %s", r.Status, r.Body)
	}
	if stale := put(owner, map[string]any{"description": "Cũ"}, `"1"`); stale.Status != 412 {
		t.Errorf("a stale version: %d %s", stale.Status, stale.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + instituteOrg})
	if r.JSON(t)["description"] != "Viện nghiên cứu công nghệ sinh học.\n\nNhận chuyển giao quy trình." {
		t.Errorf("the public page's description: %s", r.Body)
	}

	for _, id := range []string{pendingOrg, "64656d6f00000000000000ff", "nonsense"} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + id, Headers: map[string]string{"Accept-Language": "en"}})
		if r.Status != 404 || problemCode(t, r) != "not_found" {
			t.Errorf("%s: %d %s", id, r.Status, r.Body)
		}
	}
	// Verifying it makes it public.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + pendingOrg + "/verify", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/public/organizations/" + pendingOrg}); r.Status != 200 {
		t.Errorf("verified: %d %s", r.Status, r.Body)
	}
}

func nextSteps(t *testing.T, h *apptest.Harness, token string) map[string]nextstep.Step {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/me/next-steps", Token: token})
	var s nextstep.Steps
	if r.Status != 200 || json.Unmarshal(r.Body, &s) != nil {
		t.Fatalf("next steps: %d %s", r.Status, r.Body)
	}
	out := map[string]nextstep.Step{}
	for _, x := range s.Items {
		out[x.Code] = x
	}
	return out
}

func codes(m map[string]nextstep.Step) []string {
	out := []string{}
	for c := range m {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Each person sees the steps of their organisations and roles: a member
// the market's, a reviewer the appraisals, an officer the queues, a new
// member the verification; counts follow the records.
func TestNextSteps(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	if r := h.Do(R{Method: "GET", Path: "/api/v1/me/next-steps"}); r.Status != 401 {
		t.Errorf("anonymous: %d", r.Status)
	}
	ent, inst, officer, reviewer := h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer"), h.Demo("reviewer")

	member := nextSteps(t, h, ent.Access)
	if got := codes(member); !slices.Equal(got, []string{nextstep.Applications, nextstep.Connections, nextstep.Listings, nextstep.Matches}) {
		t.Errorf("a verified enterprise's owner: %v", got)
	}
	staff := nextSteps(t, h, officer.Access)
	for _, c := range []string{nextstep.QueueOrganizations, nextstep.QueueListings, nextstep.QueueApplications, nextstep.QueueReports} {
		if _, ok := staff[c]; !ok {
			t.Errorf("the officer lacks %s: %v", c, codes(staff))
		}
	}
	if _, ok := staff[nextstep.Connections]; ok {
		t.Errorf("the department's officer gets a member's steps: %v", codes(staff))
	}
	r := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=pending&pageSize=1", Token: officer.Access})
	if want := int(r.JSON(t)["total"].(float64)); staff[nextstep.QueueOrganizations].Count != want || want == 0 {
		t.Errorf("organisations to verify: %d, the queue holds %d", staff[nextstep.QueueOrganizations].Count, want)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/listings?state=pending&pageSize=1", Token: officer.Access})
	if want := int(r.JSON(t)["total"].(float64)); staff[nextstep.QueueListings].Count != want || want == 0 {
		t.Errorf("listings to moderate: %d, the queue holds %d", staff[nextstep.QueueListings].Count, want)
	}
	if s, ok := nextSteps(t, h, reviewer.Access)[nextstep.Reviews]; !ok || s.Link != "/support/applications?scope=assigned" {
		t.Errorf("the reviewer's appraisals: %+v", s)
	}
	// An agency's member: its plan reports (the demo plan has none open yet).
	if got := nextSteps(t, h, h.Demo("agency").Access); !slices.Equal(codes(got), []string{nextstep.Reports}) || got[nextstep.Reports].Link != "/plan/reports" {
		t.Errorf("an agency's member: %v", got)
	}
	_, fresh := h.Register("next-steps@example.vn", "Công ty TNHH Thử Bước Tiếp", "enterprise")
	if got := codes(nextSteps(t, h, fresh.Access)); !slices.Equal(got, []string{nextstep.OrganizationPending}) {
		t.Errorf("a new organisation's owner: %v", got)
	}

	// Interest in one of the enterprise's listings waits for its answer.
	listing := "" // a published listing of the enterprise
	s := h.Do(R{Method: "GET", Path: "/api/v1/listings?owner=me&state=published&pageSize=1", Token: ent.Access})
	if items, _ := s.JSON(t)["items"].([]any); len(items) > 0 {
		listing = items[0].(map[string]any)["id"].(string)
	} else {
		t.Fatalf("the enterprise has no published listing: %s", s.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/listings/" + listing + "/interests", Token: inst.Access,
		Body: map[string]any{"seeks": "Chúng tôi muốn trao đổi về việc ứng dụng giải pháp này."}})
	if r.Status != 201 {
		t.Fatalf("interest: %d %s", r.Status, r.Body)
	}
	after := nextSteps(t, h, ent.Access)
	if after[nextstep.Connections].Count != member[nextstep.Connections].Count+1 || after[nextstep.Connections].Link != "/connections" {
		t.Errorf("connections waiting: %+v, before %+v", after[nextstep.Connections], member[nextstep.Connections])
	}
	// The requester waits for the other side: nothing to answer.
	if n := nextSteps(t, h, inst.Access)[nextstep.Connections].Count; n != 0 {
		t.Errorf("the requester has %d connections to answer", n)
	}
}
