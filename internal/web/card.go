package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The size of a share card: what Facebook, Zalo and X show large.
const (
	CardWidth  = 1200
	CardHeight = 630
)

// Card is the text of a share card.
type Card struct {
	Kicker string // above the title: the listing's kind
	Title  string
	Footer string // the organisation
	Lang   string
}

// cardDesign names the drawing: changed with it, so that every card's tag
// changes and caches draw them anew.
const cardDesign = "1"

// ETag names the card's content: the texts drawn and the design. A renamed
// organisation, a new province or a new drawing is a new tag; an unchanged
// card is recognised before it is drawn.
func (c Card) ETag() string {
	h := sha256.Sum256([]byte(strings.Join([]string{cardDesign, c.Kicker, c.Title, c.Footer, c.Lang}, "\x00")))
	return `"` + hex.EncodeToString(h[:12]) + `"`
}

var (
	cardFonts     struct{ bold, regular *opentype.Font }
	cardFontsOnce sync.Once
	errCardFonts  error
)

// Liberation Sans (SIL OFL) has every precomposed Vietnamese letter, so
// text in NFC draws without a shaper.
func loadCardFonts() error {
	cardFontsOnce.Do(func() {
		if cardFonts.bold, errCardFonts = opentype.Parse(liberationsansbold.TTF); errCardFonts != nil {
			return
		}
		cardFonts.regular, errCardFonts = opentype.Parse(liberationsansregular.TTF)
	})
	return errCardFonts
}

var (
	cardBackground = color.RGBA{0x0b, 0x5d, 0x4b, 0xff} // the SPA's theme colour
	cardAccent     = color.RGBA{0xf2, 0xb1, 0x34, 0xff}
	cardSoft       = color.RGBA{0xcd, 0xeb, 0xe1, 0xff}
)

// RenderCard draws c as a PNG of CardWidth × CardHeight.
func RenderCard(c Card) ([]byte, error) {
	if err := loadCardFonts(); err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(cardBackground), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 24, CardHeight), image.NewUniform(cardAccent), image.Point{}, draw.Src)
	const left, right = 88, CardWidth - 88
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	write := func(f font.Face, col color.Color, x, y int, s string) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(col), Face: f, Dot: fixed.P(x, y)}
		d.DrawString(s)
	}
	kicker, err := face(cardFonts.bold, 34)
	if err != nil {
		return nil, err
	}
	defer kicker.Close()
	if c.Kicker != "" {
		write(kicker, cardAccent, left, 110, strings.ToUpper(norm.NFC.String(c.Kicker)))
	}
	// The title: the largest size at which it fits above the footer.
	const titleTop, titleBottom = 130, CardHeight - 185
	title := norm.NFC.String(strings.Join(strings.Fields(c.Title), " "))
	var lines []string
	var titleFace font.Face
	lineHeight, maxLines := 0, 0
	for _, size := range []float64{68, 60, 52, 46} {
		if titleFace != nil {
			titleFace.Close()
		}
		if titleFace, err = face(cardFonts.bold, size); err != nil {
			return nil, err
		}
		lineHeight = titleFace.Metrics().Height.Ceil() + 6
		maxLines = (titleBottom - titleTop) / lineHeight
		lines = wrap(titleFace, title, right-left)
		if len(lines) <= maxLines {
			break
		}
	}
	defer titleFace.Close()
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = fitEllipsis(titleFace, lines[maxLines-1]+" …", right-left)
	}
	y := titleTop + lineHeight
	for _, l := range lines {
		write(titleFace, color.White, left, y, l)
		y += lineHeight
	}
	small, err := face(cardFonts.regular, 30)
	if err != nil {
		return nil, err
	}
	defer small.Close()
	if c.Footer != "" {
		write(small, cardSoft, left, CardHeight-120, fitEllipsis(small, norm.NFC.String(c.Footer), right-left))
	}
	brand, err := face(cardFonts.bold, 30)
	if err != nil {
		return nil, err
	}
	defer brand.Close()
	write(brand, color.White, left, CardHeight-64, siteName)
	name := font.MeasureString(brand, siteName+"  ").Ceil()
	write(small, cardSoft, left+name, CardHeight-64, texts["tagline"].in(c.Lang))
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wrap breaks s into lines no wider than width (a word longer than a line
// is cut).
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		next := w
		if line != "" {
			next = line + " " + w
		}
		if font.MeasureString(f, next).Ceil() <= width {
			line = next
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = fitEllipsis(f, w, width)
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fitEllipsis shortens s with "…" until it is no wider than width.
func fitEllipsis(f font.Face, s string, width int) string {
	if font.MeasureString(f, s).Ceil() <= width {
		return s
	}
	r := []rune(strings.TrimSuffix(s, " …"))
	for len(r) > 0 && font.MeasureString(f, string(r)+"…").Ceil() > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// cards keeps the cards drawn recently: drawing one takes tens of
// milliseconds, and a link shared in a group is fetched by every client.
type cards struct {
	mu      sync.Mutex
	entries map[string][]byte
	// slots bounds the cards drawn at once (CPU).
	slots chan struct{}
}

const maxCachedCards = 256

func newCards(parallel int) *cards {
	return &cards{entries: map[string][]byte{}, slots: make(chan struct{}, max(parallel, 1))}
}

// get answers the card c: not drawn when known (an If-None-Match header)
// names it already, else from the cache or drawn.
func (cs *cards) get(ctx context.Context, c Card, known string) (CardImage, error) {
	tag := c.ETag()
	if known != "" && strings.Contains(known, tag) {
		return CardImage{ETag: tag, NotModified: true}, nil
	}
	cs.mu.Lock()
	png, ok := cs.entries[tag]
	cs.mu.Unlock()
	if ok {
		return CardImage{PNG: png, ETag: tag}, nil
	}
	select {
	case cs.slots <- struct{}{}:
	case <-ctx.Done():
		return CardImage{}, ctx.Err()
	}
	png, err := RenderCard(c)
	<-cs.slots
	if err != nil {
		return CardImage{}, err
	}
	cs.mu.Lock()
	if len(cs.entries) >= maxCachedCards {
		for k := range cs.entries { // drop any one: the cache is a convenience
			delete(cs.entries, k)
			break
		}
	}
	cs.entries[tag] = png
	cs.mu.Unlock()
	return CardImage{PNG: png, ETag: tag}, nil
}

// CardImage is a drawn card and the tag that names its content; when
// NotModified, the asker has it already and nothing was drawn.
type CardImage struct {
	PNG         []byte
	ETag        string
	NotModified bool
}

// SiteCard is the share image of pages other than listings.
// known is the asker's If-None-Match.
func (s *Site) SiteCard(ctx context.Context, lang, known string) (CardImage, error) {
	return s.cards.get(ctx, Card{Title: texts["tagline"].in(lang) + " " + s.province(lang), Footer: s.t("department", lang), Lang: lang}, known)
}

// EntityCard is the share image of a public listing, organisation or
// programme (of as in CardPath); status 404 when it is not public.
func (s *Site) EntityCard(ctx context.Context, of, id, lang, known string) (CardImage, int, error) {
	var c Card
	switch of {
	case "listings":
		l, err := s.d.Listings.Get(ctx, id)
		switch {
		case notFound(err):
			return CardImage{}, http.StatusNotFound, nil
		case err != nil:
			return CardImage{}, 0, err
		case !l.Public() || l.Expired(s.d.Listings.Now()):
			return CardImage{}, http.StatusNotFound, nil
		}
		if o, err := s.d.Orgs.Get(ctx, l.OrgID); err == nil {
			c.Footer = o.Name
		} else if !notFound(err) {
			return CardImage{}, 0, err
		}
		c.Kicker = listingKinds[l.Kind].in(lang)
		c.Title, _ = listingText(l, lang)
	case "organizations":
		o, err := s.d.Orgs.Public(ctx, id)
		switch {
		case notFound(err):
			return CardImage{}, http.StatusNotFound, nil
		case err != nil:
			return CardImage{}, 0, err
		}
		c.Kicker, c.Title, c.Footer = orgKinds[o.Kind].in(lang), o.Name, s.t("verified", lang)
	case "programs":
		p, err := s.d.Programs.Get(ctx, nil, id)
		switch {
		case notFound(err):
			return CardImage{}, http.StatusNotFound, nil
		case err != nil:
			return CardImage{}, 0, err
		}
		c.Kicker = s.t("program.kicker", lang)
		c.Title = p.Name
		c.Footer = s.t("program.window", lang, "opens", dmy(p.Window.OpensOn), "closes", dmy(p.Window.ClosesOn))
	default:
		return CardImage{}, http.StatusNotFound, nil
	}
	c.Lang = lang
	img, err := s.cards.get(ctx, c, known)
	return img, http.StatusOK, err
}

// ForgetCards empties the cache of drawn cards (benchmarks draw anew).
func (s *Site) ForgetCards() {
	s.cards.mu.Lock()
	clear(s.cards.entries)
	s.cards.mu.Unlock()
}
