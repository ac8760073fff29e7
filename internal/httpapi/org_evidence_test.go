package httpapi_test

import (
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func registerWithEvidence(h *apptest.Harness, email, name string, evidence map[string]string) apptest.Response {
	return h.Do(R{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": email, "password": "correct horse battery", "fullName": "Hoàng Văn Minh",
		"organization": map[string]any{"name": name, "kind": "enterprise", "evidence": evidence},
	}})
}

// An enterprise registers with its evidence; a wrong check digit is
// refused on the field; the officer's queue shows the evidence, what is
// missing and the organisations sharing a tax code; the organisation's page
// says the officer may verify, and verifying there works.
func TestOrganizationEvidence(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	good := map[string]string{
		"taxCode": "4600123459", "registrationNumber": "4600123459", "registrationDate": "2019-03-15",
		"commune": "phuong_phan_dinh_phung", "street": "Số 12 đường Hoàng Văn Thụ", "phone": "0208 3856 789",
		"website": "htxchetancuong.vn", "legalRepresentative": "Hoàng Văn Minh",
	}
	bad := map[string]string{"taxCode": "4600123458", "phone": "12", "website": "javascript:alert(1)", "commune": "hanoi", "registrationDate": "15/03/2019"}
	r := registerWithEvidence(h, "sai.mst@example.vn", "Công ty TNHH Sai Mã Số", bad)
	if r.Status != 422 {
		t.Fatalf("bad evidence: %d %s", r.Status, r.Body)
	}
	fields := map[string]string{}
	for _, f := range r.JSON(t)["errors"].([]any) {
		m := f.(map[string]any)
		fields[m["field"].(string)] = m["code"].(string)
	}
	for field, code := range map[string]string{
		"organization.evidence.taxCode": "tax_code_check_digit", "organization.evidence.phone": "invalid_phone",
		"organization.evidence.website": "invalid_url", "organization.evidence.commune": "invalid_choice",
		"organization.evidence.registrationDate": "invalid_date",
	} {
		if fields[field] != code {
			t.Errorf("%s: %q, want %q (all: %v)", field, fields[field], code, fields)
		}
	}
	if !strings.Contains(string(r.Body), "chữ số kiểm tra") {
		t.Errorf("the check-digit message is not in Vietnamese: %s", r.Body)
	}

	if r := registerWithEvidence(h, "chetancuong@example.vn", "HTX Chè Tân Cương", good); r.Status != 202 {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	// A second organisation with the same tax code (written as a branch would
	// not be the same code) is accepted but flagged.
	if r := registerWithEvidence(h, "trung.mst@example.vn", "Công ty Trùng Mã Số Thuế", map[string]string{"taxCode": "46001234 59"}); r.Status != 202 {
		t.Fatalf("register the duplicate: %d %s", r.Status, r.Body)
	}
	officer := h.Demo("officer")
	q := h.Do(R{Method: "GET", Path: "/api/v1/organizations?status=pending&pageSize=100", Token: officer.Access}).JSON(t)
	byName := map[string]map[string]any{}
	for _, it := range q["items"].([]any) {
		m := it.(map[string]any)
		byName[m["name"].(string)] = m
	}
	first, second := byName["HTX Chè Tân Cương"], byName["Công ty Trùng Mã Số Thuế"]
	if first == nil || second == nil {
		t.Fatalf("queue: %v", q)
	}
	ev := first["evidence"].(map[string]any)
	if ev["taxCode"] != "4600123459" || ev["website"] != "https://htxchetancuong.vn" || ev["legalRepresentative"] != "Hoàng Văn Minh" {
		t.Fatalf("evidence in the queue: %v", ev)
	}
	if m := first["missing"].([]any); len(m) != 0 {
		t.Fatalf("complete evidence reported missing %v", m)
	}
	shared, _ := first["taxCodeSharedWith"].([]any)
	if len(shared) != 1 || shared[0].(map[string]any)["name"] != "Công ty Trùng Mã Số Thuế" {
		t.Fatalf("the shared tax code is not flagged: %v", first["taxCodeSharedWith"])
	}
	if m := second["missing"].([]any); len(m) < 5 {
		t.Fatalf("missing evidence of the second: %v", m)
	}
	if first["can"] != nil {
		t.Fatalf("the queue offers actions: %v", first["can"])
	}

	// The organisation's page: the owner may edit, the officer may verify.
	id := first["id"].(string)
	owner := h.Login("chetancuong@example.vn", "correct horse battery")
	page := h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + id, Token: owner.Access}).JSON(t)
	if can := page["can"].(map[string]any); can["edit"] != true || can["verify"] != false || page["taxCodeSharedWith"] != nil {
		t.Fatalf("owner's page: can %v, shared %v", page["can"], page["taxCodeSharedWith"])
	}
	page = h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + id, Token: officer.Access}).JSON(t)
	if can := page["can"].(map[string]any); can["verify"] != true || can["reject"] != true || can["edit"] != false {
		t.Fatalf("officer's page: can %v", page["can"])
	}
	// The owner corrects the phone; the audit log names the field.
	good["phone"] = "+84 208 3856 790"
	r = h.Do(R{Method: "PATCH", Path: "/api/v1/organizations/" + id, Token: owner.Access,
		Body: map[string]any{"name": "HTX Chè Tân Cương", "kind": "enterprise", "evidence": good}})
	if r.Status != 200 || r.JSON(t)["evidence"].(map[string]any)["phone"] != "+84 208 3856 790" {
		t.Fatalf("update evidence: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + id + "/verify", Token: officer.Access})
	if r.Status != 200 {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	if v := r.JSON(t); v["status"] != "verified" || v["can"].(map[string]any)["verify"] != false {
		t.Fatalf("after verifying: %v", v)
	}
	a := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + id, Token: officer.Access})
	if !strings.Contains(string(a.Body), `"phone":{"from":"0208 3856 789","to":"+84 208 3856 790"}`) {
		t.Fatalf("the evidence change is not audited: %s", a.Body)
	}
}
