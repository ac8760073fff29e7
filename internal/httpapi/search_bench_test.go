package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"unicode"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/search"
)

// benchListings is the catalogue size of the search benchmarks:
// TECHMART_BENCH_LISTINGS (default 10,000, a province's catalogue).
func benchListings(b *testing.B) int {
	n := 10000
	if v := os.Getenv("TECHMART_BENCH_LISTINGS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	return n
}

// catalogue starts the platform with the synthetic listings.
func catalogue(b *testing.B) (*apptest.Harness, string) {
	h, base, _ := catalogueIDs(b)
	return h, base
}

// catalogueIDs is catalogue with the synthetic listings' ids.
func catalogueIDs(b *testing.B) (*apptest.Harness, string, []string) {
	h := apptest.New(b)
	ctx := context.Background()
	n := benchListings(b)
	start := time.Now()
	ids, err := h.App.Synthetic(ctx, n, 42)
	if err != nil {
		b.Fatal(err)
	}
	wrote := time.Since(start)
	start = time.Now()
	if _, err := h.App.Indexer.Reconcile(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d synthetic listings: written in %s, indexed in %s", n, wrote.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	return h, h.Listen(b), ids
}

// uncached serves the same platform with the engine's query cache bypassed,
// to show what every query costs when it misses.
func uncached(b *testing.B, h *apptest.Harness) string {
	a := *h.App
	a.Search = h.App.Search.(*search.Cached).Engine
	srv := a.Server(fstest.MapFS{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	b.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	return "http://" + ln.Addr().String()
}

// BenchmarkSearch loads the synthetic catalogue once (TECHMART_BENCH_LISTINGS
// listings, default 10,000) and measures, as sub-benchmarks, the search API
// under 16 concurrent clients, suggest, the engine in-process, and how soon
// an approved listing is found.
func BenchmarkSearch(b *testing.B) {
	h, base := catalogue(b)
	b.Run("API", func(b *testing.B) { load(b, base, "/api/v1/search?", queryMix) })
	b.Run("APIUncached", func(b *testing.B) { load(b, uncached(b, h), "/api/v1/search?", queryMix) })
	b.Run("LongTail", func(b *testing.B) {
		tail := longTail(3000)
		defer profile(b)()
		load(b, base, "/api/v1/search?", func(r *rand.Rand, _ *rand.Zipf) string { return tail[r.IntN(len(tail))] })
	})
	b.Run("Suggest", func(b *testing.B) {
		load(b, base, "/api/v1/search/suggest?", func(r *rand.Rand, z *rand.Zipf) string {
			p := []rune(fold(benchProducts[z.Uint64()]))
			return url.Values{"q": {string(p[:1+r.IntN(len(p))])}}.Encode()
		})
	})
	b.Run("Engine", func(b *testing.B) { benchEngine(b, h) })
	b.Run("ApprovedToSearchable", func(b *testing.B) { benchApproved(b, h, base) })
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(st), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				b.Logf("peak RSS of the process (server, store, index and load generator): %s", strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")))
			}
		}
	}
}

var benchProducts = []string{
	"chè Shan tuyết", "quýt", "hồng không hạt", "miến dong", "gạo bao thai", "nấm linh chi", "cá tầm", "rau an toàn",
	"mật ong", "khoai môn", "giảo cổ lam", "phân bón hữu cơ", "nước thải", "quế", "đậu tương",
}

func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, s)
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}

// queryMix draws the mixed query set with Zipf popularity: text, text with
// facets, filters only, no diacritics, a typo, a prefix.
func queryMix(r *rand.Rand, zipf *rand.Zipf) string {
	p := benchProducts[zipf.Uint64()]
	v := url.Values{}
	switch r.IntN(6) {
	case 0:
		v.Set("q", p)
	case 1:
		v.Set("q", p)
		v.Set("kind", "technology")
		v.Set("sector", "agri_processing")
	case 2:
		v.Set("sector", []string{"agri_processing", "hitech_agri", "biotech"}[r.IntN(3)])
		v.Set("trlMin", "5")
		v.Set("sort", "newest")
	case 3:
		v.Set("q", fold(p))
	case 4:
		words := strings.Fields(fold(p))
		w := words[len(words)-1]
		if len([]rune(w)) >= 5 {
			w = w[:2] + w[3:] // one letter dropped
		}
		words[len(words)-1] = w
		v.Set("q", strings.Join(words, " "))
	default:
		rs := []rune(p)
		v.Set("q", string(rs[:max(2, len(rs)-2)]))
	}
	return v.Encode()
}

// tailProducts and tailWords are the synthetic catalogue's vocabulary
// (internal/seed/synthetic.go) the long tail draws from.
var (
	tailProducts = []string{
		"chè Shan tuyết", "chè xanh", "quýt", "cam sành", "hồng không hạt", "miến dong", "tinh bột dong riềng",
		"gạo bao thai", "khoai môn", "rau an toàn", "nấm sò", "nấm linh chi", "mộc nhĩ", "giảo cổ lam", "ba kích",
		"cá tầm", "cá chép", "gà đồi", "lợn đen", "mật ong", "măng tre", "quế", "hồi", "gừng", "nghệ", "đậu tương",
		"ngô lai", "lúa nếp", "chuối tây", "mơ", "mận", "dưa chuột", "cà chua", "thức ăn chăn nuôi", "phân bón hữu cơ",
		"nước thải", "rác thải hữu cơ", "gỗ rừng trồng", "tre luồng", "dược liệu", "sữa bò", "trứng gà", "thảo quả",
	}
	tailWords = []string{
		"sấy", "bảo quản", "chế biến", "đóng gói", "lên men", "nhân giống", "chiết xuất", "kho lạnh", "vi sinh",
		"tưới", "phân loại", "truy xuất", "VietGAP", "hữu cơ", "tiết kiệm", "năng suất", "xuất khẩu", "hộ gia đình",
	}
)

// longTail is n distinct queries in the API's form, each drawn once: a
// product, maybe with a process or quality word, typed with or without
// diacritics, maybe filtered by kind or sector, sorted or paged. Drawn
// uniformly, they rarely repeat within the cache's lifetime, so nearly
// every request reaches the engine.
func longTail(n int) []string {
	r := rand.New(rand.NewPCG(3, 11))
	sectors := []string{"agri_processing", "hitech_agri", "biotech", "environment", "mechanics_automation"}
	kinds := []string{"technology", "equipment", "ip", "demand"}
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		v := url.Values{}
		q := tailProducts[r.IntN(len(tailProducts))]
		switch r.IntN(3) {
		case 0:
			q = tailWords[r.IntN(len(tailWords))] + " " + q
		case 1:
			q += " " + tailWords[r.IntN(len(tailWords))]
		}
		if r.IntN(3) == 0 {
			q = fold(q)
		}
		v.Set("q", q)
		if r.IntN(3) == 0 {
			v.Set("kind", kinds[r.IntN(len(kinds))])
		}
		if r.IntN(4) == 0 {
			v.Set("sector", sectors[r.IntN(len(sectors))])
		}
		if r.IntN(4) == 0 {
			v.Set("sort", "newest")
		}
		if p := r.IntN(6); p >= 3 {
			v.Set("page", strconv.Itoa(p-1))
		}
		if e := v.Encode(); !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// profile writes a CPU profile of what follows to the file named by
// TECHMART_BENCH_CPUPROFILE, if set: -cpuprofile would mostly show the
// catalogue being built.
func profile(b *testing.B) func() {
	path := os.Getenv("TECHMART_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}

// load runs b.N requests from 16 concurrent clients over loopback HTTP and
// reports p50, p95, p99 and throughput.
func load(b *testing.B, base, path string, next func(r *rand.Rand, z *rand.Zipf) string) {
	loadFrom(b, 16, base, path, next)
}

// loadFrom is load with the number of concurrent clients.
func loadFrom(b *testing.B, clients int, base, path string, next func(r *rand.Rand, z *rand.Zipf) string) {
	loadAs(b, clients, "", base, path, next)
}

// loadAs is loadFrom signed in with an access token ("": anonymous).
func loadAs(b *testing.B, clients int, token, base, path string, next func(r *rand.Rand, z *rand.Zipf) string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	var mu sync.Mutex
	i := 0
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 7))
			z := rand.NewZipf(r, 1.2, 1, uint64(len(benchProducts)-1))
			for {
				mu.Lock()
				k := i
				i++
				mu.Unlock()
				if k >= b.N {
					return
				}
				t0 := time.Now()
				req, err := http.NewRequest("GET", base+path+next(r, z), nil)
				if err != nil {
					b.Error(err)
					return
				}
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
				lat[k] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	report(b, lat, elapsed)
}

func report(b *testing.B, lat []time.Duration, elapsed time.Duration) {
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	if elapsed > 0 {
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	}
	b.ReportMetric(0, "ns/op")
}

// benchEngine runs the same query set in-process against the engine (one
// client), to show what the HTTP API adds.
func benchEngine(b *testing.B, h *apptest.Harness) {
	r := rand.New(rand.NewPCG(1, 7))
	z := rand.NewZipf(r, 1.2, 1, uint64(len(benchProducts)-1))
	lat := make([]time.Duration, b.N)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		v, _ := url.ParseQuery(queryMix(r, z))
		q := search.Query{Text: v.Get("q"), Sort: search.Sort(v.Get("sort")), Page: 1, PageSize: 20,
			Filter: search.Filter{ActiveAt: time.Now()}}
		if k := v.Get("kind"); k != "" {
			q.Filter.Kinds = []string{k}
		}
		if s := v.Get("sector"); s != "" {
			q.Filter.Sectors = []string{s}
		}
		if v.Get("trlMin") != "" {
			q.Filter.TRLMin = 5
		}
		if q.Sort == "" {
			q.Sort = search.SortRelevance
		}
		t0 := time.Now()
		if _, err := h.App.Search.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		lat[i] = time.Since(t0)
	}
	b.StopTimer()
	report(b, lat, 0)
}

// benchApproved measures from the approve response until a search finds
// the listing, through the real indexer.
func benchApproved(b *testing.B, h *apptest.Harness, base string) {
	inst, officer := h.Demo("institute"), h.Demo("officer")
	lat := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		word := fmt.Sprintf("benchword%dx%d", i, time.Now().UnixNano()%100000)
		body := sturgeon()
		body["keywords"] = []string{word}
		r := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: inst.Access, Body: body})
		id := r.JSON(b)["id"].(string)
		h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/submit", Token: inst.Access})
		b.StartTimer()
		t0 := time.Now()
		if a := h.Do(R{Method: "POST", Path: "/api/v1/listings/" + id + "/approve", Token: officer.Access}); a.Status != 200 {
			b.Fatal(a.Status)
		}
		for {
			resp, err := http.Get(base + "/api/v1/search?q=" + word)
			if err != nil {
				b.Fatal(err)
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(data), id) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		lat[i] = time.Since(t0)
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[int(0.95*float64(len(lat)-1))].Microseconds())/1000, "p95-ms")
	b.ReportMetric(0, "ns/op")
}
