package demo

import (
	"slices"

	"github.com/crossgate/crossgate/core"
)

// explain asks crossgate what it makes of a step without sending anything:
// core's Explain models the browser's side (preflight or not, credentials)
// and says what to change in the Config. The page shows its answer next to
// each step, and the package's test checks that it agrees with what the
// browser does.
func (d *Demo) explain(sc Scenario, st Step) core.Explanation {
	pr := core.Probe{Origin: d.Origins[st.From], Method: st.Method, Credentials: st.Credentials}
	for name := range st.Headers {
		pr.Headers = append(pr.Headers, name)
	}
	slices.Sort(pr.Headers)
	return d.models[sc.Policy].Explain(pr)
}
