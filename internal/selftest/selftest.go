// Package selftest is the acceptance test of a deployment (`techmart
// selftest`): the search conformance suite against the configured engine in
// a temporary index, and the store's guarantees against the configured
// database in a temporary database — conditional writes under concurrency,
// and every declared query served by an index (MongoDB's explain). It
// cleans up after itself and prints a pass/fail table; what cannot be
// checked with the configuration given is listed as skipped, with why.
package selftest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/techmart-vn/techmart/internal/config"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/search/searchtest"
	"github.com/techmart-vn/techmart/internal/store"
)

// Status is the outcome of one check.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "FAIL"
	Skip Status = "skipped"
)

// Check is one row of the table.
type Check struct {
	Area, Name string
	Status     Status
	Detail     string
}

// Report is every check, in the order run.
type Report struct{ Checks []Check }

// OK reports whether nothing failed.
func (r *Report) OK() bool {
	for _, c := range r.Checks {
		if c.Status == Fail {
			return false
		}
	}
	return true
}

func (r *Report) add(area, name string, st Status, detail string) {
	r.Checks = append(r.Checks, Check{Area: area, Name: name, Status: st, Detail: detail})
}

// Print writes the table.
func (r *Report) Print(w io.Writer) {
	wa, wn := len("area"), len("check")
	for _, c := range r.Checks {
		wa, wn = max(wa, len(c.Area)), max(wn, len(c.Name))
	}
	fmt.Fprintf(w, "%-*s  %-*s  %-7s  %s\n", wa, "area", wn, "check", "result", "detail")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%-*s  %-*s  %-7s  %s\n", wa, c.Area, wn, c.Name, c.Status, c.Detail)
	}
	pass, fail, skip := 0, 0, 0
	for _, c := range r.Checks {
		switch c.Status {
		case Pass:
			pass++
		case Fail:
			fail++
		default:
			skip++
		}
	}
	fmt.Fprintf(w, "\n%d passed, %d failed, %d skipped\n", pass, fail, skip)
}

// Run checks the configured search engine and store. specs are the
// collections with their declared queries (app.Specs()).
func Run(ctx context.Context, cfg config.Config, specs []store.CollectionSpec, log *slog.Logger) *Report {
	r := &Report{}
	runSearch(ctx, cfg, r)
	runStore(ctx, cfg, specs, log, r)
	return r
}

func runSearch(ctx context.Context, cfg config.Config, r *Report) {
	stamp := fmt.Sprintf("%d", time.Now().UnixNano())
	if cfg.MeiliURL == "" {
		area := "search (embedded Bleve)"
		dir, err := os.MkdirTemp("", "techmart-selftest-")
		if err != nil {
			r.add(area, "temporary index", Fail, err.Error())
			return
		}
		defer os.RemoveAll(dir)
		e, err := search.OpenBleve(filepath.Join(dir, "selftest.bleve"))
		if err != nil {
			r.add(area, "open", Fail, err.Error())
			return
		}
		defer e.Close()
		conformance(area, e, r)
		r.add("search (Meilisearch)", "conformance suite", Skip, "MEILI_URL is not set: the embedded Bleve engine is in use")
		return
	}
	area := "search (Meilisearch)"
	uid := "techmart_selftest_" + stamp
	e, err := search.OpenMeiliIndex(cfg.MeiliURL, cfg.MeiliKey, uid, cfg.SearchTimeout)
	if err != nil {
		r.add(area, "open", Fail, err.Error())
		return
	}
	if err := e.Health(ctx); err != nil {
		r.add(area, "health", Fail, err.Error())
		return
	}
	r.add(area, "health", Pass, cfg.MeiliURL)
	conformance(area, e, r)
	_ = e.Close()
	if err := search.DropMeiliIndex(context.WithoutCancel(ctx), cfg.MeiliURL, cfg.MeiliKey, uid, cfg.SearchTimeout); err != nil {
		r.add(area, "clean up index "+uid, Fail, err.Error())
	} else {
		r.add(area, "clean up index "+uid, Pass, "index and its search key deleted")
	}
}

// conformance runs the search conformance suite, one row per check.
func conformance(area string, e search.Engine, r *Report) {
	root := &recorder{}
	root.run(func(t searchtest.T) { searchtest.Check(t, e) })
	if len(root.failures) > 0 {
		r.add(area, "load the fixtures", Fail, strings.Join(root.failures, "; "))
	}
	for _, c := range root.children {
		if len(c.failures) > 0 {
			r.add(area, c.name, Fail, strings.Join(c.failures, "; "))
		} else {
			r.add(area, c.name, Pass, "")
		}
	}
}

// recorder runs the conformance suite outside `go test`: each named check
// is a row; Fatal ends the check it is called in.
type recorder struct {
	name     string
	failures []string
	children []*recorder
}

type stop struct{}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); panic(stop{}) }
func (r *recorder) Fatal(args ...any) {
	r.failures = append(r.failures, fmt.Sprint(args...))
	panic(stop{})
}

func (r *recorder) Run(name string, f func(searchtest.T)) {
	c := &recorder{name: name}
	r.children = append(r.children, c)
	c.run(f)
}

func (r *recorder) run(f func(searchtest.T)) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				r.failures = append(r.failures, fmt.Sprintf("panic: %v", v))
			}
		}
	}()
	f(r)
}

func runStore(ctx context.Context, cfg config.Config, specs []store.CollectionSpec, log *slog.Logger, r *Report) {
	area := "store (MongoDB)"
	scfg := store.Config{MongoURI: cfg.MongoURI, Database: "techmart_selftest_" + fmt.Sprint(time.Now().UnixNano()), Logger: log, Timeout: cfg.StoreTimeout}
	if cfg.MongoURI == "" {
		area = "store (embedded FerretDB)"
		dir, err := os.MkdirTemp("", "techmart-selftest-")
		if err != nil {
			r.add(area, "temporary database", Fail, err.Error())
			return
		}
		defer os.RemoveAll(dir)
		scfg.DataDir = dir
	}
	s, err := store.Open(ctx, scfg)
	if err != nil {
		r.add(area, "connect", Fail, err.Error())
		return
	}
	defer s.Close(context.WithoutCancel(ctx))
	where := "temporary database " + scfg.Database
	if s.Embedded() {
		where = "temporary data directory"
	}
	r.add(area, "connect", Pass, where)
	if err := s.Ensure(ctx, specs...); err != nil {
		r.add(area, "collections and indexes", Fail, err.Error())
	} else {
		r.add(area, "collections and indexes", Pass, fmt.Sprintf("%d collections", len(specs)))
	}
	conditionalWrites(ctx, s, area, r)
	if s.Embedded() {
		r.add("store (MongoDB)", "declared queries use an index (explain)", Skip,
			"MONGODB_URI is not set: FerretDB serves only _id lookups from an index, so there is no plan to check")
	} else {
		explainQueries(ctx, s, specs, area, r)
	}
	if !s.Embedded() {
		if err := s.Database().Drop(context.WithoutCancel(ctx)); err != nil {
			r.add(area, "clean up", Fail, err.Error())
		} else {
			r.add(area, "clean up", Pass, "database "+scfg.Database+" dropped")
		}
	} else {
		r.add(area, "clean up", Pass, "temporary data directory removed")
	}
}

type slot struct {
	store.Meta `bson:",inline"`
	ID         string `bson:"_id"`
	Room       int    `bson:"room"`
}

var errFull = errors.New("full")

// conditionalWrites runs 50 concurrent conditional decrements on one
// document with room for 10: exactly 10 may succeed.
func conditionalWrites(ctx context.Context, s *store.Store, area string, r *Report) {
	const name = "conditional writes under concurrency"
	if err := s.Ensure(ctx, store.CollectionSpec{Name: "selftest_slots"}); err != nil {
		r.add(area, name, Fail, err.Error())
		return
	}
	if err := store.Insert(ctx, s, "selftest_slots", &slot{ID: "s1", Room: 10}); err != nil {
		r.add(area, name, Fail, err.Error())
		return
	}
	var ok, full atomic.Int64
	var mu sync.Mutex
	var errs []string
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			for {
				_, err := store.Modify(ctx, s, "selftest_slots", "s1", 0, func(d *slot) error {
					if d.Room == 0 {
						return errFull
					}
					d.Room--
					return nil
				})
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, errFull):
					full.Add(1)
				case errors.Is(err, store.ErrConflict) && ctx.Err() == nil:
					continue // lost the race too often: try again
				default:
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
				}
				return
			}
		})
	}
	wg.Wait()
	got, err := store.Get[slot](ctx, s, "selftest_slots", "s1")
	switch {
	case len(errs) > 0:
		r.add(area, name, Fail, errs[0])
	case err != nil:
		r.add(area, name, Fail, err.Error())
	case ok.Load() != 10 || full.Load() != 40 || got.Room != 0 || got.Version != 11:
		r.add(area, name, Fail, fmt.Sprintf("%d succeeded, %d refused, room %d, version %d; want 10, 40, 0, 11", ok.Load(), full.Load(), got.Room, got.Version))
	default:
		r.add(area, name, Pass, "50 writers, room for 10: exactly 10 succeeded")
	}
}

// explainQueries asks MongoDB's planner for every declared query and fails
// the ones whose winning plan scans the collection or sorts in memory.
func explainQueries(ctx context.Context, s *store.Store, specs []store.CollectionSpec, area string, r *Report) {
	for _, spec := range specs {
		for _, q := range spec.Queries {
			if len(q.Equal) == 0 && len(q.Range) == 0 && len(q.Sort) == 0 && len(q.Or) == 0 {
				continue // every document, in no order: a scan by design
			}
			name := spec.Name + ": " + q.Name
			find := bson.D{{Key: "find", Value: spec.Name}, {Key: "filter", Value: sampleFilter(q)}}
			if len(q.Sort) > 0 {
				find = append(find, bson.E{Key: "sort", Value: q.Sort})
			}
			var res bson.M
			err := s.Database().RunCommand(ctx, bson.D{{Key: "explain", Value: find}, {Key: "verbosity", Value: "queryPlanner"}}).Decode(&res)
			if err != nil {
				r.add(area, name, Fail, err.Error())
				continue
			}
			planner, _ := res["queryPlanner"].(bson.M)
			plan, _ := json.Marshal(planner["winningPlan"])
			switch {
			case strings.Contains(string(plan), `"COLLSCAN"`):
				r.add(area, name, Fail, "collection scan: "+string(plan))
			case len(q.Sort) > 0 && strings.Contains(string(plan), `"SORT"`):
				r.add(area, name, Fail, "sorted in memory: "+string(plan))
			default:
				r.add(area, name, Pass, "index scan")
			}
		}
	}
}

// sampleFilter is a filter of the query's shape with placeholder values.
func sampleFilter(q store.Query) bson.D {
	f := bson.D{}
	for _, k := range q.Equal {
		f = append(f, bson.E{Key: k, Value: "selftest"})
	}
	for _, k := range q.Range {
		f = append(f, bson.E{Key: k, Value: bson.D{{Key: "$ne", Value: "selftest"}}})
	}
	if len(q.Or) > 0 {
		or := bson.A{}
		for _, b := range q.Or {
			or = append(or, sampleFilter(b))
		}
		f = append(f, bson.E{Key: "$or", Value: or})
	}
	return f
}
