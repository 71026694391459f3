package conformance

import (
	"net"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
)

// GroupGin serves the group application with gin, each group made by
// corsgin.Group.
func GroupGin() Framework {
	return Framework{Name: "gin", Variant: "group-helper", Serve: serveGroupGin(true)}
}

// PlainGroupGin serves the group application with gin, each group given
// the middleware with g.Use: gin runs it only for the group's routes.
func PlainGroupGin() Framework {
	return Framework{Name: "gin", Variant: "plain-group", Serve: serveGroupGin(false)}
}

func serveGroupGin(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		r := newGinEngine(opts)
		group := func(prefix string, p *core.Policy) *gin.RouterGroup {
			if helper {
				return corsgin.Group(r, prefix, p)
			}
			g := r.Group(prefix)
			g.Use(corsgin.Middleware(p))
			return g
		}
		g := group(groupPrefix, p)
		for _, m := range appMethods {
			g.Handle(m, "/items", appGin)
			g.Handle(m, "/items/:id", appGin)
		}
		g = group(legacyPrefix, legacy)
		g.GET("/items", appGin)
		g.PUT("/items", appGin)
		r.GET(pathItems, appGin)
		r.GET(siblingPath, appGin)
		return serveHTTP(ln, r, opts)
	}
}
