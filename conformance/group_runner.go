package conformance

import "testing"

// RunGroups plays every group scenario, in order, on one running group
// application of f (from GroupFrameworks) and reports each difference
// from what the scenario expects of f as a failure of its subtest.
func RunGroups(t *testing.T, f Framework) {
	t.Helper()
	all := GroupScenarios()
	scenarios := make([]Scenario, len(all))
	for i, g := range all {
		scenarios[i] = g.For(f.Name)
	}
	runScenarios(t, f, scenarios)
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
