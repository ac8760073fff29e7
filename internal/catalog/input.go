package catalog

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Input is what a client sends to create or change a listing. Every field
// is optional in a PATCH: absent (nil) leaves the value alone.
type Input struct {
	Kind *string `json:"kind" rule:"enum=ListingKind"`
	// Task, set only in Go (never from a request), makes the draft the
	// results of a commissioned task: the task's service has checked who
	// may publish them (the performer's members, officers) and names the
	// performer as OrgID.
	Task    *TaskLink `json:"-"`
	OrgID   *string   `json:"orgId"`
	Title   *string   `json:"title" rule:"min=10,max=150"`
	Summary *string   `json:"summary" rule:"min=40,max=1000"`
	// TitleEn and SummaryEn are the optional English title and summary,
	// shown in the English interface and searched.
	TitleEn      *string   `json:"titleEn" rule:"max=150"`
	SummaryEn    *string   `json:"summaryEn" rule:"max=1000"`
	Description  *string   `json:"description"`
	Advantages   *string   `json:"advantages"`
	Applications *string   `json:"applications"`
	Sectors      *[]string `json:"sectors"`
	Keywords     *[]string `json:"keywords"`
	AdminUnit    *string   `json:"adminUnit"`
	Contact      *Contact  `json:"contact"`
	ValidUntil   *string   `json:"validUntil"`

	TRL           *int      `json:"trl" rule:"min=1,max=9"`
	TransferForms *[]string `json:"transferForms"`
	Price         *Price    `json:"price"`

	IPType     *string `json:"ipType"`
	IPNumber   *string `json:"ipNumber"`
	FilingDate *string `json:"filingDate"`
	GrantDate  *string `json:"grantDate"`
	IPStatus   *string `json:"ipStatus"`
	Holder     *string `json:"holder"`

	Problem             *string       `json:"problem"`
	Requirements        *Requirements `json:"requirements"`
	TRLMin              *int          `json:"trlMin"`
	Budget              *Budget       `json:"budget"`
	Deadline            *string       `json:"deadline"`
	ConfidentialDetails *string       `json:"confidentialDetails"`
}

// rules are the limits declared on Input's fields.
var rules = validate.RulesOf[Input]()

// maxVND bounds amounts far above any real contract and far below 2⁵³, so
// they survive every JSON parser and engine exactly.
const maxVND = 1_000_000_000_000_000

// apply copies the set fields of in onto l, normalising text, and checks
// each field it touched. Kind-specific fields on the wrong kind are
// refused by name.
func (in *Input) apply(c *validate.Checker, l *Listing, tax *taxonomy.Taxonomy, now time.Time) {
	str := func(field string, src *string, dst *string, multiline bool, max int) {
		if src == nil {
			return
		}
		v := validate.Text(*src)
		if multiline {
			v = validate.Multiline(*src)
		}
		*dst = v
		c.Optional(field, v, max)
	}
	only := func(field string, set bool, ok bool) bool {
		if set && !ok {
			c.Add(field, "not_for_kind", "kind", l.Kind)
			return false
		}
		return set
	}
	offer, ip, demand := IsOffer(l.Kind), l.Kind == KindIP, l.Kind == KindDemand

	if in.Title != nil {
		l.Title = validate.Text(*in.Title)
		r := rules.Of("title")
		c.Name("title", l.Title, r.Min, r.Max)
	}
	if in.Summary != nil {
		l.Summary = validate.Text(*in.Summary)
		r := rules.Of("summary")
		c.Reason("summary", l.Summary, r.Min, r.Max)
	}
	if in.TitleEn != nil {
		l.TitleEn = validate.Text(*in.TitleEn)
		if l.TitleEn != "" {
			c.Name("titleEn", l.TitleEn, 1, rules.Of("titleEn").Max)
		}
	}
	str("summaryEn", in.SummaryEn, &l.SummaryEn, false, rules.Of("summaryEn").Max)
	str("description", in.Description, &l.Description, true, 10000)
	str("advantages", in.Advantages, &l.Advantages, true, 5000)
	str("applications", in.Applications, &l.Applications, true, 5000)
	if in.Sectors != nil {
		l.Sectors = codes(c, "sectors", *in.Sectors, taxonomy.Codes(tax.Sectors), 3)
	}
	if in.Keywords != nil {
		l.Keywords = keywords(c, *in.Keywords)
	}
	if in.AdminUnit != nil {
		l.AdminUnit = *in.AdminUnit
		if l.AdminUnit != "" {
			c.OneOf("adminUnit", l.AdminUnit, tax.UnitCodes())
		}
	}
	if in.Contact != nil {
		l.Contact = Contact{Name: validate.Text(in.Contact.Name), Phone: validate.Text(in.Contact.Phone)}
		c.Optional("contact.name", l.Contact.Name, 120)
		if in.Contact.Email != "" {
			l.Contact.Email = c.Email("contact.email", in.Contact.Email)
		}
		if p := l.Contact.Phone; p != "" && (utf8.RuneCountInString(p) > 20 || strings.Trim(p, "0123456789 +().-") != "") {
			c.Add("contact.phone", "invalid_phone")
		}
	}
	if in.ValidUntil != nil {
		l.ValidUntil = nil
		if t, ok := c.Date("validUntil", *in.ValidUntil); ok {
			switch {
			case !t.After(now):
				c.Add("validUntil", "not_in_future")
			case t.After(now.Add(2 * Validity)):
				c.Add("validUntil", "too_far", "maxMonths", 24)
			default:
				// To the end of that day in Vietnam, where it is read.
				end := time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, 0, calendar.Vietnam).UTC()
				l.ValidUntil = &end
			}
		}
	}

	if only("trl", in.TRL != nil, offer) {
		l.TRL = *in.TRL
		if r := rules.Of("trl"); l.TRL < r.Min || l.TRL > r.Max {
			c.Add("trl", "out_of_range", "min", r.Min, "max", r.Max)
		}
	}
	if in.TransferForms != nil {
		l.TransferForms = codes(c, "transferForms", *in.TransferForms, taxonomy.Codes(tax.TransferForms), 6)
	}
	if only("price", in.Price != nil, offer) {
		p := *in.Price
		l.Price = &p
		c.OneOf("price.mode", p.Mode, PriceModes)
		checkAmounts(c, "price", p.Min, p.Max)
		switch p.Mode {
		case "fixed":
			if p.Min == 0 {
				c.Add("price.min", "required")
			}
			if p.Max != 0 {
				c.Add("price.max", "not_for_mode")
			}
		case "range":
			if p.Min == 0 {
				c.Add("price.min", "required")
			}
			if p.Max == 0 {
				c.Add("price.max", "required")
			}
		case "negotiable":
			l.Price.Min, l.Price.Max = 0, 0
		}
	}

	if only("ipType", in.IPType != nil, ip) {
		l.IPType = *in.IPType
		c.OneOf("ipType", l.IPType, taxonomy.Codes(tax.IPTypes))
	}
	if only("ipStatus", in.IPStatus != nil, ip) {
		l.IPStatus = *in.IPStatus
		c.OneOf("ipStatus", l.IPStatus, taxonomy.Codes(tax.IPStatuses))
	}
	if only("ipNumber", in.IPNumber != nil, ip) {
		str("ipNumber", in.IPNumber, &l.IPNumber, false, 40)
	}
	if only("holder", in.Holder != nil, ip) {
		str("holder", in.Holder, &l.Holder, false, 200)
	}
	if only("filingDate", in.FilingDate != nil, ip) {
		l.FilingDate = *in.FilingDate
		c.Date("filingDate", l.FilingDate)
	}
	if only("grantDate", in.GrantDate != nil, ip) {
		l.GrantDate = *in.GrantDate
		c.Date("grantDate", l.GrantDate)
	}
	if l.FilingDate != "" && l.GrantDate != "" && l.GrantDate < l.FilingDate && !c.Has("grantDate") && !c.Has("filingDate") {
		c.Add("grantDate", "before_filing")
	}

	if only("problem", in.Problem != nil, demand) {
		str("problem", in.Problem, &l.Problem, true, 5000)
	}
	if only("requirements", in.Requirements != nil, demand) {
		l.Requirements = &Requirements{Must: lines(c, "requirements.must", in.Requirements.Must), Nice: lines(c, "requirements.nice", in.Requirements.Nice)}
	}
	if only("trlMin", in.TRLMin != nil, demand) {
		l.TRLMin = *in.TRLMin
		if l.TRLMin < 0 || l.TRLMin > 9 {
			c.Add("trlMin", "out_of_range", "min", 1, "max", 9)
		}
	}
	if only("budget", in.Budget != nil, demand) {
		b := *in.Budget
		l.Budget = &b
		checkAmounts(c, "budget", b.Min, b.Max)
	}
	if only("deadline", in.Deadline != nil, demand) {
		l.Deadline = *in.Deadline
		c.Date("deadline", l.Deadline)
	}
	if only("confidentialDetails", in.ConfidentialDetails != nil, demand) {
		str("confidentialDetails", in.ConfidentialDetails, &l.ConfidentialDetails, true, 5000)
	}
}

func checkAmounts(c *validate.Checker, field string, min, max int64) {
	if min < 0 || min > maxVND {
		c.Add(field+".min", "out_of_range", "min", 0, "max", int64(maxVND))
	}
	if max < 0 || max > maxVND {
		c.Add(field+".max", "out_of_range", "min", 0, "max", int64(maxVND))
	}
	if min > 0 && max > 0 && max < min {
		c.Add(field+".max", "less_than_min")
	}
}

// codes checks a list of taxonomy codes: known, no more than max, no
// duplicates (dropped).
func codes(c *validate.Checker, field string, in, known []string, max int) []string {
	out := []string{}
	for _, v := range in {
		if !slices.Contains(known, v) {
			c.Add(field, "invalid_choice", "choices", known)
			return out
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) > max {
		c.Add(field, "too_many", "max", max)
	}
	return out
}

func keywords(c *validate.Checker, in []string) []string {
	out := []string{}
	for _, k := range in {
		k = validate.Text(k)
		if k == "" || slices.Contains(out, k) {
			continue
		}
		if n := utf8.RuneCountInString(k); n > 40 || strings.ContainsAny(k, "<>") {
			c.Add("keywords", "invalid_keyword")
			return out
		}
		out = append(out, k)
	}
	if len(out) > 10 {
		c.Add("keywords", "too_many", "max", 10)
	}
	return out
}

func lines(c *validate.Checker, field string, in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = validate.Text(s); s != "" {
			out = append(out, s)
			c.Reason(field, s, 1, 300)
		}
	}
	if len(out) > 20 {
		c.Add(field, "too_many", "max", 20)
	}
	return out
}

// checkComplete is what submitting asks beyond valid fields: a listing the
// department can judge and a reader can act on.
func checkComplete(c *validate.Checker, l *Listing) {
	need := func(field string, ok bool) {
		if !ok && !c.Has(field) {
			c.Add(field, "required")
		}
	}
	need("title", l.Title != "")
	need("summary", l.Summary != "")
	need("sectors", len(l.Sectors) > 0)
	switch {
	case l.Kind == KindDemand:
		need("problem", l.Problem != "")
		need("transferForms", len(l.TransferForms) > 0)
	default:
		need("trl", l.TRL > 0)
		need("transferForms", len(l.TransferForms) > 0)
		need("price", l.Price != nil)
	}
	if l.Kind == KindIP {
		need("ipType", l.IPType != "")
		need("ipStatus", l.IPStatus != "")
		need("holder", l.Holder != "")
	}
}

// TaskLink names the commissioned task (and the need it answered) a
// listing publishes the results of.
type TaskLink struct {
	TaskID, NeedID string
	// ListingID is the id the task claimed for the listing before creating it.
	ListingID string
}
