package conformance

import (
	"net"

	"github.com/gofiber/fiber/v3"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber/v3"
)

// GroupFiberV3 serves the group application with fiber v3, each group
// made by corsfiber.Group.
func GroupFiberV3() Framework {
	return Framework{Name: "fiberv3", Variant: "group-helper", Serve: serveGroupFiberV3(true)}
}

// PlainGroupFiberV3 serves the group application with fiber v3, the
// middleware given to each route of a plain group: fiber answers
// preflights to those routes with 405 before it runs.
func PlainGroupFiberV3() Framework {
	return Framework{Name: "fiberv3", Variant: "plain-group", Serve: serveGroupFiberV3(false)}
}

func serveGroupFiberV3(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		app := newFiberV3App(opts)
		// group returns the function that adds a route to the group at
		// prefix: to a group made by the helper, or, plain, with the
		// middleware on the route itself.
		group := func(prefix string, p *core.Policy) func(method, path string) {
			if helper {
				g := corsfiber.Group(app, prefix, p)
				return func(method, path string) { g.Add([]string{method}, path, appFiberV3) }
			}
			g := app.Group(prefix)
			mw := corsfiber.Middleware(p)
			return func(method, path string) { g.Add([]string{method}, path, mw, appFiberV3) }
		}
		add := group(groupPrefix, p)
		for _, m := range appMethods {
			add(m, "/items")
			add(m, "/items/:id")
		}
		add = group(legacyPrefix, legacy)
		add(fiber.MethodGet, "/items")
		add(fiber.MethodPut, "/items")
		app.Get(pathItems, appFiberV3)
		app.Get(siblingPath, appFiberV3)
		return listenFiberV3(app, ln), nil
	}
}
