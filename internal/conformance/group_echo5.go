package conformance

import (
	"net"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo/v5"
)

// GroupEchoV5 serves the group application with echo v5, each group made
// by corsecho.Group.
func GroupEchoV5() Framework {
	return Framework{Name: "echov5", Variant: "group-helper", Serve: serveGroupEchoV5(true)}
}

// PlainGroupEchoV5 serves the group application with echo v5, the
// middleware given to each route of a group without middleware: echo's
// automatic OPTIONS handler answers preflights before it.
func PlainGroupEchoV5() Framework {
	return Framework{Name: "echov5", Variant: "plain-group", Serve: serveGroupEchoV5(false)}
}

func serveGroupEchoV5(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		e := newEchoV5(opts)
		// group returns the function that adds a route to the group at
		// prefix: to a group made by the helper, or, plain, with the
		// middleware on the route itself.
		group := func(prefix string, p *core.Policy) func(method, path string) {
			if helper {
				g := corsecho.Group(e, prefix, p)
				return func(method, path string) { g.Add(method, path, appEchoV5) }
			}
			g := e.Group(prefix)
			mw := corsecho.Middleware(p)
			return func(method, path string) { g.Add(method, path, appEchoV5, mw) }
		}
		add := group(groupPrefix, p)
		for _, m := range appMethods {
			add(m, "/items")
			add(m, "/items/:id")
		}
		add = group(legacyPrefix, legacy)
		add("GET", "/items")
		add("PUT", "/items")
		e.GET(pathItems, appEchoV5)
		e.GET(siblingPath, appEchoV5)
		return serveHTTP(ln, e, opts)
	}
}
