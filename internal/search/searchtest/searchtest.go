// Package searchtest is the conformance suite every search engine passes:
// the same fixtures and the same expectations, so Bleve (always) and
// Meilisearch (when MEILI_URL is set) behave alike where users can tell.
// It asserts relations (this before that, found or not), never scores.
package searchtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/techmart-vn/techmart/internal/search"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func doc(id, kind, title, summary string, f func(*search.Doc)) search.Doc {
	d := search.Doc{
		ID: id, Version: 1, Kind: kind, Title: title, Summary: summary,
		OrgID: "org1", OrgName: "Viện Khoa học Sự sống", OrgKind: "institute",
		PublishedAt: now.Add(-time.Duration(len(id)) * time.Hour), ExpiresAt: now.AddDate(1, 0, 0),
		Source: []byte(`{"id":"` + id + `"}`),
	}
	if f != nil {
		f(&d)
	}
	return d
}

// Fixtures are the documents every engine is loaded with.
func Fixtures() []search.Doc {
	return []search.Doc{
		doc("che1", "technology", "Quy trình chế biến chè Shan tuyết", "Công nghệ sao sấy chè xanh từ búp chè Shan tuyết cổ thụ.", func(d *search.Doc) {
			d.Sectors, d.TransferForms, d.TRL, d.PriceMin, d.PriceMax = []string{"agri_processing"}, []string{"licence", "training"}, 7, 150_000_000, 300_000_000
			d.Keywords = []string{"chè", "sấy"}
			d.AdminUnit = "bac_kan"
		}),
		doc("mien1", "technology", "Sản xuất miến dong sạch", "Dây chuyền làm miến từ tinh bột dong riềng, không dùng hoá chất tẩy trắng.", func(d *search.Doc) {
			d.Sectors, d.TransferForms, d.TRL, d.PriceMin = []string{"agri_processing"}, []string{"assignment"}, 8, 500_000_000
			d.AdminUnit = "cho_don"
			d.Events = []string{"fair2026"}
		}),
		doc("quyt1", "ip", "Nhãn hiệu tập thể Quýt Bắc Kạn", "Quýt được trồng theo VietGAP tại vùng Chợ Đồn.", func(d *search.Doc) {
			d.Sectors, d.TRL = []string{"hitech_agri"}, 9
			d.OrgKind = "st_org"
		}),
		doc("hoa1", "equipment", "Máy sấy năng lượng mặt trời", "Thiết bị sấy nông sản dùng năng lượng mặt trời, hoà mạng điện lưới.", func(d *search.Doc) {
			d.Sectors, d.TransferForms, d.TRL = []string{"clean_energy", "agri_processing"}, []string{"equipment_sale"}, 6
			d.Text = "Phù hợp sấy chè, quế, hồi."
			d.TitleEn, d.SummaryEn = "Solar dryer", "Dries farm produce with solar energy."
		}),
		doc("nuoc1", "technology", "Xử lý nước thải làng nghề", "Bể lọc sinh học cho nước thải chế biến tinh bột.", func(d *search.Doc) {
			d.Sectors, d.TRL = []string{"environment"}, 5
			d.Text = "Áp dụng tại các cơ sở sản xuất miến dong và tinh bột."
		}),
		doc("need1", "demand", "Cần công nghệ đóng gói chè túi lọc", "Hợp tác xã cần dây chuyền đóng gói chè túi lọc công suất nhỏ.", func(d *search.Doc) {
			d.Sectors, d.TransferForms = []string{"agri_processing"}, []string{"equipment_sale"}
			d.OrgKind = "enterprise"
			d.Events = []string{"fair2026", "demo2026"}
		}),
		doc("old1", "technology", "Công nghệ ủ phân vi sinh đã hết hạn", "Tin đã hết hạn, không được hiện.", func(d *search.Doc) {
			d.ExpiresAt = now.Add(-time.Hour)
		}),
	}
}

// T is what the suite needs from its runner: *testing.T through Run, or
// the operator's self-test (techmart selftest) through Check. Fatal and
// Fatalf end the current check.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Fatal(args ...any)
	// Run runs f as a named check.
	Run(name string, f func(t T))
}

type testingT struct{ *testing.T }

func (t testingT) Run(name string, f func(T)) {
	t.T.Run(name, func(tt *testing.T) { f(testingT{tt}) })
}

// Run loads the fixtures into e (which must be empty) and checks it.
func Run(t *testing.T, e search.Engine) { Check(testingT{t}, e) }

// Check is Run for any runner.
func Check(t T, e search.Engine) {
	ctx := context.Background()
	if err := e.Upsert(ctx, Fixtures()...); err != nil {
		t.Fatal(err)
	}
	active := search.Filter{ActiveAt: now}
	ids := func(t T, q search.Query) []string {
		t.Helper()
		if q.PageSize == 0 {
			q.PageSize = 20
		}
		if q.Filter.ActiveAt.IsZero() {
			q.Filter.ActiveAt = now
		}
		r, err := e.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		out := []string{}
		for _, h := range r.Hits {
			out = append(out, h.Doc.ID)
		}
		return out
	}
	text := func(t T, s string) []string { t.Helper(); return ids(t, search.Query{Text: s}) }

	t.Run("normalisation", func(t T) {
		for _, q := range []string{
			"che shan tuyet", "CHÈ SHAN TUYẾT", norm.NFD.String("chè Shan tuyết"), "mien dong", "quyt bac kan",
			"Quýt, Bắc-Kạn!", "hòa mạng", "hoà mạng", "ĐÓNG GÓI", "dong goi",
		} {
			if got := text(t, q); len(got) == 0 {
				t.Errorf("%q found nothing", q)
			}
		}
		if got := text(t, "quyt"); !slices.Contains(got, "quyt1") {
			t.Errorf("quyt: %v", got)
		}
	})
	t.Run("typos by word length", func(t T) {
		cases := []struct {
			q     string
			id    string
			found bool
		}{
			{"tuyett", "che1", true},      // 6 letters: one typo allowed
			{"shan tuyeet", "che1", true}, // one typo in the last word
			{"nanng luong", "hoa1", true}, // 5 letters, one typo
			{"xuyet", "che1", false},      // never on the first letter
			{"xhe", "che1", false},        // 3 letters: no typo
			{"quyr", "quyt1", false},      // 4 letters: no typo
			{"tuyettt", "che1", false},    // 7 letters: one typo, not two
		}
		for _, tc := range cases {
			if got := text(t, tc.q); slices.Contains(got, tc.id) != tc.found {
				t.Errorf("%q: %v, want %s found=%v", tc.q, got, tc.id, tc.found)
			}
		}
	})
	t.Run("prefix on the last word only", func(t T) {
		if got := text(t, "shan tuye"); !slices.Contains(got, "che1") {
			t.Errorf("shan tuye: %v", got)
		}
		if got := text(t, "sha"); !slices.Contains(got, "che1") {
			t.Errorf("sha typed last is a prefix of shan: %v", got)
		}
		// No document holds "sha" as a word: a result may come only from
		// relaxing the query, and says so.
		if r, err := e.Search(ctx, search.Query{Text: "sha tuyet", PageSize: 20, Filter: active}); err != nil {
			t.Fatal(err)
		} else if len(r.Hits) > 0 && !r.Relaxed {
			t.Errorf("sha is not the last word, so not a prefix: %v", r.Hits[0].Doc.ID)
		}
	})
	t.Run("all words before some, trailing words dropped", func(t T) {
		got := text(t, "sấy chè")
		if len(got) < 2 || got[0] != "che1" {
			t.Errorf("sấy chè: %v", got)
		}
		if got := text(t, "chè shan tuyết xyzzyqwerty"); !slices.Contains(got, "che1") {
			t.Errorf("an unknown trailing word must be dropped: %v", got)
		}
		if a, b := text(t, "tuyết shan"), text(t, "shan tuyết"); !slices.Contains(a, "che1") || !slices.Contains(b, "che1") {
			t.Errorf("word order: %v %v", a, b)
		}
	})
	t.Run("any word: more words found rank higher, no typos", func(t T) {
		q := search.Query{Text: "sấy túi shan xyzzyqwerty", Any: true, NoFacets: true, PageSize: 20, Filter: active}
		r, err := e.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, h := range r.Hits {
			got = append(got, h.Doc.ID)
		}
		// need1 holds túi; che1 sấy and shan; hoa1 sấy. (Folded, chè would also
		// find chế in "chế biến", and đóng the dong of "miến dong".)
		for _, id := range []string{"need1", "che1", "hoa1"} {
			if !slices.Contains(got, id) {
				t.Errorf("%s missing: %v", id, got)
			}
		}
		if len(got) > 0 && got[0] != "che1" {
			t.Errorf("che1 holds two of the words and must rank first: %v", got)
		}
		if slices.Contains(got, "mien1") || slices.Contains(got, "quyt1") {
			t.Errorf("documents without any of the words: %v", got)
		}
		if len(r.Facets) != 0 {
			t.Errorf("NoFacets still counted facets: %v", r.Facets)
		}
		offers := ids(t, search.Query{Text: "sấy túi shan", Any: true, Filter: search.Filter{Kinds: []string{"technology", "equipment", "ip"}, ActiveAt: now}})
		if slices.Contains(offers, "need1") || !slices.Contains(offers, "che1") || !slices.Contains(offers, "hoa1") {
			t.Errorf("the offering side only: %v", offers)
		}
		if got := ids(t, search.Query{Text: "sấy", Any: true, Filter: search.Filter{Kinds: []string{"equipment"}, ActiveAt: now}}); !slices.Equal(got, []string{"hoa1"}) {
			t.Errorf("one kind of offer: %v", got)
		}
		if got := ids(t, search.Query{Text: "quế", Any: true}); len(got) != 0 {
			t.Errorf("Any looks in titles, keywords and summaries, not descriptions: %v", got)
		}
		if got := ids(t, search.Query{Text: "tuyett", Any: true}); len(got) != 0 {
			t.Errorf("Any allows no typos: %v", got)
		}
		if got := ids(t, search.Query{Text: "chè", Any: true, Filter: search.Filter{Kinds: []string{"demand"}, ActiveAt: now}}); !slices.Equal(got, []string{"need1"}) {
			t.Errorf("filters still hold: %v", got)
		}
	})
	t.Run("title before description", func(t T) {
		got := text(t, "miến dong")
		if len(got) < 2 || got[0] != "mien1" || !slices.Contains(got, "nuoc1") {
			t.Errorf("miến dong: %v (title match first, text match later)", got)
		}
	})
	t.Run("empty query in sort order, expired hidden", func(t T) {
		got := ids(t, search.Query{Sort: search.SortNewest, Filter: active})
		if len(got) != 6 || slices.Contains(got, "old1") {
			t.Fatalf("all active: %v", got)
		}
		if got := ids(t, search.Query{Filter: search.Filter{ActiveAt: now.AddDate(-2, 0, 0)}}); !slices.Contains(got, "old1") {
			t.Errorf("before its expiry it shows: %v", got)
		}
	})
	t.Run("typed filters", func(t T) {
		cases := []struct {
			name string
			f    search.Filter
			want []string
		}{
			{"kind", search.Filter{Kinds: []string{"equipment"}}, []string{"hoa1"}},
			{"kind in", search.Filter{Kinds: []string{"ip", "demand"}}, []string{"need1", "quyt1"}},
			{"sector array", search.Filter{Sectors: []string{"clean_energy"}}, []string{"hoa1"}},
			{"trl range", search.Filter{TRLMin: 7, TRLMax: 8}, []string{"che1", "mien1"}},
			{"trl min", search.Filter{TRLMin: 9}, []string{"quyt1"}},
			{"transfer form", search.Filter{TransferForms: []string{"training"}}, []string{"che1"}},
			{"price within", search.Filter{PriceMax: 200_000_000}, []string{"che1"}},
			{"org kind and sector", search.Filter{OrgKinds: []string{"enterprise"}, Sectors: []string{"agri_processing"}}, []string{"need1"}},
			{"value with quotes and AND", search.Filter{AdminUnits: []string{`bac_kan" OR kind = "x`, "a AND b"}}, []string{}},
			{"admin unit", search.Filter{AdminUnits: []string{"cho_don"}}, []string{"mien1"}},
		}
		for _, tc := range cases {
			tc.f.ActiveAt = now
			got := ids(t, search.Query{Filter: tc.f})
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
	t.Run("event filter", func(t T) {
		cases := []struct {
			name string
			q    search.Query
			want []string
		}{
			{"one event: offers and needs shown there", search.Query{Filter: search.Filter{Events: []string{"fair2026"}}}, []string{"mien1", "need1"}},
			{"either of two events", search.Query{Filter: search.Filter{Events: []string{"demo2026", "none"}}}, []string{"need1"}},
			{"with text and kind", search.Query{Text: "che", Filter: search.Filter{Events: []string{"fair2026"}, Kinds: []string{"demand"}}}, []string{"need1"}},
			{"text outside the event", search.Query{Text: "quyt", Filter: search.Filter{Events: []string{"fair2026"}}}, []string{}},
			{"an event nobody shows at", search.Query{Filter: search.Filter{Events: []string{`fair2026" OR kind = "ip`}}}, []string{}},
		}
		for _, tc := range cases {
			got := ids(t, tc.q)
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
	t.Run("facets over the whole filtered set", func(t T) {
		r, err := e.Search(ctx, search.Query{Text: "chè", Filter: active, PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total < 3 || len(r.Hits) != 1 {
			t.Fatalf("total %d, hits %d", r.Total, len(r.Hits))
		}
		kinds := map[string]int{}
		sum := 0
		for _, c := range r.Facets[search.FacetKind] {
			kinds[c.Value] = c.Count
			sum += c.Count
		}
		if sum != r.Total || kinds["technology"] < 1 || kinds["demand"] != 1 {
			t.Errorf("kind facet %v for total %d", r.Facets[search.FacetKind], r.Total)
		}
		trl := r.Facets[search.FacetTRL]
		for i := 1; i < len(trl); i++ {
			if trl[i-1].Value >= trl[i].Value {
				t.Errorf("TRL facet not in level order: %v", trl)
			}
		}
		sec := r.Facets[search.FacetSector]
		for i := 1; i < len(sec); i++ {
			if sec[i-1].Count < sec[i].Count {
				t.Errorf("sector facet not by count: %v", sec)
			}
		}
	})
	t.Run("pages and exact totals", func(t T) {
		var seen []string
		for p := 1; p <= 3; p++ {
			r, err := e.Search(ctx, search.Query{Filter: active, Sort: search.SortNewest, Page: p, PageSize: 2})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != 6 {
				t.Fatalf("page %d total %d", p, r.Total)
			}
			for _, h := range r.Hits {
				seen = append(seen, h.Doc.ID)
			}
		}
		if len(seen) != 6 || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 6 {
			t.Errorf("pages overlap or miss: %v", seen)
		}
	})
	t.Run("highlights wrap the original word", func(t T) {
		r, err := e.Search(ctx, search.Query{Text: "che shan tuyet", Filter: active, PageSize: 1})
		if err != nil || len(r.Hits) == 0 {
			t.Fatal(err)
		}
		h := r.Hits[0].Highlights["title"]
		if !strings.Contains(h, "<mark>chè</mark>") || !strings.Contains(h, "<mark>tuyết</mark>") {
			t.Errorf("title highlight %q", h)
		}
	})
	t.Run("sort by price, missing last", func(t T) {
		asc := ids(t, search.Query{Filter: active, Sort: search.SortPriceAsc})
		if len(asc) < 2 || asc[0] != "che1" || asc[1] != "mien1" {
			t.Errorf("price ascending: %v", asc)
		}
		desc := ids(t, search.Query{Filter: active, Sort: search.SortPriceDesc})
		if len(desc) < 2 || desc[0] != "mien1" || desc[1] != "che1" {
			t.Errorf("price descending: %v", desc)
		}
	})
	t.Run("a sort with text orders strictly", func(t T) {
		// Relevance would put hoa1 (sấy in its title) first; by price the
		// priced che1 comes first and hoa1, without a price, last.
		if got := ids(t, search.Query{Text: "sấy", Sort: search.SortPriceDesc}); len(got) < 2 || got[0] != "che1" || got[len(got)-1] != "hoa1" {
			t.Errorf("sấy by price descending: %v", got)
		}
		published := map[string]time.Time{}
		for _, d := range Fixtures() {
			published[d.ID] = d.PublishedAt
		}
		got := ids(t, search.Query{Text: "chè", Sort: search.SortNewest})
		if len(got) < 3 {
			t.Fatalf("chè, newest: %v", got)
		}
		for i := 1; i < len(got); i++ {
			if published[got[i-1]].Before(published[got[i]]) {
				t.Errorf("chè, newest first: %v", got)
			}
		}
		if got := ids(t, search.Query{Text: "chè shan xyzzyqwerty", Sort: search.SortNewest}); !slices.Equal(got, []string{"che1"}) {
			t.Errorf("a sort still drops an unknown trailing word, and only documents with the rest come: %v", got)
		}
	})
	t.Run("facets keep the most frequent values", func(t T) {
		var docs []search.Doc
		var del []string
		for i := range 105 {
			unit := fmt.Sprintf("unit_%03d", i)
			if i < 3 {
				unit = "zz_busy"
			}
			id := fmt.Sprintf("facet%03d", i)
			docs = append(docs, doc(id, "equipment", "Thiết bị thử", "Tóm tắt.", func(d *search.Doc) { d.AdminUnit, d.OrgKind = unit, "facet_test" }))
			del = append(del, id)
		}
		if err := e.Upsert(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := e.Delete(ctx, del...); err != nil {
				t.Fatal(err)
			}
		}()
		r, err := e.Search(ctx, search.Query{Filter: search.Filter{OrgKinds: []string{"facet_test"}, ActiveAt: now}, PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		au := r.Facets[search.FacetAdminUnit]
		if r.Total != 105 || len(au) != 100 || au[0] != (search.FacetCount{Value: "zz_busy", Count: 3}) {
			t.Errorf("total %d, %d admin units, first %v", r.Total, len(au), au[:min(len(au), 2)])
		}
	})
	t.Run("suggest", func(t T) {
		s, err := e.Suggest(ctx, "may sa", now, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(s) == 0 || s[0].ID != "hoa1" || s[0].Title != "Máy sấy năng lượng mặt trời" {
			t.Errorf("may sa: %v", s)
		}
		if s, _ := e.Suggest(ctx, "ủ phân", now, 5); len(s) != 0 {
			t.Errorf("an expired listing was suggested: %v", s)
		}
	})
	t.Run("synonyms", func(t T) {
		rules := []search.SynonymRule{
			{Terms: []string{"quýt", "quít"}},                            // equivalent
			{Terms: []string{"HTX"}, Expansions: []string{"hợp tác xã"}}, // abbreviation, one way
			{Terms: []string{"bể lọc"}, Expansions: []string{"túi lọc"}}, // one way, several words
			{Terms: []string{"củ dong", "dong riềng"}},                   // equivalent, several words
			{Terms: []string{"tea"}, Expansions: []string{"chè", "trà"}}, // English glossary
		}
		if err := e.SetSynonyms(ctx, search.CompileSynonyms(rules)); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := e.SetSynonyms(ctx, search.Synonyms{}); err != nil {
				t.Fatal(err)
			}
			if got := text(t, "quít"); slices.Contains(got, "quyt1") {
				t.Errorf("cleared synonyms still apply: %v", got)
			}
		}()
		for q, id := range map[string]string{"quít": "quyt1", "quýt": "quyt1", "HTX": "need1", "htx đóng gói": "need1",
			"củ dong": "mien1", "tea": "che1", "bể lọc": "need1"} {
			if got := text(t, q); !slices.Contains(got, id) {
				t.Errorf("%q: %v, want %s", q, got, id)
			}
		}
		if got := text(t, "túi lọc"); slices.Contains(got, "nuoc1") {
			t.Errorf("a one-way rule works one way: túi lọc found bể lọc: %v", got)
		}
	})
	t.Run("Telex and VNI typed with the input method off", func(t T) {
		for q, id := range map[string]string{"quyts": "quyt1", "quy1t": "quyt1", "chef shan": "che1", "mieens dong": "mien1", "che2 shan": "che1"} {
			if got := text(t, q); len(got) == 0 || got[0] != id {
				t.Errorf("%q: %v, want %s first", q, got, id)
			}
		}
	})
	t.Run("partial matches say so", func(t T) {
		// Only che1 holds every word: fewer than enough, so the result adds
		// documents holding some, after it, and says how many hold all.
		for q, exact := range map[string]int{"chè shan tuyết": 1, "chè shan tuyết xyzzyqwerty": 0, "chè xyzzyqwerty shan": 0} {
			r, err := e.Search(ctx, search.Query{Text: q, PageSize: 20, Filter: active})
			if err != nil {
				t.Fatal(err)
			}
			if !r.Relaxed || r.Exact != exact || len(r.Hits) < 2 || r.Hits[0].Doc.ID != "che1" {
				t.Errorf("%q: relaxed %v, exact %d, hits %d, want relaxed, exact %d and che1 first", q, r.Relaxed, r.Exact, len(r.Hits), exact)
			}
		}
		r, err := e.Search(ctx, search.Query{Text: "sấy", PageSize: 20, Filter: active})
		if err != nil {
			t.Fatal(err)
		}
		if r.Relaxed || r.Exact != 0 {
			t.Errorf("one word is never relaxed: %+v", r)
		}
	})
	t.Run("highlights respect diacritics", func(t T) {
		hl := func(q string) string {
			r, err := e.Search(ctx, search.Query{Text: q, PageSize: 20, Filter: active})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range r.Hits {
				if h.Doc.ID == "che1" {
					return h.Highlights["title"]
				}
			}
			return ""
		}
		if got := hl("chè"); !strings.Contains(got, "<mark>chè</mark>") || strings.Contains(got, "<mark>chế</mark>") {
			t.Errorf("chè: %s", got)
		}
		if got := hl("chế"); !strings.Contains(got, "<mark>chế</mark>") || strings.Contains(got, "<mark>chè</mark>") {
			t.Errorf("chế: %s", got)
		}
		if got := hl("che"); !strings.Contains(got, "<mark>chè</mark>") || !strings.Contains(got, "<mark>chế</mark>") {
			t.Errorf("che, typed without diacritics, marks both: %s", got)
		}
	})
	t.Run("English title and summary", func(t T) {
		if got := text(t, "solar dryer"); len(got) == 0 || got[0] != "hoa1" {
			t.Errorf("solar dryer: %v", got)
		}
	})
	t.Run("writes are visible when they return", func(t T) {
		d := doc("new1", "technology", "Chế phẩm vi sinh xử lý rơm rạ", "Ủ rơm thành phân bón hữu cơ.", nil)
		if err := e.Upsert(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got := text(t, "rom ra"); !slices.Contains(got, "new1") {
			t.Fatalf("upserted: %v", got)
		}
		d.Version, d.Title = 2, "Chế phẩm vi sinh ủ phân từ rơm"
		if err := e.Upsert(ctx, d); err != nil {
			t.Fatal(err)
		}
		v, err := e.Versions(ctx)
		if err != nil || v["new1"] != 2 || v["che1"] != 1 || len(v) != 8 {
			t.Fatalf("versions %v %v", v, err)
		}
		got, err := e.Get(ctx, "new1")
		if err != nil || got.Title != d.Title || string(got.Source) != `{"id":"new1"}` {
			t.Fatalf("get: %+v %v", got, err)
		}
		if err := e.Delete(ctx, "new1", "never-there"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Get(ctx, "new1"); err != search.ErrNotFound {
			t.Fatalf("deleted document: %v", err)
		}
		if got := text(t, "rom ra"); slices.Contains(got, "new1") {
			t.Fatalf("deleted but found: %v", got)
		}
	})
}
