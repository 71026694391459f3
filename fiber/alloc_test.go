package corsfiber_test

import (
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// preflightCtx returns fiber's request handler for an app protected by a
// policy, and a fasthttp request context holding an allowed preflight, to be
// served again and again without a connection.
func preflightCtx(tb testing.TB) (fasthttp.RequestHandler, *fasthttp.RequestCtx, *int) {
	tb.Helper()
	p, err := core.New(config(false))
	if err != nil {
		tb.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.Middleware(p))
	ran := new(int)
	app.Put("/r", func(*fiber.Ctx) error { *ran++; return nil })
	app.Options("/r", func(*fiber.Ctx) error { *ran++; return nil })
	return app.Handler(), fasthttptest.PreflightCtx(), ran
}

// TestAllocsAllowedPreflight checks the whole fiber path of an allowed
// preflight allocates nothing (see fasthttptest.CheckNoAllocs).
func TestAllocsAllowedPreflight(t *testing.T) {
	h, rc, ran := preflightCtx(t)
	fasthttptest.CheckNoAllocs(t, h, rc, ran)
}

func BenchmarkAllowedPreflight(b *testing.B) {
	h, rc, _ := preflightCtx(b)
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		h(rc)
	}
}

// TestAllocsAllowedActual checks the fiber path of an allowed actual
// request, handed on to the application, allocates nothing (see
// fasthttptest.CheckActualNoAllocs).
func TestAllocsAllowedActual(t *testing.T) {
	h, _, ran := preflightCtx(t)
	fasthttptest.CheckActualNoAllocs(t, h, fasthttptest.ActualCtx(), ran)
}
