package bench

import (
	"net/http"
	"testing"

	corsecho "github.com/crossgate/crossgate/echov5"
	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
)

var echoV5Libs = []library[echo.MiddlewareFunc]{
	{"crossgate", func(_ *scenario, p policy) (echo.MiddlewareFunc, error) {
		return corsecho.New(p.crossgateConfig())
	}},
	{"echo", func(_ *scenario, p policy) (echo.MiddlewareFunc, error) {
		// ToMiddleware, not CORSWithConfig: it returns echo's refusal of a
		// configuration (its origins have no patterns) as an error.
		return middleware.CORSConfig{
			AllowOrigins:     p.origins,
			AllowMethods:     p.methods,
			AllowHeaders:     p.requestHeaders,
			ExposeHeaders:    p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		}.ToMiddleware()
	}},
	{"floor", func(s *scenario, _ policy) (echo.MiddlewareFunc, error) {
		f := newHTTPFloor(s)
		return func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				if end, status := f.answer(c.Request(), c.Response().Header()); end {
					return c.NoContent(status)
				}
				return next(c)
			}
		}, nil
	}},
	{"writeonly", func(s *scenario, _ policy) (echo.MiddlewareFunc, error) {
		names, vals := lines(s.want)
		end, status := s.preflight, s.status
		return func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				h := c.Response().Header()
				for i, n := range names {
					h[n] = vals[i]
				}
				if end {
					return c.NoContent(status)
				}
				return next(c)
			}
		}, nil
	}},
	{"none", func(*scenario, policy) (echo.MiddlewareFunc, error) { return nil, nil }},
}

// echoV5Server attaches mw with e.Use, where preflights to a route without
// an OPTIONS handler reach it, and serves app on GET /.
func echoV5Server(mw echo.MiddlewareFunc) http.Handler {
	e := echo.New()
	if mw != nil {
		e.Use(mw)
	}
	e.GET("/", func(c *echo.Context) error {
		app.ServeHTTP(c.Response(), c.Request())
		return nil
	})
	return e
}

func BenchmarkEchoV5(b *testing.B) { benchHTTP(b, "EchoV5", echoV5Libs, echoV5Server) }

func TestEchoV5Outcomes(t *testing.T) { testHTTPOutcomes(t, "EchoV5", echoV5Libs, echoV5Server) }
