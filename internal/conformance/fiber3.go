package conformance

import (
	"net"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber/v3"
)

// FiberV3 serves the application with fiber v3 on fasthttp, crossgate
// attached with app.Use.
func FiberV3() Framework { return Framework{Name: "fiberv3", Serve: fiberV3Server(fiber.Config{})} }

// FiberV3RawHeaderNames is FiberV3 with DisableHeaderNormalizing (see
// FiberRawHeaderNames).
func FiberV3RawHeaderNames() Framework {
	return Framework{Name: "fiberv3", Variant: "raw-names", Serve: fiberV3Server(fiber.Config{DisableHeaderNormalizing: true})}
}

// fiberV3Server serves the application on an app configured as base, with
// the suite's own settings on top.
func fiberV3Server(base fiber.Config) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		return listenFiberV3(fiberV3AppWith(base, p, opts), ln), nil
	}
}

// fiberV3App is the application in fiber v3, without a server; outer are
// middlewares that run outside CORS, after those of opts.
func fiberV3App(p *core.Policy, opts Options, outer ...fiber.Handler) *fiber.App {
	return fiberV3AppWith(fiber.Config{}, p, opts, outer...)
}

// fiberV3AppWith is fiberV3App on an app configured as base.
func fiberV3AppWith(base fiber.Config, p *core.Policy, opts Options, outer ...fiber.Handler) *fiber.App {
	app := newFiberV3AppWith(opts, base)
	for _, h := range outer {
		app.Use(h)
	}
	app.Use(corsfiber.Middleware(p))
	for _, m := range appMethods {
		app.Add([]string{m}, pathItems, appFiberV3)
		app.Add([]string{m}, pathItems+"/:id", appFiberV3)
	}
	app.Get(pathExplicit, appFiberV3)
	app.Options(pathExplicit, func(c fiber.Ctx) error {
		for _, kv := range appHeaders {
			c.Set(kv[0], kv[1])
		}
		c.Set("Content-Type", "text/plain; charset=utf-8")
		return c.Status(http.StatusOK).SendString(explicitOptionsBody)
	})
	return app
}

// newFiberV3App returns an app that reads requests up to the suite's
// header limit, with the middlewares that opts puts outside CORS: the
// observer first, then the outer Vary.
func newFiberV3App(opts Options) *fiber.App { return newFiberV3AppWith(opts, fiber.Config{}) }

// newFiberV3AppWith is newFiberV3App on an app configured as cfg.
func newFiberV3AppWith(opts Options, cfg fiber.Config) *fiber.App {
	cfg.ReadBufferSize = fiberReadBuffer
	app := fiber.New(cfg)
	if obs := opts.Observe; obs != nil {
		app.Use(func(c fiber.Ctx) error {
			obs(strings.Clone(c.Method()), strings.Clone(c.Path()), fasthttpHeader(&c.Request().Header))
			return c.Next()
		})
	}
	if opts.OuterVary != "" {
		v := opts.OuterVary
		app.Use(func(c fiber.Ctx) error {
			c.Set("Vary", v)
			return c.Next()
		})
	}
	return app
}

// listenFiberV3 serves app on ln, quietly, and returns the function that
// shuts it down and waits.
func listenFiberV3(app *fiber.App, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) }()
	return func() {
		app.ShutdownWithTimeout(shutdownTimeout)
		// Closing the listener as well ends Listener even if shutdown came
		// before fasthttp had registered it.
		ln.Close()
		<-done
	}
}

func appFiberV3(c fiber.Ctx) error {
	for _, kv := range appHeaders {
		c.Set(kv[0], kv[1])
	}
	c.Set("Content-Type", "application/json")
	body := appJSON(c.Method(), c.Path(), c.Get("Cookie"))
	return c.Status(http.StatusOK).Send(body)
}
