package files

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func encoded(t *testing.T, img image.Image, asJPEG bool) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDecodeCost checks the budget's arithmetic against what the decoders
// allocate, from the header alone.
func TestDecodeCost(t *testing.T) {
	rect := image.Rect(0, 0, 64, 32)
	baseline := encoded(t, image.NewRGBA(rect), true) // Go writes 4:2:0
	progressive := bytes.Clone(baseline)
	if i := bytes.Index(progressive, []byte{0xff, 0xc0}); i < 0 {
		t.Fatal("no SOF0 in the encoded JPEG")
	} else {
		progressive[i+1] = 0xc2
	}
	cases := []struct {
		name string
		data []byte
		want int
	}{
		{"jpeg 4:2:0", baseline, 64 * 32 * 3 / 2},
		{"progressive jpeg keeps coefficients", progressive, 64 * 32 * 3 / 2 * 5},
		{"grey jpeg", encoded(t, image.NewGray(rect), true), 64 * 32},
		{"grey png", encoded(t, image.NewGray(rect), false), 64 * 32},
		{"paletted png", encoded(t, image.NewPaletted(rect, color.Palette{color.Black, color.White}), false), 64 * 32},
		{"rgba png", encoded(t, image.NewNRGBA(rect), false), 64 * 32 * 4},
		{"16-bit rgba png", encoded(t, image.NewNRGBA64(rect), false), 64 * 32 * 8},
	}
	for _, c := range cases {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := decodeCost(cfg, format, c.data); got != c.want {
			t.Errorf("%s: %d bytes, want %d", c.name, got, c.want)
		}
	}
}

// TestThumbnailOfTallImage: a large source is reduced through a small
// buffer and keeps its proportions.
func TestThumbnailOfTallImage(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 1200, 3000))
	thumb, err := thumbnail(img)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(thumb))
	if err != nil || cfg.Width != ThumbWidth || cfg.Height != 1200 {
		t.Fatalf("thumbnail %dx%d, %v", cfg.Width, cfg.Height, err)
	}
}
