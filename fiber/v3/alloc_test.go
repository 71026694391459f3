package corsfiber_test

import (
	"net/http"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber/v3"
	"github.com/gofiber/fiber/v3"
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
	app := fiber.New(fiber.Config{})
	app.Use(corsfiber.Middleware(p))
	ran := new(int)
	app.Put("/r", func(fiber.Ctx) error { *ran++; return nil })
	app.Options("/r", func(fiber.Ctx) error { *ran++; return nil })

	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(http.MethodOptions)
	rc.Request.SetRequestURI("/r")
	rc.Request.Header.Set("Origin", allowed)
	rc.Request.Header.Set("Access-Control-Request-Method", http.MethodPut)
	rc.Request.Header.Set("Access-Control-Request-Headers", "x-token")
	return app.Handler(), &rc, ran
}

// TestAllocsAllowedPreflight checks the whole fiber path of an allowed
// preflight allocates nothing. One allocation of about 1 KiB means the
// middleware's line arrays moved to the heap: core.Decide lets a Request
// slice (or a string of it, uncloned) flow to the heap; check with
// go build -gcflags=-m ./core that Decide's r is only "leaking param content".
func TestAllocsAllowedPreflight(t *testing.T) {
	h, rc, ran := preflightCtx(t)
	allocs := testing.AllocsPerRun(1000, func() {
		rc.Response.Reset()
		h(rc)
	})
	status := rc.Response.StatusCode()
	acao := string(rc.Response.Header.Peek("Access-Control-Allow-Origin"))
	if *ran != 0 || status != http.StatusNoContent || acao != allowed || len(rc.Response.Body()) != 0 {
		t.Fatalf("not an ended allowed preflight: application ran %d times, status %d, Access-Control-Allow-Origin %q, body %q",
			*ran, status, acao, rc.Response.Body())
	}
	if allocs != 0 {
		t.Errorf("allowed preflight: %v allocations per request, want 0", allocs)
	}
}

func BenchmarkAllowedPreflight(b *testing.B) {
	h, rc, _ := preflightCtx(b)
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		h(rc)
	}
}
