package corsecho

import (
	"github.com/crossgate/crossgate/adapter"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = adapter.Code(middleware(Config{}))

// refuseLayering panics when parent already runs a crossgate middleware: a
// group protected under it would have its preflights answered by that
// outer policy (see adapter.RefuseEcho).
func refuseLayering(parent Grouper, prefix string) {
	adapter.RefuseEcho(parent, prefix, middlewareCode)
}
