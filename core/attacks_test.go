package core_test

import (
	"reflect"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/core"
)

// TestAttacks plays the attack catalogue (internal/attacks) against core
// alone; internal/conformance/attacks_test.go plays the same rows through
// every adapter over real HTTP.
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
			d := decideHooked(t, p, a, r)
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

// decideHooked decides r with the row's refusal hook set: a panicking one,
// or one that records what it is given. Either way the answer must be the
// one Decide gives without a hook; a recording hook must see the refusal
// once, and every text about it must pass attacks.LogLineProblem.
func decideHooked(t *testing.T, p *core.Policy, a attacks.Attack, r core.Request) core.Decision {
	t.Helper()
	p.OnRefusal(nil)
	want := p.Decide(r)
	var rec *refusalRecorder
	if a.HookPanics {
		captureDefaultLog(t)
		p.OnRefusal(func(core.Refusal) { panic("refusal hook") })
	} else {
		rec = newRefusalRecorder(p)
	}
	d := decideOrPanic(t, p, r)
	if !reflect.DeepEqual(d, want) {
		t.Errorf("with the hook set, decided %+v; without, %+v", d, want)
	}
	if rec == nil {
		return d
	}
	// A scope without a hook of its own reports to the row's policy's.
	if len(rec.refusals) != 1 {
		t.Errorf("%d refusals reported, want 1", len(rec.refusals))
	}
	for _, text := range rec.texts() {
		if problem := attacks.LogLineProblem(text); problem != "" {
			t.Errorf("the refusal's text: %s", problem)
		}
	}
	return d
}
