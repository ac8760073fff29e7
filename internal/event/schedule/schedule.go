// Package schedule places the accepted B2B meetings of a matchmaking day
// into slots and tables: nobody is in two meetings at once, no table holds
// two meetings in one slot, and each meeting falls in a slot both sides
// said they are available in. A meeting it cannot place comes back with a
// stable reason code.
//
// The package is pure: its input is participants with the slots they are
// available in, the meetings between them and the grid (days × slots ×
// tables); it knows nothing of the store or of events. Slots are numbered
// across days, day*SlotsPerDay + slot, as registrations keep them.
//
// The method: a most-constrained-first greedy pass (meetings with the
// fewest common free slots first, each put in the slot its two sides'
// other meetings need least), then repair passes that place a left-over
// meeting by moving one meeting that blocks it (a side's meeting in that
// slot, or any meeting holding the slot's last table) to another slot.
// The same repair also runs after a first-fit pass, and the better of the
// two schedules is kept, so Run never places fewer than FirstFit on an
// input without earlier placements. With them, keeping people where they
// were comes first: a kept meeting moves only when that lets the repair
// place another.
// A meeting that had a placement keeps it when it still fits, so running
// the scheduler again moves as few people as possible. FirstFit is the
// baseline it is measured against.
package schedule

import (
	"cmp"
	"slices"
)

// Reasons a meeting was not placed.
const (
	// ReasonNoGrid: the event has no meeting days, slots or tables.
	ReasonNoGrid = "no_meeting_slots"
	// ReasonSameParticipant: both sides are the same participant.
	ReasonSameParticipant = "same_participant"
	// ReasonNotParticipant: a side is not among the participants (its
	// registration is no longer approved).
	ReasonNotParticipant = "not_participant"
	// ReasonNoCommonSlot: the two sides share no available slot.
	ReasonNoCommonSlot = "no_common_slot"
	// ReasonParticipantsBusy: in every slot both are available in, one
	// side or the other already has a meeting.
	ReasonParticipantsBusy = "participants_busy"
	// ReasonTablesFull: some slot has both sides free, but every table in
	// it is taken.
	ReasonTablesFull = "tables_full"
)

// Reasons lists every reason code.
var Reasons = []string{ReasonNoGrid, ReasonSameParticipant, ReasonNotParticipant, ReasonNoCommonSlot, ReasonParticipantsBusy, ReasonTablesFull}

// Grid is the matchmaking grid: Days × SlotsPerDay slots, Tables tables
// in each.
type Grid struct {
	Days, SlotsPerDay, Tables int
}

// Slots is the number of slots across all days.
func (g Grid) Slots() int { return max(g.Days, 0) * max(g.SlotsPerDay, 0) }

// Participant is one side of meetings: Slots are the slots it is
// available in; nil or empty means every slot.
type Participant struct {
	ID    string
	Slots []int
}

// Position is where a meeting sits: slot (across days) and table.
type Position struct {
	Slot, Table int
}

// Meeting is an accepted meeting between participants A and B. Previous,
// when set, is where an earlier run placed it: kept if it still fits.
type Meeting struct {
	ID       string
	A, B     string
	Previous *Position
}

// Input is one scheduling problem.
type Input struct {
	Grid         Grid
	Participants []Participant
	Meetings     []Meeting
}

// Placement is a meeting placed.
type Placement struct {
	Meeting string
	Position
}

// Unplaced is a meeting left out, and why (one of Reasons).
type Unplaced struct {
	Meeting string
	Reason  string
}

// Result lists every meeting of the input once: placed, in input order,
// or unplaced with its reason, in input order.
type Result struct {
	Placed   []Placement
	Unplaced []Unplaced
}

// problem is the input in indexes.
type problem struct {
	in     Input
	slots  int
	tables int
	// avail[p][s]: participant p is available in slot s.
	avail [][]bool
	// a, b are each meeting's participants (-1: not a participant).
	a, b []int
	// of[p] are the meetings of participant p.
	of [][]int
}

func prepare(in Input) *problem {
	pr := &problem{in: in, slots: in.Grid.Slots(), tables: max(in.Grid.Tables, 0)}
	index := make(map[string]int, len(in.Participants))
	pr.avail = make([][]bool, len(in.Participants))
	for i, p := range in.Participants {
		index[p.ID] = i
		av := make([]bool, pr.slots)
		if len(p.Slots) == 0 {
			for s := range av {
				av[s] = true
			}
		}
		for _, s := range p.Slots {
			if s >= 0 && s < pr.slots {
				av[s] = true
			}
		}
		pr.avail[i] = av
	}
	pr.of = make([][]int, len(in.Participants))
	pr.a, pr.b = make([]int, len(in.Meetings)), make([]int, len(in.Meetings))
	for m, mt := range in.Meetings {
		pr.a[m], pr.b[m] = -1, -1
		if i, ok := index[mt.A]; ok {
			pr.a[m] = i
		}
		if i, ok := index[mt.B]; ok {
			pr.b[m] = i
		}
		if pr.schedulable(m) {
			pr.of[pr.a[m]] = append(pr.of[pr.a[m]], m)
			pr.of[pr.b[m]] = append(pr.of[pr.b[m]], m)
		}
	}
	return pr
}

// schedulable: both sides are known, distinct participants.
func (pr *problem) schedulable(m int) bool {
	return pr.a[m] >= 0 && pr.b[m] >= 0 && pr.a[m] != pr.b[m]
}

// common reports whether both sides of m are available in s.
func (pr *problem) common(m, s int) bool {
	return pr.avail[pr.a[m]][s] && pr.avail[pr.b[m]][s]
}

// state is a partial schedule.
type state struct {
	*problem
	slotOf []int   // meeting → slot, -1 unplaced
	busy   [][]int // participant → slot → meeting, -1 free
	load   []int   // slot → meetings in it
}

func newState(pr *problem) *state {
	st := &state{problem: pr, slotOf: make([]int, len(pr.in.Meetings)), busy: make([][]int, len(pr.avail)), load: make([]int, pr.slots)}
	for m := range st.slotOf {
		st.slotOf[m] = -1
	}
	for p := range st.busy {
		b := make([]int, pr.slots)
		for s := range b {
			b[s] = -1
		}
		st.busy[p] = b
	}
	return st
}

// fits: m can go into s now.
func (st *state) fits(m, s int) bool {
	return st.common(m, s) && st.busy[st.a[m]][s] < 0 && st.busy[st.b[m]][s] < 0 && st.load[s] < st.tables
}

func (st *state) place(m, s int) {
	st.slotOf[m] = s
	st.busy[st.a[m]][s], st.busy[st.b[m]][s] = m, m
	st.load[s]++
}

func (st *state) remove(m int) {
	s := st.slotOf[m]
	st.slotOf[m] = -1
	st.busy[st.a[m]][s], st.busy[st.b[m]][s] = -1, -1
	st.load[s]--
}

// Run schedules in: it never double-books a participant or a table and
// uses only slots both sides are available in.
func Run(in Input) Result {
	pr := prepare(in)
	st := newState(pr)
	if pr.slots == 0 || pr.tables == 0 {
		return st.result(true)
	}
	st.keepPrevious()
	// The same start in input order, first fit: the greedy order is
	// better on almost every instance, not on all, and both are cheap.
	alt := st.clone()
	st.greedy()
	st.repair()
	alt.firstFit()
	alt.repair()
	if alt.placed() > st.placed() {
		st = alt
	}
	return st.result(true)
}

// clone copies a partial schedule.
func (st *state) clone() *state {
	c := &state{problem: st.problem, slotOf: slices.Clone(st.slotOf), busy: make([][]int, len(st.busy)), load: slices.Clone(st.load)}
	for p := range st.busy {
		c.busy[p] = slices.Clone(st.busy[p])
	}
	return c
}

// placed counts the meetings placed.
func (st *state) placed() int {
	n := 0
	for _, s := range st.slotOf {
		if s >= 0 {
			n++
		}
	}
	return n
}

// firstFit places the meetings left in input order, each in the earliest
// slot it fits.
func (st *state) firstFit() {
	for m := range st.in.Meetings {
		if !st.schedulable(m) || st.slotOf[m] >= 0 {
			continue
		}
		for s := 0; s < st.slots; s++ {
			if st.fits(m, s) {
				st.place(m, s)
				break
			}
		}
	}
}

// keepPrevious puts back, in input order, the meetings whose earlier
// placement still fits.
func (st *state) keepPrevious() {
	for m, mt := range st.in.Meetings {
		if p := mt.Previous; p != nil && st.schedulable(m) && p.Slot >= 0 && p.Slot < st.slots && p.Table >= 0 && p.Table < st.tables && st.fits(m, p.Slot) {
			st.place(m, p.Slot)
		}
	}
}

// options counts the slots m could go into now.
func (st *state) options(m int) int {
	n := 0
	for s := 0; s < st.slots; s++ {
		if st.fits(m, s) {
			n++
		}
	}
	return n
}

// greedy places the meetings left, the most constrained first, each into
// the free slot its sides' other unplaced meetings need least (the
// earliest among equals).
func (st *state) greedy() {
	var todo []int
	opts := make([]int, len(st.in.Meetings))
	deg := func(m int) int { return len(st.of[st.a[m]]) + len(st.of[st.b[m]]) }
	for m := range st.in.Meetings {
		if st.schedulable(m) && st.slotOf[m] < 0 {
			opts[m] = st.options(m)
			if opts[m] > 0 {
				todo = append(todo, m)
			}
		}
	}
	slices.SortStableFunc(todo, func(x, y int) int {
		return cmp.Or(cmp.Compare(opts[x], opts[y]), cmp.Compare(deg(y), deg(x)))
	})
	need := make([]int, st.slots)
	for _, m := range todo {
		best, bestNeed := -1, 0
		for s := 0; s < st.slots; s++ {
			need[s] = 0
		}
		for _, p := range []int{st.a[m], st.b[m]} {
			for _, o := range st.of[p] {
				if o == m || st.slotOf[o] >= 0 {
					continue
				}
				for s := 0; s < st.slots; s++ {
					if st.fits(o, s) {
						need[s]++
					}
				}
			}
		}
		for s := 0; s < st.slots; s++ {
			if st.fits(m, s) && (best < 0 || need[s] < bestNeed) {
				best, bestNeed = s, need[s]
			}
		}
		if best >= 0 {
			st.place(m, best)
		}
	}
}

// repair tries each unplaced meeting again, moving one blocking meeting
// out of the way, until a pass places nothing more (each pass that goes
// on has placed one more meeting, so there are at most as many passes as
// meetings).
func (st *state) repair() {
	for {
		moved := false
		for m := range st.in.Meetings {
			if st.schedulable(m) && st.slotOf[m] < 0 && st.insert(m) {
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// insert places m, directly or by moving one meeting that blocks a slot
// both sides are available in to a slot where it fits.
func (st *state) insert(m int) bool {
	for s := 0; s < st.slots; s++ {
		if st.fits(m, s) {
			st.place(m, s)
			return true
		}
	}
	for s := 0; s < st.slots; s++ {
		if !st.common(m, s) {
			continue
		}
		ba, bb := st.busy[st.a[m]][s], st.busy[st.b[m]][s]
		var blockers []int
		switch {
		case ba >= 0 && bb >= 0:
			continue // two meetings to move: not tried
		case ba >= 0:
			blockers = []int{ba}
		case bb >= 0:
			blockers = []int{bb}
		default:
			// Both free; the slot is full: move any meeting out of it.
			for o := range st.slotOf {
				if st.slotOf[o] == s {
					blockers = append(blockers, o)
				}
			}
		}
		for _, o := range blockers {
			st.remove(o)
			if st.fits(m, s) {
				for t := 0; t < st.slots; t++ {
					if t != s && st.fits(o, t) {
						st.place(o, t)
						st.place(m, s)
						return true
					}
				}
			}
			st.place(o, s)
		}
	}
	return false
}

// result numbers the tables of each slot (a kept meeting keeps its table)
// and gives the reason of each meeting left out.
func (st *state) result(keepTables bool) Result {
	var out Result
	used := make([][]bool, st.slots)
	for s := range used {
		used[s] = make([]bool, st.tables)
	}
	table := make([]int, len(st.in.Meetings))
	for m := range table {
		table[m] = -1
	}
	if keepTables {
		for m, mt := range st.in.Meetings {
			if s := st.slotOf[m]; s >= 0 && mt.Previous != nil && mt.Previous.Slot == s && mt.Previous.Table >= 0 && mt.Previous.Table < st.tables && !used[s][mt.Previous.Table] {
				table[m] = mt.Previous.Table
				used[s][table[m]] = true
			}
		}
	}
	for m := range st.in.Meetings {
		s := st.slotOf[m]
		if s < 0 {
			out.Unplaced = append(out.Unplaced, Unplaced{Meeting: st.in.Meetings[m].ID, Reason: st.reason(m)})
			continue
		}
		if table[m] < 0 {
			table[m] = slices.Index(used[s], false)
			used[s][table[m]] = true
		}
		out.Placed = append(out.Placed, Placement{Meeting: st.in.Meetings[m].ID, Position: Position{Slot: s, Table: table[m]}})
	}
	return out
}

// reason says why m is left out of the schedule as it stands.
func (st *state) reason(m int) string {
	switch {
	case st.slots == 0 || st.tables == 0:
		return ReasonNoGrid
	case st.a[m] < 0 || st.b[m] < 0:
		return ReasonNotParticipant
	case st.a[m] == st.b[m]:
		return ReasonSameParticipant
	}
	shared, free := false, false
	for s := 0; s < st.slots; s++ {
		if st.common(m, s) {
			shared = true
			if st.busy[st.a[m]][s] < 0 && st.busy[st.b[m]][s] < 0 {
				free = true
			}
		}
	}
	switch {
	case !shared:
		return ReasonNoCommonSlot
	case !free:
		return ReasonParticipantsBusy
	}
	return ReasonTablesFull
}

// FirstFit is the baseline: meetings in input order, each into the
// earliest slot where both sides are available and free and a table is
// left. It ignores earlier placements.
func FirstFit(in Input) Result {
	st := newState(prepare(in))
	st.firstFit()
	return st.result(false)
}
