package httpapi_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/files"
)

// uploadCertificate posts data as an organisation's certificate scan.
func uploadCertificate(t *testing.T, h *apptest.Harness, tok, orgID, name string, data []byte) apptest.Response {
	t.Helper()
	return postFile(t, h, tok, "/api/v1/organizations/"+orgID+"/certificate", name, data, nil)
}

// An owner uploads the scan of the registration certificate; the
// organisation shows it; an officer downloads it, a member of another
// organisation cannot; a second upload replaces the first (whose file is
// gone); removing it deletes the file; what is not a PDF or an image, or is
// too large, is refused with a problem.
func TestOrganizationCertificate(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	orgID, owner := h.Register("giaychungnhan@example.vn", "Công ty TNHH Chứng Nhận", "enterprise")
	_, other := h.Register("khac@example.vn", "Công ty Khác", "enterprise")
	officer := h.Demo("officer")
	first := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	second := []byte("%PDF-1.4\n% second scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

	up := uploadCertificate(t, h, owner.Access, orgID, "giay-dkkd.pdf", first)
	if up.Status != 201 {
		t.Fatalf("upload: %d %s", up.Status, up.Body)
	}
	cert, _ := up.JSON(t)["evidence"].(map[string]any)["certificate"].(map[string]any)
	if cert == nil || cert["name"] != "giay-dkkd.pdf" || cert["size"] != float64(len(first)) || len(cert["id"].(string)) != 24 {
		t.Fatalf("the organisation does not show the certificate: %s", up.Body)
	}
	firstID := cert["id"].(string)
	got := h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + orgID, Token: officer.Access}).JSON(t)
	if c := got["evidence"].(map[string]any)["certificate"].(map[string]any); c["id"] != firstID {
		t.Fatalf("the officer's view: %v", got["evidence"])
	}
	if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + firstID, Token: officer.Access}); d.Status != 200 || !bytes.Equal(d.Body, first) {
		t.Fatalf("the officer's download: %d %q", d.Status, d.Body)
	}
	if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + firstID, Token: owner.Access}); d.Status != 200 {
		t.Fatalf("the owner's download: %d", d.Status)
	}
	for _, tok := range []string{other.Access, h.Demo("institute").Access, ""} {
		if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + firstID, Token: tok}); d.Status != 404 {
			t.Fatalf("a stranger's download: %d %s", d.Status, d.Body)
		}
	}
	if r := uploadCertificate(t, h, other.Access, orgID, "gia.pdf", first); r.Status != 403 {
		t.Fatalf("a stranger's upload: %d %s", r.Status, r.Body)
	}
	if r := uploadCertificate(t, h, officer.Access, orgID, "gia.pdf", first); r.Status != 403 {
		t.Fatalf("an officer's upload: %d %s", r.Status, r.Body)
	}

	// Editing the other evidence keeps the certificate, whatever is sent.
	ed := h.Do(R{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: owner.Access, Body: map[string]any{
		"name": "Công ty TNHH Chứng Nhận", "kind": "enterprise",
		"evidence": map[string]any{"phone": "0208 3856 789", "certificate": map[string]any{"id": "000000000000000000000000", "name": "x.pdf", "size": 1}},
	}})
	if ed.Status != 200 || ed.JSON(t)["evidence"].(map[string]any)["certificate"].(map[string]any)["id"] != firstID {
		t.Fatalf("editing the evidence: %d %s", ed.Status, ed.Body)
	}

	up2 := uploadCertificate(t, h, owner.Access, orgID, "giay-dkkd-2.pdf", second)
	if up2.Status != 201 {
		t.Fatalf("second upload: %d %s", up2.Status, up2.Body)
	}
	secondID := up2.JSON(t)["evidence"].(map[string]any)["certificate"].(map[string]any)["id"].(string)
	if secondID == firstID {
		t.Fatal("the second upload kept the first file")
	}
	if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + firstID, Token: officer.Access}); d.Status != 404 {
		t.Fatalf("the replaced file is still served: %d", d.Status)
	}
	if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + secondID, Token: officer.Access}); d.Status != 200 || !bytes.Equal(d.Body, second) {
		t.Fatalf("the new file: %d", d.Status)
	}

	// Bad uploads change nothing.
	if r := uploadCertificate(t, h, owner.Access, orgID, "virus.pdf", []byte("MZ\x90\x00 not a pdf")); r.Status != 422 ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("a non-file: %d %s", r.Status, r.Body)
	}
	big := append([]byte("%PDF-1.4\n"), make([]byte, files.MaxDocument)...)
	if r := uploadCertificate(t, h, owner.Access, orgID, "big.pdf", big); r.Status != 413 ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("an oversize file: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/certificate", Token: owner.Access, Body: map[string]any{}}); r.Status != 422 {
		t.Fatalf("no file: %d %s", r.Status, r.Body)
	}
	// A stale version is refused before anything is stored.
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + orgID + "/certificate", Token: owner.Access,
		Headers: map[string]string{"If-Match": `"1"`}}); r.Status != 412 {
		t.Fatalf("a stale delete: %d %s", r.Status, r.Body)
	}

	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + orgID + "/certificate", Token: other.Access}); r.Status != 403 {
		t.Fatalf("a stranger's delete: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + orgID + "/certificate", Token: owner.Access}); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	if d := h.Do(R{Method: "GET", Path: "/api/v1/files/" + secondID, Token: officer.Access}); d.Status != 404 {
		t.Fatalf("the removed file is still served: %d", d.Status)
	}
	got = h.Do(R{Method: "GET", Path: "/api/v1/organizations/" + orgID, Token: owner.Access}).JSON(t)
	if _, ok := got["evidence"].(map[string]any)["certificate"]; ok {
		t.Fatalf("the certificate is still shown: %v", got["evidence"])
	}
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/organizations/" + orgID + "/certificate", Token: owner.Access}); r.Status != 404 {
		t.Fatalf("delete again: %d %s", r.Status, r.Body)
	}

	// Each change is in the audit log.
	log := h.Do(R{Method: "GET", Path: "/api/v1/audit?subject=" + orgID, Token: officer.Access})
	if log.Status != 200 || strings.Count(string(log.Body), `"certificate"`) < 3 {
		t.Fatalf("audit: %d %s", log.Status, log.Body)
	}
}
