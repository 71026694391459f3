package conformance

import "testing"

// RunGroups plays every group scenario, in order, on one running group
// application of f (from GroupFrameworks) and reports each difference
// from what the scenario expects of f as a failure of its subtest.
func RunGroups(t *testing.T, f Framework) {
	t.Helper()
	s, err := Start(f)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	t.Cleanup(s.Close)
	all := GroupScenarios()
	scenarios := make([]Scenario, len(all))
	for i, g := range all {
		scenarios[i] = g.Scenario
	}
	checkUnique(t, scenarios)
	for _, g := range all {
		sc := g.For(f.Name)
		t.Run(sc.Name, func(t *testing.T) {
			r, err := s.Play(sc)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, m := range Check(sc, r) {
				t.Errorf("%s %s %s: %s", f.Name, sc.Request.Method, sc.Request.Path, m)
			}
		})
	}
}

// GroupMisses plays every group scenario on f and returns the names of
// those f answers otherwise than expected, in order: none for a group
// helper, and the scenarios a plain attachment gets wrong for
// PlainGroupFrameworks.
func GroupMisses(f Framework) ([]string, error) {
	s, err := Start(f)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var missed []string
	for _, g := range GroupScenarios() {
		sc := g.For(f.Name)
		r, err := s.Play(sc)
		if err != nil {
			return nil, err
		}
		if len(Check(sc, r)) > 0 {
			missed = append(missed, sc.Name)
		}
	}
	return missed, nil
}
