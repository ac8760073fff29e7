package search_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/search"
)

// BenchmarkBleveUpsert measures indexing throughput in batches of 1,000.
func BenchmarkBleveUpsert(b *testing.B) {
	e, err := search.OpenBleve(filepath.Join(b.TempDir(), "idx.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	docs := make([]search.Doc, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range docs {
			docs[j] = search.Doc{
				ID: fmt.Sprintf("%08d%04d", i, j), Version: 1, Kind: "technology",
				Title:    "Quy trình sản xuất chè Shan tuyết đạt chuẩn VietGAP quy mô hộ gia đình",
				Summary:  "Công nghệ chế biến cho chè Shan tuyết. Giảm tỷ lệ hao hụt sau thu hoạch, tăng giá trị sản phẩm.",
				Text:     "Giải pháp áp dụng cho chè Shan tuyết tại các xã vùng cao. Dễ vận hành, phù hợp hợp tác xã. Chi phí đầu tư thấp.",
				Keywords: []string{"chè Shan tuyết", "quy"}, Sectors: []string{"agri_processing"}, TransferForms: []string{"licence"},
				AdminUnit: "xa_ba_be", OrgID: "o", OrgName: "Viện Khoa học Sự sống", OrgKind: "institute", TRL: 7,
				PublishedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), Source: []byte(`{"x":1}`),
			}
		}
		if err := e.Upsert(ctx, docs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBleveCommonWord: a word every one of 10,000 listings matches once
// folded ("chè" and "chế" are both "che"), with all six facets: the
// worst case of a common Vietnamese syllable.
func BenchmarkBleveCommonWord(b *testing.B) {
	e := tenThousand(b)
	defer e.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := e.Search(ctx, search.Query{Text: benchWord, PageSize: 20, Page: 1, Sort: search.SortRelevance, Filter: search.Filter{ActiveAt: time.Now()}})
		if err != nil || r.Total == 0 {
			b.Fatal(err)
		}
	}
}

// tenThousand is an index of 10,000 listings on six products.
func tenThousand(b *testing.B) *search.Bleve {
	e, _ := search.OpenBleve(filepath.Join(b.TempDir(), "i.bleve"))
	ctx := context.Background()
	prods := []string{"chè Shan tuyết", "quýt", "miến dong", "nấm linh chi", "cá tầm", "mật ong"}
	for i := 0; i < 10; i++ {
		docs := make([]search.Doc, 1000)
		for j := range docs {
			p := prods[(i*1000+j)%len(prods)]
			docs[j] = search.Doc{ID: fmt.Sprintf("%05d", i*1000+j), Version: 1, Kind: []string{"technology", "ip", "demand"}[j%3],
				Title: "Quy trình sản xuất " + p + " đạt chuẩn", Summary: "Công nghệ chế biến cho " + p + ". Giảm hao hụt sau thu hoạch.",
				Text: "Giải pháp cho " + p + " tại các xã vùng cao.", Sectors: []string{"agri_processing", "biotech"}[j%2 : j%2+1],
				TransferForms: []string{"licence"}, AdminUnit: fmt.Sprintf("u%d", j%90), OrgKind: "institute", TRL: 1 + j%9,
				PublishedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), Source: []byte(`{}`)}
		}
		e.Upsert(ctx, docs...)
	}
	return e
}

// BenchmarkBleveUnderstanding: what reading the query costs on 10,000
// listings with the starter-sized synonyms: a Telex word decoded, a
// regional word expanded, an unknown word dropped (two searches), and a
// selective two-word query for comparison.
func BenchmarkBleveUnderstanding(b *testing.B) {
	e := tenThousand(b)
	defer e.Close()
	ctx := context.Background()
	rules := []search.SynonymRule{{Terms: []string{"quýt", "quít"}}, {Terms: []string{"mật ong"}, Expansions: []string{"honey"}}, {Terms: []string{"honey"}, Expansions: []string{"mật ong"}}}
	for i := 0; i < 150; i++ {
		rules = append(rules, search.SynonymRule{Terms: []string{fmt.Sprintf("từ%d", i), fmt.Sprintf("chữ%d", i)}})
	}
	if err := e.SetSynonyms(ctx, search.CompileSynonyms(rules)); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"cá tầm", "quyts", "honey", "cá tầm xyzzy"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r, err := e.Search(ctx, search.Query{Text: q, PageSize: 20, Page: 1, Filter: search.Filter{ActiveAt: time.Now()}})
				if err != nil || r.Total == 0 {
					b.Fatal(q, err)
				}
			}
		})
	}
}

// benchWord is the common word BenchmarkBleveCommonWord asks for
// (TECHMART_BENCH_WORD overrides it, e.g. "che" without diacritics).
var benchWord = cmp.Or(os.Getenv("TECHMART_BENCH_WORD"), "chè")
