package httpapi

import (
	"context"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/org"
)

// orgEvidenceJSON is what an organisation shows to be verified, what is
// missing of it, the other organisations carrying its tax code (officers
// only) and what the reader may do with it.
type orgEvidenceJSON struct {
	Evidence org.Evidence `json:"evidence"`
	// Missing names the evidence fields expected for the organisation's
	// kind and not given.
	Missing []string `json:"missing"`
	// TaxCodeSharedWith lists other organisations with the same tax code,
	// for officers.
	TaxCodeSharedWith []orgRefJSON `json:"taxCodeSharedWith,omitempty"`
	Can               *orgCanJSON  `json:"can,omitempty"`
}

type orgRefJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status" rule:"enum=OrgStatus"`
}

// orgCanJSON is what the reader may do next with an organisation; the web
// app shows exactly these actions.
type orgCanJSON struct {
	Verify bool `json:"verify"`
	Reject bool `json:"reject"`
	Edit   bool `json:"edit"`
	// Describe: write the description of the public page (owners, in any
	// status; org.Service.SetDescription).
	Describe bool `json:"describe"`
}

func withEvidence(out orgJSON, o org.Organization, shared map[string][]org.Organization) orgJSON {
	out.Evidence = o.Evidence
	out.Missing = o.Missing()
	if out.Missing == nil {
		out.Missing = []string{}
	}
	if o.Evidence.TaxCode != "" {
		for _, x := range shared[o.Evidence.TaxCode] {
			if x.ID != o.ID {
				out.TaxCodeSharedWith = append(out.TaxCodeSharedWith, orgRefJSON{ID: x.ID, Name: x.Name, Status: x.Status})
			}
		}
	}
	return out
}

// sharedTaxCodes finds, for officers, the organisations sharing the tax
// codes of orgs (nil for anyone else).
func (s *Server) sharedTaxCodes(ctx context.Context, p *auth.Principal, orgs ...org.Organization) (map[string][]org.Organization, error) {
	if !org.IsStaff(p) {
		return nil, nil
	}
	codes := make([]string, 0, len(orgs))
	for _, o := range orgs {
		if o.Evidence.TaxCode != "" && !slices.Contains(codes, o.Evidence.TaxCode) {
			codes = append(codes, o.Evidence.TaxCode)
		}
	}
	return s.d.Orgs.SameTaxCode(ctx, codes)
}

// sendOrg answers with an organisation's page: members, evidence, the
// organisations sharing its tax code (officers) and what p may do.
func (s *Server) sendOrg(c *fiber.Ctx, p *auth.Principal, o org.Organization) error {
	shared, err := s.sharedTaxCodes(c.UserContext(), p, o)
	if err != nil {
		return err
	}
	out := withEvidence(toOrgDetailJSON(o, p.User.ID), o, shared)
	_, member := o.Member(p.User.ID)
	decidable := org.IsStaff(p) && !member
	out.Can = &orgCanJSON{
		Verify:   decidable && o.Status != org.StatusVerified,
		Reject:   decidable && o.Status == org.StatusPending,
		Edit:     o.IsOwner(p.User.ID) && o.Status != org.StatusVerified,
		Describe: o.IsOwner(p.User.ID),
	}
	setETag(c, o.Version)
	return c.JSON(out)
}

// uploadOrgCertificate stores the scan of an organisation's certificate
// (its owners, as for the evidence; If-Match optional). It replaces the
// previous scan, whose file is deleted once the new one is attached.
func (s *Server) uploadOrgCertificate(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	o, v, err := s.editableOrg(c, p, id) // before the upload is stored
	if err != nil {
		return err
	}
	data, name, err := formFile(c)
	if err != nil {
		return err
	}
	saved, err := s.d.Files.Save(c.UserContext(), files.Owner{Type: files.OwnerOrganization, ID: id}, p.User.ID, name, data)
	if err != nil {
		return err
	}
	o, old, err := s.d.Orgs.SetCertificate(c.UserContext(), p, id, org.Certificate{ID: saved.ID, Name: saved.Name, Size: saved.Size}, v)
	if err != nil {
		_ = s.d.Files.Delete(c.Context(), saved)
		return err
	}
	if old != nil {
		if f, err := s.d.Files.Get(c.UserContext(), old.ID); err == nil && f.Owner() == (files.Owner{Type: files.OwnerOrganization, ID: id}) {
			// The new certificate is saved and answered; a previous file
			// that could not be removed is only logged (an orphan, not a
			// failed request).
			if err := s.d.Files.Delete(c.UserContext(), f); err != nil && s.d.Logger != nil {
				s.d.Logger.Warn("previous certificate file not removed", "organization", id, "file", f.ID, "err", err)
			}
		}
	}
	c.Status(fiber.StatusCreated)
	return s.sendOrg(c, p, o)
}

// deleteOrgCertificate removes the scan of an organisation's certificate
// and its file (its owners; If-Match optional).
func (s *Server) deleteOrgCertificate(c *fiber.Ctx) error {
	p, id := principal(c), c.Params("id")
	o, v, err := s.editableOrg(c, p, id)
	if err != nil {
		return err
	}
	if o.Evidence.Certificate == nil {
		return org.ErrNoCertificate
	}
	return s.removeOwnedFile(c, files.OwnerOrganization, id, o.Evidence.Certificate.ID, func(ctx context.Context, p *auth.Principal, id, fileID string) error {
		_, err := s.d.Orgs.RemoveCertificate(ctx, p, id, fileID, v)
		return err
	})
}

// editableOrg reads the organisation id for p, with the request's optional
// If-Match version, when p may change its evidence.
func (s *Server) editableOrg(c *fiber.Ctx, p *auth.Principal, id string) (org.Organization, int64, error) {
	v, err := ifMatch(c)
	if err != nil {
		return org.Organization{}, 0, err
	}
	o, err := s.d.Orgs.View(c.UserContext(), p, id)
	if err != nil {
		return org.Organization{}, 0, err
	}
	if err := org.MayEdit(p, &o); err != nil {
		return org.Organization{}, 0, err
	}
	return o, v, nil
}
