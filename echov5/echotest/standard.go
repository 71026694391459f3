package echotest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"
	"net/http"

	"github.com/labstack/echo/v5"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
)

// Standard serves the application with echo v5, crossgate attached with
// e.Use, which also wraps echo's 404, 405 and automatic OPTIONS answers.
func Standard() conformance.Framework { return conformance.Framework{Name: "echov5", Serve: serve} }

func serve(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
	return conformance.ServeHTTP(ln, Handler(p, opts), opts)
}

// Handler is the application in echo v5, without a server.
func Handler(p *core.Policy, opts conformance.Options) http.Handler {
	e := New(opts)
	e.Use(corsecho.Middleware(p))
	for _, m := range conformance.AppMethods {
		e.Add(m, conformance.PathItems, App)
		e.Add(m, conformance.PathItems+"/:id", App)
	}
	e.GET(conformance.PathExplicit, App)
	e.OPTIONS(conformance.PathExplicit, func(c *echo.Context) error {
		conformance.ExplicitOptionsHTTP(c.Response(), c.Request())
		return nil
	})
	return e
}

// New returns an echo v5 instance with the middlewares that opts
// puts outside CORS.
func New(opts conformance.Options) *echo.Echo {
	e := echo.New()
	if opts.OuterVary != "" {
		v := opts.OuterVary
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				c.Response().Header().Set("Vary", v)
				return next(c)
			}
		})
	}
	return e
}

// App is the application's item handler: echo v5 hands the handler
// net/http's own request and writer.
func App(c *echo.Context) error {
	conformance.AppHTTP(c.Response(), c.Request())
	return nil
}
