package support

import (
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/ledger"
)

// keys lists a document's field names, nested ones as "a.b" (the first
// item of an array stands for all).
func keys(t *testing.T, v any) []string {
	t.Helper()
	b, err := bson.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var d bson.D
	if err := bson.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(prefix string, d bson.D)
	walk = func(prefix string, d bson.D) {
		for _, e := range d {
			out = append(out, prefix+e.Key)
			switch x := e.Value.(type) {
			case bson.D:
				walk(prefix+e.Key+".", x)
			case bson.A:
				if len(x) > 0 {
					if sub, ok := x[0].(bson.D); ok {
						walk(prefix+e.Key+".", sub)
					}
				}
			}
		}
	}
	walk("", d)
	slices.Sort(out)
	return out
}

// TestStoredFieldNames: the money and the appraisal kept in programmes
// and applications are stored under the names they always had, so data
// written before the engines moved to internal/ledger and internal/council
// reads the same.
func TestStoredFieldNames(t *testing.T) {
	now := time.Now().UTC()
	tr := ledger.Tranche{Key: "t", Fingerprint: "f", Amount: 1, On: "2026-05-01", Note: "n", By: "o", At: now}
	pr := Program{ID: "p", Ledger: ledger.Account{Total: 3, Committed: 2, Disbursed: 1}, Reservations: []Reservation{{
		ApplicationID: "a", OrgID: "o", Writer: "w", By: "o", Note: "n", Number: "1/QĐ", At: now,
		Hold: ledger.Hold{Amount: 2, Key: "k", Fingerprint: "f", Tranches: []ledger.Tranche{tr}, Settled: true, Released: 1}}}}
	got := slices.DeleteFunc(keys(t, pr), func(k string) bool {
		return !slices.Contains([]string{"ledger", "reservations"}, k) && !hasPrefix(k, "ledger.", "reservations.")
	})
	want := []string{"ledger", "ledger.committed", "ledger.disbursed", "ledger.total", "reservations", "reservations.amount", "reservations.applicationId",
		"reservations.at", "reservations.by", "reservations.fingerprint", "reservations.key", "reservations.note", "reservations.number", "reservations.orgId",
		"reservations.released", "reservations.settled", "reservations.tranches", "reservations.tranches.amount", "reservations.tranches.at",
		"reservations.tranches.by", "reservations.tranches.fingerprint", "reservations.tranches.key", "reservations.tranches.note",
		"reservations.tranches.on", "reservations.writer"}
	if !slices.Equal(got, want) {
		t.Errorf("programme:\n got %v\nwant %v", got, want)
	}

	total := 76.0
	a := Application{ID: "a", Tranches: []ledger.Tranche{tr}, Review: &council.Plan{Criteria: []council.Criterion{{Code: "c", Name: "n", Weight: 100}}, PassMark: 50, Required: 1},
		Reviews: []council.Review{{ReviewerID: "r", ReviewerName: "R", AssignedAt: now, AssignedBy: "o", Declaration: council.NoConflict,
			Scores: []council.Score{{Code: "c", Score: 8, Comment: "x"}}, Total: &total, Comment: "y", SubmittedAt: &now}}}
	got = slices.DeleteFunc(keys(t, a), func(k string) bool { return !hasPrefix(k, "review", "tranches") })
	want = []string{"review", "review.criteria", "review.criteria.code", "review.criteria.name", "review.criteria.weight", "review.passMark", "review.required",
		"reviews", "reviews.assignedAt", "reviews.assignedBy", "reviews.comment", "reviews.declaration", "reviews.reviewerId", "reviews.reviewerName",
		"reviews.scores", "reviews.scores.code", "reviews.scores.comment", "reviews.scores.score", "reviews.submittedAt", "reviews.total",
		"tranches", "tranches.amount", "tranches.at", "tranches.by", "tranches.fingerprint", "tranches.key", "tranches.note", "tranches.on"}
	if !slices.Equal(got, want) {
		t.Errorf("application:\n got %v\nwant %v", got, want)
	}
}

func hasPrefix(k string, prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return len(k) >= len(p) && k[:len(p)] == p })
}
