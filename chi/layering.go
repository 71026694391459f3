package corschi

import (
	"fmt"

	"github.com/go-chi/chi/v5"

	"github.com/crossgate/crossgate/adapter"
)

// middlewareCode identifies a constructor made by Middleware or
// MiddlewareWithOptions: every closure made from one function literal
// shares its code pointer, and MiddlewareWithOptions is never inlined so
// that its literal stays one function.
var middlewareCode = adapter.Code(MiddlewareWithOptions(nil, Options{}))

// refuseLayering panics when r already runs a crossgate middleware: a
// sub-router protected under it would have its preflights answered by
// that outer policy.
func refuseLayering(r chi.Router, pattern string) {
	if !adapter.Holds(r.Middlewares(), middlewareCode) && !adapter.ChiRuns(r, middlewareCode) {
		return
	}
	panic(fmt.Sprintf("corschi.Route(%q): the router already runs a crossgate policy, which would answer the sub-router's preflights before the sub-router's policy could refuse them; "+
		"keep one top-level corschi.Middleware(site), call site.Scope(%q, routePolicy) (with the full path, where this router is mounted below another), and create the sub-router with r.Route(%q, ...)",
		pattern, pattern, pattern))
}
