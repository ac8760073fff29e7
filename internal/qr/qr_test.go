package qr

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"regexp"
	"strconv"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// The SVG is well-formed, names itself, and its path covers exactly the
// dark modules of the symbol (runs of a row drawn as one rectangle).
func TestSVGDrawsEveryDarkModule(t *testing.T) {
	content := "6b16e4beea7fc7c9ddc643bc.ZG47TJPWCRVPDRWQ"
	out, err := SVG(content, `Công ty "Ba Bể" & <co>`)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(out, new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("<title>Công ty &quot;Ba Bể&quot; &amp; &lt;co&gt;</title>")) {
		t.Fatalf("title not escaped: %s", out)
	}
	q, _ := qrcode.New(content, qrcode.Medium)
	want := map[[2]int]bool{}
	for y, row := range q.Bitmap() {
		for x, dark := range row {
			if dark {
				want[[2]int{x, y}] = true
			}
		}
	}
	got := map[[2]int]bool{}
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-\d+z`).FindAllStringSubmatch(string(out), -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		for i := range n {
			got[[2]int{x + i, y}] = true
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d modules drawn, want %d", len(got), len(want))
	}
	for k := range want {
		if !got[k] {
			t.Fatalf("module %v not drawn", k)
		}
	}
}

func TestPNG(t *testing.T) {
	out, err := PNG("x.y", 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Fatalf("size %v", b)
	}
}
