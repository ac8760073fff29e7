package synonym

import (
	"testing"

	"github.com/techmart-vn/techmart/seeds"
)

// Every rule of the starter set passes the checks an officer's rule does,
// and the set holds the pairs the department reviewed.
func TestStarterSetIsValid(t *testing.T) {
	rules, err := seeds.Synonyms()
	if err != nil {
		t.Fatal(err)
	}
	var stored []Rule
	for i, r := range rules {
		in, err := check(Input{Terms: r.Terms, Expansions: r.Expansions, Note: r.Note})
		if err != nil {
			t.Errorf("rule %d %v: %v", i+1, r.Terms, err)
		}
		stored = append(stored, Rule{Terms: in.Terms, Expansions: in.Expansions})
	}
	syn := Compile(stored)
	for from, to := range map[string]string{"sắn": "khoai mì", "khoai mì": "sắn", "đậu phộng": "lạc", "mè": "vừng", "khóm": "dứa",
		"thơm": "dứa", "htx": "hợp tác xã", "attp": "an toàn thực phẩm", "kh&cn": "khoa học và công nghệ", "cgcn": "chuyển giao công nghệ", "tea": "chè"} {
		found := false
		for _, x := range syn[from] {
			found = found || x == to
		}
		if !found {
			t.Errorf("%s → %s missing: %v", from, to, syn[from])
		}
	}
	if len(syn["dứa"]) != 1 {
		t.Errorf("thơm (also: fragrant) is one way to dứa, not back: %v", syn["dứa"])
	}
}
