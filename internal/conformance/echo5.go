package conformance

import (
	"net"
	"net/http"

	"github.com/labstack/echo/v5"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo/v5"
)

// EchoV5 serves the application with echo v5, crossgate attached with
// e.Use, which also wraps echo's 404, 405 and automatic OPTIONS answers.
func EchoV5() Framework { return Framework{Name: "echov5", Serve: serveEchoV5} }

func serveEchoV5(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
	return serveHTTP(ln, echoV5App(p, opts), opts)
}

// echoV5App is the application in echo v5, without a server.
func echoV5App(p *core.Policy, opts Options) http.Handler {
	e := newEchoV5(opts)
	e.Use(corsecho.Middleware(p))
	for _, m := range appMethods {
		e.Add(m, pathItems, appEchoV5)
		e.Add(m, pathItems+"/:id", appEchoV5)
	}
	e.GET(pathExplicit, appEchoV5)
	e.OPTIONS(pathExplicit, func(c *echo.Context) error {
		explicitOptionsHTTP(c.Response(), c.Request())
		return nil
	})
	return e
}

// newEchoV5 returns an echo v5 instance with the middlewares that opts
// puts outside CORS.
func newEchoV5(opts Options) *echo.Echo {
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

// appEchoV5 is the application's item handler: echo v5 hands the handler
// net/http's own request and writer.
func appEchoV5(c *echo.Context) error {
	appHTTP(c.Response(), c.Request())
	return nil
}
