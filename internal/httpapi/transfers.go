package httpapi

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/transfer"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) transferRoutes() []route {
	tr := func(method, path, summary, request string, h fiber.Handler, ok int) route {
		return route{method: method, path: path, tag: "transfers", access: user, summary: summary, request: request,
			responses: map[int]string{ok: "Transfer", 404: "Problem", 409: "Problem", 412: "Problem", 422: "Problem"}, handler: h}
	}
	return []route{
		tr("POST", "/transfers", "Record a transfer: from an agreed connection (its parties, officers) or entered by an officer", "TransferInput", s.createTransfer, 201),
		{method: "GET", path: "/transfers", tag: "transfers", access: user, summary: "Your organisations' transfers (scope=mine) or all (scope=all, officers)",
			query: []string{"scope", "registration", "sector", "page", "pageSize"}, responses: map[int]string{200: "TransferList", 403: "Problem", 422: "Problem"}, handler: s.listTransfers},
		tr("GET", "/transfers/:id", "A transfer (its parties and officers; never public)", "", s.getTransfer, 200),
		tr("PATCH", "/transfers/:id", "Correct a transfer's contract details (If-Match)", "TransferInput", s.updateTransfer, 200),
		tr("POST", "/transfers/:id/registration", "Record the registration: submitted (day), then registered (number, day)", "RegistrationInput", s.transferStep(func(ctx context.Context, p *auth.Principal, id string, c *fiber.Ctx, v int64) (transfer.Transfer, error) {
			var in transfer.RegistrationInput
			if err := decode(c, &in); err != nil {
				return transfer.Transfer{}, err
			}
			return s.d.Transfers.Register(ctx, p, id, in, v)
		}), 200),
		tr("POST", "/transfers/:id/implementation", "Record how the technology is used and the outcome", "ImplementationInput", s.transferStep(func(ctx context.Context, p *auth.Principal, id string, c *fiber.Ctx, v int64) (transfer.Transfer, error) {
			var in transfer.ImplementationInput
			if err := decode(c, &in); err != nil {
				return transfer.Transfer{}, err
			}
			return s.d.Transfers.Implement(ctx, p, id, in, v)
		}), 200),
		{method: "POST", path: "/transfers/:id/files", tag: "transfers", access: user, summary: "Attach a document (PDF ≤ 10 MiB, or an image) as multipart field \"file\"",
			request: "Upload", responses: map[int]string{201: "File", 404: "Problem", 413: "Problem", 422: "Problem"}, handler: s.uploadTransferFile},
		{method: "DELETE", path: "/transfers/:id/files/:fileId", tag: "transfers", access: user, summary: "Remove a document from a transfer",
			responses: map[int]string{204: "", 404: "Problem"}, handler: s.deleteTransferFile},
	}
}

type transferJSON struct {
	transfer.Transfer
	Overdue   bool         `json:"overdue"`
	Documents []files.File `json:"documents"`
	Can       transfer.Can `json:"can"`
}

func (s *Server) toTransfer(ctx context.Context, p *auth.Principal, t transfer.Transfer, withDocs bool) (transferJSON, error) {
	j := transferJSON{Transfer: t, Overdue: t.Overdue(s.d.Conns.Now()), Documents: []files.File{}, Can: transfer.CanOf(p, &t)}
	if withDocs && len(t.Documents) > 0 {
		docs, err := s.d.Files.Many(ctx, t.Documents)
		if err != nil {
			return j, err
		}
		j.Documents = docs
	}
	return j, nil
}

func (s *Server) sendTransfer(c *fiber.Ctx, status int, t transfer.Transfer) error {
	j, err := s.toTransfer(c.UserContext(), principal(c), t, true)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Status(status).JSON(j)
}

func (s *Server) createTransfer(c *fiber.Ctx) error {
	var in transfer.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.d.Transfers.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return s.sendTransfer(c, fiber.StatusCreated, t)
}

func (s *Server) listTransfers(c *fiber.Ctx) error {
	pg, size, err := page(c)
	if err != nil {
		return err
	}
	var v validate.Checker
	f := transfer.Filter{Page: pg, Size: size, Registration: c.Query("registration"), All: scopeAll(c, &v)}
	f.Sector = c.Query("sector")
	if err := v.Err(); err != nil {
		return err
	}
	p := principal(c)
	items, total, err := s.d.Transfers.List(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	out := make([]transferJSON, 0, len(items))
	for _, t := range items {
		j, err := s.toTransfer(c.UserContext(), p, t, false)
		if err != nil {
			return err
		}
		out = append(out, j)
	}
	return c.JSON(list[transferJSON]{Items: out, Total: int64(total), Page: pg, PageSize: size})
}

func (s *Server) getTransfer(c *fiber.Ctx) error {
	t, err := s.d.Transfers.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return s.sendTransfer(c, fiber.StatusOK, t)
}

func (s *Server) updateTransfer(c *fiber.Ctx) error {
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in transfer.Input
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.d.Transfers.Update(c.UserContext(), principal(c), c.Params("id"), in, v)
	if err != nil {
		return err
	}
	return s.sendTransfer(c, fiber.StatusOK, t)
}

func (s *Server) transferStep(fn func(ctx context.Context, p *auth.Principal, id string, c *fiber.Ctx, ifVersion int64) (transfer.Transfer, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := ifMatch(c)
		if err != nil {
			return err
		}
		t, err := fn(c.UserContext(), principal(c), c.Params("id"), c, v)
		if err != nil {
			return err
		}
		return s.sendTransfer(c, fiber.StatusOK, t)
	}
}

func (s *Server) uploadTransferFile(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	if _, err := s.d.Transfers.Get(c.UserContext(), p, id); err != nil {
		return err
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerTransfer, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	if _, err := s.d.Transfers.Attach(c.UserContext(), p, id, saved.ID); err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(saved)
}

func (s *Server) deleteTransferFile(c *fiber.Ctx) error {
	return s.deleteOwnedFile(c, files.OwnerTransfer, func(ctx context.Context, p *auth.Principal, id, fileID string) error {
		_, err := s.d.Transfers.Detach(ctx, p, id, fileID)
		return err
	})
}

// deleteOwnedFile removes a file of an owner of kind: the owner lets go
// of it first (checking who may), then the file goes.
func (s *Server) deleteOwnedFile(c *fiber.Ctx, kind string, detach func(ctx context.Context, p *auth.Principal, id, fileID string) error) error {
	return s.removeOwnedFile(c, kind, c.Params("id"), c.Params("fileId"), detach)
}

// removeOwnedFile is deleteOwnedFile for a file named other than by the
// path's fileId.
func (s *Server) removeOwnedFile(c *fiber.Ctx, kind, id, fileID string, detach func(ctx context.Context, p *auth.Principal, id, fileID string) error) error {
	p := principal(c)
	f, err := s.d.Files.Get(c.UserContext(), fileID)
	if err != nil || f.Owner() != (files.Owner{Type: kind, ID: id}) {
		return files.ErrNotFound
	}
	if err := detach(c.UserContext(), p, id, fileID); err != nil {
		return err
	}
	if err := s.d.Files.Delete(c.UserContext(), f); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// fileVisible reports whether p may download f: a listing's file as the
// listing, a transfer's document to the transfer's parties and officers, an
// application's document to the applicant and officers, an organisation's
// certificate to its members and officers.
func (s *Server) fileVisible(ctx context.Context, p *auth.Principal, f files.File) (bool, error) {
	var err error
	switch o := f.Owner(); o.Type {
	case files.OwnerListing:
		return s.d.Catalog.Visible(ctx, p, o.ID)
	case files.OwnerTransfer:
		_, err = s.d.Transfers.Get(ctx, p, o.ID)
	case files.OwnerApplication:
		_, err = s.d.Support.GetApplication(ctx, p, o.ID)
	case files.OwnerReport:
		_, err = s.d.Reports.Get(ctx, p, o.ID)
	case files.OwnerTaskDossier:
		_, err = s.d.TaskSelection.GetDossier(ctx, p, o.ID)
	case files.OwnerTaskContract:
		if p == nil {
			return false, nil
		}
		_, err = s.d.Execution.Contract(ctx, p, o.ID)
	case files.OwnerOrganization:
		if p == nil {
			return false, nil
		}
		_, err = s.d.Orgs.View(ctx, p, o.ID)
		if e, ok := errs.As(err); ok && e.Kind == errs.Forbidden {
			return false, nil
		}
	default:
		return false, nil
	}
	if e, ok := errs.As(err); ok && e.Kind == errs.NotFound {
		return false, nil
	}
	return err == nil, err
}
