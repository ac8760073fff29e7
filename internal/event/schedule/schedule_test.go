package schedule

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// random builds an instance: participants available in a random part of
// the grid (some in all of it, some in one session a day), and meetings
// between random distinct pairs.
func random(r *rand.Rand, people, meetings int, g Grid) Input {
	in := Input{Grid: g}
	for i := range people {
		p := Participant{ID: fmt.Sprintf("p%d", i)}
		switch r.IntN(3) {
		case 0: // every slot
		case 1: // one session (half a day) on each day
			half := g.SlotsPerDay / 2
			from := 0
			if r.IntN(2) == 1 {
				from = half
			}
			for d := range g.Days {
				for s := from; s < from+max(half, 1) && s < g.SlotsPerDay; s++ {
					p.Slots = append(p.Slots, d*g.SlotsPerDay+s)
				}
			}
		default: // random slots
			for s := range g.Slots() {
				if r.IntN(2) == 0 {
					p.Slots = append(p.Slots, s)
				}
			}
		}
		in.Participants = append(in.Participants, p)
	}
	for i := range meetings {
		a, b := r.IntN(people), r.IntN(people)
		for people > 1 && b == a {
			b = r.IntN(people)
		}
		in.Meetings = append(in.Meetings, Meeting{ID: fmt.Sprintf("m%d", i), A: fmt.Sprintf("p%d", a), B: fmt.Sprintf("p%d", b)})
	}
	return in
}

// check fails t for any broken rule of a result: every meeting once,
// nobody double-booked, no table twice in a slot, only available slots,
// reasons that hold.
func check(t *testing.T, in Input, res Result) {
	t.Helper()
	avail := map[string]map[int]bool{}
	for _, p := range in.Participants {
		av := map[int]bool{}
		for s := range in.Grid.Slots() {
			av[s] = len(p.Slots) == 0 || slices.Contains(p.Slots, s)
		}
		avail[p.ID] = av
	}
	byID := map[string]Meeting{}
	for _, m := range in.Meetings {
		byID[m.ID] = m
	}
	seen := map[string]bool{}
	booked := map[string]map[int]string{}
	tables := map[Position]string{}
	for _, pl := range res.Placed {
		m := byID[pl.Meeting]
		if seen[m.ID] {
			t.Fatalf("meeting %s twice", m.ID)
		}
		seen[m.ID] = true
		if pl.Slot < 0 || pl.Slot >= in.Grid.Slots() || pl.Table < 0 || pl.Table >= in.Grid.Tables {
			t.Fatalf("meeting %s outside the grid: %+v", m.ID, pl.Position)
		}
		if other, ok := tables[pl.Position]; ok {
			t.Fatalf("table %d of slot %d holds %s and %s", pl.Table, pl.Slot, other, m.ID)
		}
		tables[pl.Position] = m.ID
		for _, p := range []string{m.A, m.B} {
			if !avail[p][pl.Slot] {
				t.Fatalf("meeting %s in slot %d where %s is not available", m.ID, pl.Slot, p)
			}
			if booked[p] == nil {
				booked[p] = map[int]string{}
			}
			if other, ok := booked[p][pl.Slot]; ok {
				t.Fatalf("%s double-booked in slot %d: %s and %s", p, pl.Slot, other, m.ID)
			}
			booked[p][pl.Slot] = m.ID
		}
	}
	for _, u := range res.Unplaced {
		m := byID[u.Meeting]
		if seen[m.ID] {
			t.Fatalf("meeting %s placed and unplaced", m.ID)
		}
		seen[m.ID] = true
		if !slices.Contains(Reasons, u.Reason) {
			t.Fatalf("meeting %s: unknown reason %q", m.ID, u.Reason)
		}
		_, knownA := avail[m.A]
		_, knownB := avail[m.B]
		shared, free, tableLeft := false, false, false
		for s := range in.Grid.Slots() {
			if knownA && knownB && avail[m.A][s] && avail[m.B][s] {
				shared = true
				_, busyA := booked[m.A][s]
				_, busyB := booked[m.B][s]
				if !busyA && !busyB {
					free = true
					used := 0
					for pos := range tables {
						if pos.Slot == s {
							used++
						}
					}
					tableLeft = tableLeft || used < in.Grid.Tables
				}
			}
		}
		switch u.Reason {
		case ReasonNoCommonSlot:
			if shared {
				t.Fatalf("meeting %s: no_common_slot, but its sides share a slot", m.ID)
			}
		case ReasonParticipantsBusy:
			if !shared || free {
				t.Fatalf("meeting %s: participants_busy, but shared=%v free=%v", m.ID, shared, free)
			}
		case ReasonTablesFull:
			if !free || tableLeft {
				t.Fatalf("meeting %s: tables_full, but free=%v tableLeft=%v", m.ID, free, tableLeft)
			}
		}
		if free && tableLeft {
			t.Fatalf("meeting %s left out though a slot has both sides free and a table", m.ID)
		}
	}
	if len(seen) != len(in.Meetings) {
		t.Fatalf("%d meetings in the result, %d in the input", len(seen), len(in.Meetings))
	}
}

// Over random instances: the rules hold, and the scheduler places at
// least as many meetings as first-fit.
func TestRunHoldsTheRulesOnRandomInstances(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	better := 0
	for i := range 300 {
		g := Grid{Days: 1 + r.IntN(2), SlotsPerDay: 1 + r.IntN(8), Tables: 1 + r.IntN(6)}
		in := random(r, 2+r.IntN(30), r.IntN(80), g)
		res := Run(in)
		check(t, in, res)
		ff := FirstFit(in)
		check(t, in, ff)
		if len(res.Placed) < len(ff.Placed) {
			t.Fatalf("instance %d: placed %d, first-fit %d", i, len(res.Placed), len(ff.Placed))
		}
		if len(res.Placed) > len(ff.Placed) {
			better++
		}
	}
	if better == 0 {
		t.Error("never better than first-fit")
	}
}

// Earlier placements, some of them stale or impossible (outside the grid,
// two meetings at one table, a side no longer available): the rules hold
// whatever they say, and a run that keeps them still places each meeting
// once.
func TestRunHoldsTheRulesWithAnyPreviousPlacements(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 45))
	for range 300 {
		g := Grid{Days: 1 + r.IntN(2), SlotsPerDay: 1 + r.IntN(8), Tables: 1 + r.IntN(6)}
		in := random(r, 2+r.IntN(30), r.IntN(80), g)
		for i := range in.Meetings {
			if r.IntN(3) == 0 {
				in.Meetings[i].Previous = &Position{Slot: r.IntN(g.Slots()+2) - 1, Table: r.IntN(g.Tables+2) - 1}
			}
		}
		check(t, in, Run(in))
	}
}

func TestReasons(t *testing.T) {
	in := Input{Grid: Grid{Days: 1, SlotsPerDay: 2, Tables: 1},
		Participants: []Participant{{ID: "a", Slots: []int{0}}, {ID: "b", Slots: []int{1}}, {ID: "c"}, {ID: "d"},
			{ID: "e", Slots: []int{0}}},
		Meetings: []Meeting{
			{ID: "no-common", A: "a", B: "b"},
			{ID: "self", A: "c", B: "c"},
			{ID: "stranger", A: "c", B: "x"},
			{ID: "cd0", A: "c", B: "d"},
			{ID: "cd1", A: "c", B: "d"},
			{ID: "cd2", A: "c", B: "d"}, // c and d are busy in both slots
			{ID: "ae", A: "a", B: "e"},  // slot 0 only, whose one table holds cd0
		}}
	st := newState(prepare(in))
	st.place(3, 0)
	st.place(4, 1)
	res := st.result(false)
	check(t, in, res)
	got := map[string]string{}
	for _, u := range res.Unplaced {
		got[u.Meeting] = u.Reason
	}
	want := map[string]string{"no-common": ReasonNoCommonSlot, "self": ReasonSameParticipant, "stranger": ReasonNotParticipant,
		"cd2": ReasonParticipantsBusy, "ae": ReasonTablesFull}
	if len(got) != len(want) {
		t.Errorf("unplaced %v", got)
	}
	for id, reason := range want {
		if got[id] != reason {
			t.Errorf("%s: reason %q, want %q (all: %v)", id, got[id], reason, got)
		}
	}
	if res := Run(Input{Grid: Grid{Days: 1, SlotsPerDay: 4}, Participants: in.Participants, Meetings: in.Meetings[3:4]}); len(res.Unplaced) != 1 || res.Unplaced[0].Reason != ReasonNoGrid {
		t.Errorf("no tables: %+v", res)
	}
}

// A meeting that first-fit leaves out because an earlier one took the
// only slot it can use: the scheduler places both.
func TestRunBeatsFirstFitOnAConstrainedMeeting(t *testing.T) {
	in := Input{Grid: Grid{Days: 1, SlotsPerDay: 2, Tables: 1},
		Participants: []Participant{{ID: "a"}, {ID: "b"}, {ID: "c", Slots: []int{0}}},
		Meetings:     []Meeting{{ID: "ab", A: "a", B: "b"}, {ID: "ac", A: "a", B: "c"}}}
	if ff := FirstFit(in); len(ff.Placed) != 1 {
		t.Fatalf("first-fit placed %d", len(ff.Placed))
	}
	res := Run(in)
	check(t, in, res)
	if len(res.Placed) != 2 {
		t.Fatalf("placed %+v, unplaced %+v", res.Placed, res.Unplaced)
	}
}

// The repair pass: a meeting placed first in the only slot another needs
// is moved out of the way.
func TestRepairMovesABlockingMeeting(t *testing.T) {
	st := newState(prepare(Input{Grid: Grid{Days: 1, SlotsPerDay: 2, Tables: 1},
		Participants: []Participant{{ID: "a"}, {ID: "b"}, {ID: "c", Slots: []int{0}}, {ID: "d", Slots: []int{0}}},
		Meetings:     []Meeting{{ID: "ab", A: "a", B: "b"}, {ID: "cd", A: "c", B: "d"}}}))
	st.place(0, 0) // ab holds slot 0's only table
	if !st.insert(1) {
		t.Fatal("cd not inserted")
	}
	if st.slotOf[0] != 1 || st.slotOf[1] != 0 {
		t.Fatalf("slots %v", st.slotOf)
	}
}

// Running again keeps meetings where they were when they still fit.
func TestRunKeepsPreviousPlacements(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	in := random(r, 40, 120, Grid{Days: 2, SlotsPerDay: 8, Tables: 6})
	first := Run(in)
	check(t, in, first)
	at := map[string]Position{}
	for _, p := range first.Placed {
		at[p.Meeting] = p.Position
	}
	for i, m := range in.Meetings {
		if p, ok := at[m.ID]; ok {
			in.Meetings[i].Previous = &p
		}
	}
	// One more participant and meeting: nothing placed before moves.
	in.Participants = append(in.Participants, Participant{ID: "new"})
	in.Meetings = append(in.Meetings, Meeting{ID: "late", A: "new", B: "p0"})
	again := Run(in)
	check(t, in, again)
	for _, p := range again.Placed {
		if was, ok := at[p.Meeting]; ok && was != p.Position {
			t.Errorf("%s moved from %+v to %+v", p.Meeting, was, p.Position)
		}
	}
	if len(again.Placed) < len(first.Placed) {
		t.Errorf("placed %d, before %d", len(again.Placed), len(first.Placed))
	}
}

// Benchmark is the size of the question: 300 participants, 1,500
// accepted meetings, 2 days × 16 slots × 40 tables, a third of the
// participants available in one session a day and a third in a random
// half of the slots. It reports placed/accepted for the scheduler and
// for first-fit.
func BenchmarkRun(b *testing.B) {
	in := random(rand.New(rand.NewPCG(300, 1500)), 300, 1500, Grid{Days: 2, SlotsPerDay: 16, Tables: 40})
	var res Result
	for b.Loop() {
		res = Run(in)
	}
	report(b, in, res)
}

// BenchmarkRunRoomy is the same crowd with room for every meeting (60
// tables): what is left out is left out for the participants' time.
func BenchmarkRunRoomy(b *testing.B) {
	in := random(rand.New(rand.NewPCG(300, 1500)), 300, 1500, Grid{Days: 2, SlotsPerDay: 16, Tables: 60})
	var res Result
	for b.Loop() {
		res = Run(in)
	}
	report(b, in, res)
}

// report gives placed/accepted for the scheduler and first-fit, and how
// many meetings no schedule could place (their sides share no slot).
func report(b *testing.B, in Input, res Result) {
	ff := FirstFit(in)
	noCommon := 0
	for _, u := range res.Unplaced {
		if u.Reason == ReasonNoCommonSlot {
			noCommon++
		}
	}
	b.ReportMetric(float64(len(res.Placed)), "placed")
	b.ReportMetric(float64(len(ff.Placed)), "placed-firstfit")
	b.ReportMetric(float64(len(in.Meetings)), "accepted")
	b.ReportMetric(float64(noCommon), "no-common-slot")
}

func BenchmarkFirstFit(b *testing.B) {
	in := random(rand.New(rand.NewPCG(300, 1500)), 300, 1500, Grid{Days: 2, SlotsPerDay: 16, Tables: 40})
	for b.Loop() {
		FirstFit(in)
	}
}
