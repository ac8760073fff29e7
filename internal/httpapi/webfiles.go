package httpapi

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/web"
)

// registerWeb serves what crawlers and feed readers ask for beside the
// pages: robots.txt, the sitemap index and its files, the Atom feeds (in
// each language) and the share cards. A missing file is `not_found`, not
// `route_not_found`, whose text speaks of API routes.
func (s *Server) registerWeb() {
	s.app.Get("/robots.txt", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(s.d.Site.Robots(s.baseURL(c)))
	})
	s.app.Get("/sitemap.xml", func(c *fiber.Ctx) error {
		b, err := s.d.Site.SitemapIndex(c.UserContext(), s.baseURL(c))
		if err != nil {
			return err
		}
		return sendXML(c, "application/xml; charset=utf-8", b)
	})
	s.app.Get("/sitemaps/:file", func(c *fiber.Ctx) error {
		n, err := strconv.Atoi(strings.TrimSuffix(c.Params("file"), ".xml"))
		if err != nil || !strings.HasSuffix(c.Params("file"), ".xml") {
			return errs.ErrNotFound
		}
		b, ok, err := s.d.Site.SitemapChunk(c.UserContext(), s.baseURL(c), n)
		if err != nil {
			return err
		} else if !ok {
			return errs.ErrNotFound
		}
		return sendXML(c, "application/xml; charset=utf-8", b)
	})
	for _, lang := range []string{web.LangVI, web.LangEN} {
		s.app.Get(web.Prefix(lang)+web.ListingsFeedPath, func(c *fiber.Ctx) error {
			b, err := s.d.Site.ListingsFeed(c.UserContext(), s.baseURL(c), lang, web.FeedFilter{Kind: c.Query("kind"), Sector: c.Query("sector")})
			if err != nil {
				return err
			}
			return sendXML(c, "application/atom+xml; charset=utf-8", b)
		})
		s.app.Get(web.Prefix(lang)+web.ProgramsFeedPath, func(c *fiber.Ctx) error {
			b, err := s.d.Site.ProgramsFeed(c.UserContext(), s.baseURL(c), lang)
			if err != nil {
				return err
			}
			return sendXML(c, "application/atom+xml; charset=utf-8", b)
		})
	}
	s.app.Get(web.SiteCardPath, func(c *fiber.Ctx) error {
		img, err := s.d.Site.SiteCard(c.UserContext(), cardLang(c), c.Get(fiber.HeaderIfNoneMatch))
		if err != nil {
			return err
		}
		return sendCard(c, img)
	})
	s.app.Get("/cards/:of/:file", func(c *fiber.Ctx) error {
		id, ok := strings.CutSuffix(c.Params("file"), ".png")
		if !ok {
			return errs.ErrNotFound
		}
		img, status, err := s.d.Site.EntityCard(c.UserContext(), c.Params("of"), id, cardLang(c), c.Get(fiber.HeaderIfNoneMatch))
		if err != nil {
			return err
		} else if status != fiber.StatusOK {
			return errs.ErrNotFound
		}
		return sendCard(c, img)
	})
}

func cardLang(c *fiber.Ctx) string {
	if c.Query("lang") == web.LangEN {
		return web.LangEN
	}
	return web.LangVI
}

// sendXML answers a sitemap or feed: public, cached for five minutes.
func sendXML(c *fiber.Ctx, contentType string, b []byte) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.Send(b)
}

// sendCard answers a share card: its tag names its content (the texts
// drawn and the design), so a day's caching is safe and a changed title is
// a new tag; an asker that has it gets 304 without a drawing.
func sendCard(c *fiber.Ctx, img web.CardImage) error {
	c.Set(fiber.HeaderETag, img.ETag)
	c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
	if img.NotModified {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, "image/png")
	return c.Send(img.PNG)
}
