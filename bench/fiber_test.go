package bench

import (
	"net/http"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/bench/internal/callgrind"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/valyala/fasthttp"
)

var fiberLibs = []library[fiber.Handler]{
	{"crossgate", func(_ *scenario, p policy) (fiber.Handler, error) {
		return corsfiber.New(p.crossgateConfig())
	}},
	{"fiber", func(_ *scenario, p policy) (fiber.Handler, error) {
		return fibercors.New(fibercors.Config{
			AllowOrigins:     strings.Join(p.origins, ","),
			AllowMethods:     strings.Join(p.methods, ","),
			AllowHeaders:     strings.Join(p.requestHeaders, ","),
			ExposeHeaders:    strings.Join(p.exposed, ","),
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		}), nil
	}},
	{"floor", func(s *scenario, _ policy) (fiber.Handler, error) {
		f := newFastFloor(s)
		return func(c *fiber.Ctx) error {
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
		return func(c *fiber.Ctx) error {
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

// fiberHandler attaches mw with app.Use, where preflights to a route without
// an OPTIONS handler reach it, serves GET / like app, and returns the
// fasthttp handler a server would call.
func fiberHandler(mw fiber.Handler) fasthttp.RequestHandler {
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	if mw != nil {
		a.Use(mw)
	}
	a.Get("/", func(c *fiber.Ctx) error {
		appHits++
		return c.SendStatus(http.StatusOK)
	})
	return a.Handler()
}

// fiberCtx builds the scenario's request once in a RequestCtx that the
// benchmark reuses, resetting only the response between iterations.
func (s *scenario) fiberCtx() *fasthttp.RequestCtx {
	var req fasthttp.Request
	req.Header.SetMethod(s.method)
	req.SetRequestURI("http://backend.internal/")
	if s.origin != "" {
		req.Header.Set("Origin", s.origin)
	}
	if s.acrm != "" {
		req.Header.Set("Access-Control-Request-Method", s.acrm)
	}
	if s.acrh != "" {
		req.Header.Set("Access-Control-Request-Headers", s.acrh)
	}
	ctx := new(fasthttp.RequestCtx)
	ctx.Init(&req, nil, nil)
	return ctx
}

// fastField is one header line of a scenario's answer as bytes, built
// once; SetCanonical copies them into the response without normalizing
// the name again.
type fastField struct{ k, v []byte }

// fastFields returns an answer as fastFields, for the fasthttp floors.
func fastFields(want []field) []fastField {
	fs := make([]fastField, len(want))
	for i, f := range want {
		fs[i] = fastField{[]byte(f.name), []byte(f.value)}
	}
	return fs
}

func BenchmarkFiber(b *testing.B) { benchFasthttp(b, "Fiber", fiberLibs, fiberHandler) }

func TestFiberOutcomes(t *testing.T) { testFasthttpOutcomes(t, "Fiber", fiberLibs, fiberHandler) }

// benchFasthttp is benchHTTP for the frameworks served on fasthttp (fiber
// v2 and v3): the request context is built once, and only the response is
// reset between iterations.
func benchFasthttp[M any](b *testing.B, framework string, libs []library[M], handler func(M) fasthttp.RequestHandler) {
	for i := range scenarios {
		s := &scenarios[i]
		b.Run(s.name, func(b *testing.B) {
			for _, lib := range libs {
				b.Run(lib.name, func(b *testing.B) {
					b.ReportAllocs()
					if why := skipReason(framework, s.name, lib.name); why != "" {
						b.Skip(why)
					}
					mw, err := lib.build(s, policies[s.policy])
					if err != nil {
						b.Fatal(err)
					}
					h, ctx := handler(mw), s.fiberCtx()
					b.ResetTimer()
					callgrind.Start()
					for b.Loop() {
						ctx.Response.Reset()
						h(ctx)
					}
					callgrind.Stop(b.Name())
				})
			}
		})
	}
}

// testFasthttpOutcomes is testHTTPOutcomes for the frameworks served on
// fasthttp.
func testFasthttpOutcomes[M any](t *testing.T, framework string, libs []library[M], handler func(M) fasthttp.RequestHandler) {
	for i := range scenarios {
		s := &scenarios[i]
		for _, lib := range libs {
			t.Run(s.name+"/"+lib.name, func(t *testing.T) {
				if why := skipReason(framework, s.name, lib.name); why != "" {
					t.Skip(why)
				}
				mw, err := lib.build(s, policies[s.policy])
				if err != nil {
					t.Fatal(err)
				}
				ctx := s.fiberCtx()
				before := appHits
				handler(mw)(ctx)
				h := http.Header{}
				for k, v := range ctx.Response.Header.All() {
					h.Add(string(k), string(v))
				}
				checkOutcome(t, s, lib.name, response{ctx.Response.StatusCode(), h, appHits > before})
			})
		}
	}
}
