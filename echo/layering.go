package corsecho

import (
	"github.com/crossgate/crossgate/internal/layering"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = layering.Code(middleware(Config{}))

// refuseLayering panics when parent already runs a crossgate middleware: a
// group protected under it would have its preflights answered by that
// outer policy (see layering.RefuseEcho).
func refuseLayering(parent Grouper, prefix string) {
	layering.RefuseEcho(parent, prefix, middlewareCode)
}
