package org

import (
	"context"
	"net/url"
	"strings"
	"unicode"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Evidence is what an organisation shows the department to be verified:
// its tax code (mã số thuế), the number and date of its business
// registration certificate or establishment decision, its address (a
// commune of the taxonomy and the street), phone, website, legal
// representative and, optionally, a scan of the certificate. Every field is
// optional to the store (organisations made before these fields existed
// have none); the officer's queue says which are missing.
type Evidence struct {
	TaxCode             string `bson:"taxCode,omitempty" json:"taxCode,omitempty" rule:"format=tax-code"`
	RegistrationNumber  string `bson:"registrationNumber,omitempty" json:"registrationNumber,omitempty" rule:"max=60"`
	RegistrationDate    string `bson:"registrationDate,omitempty" json:"registrationDate,omitempty" rule:"format=date"`
	Commune             string `bson:"commune,omitempty" json:"commune,omitempty" rule:"max=60"`
	Street              string `bson:"street,omitempty" json:"street,omitempty" rule:"max=200"`
	Phone               string `bson:"phone,omitempty" json:"phone,omitempty" rule:"max=20"`
	Website             string `bson:"website,omitempty" json:"website,omitempty" rule:"max=200"`
	LegalRepresentative string `bson:"legalRepresentative,omitempty" json:"legalRepresentative,omitempty" rule:"max=120"`
	// Certificate is set and removed only through the organisation's
	// certificate routes; a value sent with the other fields is ignored.
	Certificate *Certificate `bson:"certificate,omitempty" json:"certificate,omitempty"`
}

// Certificate is the stored scan of the business registration certificate
// or establishment decision: a file of the files service, owned by the
// organisation, downloadable at /api/v1/files/{id}.
type Certificate struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
	Size int    `bson:"size" json:"size"`
}

var evidenceRules = validate.RulesOf[Evidence]()

// CheckEvidence normalises e and checks each field given, under prefix.
// communes are the codes of the current communes and wards.
func CheckEvidence(c *validate.Checker, prefix string, e *Evidence, communes []string) {
	e.TaxCode = c.TaxCode(prefix+"taxCode", e.TaxCode)
	e.RegistrationNumber = validate.Text(e.RegistrationNumber)
	c.Optional(prefix+"registrationNumber", e.RegistrationNumber, evidenceRules.Of("registrationNumber").Max)
	if t, ok := c.Date(prefix+"registrationDate", e.RegistrationDate); ok && t.Year() < 1945 {
		c.Add(prefix+"registrationDate", "invalid_date")
	}
	if e.Commune != "" {
		c.OneOf(prefix+"commune", e.Commune, communes)
	}
	e.Street = validate.Text(e.Street)
	c.Optional(prefix+"street", e.Street, evidenceRules.Of("street").Max)
	e.Phone = validate.Text(e.Phone)
	if e.Phone != "" && !phoneOK(e.Phone) {
		c.Add(prefix+"phone", "invalid_phone")
	}
	e.Website = strings.TrimSpace(e.Website)
	if e.Website != "" {
		if w, ok := website(e.Website); ok {
			e.Website = w
		} else {
			c.Add(prefix+"website", "invalid_url")
		}
		c.Optional(prefix+"website", e.Website, evidenceRules.Of("website").Max)
	}
	e.LegalRepresentative = validate.Text(e.LegalRepresentative)
	if e.LegalRepresentative != "" {
		c.Name(prefix+"legalRepresentative", e.LegalRepresentative, 2, evidenceRules.Of("legalRepresentative").Max)
	}
}

// phoneOK accepts a Vietnamese or international number as people write
// it: digits with spaces, dots, dashes, brackets and a leading +, 9 to 15
// digits.
func phoneOK(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r) && r < 128:
			digits++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 9 && digits <= 15
}

// website normalises a web address: https:// is added when no scheme is
// given; only http and https with a dotted host are accepted.
func website(s string) (string, bool) {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Hostname(), ".") || u.User != nil {
		return "", false
	}
	return u.String(), true
}

// Missing lists the evidence an officer expects of an organisation of its
// kind and does not find: the legal identity (tax code for an enterprise,
// registration or establishment decision for the others), the address, a
// phone and the legal representative. An individual inventor needs only
// an address and a phone.
func (o *Organization) Missing() []string {
	e := o.Evidence
	var out []string
	add := func(field string, empty bool) {
		if empty {
			out = append(out, field)
		}
	}
	if o.Kind != KindIndividual {
		add("taxCode", e.TaxCode == "" && o.Kind == KindEnterprise)
		add("registrationNumber", e.RegistrationNumber == "")
		add("registrationDate", e.RegistrationDate == "")
		add("legalRepresentative", e.LegalRepresentative == "")
	}
	add("commune", e.Commune == "")
	add("street", e.Street == "")
	add("phone", e.Phone == "")
	return out
}

// taxCodeOrder lists organisations sharing a tax code, oldest first.
var taxCodeOrder = bson.D{{Key: "evidence.taxCode", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}

// SameTaxCode returns, for each tax code given, the organisations that
// carry it (one query for a page of the queue).
func (s *Service) SameTaxCode(ctx context.Context, codes []string) (map[string][]Organization, error) {
	out := map[string][]Organization{}
	var in bson.A
	for _, c := range codes {
		if c != "" {
			in = append(in, c)
		}
	}
	if len(in) == 0 {
		return out, nil
	}
	found, err := store.Find[Organization](ctx, s.s, Collection, bson.D{{Key: "evidence.taxCode", Value: bson.D{{Key: "$in", Value: in}}}},
		options.Find().SetSort(taxCodeOrder).SetProjection(bson.D{{Key: "name", Value: 1}, {Key: "status", Value: 1}, {Key: "kind", Value: 1}, {Key: "evidence.taxCode", Value: 1}, {Key: "createdAt", Value: 1}}))
	if err != nil {
		return nil, err
	}
	for _, o := range found {
		out[o.Evidence.TaxCode] = append(out[o.Evidence.TaxCode], o)
	}
	return out, nil
}

// Communes returns the current communes and wards of the taxonomy's units.
func Communes(units []Unit) []string {
	var out []string
	for _, u := range units {
		if u.Level == "commune" && u.ValidUntil == "" {
			out = append(out, u.Code)
		}
	}
	return out
}

// Unit is an administrative unit as this package needs it.
type Unit struct{ Code, Level, ValidUntil string }

// evidenceChanges names the evidence fields that differ, for the audit log.
func evidenceChanges(a, b Evidence) map[string]audit.Change {
	out := map[string]audit.Change{}
	for _, f := range []struct {
		name     string
		from, to string
	}{
		{"taxCode", a.TaxCode, b.TaxCode}, {"registrationNumber", a.RegistrationNumber, b.RegistrationNumber},
		{"registrationDate", a.RegistrationDate, b.RegistrationDate}, {"commune", a.Commune, b.Commune},
		{"street", a.Street, b.Street}, {"phone", a.Phone, b.Phone}, {"website", a.Website, b.Website},
		{"legalRepresentative", a.LegalRepresentative, b.LegalRepresentative},
	} {
		if f.from != f.to {
			out[f.name] = audit.Change{From: f.from, To: f.to}
		}
	}
	return out
}
