package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/store/storetest"
)

type benchDoc struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	Title      string `bson:"title"`
	Body       string `bson:"body"`
	Count      int    `bson:"count"`
}

// benchDocs is the collection size the design measured FerretDB at; set
// TECHMART_BENCH_DOCS to try another.
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("TECHMART_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 50_000
}

func fill(b *testing.B, s *store.Store, n int) {
	b.Helper()
	ctx := context.Background()
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "docs"}); err != nil {
		b.Fatal(err)
	}
	c := s.Collection("docs")
	batch := make([]any, 0, 1000)
	for i := range n {
		batch = append(batch, &benchDoc{Meta: store.Meta{Version: 1}, ID: fmt.Sprintf("d%06d", i),
			Title: "Quy trình chế biến chè Shan tuyết " + strconv.Itoa(i),
			Body:  "Công nghệ sấy năng lượng mặt trời cho nông sản vùng cao, quy mô hợp tác xã."})
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := c.InsertMany(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	// Ensure again, as the server does at every start: the indexes are added
	// to tables that already hold data.
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "docs"}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkIDLookups measures Get and Modify by _id on a collection of 50,000
// documents, with the _id expression index (the default) and without it.
func BenchmarkIDLookups(b *testing.B) {
	n := benchDocs()
	ctx := context.Background()
	open := map[string]func(b *testing.B) *store.Store{
		"fixed": func(b *testing.B) *store.Store { return storetest.New(b) },
		"unfixed": func(b *testing.B) *store.Store {
			if os.Getenv("MONGODB_URI") != "" {
				b.Skip("the unfixed variant is about the embedded FerretDB only")
			}
			s, err := store.OpenWithoutIDIndexFix(ctx, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close(ctx) })
			return s
		},
	}
	for _, variant := range []string{"fixed", "unfixed"} {
		b.Run(variant, func(b *testing.B) {
			s := open[variant](b)
			fill(b, s, n)
			id := func() string { return fmt.Sprintf("d%06d", rand.IntN(n)) }
			b.Run("Get", func(b *testing.B) {
				for b.Loop() {
					if _, err := store.Get[benchDoc](ctx, s, "docs", id()); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Modify", func(b *testing.B) {
				for b.Loop() {
					if _, err := store.Modify(ctx, s, "docs", id(), 0, func(d *benchDoc) error { d.Count++; return nil }); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Insert+Delete", func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					key := "x" + strconv.Itoa(i)
					if err := store.Insert(ctx, s, "docs", &benchDoc{ID: key}); err != nil {
						b.Fatal(err)
					}
					if err := store.Delete(ctx, s, "docs", key); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
