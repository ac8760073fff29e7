package httpapi

import (
	"errors"
	"io"
	"mime"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
)

func (s *Server) fileRoutes() []route {
	return []route{
		{method: "POST", path: "/listings/:id/files", tag: "listings", access: user,
			summary: "Upload an image (JPEG, PNG, WebP ≤ 5 MiB) or a PDF (≤ 10 MiB) to a listing, as multipart field \"file\"",
			request: "Upload", responses: map[int]string{201: "File", 400: "Problem", 413: "Problem", 415: "Problem", 422: "Problem"}, handler: s.uploadFile},
		{method: "GET", path: "/listings/:id/files", tag: "listings", summary: "The records of a listing's images and documents (name, size, type), as visible as the listing",
			responses: map[int]string{200: "FileList", 404: "Problem"}, handler: s.listFiles},
		{method: "DELETE", path: "/listings/:id/files/:fileId", tag: "listings", access: user, summary: "Remove a file from a listing",
			responses: map[int]string{204: "", 404: "Problem"}, handler: s.deleteFile},
		{method: "GET", path: "/files/:id", tag: "listings", summary: "A listing's file (public once the listing is published)",
			responses: map[int]string{200: "", 404: "Problem"}, handler: s.serveFile(false)},
		{method: "GET", path: "/files/:id/thumbnail", tag: "listings", summary: "A JPEG thumbnail of an image, 480 px wide",
			responses: map[int]string{200: "", 404: "Problem"}, handler: s.serveFile(true)},
	}
}

func (s *Server) uploadFile(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	if _, err := s.d.Catalog.CanAttach(c.UserContext(), p, id); err != nil {
		return err
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerListing, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	if _, err := s.d.Catalog.AttachFile(c.UserContext(), p, id, saved.ID, saved.Kind == files.KindImage); err != nil {
		// The listing refused it (full, or changed state meanwhile): the
		// bytes go too, so nothing is stored that no listing shows.
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(saved)
}

func (s *Server) listFiles(c *fiber.Ctx) error {
	id := c.Params("id")
	visible, err := s.d.Catalog.Visible(c.UserContext(), principal(c), id)
	if err != nil {
		return err
	}
	if !visible {
		return catalog.ErrNotFound
	}
	l, err := s.d.Catalog.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	images, err := s.d.Files.Many(c.UserContext(), l.Images)
	if err != nil {
		return err
	}
	docs, err := s.d.Files.Many(c.UserContext(), l.Attachments)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(fileListJSON{Images: images, Attachments: docs})
}

func (s *Server) deleteFile(c *fiber.Ctx) error {
	p, id, fileID := principal(c), c.Params("id"), c.Params("fileId")
	f, err := s.d.Files.Get(c.UserContext(), fileID)
	if err != nil || f.ListingID != id {
		return files.ErrNotFound
	}
	if _, err := s.d.Catalog.DetachFile(c.UserContext(), p, id, fileID); err != nil {
		return err
	}
	if err := s.d.Files.Delete(c.UserContext(), f); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) serveFile(thumb bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, err := s.d.Files.Get(c.UserContext(), c.Params("id"))
		if err != nil {
			if errors.Is(err, files.ErrNotFound) {
				return files.ErrNotFound
			}
			return err
		}
		visible, err := s.fileVisible(c.UserContext(), principal(c), f)
		if err != nil {
			return err
		}
		if !visible {
			return files.ErrNotFound
		}
		data, err := s.d.Files.Bytes(c.UserContext(), f, thumb)
		if err != nil {
			return err
		}
		ct, disposition := f.ContentType, "inline"
		if thumb {
			ct = "image/jpeg"
		} else if f.Kind == files.KindDocument {
			disposition = "attachment" // a PDF opens in its own viewer, not in our origin
		}
		c.Set(fiber.HeaderContentType, ct)
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}))
		c.Set(fiber.HeaderContentLength, strconv.Itoa(len(data)))
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set(fiber.HeaderETag, `"`+f.SHA256[:16]+`"`)
		c.Set(fiber.HeaderCacheControl, "private, max-age=300")
		return c.Send(data)
	}
}

// errMalformedMultipart is an upload body that is not readable multipart.
var errMalformedMultipart = errs.New(errs.Malformed, "malformed_multipart")

// formFile reads the multipart field "file", at most files.MaxDocument bytes.
// The body is parsed here, once the caller may upload at all.
func formFile(c *fiber.Ctx) ([]byte, string, error) {
	fh, err := c.FormFile("file")
	switch {
	case errors.Is(err, fasthttp.ErrMissingFile), errors.Is(err, fasthttp.ErrNoMultipartForm):
		return nil, "", errs.Field("file", "required")
	case err != nil:
		return nil, "", errMalformedMultipart.Wrap(err)
	}
	if fh.Size > files.MaxDocument {
		return nil, "", files.ErrTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", errs.Field("file", "required")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, files.MaxDocument+1))
	return data, fh.Filename, err
}
