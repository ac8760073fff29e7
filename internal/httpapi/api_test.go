package httpapi_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/store"
)

type (
	R             = apptest.Request
	apptestConfig = config.Config
)

// demoOrg ids from seeds/demo.json.
const (
	enterpriseOrg = "64656d6f0000000000000003" // owned by enterprise@demo
	instituteOrg  = "64656d6f0000000000000002" // owned by institute@demo
	pendingOrg    = "64656d6f0000000000000008" // waits in the queue
)

func problemCode(t *testing.T, r apptest.Response) string {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q, want problem+json; body %s", ct, r.Body)
	}
	code, _ := r.JSON(t)["code"].(string)
	return code
}

func fieldCodes(t *testing.T, r apptest.Response) map[string]string {
	t.Helper()
	out := map[string]string{}
	list, _ := r.JSON(t)["errors"].([]any)
	for _, e := range list {
		m := e.(map[string]any)
		out[m["field"].(string)] = m["code"].(string)
	}
	return out
}

// The journey of the issue: register an enterprise → the officer verifies
// it → the owner sees it verified; every step in the audit log.
func TestRegisterVerifyJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	orgID, owner := h.Register("chu.hop.tac.xa@example.vn", "Hợp tác xã Quýt Quang Thuận", "enterprise")

	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: owner.Access})
	if me.Status != 200 {
		t.Fatalf("me: %d %s", me.Status, me.Body)
	}
	orgs := me.JSON(t)["organizations"].([]any)
	if len(orgs) != 1 || orgs[0].(map[string]any)["status"] != "pending" || orgs[0].(map[string]any)["role"] != "owner" {
		t.Fatalf("me organisations = %v, want one pending, owned", orgs)
	}

	officer := h.Demo("officer")
	queue := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=pending&pageSize=100", Token: officer.Access}).JSON(t)
	found := false
	for _, it := range queue["items"].([]any) {
		if it.(map[string]any)["id"] == orgID {
			found = true
		}
	}
	if !found {
		t.Fatalf("registered organisation not in the pending queue: %v", queue)
	}

	// A stale If-Match is refused and changes nothing.
	stale := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/verify", Token: officer.Access, Headers: map[string]string{"If-Match": `"99"`}})
	if stale.Status != http.StatusPreconditionFailed || problemCode(t, stale) != "version_mismatch" {
		t.Fatalf("stale verify: %d %s", stale.Status, stale.Body)
	}
	v := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/verify", Token: officer.Access, Headers: map[string]string{"If-Match": `"1"`}})
	if v.Status != 200 || v.JSON(t)["status"] != "verified" || v.Header.Get("ETag") != `"2"` {
		t.Fatalf("verify: %d %s (ETag %s)", v.Status, v.Body, v.Header.Get("ETag"))
	}
	again := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/verify", Token: officer.Access})
	if again.Status != http.StatusConflict || problemCode(t, again) != "invalid_transition" {
		t.Fatalf("verify twice: %d %s", again.Status, again.Body)
	}

	me = h.Do(R{Method: "GET", Path: "/api/v1/me", Token: owner.Access})
	if st := me.JSON(t)["organizations"].([]any)[0].(map[string]any)["status"]; st != "verified" {
		t.Fatalf("owner sees %v, want verified", st)
	}

	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + orgID, Token: officer.Access}).JSON(t)
	actions := []string{}
	for _, it := range log["items"].([]any) {
		e := it.(map[string]any)
		actions = append(actions, e["action"].(string))
		if e["action"] == "org.verify" && e["actor"].(map[string]any)["email"] != "officer@demo.techmart.vn" {
			t.Fatalf("verify entry names actor %v", e["actor"])
		}
	}
	if strings.Join(actions, ",") != "org.verify,org.create" {
		t.Fatalf("audit actions for the organisation = %v, want [org.verify org.create]", actions)
	}
	byActor := h.Do(R{Method: "GET", Path: "/api/v1/audit?actor=officer@demo.techmart.vn&action=org.verify", Token: officer.Access}).JSON(t)
	if byActor["total"].(float64) != 1 {
		t.Fatalf("audit by actor: %v", byActor)
	}
}

func TestRejectAndResubmit(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	orgID, owner := h.Register("giam.doc@example.vn", "Công ty TNHH Hồng không hạt", "enterprise")
	officer := h.Demo("officer")

	short := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/reject", Token: officer.Access, Body: map[string]string{"reason": "no"}})
	if short.Status != 422 || fieldCodes(t, short)["reason"] != "too_short" {
		t.Fatalf("short reason: %d %s", short.Status, short.Body)
	}
	rej := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/reject", Token: officer.Access,
		Body: map[string]string{"reason": "Thiếu giấy chứng nhận đăng ký doanh nghiệp"}})
	if rej.Status != 200 || rej.JSON(t)["rejectReason"] != "Thiếu giấy chứng nhận đăng ký doanh nghiệp" {
		t.Fatalf("reject: %d %s", rej.Status, rej.Body)
	}
	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: owner.Access}).JSON(t)
	o := me["organizations"].([]any)[0].(map[string]any)
	if o["status"] != "rejected" || o["rejectReason"] == "" {
		t.Fatalf("owner sees %v", o)
	}
	// The owner corrects the details: back to the queue.
	upd := h.Do(R{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: owner.Access,
		Body: map[string]string{"name": "Công ty TNHH Hồng không hạt Bắc Kạn", "kind": "enterprise"}})
	if upd.Status != 200 || upd.JSON(t)["status"] != "pending" {
		t.Fatalf("resubmit: %d %s", upd.Status, upd.Body)
	}
	if v := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/verify", Token: officer.Access}); v.Status != 200 {
		t.Fatalf("verify after resubmission: %d %s", v.Status, v.Body)
	}
	locked := h.Do(R{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: owner.Access,
		Body: map[string]string{"name": "Tên khác", "kind": "enterprise"}})
	if locked.Status != 409 || problemCode(t, locked) != "verified_locked" {
		t.Fatalf("edit after verification: %d %s", locked.Status, locked.Body)
	}
}

func TestRegistrationValidation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	cases := []struct {
		name   string
		body   any
		status int
		fields map[string]string
	}{
		{"everything missing", map[string]any{}, 422, map[string]string{
			"email": "required", "password": "required", "fullName": "required", "organization": "required"}},
		{"bad email, short password, unknown kind", map[string]any{
			"email": "not-an-email", "password": "short", "fullName": "An",
			"organization": map[string]string{"name": "Viện X", "kind": "bank"}}, 422,
			map[string]string{"email": "invalid_email", "password": "too_short", "organization.kind": "invalid_choice"}},
		{"script tag in names", map[string]any{
			"email": "a@example.vn", "password": "correct horse battery", "fullName": "<script>alert(1)</script>",
			"organization": map[string]string{"name": "<img src=x onerror=alert(1)>", "kind": "enterprise"}}, 422,
			map[string]string{"fullName": "invalid_characters", "organization.name": "invalid_characters"}},
		{"password is the e-mail", map[string]any{
			"email": "nguyenvana@example.vn", "password": "nguyenvana@example.vn", "fullName": "Nguyễn Văn A",
			"organization": map[string]string{"name": "Công ty A", "kind": "enterprise"}}, 422,
			map[string]string{"password": "password_has_email"}},
		{"common password", map[string]any{
			"email": "b@example.vn", "password": "matkhau123", "fullName": "Nguyễn Văn B",
			"organization": map[string]string{"name": "Công ty B", "kind": "enterprise"}}, 422,
			map[string]string{"password": "common_password"}},
		{"a password in the common list, written twice", map[string]any{
			"email": "b2@example.vn", "password": "passwordpassword", "fullName": "Nguyễn Văn B",
			"organization": map[string]string{"name": "Công ty B2", "kind": "enterprise"}}, 422,
			map[string]string{"password": "weak_password"}},
		{"a run of the alphabet", map[string]any{
			"email": "b3@example.vn", "password": "abcdefghij", "fullName": "Nguyễn Văn B",
			"organization": map[string]string{"name": "Công ty B3", "kind": "enterprise"}}, 422,
			map[string]string{"password": "weak_password"}},
		{"the person's name", map[string]any{
			"email": "b4@example.vn", "password": "Trần Văn Bình 1990", "fullName": "Trần Văn Bình",
			"organization": map[string]string{"name": "Công ty B4", "kind": "enterprise"}}, 422,
			map[string]string{"password": "password_has_name"}},
		{"invisible characters in names", map[string]any{
			"email": "b5@example.vn", "password": "correct horse battery", "fullName": "Nguyễn Văn\u200b B",
			"organization": map[string]string{"name": "Sở KH&CN \u202egnp.exe\u200b", "kind": "enterprise"}}, 422,
			map[string]string{"fullName": "invisible_characters", "organization.name": "invisible_characters"}},
		{"department cannot self-register", map[string]any{
			"email": "c@example.vn", "password": "correct horse battery", "fullName": "Nguyễn Văn C",
			"organization": map[string]string{"name": "Sở giả", "kind": "department"}}, 422,
			map[string]string{"organization.kind": "invalid_choice"}},
		{"wrong type", map[string]any{"email": 12, "password": true}, 422, map[string]string{"email": "invalid_type"}},
		{"unknown field", map[string]any{"email": "d@example.vn", "isAdmin": true}, 422, map[string]string{"isAdmin": "unknown_field"}},
		{"roles cannot be self-assigned", map[string]any{"email": "d@example.vn", "roles": []string{"admin"}}, 422, map[string]string{"roles": "unknown_field"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Body: tc.body, Headers: map[string]string{"Accept-Language": "en"}})
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			got := fieldCodes(t, r)
			for f, code := range tc.fields {
				if got[f] != code {
					t.Errorf("field %s: %q, want %q (all: %v)", f, got[f], code, got)
				}
			}
			for _, e := range r.JSON(t)["errors"].([]any) {
				if msg := e.(map[string]any)["message"].(string); msg == "" || msg == e.(map[string]any)["code"] {
					t.Errorf("field error without an English message: %v", e)
				}
			}
		})
	}
}

// Bad and hostile bodies get a clear 4xx problem, never a 500.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	officer := h.Demo("officer")
	huge := `{"email":"` + strings.Repeat("a", 16<<20) + `"}` // past even the upload limit
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		code   string
	}{
		{"malformed", "/api/v1/auth/login", `{"email": "x"`, 400, "malformed_json"},
		{"not an object", "/api/v1/auth/login", `[1,2,3]`, 422, "validation_failed"},
		{"empty", "/api/v1/auth/login", ``, 400, "malformed_json"},
		{"trailing garbage", "/api/v1/auth/login", `{"email":"a@b.vn","password":"x"} {"again":1}`, 400, "malformed_json"},
		{"null", "/api/v1/auth/register", `null`, 422, "validation_failed"},
		{"wrong nested type", "/api/v1/auth/register", `{"organization":"Viện"}`, 422, "validation_failed"},
		{"deep nesting", "/api/v1/auth/register", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), 400, "malformed_json"},
		{"invalid UTF-8", "/api/v1/auth/login", []byte("{\"email\":\"\xff\xfe\",\"password\":\"x\"}"), 401, "invalid_credentials"},
		{"reject without body", "/api/v1/organizations/" + pendingOrg + "/reject", ``, 400, "malformed_json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.Do(R{Method: "POST", Path: tc.path, Body: tc.body, Token: officer.Access})
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", r.Status, tc.status, r.Body)
			}
			if got := problemCode(t, r); got != tc.code {
				t.Fatalf("code %q, want %q", got, tc.code)
			}
		})
	}
	t.Run("oversized", func(t *testing.T) {
		// The server answers as soon as it reads the Content-Length, before
		// the body; a raw connection reads that answer without racing the
		// upload.
		base := h.Listen(t)
		conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(huge), huge[:1024])
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&p)
		if resp.StatusCode != 413 || p["code"] != "body_too_large" {
			t.Fatalf("%d %v", resp.StatusCode, p)
		}
	})
	t.Run("compressed body", func(t *testing.T) {
		// 1 KiB of gzip inflates to 64 MiB: refused unread, not inflated.
		var bomb bytes.Buffer
		zw := gzip.NewWriter(&bomb)
		_, _ = zw.Write([]byte(`{"email":"`))
		_, _ = zw.Write(bytes.Repeat([]byte("a"), 64<<20))
		_ = zw.Close()
		for _, enc := range []string{"gzip", "deflate", "br", "x-unknown"} {
			r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: bomb.Bytes(), Headers: map[string]string{"Content-Encoding": enc}})
			if r.Status != 415 || problemCode(t, r) != "unsupported_encoding" {
				t.Fatalf("%s: %d %.200s", enc, r.Status, r.Body)
			}
		}
		r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": "a@b.vn", "password": "x"}, Headers: map[string]string{"Content-Encoding": "identity"}})
		if r.Status != 401 {
			t.Fatalf("identity encoding: %d %s", r.Status, r.Body)
		}
	})
	t.Run("JSON over its limit", func(t *testing.T) {
		r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: `{"email":"` + strings.Repeat("a", 2<<20) + `"}`})
		if r.Status != 413 || problemCode(t, r) != "body_too_large" {
			t.Fatalf("%d %.200s", r.Status, r.Body)
		}
	})
	t.Run("bad query parameters", func(t *testing.T) {
		for _, q := range []string{"page=0", "page=abc", "pageSize=1000", "status=unknown"} {
			r := h.Do(R{Method: "GET", Path: "/api/v1/organizations?" + q, Token: officer.Access})
			if r.Status != 422 {
				t.Errorf("%s: %d %s", q, r.Status, r.Body)
			}
		}
	})
	t.Run("query that is not UTF-8", func(t *testing.T) {
		r := h.Do(R{Method: "GET", Path: "/api/v1/users?q=%ff%fe", Token: h.Demo("admin").Access})
		if r.Status != 422 || fieldCodes(t, r)["q"] != "invalid_utf8" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	})
	t.Run("bad If-Match", func(t *testing.T) {
		r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + pendingOrg + "/verify", Token: officer.Access, Headers: map[string]string{"If-Match": "banana"}})
		if r.Status != 422 || fieldCodes(t, r)["If-Match"] != "invalid_number" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	})
}

// Two people registering the same address at once: exactly one wins, and
// every one gets the same answer.
func TestConcurrentRegistrationOfOneEmail(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	var wg sync.WaitGroup
	statuses := make([]int, 10)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
				"email": "same@example.vn", "password": "correct horse battery", "fullName": "Người " + fmt.Sprint(i),
				"organization": map[string]string{"name": fmt.Sprintf("Đăng ký đồng thời %d", i), "kind": "enterprise"},
			}}).Status
		}()
	}
	wg.Wait()
	for i, st := range statuses {
		if st != 202 {
			t.Fatalf("sign-up %d answered %d; every one must get the same 202 (statuses %v)", i, st, statuses)
		}
	}
	// The winner can log in and owns exactly one organisation; the losers
	// left none behind.
	tok := h.Login("same@example.vn", "correct horse battery")
	if orgs := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["organizations"].([]any); len(orgs) != 1 {
		t.Fatalf("the winner's organisations: %v", orgs)
	}
	queue := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=pending&pageSize=100", Token: h.Demo("officer").Access}).JSON(t)
	n := 0
	for _, it := range queue["items"].([]any) {
		if strings.HasPrefix(it.(map[string]any)["name"].(string), "Đăng ký đồng thời ") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d organisations from the ten sign-ups wait for verification, want 1", n)
	}
}

func TestLanguageOfProblems(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptestConfig) { c.Demo = false })
	for lang, want := range map[string]string{"": "Email hoặc mật khẩu không đúng.", "vi-VN": "Email hoặc mật khẩu không đúng.", "en-GB,en;q=0.9": "Wrong e-mail or password."} {
		r := h.Do(R{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": "x@example.vn", "password": "y"}, Headers: map[string]string{"Accept-Language": lang}})
		if got := r.JSON(t)["title"]; got != want {
			t.Errorf("Accept-Language %q: title %q, want %q", lang, got, want)
		}
	}
}

// An officer who belongs to an organisation cannot verify or reject it.
func TestOfficerCannotDecideOwnOrganization(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	orgID, tok := h.Register("can.bo@example.vn", "Công ty của cán bộ", "enterprise")
	me := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)
	uid := me["user"].(map[string]any)["id"].(string)
	if r := h.Do(R{Method: "PUT", Path: "/api/v1/users/" + uid + "/roles", Token: h.Demo("admin").Access, Body: map[string][]string{"roles": {"officer"}}}); r.Status != 200 {
		t.Fatalf("promote: %d %s", r.Status, r.Body)
	}
	for _, action := range []string{"verify", "reject"} {
		r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/" + action, Token: tok.Access, Body: map[string]string{"reason": "Tự quyết định cho mình"}})
		if r.Status != 403 || problemCode(t, r) != "own_organization" {
			t.Fatalf("%s own organisation: %d %s", action, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/verify", Token: h.Demo("officer").Access}); r.Status != 200 {
		t.Fatalf("another officer verifies: %d %s", r.Status, r.Body)
	}
}

// A crash between writing an organisation and linking its member leaves the
// member without it; the start-up reconciler puts the link back.
func TestReconcileRelinksMembers(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	orgID, tok := h.Register("mat.lien.ket@example.vn", "Công ty mất liên kết", "enterprise")
	ctx := context.Background()
	uid := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	if _, err := store.Modify(ctx, h.App.Store, "users", uid, 0, func(u *auth.User) error { u.Orgs = nil; return nil }); err != nil {
		t.Fatal(err)
	}
	if orgs := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["organizations"].([]any); len(orgs) != 0 {
		t.Fatalf("the simulated crash left the link: %v", orgs)
	}
	if err := h.App.Orgs.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	orgs := h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["organizations"].([]any)
	if len(orgs) != 1 || orgs[0].(map[string]any)["id"] != orgID {
		t.Fatalf("after reconciling: %v", orgs)
	}
}
