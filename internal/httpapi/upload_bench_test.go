package httpapi_test

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"mime/multipart"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
)

// flatPNG writes a valid PNG of w × h pixels, every byte zero, streaming
// its rows through zlib so the test never holds the decoded image: a
// 6300 × 6300 picture of 16-bit RGBA is 317 MB decoded and about 300 KB
// compressed. colorType is PNG's (0 grey, 2 RGB, 6 RGBA); depth 8 or 16.
func flatPNG(tb testing.TB, w, h int, depth, colorType byte) []byte {
	tb.Helper()
	channels := map[byte]int{0: 1, 2: 3, 6: 4}[colorType]
	var idat bytes.Buffer
	z, err := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	row := make([]byte, 1+w*channels*int(depth)/8) // filter byte 0, then zeros
	for range h {
		if _, err := z.Write(row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := append([]byte(kind), data...)
		out.Write(c)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colorType
	chunk("IHDR", ihdr)
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

var (
	bombOnce  sync.Once
	bombBytes []byte
)

// memoryBomb is the upload that took the server from 60 MB to 2.4 GB
// resident, six at once: 6300 × 6300 pixels of 16-bit RGBA, ≈ 300 KB.
func memoryBomb(tb testing.TB) []byte {
	bombOnce.Do(func() { bombBytes = flatPNG(tb, 6300, 6300, 16, 6) })
	return bombBytes
}

// procStatus reads a field of /proc/self/status in kilobytes (0 when the
// system has none).
func procStatus(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb
		}
	}
	return 0
}

// BenchmarkUploadBomb sends six concurrent uploads to a draft of a freshly
// registered organisation, through the real HTTP server on a loopback
// port, and reports the process's peak resident memory while they run
// (sampled from /proc/self/status every millisecond) and before: the
// memory bomb, then the largest image the budget allows (4800 × 4800 RGBA,
// 88 MiB decoded), where the bound on concurrent decodes shows.
func BenchmarkUploadBomb(b *testing.B) {
	b.Run("bomb", func(b *testing.B) { sixUploads(b, memoryBomb(b)) })
	b.Run("largest-allowed", func(b *testing.B) { sixUploads(b, flatPNG(b, 4800, 4800, 8, 6)) })
}

func sixUploads(b *testing.B, image []byte) {
	h := apptest.New(b)
	_, tok := h.Register("bom@example.vn", "Công ty Thử Bom", "enterprise")
	draft := h.Do(R{Method: "POST", Path: "/api/v1/listings", Token: tok.Access, Body: sturgeon()})
	if draft.Status != 201 {
		b.Fatalf("draft: %d %s", draft.Status, draft.Body)
	}
	id := draft.JSON(b)["id"].(string)
	base := h.Listen(b)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", "anh.png")
	part.Write(image)
	mw.Close()
	payload, contentType := body.Bytes(), mw.FormDataContentType()

	var peak, before float64
	statuses := map[int]int{}
	for b.Loop() {
		runtime.GC()
		debug.FreeOSMemory()
		before = procStatus("VmRSS")
		stop, sampled := make(chan struct{}), make(chan float64)
		go func() {
			top := 0.0
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				if rss := procStatus("VmRSS"); rss > top {
					top = rss
				}
				select {
				case <-stop:
					sampled <- top
					return
				case <-tick.C:
				}
			}
		}()
		var wg sync.WaitGroup
		var mu sync.Mutex
		for range 6 {
			wg.Go(func() {
				req, _ := http.NewRequest("POST", base+"/api/v1/listings/"+id+"/files", bytes.NewReader(payload))
				req.Header.Set("Content-Type", contentType)
				req.Header.Set("Authorization", "Bearer "+tok.Access)
				resp, err := http.DefaultClient.Do(req)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					statuses[0]++
					return
				}
				_, _ = bufio.NewReader(resp.Body).WriteTo(&bytes.Buffer{})
				resp.Body.Close()
				statuses[resp.StatusCode]++
			})
		}
		wg.Wait()
		close(stop)
		peak = max(peak, <-sampled)
	}
	b.ReportMetric(before/1024, "MB-rss-before")
	b.ReportMetric(peak/1024, "MB-rss-peak")
	b.ReportMetric(procStatus("VmHWM")/1024, "MB-hwm")
	b.Logf("answers: %v", statuses)
}
