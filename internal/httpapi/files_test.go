package httpapi_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG is a valid PNG header claiming 100,000 × 100,000 pixels.
func bombPNG() []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 100000)
	binary.BigEndian.PutUint32(ihdr[4:], 100000)
	ihdr[8], ihdr[9] = 8, 2
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// smallPDF is the smallest document the file checks accept as a PDF.
var smallPDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// postFile posts data as the multipart field "file" named name to path,
// with the form fields given (a report's target, a checklist code).
func postFile(t *testing.T, h *apptest.Harness, tok, path, name string, data []byte, fields map[string]string) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	return h.Do(R{Method: "POST", Path: path, Token: tok, Body: body.Bytes(),
		Headers: map[string]string{"Content-Type": w.FormDataContentType()}})
}

func upload(t *testing.T, h *apptest.Harness, tok, listingID, name string, data []byte) apptest.Response {
	t.Helper()
	return postFile(t, h, tok, "/api/v1/listings/"+listingID+"/files", name, data, nil)
}

// TestUploadMemoryBudget: an image is refused from its header when decoding
// it would take more than the budget (the bomb: 301 KB of PNG that decodes
// to 317 MB), and a big image within the budget is stored with its
// thumbnail.
func TestUploadMemoryBudget(t *testing.T) {
	h := apptest.New(t)
	_, tok := h.Register("anh@example.vn", "Công ty Ảnh Lớn", "enterprise")
	id := createListing(t, h, tok, sturgeon())["id"].(string)

	bomb := memoryBomb(t)
	if len(bomb) > 400<<10 {
		t.Fatalf("the bomb is %d bytes, not a few hundred KB", len(bomb))
	}
	r := upload(t, h, tok.Access, id, "bom.png", bomb)
	if r.Status != 422 || fieldCodes(t, r)["file"] != "image_too_large" {
		t.Fatalf("bomb: %d %s", r.Status, r.Body)
	}
	if msg := r.JSON(t)["errors"].([]any)[0].(map[string]any)["message"].(string); !strings.Contains(msg, "6300×6300") || !strings.Contains(msg, "96 MiB") {
		t.Errorf("the refusal does not say what and how much: %q", msg)
	}

	big := upload(t, h, tok.Access, id, "anh-lon.png", flatPNG(t, 4000, 3000, 8, 6)) // 48 MB decoded
	if big.Status != 201 {
		t.Fatalf("a big image within the budget: %d %s", big.Status, big.Body)
	}
	f := big.JSON(t)
	if f["width"].(float64) != 4000 || f["height"].(float64) != 3000 {
		t.Fatalf("stored: %v", f)
	}
	thumb := h.Do(R{Method: "GET", Path: "/api/v1/files/" + f["id"].(string) + "/thumbnail", Token: tok.Access})
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(thumb.Body)); thumb.Status != 200 || err != nil || cfg.Width != 480 || cfg.Height != 360 {
		t.Fatalf("thumbnail: %d %v %v", thumb.Status, cfg, err)
	}
}

func TestUploads(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inst, officer := h.Demo("institute"), h.Demo("officer")
	id := createListing(t, h, inst, sturgeon())["id"].(string)

	img := upload(t, h, inst.Access, id, "../../ảnh bể nuôi.png", pngBytes(t, 1200, 800))
	if img.Status != 201 {
		t.Fatalf("png: %d %s", img.Status, img.Body)
	}
	f := img.JSON(t)
	if f["kind"] != "image" || f["contentType"] != "image/png" || f["width"].(float64) != 1200 || f["name"] != "ảnh bể nuôi.png" {
		t.Fatalf("stored image: %v", f)
	}
	pdf := upload(t, h, inst.Access, id, "quy-trinh.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	if pdf.Status != 201 || pdf.JSON(t)["kind"] != "document" {
		t.Fatalf("pdf: %d %s", pdf.Status, pdf.Body)
	}
	abuse := []struct {
		name   string
		data   []byte
		status int
		code   string
	}{
		{"program.jpg", append([]byte("\x7fELF\x02\x01\x01"), bytes.Repeat([]byte{0}, 512)...), 422, "unsupported_file_type"},
		{"page.pdf", []byte("<html><script>alert(1)</script></html>"), 422, "unsupported_file_type"},
		{"notes.txt", []byte("chỉ là văn bản"), 422, "unsupported_file_type"},
		{"broken.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 64)...), 422, "invalid_image"},
		{"bomb.png", bombPNG(), 422, "image_too_large"},
		{"huge.png", append(pngBytes(t, 10, 10), bytes.Repeat([]byte{0}, 6<<20)...), 413, "file_too_large"},
	}
	for _, a := range abuse {
		r := upload(t, h, inst.Access, id, a.name, a.data)
		if r.Status != a.status || (problemCode(t, r) != a.code && fieldCodes(t, r)["file"] != a.code) {
			t.Errorf("%s: %d %s", a.name, r.Status, r.Body)
		}
	}
	if r := upload(t, h, h.Demo("enterprise").Access, id, "x.png", pngBytes(t, 4, 4)); r.Status != 404 {
		t.Errorf("another organisation uploads: %d", r.Status)
	}

	l := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: inst.Access}).JSON(t)
	if len(l["images"].([]any)) != 1 || len(l["attachments"].([]any)) != 1 {
		t.Fatalf("listing files: %v %v (refused uploads must leave nothing)", l["images"], l["attachments"])
	}
	list := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id + "/files", Token: inst.Access}).JSON(t)
	if imgs := list["images"].([]any); len(imgs) != 1 || imgs[0].(map[string]any)["name"] != "ảnh bể nuôi.png" || list["attachments"].([]any)[0].(map[string]any)["size"].(float64) < 10 {
		t.Fatalf("file records: %v", list)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id + "/files"}); r.Status != 404 {
		t.Fatalf("a draft's file records are public: %d", r.Status)
	}
	fileURL := "/api/v1/files/" + f["id"].(string)
	if r := h.Do(R{Method: "GET", Path: fileURL}); r.Status != 404 {
		t.Fatalf("a draft's image is public: %d", r.Status)
	}
	own := h.Do(R{Method: "GET", Path: fileURL, Token: inst.Access})
	if own.Status != 200 || own.Header.Get("Content-Type") != "image/png" || own.Header.Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(own.Body, pngBytes(t, 1200, 800)) {
		t.Fatalf("owner reads the image: %d %v", own.Status, own.Header)
	}
	step(t, h, inst, id, "submit", nil)
	step(t, h, officer, id, "approve", nil)
	thumb := h.Do(R{Method: "GET", Path: fileURL + "/thumbnail"})
	if thumb.Status != 200 || thumb.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("public thumbnail: %d %v", thumb.Status, thumb.Header)
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(thumb.Body)); err != nil || cfg.Width != 480 || cfg.Height != 320 {
		t.Fatalf("thumbnail %v %v", cfg, err)
	}
	doc := h.Do(R{Method: "GET", Path: "/api/v1/files/" + pdf.JSON(t)["id"].(string)})
	if doc.Status != 200 || doc.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(doc.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("public pdf: %d %v", doc.Status, doc.Header)
	}
	// Adding a file to a published listing is an edit: back to moderation.
	if r := upload(t, h, inst.Access, id, "them.png", pngBytes(t, 8, 8)); r.Status != 201 {
		t.Fatalf("upload to a published listing: %d", r.Status)
	}
	if l := h.Do(R{Method: "GET", Path: "/api/v1/listings/" + id, Token: inst.Access}).JSON(t); l["state"] != "pending" {
		t.Fatalf("state after adding a file: %v", l["state"])
	}
	if r := upload(t, h, inst.Access, id, "luc-duyet.png", pngBytes(t, 8, 8)); r.Status != 409 {
		t.Fatalf("upload while under review: %d", r.Status)
	}
	step(t, h, officer, id, "approve", nil)
	if r := h.Do(R{Method: "DELETE", Path: "/api/v1/listings/" + id + "/files/" + f["id"].(string), Token: inst.Access}); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: fileURL, Token: inst.Access}); r.Status != 404 {
		t.Fatalf("deleted file still served: %d", r.Status)
	}
}
