package conformance

import (
	"net"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
)

// GroupEcho serves the group application with echo, each group made by
// corsecho.Group.
func GroupEcho() Framework {
	return Framework{Name: "echo", Variant: "group-helper", Serve: serveGroupEcho(true)}
}

// PlainGroupEcho serves the group application with echo, the middleware
// given to each route of a group without middleware: echo's automatic
// OPTIONS handler answers preflights before it.
func PlainGroupEcho() Framework {
	return Framework{Name: "echo", Variant: "plain-group", Serve: serveGroupEcho(false)}
}

func serveGroupEcho(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		e := newEcho(opts)
		// group returns the function that adds a route to the group at
		// prefix: to a group made by the helper, or, plain, with the
		// middleware on the route itself.
		group := func(prefix string, p *core.Policy) func(method, path string) {
			if helper {
				g := corsecho.Group(e, prefix, p)
				return func(method, path string) { g.Add(method, path, appEcho) }
			}
			g := e.Group(prefix)
			mw := corsecho.Middleware(p)
			return func(method, path string) { g.Add(method, path, appEcho, mw) }
		}
		add := group(groupPrefix, p)
		for _, m := range appMethods {
			add(m, "/items")
			add(m, "/items/:id")
		}
		add = group(legacyPrefix, legacy)
		add("GET", "/items")
		add("PUT", "/items")
		e.GET(pathItems, appEcho)
		e.GET(siblingPath, appEcho)
		return serveHTTP(ln, e, opts)
	}
}
