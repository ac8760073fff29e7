package matching

import (
	"strings"

	"github.com/techmart-vn/techmart/internal/taxonomy"
)

type text struct{ vi, en string }

// reasonTexts are the reasons as people read them; {name} is a parameter.
var reasonTexts = map[string]text{
	"proposed":          {"Sở KH&CN đề xuất kết nối", "Proposed by the department"},
	"text":              {"Nội dung mô tả tương đồng", "Similar description"},
	"shared_keywords":   {"Chung từ khóa: {keywords}", "Shared keywords: {keywords}"},
	"same_sector":       {"Cùng lĩnh vực {sector}", "Same sector: {sector}"},
	"trl_ok":            {"Mức sẵn sàng TRL {trl} ({trlWords}): đạt mức tối thiểu TRL {min} ({minWords})", "Readiness TRL {trl} ({trlWords}): meets the minimum of TRL {min} ({minWords})"},
	"trl_low":           {"Mức sẵn sàng TRL {trl} ({trlWords}): thấp hơn mức tối thiểu TRL {min} ({minWords})", "Readiness TRL {trl} ({trlWords}): below the minimum of TRL {min} ({minWords})"},
	"price_in_budget":   {"Giá trong ngân sách", "Price within budget"},
	"price_over_budget": {"Giá vượt ngân sách", "Price above budget"},
	"form_match":        {"Hình thức chuyển giao phù hợp: {form}", "Transfer form fits: {form}"},
	"same_place":        {"Cùng địa bàn: {unit}", "Same place: {unit}"},
	"verified":          {"Tổ chức đã được Sở xác minh", "Organisation verified by the department"},
	"fresh":             {"Tin mới đăng", "Recently published"},
}

// Text is r as a person reads it in lang, with codes turned into labels.
func (r Reason) Text(tax *taxonomy.Taxonomy, lang string) string {
	t, ok := reasonTexts[r.Code]
	if !ok {
		return r.Code
	}
	s := t.vi
	if lang == "en" {
		s = t.en
	}
	for k, v := range r.Params {
		switch k {
		case "sector":
			v = taxonomy.Label(tax.Sectors, v, lang)
			if lang != "en" {
				v = lowerFirst(v)
			}
		case "form":
			v = strings.ToLower(taxonomy.Label(tax.TransferForms, v, lang))
		case "unit":
			v = taxonomy.Label(tax.Units(), v, lang)
		case "trl", "min":
			// The level's name beside its number: "TRL 8" alone says
			// little to most readers.
			words := "{trlWords}"
			if k == "min" {
				words = "{minWords}"
			}
			s = strings.ReplaceAll(s, words, lowerFirst(taxonomy.Label(tax.TRL, v, lang)))
		}
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	if r.Code == "proposed" && r.Params["note"] != "" {
		s += ": " + r.Params["note"]
	}
	return s
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}
