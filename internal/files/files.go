package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	_ "image/png" // decoders for the accepted types
	"net/http"
	"path"
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
	MaxPixels   = 40_000_000
	ThumbWidth  = 480
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
	ErrNotFound    = errs.New(errs.NotFound, "file_not_found")
	ErrType        = errs.Field("file", "unsupported_file_type")
	ErrTooLarge    = errs.New(errs.TooLarge, "file_too_large")
	ErrBadImage    = errs.Field("file", "invalid_image")
	ErrImageTooBig = errs.Field("file", "image_too_large")
)

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
	OwnerListing     = "listing"
	OwnerTransfer    = "transfer"
	OwnerApplication = "application"
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
}

// New returns the service.
func New(s *store.Store, blobs Blobs) *Service { return &Service{s: s, blobs: blobs} }

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

// Save checks and stores an upload for its owner. Images are decoded (which
// proves they are images), bounded in pixels, and get a JPEG thumbnail.
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
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return File{}, ErrBadImage
		}
		if cfg.Width*cfg.Height > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
			return File{}, ErrImageTooBig
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return File{}, ErrBadImage
		}
		f.Width, f.Height = cfg.Width, cfg.Height
		if thumb, err = thumbnail(img); err != nil {
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

func thumbnail(img image.Image) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbWidth {
		w, h = ThumbWidth, max(1, h*ThumbWidth/w)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Over, nil)
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
