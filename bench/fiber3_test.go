package bench

import (
	"net/http"
	"testing"

	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
	fibercors "github.com/gofiber/fiber/v3/middleware/cors"
	"github.com/valyala/fasthttp"
)

var fiberV3Libs = []library[fiber.Handler]{
	{"crossgate", func(_ *scenario, p policy) (fiber.Handler, error) {
		return corsfiber.New(p.crossgateConfig())
	}},
	{"fiber", func(_ *scenario, p policy) (fiber.Handler, error) {
		return fibercors.New(fibercors.Config{
			AllowOrigins:     p.origins,
			AllowMethods:     p.methods,
			AllowHeaders:     p.requestHeaders,
			ExposeHeaders:    p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		}), nil
	}},
	{"floor", func(s *scenario, _ policy) (fiber.Handler, error) {
		f := newFastFloor(s)
		return func(c fiber.Ctx) error {
			if end, status := f.answer(c.Method(), &c.Request().Header, &c.Response().Header); end {
				c.Status(status)
				return nil
			}
			return c.Next()
		}, nil
	}},
	{"writeonly", func(s *scenario, _ policy) (fiber.Handler, error) {
		fs := fastFields(s.want)
		end, status := s.preflight, s.status
		return func(c fiber.Ctx) error {
			h := &c.Response().Header
			for _, f := range fs {
				h.SetCanonical(f.k, f.v)
			}
			if end {
				c.Status(status)
				return nil
			}
			return c.Next()
		}, nil
	}},
	{"none", func(*scenario, policy) (fiber.Handler, error) { return nil, nil }},
}

// fiberV3Handler attaches mw with app.Use, where preflights to a route
// without an OPTIONS handler reach it, serves GET / like app, and returns
// the fasthttp handler a server would call.
func fiberV3Handler(mw fiber.Handler) fasthttp.RequestHandler {
	a := fiber.New()
	if mw != nil {
		a.Use(mw)
	}
	a.Get("/", func(c fiber.Ctx) error {
		appHits++
		return c.SendStatus(http.StatusOK)
	})
	return a.Handler()
}

func BenchmarkFiberV3(b *testing.B) { benchFasthttp(b, "FiberV3", fiberV3Libs, fiberV3Handler) }

func TestFiberV3Outcomes(t *testing.T) {
	testFasthttpOutcomes(t, "FiberV3", fiberV3Libs, fiberV3Handler)
}
