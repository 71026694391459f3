package core_test

import (
	"testing"

	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/internal/attacks"
)

// TestAttacks plays the attack catalogue (internal/attacks) against core
// alone; conformance/attacks_test.go plays the same rows through every
// adapter over real HTTP.
func TestAttacks(t *testing.T) {
	for _, a := range attacks.All() {
		t.Run(a.Class, func(t *testing.T) {
			p, err := a.Policy()
			if a.Refuse == attacks.Config {
				if err == nil {
					t.Fatalf("New accepted %+v (%s)", a.Config, a.Advisory)
				}
				return
			}
			if err != nil {
				t.Fatalf("the row's policy is invalid: %v", err)
			}
			r := a.Request()
			d := p.Decide(r)
			if msg := checkInvariants(a.Config, r, d); msg != "" {
				t.Errorf("invariant broken: %s", msg)
			}
			if d.Allowed {
				t.Fatalf("allowed (%s)", a.Advisory)
			}
			header := map[string]string{}
			for name, values := range d.Headers() {
				header[name] = values[0]
			}
			switch a.Refuse {
			case attacks.Origin:
				if len(header) != 0 {
					t.Errorf("refused origin got headers %q", header)
				}
				if d.Kind == core.Preflight && (!d.End || d.Status != 403) {
					t.Errorf("refused-origin preflight: End=%v Status=%d, want ended with 403", d.End, d.Status)
				}
			case attacks.Preflight:
				if d.Kind != core.Preflight || !d.End {
					t.Errorf("kind %v End=%v, want an ended preflight", d.Kind, d.End)
				}
				if _, ok := header["Access-Control-Max-Age"]; ok {
					t.Errorf("refused preflight carries Max-Age")
				}
				for _, name := range []string{"Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
					if a.Asked != "" && attacks.Lists(name, header[name], a.Asked) {
						t.Errorf("%s: %q lists %q", name, header[name], a.Asked)
					}
				}
			}
		})
	}
}
