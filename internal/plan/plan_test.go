package plan

import "testing"

// Agencies merged in 2025 report through their successors: a target of the
// Sở NN&PTNT is the Sở Nông nghiệp và Môi trường's, and only agencies in
// office with an organisation write reports.
func TestAgenciesFollowTheirSuccessors(t *testing.T) {
	p := Plan{
		Agencies: []Agency{
			{Code: "so_nnptnt", Name: "Sở Nông nghiệp và Phát triển nông thôn", ValidUntil: "2025-02-28", ReplacedBy: "so_nnmt"},
			{Code: "so_tnmt", Name: "Sở Tài nguyên và Môi trường", ValidUntil: "2025-02-28", ReplacedBy: "so_nnmt"},
			{Code: "so_nnmt", Name: "Sở Nông nghiệp và Môi trường", OrgID: "org-nnmt"},
			{Code: "so_khcn", Name: "Sở Khoa học và Công nghệ"},
			{Code: "loop_a", Name: "A", ReplacedBy: "loop_b"},
			{Code: "loop_b", Name: "B", ReplacedBy: "loop_a"},
		},
		Targets: []Target{
			{Code: "1", Responsible: "so_nnptnt", CoOperating: []string{"so_khcn"}},
			{Code: "2", Responsible: "so_khcn", CoOperating: []string{"so_tnmt"}},
		},
	}
	if c := p.Current("so_nnptnt"); c.Code != "so_nnmt" {
		t.Fatalf("successor of so_nnptnt: %s", c.Code)
	}
	if c := p.Current("loop_a"); c.Code != "loop_b" {
		t.Fatalf("a loop in the data stops where it closes: %s", c.Code)
	}
	if r := p.Role("so_nnmt", p.Targets[0]); r != "responsible" {
		t.Errorf("role on target 1: %q", r)
	}
	if r := p.Role("so_nnmt", p.Targets[1]); r != "cooperating" {
		t.Errorf("role on target 2: %q", r)
	}
	rep := p.Reporters()
	if len(rep) != 1 || rep[0].Code != "so_nnmt" {
		t.Fatalf("reporters %v, want only the agency in office with an organisation", rep)
	}
}

func TestMilestoneOfAYear(t *testing.T) {
	tg := Target{Milestones: []Milestone{{2020, 3}, {2030, 5}}}
	for y, want := range map[int]int{2018: 2020, 2020: 2020, 2026: 2030, 2035: 2030} {
		if m := tg.Milestone(y); m.Year != want {
			t.Errorf("%d works towards %d, want %d", y, m.Year, want)
		}
	}
}
