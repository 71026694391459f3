package corsfiber_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// browserHead is the head of a request as Chromium sends it from
// https://app.example.com, cookie included, with the CORS lines (in the case
// and spacing the test gives) in its middle.
func browserHead(method, corsLines string) string {
	return method + " /r HTTP/1.1\r\n" +
		"Host: api.example.com\r\n" +
		"Connection: keep-alive\r\n" +
		"sec-ch-ua: \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"\r\n" +
		"Accept: */*\r\n" +
		corsLines +
		"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
		"Sec-Fetch-Site: same-site\r\n" +
		"Sec-Fetch-Mode: cors\r\n" +
		"Sec-Fetch-Dest: empty\r\n" +
		"Referer: https://app.example.com/\r\n" +
		"Accept-Encoding: gzip, deflate, br\r\n" +
		"Accept-Language: en-US,en;q=0.9\r\n" +
		"Cookie: session=" + strings.Repeat("s", 200) + "; theme=dark; _ga=GA1.2.123456789.1234567890\r\n" +
		"\r\n"
}

// servedCtx returns the handler of an app protected by config(false), with
// or without DisableHeaderNormalizing, and a request context holding head
// parsed the way that app's server parses it, to be served again and again.
func servedCtx(tb testing.TB, rawNames bool, head string) (fasthttp.RequestHandler, *fasthttp.RequestCtx) {
	tb.Helper()
	p, err := core.New(config(false))
	if err != nil {
		tb.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true, DisableHeaderNormalizing: rawNames})
	app.Use(corsfiber.Middleware(p))
	app.Get("/r", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
	app.Options("/r", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
	var rc fasthttp.RequestCtx
	if rawNames {
		// What fasthttp's server does for every request of such an app.
		rc.Request.Header.DisableNormalizing()
		rc.Response.Header.DisableNormalizing()
	}
	if err := rc.Request.Read(bufio.NewReader(strings.NewReader(head))); err != nil {
		tb.Fatal(err)
	}
	return app.Handler(), &rc
}

const (
	actualLines    = "Origin: " + allowed + "\r\n"
	preflightLines = "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-token\r\n"
	// rawPreflightLines is preflightLines as a proxy that lower-cases names
	// forwards it, with tabs around the values.
	rawPreflightLines = "origin:\t" + allowed + "\t\r\naccess-control-request-method:\tPUT\r\nACCESS-CONTROL-REQUEST-HEADERS: \tx-token \t\r\n"
)

// TestAllocsRawHeaderNames checks that reading headers in any case costs no
// allocation either: an allowed preflight with lower-case names and tabs
// around its values, on an app with DisableHeaderNormalizing, is answered as
// allowed, without a heap allocation.
func TestAllocsRawHeaderNames(t *testing.T) {
	h, rc := servedCtx(t, true, browserHead(http.MethodOptions, rawPreflightLines))
	allocs := testing.AllocsPerRun(1000, func() {
		rc.Response.Reset()
		h(rc)
	})
	status := rc.Response.StatusCode()
	acao := string(rc.Response.Header.Peek("Access-Control-Allow-Origin"))
	if status != http.StatusNoContent || acao != allowed {
		t.Fatalf("not an allowed preflight: status %d, Access-Control-Allow-Origin %q", status, acao)
	}
	if allocs != 0 {
		t.Errorf("allowed preflight with raw names: %v allocations per request, want 0", allocs)
	}
}

// BenchmarkBrowserRequest measures a browser-like request (a dozen lines and
// a Cookie) in fiber's default mode, where the adapter looks up each header
// with PeekAll, and with DisableHeaderNormalizing, where it reads every line
// once with VisitAll. The request is parsed once, so fasthttp's cookie
// parsing is paid once; VisitAll's re-serialization of the cookies is paid
// on every iteration, as on every request.
func BenchmarkBrowserRequest(b *testing.B) {
	for _, mode := range []struct {
		name     string
		rawNames bool
	}{{"default", false}, {"raw-names", true}} {
		for _, req := range []struct{ name, method, lines string }{
			{"actual", http.MethodGet, actualLines},
			{"preflight", http.MethodOptions, preflightLines},
		} {
			b.Run(mode.name+"/"+req.name, func(b *testing.B) {
				h, rc := servedCtx(b, mode.rawNames, browserHead(req.method, req.lines))
				b.ReportAllocs()
				for b.Loop() {
					rc.Response.Reset()
					h(rc)
				}
			})
		}
	}
}
