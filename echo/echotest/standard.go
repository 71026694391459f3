package echotest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
)

// Standard serves the application with echo v4, crossgate attached with e.Use,
// which also wraps echo's 404, 405 and automatic OPTIONS answers.
func Standard() conformance.Framework { return conformance.Framework{Name: "echo", Serve: serve} }

func serve(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
	// Served by net/http directly rather than e.Start, to control
	// MaxHeaderBytes and the listener.
	return conformance.ServeHTTP(ln, Handler(p, opts), opts)
}

// Handler is the application in echo, without a server.
func Handler(p *core.Policy, opts conformance.Options) http.Handler {
	e := New(opts)
	e.Use(corsecho.Middleware(p))
	for _, m := range conformance.AppMethods {
		e.Add(m, conformance.PathItems, App)
		e.Add(m, conformance.PathItems+"/:id", App)
	}
	e.GET(conformance.PathExplicit, App)
	e.OPTIONS(conformance.PathExplicit, func(c echo.Context) error {
		for _, kv := range conformance.AppHeaders {
			c.Response().Header().Set(kv[0], kv[1])
		}
		return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(conformance.ExplicitOptionsBody))
	})
	return e
}

// New returns a quiet echo instance with the middlewares that opts puts
// outside CORS.
func New(opts conformance.Options) *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	if opts.OuterVary != "" {
		v := opts.OuterVary
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				c.Response().Header().Set("Vary", v)
				return next(c)
			}
		})
	}
	return e
}

func App(c echo.Context) error {
	for _, kv := range conformance.AppHeaders {
		c.Response().Header().Set(kv[0], kv[1])
	}
	r := c.Request()
	return c.Blob(http.StatusOK, "application/json", conformance.AppJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}
