package bench

import (
	"net/http"
	"testing"

	corsecho "github.com/crossgate/crossgate/echo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

var echoLibs = []struct {
	name  string
	build func(s *scenario, p policy) (echo.MiddlewareFunc, error)
}{
	{"crossgate", func(_ *scenario, p policy) (echo.MiddlewareFunc, error) {
		return corsecho.New(p.crossgateConfig())
	}},
	{"echo", func(_ *scenario, p policy) (echo.MiddlewareFunc, error) {
		return middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:     p.origins,
			AllowMethods:     p.methods,
			AllowHeaders:     p.requestHeaders,
			ExposeHeaders:    p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		}), nil
	}},
	{"floor", func(s *scenario, _ policy) (echo.MiddlewareFunc, error) {
		names, vals := lines(s.want)
		end, status := s.preflight, s.status
		return func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
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

// echoServer attaches mw with e.Use, where preflights to a route without an
// OPTIONS handler reach it, and serves app on GET /.
func echoServer(mw echo.MiddlewareFunc) *echo.Echo {
	e := echo.New()
	if mw != nil {
		e.Use(mw)
	}
	e.GET("/", func(c echo.Context) error {
		app.ServeHTTP(c.Response(), c.Request())
		return nil
	})
	return e
}

func BenchmarkEcho(b *testing.B) {
	for i := range scenarios {
		s := &scenarios[i]
		b.Run(s.name, func(b *testing.B) {
			for _, lib := range echoLibs {
				b.Run(lib.name, func(b *testing.B) {
					b.ReportAllocs()
					if why := skipReason("Echo", s.name, lib.name); why != "" {
						b.Skip(why)
					}
					mw, err := lib.build(s, policies[s.policy])
					if err != nil {
						b.Fatal(err)
					}
					e, r, w := echoServer(mw), s.httpRequest(), newWriter()
					b.ResetTimer()
					for b.Loop() {
						w.reset()
						e.ServeHTTP(w, r)
					}
				})
			}
		})
	}
}

func TestEchoOutcomes(t *testing.T) {
	for i := range scenarios {
		s := &scenarios[i]
		for _, lib := range echoLibs {
			t.Run(s.name+"/"+lib.name, func(t *testing.T) {
				if why := skipReason("Echo", s.name, lib.name); why != "" {
					t.Skip(why)
				}
				mw, err := lib.build(s, policies[s.policy])
				if err != nil {
					t.Fatal(err)
				}
				w := newWriter()
				before := appHits
				echoServer(mw).ServeHTTP(w, s.httpRequest())
				checkOutcome(t, s, lib.name, response{w.status, w.h, appHits > before})
			})
		}
	}
}

var _ http.Handler = (*echo.Echo)(nil)
