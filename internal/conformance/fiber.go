package conformance

import (
	"net"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
)

// Fiber serves the application with fiber v2 on fasthttp, crossgate attached
// with app.Use.
func Fiber() Framework { return Framework{Name: "fiber", Serve: fiberServer(fiber.Config{})} }

// FiberRawHeaderNames serves the same application with fiber's
// DisableHeaderNormalizing, as deployments behind HTTP/2 proxies run it:
// fasthttp then keeps each header name in the case it arrived in
// ("origin", "ORIGIN"), and the adapter must still find every line.
func FiberRawHeaderNames() Framework {
	return Framework{Name: "fiber", Variant: "raw-names", Serve: fiberServer(fiber.Config{DisableHeaderNormalizing: true})}
}

// fiberReadBuffer must hold a whole request head: fasthttp answers 431
// before any middleware runs when the headers exceed it.
const fiberReadBuffer = maxHeaderBytes + 64<<10

// fiberServer serves the application on an app configured as base, with
// the suite's own settings on top.
func fiberServer(base fiber.Config) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		return listenFiber(fiberAppWith(base, p, opts), ln), nil
	}
}

// fiberApp is the application in fiber, without a server; outer are
// middlewares that run outside CORS, after those of opts.
func fiberApp(p *core.Policy, opts Options, outer ...fiber.Handler) *fiber.App {
	return fiberAppWith(fiber.Config{}, p, opts, outer...)
}

// fiberAppWith is fiberApp on an app configured as base.
func fiberAppWith(base fiber.Config, p *core.Policy, opts Options, outer ...fiber.Handler) *fiber.App {
	app := newFiberAppWith(opts, base)
	for _, h := range outer {
		app.Use(h)
	}
	app.Use(corsfiber.Middleware(p))
	for _, m := range appMethods {
		app.Add(m, pathItems, appFiber)
		app.Add(m, pathItems+"/:id", appFiber)
	}
	app.Add(http.MethodGet, pathExplicit, appFiber)
	app.Add(http.MethodOptions, pathExplicit, func(c *fiber.Ctx) error {
		for _, kv := range appHeaders {
			c.Set(kv[0], kv[1])
		}
		c.Set("Content-Type", "text/plain; charset=utf-8")
		return c.Status(http.StatusOK).SendString(explicitOptionsBody)
	})
	return app
}

// newFiberApp returns a quiet app that reads requests up to the suite's
// header limit, with the middlewares that opts puts outside CORS: the
// observer first, then the outer Vary.
func newFiberApp(opts Options) *fiber.App { return newFiberAppWith(opts, fiber.Config{}) }

// newFiberAppWith is newFiberApp on an app configured as cfg.
func newFiberAppWith(opts Options, cfg fiber.Config) *fiber.App {
	cfg.DisableStartupMessage = true
	cfg.ReadBufferSize = fiberReadBuffer
	app := fiber.New(cfg)
	if obs := opts.Observe; obs != nil {
		app.Use(func(c *fiber.Ctx) error {
			obs(strings.Clone(c.Method()), strings.Clone(c.Path()), fasthttpHeader(&c.Request().Header))
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

// listenFiber serves app on ln and returns the function that shuts it
// down and waits.
func listenFiber(app *fiber.App, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	return func() {
		app.ShutdownWithTimeout(shutdownTimeout)
		// Closing the listener as well ends Listener even if shutdown came
		// before fasthttp had registered it.
		ln.Close()
		<-done
	}
}

// fasthttpHeader copies every request header line, repeated ones
// included, into an http.Header: fasthttp's strings alias buffers it
// reuses. Both fibers' observers use it.
func fasthttpHeader(r *fasthttp.RequestHeader) http.Header {
	h := http.Header{}
	for k, v := range r.All() {
		h.Add(string(k), string(v))
	}
	return h
}

func appFiber(c *fiber.Ctx) error {
	for _, kv := range appHeaders {
		c.Set(kv[0], kv[1])
	}
	c.Set("Content-Type", "application/json")
	body := appJSON(c.Method(), c.Path(), c.Get("Cookie"))
	return c.Status(http.StatusOK).Send(body)
}
