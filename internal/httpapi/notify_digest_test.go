package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/seeds"
)

// TestDemoNotifiesNobody: after the demo data is loaded, the matching
// worker goes over every demo listing (as it does after a start) and
// still nobody has an unread notification.
func TestDemoNotifiesNobody(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	raw, err := seeds.Listings()
	if err != nil {
		t.Fatal(err)
	}
	var listings []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &listings); err != nil {
		t.Fatal(err)
	}
	for _, l := range listings {
		if err := h.App.Matching.Refresh(context.Background(), l.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, label := range []string{"admin", "officer", "reviewer", "reviewer2", "enterprise", "institute"} {
		r := h.Do(R{Method: "GET", Path: "/api/v1/notifications/unread", Token: h.Demo(label).Access})
		if r.Status != 200 || !strings.Contains(string(r.Body), `"unread":0`) {
			t.Errorf("%s starts with %s", label, r.Body)
		}
	}
}

// TestMatchDigest: a day's match suggestions are one notification in the
// app and one e-mail the next day; other notifications about one subject
// are grouped while unread.
func TestMatchDigest(t *testing.T) {
	t.Parallel()
	box, smtpURL := startSMTP(t)
	h := apptest.New(t, func(c *apptestConfig) { c.SMTPURL = smtpURL })
	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC) // 16:00 in Vietnam
	h.Clock.Set(func() time.Time { return day })
	ctx := context.Background()
	ent := h.Demo("enterprise")
	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: ent.Access}).JSON(t)
	uid := me["user"].(map[string]any)["id"].(string)
	for i, title := range []string{"Máy sấy chè", "Quy trình ủ phân", "Giống quýt"} {
		h.App.Notify.ToUsers(ctx, []string{uid}, notify.Note{Kind: notify.KindMatch,
			Params: map[string]string{"listing": "Nhu cầu chế biến chè", "match": title, "score": "80"}, Link: "/listings/" + strings.Repeat("0", 23) + string(rune('1'+i))})
	}
	// Two messages in one connection, then one in another.
	for _, link := range []string{"/connections/a", "/connections/a", "/connections/b"} {
		h.App.Notify.ToUsers(ctx, []string{uid}, notify.Note{Kind: notify.KindMessage,
			Params: map[string]string{"author": "Viện KHSS", "listing": "Chè", "excerpt": "Xin chào"}, Link: link})
	}
	h.App.Notify.Wait()
	page := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access}).JSON(t)
	its := page["items"].([]any)
	if len(its) != 3 || page["unread"].(float64) != 3 {
		t.Fatalf("want a digest and two message groups, got %d items, %v unread: %v", len(its), page["unread"], page)
	}
	counts := map[string]float64{}
	for _, x := range its {
		m := x.(map[string]any)
		counts[m["kind"].(string)+" "+m["link"].(string)] = m["count"].(float64)
	}
	if counts["match_digest /my/listings"] != 3 || counts["message /connections/a"] != 2 || counts["message /connections/b"] != 1 {
		t.Fatalf("groups: %v", counts)
	}
	if !strings.Contains(string(h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access}).Body), "07/12/2026: 3 gợi ý mới") {
		t.Fatal("the digest's text does not count the day's suggestions")
	}
	// Messages were e-mailed as they came; the suggestions not yet.
	countMail := func(word string) int {
		box.mu.Lock()
		defer box.mu.Unlock()
		n := 0
		for _, m := range box.msgs {
			if s, _ := message(t, m); strings.Contains(s, word) {
				n++
			}
		}
		return n
	}
	if n := countMail("gợi ý"); n != 0 {
		t.Fatalf("%d suggestion e-mails before the day is over", n)
	}
	if n, err := h.App.Notify.SendDigests(ctx); err != nil || n != 0 {
		t.Fatalf("digests sent the same day: %d %v", n, err)
	}
	h.Clock.Set(func() time.Time { return day.Add(12 * time.Hour) }) // 04:00 the next day in Vietnam
	if n, err := h.App.Notify.SendDigests(ctx); err != nil || n != 1 {
		t.Fatalf("digests sent the next day: %d %v", n, err)
	}
	if n, _ := h.App.Notify.SendDigests(ctx); n != 0 {
		t.Fatalf("a digest sent twice: %d", n)
	}
	if n := countMail("3 gợi ý kết nối mới"); n != 1 {
		t.Fatalf("%d digest e-mails, want 1", n)
	}
	box.mu.Lock()
	var body string
	for _, m := range box.msgs {
		if s, b := message(t, m); strings.Contains(s, "gợi ý") {
			body = b
		}
	}
	box.mu.Unlock()
	for _, want := range []string{"Máy sấy chè", "Quy trình ủ phân", "Giống quýt", "http://techmart.test/listings/"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest e-mail lacks %q:\n%s", want, body)
		}
	}
	// A new day's suggestion starts a new digest.
	h.App.Notify.ToUsers(ctx, []string{uid}, notify.Note{Kind: notify.KindMatch, Params: map[string]string{"listing": "A", "match": "B"}, Link: "/listings/x"})
	ent = h.Demo("enterprise") // the clock moved past the first token
	page = h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access}).JSON(t)
	if n := len(page["items"].([]any)); n != 4 {
		t.Fatalf("items after a second day: %d", n)
	}
}
