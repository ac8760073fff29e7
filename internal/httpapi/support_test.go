package httpapi_test

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// TestProgramLifecycle: an officer drafts a programme, cannot publish it
// incomplete, completes and publishes it; the public then sees it and its
// budget, and the budget cannot fall below what is committed.
func TestProgramLifecycle(t *testing.T) {
	h := apptest.New(t)
	officer, ent := h.Demo("officer"), h.Demo("enterprise")
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: map[string]any{"name": "Hỗ trợ đổi mới công nghệ 2027"}})
	if r.Status != 201 || r.JSON(t)["state"] != "draft" {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/programs"}).JSON(t); l["total"].(float64) != 0 {
		t.Fatalf("a draft is public: %v", l)
	}

	// Incomplete: every missing part is named.
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access})
	if r.Status != 422 {
		t.Fatalf("publish incomplete: %d %s", r.Status, r.Body)
	}
	missing := map[string]bool{}
	for _, e := range r.JSON(t)["errors"].([]any) {
		missing[e.(map[string]any)["field"].(string)] = true
	}
	for _, f := range []string{"legalBasis.number", "window.opensOn", "budget", "capPerApplication", "maxSharePercent", "documents", "criteria", "passMark", "reviewersPerApplication"} {
		if !missing[f] {
			t.Errorf("publish did not name %s: %s", f, r.Body)
		}
	}

	// Bad values are refused field by field.
	bad := programBody()
	bad["window"] = map[string]string{"opensOn": "2027-03-31", "closesOn": "2027-01-01"}
	bad["budget"] = -5
	bad["maxSharePercent"] = 120
	bad["eligibility"] = map[string]any{"orgKinds": []string{"department"}}
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: bad})
	if r.Status != 422 {
		t.Fatalf("bad values: %d %s", r.Status, r.Body)
	}
	codes := map[string]string{}
	for _, e := range r.JSON(t)["errors"].([]any) {
		e := e.(map[string]any)
		codes[e["field"].(string)] = e["code"].(string)
	}
	for f, c := range map[string]string{"window.closesOn": "before_opening", "budget": "out_of_range", "maxSharePercent": "out_of_range", "eligibility.orgKinds": "invalid_choice"} {
		if codes[f] != c {
			t.Errorf("%s: %q, want %q (%v)", f, codes[f], c, codes)
		}
	}

	// Weights must add up to 100 before publishing.
	body := programBody()
	body["criteria"] = []map[string]any{{"name": "Tính mới", "weight": 40}, {"name": "Hiệu quả", "weight": 40}}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: body}); r.Status != 200 {
		t.Fatalf("complete: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 422 || !strings.Contains(string(r.Body), "weights_not_100") {
		t.Fatalf("weights 80: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: programBody()}); r.Status != 200 {
		t.Fatalf("fix weights: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 200 || r.JSON(t)["state"] != "published" {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + id + "/publish", Token: officer.Access}); r.Status != 409 {
		t.Fatalf("publish twice: %d", r.Status)
	}

	// The public sees it, with its budget.
	l := h.Do(R{Method: "GET", Path: "/api/v1/support/programs", Token: ent.Access}).JSON(t)
	if l["total"].(float64) != 1 {
		t.Fatalf("public list: %v", l)
	}
	b := h.Do(R{Method: "GET", Path: "/api/v1/support/programs/" + id + "/budget"}).JSON(t)
	if b["total"].(float64) != 2_000_000_000 || b["committed"].(float64) != 0 || b["remaining"].(float64) != 2_000_000_000 {
		t.Fatalf("budget: %v", b)
	}
	// Once published, it stays complete.
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/programs/" + id, Token: officer.Access, Body: map[string]any{"capPerApplication": 3_000_000_000}}); r.Status != 422 || !strings.Contains(string(r.Body), "above_budget") {
		t.Fatalf("cap above budget: %d %s", r.Status, r.Body)
	}
	audit := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access}).JSON(t)
	if audit["total"].(float64) < 3 {
		t.Fatalf("audit: %v", audit)
	}
}

// TestApplicationSubmission: an enterprise drafts a dossier and cannot
// submit it until it is complete, within the programme's cap and share,
// adds up, and carries every required document; then it is submitted,
// frozen, and can be withdrawn. Outsiders never see it.
func TestApplicationSubmission(t *testing.T) {
	h := apptest.New(t)
	officer, ent, inst := h.Demo("officer"), h.Demo("enterprise"), h.Demo("institute")
	r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs", Token: officer.Access, Body: programBody()})
	prog := r.JSON(t)["id"].(string)
	docs := r.JSON(t)["documents"].([]any)
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/programs/" + prog + "/publish", Token: officer.Access}); r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{"programId": prog, "title": "Đổi mới dây chuyền bảo quản quýt"}})
	if r.Status != 201 {
		t.Fatalf("draft: %d %s", r.Status, r.Body)
	}
	id := r.JSON(t)["id"].(string)
	submit := func() apptest.Response {
		return h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/submit", Token: ent.Access})
	}
	fields := func(r apptest.Response) map[string]string {
		out := map[string]string{}
		if r.Status != 422 {
			t.Fatalf("want 422: %d %s", r.Status, r.Body)
		}
		for _, e := range r.JSON(t)["errors"].([]any) {
			e := e.(map[string]any)
			out[e["field"].(string)] = e["code"].(string)
		}
		return out
	}
	got := fields(submit())
	for _, f := range []string{"summary", "technology", "totalCost", "requested", "startOn", "endOn", "expectedResults"} {
		if got[f] != "required" {
			t.Errorf("%s: %q (%v)", f, got[f], got)
		}
	}
	for _, d := range docs {
		if code := d.(map[string]any)["code"].(string); got["documents."+code] != "required" {
			t.Errorf("document %s not asked for: %v", code, got)
		}
	}

	patch := func(body map[string]any) {
		t.Helper()
		if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/applications/" + id, Token: ent.Access, Body: body}); r.Status != 200 {
			t.Fatalf("patch %v: %d %s", body, r.Status, r.Body)
		}
	}
	patch(map[string]any{"summary": "Nhận chuyển giao công nghệ màng bao chitosan và kho mát cho 380 tấn quýt mỗi vụ.",
		"technology": map[string]string{"description": "Màng bao chitosan kết hợp kho mát 6–8 °C."}, "startOn": "2027-02-01", "endOn": "2027-12-31",
		"expectedResults": "Giảm hao hụt từ 25% xuống dưới 8%.", "totalCost": 2_000_000_000, "requested": 400_000_000, "ownContribution": 1_600_000_000})
	got = fields(submit())
	if got["requested"] != "above_cap" { // cap 300 million
		t.Errorf("cap: %v", got)
	}
	patch(map[string]any{"requested": 300_000_000, "ownContribution": 600_000_000, "totalCost": 800_000_000})
	got = fields(submit())
	if got["requested"] != "above_share" || got["ownContribution"] != "does_not_add_up" { // 30 % of 800 million is 240
		t.Errorf("share and sum: %v", got)
	}
	patch(map[string]any{"totalCost": 1_000_000_000, "requested": 300_000_000, "ownContribution": 700_000_000})
	for _, d := range docs {
		if up := uploadTo(t, h, ent.Access, "/api/v1/support/applications/"+id+"/files", d.(map[string]any)["code"].(string)); up.Status != 201 {
			t.Fatalf("upload: %d %s", up.Status, up.Body)
		}
	}
	if r := submit(); r.Status != 200 || r.JSON(t)["state"] != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "PATCH", Path: "/api/v1/support/applications/" + id, Token: ent.Access, Body: map[string]any{"requested": 1}}); r.Status != 409 {
		t.Fatalf("a submitted dossier changed: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/support/applications/" + id, Token: inst.Access}); r.Status != 404 {
		t.Fatalf("another organisation reads it: %d", r.Status)
	}
	if l := h.Do(R{Method: "GET", Path: "/api/v1/support/applications?scope=all", Token: officer.Access}).JSON(t); l["total"].(float64) != 1 {
		t.Fatalf("officer queue: %v", l)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + id + "/withdraw", Token: ent.Access}); r.Status != 200 || r.JSON(t)["state"] != "withdrawn" {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}

	// Outside the window nothing is submitted.
	r = h.Do(R{Method: "POST", Path: "/api/v1/support/applications", Token: ent.Access, Body: map[string]any{"programId": prog, "title": "Hồ sơ thứ hai của công ty"}})
	late := r.JSON(t)["id"].(string)
	h.App.Support.SetClock(func() time.Time { return time.Now().AddDate(0, 3, 0) })
	if r := h.Do(R{Method: "POST", Path: "/api/v1/support/applications/" + late + "/submit", Token: ent.Access}); r.Status != 409 || r.JSON(t)["code"] != "window_closed" {
		t.Fatalf("after the window: %d %s", r.Status, r.Body)
	}
}

// uploadTo posts a small PDF as multipart "file" with a checklist "code".
func uploadTo(t *testing.T, h *apptest.Harness, tok, path, code string) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("code", code)
	part, _ := w.CreateFormFile("file", code+".pdf")
	part.Write([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	w.Close()
	return h.Do(R{Method: "POST", Path: path, Token: tok, Body: body.Bytes(), Headers: map[string]string{"Content-Type": w.FormDataContentType()}})
}
