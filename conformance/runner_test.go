package conformance

import (
	"strings"
	"testing"
)

// TestCheckCatches makes sure the runner fails what it should: a suite
// whose checks pass everything would prove nothing. It plays a real
// exchange and checks it against expectations that are each wrong in one
// way.
func TestCheckCatches(t *testing.T) {
	sc := Scenario{Name: "self-test", Config: basic(),
		Request: req("GET", PathItems, hdr{hOrigin, appOrigin}), Want: basicActualAllowed}
	r, err := Play(referenceHTTP(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if bad := Check(sc, r); bad != nil {
		t.Fatalf("the right expectation fails: %v", bad)
	}
	wrong := map[string]Response{
		"status":       want(204, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin}),
		"app ran":      want(200, false, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin}),
		"ACAO":         want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin}),
		"absent ACEH":  want(200, true, hdr{ACAO, appOrigin}, hdr{Vary, varyOrigin}),
		"missing ACAC": want(200, true, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin}),
		"Vary":         want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyPreflight}),
	}
	for what, w := range wrong {
		bad := sc
		bad.Want = w
		if got := Check(bad, r); len(got) != 1 {
			t.Errorf("a wrong %s: Check reported %d problems, want 1: %s", what, len(got), strings.Join(got, "; "))
		}
	}
	body := r
	body.Body = `{"handler":"app","method":"POST","path":"/api/items","cookie":""}`
	if got := Check(sc, body); len(got) != 1 {
		t.Errorf("a wrong body: Check reported %v", got)
	}
	unseen := r
	unseen.Observed = nil
	if got := Check(sc, unseen); len(got) != 1 {
		t.Errorf("an unobserved request: Check reported %v", got)
	}
}
