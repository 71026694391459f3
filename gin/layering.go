package corsgin

import (
	"fmt"
	"path"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/adapter"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithOptions: every closure made from one function literal
// shares its code pointer, and MiddlewareWithOptions is never inlined so
// that its literal stays one function.
var middlewareCode = adapter.Code(MiddlewareWithOptions(nil, Options{}))

// refuseLayering panics when the handlers that r gives its routes already
// hold a crossgate middleware: a group protected under it would have its
// preflights answered by that outer policy.
func refuseLayering(r gin.IRouter, relativePath string) {
	var inherited gin.HandlersChain
	base := "/"
	switch g := r.(type) {
	case *gin.Engine:
		inherited = g.Handlers
	case *gin.RouterGroup:
		inherited, base = g.Handlers, g.BasePath()
	}
	if !adapter.Holds(inherited, middlewareCode) {
		return
	}
	prefix := path.Join(base, relativePath)
	panic(fmt.Sprintf("corsgin.Group(%q): %q already runs a crossgate policy, which would answer the group's preflights before the group's policy could refuse them; "+
		"attach one policy with r.Use(corsgin.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with r.Group(%q)",
		prefix, base, prefix, relativePath))
}
