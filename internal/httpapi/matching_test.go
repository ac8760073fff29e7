package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/seeds"
)

const demoNeed = "6c6973740000000000000101" // the enterprise's need: keeping mandarins fresh 2–3 months

// fittingOffer publishes an institute offer written for demoNeed.
func fittingOffer(t *testing.T, h *apptest.Harness) string {
	t.Helper()
	inst, officer := h.Demo("institute"), h.Demo("officer")
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: inst.Access, Body: map[string]any{
		"kind": "technology", "orgId": instituteOrg, "title": "Công nghệ bảo quản quýt tươi bằng màng bao sinh học và kho mát",
		"summary":     "Bảo quản quýt sau thu hoạch 10–12 tuần, giảm hao hụt dưới 8%, không dùng chất bảo quản ngoài danh mục.",
		"description": "Quả quýt được xử lý nước nóng, phủ màng bao chitosan và giữ trong kho mát 6–8 °C.",
		"sectors":     []string{"agri_processing"}, "keywords": []string{"quýt", "bảo quản", "sau thu hoạch"},
		"trl": 7, "transferForms": []string{"licence", "training"}, "price": map[string]any{"mode": "fixed", "min": 250_000_000},
	}})
	if r.Status != 201 {
		t.Fatalf("create offer: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	for _, step := range []struct{ verb, tok string }{{"submit", inst.Access}, {"approve", officer.Access}} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/" + step.verb, Token: step.tok}); r.Status != 200 {
			t.Fatalf("%s: %d %s", step.verb, r.Status, r.Body)
		}
	}
	h.Settle()
	if _, err := h.App.Indexer.Reconcile(context.Background()); err != nil { // the demo data too
		t.Fatal(err)
	}
	return id
}

func items(t *testing.T, r apptest.Response, key string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range r.JSON(t)[key].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// TestTransferJourney is the whole path the department wants to see: a
// need, its suggested offers with reasons, interest, acceptance, messages,
// agreement, the transfer with its contract, registration, the pipeline.
func TestTransferJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst, officer := h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer")
	offer := fittingOffer(t, h)

	// The need's matches: offers only, never the enterprise's own, best first, with reasons.
	r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + demoNeed + "/matches?limit=10", Token: ent.Access})
	if r.Status != 200 {
		t.Fatalf("matches: %d %s", r.Status, r.Body)
	}
	ms := items(t, r, "matches")
	if len(ms) == 0 {
		t.Fatal("no matches for the demo need")
	}
	var found map[string]any
	last := 101.0
	for _, m := range ms {
		l := m["listing"].(map[string]any)
		if l["kind"] == "demand" || l["organization"].(map[string]any)["id"] == enterpriseOrg {
			t.Fatalf("a need was matched with %v", l)
		}
		if s := m["score"].(float64); s > last || s < 0 || s > 100 {
			t.Fatalf("scores out of order or range: %v", ms)
		} else {
			last = s
		}
		if l["id"] == offer {
			found = m
		}
	}
	if found == nil || found["score"].(float64) < 65 {
		t.Fatalf("the fitting offer is missing or weak: %v", found)
	}
	var texts []string
	for _, rs := range found["reasons"].([]any) {
		texts = append(texts, rs.(map[string]any)["text"].(string))
	}
	joined := strings.Join(texts, "; ")
	for _, want := range []string{"Cùng lĩnh vực chế biến nông lâm sản", "Mức sẵn sàng TRL 7 (mẫu hệ thống được trình diễn trong môi trường vận hành): đạt mức tối thiểu TRL 6 (công nghệ được trình diễn trong môi trường liên quan)", "Giá trong ngân sách"} {
		if !strings.Contains(joined, want) {
			t.Errorf("reasons %q lack %q", joined, want)
		}
	}
	en := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + demoNeed + "/matches", Token: ent.Access, Headers: map[string]string{"Accept-Language": "en"}})
	if !strings.Contains(string(en.Body), "Price within budget") {
		t.Errorf("English reasons missing: %.400s", en.Body)
	}

	// Interest → the institute hears of it.
	r = h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access,
		Body: map[string]any{"seeks": "Bảo quản 380 tấn quýt mỗi vụ trong kho mát sẵn có.", "brings": "Kho mát 60 m³ và vùng nguyên liệu 140 hộ."}})
	if r.Status != 201 || r.JSON(t)["state"] != "requested" {
		t.Fatalf("interest: %d %s", r.Status, r.Body)
	}
	conn := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access,
		Body: map[string]any{"seeks": "Lần nữa cho chắc chắn nhé."}}); r.Status != 409 || r.JSON(t)["code"] != "interest_exists" {
		t.Fatalf("second open interest: %d %s", r.Status, r.Body)
	}
	notes := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: inst.Access})
	if n := notes.JSON(t)["unread"].(float64); n < 1 || !strings.Contains(string(notes.Body), "quan tâm đến tin") {
		t.Fatalf("institute not notified: %s", notes.Body)
	}

	// No messages before acceptance; the institute accepts; they talk.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/messages", Token: ent.Access, Body: map[string]string{"body": "Xin chào"}}); r.Status != 409 {
		t.Fatalf("message before acceptance: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/accept", Token: inst.Access}); r.Status != 200 || r.JSON(t)["state"] != "accepted" {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	for _, m := range []struct {
		tok  apptest.Tokens
		body string
	}{{ent, "Viện có thể khảo sát kho mát của công ty vào tuần sau?"}, {inst, "Được, thứ Ba chúng tôi lên Ba Bể."}} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/messages", Token: m.tok.Access, Body: map[string]string{"body": m.body}}); r.Status != 201 {
			t.Fatalf("message: %d %s", r.Status, r.Body)
		}
	}
	thread := items(t, h.Do(R{Method: "GET", Path: "/api/v1/connections/" + conn + "/messages", Token: officer.Access}), "items")
	if len(thread) != 2 || thread[0]["body"] != "Viện có thể khảo sát kho mát của công ty vào tuần sau?" {
		t.Fatalf("thread: %v", thread)
	}
	got := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + conn, Token: ent.Access}).JSON(t)
	if got["state"] != "negotiating" || got["can"].(map[string]any)["agree"] != true {
		t.Fatalf("after the first message: %v", got)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/agree", Token: ent.Access}); r.Status != 200 {
		t.Fatalf("agree: %d %s", r.Status, r.Body)
	}

	// The officer records the transfer from the connection.
	r = h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: officer.Access, Body: map[string]any{
		"connectionId": conn, "title": "Chuyển giao công nghệ bảo quản quýt cho Công ty Nông sản sạch Ba Bể", "form": "licence",
		"methods": []string{"documents", "training"}, "contractValue": 320_000_000, "signedOn": "2026-08-01", "registrationRequired": true,
	}})
	if r.Status != 201 {
		t.Fatalf("transfer: %d %s", r.Status, r.Body)
	}
	tr := r.JSON(t)
	reg := tr["registration"].(map[string]any)
	if tr["supplier"].(map[string]any)["id"] != instituteOrg || tr["recipient"].(map[string]any)["id"] != enterpriseOrg ||
		reg["status"] != "due" || reg["dueOn"] != "2026-10-30" || tr["contractValue"].(float64) != 320_000_000 {
		t.Fatalf("transfer: %v", tr)
	}
	trID := tr["id"].(string)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: ent.Access, Body: map[string]any{"connectionId": conn, "title": "Lần hai",
		"form": "licence", "methods": []string{"documents"}, "contractValue": 1, "signedOn": "2026-08-01"}}); r.Status != 409 {
		t.Fatalf("second transfer from one connection: %d %s", r.Status, r.Body)
	}
	// The registration falls due: both parties are reminded once.
	h.Clock.Set(func() time.Time { return time.Date(2026, 10, 25, 3, 0, 0, 0, time.UTC) })
	ent, inst = h.Demo("enterprise"), h.Demo("institute") // tokens are checked against the moved clock
	if n, err := h.App.Transfers.RemindDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("reminders: %d %v", n, err)
	}
	if n, _ := h.App.Transfers.RemindDue(context.Background()); n != 0 {
		t.Fatalf("reminded twice: %d", n)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access}).Body), "phải đăng ký trước ngày 30/10/2026") {
		t.Error("enterprise not told the registration is due")
	}
	h.Clock.Set(func() time.Time { return time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC) })
	ent, inst, officer = h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer")
	if tr := h.Do(R{Method: "GET", Path: "/api/v1/transfers/" + trID, Token: inst.Access}).JSON(t); tr["overdue"] != true {
		t.Fatalf("not overdue after the due day: %v", tr["registration"])
	}
	for _, step := range []map[string]string{
		{"status": "submitted", "submittedOn": "2026-11-01"},
		{"status": "registered", "number": "15/2026/GCN-SKHCN", "registeredOn": "2026-11-20"},
	} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/transfers/" + trID + "/registration", Token: ent.Access, Body: step}); r.Status != 200 {
			t.Fatalf("registration %v: %d %s", step, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/transfers/" + trID + "/registration", Token: ent.Access,
		Body: map[string]string{"status": "submitted", "submittedOn": "2026-11-21"}}); r.Status != 409 {
		t.Fatalf("registered contract moved back: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/transfers/" + trID + "/implementation", Token: ent.Access,
		Body: map[string]string{"status": "in_use", "outcome": "Vụ quýt 2026 bảo quản 11 tuần, hao hụt 6%."}}); r.Status != 200 {
		t.Fatalf("implementation: %d %s", r.Status, r.Body)
	}

	// The pipeline shows it.
	p := h.Do(R{Method: "GET", Path: "/api/v1/pipeline?sector=agri_processing", Token: officer.Access}).JSON(t)
	f := p["funnel"].(map[string]any)
	if f["interests"].(float64) < 1 || f["agreements"].(float64) < 1 || f["transfers"].(float64) < 1 || f["registered"].(float64) < 1 {
		t.Fatalf("pipeline funnel: %v", p)
	}
	if v := p["transfers"].(map[string]any)["contractValue"].(float64); v < 320_000_000 {
		t.Fatalf("pipeline value: %v", v)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/pipeline?from=2026-12-01&to=2026-11-01", Token: officer.Access}); r.Status != 422 {
		t.Fatalf("a period ending before it starts: %d", r.Status)
	}

	// Every step is in the audit log.
	audit := string(h.Do(R{Method: "GET", Path: "/api/v1/audit?pageSize=100", Token: officer.Access}).Body)
	for _, a := range []string{"connection.interest", "connection.accept", "connection.agree", "transfer.create", "transfer.registration", "transfer.implementation"} {
		if !strings.Contains(audit, a) {
			t.Errorf("audit lacks %s", a)
		}
	}
}

// TestConfidentialDetailsOpenOnAcceptance: a need's confidential part is
// for its owner until the owner accepts someone's interest.
func TestConfidentialDetailsOpenOnAcceptance(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	if _, err := h.App.Indexer.Reconcile(context.Background()); err != nil { // the demo data, searchable
		t.Fatal(err)
	}
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	read := func() string {
		r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + demoNeed, Token: inst.Access})
		if r.Status != 200 {
			t.Fatalf("read need: %d", r.Status)
		}
		s, _ := r.JSON(t)["confidentialDetails"].(string)
		return s
	}
	if s := read(); s != "" {
		t.Fatalf("confidential details before acceptance: %q", s)
	}
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + demoNeed + "/interests", Token: inst.Access,
		Body: map[string]any{"seeks": "Viện có quy trình bảo quản quýt phù hợp với nhu cầu này."}})
	if r.Status != 201 {
		t.Fatalf("interest: %d %s", r.Status, r.Body)
	}
	conn := r.JSON(t)["id"].(string)
	if s := read(); s != "" {
		t.Fatalf("confidential details before acceptance: %q", s)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/accept", Token: ent.Access}); r.Status != 200 {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	if s := read(); !strings.Contains(s, "380 tấn") {
		t.Fatalf("confidential details after acceptance: %q", s)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + demoNeed, Token: h.Demo("reviewer").Access}); strings.Contains(string(r.Body), "380 tấn") {
		t.Fatal("an organisation nobody accepted reads the confidential details")
	}
	// No deal: they close again.
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/close", Token: ent.Access}); r.Status != 200 {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	if s := read(); s != "" {
		t.Fatalf("confidential details after closing without a deal: %q", s)
	}
}

// TestDeclineReachesTheRequester: the reason code is required, "other"
// needs a comment, and the requester learns the reason; the organisation
// may try again later.
func TestDeclineReachesTheRequester(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	offer := fittingOffer(t, h)
	express := func() string {
		r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access, Body: map[string]any{"seeks": "Cần bảo quản quýt cho vụ tới."}})
		if r.Status != 201 {
			t.Fatalf("interest: %d %s", r.Status, r.Body)
		}
		return r.JSON(t)["id"].(string)
	}
	conn := express()
	for _, bad := range []map[string]string{{}, {"reason": "because"}, {"reason": "other"}} {
		if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/decline", Token: inst.Access, Body: bad}); r.Status != 422 {
			t.Fatalf("decline %v: %d %s", bad, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/decline", Token: inst.Access, Body: map[string]string{"reason": "too_early"}}); r.Status != 200 {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	en := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access, Headers: map[string]string{"Accept-Language": "en"}})
	if !strings.Contains(string(en.Body), "Reason: Too early for us") {
		t.Fatalf("requester not told why: %s", en.Body)
	}
	if c := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + conn, Token: ent.Access}).JSON(t); c["declineReason"] != "too_early" {
		t.Fatalf("connection: %v", c)
	}
	express() // declined: the organisation may ask again
}

// TestConcurrentAcceptDecline: many answers at once to one request; exactly
// one is taken, and the log has one decision.
func TestConcurrentAcceptDecline(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	offer := fittingOffer(t, h)
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access, Body: map[string]any{"seeks": "Cần bảo quản quýt cho vụ tới."}})
	conn := r.JSON(t)["id"].(string)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := R{Method: "POST", Path: "/api/v1/connections/" + conn + "/accept", Token: inst.Access}
			if i%2 == 1 {
				req.Path, req.Body = "/api/v1/connections/"+conn+"/decline", map[string]string{"reason": "price"}
			}
			codes[i] = h.Do(req).Status
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		switch c {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
		default:
			t.Fatalf("unexpected status %d in %v", c, codes)
		}
	}
	if ok != 1 {
		t.Fatalf("%d answers taken, want 1: %v", ok, codes)
	}
	c := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + conn, Token: ent.Access}).JSON(t)
	if h := c["history"].([]any); len(h) != 2 {
		t.Fatalf("history: %v", h)
	}
	audit := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + conn, Token: h.Demo("officer").Access}).JSON(t)
	if n := audit["total"].(float64); n != 2 { // the interest and one answer
		t.Fatalf("audit entries: %v", audit)
	}
}

// TestNotificationEmails: with SMTP configured, interest reaches the
// listing owner's inbox and mailbox; a person who switched a topic off
// gets no e-mail for it but still sees it in the app.
func TestNotificationEmails(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	offer := fittingOffer(t, h)
	r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access, Body: map[string]any{"seeks": "Cần bảo quản quýt cho vụ tới."}})
	conn := r.JSON(t)["id"].(string)
	h.App.Notify.Wait()
	box.mu.Lock()
	msgs := slices.Clone(box.msgs)
	box.mu.Unlock()
	var toInstitute []received
	for _, m := range msgs {
		if slices.Contains(m.to, "institute@demo.techmart.vn") {
			toInstitute = append(toInstitute, m)
		}
	}
	if len(toInstitute) != 1 {
		t.Fatalf("e-mails to the institute: %d of %d", len(toInstitute), len(msgs))
	}
	subject, body := message(t, toInstitute[0])
	if !strings.Contains(subject, "quan tâm đến tin") || !strings.Contains(body, "http://techmart.test/connections/"+conn) || !strings.Contains(body, "is interested in") {
		t.Fatalf("e-mail: %q\n%s", subject, body)
	}

	// The enterprise switches off e-mail for decisions.
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: ent.Access, Body: map[string]any{"email": map[string]bool{"decision": false}}}); r.Status != 200 ||
		r.JSON(t)["email"].(map[string]any)["decision"] != false || r.JSON(t)["email"].(map[string]any)["message"] != true {
		t.Fatalf("preferences: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: ent.Access, Body: map[string]any{"email": map[string]bool{"spam": true}}}); r.Status != 422 {
		t.Fatalf("unknown topic: %d", r.Status)
	}
	before := len(msgs)
	h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/accept", Token: inst.Access})
	h.App.Notify.Wait()
	box.mu.Lock()
	after := slices.Clone(box.msgs[before:])
	box.mu.Unlock()
	for _, m := range after {
		if slices.Contains(m.to, "enterprise@demo.techmart.vn") {
			t.Fatal("an e-mail the person switched off")
		}
	}
	if un := h.Do(R{Method: "GET", Path: "/api/v1/notifications/unread", Token: ent.Access}).JSON(t)["unread"].(float64); un < 1 {
		t.Fatal("the decision is not in the app either")
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/notifications/read", Token: ent.Access, Body: map[string]bool{"all": true}}); r.JSON(t)["unread"].(float64) != 0 {
		t.Fatalf("mark all read: %s", r.Body)
	}
}

// TestStaleConnectionsNudged: a live connection quiet for 30 days is
// shown as stale and both sides are reminded, once.
func TestStaleConnectionsNudged(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	offer := fittingOffer(t, h)
	conn := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access, Body: map[string]any{"seeks": "Cần bảo quản quýt cho vụ tới."}}).JSON(t)["id"].(string)
	h.Do(R{Method: "POST", Path: "/api/v1/connections/" + conn + "/accept", Token: inst.Access})
	later := time.Now().Add(31 * 24 * time.Hour)
	h.Clock.Set(func() time.Time { return later })
	ent = h.Demo("enterprise") // a month on, the first token has expired
	stale := h.Do(R{Method: "GET", Path: "/api/v1/connections?scope=all&stale=true", Token: h.Demo("officer").Access}).JSON(t)
	if stale["total"].(float64) != 1 {
		t.Fatalf("stale list: %v", stale)
	}
	if n, err := h.App.Conns.Nudge(context.Background()); err != nil || n != 1 {
		t.Fatalf("nudge: %d %v", n, err)
	}
	if n, _ := h.App.Conns.Nudge(context.Background()); n != 0 {
		t.Fatalf("nudged twice: %d", n)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access}).Body), "30 ngày chưa có trao đổi") {
		t.Fatal("enterprise not nudged")
	}
}

// TestMatchingQualityOnDemo keeps the matcher at the targets on the
// labelled demo needs (make eval-matching prints the same figures).
func TestMatchingQualityOnDemo(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	if _, err := h.App.Indexer.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	labels, err := seeds.MatchingEval()
	if err != nil || len(labels) < 30 {
		t.Fatalf("labelled set: %d needs, %v", len(labels), err)
	}
	q, _, err := h.App.Matching.Evaluate(context.Background(), labels)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("precision@5 %.3f (strict %.3f), recall@10 %.3f, MRR %.3f", q.PrecisionAt5, q.StrictPrecisionAt5, q.RecallAt10, q.MRR)
	if q.PrecisionAt5 < 0.6 || q.MRR < 0.7 {
		t.Fatalf("below target: %+v", q)
	}
}

// TestStrongMatchAnnounced: when an offer that fits a need is published,
// the need's organisation hears of it, once.
func TestStrongMatchAnnounced(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent := h.Demo("enterprise")
	offer := fittingOffer(t, h)
	count := func() int {
		n := 0
		for _, it := range items(t, h.Do(R{Method: "GET", Path: "/api/v1/notifications?pageSize=100", Token: ent.Access}), "items") {
			// Suggestions are gathered in the day's digest, which counts them.
			if it["kind"] == "match_digest" {
				n += int(it["count"].(float64))
			}
		}
		return n
	}
	if err := h.App.Matching.Refresh(context.Background(), offer); err != nil {
		t.Fatal(err)
	}
	first := count()
	if first < 1 {
		t.Fatalf("match suggestions after publishing: %d", first)
	}
	if err := h.App.Matching.Refresh(context.Background(), offer); err != nil {
		t.Fatal(err)
	}
	if err := h.App.Matching.Refresh(context.Background(), demoNeed); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != first {
		t.Fatalf("the same pairs announced again: %d suggestions, then %d", first, n)
	}
}

// TestConnectionStateMachine: every action from every state it is not
// allowed in answers 409 invalid_transition and changes nothing.
func TestConnectionStateMachine(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	// to opens a connection on a fresh offer (the institute owns it, the
	// enterprise asks: one open interest per listing) and takes it through
	// steps.
	to := func(t *testing.T, steps ...string) string {
		offer := fittingOffer(t, h)
		r := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + offer + "/interests", Token: ent.Access, Body: map[string]any{"seeks": "Cần bảo quản quýt cho vụ tới."}})
		if r.Status != 201 {
			t.Fatalf("interest: %d %s", r.Status, r.Body)
		}
		id := r.JSON(t)["id"].(string)
		for _, s := range steps {
			tok, body := inst, any(nil)
			if s == "decline" {
				body = map[string]string{"reason": "price"}
			}
			if r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + id + "/" + s, Token: tok.Access, Body: body}); r.Status != 200 {
				t.Fatalf("%s: %d %s", s, r.Status, r.Body)
			}
		}
		return id
	}
	cases := []struct {
		state  []string
		action string
		tok    apptest.Tokens
	}{
		{nil, "negotiate", inst},
		{nil, "agree", inst},
		{[]string{"accept"}, "accept", inst},
		{[]string{"accept"}, "decline", inst},
		{[]string{"decline"}, "accept", inst},
		{[]string{"decline"}, "close", ent},
		{[]string{"accept", "agree"}, "negotiate", ent},
		{[]string{"accept", "agree"}, "close", ent},
		{[]string{"accept", "close"}, "agree", inst},
		{[]string{"accept", "close"}, "accept", inst},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.state, "+")+"→"+tc.action, func(t *testing.T) {
			id := to(t, tc.state...)
			before := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + id, Token: ent.Access}).JSON(t)
			var body any
			if tc.action == "decline" {
				body = map[string]string{"reason": "price"}
			}
			r := h.Do(R{Method: "POST", Path: "/api/v1/connections/" + id + "/" + tc.action, Token: tc.tok.Access, Body: body})
			if r.Status != 409 || r.JSON(t)["code"] != "invalid_transition" {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			after := h.Do(R{Method: "GET", Path: "/api/v1/connections/" + id, Token: ent.Access}).JSON(t)
			if after["state"] != before["state"] || after["version"] != before["version"] {
				t.Fatalf("changed: %v → %v", before["state"], after["state"])
			}
		})
	}
}

// TestTransferValidation: bad contract details come back as field errors,
// and nothing is recorded.
func TestTransferValidation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	before := h.Do(R{Method: "GET", Path: "/api/v1/transfers?scope=all", Token: officer.Access}).JSON(t)["total"].(float64) // the demo's
	base := func(k string, v any) map[string]any {
		b := transferBody()
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	cases := []struct {
		name  string
		body  map[string]any
		field string
		code  string
	}{
		{"no title", base("title", nil), "title", "required"},
		{"unknown form", base("form", "gift"), "form", "invalid_choice"},
		{"no methods", base("methods", []string{}), "methods", "required"},
		{"unknown method", base("methods", []string{"telepathy"}), "methods", "invalid_choice"},
		{"negative value", base("contractValue", -1), "contractValue", "out_of_range"},
		{"no value", base("contractValue", nil), "contractValue", "required"},
		{"value as text", base("contractValue", "350 triệu"), "contractValue", "invalid_type"},
		{"signed in the future", base("signedOn", time.Now().AddDate(0, 1, 0).Format(time.DateOnly)), "signedOn", "in_future"},
		{"not a date", base("signedOn", "01/10/2026"), "signedOn", "invalid_date"},
		{"same organisation twice", base("recipientOrgId", instituteOrg), "recipientOrgId", "same_organization"},
		{"unknown organisation", base("supplierOrgId", "000000000000000000000000"), "supplierOrgId", "not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: officer.Access, Body: tc.body})
			if r.Status != 422 {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			found := false
			for _, e := range r.JSON(t)["errors"].([]any) {
				e := e.(map[string]any)
				if e["field"] == tc.field && e["code"] == tc.code {
					found = true
				}
			}
			if !found {
				t.Fatalf("no %s/%s in %s", tc.field, tc.code, r.Body)
			}
		})
	}
	if l := h.Do(R{Method: "GET", Path: "/api/v1/transfers?scope=all", Token: officer.Access}).JSON(t); l["total"].(float64) != before {
		t.Fatalf("something was recorded: %v", l)
	}
}

// TestTransferDocuments: a contract's documents are for the parties and the
// department only, and go with the transfer's record.
func TestTransferDocuments(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, officer, reviewer := h.Demo("enterprise"), h.Demo("officer"), h.Demo("reviewer")
	r := h.Do(R{Method: "POST", Path: "/api/v1/transfers", Token: officer.Access, Body: transferBody()})
	id := r.JSON(t)["id"].(string)
	up := postFile(t, h, ent.Access, "/api/v1/transfers/"+id+"/files", "hop-dong.pdf", smallPDF, nil)
	if up.Status != 201 {
		t.Fatalf("upload: %d %s", up.Status, up.Body)
	}
	file := up.JSON(t)["id"].(string)
	docs := h.Do(R{Method: "GET", Path: "/api/v1/transfers/" + id, Token: officer.Access}).JSON(t)["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["name"] != "hop-dong.pdf" {
		t.Fatalf("documents: %v", docs)
	}
	for _, c := range []struct {
		tok  string
		want int
	}{{ent.Access, 200}, {officer.Access, 200}, {reviewer.Access, 404}, {"", 404}} {
		if got := h.Do(R{Method: "GET", Path: "/api/v1/files/" + file, Token: c.tok}).Status; got != c.want {
			t.Errorf("download: %d, want %d", got, c.want)
		}
	}
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/transfers/" + id + "/files/" + file, Token: ent.Access}); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	if got := h.Do(R{Method: "GET", Path: "/api/v1/files/" + file, Token: ent.Access}).Status; got != 404 {
		t.Fatalf("deleted document still served: %d", got)
	}
}
