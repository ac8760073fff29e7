package matching

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/search"
)

// Points each feature can give; they add up to 100.
const (
	ptsText     = 35
	ptsSector   = 20
	ptsKeywords = 10
	ptsTRL      = 10
	ptsPrice    = 10
	ptsForm     = 5
	ptsPlace    = 5
	ptsVerified = 3
	ptsFresh    = 2
)

// Reason is one readable ground for a score; Positive is false for a
// mismatch worth knowing (TRL below the need's minimum, price over budget).
type Reason struct {
	Code     string            `json:"code"`
	Params   map[string]string `json:"params,omitempty"`
	Positive bool              `json:"positive"`
}

// side is a listing as scoring sees it: from the store for the listing
// being matched, from the index for a candidate.
type side struct {
	ID          string
	Kind        string
	OrgID       string
	Title       string
	Keywords    []string
	Sectors     []string
	Forms       []string
	AdminUnit   string
	TRL         int
	TRLMin      int
	PriceMin    int64
	BudgetMax   int64
	PublishedAt time.Time
	Verified    bool

	focus map[string]float64 // weighted terms of title, keywords, summary, problem
	all   map[string]bool    // every term of the public text
	pairs map[string]bool    // adjacent term pairs ("bao quan"), for phrases

	summary, rest string      // the public text besides title and keywords
	pt            *phraseText // the same, for phrase lookups (see phrases)
}

func fromListing(l catalog.Listing) side {
	s := side{ID: l.ID, Kind: l.Kind, OrgID: l.OrgID, Title: l.Title, Keywords: l.Keywords, Sectors: l.Sectors,
		Forms: l.TransferForms, AdminUnit: l.AdminUnit, TRL: l.TRL, TRLMin: l.TRLMin}
	if l.Price != nil {
		s.PriceMin = l.Price.Min
	}
	if l.Budget != nil {
		s.BudgetMax = l.Budget.Max
	}
	if l.PublishedAt != nil {
		s.PublishedAt = *l.PublishedAt
	}
	text := []string{l.Description, l.Advantages, l.Applications}
	if l.Requirements != nil {
		text = append(text, l.Requirements.Must...)
	}
	s.terms(l.Summary+"\n"+l.Problem, strings.Join(text, "\n"))
	// Phrases are looked for in the same text the index holds of a
	// candidate (catalog's projection), so both sides read alike.
	all := []string{l.Description, l.Advantages, l.Applications, l.Problem, l.Holder}
	if l.Requirements != nil {
		all = append(append(all, l.Requirements.Must...), l.Requirements.Nice...)
	}
	s.summary, s.rest = l.Summary, strings.Join(all, "\n")
	s.phrases()
	return s
}

func fromDoc(d search.Doc) side {
	s := side{ID: d.ID, Kind: d.Kind, OrgID: d.OrgID, Title: d.Title, Keywords: d.Keywords, Sectors: d.Sectors,
		Forms: d.TransferForms, AdminUnit: d.AdminUnit, TRL: d.TRL, PriceMin: d.PriceMin, BudgetMax: d.BudgetMax,
		PublishedAt: d.PublishedAt}
	if d.Kind == catalog.KindDemand {
		// The index keeps a need's minimum TRL only in its public view.
		var v struct {
			TRLMin int `json:"trlMin"`
		}
		_ = json.Unmarshal(d.Source, &v)
		s.TRLMin = v.TRLMin
	}
	s.terms(d.Summary, clip(d.Text, 1500))
	s.summary, s.rest = d.Summary, d.Text
	return s
}

// clip keeps the first n bytes of s, cut at a space: the opening of a long
// description says what it is about, and analysing all of it for every
// candidate was a fifth of a request.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	return s[:n]
}

// terms fills the term sets: title and keywords weigh 2, the summary (and a
// need's problem) 1; the rest of the text only counts as "present".
func (s *side) terms(summary, rest string) {
	s.focus, s.all, s.pairs = map[string]float64{}, map[string]bool{}, map[string]bool{}
	add := func(text string, w float64) {
		ws := content(search.Words(text))
		for i, t := range ws {
			if w > 0 {
				s.focus[t] = max(s.focus[t], w)
			}
			s.all[t] = true
			if i > 0 {
				s.pairs[ws[i-1]+" "+t] = true
			}
		}
	}
	add(s.Title, 2)
	for _, k := range s.Keywords {
		add(k, 2)
	}
	add(summary, 1)
	add(rest, 0)
}

// content drops words that say nothing about the subject; folded, so one
// entry covers every tone.
func content(ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		if len(w) > 1 && !stop[w] {
			out = append(out, w)
		}
	}
	return out
}

// stop also holds the province's names and "sản phẩm": in nearly every
// listing, and place has its own feature.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`can cong nghe cho cua va cac co trong duoc voi tu mot de tai la nhu khi theo tren
		duoi nay do cung ve ra vao den nhung hoac khong da se bang nhieu it quy trinh he thong giai phap
		ung dung phat trien nang cao hieu qua chat luong thuc hien tinh ho tro gom moi tot hon cao thap
		doanh nghiep cong ty hop tac xa co so vien truong dai hoc trung tam nam thang ngay dang muon
		yeu cau tim kiem dat tren duoi sau truoc lam dung su viec dieu kien toi thieu toi da
		san pham bac kan thai nguyen`) {
		m[w] = true
	}
	return m
}()

// textSimilarity is how much of the need's focus the offer covers, with
// shared two-word phrases counting extra: 0 to 1.
func textSimilarity(src, cand side) float64 {
	var got, total float64
	for t, w := range src.focus {
		total += w
		if cand.all[t] {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	phrases := 0
	for p := range src.pairs {
		if cand.pairs[p] {
			phrases++
		}
	}
	return min(1, got/total+0.05*float64(phrases))
}

// focusSimilarity is textSimilarity against cand's focus only (title,
// keywords, summary), not its whole text.
func focusSimilarity(src, cand side) float64 {
	c := cand
	c.all = make(map[string]bool, len(cand.focus))
	for t := range cand.focus {
		c.all[t] = true
	}
	return textSimilarity(src, c)
}

// score rates how well src and cand fit, 0–100, with the reasons. One of
// them is a need and the other an offer, in either order.
//
// w weighs words by how rare they are in the catalogue (uniform: all alike).
func score(src, cand side, now time.Time, w weights) (int, []Reason) {
	need, offer := src, cand
	if src.Kind != catalog.KindDemand {
		need, offer = cand, src
	}
	var pts float64
	var rs []Reason
	add := func(p float64, code string, positive bool, params map[string]string) {
		pts += p
		if code != "" {
			rs = append(rs, Reason{Code: code, Params: params, Positive: positive})
		}
	}

	// Text and keywords are always read from the need's side first: how
	// much of what the need asks for the offer covers. Read from whichever
	// listing was being matched, the same pair scored differently on each
	// page, and a need's long problem statement made strong-looking pairs
	// of offers that shared a word or two with it.
	sim := textSimilarity(need, offer)
	// The other way round only against the need's own focus: any short
	// offer title is "covered" by some long problem statement.
	if back := focusSimilarity(offer, need); back > sim {
		sim = (sim + back) / 2
	}
	// Keywords of either listing found as phrases in the other; words
	// common across the catalogue weigh less, and one alone weighs little.
	if kw := sharedPhrases(&need, &offer, w); len(kw) > 0 {
		var sum float64
		names := make([]string, 0, 3)
		for i, k := range kw {
			sum += k.weight
			if i < 3 {
				names = append(names, k.text)
			}
		}
		add(min(ptsKeywords*sum, ptsKeywords), "shared_keywords", true, map[string]string{"keywords": strings.Join(names, ", ")})
	}
	textPts := ptsText * min(1, sim/0.6)
	if sim >= 0.3 {
		add(textPts, "text", true, nil)
	} else {
		add(textPts, "", true, nil)
	}
	if i := slices.IndexFunc(src.Sectors, func(s string) bool { return slices.Contains(cand.Sectors, s) }); i >= 0 {
		add(ptsSector, "same_sector", true, map[string]string{"sector": src.Sectors[i]})
	}
	switch {
	case need.TRLMin == 0:
		add(ptsTRL/2, "", true, nil)
	case offer.TRL >= need.TRLMin:
		add(ptsTRL, "trl_ok", true, map[string]string{"trl": strconv.Itoa(offer.TRL), "min": strconv.Itoa(need.TRLMin)})
	case offer.TRL == 0:
		add(ptsTRL/4, "", true, nil)
	default:
		add(0, "trl_low", false, map[string]string{"trl": strconv.Itoa(offer.TRL), "min": strconv.Itoa(need.TRLMin)})
	}
	switch {
	case need.BudgetMax == 0 || offer.PriceMin == 0:
		add(ptsPrice/2, "", true, nil)
	case offer.PriceMin <= need.BudgetMax:
		add(ptsPrice, "price_in_budget", true, nil)
	default:
		add(0, "price_over_budget", false, nil)
	}
	if i := slices.IndexFunc(need.Forms, func(f string) bool { return slices.Contains(offer.Forms, f) }); i >= 0 {
		add(ptsForm, "form_match", true, map[string]string{"form": need.Forms[i]})
	} else if len(need.Forms) == 0 || len(offer.Forms) == 0 {
		add(ptsForm/2, "", true, nil)
	}
	if src.AdminUnit != "" && src.AdminUnit == cand.AdminUnit {
		add(ptsPlace, "same_place", true, map[string]string{"unit": src.AdminUnit})
	}
	if cand.Verified {
		add(ptsVerified, "verified", true, nil)
	}
	if !cand.PublishedAt.IsZero() {
		switch age := now.Sub(cand.PublishedAt); {
		case age <= 90*24*time.Hour:
			add(ptsFresh, "fresh", true, nil)
		case age <= 365*24*time.Hour:
			add(ptsFresh/2, "", true, nil)
		}
	}
	return min(100, int(pts+0.5)), rs
}

// related reports whether a candidate is about the same thing at all: a
// shared sector or some shared words. Without it, TRL, price and freshness
// alone would rank strangers.
func related(src, cand side) bool {
	if slices.ContainsFunc(src.Sectors, func(s string) bool { return slices.Contains(cand.Sectors, s) }) {
		return true
	}
	return textSimilarity(src, cand) >= 0.15 || textSimilarity(cand, src) >= 0.15
}
