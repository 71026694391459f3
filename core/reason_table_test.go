package core

import "testing"

// TestEveryReasonHasItsFacts: a new ReasonCode cannot be added without its
// sentence and fix, the one table being where each is written.
func TestEveryReasonHasItsFacts(t *testing.T) {
	for code := ReasonNone; code <= ReasonPathAmbiguous; code++ {
		f := factsOf(code)
		if f == nil || f.sentence == nil || (code != ReasonNone && f.fix == nil) {
			t.Errorf("ReasonCode %d lacks its facts in reasons", code)
		}
	}
	if factsOf(ReasonPathAmbiguous+1) != nil || (Reason{Code: ReasonPathAmbiguous + 1}).String() != "refused" {
		t.Error("an unknown code must read as plainly refused")
	}
}
