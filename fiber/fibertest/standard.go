package fibertest

import (
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
	"net"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
)

// Standard serves the application with fiber v2 on fasthttp, crossgate attached
// with app.Use.
func Standard() conformance.Framework {
	return conformance.Framework{Name: "fiber", Serve: server(fiber.Config{})}
}

// RawHeaderNames serves the same application with fiber's
// DisableHeaderNormalizing, as deployments behind HTTP/2 proxies run it:
// fasthttp then keeps each header name in the case it arrived in
// ("origin", "ORIGIN"), and the adapter must still find every line.
func RawHeaderNames() conformance.Framework {
	return conformance.Framework{Name: "fiber", Variant: "raw-names", Serve: server(fiber.Config{DisableHeaderNormalizing: true})}
}

// server serves the application on an app configured as base, with
// the suite's own settings on top.
func server(base fiber.Config) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		return Listen(corsAppWith(base, p, opts), ln), nil
	}
}

// CORSApp is the application in fiber, without a server; outer are
// middlewares that run outside CORS, after those of opts.
func CORSApp(p *core.Policy, opts conformance.Options, outer ...fiber.Handler) *fiber.App {
	return corsAppWith(fiber.Config{}, p, opts, outer...)
}

// corsAppWith is CORSApp on an app configured as base.
func corsAppWith(base fiber.Config, p *core.Policy, opts conformance.Options, outer ...fiber.Handler) *fiber.App {
	app := NewWith(opts, base)
	for _, h := range outer {
		app.Use(h)
	}
	app.Use(corsfiber.Middleware(p))
	for _, m := range conformance.AppMethods {
		app.Add(m, conformance.PathItems, App)
		app.Add(m, conformance.PathItems+"/:id", App)
	}
	app.Add(http.MethodGet, conformance.PathExplicit, App)
	app.Add(http.MethodOptions, conformance.PathExplicit, func(c *fiber.Ctx) error {
		for _, kv := range conformance.AppHeaders {
			c.Set(kv[0], kv[1])
		}
		c.Set("Content-Type", "text/plain; charset=utf-8")
		return c.Status(http.StatusOK).SendString(conformance.ExplicitOptionsBody)
	})
	return app
}

// New returns a quiet app that reads requests up to the suite's
// header limit, with the middlewares that opts puts outside CORS: the
// observer first, then the outer Vary.
func New(opts conformance.Options) *fiber.App { return NewWith(opts, fiber.Config{}) }

// NewWith is New on an app configured as cfg.
func NewWith(opts conformance.Options, cfg fiber.Config) *fiber.App {
	cfg.DisableStartupMessage = true
	cfg.ReadBufferSize = fasthttptest.ReadBufferSize
	app := fiber.New(cfg)
	if obs := opts.Observe; obs != nil {
		app.Use(func(c *fiber.Ctx) error {
			obs(strings.Clone(c.Method()), strings.Clone(c.Path()), fasthttptest.Header(&c.Request().Header))
			return c.Next()
		})
	}
	if opts.OuterVary != "" {
		v := opts.OuterVary
		app.Use(func(c *fiber.Ctx) error {
			c.Set("Vary", v)
			return c.Next()
		})
	}
	return app
}

// Listen serves app on ln and returns the function that shuts it
// down and waits.
func Listen(app *fiber.App, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	return func() {
		app.ShutdownWithTimeout(conformance.ShutdownTimeout)
		// Closing the listener as well ends Listener even if shutdown came
		// before fasthttp had registered it.
		ln.Close()
		<-done
	}
}

func App(c *fiber.Ctx) error {
	for _, kv := range conformance.AppHeaders {
		c.Set(kv[0], kv[1])
	}
	c.Set("Content-Type", "application/json")
	body := conformance.AppJSON(c.Method(), c.Path(), c.Get("Cookie"))
	return c.Status(http.StatusOK).Send(body)
}
