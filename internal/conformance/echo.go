package conformance

import (
	"net"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
)

// Echo serves the application with echo v4, crossgate attached with e.Use,
// which also wraps echo's 404, 405 and automatic OPTIONS answers.
func Echo() Framework { return Framework{Name: "echo", Serve: serveEcho} }

func serveEcho(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
	// Served by net/http directly rather than e.Start, to control
	// MaxHeaderBytes and the listener.
	return serveHTTP(ln, echoApp(p, opts), opts)
}

// echoApp is the application in echo, without a server.
func echoApp(p *core.Policy, opts Options) http.Handler {
	e := newEcho(opts)
	e.Use(corsecho.Middleware(p))
	for _, m := range appMethods {
		e.Add(m, pathItems, appEcho)
		e.Add(m, pathItems+"/:id", appEcho)
	}
	e.GET(pathExplicit, appEcho)
	e.OPTIONS(pathExplicit, func(c echo.Context) error {
		for _, kv := range appHeaders {
			c.Response().Header().Set(kv[0], kv[1])
		}
		return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(explicitOptionsBody))
	})
	return e
}

// newEcho returns a quiet echo instance with the middlewares that opts puts
// outside CORS.
func newEcho(opts Options) *echo.Echo {
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

func appEcho(c echo.Context) error {
	for _, kv := range appHeaders {
		c.Response().Header().Set(kv[0], kv[1])
	}
	r := c.Request()
	return c.Blob(http.StatusOK, "application/json", appJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}
