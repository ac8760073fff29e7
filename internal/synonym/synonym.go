// Package synonym keeps the synonyms the department maintains — groups of
// equivalent terms (sắn, khoai mì) and one-way expansions (HTX → hợp tác
// xã; tea → chè) — and pushes them to the search engine, which applies
// them to every search. Officers change them; every change is audited. A
// reviewed starter set (seeds/synonyms.json) is loaded on the first start.
package synonym

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
	"github.com/techmart-vn/techmart/seeds"
)

// Collection holds the rules; stateCollection remembers that the starter
// set was loaded, so rules an officer deleted do not come back.
const (
	Collection      = "synonyms"
	stateCollection = "synonym_state"
)

var order = bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}

// Specs declare the collections.
var Specs = []store.CollectionSpec{
	{Name: Collection, Indexes: []mongo.IndexModel{{Keys: order}},
		Queries: []store.Query{{Name: "all, oldest first (officers; a few hundred at most)", Sort: order}}},
	{Name: stateCollection},
}

// Audit actions.
const (
	ActionCreate = "synonym.create"
	ActionUpdate = "synonym.update"
	ActionDelete = "synonym.delete"
	ActionSeed   = "synonym.seed"
)

// ErrNotFound is an unknown rule.
var ErrNotFound = errs.New(errs.NotFound, "synonym_not_found")

// Limits of a rule.
const (
	maxTerms    = 20
	maxTermLen  = 60
	maxRules    = 2000
	maxTermWord = 8
)

// Rule is one rule as stored and shown.
type Rule struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id" json:"id"`
	Terms      []string  `bson:"terms" json:"terms"`
	Expansions []string  `bson:"expansions" json:"expansions"`
	Note       string    `bson:"note" json:"note"`
	CreatedAt  time.Time `bson:"createdAt" json:"createdAt"`
	UpdatedAt  time.Time `bson:"updatedAt" json:"updatedAt"`
	UpdatedBy  string    `bson:"updatedBy" json:"updatedBy"`
}

// Input is what an officer sends: terms that are equivalent, or, with
// expansions, terms that also find the expansions (one way).
type Input struct {
	Terms      []string `json:"terms" rule:"required,min=1,max=20"`
	Expansions []string `json:"expansions" rule:"max=20"`
	Note       string   `json:"note" rule:"max=300"`
}

// List is every rule, oldest first.
type List struct {
	Rules []Rule `json:"rules"`
}

type state struct {
	store.Meta `bson:",inline"`
	ID         string    `bson:"_id"`
	SeededAt   time.Time `bson:"seededAt"`
}

// Service keeps the rules and the engine's copy of them in step.
type Service struct {
	s      *store.Store
	engine search.Engine
	audit  auth.Auditor
	log    *slog.Logger
	now    func() time.Time
}

// New returns the service.
func New(s *store.Store, engine search.Engine, a auth.Auditor, log *slog.Logger, now func() time.Time) *Service {
	return &Service{s: s, engine: engine, audit: a, log: log, now: now}
}

// Start loads the starter set on the first start and gives the engine the
// rules.
func (s *Service) Start(ctx context.Context) error {
	if _, err := store.Get[state](ctx, s.s, stateCollection, "starter"); errors.Is(err, store.ErrNotFound) {
		if err := s.seed(ctx); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if err := s.Apply(ctx); err != nil {
		// The engine may be down at start (Meilisearch elsewhere): searches
		// go without synonyms until the next change or start.
		s.log.Warn("synonyms not applied to the search engine", "err", err)
	}
	return nil
}

func (s *Service) seed(ctx context.Context) error {
	starter, err := seeds.Synonyms()
	if err != nil {
		return err
	}
	now := s.now().UTC()
	for i, r := range starter {
		in := Input{Terms: r.Terms, Expansions: r.Expansions, Note: r.Note}
		clean, err := check(in)
		if err != nil {
			return fmt.Errorf("seeds/synonyms.json rule %d (%v): %w", i+1, r.Terms, err)
		}
		rule := Rule{ID: fmt.Sprintf("starter-%03d", i+1), Terms: clean.Terms, Expansions: clean.Expansions, Note: clean.Note,
			CreatedAt: now.Add(time.Duration(i) * time.Millisecond), UpdatedAt: now, UpdatedBy: audit.System.ID}
		if err := store.Insert(ctx, s.s, Collection, &rule); err != nil && !errors.Is(err, store.ErrDuplicate) {
			return err
		}
	}
	if err := store.Insert(ctx, s.s, stateCollection, &state{ID: "starter", SeededAt: now}); err != nil && !errors.Is(err, store.ErrDuplicate) {
		return err
	}
	_ = s.audit.Record(ctx, audit.Entry{ID: store.NewID(), At: now, Actor: audit.System, Action: ActionSeed,
		Subject: audit.Subject{Type: "synonyms", ID: "starter", Name: fmt.Sprintf("%d rules", len(starter))}})
	return nil
}

// Apply gives the engine the rules as they are stored.
func (s *Service) Apply(ctx context.Context) error {
	rules, err := store.Find[Rule](ctx, s.s, Collection, nil, options.Find().SetSort(order))
	if err != nil {
		return err
	}
	return s.engine.SetSynonyms(ctx, Compile(rules))
}

// Compile turns stored rules into what the engines take.
func Compile(rules []Rule) search.Synonyms {
	in := make([]search.SynonymRule, len(rules))
	for i, r := range rules {
		in[i] = search.SynonymRule{Terms: r.Terms, Expansions: r.Expansions}
	}
	return search.CompileSynonyms(in)
}

func staff(p *auth.Principal) error {
	if !org.IsStaff(p) {
		return errs.ErrForbidden
	}
	return nil
}

// List returns every rule (officers).
func (s *Service) List(ctx context.Context, p *auth.Principal) (List, error) {
	if err := staff(p); err != nil {
		return List{}, err
	}
	rules, err := store.Find[Rule](ctx, s.s, Collection, nil, options.Find().SetSort(order))
	return List{Rules: rules}, err
}

// terms checks one list of terms: each one to four words, no markup,
// none twice (as folded: sắn and san are one term to the engines).
func terms(c *validate.Checker, field string, raw []string, min int) []string {
	if len(raw) < min {
		c.Add(field, "required")
		return nil
	}
	if len(raw) > maxTerms {
		c.Add(field, "too_many", "max", maxTerms)
		return nil
	}
	out := make([]string, 0, len(raw))
	seen := map[string]bool{}
	for _, t := range raw {
		t = validate.Text(t)
		switch {
		case t == "":
			c.Add(field, "required")
		case utf8.RuneCountInString(t) > maxTermLen:
			c.Add(field, "too_long", "max", maxTermLen)
		case strings.ContainsAny(t, "<>\"") || validate.Invisible(t):
			c.Add(field, "invalid_characters")
		case len(search.Words(t)) == 0 || len(search.Words(t)) > maxTermWord:
			c.Add(field, "invalid_term", "max", maxTermWord)
		case seen[strings.Join(search.Words(t), " ")]:
			c.Add(field, "duplicate")
		default:
			seen[strings.Join(search.Words(t), " ")] = true
			out = append(out, t)
			continue
		}
		return nil
	}
	return out
}

func check(in Input) (Input, error) {
	var c validate.Checker
	out := Input{Note: validate.Text(in.Note)}
	min := 2 // an equivalence needs two terms
	if len(in.Expansions) > 0 {
		min = 1
	}
	out.Terms = terms(&c, "terms", in.Terms, min)
	if len(in.Expansions) > 0 {
		out.Expansions = terms(&c, "expansions", in.Expansions, 1)
	} else {
		out.Expansions = []string{}
	}
	for _, e := range out.Expansions {
		if slices.ContainsFunc(out.Terms, func(t string) bool { return slices.Equal(search.Words(t), search.Words(e)) }) {
			c.Add("expansions", "duplicate")
			break
		}
	}
	if utf8.RuneCountInString(out.Note) > 300 {
		c.Add("note", "too_long", "max", 300)
	}
	return out, c.Err()
}

// Create adds a rule (officers) and applies it.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (Rule, error) {
	if err := staff(p); err != nil {
		return Rule{}, err
	}
	clean, err := check(in)
	if err != nil {
		return Rule{}, err
	}
	if n, err := store.Count(ctx, s.s, Collection, nil); err != nil {
		return Rule{}, err
	} else if n >= maxRules {
		return Rule{}, errs.Field("terms", "too_many", "max", maxRules)
	}
	now := s.now().UTC()
	r := Rule{ID: store.NewID(), Terms: clean.Terms, Expansions: clean.Expansions, Note: clean.Note, CreatedAt: now, UpdatedAt: now, UpdatedBy: p.User.ID}
	if err := store.Insert(ctx, s.s, Collection, &r); err != nil {
		return Rule{}, err
	}
	s.record(ctx, p, ActionCreate, r, map[string]audit.Change{"terms": {To: r.Terms}, "expansions": {To: r.Expansions}})
	return r, s.Apply(ctx)
}

// Update replaces a rule's terms (officers; version from If-Match).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, version int64, in Input) (Rule, error) {
	if err := staff(p); err != nil {
		return Rule{}, err
	}
	clean, err := check(in)
	if err != nil {
		return Rule{}, err
	}
	var before Rule
	r, err := store.Modify(ctx, s.s, Collection, id, version, func(r *Rule) error {
		before = *r
		r.Terms, r.Expansions, r.Note, r.UpdatedAt, r.UpdatedBy = clean.Terms, clean.Expansions, clean.Note, s.now().UTC(), p.User.ID
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return Rule{}, ErrNotFound.Wrap(err)
	} else if err != nil {
		return Rule{}, err
	}
	s.record(ctx, p, ActionUpdate, r, map[string]audit.Change{"terms": {From: before.Terms, To: r.Terms}, "expansions": {From: before.Expansions, To: r.Expansions}})
	return r, s.Apply(ctx)
}

// Delete removes a rule (officers; version from If-Match).
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id string, version int64) error {
	if err := staff(p); err != nil {
		return err
	}
	r, err := store.Get[Rule](ctx, s.s, Collection, id)
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotFound.Wrap(err)
	} else if err != nil {
		return err
	}
	if version != 0 && r.Version != version {
		return store.ErrStale
	}
	if err := store.Delete(ctx, s.s, Collection, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotFound.Wrap(err)
		}
		return err
	}
	s.record(ctx, p, ActionDelete, r, map[string]audit.Change{"terms": {From: r.Terms}, "expansions": {From: r.Expansions}})
	return s.Apply(ctx)
}

func (s *Service) record(ctx context.Context, p *auth.Principal, action string, r Rule, changes map[string]audit.Change) {
	_ = s.audit.Record(ctx, audit.Entry{ID: store.NewID(), At: s.now().UTC(), Actor: p.Actor(), Action: action,
		Subject: audit.Subject{Type: "synonym", ID: r.ID, Name: strings.Join(r.Terms, ", ")}, Changes: changes})
}
