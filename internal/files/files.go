package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // decoders for the accepted types
	"net/http"
	"path"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Limits of what may be uploaded.
const (
	MaxImage    = 5 << 20  // bytes
	MaxDocument = 10 << 20 // bytes
	// MaxDecode is the memory one image may take decoded (width × height ×
	// bytes per pixel of its colour model), read from its header before any
	// pixel is decoded: a few hundred kilobytes of compressed zeros can
	// claim hundreds of megabytes. 96 MiB takes a 24-megapixel camera JPEG
	// or a 4000 × 3000 RGBA PNG, and refuses 16-bit images of that size.
	MaxDecode  = 96 << 20
	ThumbWidth = 480
	// bigDecode is the decoded size past which the memory is collected at
	// once after the thumbnail is made.
	bigDecode = 16 << 20
)

// Kinds of file.
const (
	KindImage    = "image"
	KindDocument = "document"
)

// Collection holds file records; the bytes are in Blobs.
const Collection = "files"

// Spec declares the collection.
var Spec = store.CollectionSpec{Name: Collection}

// Errors with stable codes.
var (
	ErrNotFound = errs.New(errs.NotFound, "file_not_found")
	ErrType     = errs.Field("file", "unsupported_file_type")
	ErrTooLarge = errs.New(errs.TooLarge, "file_too_large")
	ErrBadImage = errs.Field("file", "invalid_image")
)

// imageTooBig refuses an image whose decoding would pass MaxDecode, naming
// its size and the budget, in MiB.
func imageTooBig(width, height, need int) *errs.Error {
	return errs.Field("file", "image_too_large", "width", width, "height", height,
		"needMiB", (need+1<<20-1)>>20, "maxMiB", MaxDecode>>20)
}

// File is an uploaded image or document.
type File struct {
	store.Meta  `bson:",inline"`
	ID          string    `bson:"_id" json:"id"`
	ListingID   string    `bson:"listingId,omitempty" json:"listingId,omitempty"` // a listing's file
	OwnerType   string    `bson:"ownerType,omitempty" json:"-"`                   // other owners (see Owner)
	OwnerID     string    `bson:"ownerId,omitempty" json:"-"`
	Kind        string    `bson:"kind" json:"kind"`
	Name        string    `bson:"name" json:"name"`
	ContentType string    `bson:"contentType" json:"contentType"`
	Size        int       `bson:"size" json:"size"`
	SHA256      string    `bson:"sha256" json:"sha256"`
	Width       int       `bson:"width,omitempty" json:"width,omitempty"`
	Height      int       `bson:"height,omitempty" json:"height,omitempty"`
	ThumbID     string    `bson:"thumbId,omitempty" json:"-"`
	CreatedBy   string    `bson:"createdBy" json:"-"`
	CreatedAt   time.Time `bson:"createdAt" json:"createdAt"`
}

// Owner types: what a file belongs to. Its visibility follows the owner's.
const (
	OwnerListing      = "listing"
	OwnerTransfer     = "transfer"
	OwnerApplication  = "application"
	OwnerTaskDossier  = "task_dossier"  // a CV or letter of a task's dossier
	OwnerReport       = "report"        // evidence of an agency's annual report
	OwnerOrganization = "organization"  // an organisation's certificate
	OwnerTaskContract = "task_contract" // a file of a commissioned task's progress report (owner id: the task's)
)

// Owner is what a file belongs to.
type Owner struct {
	Type, ID string
}

// Owner of f. Listing files keep their listingId (and records stored
// before other owners existed have nothing else).
func (f *File) Owner() Owner {
	if f.OwnerType == "" {
		return Owner{Type: OwnerListing, ID: f.ListingID}
	}
	return Owner{Type: f.OwnerType, ID: f.OwnerID}
}

// Service stores files.
type Service struct {
	s     *store.Store
	blobs Blobs
	// decodeSlots bounds concurrent image decodes, as auth bounds password
	// hashes: each may take up to MaxDecode, so a burst of uploads costs at
	// most cap × MaxDecode; the rest wait for a slot.
	decodeSlots chan struct{}
}

// New returns the service.
func New(s *store.Store, blobs Blobs) *Service {
	return &Service{s: s, blobs: blobs, decodeSlots: make(chan struct{}, runtime.NumCPU())}
}

// sniff decides what data is from its bytes, never from its name or the
// client's Content-Type: a renamed executable is refused.
func sniff(data []byte) (kind, contentType string, err error) {
	ct := http.DetectContentType(data)
	switch {
	case ct == "application/pdf" && bytes.HasPrefix(data, []byte("%PDF-")):
		return KindDocument, ct, nil
	case ct == "image/jpeg" || ct == "image/png" || ct == "image/webp":
		return KindImage, ct, nil
	default:
		return "", "", ErrType
	}
}

// cleanName keeps a safe display name: the base name, printable, bounded.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"<>`, r) {
			return -1
		}
		return r
	}, name)
	if !utf8.ValidString(name) || name == "." || name == "/" || name == "" {
		name = "file"
	}
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	return name
}

// Save checks and stores an upload for its owner. Images are bounded by the
// memory their decoding takes (read from the header first), decoded (which
// proves they are images) and get a JPEG thumbnail.
func (s *Service) Save(ctx context.Context, owner Owner, userID, name string, data []byte) (File, error) {
	var c validate.Checker
	name = c.FileName("file", cleanName(name))
	if err := c.Err(); err != nil {
		return File{}, err
	}
	kind, ct, err := sniff(data)
	if err != nil {
		return File{}, err
	}
	if (kind == KindImage && len(data) > MaxImage) || len(data) > MaxDocument {
		return File{}, ErrTooLarge
	}
	sum := sha256.Sum256(data)
	f := File{
		ID: store.NewID(), Kind: kind, Name: name, ContentType: ct,
		Size: len(data), SHA256: hex.EncodeToString(sum[:]), CreatedBy: userID, CreatedAt: time.Now().UTC(),
	}
	if owner.Type == OwnerListing {
		f.ListingID = owner.ID
	} else {
		f.OwnerType, f.OwnerID = owner.Type, owner.ID
	}
	var thumb []byte
	if kind == KindImage {
		if f.Width, f.Height, thumb, err = s.image(ctx, data); err != nil {
			return File{}, err
		}
		f.ThumbID = store.NewID()
	}
	if err := s.blobs.Put(ctx, f.ID, data); err != nil {
		return File{}, err
	}
	if thumb != nil {
		if err := s.blobs.Put(ctx, f.ThumbID, thumb); err != nil {
			_ = s.blobs.Delete(ctx, f.ID)
			return File{}, err
		}
	}
	if err := store.Insert(ctx, s.s, Collection, &f); err != nil {
		s.dropBlobs(ctx, f)
		return File{}, err
	}
	return f, nil
}

// image reads an image's header, refuses what would take more than
// MaxDecode to decode, then decodes it once (holding a decode slot) and
// returns its size and thumbnail.
func (s *Service) image(ctx context.Context, data []byte) (width, height int, thumb []byte, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, nil, ErrBadImage
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, nil, ErrBadImage
	}
	need := decodeCost(cfg, format, data)
	if need > MaxDecode {
		return 0, 0, nil, imageTooBig(cfg.Width, cfg.Height, need)
	}
	select {
	case s.decodeSlots <- struct{}{}:
	case <-ctx.Done():
		return 0, 0, nil, ctx.Err()
	}
	defer func() { <-s.decodeSlots }()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, 0, nil, ErrBadImage
	}
	thumb, err = thumbnail(img)
	if need > bigDecode {
		// Hand the pixels back now: left to the pacer, the heap may grow to
		// twice its peak of concurrent decodes before they are collected
		// (img is dead from here on).
		runtime.GC()
	}
	if err != nil {
		return 0, 0, nil, err
	}
	return cfg.Width, cfg.Height, thumb, nil
}

// decodeCost is the memory decoding takes: width × height × the bytes per
// pixel of the colour model the decoder produces, plus what the decoder
// keeps on the side (a progressive JPEG's coefficients, a lossless WebP's
// transform buffer). Unknown models count as 16-bit RGBA.
func decodeCost(cfg image.Config, format string, data []byte) int {
	pixels := cfg.Width * cfg.Height
	if pixels > MaxDecode || pixels/cfg.Height != cfg.Width { // at least a byte each: over already
		return max(pixels, MaxDecode+1)
	}
	if format == "jpeg" {
		if samples, unit, progressive, ok := jpegFrame(data); ok {
			if progressive { // an int32 coefficient per sample, kept to the end
				samples *= 5
			}
			if cfg.ColorModel == color.RGBAModel || cfg.ColorModel == color.CMYKModel {
				samples += 4 * unit // the planes are converted into a second image
			}
			return pixels * samples / unit
		}
	}
	perPixel := 8
	switch cfg.ColorModel {
	case color.GrayModel, color.AlphaModel:
		perPixel = 1
	case color.Gray16Model, color.Alpha16Model:
		perPixel = 2
	case color.YCbCrModel:
		perPixel = 3
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel, color.NYCbCrAModel:
		perPixel = 4
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			perPixel = 1
		}
	}
	if format == "webp" && cfg.ColorModel == color.NRGBAModel {
		perPixel += 4 // lossless: a uint32 per pixel while transforms apply
	}
	return pixels * perPixel
}

// jpegFrame reads a JPEG's frame header: the bytes of samples per pixel, in
// units of 1/unit (chroma subsampling makes them fractional), and whether
// it is progressive. It walks the marker segments before the frame.
func jpegFrame(data []byte) (samples, unit int, progressive, ok bool) {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return 0, 0, false, false
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		length := int(data[i+2])<<8 | int(data[i+3])
		if marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc {
			seg := data[i+4 : min(len(data), i+2+length)]
			if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) || seg[5] == 0 {
				return 0, 0, false, false
			}
			comps := seg[6 : 6+3*int(seg[5])]
			hmax, vmax := 1, 1
			for c := 0; c < len(comps); c += 3 {
				hmax, vmax = max(hmax, int(comps[c+1]>>4)), max(vmax, int(comps[c+1]&15))
			}
			for c := 0; c < len(comps); c += 3 {
				samples += int(comps[c+1]>>4) * int(comps[c+1]&15)
			}
			progressive = marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce
			return samples, hmax * vmax, progressive, samples > 0
		}
		i += 2 + length
	}
	return 0, 0, false, false
}

// thumbnail scales img to ThumbWidth without a scratch buffer the size of
// the source: a large image is first sampled down to twice the thumbnail
// (bilinear, straight into a small buffer), then filtered to size
// (Catmull-Rom, whose scratch is thumbnail width × source height).
func thumbnail(img image.Image) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbWidth {
		w, h = ThumbWidth, max(1, h*ThumbWidth/w)
	}
	src, sr := img, b
	if b.Dx() > 2*w || b.Dy() > 2*h {
		mid := image.NewRGBA(image.Rect(0, 0, 2*w, 2*h))
		xdraw.ApproxBiLinear.Scale(mid, mid.Bounds(), img, b, xdraw.Src, nil)
		src, sr = mid, mid.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, sr, xdraw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Get returns a file's record.
func (s *Service) Get(ctx context.Context, id string) (File, error) {
	f, err := store.Get[File](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return f, ErrNotFound.Wrap(err)
	}
	return f, err
}

// Many returns the records of ids, in that order, skipping unknown ones:
// one _id read each, the only lookup the embedded store serves from an index.
func (s *Service) Many(ctx context.Context, ids []string) ([]File, error) {
	out := make([]File, 0, len(ids))
	for _, id := range ids {
		f, err := s.Get(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// Bytes returns a file's bytes, or its thumbnail's (JPEG).
func (s *Service) Bytes(ctx context.Context, f File, thumb bool) ([]byte, error) {
	id := f.ID
	if thumb {
		if f.ThumbID == "" {
			return nil, ErrNotFound
		}
		id = f.ThumbID
	}
	b, err := s.blobs.Get(ctx, id)
	if errors.Is(err, errNoBlob) {
		return nil, ErrNotFound.Wrap(err)
	}
	return b, err
}

// Delete removes a file and its bytes.
func (s *Service) Delete(ctx context.Context, f File) error {
	if err := store.Delete(ctx, s.s, Collection, f.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	s.dropBlobs(ctx, f)
	return nil
}

func (s *Service) dropBlobs(ctx context.Context, f File) {
	_ = s.blobs.Delete(ctx, f.ID)
	if f.ThumbID != "" {
		_ = s.blobs.Delete(ctx, f.ThumbID)
	}
}
