package gintest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
)

// Group serves the group application with gin, each group made by
// corsgin.Group.
func Group() conformance.Framework {
	return conformance.Framework{Name: "gin", Variant: "group-helper", Serve: serveGroup(true)}
}

// PlainGroup serves the group application with gin, each group given
// the middleware with g.Use: gin runs it only for the group's routes.
func PlainGroup() conformance.Framework {
	return conformance.Framework{Name: "gin", Variant: "plain-group", Serve: serveGroup(false)}
}

func serveGroup(helper bool) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		legacy, err := conformance.LegacyPolicy()
		if err != nil {
			return nil, err
		}
		r := New(opts)
		group := func(prefix string, p *core.Policy) *gin.RouterGroup {
			if helper {
				return corsgin.Group(r, prefix, p)
			}
			g := r.Group(prefix)
			g.Use(corsgin.Middleware(p))
			return g
		}
		g := group(conformance.GroupPrefix, p)
		for _, m := range conformance.AppMethods {
			g.Handle(m, "/items", App)
			g.Handle(m, "/items/:id", App)
		}
		g = group(conformance.LegacyPrefix, legacy)
		g.GET("/items", App)
		g.PUT("/items", App)
		r.GET(conformance.PathItems, App)
		r.GET(conformance.SiblingPath, App)
		return conformance.ServeHTTP(ln, r, opts)
	}
}
