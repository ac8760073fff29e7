// Package matching suggests who should talk to whom: for a need, the offers
// that fit it; for an offer, the needs it could serve. Candidates come from
// the search engine (any of the listing's words, and the same sectors); a
// re-ranking in Go on explicit features — text, sectors, keywords, TRL,
// price and budget, transfer forms, place, verification, freshness — gives
// each a score from 0 to 100 with reasons a person can read. Officers may
// propose a pair by hand; strong new pairs are announced to the other side.
package matching

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Tuning.
const (
	// MinScore hides pairs too weak to be worth a look.
	MinScore = 30
	// StrongScore is the score from which the other side hears of a new
	// pair — when the pair also shares keywords, a ground a person can
	// check at a glance. (At 65 the demo announced a geographical
	// indication for persimmons to a pig farm's waste problem: sector,
	// place and freshness alone came close.)
	StrongScore = 80
	// MaxLimit bounds ?limit=.
	MaxLimit = 50
	// queryWords is how many of a listing's words ask the engine for
	// candidates: keywords first, then the title. Six kept the labelled
	// demo needs' results (ten cost more on a large catalogue, and
	// Meilisearch reads no more than ten).
	queryWords = 6
)

// Collections.
const (
	ProposalCollection = "match_proposals"
	NoticeCollection   = "match_notices"
)

// Specs declare the collections: proposals are found by either listing.
var Specs = []store.CollectionSpec{
	{Name: ProposalCollection, Indexes: []mongo.IndexModel{
		{Keys: bson.D{{Key: "needId", Value: 1}}}, {Keys: bson.D{{Key: "offerId", Value: 1}}},
	}, Queries: []store.Query{
		{Name: "proposals for a need", Equal: []string{"needId"}},
		{Name: "proposals for an offer", Equal: []string{"offerId"}},
	}},
	{Name: NoticeCollection},
}

// ActionPropose is the audit action of an officer's proposal.
const ActionPropose = "match.propose"

// Errors with stable codes.
var (
	ErrProposalExists = errs.New(errs.Conflict, "match_exists")
)

// Proposal is an officer's hand-made pair.
type Proposal struct {
	ID      string    `bson:"_id" json:"-"`
	NeedID  string    `bson:"needId" json:"needId"`
	OfferID string    `bson:"offerId" json:"offerId"`
	Note    string    `bson:"note" json:"note"`
	By      string    `bson:"by" json:"by"`
	ByName  string    `bson:"byName" json:"byName"`
	At      time.Time `bson:"at" json:"at"`
}

func pairID(needID, offerID string) string { return needID + "." + offerID }

// Match is one suggestion.
type Match struct {
	Doc      search.Doc
	Score    int
	Reasons  []Reason
	Proposal *Proposal
}

// Catalog is what matching needs of listings.
type Catalog interface {
	Get(ctx context.Context, id string) (catalog.Listing, error)
	Now() time.Time
}

// Orgs tells whether an organisation is verified and who its members are.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Organization, error)
}

// Notifier announces strong pairs and proposals.
type Notifier interface {
	ToOrgs(ctx context.Context, orgIDs []string, except string, n notify.Note)
}

// Service computes matches.
type Service struct {
	s      *store.Store
	cat    Catalog
	engine search.Engine
	orgs   Orgs
	notes  Notifier
	audit  auth.Auditor
	log    *slog.Logger

	mu       sync.Mutex
	verified map[string]verifiedAt // organisation id → status, briefly cached

	wake    chan struct{}
	pending map[string]bool
}

type verifiedAt struct {
	ok bool
	at time.Time
}

// New returns the matching service; it recomputes the matches of every
// listing changes reports (changes may be nil).
func New(s *store.Store, cat Catalog, engine search.Engine, orgs Orgs, notes Notifier, a auth.Auditor, changes *catalog.Changes, log *slog.Logger) *Service {
	m := &Service{s: s, cat: cat, engine: engine, orgs: orgs, notes: notes, audit: a, log: log,
		verified: map[string]verifiedAt{}, wake: make(chan struct{}, 1), pending: map[string]bool{}}
	if changes != nil {
		changes.Subscribe(m.Changed)
	}
	return m
}

func (m *Service) isVerified(ctx context.Context, orgID string) bool {
	now := time.Now()
	m.mu.Lock()
	v, ok := m.verified[orgID]
	m.mu.Unlock()
	if ok && now.Sub(v.at) < time.Minute {
		return v.ok
	}
	o, err := m.orgs.Get(ctx, orgID)
	v = verifiedAt{ok: err == nil && o.Status == org.StatusVerified, at: now}
	m.mu.Lock()
	if len(m.verified) > 10_000 {
		clear(m.verified)
	}
	m.verified[orgID] = v
	m.mu.Unlock()
	return v.ok
}

// counterKinds are the kinds a listing of kind k is matched with.
func counterKinds(k string) []string {
	if k == catalog.KindDemand {
		return []string{catalog.KindTechnology, catalog.KindEquipment, catalog.KindIP}
	}
	return []string{catalog.KindDemand}
}

// queryText picks the words that ask the engine for candidates: keywords
// first, then the title, then the summary; no stop words, no repeats.
func queryText(l catalog.Listing) string {
	var words []string
	seen := map[string]bool{}
	for _, part := range append(append(slices.Clone(l.Keywords), l.Title), l.Summary) {
		for _, w := range content(search.Words(part)) {
			if !seen[w] && len(words) < queryWords {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

// For returns up to limit matches for l, best first; officers' proposals
// come before computed pairs.
func (m *Service) For(ctx context.Context, l catalog.Listing, limit int) ([]Match, error) {
	now := m.cat.Now()
	// Expired listings are dropped below rather than by the engine: a range
	// filter that nearly every document passes made the engine walk them
	// all (the larger part of a request at 10,000 listings).
	filter := search.Filter{Kinds: counterKinds(l.Kind)}
	docs := map[string]search.Doc{}
	byText, err := m.engine.Search(ctx, search.Query{Text: queryText(l), Any: true, NoFacets: true, Filter: filter, PageSize: 40})
	if err != nil {
		return nil, err
	}
	for _, h := range byText.Hits {
		docs[h.Doc.ID] = h.Doc
	}
	// Same-sector listings fill in only when the words found few: sorting a
	// whole sector by date was a third of a request on a large catalogue,
	// and on the labelled demo needs it added nothing the words missed.
	if len(l.Sectors) > 0 && len(byText.Hits) < 20 {
		f := filter
		f.Sectors = l.Sectors
		bySector, err := m.engine.Search(ctx, search.Query{Filter: f, NoFacets: true, Sort: search.SortNewest, PageSize: 20})
		if err != nil {
			return nil, err
		}
		for _, h := range bySector.Hits {
			docs[h.Doc.ID] = h.Doc
		}
	}
	proposals, err := m.proposals(ctx, l)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Proposal{}
	for i := range proposals {
		p := &proposals[i]
		other := p.OfferID
		if l.Kind != catalog.KindDemand {
			other = p.NeedID
		}
		byID[other] = p
		if _, ok := docs[other]; !ok {
			d, err := m.engine.Get(ctx, other)
			if errors.Is(err, search.ErrNotFound) {
				continue // no longer public
			} else if err != nil {
				return nil, err
			}
			docs[other] = d
		}
	}

	src := fromListing(l)
	cands := make([]side, 0, len(docs))
	for id, d := range docs {
		if d.OrgID == l.OrgID || id == l.ID {
			continue // an organisation is not matched with itself
		}
		if !d.ExpiresAt.IsZero() && !now.Before(d.ExpiresAt) {
			continue
		}
		cand := fromDoc(d)
		if byID[id] == nil && !related(src, cand) {
			continue
		}
		cands = append(cands, cand)
	}
	w := m.weights(ctx, src, cands)
	out := make([]Match, 0, len(cands))
	for _, cand := range cands {
		d, p := docs[cand.ID], byID[cand.ID]
		cand.Verified = m.isVerified(ctx, d.OrgID)
		sc, reasons := score(src, cand, now, w)
		if p == nil && sc < MinScore {
			continue
		}
		if p != nil {
			reasons = append([]Reason{{Code: "proposed", Params: map[string]string{"note": p.Note}, Positive: true}}, reasons...)
		}
		out = append(out, Match{Doc: d, Score: sc, Reasons: reasons, Proposal: p})
	}
	slices.SortFunc(out, func(a, b Match) int {
		if (a.Proposal != nil) != (b.Proposal != nil) {
			if a.Proposal != nil {
				return -1
			}
			return 1
		}
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		if c := b.Doc.PublishedAt.Compare(a.Doc.PublishedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Doc.ID, b.Doc.ID)
	})
	return out[:min(limit, len(out))], nil
}

// sameSide are the kinds on the same side of the market as kind k.
func sameSide(k string) []string {
	if k == catalog.KindDemand {
		return []string{catalog.KindDemand}
	}
	return []string{catalog.KindTechnology, catalog.KindEquipment, catalog.KindIP}
}

// Similar returns up to limit published listings on the same side of the
// market as l (other offers for an offer, other needs for a need), in the
// engine's order of relevance to l's words: what a visitor of l's page
// may also look at. Their reasons are the phrases and the sector they
// share with l; they carry no score (they are not matched with l).
func (m *Service) Similar(ctx context.Context, l catalog.Listing, limit int) ([]Match, error) {
	now := m.cat.Now()
	res, err := m.engine.Search(ctx, search.Query{Text: queryText(l), Any: true, NoFacets: true,
		Filter: search.Filter{Kinds: sameSide(l.Kind)}, PageSize: 2 * limit})
	if err != nil {
		return nil, err
	}
	src := fromListing(l)
	cands := make([]side, 0, len(res.Hits))
	docs := map[string]search.Doc{}
	for _, h := range res.Hits {
		d := h.Doc
		if d.ID == l.ID || (!d.ExpiresAt.IsZero() && !now.Before(d.ExpiresAt)) {
			continue
		}
		cand := fromDoc(d)
		if !related(src, cand) {
			continue
		}
		docs[d.ID] = d
		cands = append(cands, cand)
	}
	w := m.weights(ctx, src, cands)
	out := make([]Match, 0, min(limit, len(cands)))
	for i := range cands {
		if len(out) == limit {
			break
		}
		// Only with a ground a person can see: shared phrases or a
		// similar description; a shared sector alone is not "similar".
		var rs []Reason
		kw := sharedPhrases(&src, &cands[i], w)
		if len(kw) > 0 {
			names := make([]string, 0, 3)
			for _, k := range kw[:min(3, len(kw))] {
				names = append(names, k.text)
			}
			rs = append(rs, Reason{Code: "shared_keywords", Params: map[string]string{"keywords": strings.Join(names, ", ")}, Positive: true})
		}
		if sim := max(textSimilarity(src, cands[i]), textSimilarity(cands[i], src)); sim >= 0.3 {
			rs = append(rs, Reason{Code: "text", Positive: true})
		} else if len(kw) == 0 {
			continue
		}
		if j := slices.IndexFunc(src.Sectors, func(s string) bool { return slices.Contains(cands[i].Sectors, s) }); j >= 0 {
			rs = append(rs, Reason{Code: "same_sector", Params: map[string]string{"sector": src.Sectors[j]}, Positive: true})
		}
		out = append(out, Match{Doc: docs[cands[i].ID], Reasons: rs})
	}
	return out, nil
}

// weights reads from the engine, when it can tell, how many listings hold
// each keyword word of src and the candidates.
func (m *Service) weights(ctx context.Context, src side, cands []side) weights {
	f, ok := m.engine.(Frequencies)
	if !ok {
		return uniform
	}
	sides := []*side{&src}
	for i := range cands {
		sides = append(sides, &cands[i])
	}
	return idfWeights(ctx, f, contentWords(sides...))
}

func (m *Service) proposals(ctx context.Context, l catalog.Listing) ([]Proposal, error) {
	field := "offerId"
	if l.Kind == catalog.KindDemand {
		field = "needId"
	}
	return store.Find[Proposal](ctx, m.s, ProposalCollection, bson.D{{Key: field, Value: l.ID}})
}

// ProposalInput is an officer's pair of a need and an offer.
type ProposalInput struct {
	NeedID  string `json:"needId" rule:"required"`
	OfferID string `json:"offerId" rule:"required"`
	Note    string `json:"note" rule:"max=2000"`
}

var proposalRules = validate.RulesOf[ProposalInput]()

// Propose records an officer's pair and tells both organisations.
func (m *Service) Propose(ctx context.Context, p *auth.Principal, needID, offerID, note string) (Proposal, error) {
	var c validate.Checker
	note = strings.TrimSpace(note)
	c.Optional("note", note, proposalRules.Of("note").Max)
	need, err := m.published(ctx, needID)
	if err != nil {
		return Proposal{}, err
	}
	offer, err := m.published(ctx, offerID)
	if err != nil {
		return Proposal{}, err
	}
	if need == nil || need.Kind != catalog.KindDemand {
		c.Add("needId", "not_a_published_need")
	}
	if offer == nil || !catalog.IsOffer(offer.Kind) {
		c.Add("offerId", "not_a_published_offer")
	}
	if need != nil && offer != nil && need.OrgID == offer.OrgID {
		c.Add("offerId", "same_organization")
	}
	if err := c.Err(); err != nil {
		return Proposal{}, err
	}
	pr := Proposal{ID: pairID(needID, offerID), NeedID: needID, OfferID: offerID, Note: note,
		By: p.User.ID, ByName: cmpOr(p.User.FullName, p.User.Email), At: m.cat.Now().UTC()}
	if err := store.Insert(ctx, m.s, ProposalCollection, &pr); err != nil {
		if errors.Is(err, store.ErrDuplicate) {
			return Proposal{}, ErrProposalExists
		}
		return Proposal{}, err
	}
	m.record(ctx, p, pr)
	m.notes.ToOrgs(ctx, []string{need.OrgID}, p.User.ID, notify.Note{Kind: notify.KindMatchProposed,
		Params: map[string]string{"listing": need.Title, "match": offer.Title}, Link: "/listings/" + need.ID})
	m.notes.ToOrgs(ctx, []string{offer.OrgID}, p.User.ID, notify.Note{Kind: notify.KindMatchProposed,
		Params: map[string]string{"listing": offer.Title, "match": need.Title}, Link: "/listings/" + offer.ID})
	return pr, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// published returns the listing if it is published and not expired, nil
// if not.
func (m *Service) published(ctx context.Context, id string) (*catalog.Listing, error) {
	if id == "" {
		return nil, nil
	}
	l, err := m.cat.Get(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if !l.Public() || l.Expired(m.cat.Now()) {
		return nil, nil
	}
	return &l, nil
}

// Broker is the officer who proposed a pair of l with a listing of the
// party organisation, if any: the connection that follows is theirs to
// follow too.
func (m *Service) Broker(ctx context.Context, l catalog.Listing, partyOrgID string) (*connection.Ref, error) {
	ps, err := m.proposals(ctx, l)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		other := p.OfferID
		if l.Kind != catalog.KindDemand {
			other = p.NeedID
		}
		o, err := m.cat.Get(ctx, other)
		if err != nil {
			continue
		}
		if o.OrgID == partyOrgID {
			return &connection.Ref{ID: p.By, Name: p.ByName}, nil
		}
	}
	return nil, nil
}
