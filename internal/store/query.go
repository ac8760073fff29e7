package store

import (
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Query declares one way a collection is read, beside the indexes that
// serve it (CollectionSpec.Queries), so a list screen cannot add a
// collection scan on MongoDB unnoticed: Unserved names every declared
// query no index serves, and a test fails on it.
type Query struct {
	Name string
	// Equal are the fields compared for equality (or $in).
	Equal []string
	// Sort is the order asked, as given to SetSort, tie-breaker included.
	Sort bson.D
	// Range are the fields compared otherwise ($ne, $gt, $exists …).
	Range []string
	// Or are the branches of an $or: each is served on its own, with the
	// query's own Equal, Range and Sort added.
	Or []Query
}

// Unserved lists the declared queries of s that none of its indexes
// serves, with the reason.
func (s CollectionSpec) Unserved() []string {
	var out []string
	for _, q := range s.Queries {
		branches := []Query{q}
		if len(q.Or) > 0 {
			branches = branches[:0]
			for _, b := range q.Or {
				branches = append(branches, Query{
					Name: q.Name + " | " + b.Name, Equal: append(slices.Clone(q.Equal), b.Equal...),
					Range: append(slices.Clone(q.Range), b.Range...), Sort: q.Sort,
				})
			}
		}
		for _, b := range branches {
			if !s.served(b) {
				out = append(out, fmt.Sprintf("%s: query %q (equal %v, sort %v, range %v) has no index that serves it",
					s.Name, b.Name, b.Equal, b.Sort, b.Range))
			}
		}
	}
	return out
}

func (s CollectionSpec) served(q Query) bool {
	if len(q.Equal) == 0 && len(q.Range) == 0 && len(q.Sort) == 0 {
		return true // every document, in no order: a scan is what it asks
	}
	if len(q.Equal) == 0 && len(q.Range) == 0 && len(q.Sort) == 1 && q.Sort[0].Key == "_id" {
		return true // the _id index
	}
	return slices.ContainsFunc(s.Indexes, func(m mongo.IndexModel) bool { return serves(m.Keys.(bson.D), q) })
}

// serves applies MongoDB's rules for one index: the equality fields form
// its prefix (in any order), the sort keys come next in order and all in
// the index's direction or all reversed (equality fields may sit among
// them), and range fields come after; a query with range fields only
// needs one of them first.
func serves(keys bson.D, q Query) bool {
	n := len(q.Equal)
	if len(keys) < n {
		return false
	}
	for _, k := range keys[:n] {
		if !slices.Contains(q.Equal, k.Key) {
			return false
		}
	}
	pos, dir := n, 0
	for _, sk := range q.Sort {
		if slices.Contains(q.Equal, sk.Key) {
			continue // constant within the result
		}
		if pos >= len(keys) || keys[pos].Key != sk.Key {
			return false
		}
		d := 1
		if direction(keys[pos].Value) != direction(sk.Value) {
			d = -1
		}
		if dir != 0 && d != dir {
			return false
		}
		dir = d
		pos++
	}
	for _, r := range q.Range {
		if !slices.ContainsFunc(keys[n:], func(e bson.E) bool { return e.Key == r }) {
			return false
		}
	}
	// The planner picks an index only through its first key: with neither
	// equality nor sort, that must be a range field.
	if n == 0 && len(q.Sort) == 0 && !slices.Contains(q.Range, keys[0].Key) {
		return false
	}
	return true
}

func direction(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int32:
		return int(x)
	case int64:
		return int(x)
	}
	return 1
}
