package httpapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/search"
)

// sturgeon is a technology offer no demo listing resembles, so searches for
// it find exactly the test's listings.
func sturgeon() map[string]any {
	return map[string]any{
		"kind": "technology", "title": "Nuôi cá tầm thương phẩm bằng nước suối lạnh",
		"summary":     "Quy trình nuôi cá tầm Nga trong bể xi măng dùng nước suối đầu nguồn, nhiệt độ dưới 22 độ quanh năm.",
		"description": "Chọn giống, mật độ thả, thức ăn và phòng bệnh cho cá tầm.",
		"sectors":     []string{"hitech_agri"}, "keywords": []string{"cá tầm", "thuỷ sản nước lạnh"},
		"trl": 8, "transferForms": []string{"licence", "training"}, "price": map[string]any{"mode": "range", "min": 200000000, "max": 350000000},
	}
}

func createListing(t *testing.T, h *apptest.Harness, tok apptest.Tokens, body map[string]any) map[string]any {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: tok.Access, Body: body})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	if r.Header.Get("ETag") == "" {
		t.Fatal("no ETag on a created listing")
	}
	return r.JSON(t)
}

func step(t *testing.T, h *apptest.Harness, tok apptest.Tokens, id, verb string, body any) map[string]any {
	t.Helper()
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/" + verb, Token: tok.Access, Body: body})
	if r.Status != 200 {
		t.Fatalf("%s: %d %s", verb, r.Status, r.Body)
	}
	return r.JSON(t)
}

func searchIDs(t *testing.T, h *apptest.Harness, query string) []string {
	t.Helper()
	r := h.Do(R{Method: "GET", Path: "/api/v1/search?" + query})
	if r.Status != 200 {
		t.Fatalf("search %s: %d %s", query, r.Status, r.Body)
	}
	var ids []string
	for _, hit := range r.JSON(t)["hits"].([]any) {
		ids = append(ids, hit.(map[string]any)["id"].(string))
	}
	return ids
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// The journey through the API: an institute lists a technology, the
// officer approves it, an anonymous visitor finds it typing without
// diacritics and opens it.
func TestListingJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer := h.Demo("institute"), h.Demo("officer")
	l := createListing(t, h, inst, sturgeon())
	id := l["id"].(string)
	if l["state"] != "draft" || l["orgId"] != instituteOrg || l["organization"].(map[string]any)["name"] != "Viện Khoa học Sự sống – Đại học Thái Nguyên" {
		t.Fatalf("created: %v", l)
	}
	h.Settle()
	if contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("a draft is searchable")
	}
	step(t, h, inst, id, "submit", nil)
	queue := h.Do(R{Method: "GET", Path: "/api/v1/listings?state=pending", Token: officer.Access}).JSON(t)
	if !strings.Contains(fmt.Sprint(queue["items"]), id) {
		t.Fatalf("not in the moderation queue: %v", queue)
	}
	h.Settle()
	if contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("a pending listing is searchable")
	}
	pub := step(t, h, officer, id, "approve", nil)
	if pub["state"] != "published" || pub["validUntil"] == nil || pub["publishedAt"] == nil {
		t.Fatalf("approved: %v", pub)
	}
	h.Settle()
	r := h.Do(R{Method: "GET", Path: "/api/v1/search?q=ca+tam+nuoc+suoi"})
	res := r.JSON(t)
	hits := res["hits"].([]any)
	if len(hits) == 0 || hits[0].(map[string]any)["id"] != id {
		t.Fatalf("search without diacritics: %s", r.Body)
	}
	hit := hits[0].(map[string]any)
	if hl := hit["highlights"].(map[string]any)["title"].(string); !strings.Contains(hl, "<mark>cá</mark> <mark>tầm</mark>") {
		t.Errorf("highlight %q", hl)
	}
	if hit["organization"].(map[string]any)["name"] != "Viện Khoa học Sự sống – Đại học Thái Nguyên" {
		t.Errorf("organisation on the hit: %v", hit["organization"])
	}
	if f := res["facets"].(map[string]any); len(f["kind"].([]any)) == 0 || len(f["sector"].([]any)) == 0 {
		t.Errorf("facets %v", f)
	}
	page := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id})
	if page.Status != 200 || page.JSON(t)["title"] != sturgeon()["title"] || page.JSON(t)["organization"] == nil {
		t.Fatalf("public listing page: %d %s", page.Status, page.Body)
	}
	// One URL, two answers (public view, full record): never cached across people.
	if page.Header.Get("Vary") != "Authorization" || !strings.Contains(page.Header.Get("Cache-Control"), "private") {
		t.Fatalf("public view cache headers: %v", page.Header)
	}
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access}).JSON(t)
	if log["total"].(float64) != 3 {
		t.Fatalf("audit of the listing: %v", log)
	}
	mine := h.Do(R{Method: "GET", Path: "/api/v1/listings?owner=me", Token: inst.Access}).JSON(t)
	if !strings.Contains(fmt.Sprint(mine["items"]), id) {
		t.Fatalf("my listings: %v", mine)
	}
}

func TestListingValidation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	with := func(change map[string]any) map[string]any {
		b := sturgeon()
		for k, v := range change {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	cases := []struct {
		name   string
		body   map[string]any
		fields map[string]string
	}{
		{"no kind", with(map[string]any{"kind": nil}), map[string]string{"kind": "required"}},
		{"unknown kind", with(map[string]any{"kind": "service"}), map[string]string{"kind": "invalid_choice"}},
		{"short title", with(map[string]any{"title": "Cá"}), map[string]string{"title": "too_short"}},
		{"markup in title", with(map[string]any{"title": "<script>alert(1)</script> cá tầm"}), map[string]string{"title": "invalid_characters"}},
		{"trl out of range", with(map[string]any{"trl": 10}), map[string]string{"trl": "out_of_range"}},
		{"unknown sector", with(map[string]any{"sectors": []string{"astrology"}}), map[string]string{"sectors": "invalid_choice"}},
		{"four sectors", with(map[string]any{"sectors": []string{"biotech", "hitech_agri", "environment", "ict"}}), map[string]string{"sectors": "too_many"}},
		{"price max below min", with(map[string]any{"price": map[string]any{"mode": "range", "min": 500, "max": 100}}), map[string]string{"price.max": "less_than_min"}},
		{"fixed price without amount", with(map[string]any{"price": map[string]any{"mode": "fixed"}}), map[string]string{"price.min": "required"}},
		{"negative price", with(map[string]any{"price": map[string]any{"mode": "fixed", "min": -5}}), map[string]string{"price.min": "out_of_range"}},
		{"budget on an offer", with(map[string]any{"budget": map[string]any{"max": 100}}), map[string]string{"budget": "not_for_kind"}},
		{"ip fields on a technology", with(map[string]any{"ipType": "patent"}), map[string]string{"ipType": "not_for_kind"}},
		{"validUntil in the past", with(map[string]any{"validUntil": "2020-01-01"}), map[string]string{"validUntil": "not_in_future"}},
		{"not a date", with(map[string]any{"validUntil": "31/12/2027"}), map[string]string{"validUntil": "invalid_date"}},
		{"bad contact", with(map[string]any{"contact": map[string]any{"email": "nope", "phone": "call me"}}), map[string]string{"contact.email": "invalid_email", "contact.phone": "invalid_phone"}},
		{"another organisation", with(map[string]any{"orgId": enterpriseOrg}), map[string]string{"orgId": "not_a_member"}},
		{"wrong type", with(map[string]any{"trl": "seven"}), map[string]string{"trl": "invalid_type"}},
		{"unknown field", with(map[string]any{"secret": true}), map[string]string{"secret": "unknown_field"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: inst.Access, Body: tc.body})
			if r.Status != 422 {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			got := fieldCodes(t, r)
			for f, code := range tc.fields {
				if got[f] != code {
					t.Errorf("%s: %q, want %q (%v)", f, got[f], code, got)
				}
			}
		})
	}
	t.Run("demand fields", func(t *testing.T) {
		r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: h.Demo("enterprise").Access, Body: map[string]any{
			"kind": "demand", "title": "Cần công nghệ bảo quản quýt sau thu hoạch", "trl": 5,
			"budget": map[string]any{"min": 900, "max": 100}, "deadline": "tomorrow",
		}})
		got := fieldCodes(t, r)
		if r.Status != 422 || got["trl"] != "not_for_kind" || got["budget.max"] != "less_than_min" || got["deadline"] != "invalid_date" {
			t.Fatalf("%d %v", r.Status, got)
		}
	})
	if r := h.Do(R{Method: "GET", Path: "/api/v1/listings?owner=me", Token: inst.Access}).JSON(t); r["total"].(float64) != countDemo(t, h, inst) {
		t.Fatalf("a refused listing was stored: %v", r["total"])
	}
}

// countDemo is how many listings the account's organisation had before.
func countDemo(t *testing.T, h *apptest.Harness, tok apptest.Tokens) float64 {
	return h.Do(R{Method: "GET", Path: "/api/v1/listings?owner=me", Token: tok.Access}).JSON(t)["total"].(float64)
}

// A date a person picks means the end of that day in Vietnam.
func TestValidUntilIsTheEndOfTheDayInVietnam(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	b := sturgeon()
	b["validUntil"] = time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
	l := createListing(t, h, h.Demo("institute"), b)
	want := b["validUntil"].(string) + "T16:59:59Z"
	if l["validUntil"] != want {
		t.Fatalf("validUntil %v, want %s", l["validUntil"], want)
	}
}

func TestSubmitNeedsACompleteListingAndAVerifiedOrganisation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst := h.Demo("institute")
	draft := createListing(t, h, inst, map[string]any{"kind": "ip", "title": "Sáng chế quy trình ủ chua thức ăn"})
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + draft["id"].(string) + "/submit", Token: inst.Access})
	got := fieldCodes(t, r)
	for _, f := range []string{"summary", "sectors", "trl", "transferForms", "price", "ipType", "ipStatus", "holder"} {
		if got[f] != "required" {
			t.Errorf("%s: %q (%d %v)", f, got[f], r.Status, got)
		}
	}
	_, tok := h.Register("chua.xac.minh@example.vn", "Công ty chưa xác minh", "enterprise")
	b := sturgeon()
	l := createListing(t, h, tok, b)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + l["id"].(string) + "/submit", Token: tok.Access}); r.Status != 403 || problemCode(t, r) != "org_not_verified" {
		t.Fatalf("submit from an unverified organisation: %d %s", r.Status, r.Body)
	}
}

// A need's confidential details reach its owner and the department, never
// the public: not the listing API, not search, not suggest.
func TestConfidentialDetailsNeverLeak(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, officer := h.Demo("enterprise"), h.Demo("officer")
	const secret = "SẢN-LƯỢNG-MẬT-7319 tấn mỗi vụ"
	need := createListing(t, h, ent, map[string]any{
		"kind": "demand", "title": "Cần dây chuyền sơ chế cá tầm phi lê",
		"summary":     "Hợp tác xã cần công nghệ sơ chế, hút chân không và cấp đông cá tầm phi lê cho siêu thị.",
		"description": "Công suất nhỏ, dễ vận hành.", "problem": "Cá tầm bán tươi nguyên con giá thấp.",
		"sectors": []string{"agri_processing"}, "transferForms": []string{"equipment_sale"},
		"confidentialDetails": secret, "budget": map[string]any{"min": 300000000, "max": 900000000},
	})
	id := need["id"].(string)
	step(t, h, ent, id, "submit", nil)
	step(t, h, officer, id, "approve", nil)
	h.Settle()
	for _, who := range []string{"anon", "institute", "reviewer"} {
		var tok string
		if who != "anon" {
			tok = h.Demo(who).Access
		}
		r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: tok})
		if r.Status != 200 || strings.Contains(string(r.Body), "7319") || strings.Contains(string(r.Body), "confidentialDetails") {
			t.Errorf("%s reads: %d %s", who, r.Status, r.Body)
		}
	}
	for _, q := range []string{"/api/v1/search?q=7319", "/api/v1/search?q=san+luong+mat", "/api/v1/search?q=ca+tam", "/api/v1/search/suggest?q=7319", "/api/v1/search/suggest?q=ca+tam"} {
		if r := h.Do(R{Method: "GET", Path: q}); strings.Contains(string(r.Body), "7319") {
			t.Errorf("%s leaks the secret: %s", q, r.Body)
		}
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/search?q=ca+tam+phi+le&kind=demand"}).JSON(t); len(r["hits"].([]any)) == 0 || r["hits"].([]any)[0].(map[string]any)["budgetMax"] != 900000000.0 {
		t.Errorf("a need's hit shows its budget: %v", r["hits"])
	}
	if ids := searchIDs(t, h, "q=7319"); len(ids) != 0 {
		t.Errorf("searching the secret finds %v", ids)
	}
	for who, tok := range map[string]string{"owner": ent.Access, "officer": officer.Access} {
		if r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: tok}); !strings.Contains(string(r.Body), secret) {
			t.Errorf("%s cannot read the details: %s", who, r.Body)
		}
	}
}

func TestRejectEditResubmit(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/reject", Token: officer.Access, Body: map[string]string{"reason": "astrology", "comment": "x"}}); r.Status != 422 {
		t.Fatalf("bad reject: %d", r.Status)
	}
	rej := step(t, h, officer, id, "reject", map[string]string{"reason": "incomplete", "comment": "Bổ sung chi phí đầu tư bể nuôi."})
	if rej["state"] != "rejected" || rej["rejectReason"] != "incomplete" {
		t.Fatalf("rejected: %v", rej)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/listings/" + id, Token: inst.Access, Body: map[string]any{"advantages": "Chi phí bể 120 triệu đồng."}, Headers: map[string]string{"If-Match": "1"}}); r.Status != 412 {
		t.Fatalf("stale If-Match: %d %s", r.Status, r.Body)
	}
	cur := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: inst.Access})
	etag := cur.Header.Get("ETag")
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/listings/" + id, Token: inst.Access, Body: map[string]any{"advantages": "Chi phí bể 120 triệu đồng."}, Headers: map[string]string{"If-Match": etag}}); r.Status != 200 {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if again := step(t, h, inst, id, "submit", nil); again["state"] != "pending" {
		t.Fatalf("resubmitted: %v", again)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/listings/" + id, Token: inst.Access, Body: map[string]any{"advantages": "Thêm"}}); r.Status != 409 || problemCode(t, r) != "listing_under_review" {
		t.Fatalf("edit under review: %d %s", r.Status, r.Body)
	}
	step(t, h, officer, id, "approve", nil)
	// Editing a published listing sends it back to moderation and out of
	// search until approved again.
	upd := h.Do(R{Method: "PATCH", Path: "/api/v1/listings/" + id, Token: inst.Access, Body: map[string]any{"kind": "ip"}})
	if upd.Status != 422 || fieldCodes(t, upd)["kind"] != "immutable" {
		t.Fatalf("kind change: %d %s", upd.Status, upd.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/listings/" + id, Token: inst.Access, Body: map[string]any{"title": "Nuôi cá tầm thương phẩm bằng nước suối lạnh vùng cao"}}); r.Status != 200 || r.JSON(t)["state"] != "pending" {
		t.Fatalf("edit published: %d %s", r.Status, r.Body)
	}
	h.Settle()
	if contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("an edited listing stays searchable before re-approval")
	}
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/listings/" + id, Token: inst.Access}); r.Status != 409 {
		t.Fatalf("delete a pending listing: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id + "&action=listing.reject", Token: officer.Access}).JSON(t); r["total"].(float64) != 1 {
		t.Fatalf("reject audited: %v", r)
	}
}

// Officers deciding on one listing at once: exactly one decision lands.
func TestConcurrentModeration(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer, admin := h.Demo("institute"), h.Demo("officer"), h.Demo("admin")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	var ok, conflict atomic.Int32
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, verb, body := officer.Access, "approve", any(nil)
			if i%2 == 1 {
				tok, verb, body = admin.Access, "reject", map[string]string{"reason": "duplicate", "comment": "Trùng với tin đã có."}
			}
			switch r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/" + verb, Token: tok, Body: body}); r.Status {
			case 200:
				ok.Add(1)
			case 409:
				conflict.Add(1)
			default:
				t.Errorf("%s: %d %s", verb, r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 1 || conflict.Load() != 19 {
		t.Fatalf("%d decisions landed, %d refused", ok.Load(), conflict.Load())
	}
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access}).JSON(t)
	if log["total"].(float64) != 3 { // create, submit, one decision
		t.Fatalf("audit: %v", log["total"])
	}
}

func TestExpiryAndRenewal(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	pub := step(t, h, officer, id, "approve", nil)
	until, _ := time.Parse(time.RFC3339, pub["validUntil"].(string))
	if d := time.Until(until); d < 364*24*time.Hour || d > 366*24*time.Hour {
		t.Fatalf("valid for %s, want twelve months", d)
	}
	h.Settle()
	later := until.Add(time.Hour)
	h.Clock.Set(func() time.Time { return later })
	inst = h.Demo("institute") // the morning's token has expired
	if contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("an expired listing is searchable")
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id}); r.Status != 404 {
		t.Fatalf("expired public page: %d", r.Status)
	}
	ren := step(t, h, inst, id, "renew", nil)
	next, _ := time.Parse(time.RFC3339, ren["validUntil"].(string))
	if !next.After(later.Add(364 * 24 * time.Hour)) {
		t.Fatalf("renewed until %s", next)
	}
	h.Settle()
	if !contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("a renewed listing is not searchable")
	}
}

// flaky makes the engine refuse writes while down is set.
type flaky struct {
	search.Engine
	down atomic.Bool
}

var errDown = errors.New("engine down")

func (f *flaky) Upsert(ctx context.Context, d ...search.Doc) error {
	if f.down.Load() {
		return errDown
	}
	return f.Engine.Upsert(ctx, d...)
}

func (f *flaky) Delete(ctx context.Context, ids ...string) error {
	if f.down.Load() {
		return errDown
	}
	return f.Engine.Delete(ctx, ids...)
}

// When the engine fails, writes still succeed, /readyz says search is
// behind, and the backlog drains once the engine is back.
func TestSearchEngineOutageAndRecovery(t *testing.T) {
	t.Parallel()
	var f *flaky
	h := apptest.NewWithEngine(t, func(e search.Engine) search.Engine { f = &flaky{Engine: e}; return f })
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	h.Settle()
	f.down.Store(true)
	step(t, h, officer, id, "approve", nil) // the write succeeds
	deadline := time.Now().Add(10 * time.Second)
	for h.App.Indexer.Err() == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	ready := h.Do(R{Method: "GET", Path: "/readyz"}).JSON(t)
	if ready["status"] != "degraded" || ready["search"] != "behind" || ready["searchBacklog"].(float64) < 1 {
		t.Fatalf("readyz while the engine fails: %v", ready)
	}
	if contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("indexed although the engine was down")
	}
	f.down.Store(false)
	for (h.App.Indexer.Backlog() > 0 || h.App.Indexer.Err() != nil) && time.Now().Before(deadline.Add(30*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	if !contains(searchIDs(t, h, "q=ca+tam"), id) {
		t.Fatal("the backlog did not drain after the engine came back")
	}
	if ready := h.Do(R{Method: "GET", Path: "/readyz"}).JSON(t); ready["status"] != "ok" {
		t.Fatalf("readyz after recovery: %v", ready)
	}
}

// Drift between store and index (a lost update, a restart with a queue in
// memory) is repaired by comparing versions.
func TestReconcileRepairsDrift(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	step(t, h, officer, id, "approve", nil)
	h.Settle()
	ctx := context.Background()
	if err := h.App.Search.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	ghost := search.Doc{ID: "000000000000000000000bad", Version: 1, Kind: "technology", Title: "Tin ma không còn trong kho", ExpiresAt: time.Now().Add(time.Hour)}
	if err := h.App.Search.Upsert(ctx, ghost); err != nil {
		t.Fatal(err)
	}
	st, err := h.App.Indexer.Reconcile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pushed != 1 || st.Removed != 1 {
		t.Fatalf("reconcile: %+v", st)
	}
	if !contains(searchIDs(t, h, "q=ca+tam"), id) || contains(searchIDs(t, h, "q=tin+ma"), ghost.ID) {
		t.Fatal("drift not repaired")
	}
	if st, _ := h.App.Indexer.Reconcile(ctx); st.Pushed != 0 || st.Removed != 0 {
		t.Fatalf("a second reconcile found work: %+v", st)
	}
}

func TestSearchParameters(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	for q, field := range map[string]string{
		"kind=service":                    "kind",
		"sector=astrology":                "sector",
		"trlMin=0":                        "trlMin",
		"trlMin=8&trlMax=3":               "trlMax",
		"priceMax=abc":                    "priceMax",
		"sort=random":                     "sort",
		"pageSize=500":                    "pageSize",
		"page=0":                          "page",
		"q=" + strings.Repeat("chè+", 80): "q",
		"transferForm=" + strings.Repeat("licence,", 30): "transferForm",
	} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/search?" + q})
		if r.Status != 422 || fieldCodes(t, r)[field] == "" {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
	r := h.Do(R{Method: "GET", Path: "/api/v1/search?kind=technology,ip&sector=agri_processing&trlMin=5&sort=newest&page=1&pageSize=5"})
	if r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	res := r.JSON(t)
	for _, name := range []string{"kind", "sector", "trl", "transferForm", "adminUnit", "orgKind"} {
		if _, ok := res["facets"].(map[string]any)[name]; !ok {
			t.Errorf("facet %s missing", name)
		}
	}
}

// Thirty days before a listing expires its owners get one e-mail, through a
// real SMTP server, however often the reminder job runs.
func TestExpiryReminderByEmail(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)
	step(t, h, inst, id, "submit", nil)
	pub := step(t, h, officer, id, "approve", nil)
	until, _ := time.Parse(time.RFC3339, pub["validUntil"].(string))
	ctx := context.Background()
	// Demo listings expire too; count only the mail about this one.
	mine := func() []received {
		box.mu.Lock()
		defer box.mu.Unlock()
		var out []received
		for _, m := range box.msgs {
			if strings.Contains(string(m.data), id) {
				out = append(out, m)
			}
		}
		return out
	}
	remind := func(daysBefore int) {
		h.Clock.Set(func() time.Time { return until.Add(-time.Duration(daysBefore) * 24 * time.Hour) })
		if _, err := h.App.Catalog.RemindExpiring(ctx); err != nil {
			t.Fatal(err)
		}
	}
	remind(40)
	if n := len(mine()); n != 0 {
		t.Fatalf("40 days before: %d reminders", n)
	}
	remind(29)
	remind(28)
	got := mine()
	if len(got) != 1 || got[0].to[0] != "institute@demo.techmart.vn" {
		t.Fatalf("reminders for the listing: %v", got)
	}
	subject, body := message(t, got[0])
	if !strings.Contains(subject, "hết hạn") || !strings.Contains(body, "http://techmart.test/listings/"+id) || !strings.Contains(body, "Renew") {
		t.Fatalf("reminder %q:\n%s", subject, body)
	}
	// Renewing arms the reminder again for the next expiry.
	inst = h.Demo("institute") // eleven months on, the first token has expired
	step(t, h, inst, id, "renew", nil)
	if l := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: inst.Access}).JSON(t); l["validUntil"] == pub["validUntil"] {
		t.Fatal("renewal did not move the expiry")
	}
}

// Whatever the query string, search answers 200 or a 422 naming a field,
// never a 500.
func FuzzSearchQuery(f *testing.F) {
	h := apptest.New(f)
	for _, s := range []string{"q=che+shan+tuyet", "q=%22%5C", "q=AND+OR+NOT", "kind=technology,ip&trlMin=3", "q=" + strings.Repeat("a", 300),
		"q=*&sort=priceAsc", "q=%E1%BA", "q=ch%C3%A8~2^3", "sector=&sector=biotech", "q=(((", "priceMax=9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		h := *h
		h.T = t // the harness reports to the fuzz target, not to f
		for _, path := range []string{"/api/v1/search?", "/api/v1/search/suggest?"} {
			r := h.Do(R{Method: "GET", Path: path + url.PathEscape(raw)})
			if r.Status == 0 {
				return // the raw string was not a valid URL for the test client
			}
			if r.Status != 200 && r.Status != 422 {
				t.Fatalf("%s%s: %d %s", path, raw, r.Status, r.Body)
			}
		}
	})
}
