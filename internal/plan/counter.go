package plan

import (
	"context"
	"time"

	"github.com/techmart-vn/techmart/internal/validate"
)

// Query names what the platform counts for a target: a metric of the
// counting engine (internal/indicator) and the filters narrowing it.
type Query struct {
	Metric  string            `bson:"metric" json:"metric" rule:"required,max=60"`
	Filters map[string]string `bson:"filters,omitempty" json:"filters,omitempty"`
}

// QueryCheck adds a query's problems to c under prefix (an unknown metric,
// a filter it does not take).
type QueryCheck func(q Query, c *validate.Checker, prefix string)

// Record is one record a count counted, so a figure links to what it is
// made of.
type Record struct {
	Type  string `bson:"type" json:"type"` // transfer, listing, organization, application
	ID    string `bson:"id" json:"id"`
	Title string `bson:"title" json:"title"`
	Link  string `bson:"link,omitempty" json:"link,omitempty"`
	Value int64  `bson:"value,omitempty" json:"value,omitempty"` // what it adds to a VND figure
}

// Count is a figure and the records behind it.
type Count struct {
	Value   int64    `json:"value"`
	Records []Record `json:"records"`
}

// Counter reads what the platform records once (a Tally) so that every
// figure of one report is counted from the same state.
type Counter interface {
	Tally(ctx context.Context) (Tally, error)
}

// Tally counts q over the instants [from, to); a zero from counts from the
// beginning.
type Tally interface {
	Count(q Query, from, to time.Time) (Count, error)
}
