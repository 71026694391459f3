package fibertest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"

	"github.com/gofiber/fiber/v3"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
)

// Group serves the group application with fiber v3, each group
// made by corsfiber.Group.
func Group() conformance.Framework {
	return conformance.Framework{Name: "fiberv3", Variant: "group-helper", Serve: serveGroup(true)}
}

// PlainGroup serves the group application with fiber v3, the
// middleware given to each route of a plain group: fiber answers
// preflights to those routes with 405 before it runs.
func PlainGroup() conformance.Framework {
	return conformance.Framework{Name: "fiberv3", Variant: "plain-group", Serve: serveGroup(false)}
}

func serveGroup(helper bool) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		legacy, err := conformance.LegacyPolicy()
		if err != nil {
			return nil, err
		}
		app := New(opts)
		// group returns the function that adds a route to the group at
		// prefix: to a group made by the helper, or, plain, with the
		// middleware on the route itself.
		group := func(prefix string, p *core.Policy) func(method, path string) {
			if helper {
				g := corsfiber.Group(app, prefix, p)
				return func(method, path string) { g.Add([]string{method}, path, App) }
			}
			g := app.Group(prefix)
			mw := corsfiber.Middleware(p)
			return func(method, path string) { g.Add([]string{method}, path, mw, App) }
		}
		add := group(conformance.GroupPrefix, p)
		for _, m := range conformance.AppMethods {
			add(m, "/items")
			add(m, "/items/:id")
		}
		add = group(conformance.LegacyPrefix, legacy)
		add(fiber.MethodGet, "/items")
		add(fiber.MethodPut, "/items")
		app.Get(conformance.PathItems, App)
		app.Get(conformance.SiblingPath, App)
		return Listen(app, ln), nil
	}
}
