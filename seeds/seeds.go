// Package seeds embeds the data files the binary loads: demo organisations
// and accounts now, reference data (sectors, administrative units) as the
// catalog arrives. Data, not code: edit the JSON, not Go.
package seeds

import (
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed *.json
var files embed.FS

// DemoAccount is a person of the demo data.
type DemoAccount struct {
	Email    string   `json:"email"`
	FullName string   `json:"fullName"`
	Roles    []string `json:"roles"`
	Label    string   `json:"label"` // what the login page calls this account
}

// DemoOrganization is an organisation of the demo data, with a fixed id so
// loading twice changes nothing.
type DemoOrganization struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Status  string   `json:"status"`
	Owner   string   `json:"owner"`
	Members []string `json:"members"`
	Note    string   `json:"note"`
	// Description is what its public page says of it.
	Description string `json:"description,omitempty"`
	// Evidence is what the organisation shows the department (tax code,
	// registration, address…), as the organisation's own JSON field reads it.
	Evidence json.RawMessage `json:"evidence,omitempty"`
}

// Demo is the demo data set.
type Demo struct {
	Password      string             `json:"password"`
	Accounts      []DemoAccount      `json:"accounts"`
	Organizations []DemoOrganization `json:"organizations"`
}

// LoadDemo parses demo.json.
func LoadDemo() (Demo, error) {
	var d Demo
	b, err := files.ReadFile("demo.json")
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return d, fmt.Errorf("seeds: demo.json: %w", err)
	}
	return d, nil
}

// Taxonomy returns taxonomy.json: sectors, transfer forms, IP types and
// statuses, TRL levels, moderation reasons and administrative units.
func Taxonomy() ([]byte, error) { return files.ReadFile("taxonomy.json") }

// Listings returns listings.json, the demo catalogue.
func Listings() ([]byte, error) { return files.ReadFile("listings.json") }

// MatchingLabel is one need of the matching evaluation set with the offers
// an officer would introduce, best first.
type MatchingLabel struct {
	NeedID   string   `json:"needId"`
	Title    string   `json:"title"`
	Relevant []string `json:"relevant"`
}

// MatchingEval reads the labelled set the matcher is measured on.
func MatchingEval() ([]MatchingLabel, error) {
	b, err := files.ReadFile("matching-eval.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Needs []MatchingLabel `json:"needs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("matching-eval.json: %w", err)
	}
	return doc.Needs, nil
}

// Support returns support.json: the demo support programme and a recorded
// technology transfer an enterprise's application can point at.
func Support() ([]byte, error) { return files.ReadFile("support.json") }

// Plan returns plan.json: the province's plans with their agencies (as
// named then, with their successors) and targets.
func Plan() ([]byte, error) { return files.ReadFile("plan.json") }

// StatisticsForms returns statistics-forms.json: the ministry's statistical
// forms as data (rows, columns, labels and the metric filling each cell).
func StatisticsForms() ([]byte, error) { return files.ReadFile("statistics-forms.json") }

// SearchEvalListing is a listing added to the demo catalogue for the search
// evaluation only (regional words, English titles the demo lacks).
type SearchEvalListing struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Keywords  []string `json:"keywords"`
	Sectors   []string `json:"sectors"`
	TitleEn   string   `json:"titleEn"`
	SummaryEn string   `json:"summaryEn"`
}

// SearchEvalQuery is one labelled query: its kind (plain, or one of the
// hard kinds) and the listings a person wants, graded 2 (wanted) or 1
// (related).
type SearchEvalQuery struct {
	Kind     string         `json:"kind"`
	Q        string         `json:"q"`
	Relevant map[string]int `json:"relevant"`
}

// SearchEval is search-eval.json: labelled queries written before tuning.
type SearchEval struct {
	Listings []SearchEvalListing `json:"listings"`
	Queries  []SearchEvalQuery   `json:"queries"`
}

// LoadSearchEval reads the labelled set the search is measured on.
func LoadSearchEval() (SearchEval, error) {
	var doc SearchEval
	b, err := files.ReadFile("search-eval.json")
	if err != nil {
		return doc, err
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return doc, fmt.Errorf("search-eval.json: %w", err)
	}
	return doc, nil
}

// SynonymSeed is one rule of the starter synonyms: equivalent Terms, or,
// with Expansions, Terms that also find the Expansions (one way).
type SynonymSeed struct {
	Terms      []string `json:"terms"`
	Expansions []string `json:"expansions"`
	Note       string   `json:"note"`
}

// Synonyms reads synonyms.json, the reviewed starter set loaded on the
// first start: regional variants, abbreviations, local product names and
// the Vietnamese–English glossary of sectors and products.
func Synonyms() ([]SynonymSeed, error) {
	b, err := files.ReadFile("synonyms.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rules []SynonymSeed `json:"rules"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("synonyms.json: %w", err)
	}
	return doc.Rules, nil
}

// Tasks returns tasks.json: a commissioned S&T task of the demo, decided
// (performer, appraised budget, approval decision) and waiting for its
// contract.
func Tasks() ([]byte, error) { return files.ReadFile("tasks.json") }

// Events returns events.json: a published Techmart of the demo, its dates
// in days from the load day, with an exhibitor and a participant approved.
func Events() ([]byte, error) { return files.ReadFile("events.json") }
