package echotest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
)

// Group serves the group application with echo, each group made by
// corsecho.Group.
func Group() conformance.Framework {
	return conformance.Framework{Name: "echo", Variant: "group-helper", Serve: serveGroup(true)}
}

// PlainGroup serves the group application with echo, the middleware
// given to each route of a group without middleware: echo's automatic
// OPTIONS handler answers preflights before it.
func PlainGroup() conformance.Framework {
	return conformance.Framework{Name: "echo", Variant: "plain-group", Serve: serveGroup(false)}
}

func serveGroup(helper bool) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		legacy, err := conformance.LegacyPolicy()
		if err != nil {
			return nil, err
		}
		e := New(opts)
		// group returns the function that adds a route to the group at
		// prefix: to a group made by the helper, or, plain, with the
		// middleware on the route itself.
		group := func(prefix string, p *core.Policy) func(method, path string) {
			if helper {
				g := corsecho.Group(e, prefix, p)
				return func(method, path string) { g.Add(method, path, App) }
			}
			g := e.Group(prefix)
			mw := corsecho.Middleware(p)
			return func(method, path string) { g.Add(method, path, App, mw) }
		}
		add := group(conformance.GroupPrefix, p)
		for _, m := range conformance.AppMethods {
			add(m, "/items")
			add(m, "/items/:id")
		}
		add = group(conformance.LegacyPrefix, legacy)
		add("GET", "/items")
		add("PUT", "/items")
		e.GET(conformance.PathItems, App)
		e.GET(conformance.SiblingPath, App)
		return conformance.ServeHTTP(ln, e, opts)
	}
}
