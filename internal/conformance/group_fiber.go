package conformance

import (
	"net"

	"github.com/gofiber/fiber/v2"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
)

// GroupFiber serves the group application with fiber, each group made by
// corsfiber.Group.
func GroupFiber() Framework {
	return Framework{Name: "fiber", Variant: "group-helper", Serve: serveGroupFiber(true)}
}

// PlainGroupFiber serves the group application with fiber, each group made
// by app.Group(prefix, mw): fiber matches that prefix as a plain string,
// so the middleware also runs for /v2x.
func PlainGroupFiber() Framework {
	return Framework{Name: "fiber", Variant: "plain-group", Serve: serveGroupFiber(false)}
}

func serveGroupFiber(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		app := newFiberApp(opts)
		group := func(prefix string, p *core.Policy) fiber.Router {
			if helper {
				return corsfiber.Group(app, prefix, p)
			}
			return app.Group(prefix, corsfiber.Middleware(p))
		}
		g := group(groupPrefix, p)
		for _, m := range appMethods {
			g.Add(m, "/items", appFiber)
			g.Add(m, "/items/:id", appFiber)
		}
		g = group(legacyPrefix, legacy)
		g.Get("/items", appFiber)
		g.Put("/items", appFiber)
		app.Get(pathItems, appFiber)
		app.Get(siblingPath, appFiber)
		return listenFiber(app, ln), nil
	}
}
