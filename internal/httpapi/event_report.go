package httpapi

import (
	"fmt"
	"mime"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/validate"
)

// showcaseRoutes are an event's showcase (item 3) and results report
// (item 6).
func (s *Server) showcaseRoutes() []route {
	return []route{
		{method: "GET", path: "/events/:id/showcase", tag: "events",
			summary: "An event's showcase: its approved stands in booth order — exhibitors with their booth and showcased listings, inventors' free booths, participants with the needs they bring — searched and filtered through the search engine's event filter (q, kind, sector), or one role or booth (published events; officers also drafts)",
			query:   []string{"q", "kind", "sector", "role", "booth", "page", "pageSize"}, responses: map[int]string{200: "Showcase", 404: "Problem", 422: "Problem", 503: "Problem"}, handler: s.getShowcase},
		{method: "GET", path: "/events/:id/booths/:booth/qr.svg", tag: "events",
			summary:   "The QR code of a booth (SVG), leading to the event's page opened on that booth's showcase",
			responses: map[int]string{200: "", 404: "Problem"}, handler: s.boothQR},
		{method: "GET", path: "/events/:id/catalogue", tag: "events",
			summary: "The printable exhibitor catalogue: every approved stand by booth with what it shows; format=html (to print) or pdf; lang=vi (official) or en",
			query:   []string{"format", "lang"}, responses: map[int]string{200: "", 404: "Problem", 422: "Problem", 503: "Problem"}, handler: s.eventCatalogue},
		{method: "GET", path: "/events/:id/report", tag: "events", access: staff,
			summary: "An event's results (officers): booths by type, participants by kind of organisation, visitors checked in, meetings requested / accepted / held, MoUs and contracts on the spot and within six months with their value, by sector; format=json, html or pdf (to print) or xlsx; lang=vi or en",
			query:   []string{"format", "lang"}, responses: map[int]string{200: "EventReport", 403: "Problem", 404: "Problem", 422: "Problem"}, handler: s.eventReport},
	}
}

// showcaseSchemas names the showcase's and the report's wire types. The
// events' named choices are declared here unless another part of the
// event API declared them already.
func showcaseSchemas(r *apischema.Registry) {
	if !r.Has("EventKind") {
		r.Enum("EventKind", event.Kinds)
	}
	if !r.Has("EventRole") {
		r.Enum("EventRole", event.Roles)
	}
	apischema.Response[event.ShowcasePage](r, "Showcase")
	apischema.Response[event.Report](r, "EventReport")
}

func (s *Server) getShowcase(c *fiber.Ctx) error {
	var v validate.Checker
	q := event.ShowcaseQuery{Q: c.Query("q"), Kind: c.Query("kind"), Sector: c.Query("sector"), Role: c.Query("role"), Booth: c.Query("booth"),
		Page: int(queryInt(c, &v, "page", 1, 1, 1000)), PageSize: int(queryInt(c, &v, "pageSize", 24, 1, 100))}
	if err := v.Err(); err != nil {
		return err
	}
	page, err := s.d.Showcase.Search(c.UserContext(), principal(c), c.Params("id"), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

func (s *Server) boothQR(c *fiber.Ctx) error {
	svg, err := s.d.Showcase.BoothQR(c.UserContext(), principal(c), c.Params("id"), c.Params("booth"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	return c.Send(svg)
}

// paperQuery reads format (among formats) and lang.
func paperQuery(c *fiber.Ctx, def string, formats []string) (string, string, error) {
	var v validate.Checker
	format, lang := c.Query("format", def), c.Query("lang", "vi")
	v.OneOf("format", format, formats)
	v.OneOf("lang", lang, []string{"vi", "en"})
	return format, lang, v.Err()
}

// sendPaper answers a document as HTML to print or as PDF.
func sendPaper(c *fiber.Ctx, d paper.Doc, format, name string) error {
	if format == "pdf" {
		b, err := paper.PDF(d)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": name + ".pdf"}))
		c.Type("pdf")
		return c.Send(b)
	}
	b, err := paper.HTML(d)
	if err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Send(b)
}

func (s *Server) eventCatalogue(c *fiber.Ctx) error {
	format, lang, err := paperQuery(c, "html", []string{"html", "pdf"})
	if err != nil {
		return err
	}
	d, err := s.d.Showcase.Catalogue(c.UserContext(), principal(c), c.Params("id"), lang)
	if err != nil {
		return err
	}
	name := "danh-muc-gian-hang"
	if lang == "en" {
		name = "exhibitor-catalogue"
	}
	return sendPaper(c, d, format, name)
}

func (s *Server) eventReport(c *fiber.Ctx) error {
	format, lang, err := paperQuery(c, "json", []string{"json", "html", "pdf", "xlsx"})
	if err != nil {
		return err
	}
	r, err := s.d.Showcase.Report(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	name := fmt.Sprintf("bao-cao-ket-qua-%s", r.EventID)
	if lang == "en" {
		name = fmt.Sprintf("event-results-%s", r.EventID)
	}
	switch format {
	case "json":
		return c.JSON(r)
	case "xlsx":
		b, err := s.d.Showcase.ReportXLSX(r, lang)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name + ".xlsx"}))
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		return c.Send(b)
	}
	return sendPaper(c, s.d.Showcase.ReportPaper(r, lang), format, name)
}

// Texts of the showcase's codes, merged into the tables at start. The
// first three are the events' shared codes (internal/event/event.go);
// the other parts of the event API may name them too.
var showcaseProblemTitles = map[string]text{
	"event_not_found":        {"Không tìm thấy sự kiện.", "Event not found."},
	"registration_not_found": {"Không tìm thấy đăng ký tham gia sự kiện.", "Event registration not found."},
	"meeting_not_found":      {"Không tìm thấy cuộc gặp.", "Meeting not found."},
	"booth_not_found":        {"Sự kiện không có gian hàng này.", "The event has no such booth."},
}

func init() {
	for k, v := range showcaseProblemTitles {
		problemTitles[k] = v
	}
}
