package demo

import "github.com/crossgate/crossgate/core"

// reportRefusals makes p report every request it refuses to the demo's
// counters and log, under the framework that serves it.
//
// A refusal hook cannot tell which server called Decide, so each framework
// gets its own Policy compiled from the same Config: the answers are the
// same, and each refusal lands in its framework's column.
func (d *Demo) reportRefusals(framework string, policy PolicyName, p *core.Policy) {
	p.OnRefusal(func(r core.Refusal) {
		d.counters.refused(framework, r)
		if d.logf != nil {
			d.logf("%s (%s policy): %s", framework, policy, r)
		}
	})
}
