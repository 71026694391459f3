package fibertest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"

	"github.com/gofiber/fiber/v2"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
)

// Group serves the group application with fiber, each group made by
// corsfiber.Group.
func Group() conformance.Framework {
	return conformance.Framework{Name: "fiber", Variant: "group-helper", Serve: serveGroup(true)}
}

// PlainGroup serves the group application with fiber, each group made
// by app.Group(prefix, mw): fiber matches that prefix as a plain string,
// so the middleware also runs for /v2x.
func PlainGroup() conformance.Framework {
	return conformance.Framework{Name: "fiber", Variant: "plain-group", Serve: serveGroup(false)}
}

func serveGroup(helper bool) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		legacy, err := conformance.LegacyPolicy()
		if err != nil {
			return nil, err
		}
		app := New(opts)
		group := func(prefix string, p *core.Policy) fiber.Router {
			if helper {
				return corsfiber.Group(app, prefix, p)
			}
			return app.Group(prefix, corsfiber.Middleware(p))
		}
		g := group(conformance.GroupPrefix, p)
		for _, m := range conformance.AppMethods {
			g.Add(m, "/items", App)
			g.Add(m, "/items/:id", App)
		}
		g = group(conformance.LegacyPrefix, legacy)
		g.Get("/items", App)
		g.Put("/items", App)
		app.Get(conformance.PathItems, App)
		app.Get(conformance.SiblingPath, App)
		return Listen(app, ln), nil
	}
}
