package corsecho

import (
	"fmt"

	"github.com/crossgate/crossgate/internal/layering"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = layering.Code(middleware(Config{}))

// refuseLayering panics when parent already runs a crossgate middleware: a
// group protected under it would have its preflights answered by that
// outer policy.
func refuseLayering(parent Grouper, prefix string) {
	outer, layered := layering.EchoRuns(parent, middlewareCode)
	if !layered {
		return
	}
	full := outer + prefix
	panic(fmt.Sprintf("corsecho.Group(%q): a crossgate policy already runs around this group, and would answer its preflights before the group's policy could refuse them; "+
		"attach one policy with e.Use(corsecho.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with e.Group(%q)",
		full, full, prefix))
}
