package search

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestRelaxOrder(t *testing.T) {
	for _, c := range []struct {
		name string
		df   []uint64
		want []int
	}{
		{"unknown words first, then from the end", []uint64{40, 0, 3, 9}, []int{1, 3, 2, 0}},
		{"words most documents hold before the rest", []uint64{5, 600, 5}, []int{1, 2, 0}},
		{"several unknown: the later first", []uint64{0, 7, 0}, []int{2, 0, 1}},
	} {
		slots := make([]slot, len(c.df))
		for i, d := range c.df {
			slots[i].df = d
		}
		if got := relaxOrder(slots, 1000); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A word typed with diacritics ranks the listings spelling it so first;
// typed without, it finds them all.
func TestBleveDiacriticsRankExactFirst(t *testing.T) {
	b, err := OpenBleve("")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	now := time.Now()
	mk := func(id, title string) Doc {
		return Doc{ID: id, Version: 1, Kind: "technology", Title: title, PublishedAt: now, ExpiresAt: now.AddDate(1, 0, 0)}
	}
	if err := b.Upsert(ctx, mk("che", "Che phủ luống rau"), mk("chè", "Sao chè xanh"), mk("chế", "Chế phẩm vi sinh"),
		mk("chẻ", "Máy chẻ tre"), mk("mẹ", "Chọn cây mẹ"), mk("mè", "Ép dầu mè")); err != nil {
		t.Fatal(err)
	}
	ids := func(q string) []string {
		r, err := b.Search(ctx, Query{Text: q, PageSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.Doc.ID)
		}
		return out
	}
	for q, first := range map[string]string{"chè": "chè", "chế": "chế", "chẻ": "chẻ", "mè": "mè", "mẹ": "mẹ", "CHÈ": "chè"} {
		if got := ids(q); len(got) == 0 || got[0] != first {
			t.Errorf("%q: %v, want %s first", q, got, first)
		}
	}
	if got := ids("che"); len(got) != 4 {
		t.Errorf("che typed without diacritics finds all four: %v", got)
	}
	if got := ids("chè"); len(got) != 4 {
		t.Errorf("chè still finds the other spellings, after: %v", got)
	}
}
