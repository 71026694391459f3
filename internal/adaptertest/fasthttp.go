package adaptertest

import (
	"net/http"
	"testing"

	"github.com/valyala/fasthttp"
)

// PreflightCtx returns a fasthttp request context holding a preflight to
// /r that Config(false) allows, to be served again and again without a
// connection by the fiber adapters' allocation tests.
func PreflightCtx() *fasthttp.RequestCtx {
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(http.MethodOptions)
	rc.Request.SetRequestURI("/r")
	rc.Request.Header.Set("Origin", Allowed)
	rc.Request.Header.Set("Access-Control-Request-Method", http.MethodPut)
	rc.Request.Header.Set("Access-Control-Request-Headers", "x-token")
	return &rc
}

// CheckNoAllocs serves rc (from PreflightCtx) with h again and again, and
// checks that the whole path of an allowed preflight allocates nothing and
// ends it: 204, the allowed origin, no body, and the application (which
// counts its runs in ran) never reached.
//
// One allocation of about 1 KiB means the middleware's line arrays moved to
// the heap: core.Decide lets a Request slice (or a string of it, uncloned)
// flow to the heap; check with go build -gcflags=-m ./core that Decide's r
// is only "leaking param content".
func CheckNoAllocs(t *testing.T, h fasthttp.RequestHandler, rc *fasthttp.RequestCtx, ran *int) {
	t.Helper()
	allocs := testing.AllocsPerRun(1000, func() {
		rc.Response.Reset()
		h(rc)
	})
	status := rc.Response.StatusCode()
	acao := string(rc.Response.Header.Peek("Access-Control-Allow-Origin"))
	if *ran != 0 || status != http.StatusNoContent || acao != Allowed || len(rc.Response.Body()) != 0 {
		t.Fatalf("not an ended allowed preflight: application ran %d times, status %d, Access-Control-Allow-Origin %q, body %q",
			*ran, status, acao, rc.Response.Body())
	}
	if allocs != 0 {
		t.Errorf("allowed preflight: %v allocations per request, want 0", allocs)
	}
}
