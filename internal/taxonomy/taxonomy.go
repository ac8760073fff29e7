// Package taxonomy is the reference data listings are classified by:
// sectors, transfer forms, IP types and statuses, TRL levels, moderation
// reasons and administrative units. It is data from seeds/, loaded once and
// held in memory (it is small and read on every write and search).
package taxonomy

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/techmart-vn/techmart/seeds"
)

// Term is one code with its Vietnamese and English labels.
type Term struct {
	Code string `json:"code"`
	VI   string `json:"vi"`
	EN   string `json:"en"`
}

// AdminUnit is a province, a (former) district or a commune, with the dates
// it is valid between: records keep the unit they were made under.
type AdminUnit struct {
	Term
	Level      string `json:"level"`
	Parent     string `json:"parent,omitempty"`
	ValidFrom  string `json:"validFrom,omitempty"`
	ValidUntil string `json:"validUntil,omitempty"`
	ReplacedBy string `json:"replacedBy,omitempty"`
}

// Taxonomy is the whole reference set, as GET /api/v1/taxonomy serves it.
type Taxonomy struct {
	Sectors       []Term `json:"sectors"`
	TransferForms []Term `json:"transferForms"`
	IPTypes       []Term `json:"ipTypes"`
	IPStatuses    []Term `json:"ipStatuses"`
	TRL           []Term `json:"trl"`
	RejectReasons []Term `json:"rejectReasons"`
	// Matching and transfers.
	DeclineReasons         []Term      `json:"declineReasons"`
	ConnectionStates       []Term      `json:"connectionStates"`
	TransferMethods        []Term      `json:"transferMethods"`
	RegistrationStatuses   []Term      `json:"registrationStatuses"`
	ImplementationStatuses []Term      `json:"implementationStatuses"`
	AdminUnits             []AdminUnit `json:"adminUnits"`
}

// Load reads the taxonomy from the embedded seeds and checks it.
func Load() (*Taxonomy, error) {
	b, err := seeds.Taxonomy()
	if err != nil {
		return nil, err
	}
	var t Taxonomy
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	for name, list := range map[string][]Term{
		"sectors": t.Sectors, "transferForms": t.TransferForms, "ipTypes": t.IPTypes,
		"ipStatuses": t.IPStatuses, "trl": t.TRL, "rejectReasons": t.RejectReasons, "adminUnits": t.units(),
		"declineReasons": t.DeclineReasons, "connectionStates": t.ConnectionStates, "transferMethods": t.TransferMethods,
		"registrationStatuses": t.RegistrationStatuses, "implementationStatuses": t.ImplementationStatuses,
	} {
		if len(list) == 0 {
			return nil, fmt.Errorf("taxonomy: %s is empty", name)
		}
		seen := map[string]bool{}
		for _, x := range list {
			if x.Code == "" || x.VI == "" || x.EN == "" || seen[x.Code] {
				return nil, fmt.Errorf("taxonomy: %s: missing label or duplicate code %q", name, x.Code)
			}
			seen[x.Code] = true
		}
	}
	return &t, nil
}

func (t *Taxonomy) units() []Term {
	out := make([]Term, len(t.AdminUnits))
	for i, u := range t.AdminUnits {
		out[i] = u.Term
	}
	return out
}

// Codes returns the codes of a list, for validation.
func Codes(list []Term) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.Code
	}
	return out
}

// Units returns the administrative units as terms, for labels.
func (t *Taxonomy) Units() []Term { return t.units() }

// UnitCodes returns every administrative unit code.
func (t *Taxonomy) UnitCodes() []string { return Codes(t.units()) }

// Label returns the label of code in lang ("vi" or "en"), or the code.
func Label(list []Term, code, lang string) string {
	i := slices.IndexFunc(list, func(x Term) bool { return x.Code == code })
	switch {
	case i < 0:
		return code
	case lang == "en":
		return list[i].EN
	default:
		return list[i].VI
	}
}
