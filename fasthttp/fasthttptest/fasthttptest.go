package fasthttptest

import (
	"github.com/crossgate/crossgate/conformance/adaptertest"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// PreflightCtx returns a fasthttp request context holding a preflight to
// /r that adaptertest.Config(false) allows, to be served again and again without a
// connection by the fiber adapters' allocation tests.
func PreflightCtx() *fasthttp.RequestCtx {
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(http.MethodOptions)
	rc.Request.SetRequestURI("/r")
	rc.Request.Header.Set("Origin", adaptertest.Allowed)
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
	if *ran != 0 || status != http.StatusNoContent || acao != adaptertest.Allowed || len(rc.Response.Body()) != 0 {
		t.Fatalf("not an ended allowed preflight: application ran %d times, status %d, Access-Control-Allow-Origin %q, body %q",
			*ran, status, acao, rc.Response.Body())
	}
	if allocs != 0 {
		t.Errorf("allowed preflight: %v allocations per request, want 0", allocs)
	}
}

// WebSocketCase is one request to an app whose /ws route is guarded by the
// adapter's WebSocketOrigin under a policy allowing adaptertest.Allowed, or every
// origin when AnyPolicy; AllowAny sets WebSocketOptions.AllowAnyOrigin.
type WebSocketCase struct {
	Name                string
	AnyPolicy, AllowAny bool
	Header              map[string]string
	Status              int
	// App is whether the route's handler (standing for the upgrade) ran.
	App bool
}

// handshake is the header of a WebSocket handshake from origin.
func handshake(origin string) map[string]string {
	h := map[string]string{"Connection": "Upgrade", "Upgrade": "websocket",
		"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
	if origin != "" {
		h["Origin"] = origin
	}
	return h
}

// WebSocketCases are the handshakes every fasthttp adapter's
// WebSocketOrigin answers alike.
var WebSocketCases = []WebSocketCase{
	{Name: "listed origin reaches the upgrade", Header: handshake(adaptertest.Allowed), Status: 200, App: true},
	{Name: "foreign origin refused", Header: handshake(adaptertest.Refused), Status: 403},
	{Name: "null refused", Header: handshake("null"), Status: 403},
	{Name: "no Origin: not a browser", Header: handshake(""), Status: 200, App: true},
	{Name: "* refused without opting in", AnyPolicy: true, Header: handshake(adaptertest.Refused), Status: 403},
	{Name: "* opted in", AnyPolicy: true, AllowAny: true, Header: handshake(adaptertest.Refused), Status: 200, App: true},
	{Name: "a request that is no handshake passes", Header: map[string]string{"Origin": adaptertest.Refused}, Status: 200, App: true},
}

// RunWebSocket plays WebSocketCases through serve, which answers req with
// an app built as the case says (the handler of /ws sets X-App: ran).
func RunWebSocket(t *testing.T, serve func(t *testing.T, c WebSocketCase, req *http.Request) *http.Response) {
	for _, c := range WebSocketCases {
		t.Run(c.Name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/ws", nil)
			for k, v := range c.Header {
				req.Header.Set(k, v)
			}
			res := serve(t, c, req)
			res.Body.Close()
			if res.StatusCode != c.Status || (res.Header.Get("X-App") == "ran") != c.App {
				t.Errorf("status %d, handler ran %v; want %d, %v", res.StatusCode, res.Header.Get("X-App") == "ran", c.Status, c.App)
			}
		})
	}
}

// WebSocketPolicy is the policy of a WebSocketCase.
func WebSocketPolicy(t *testing.T, c WebSocketCase) *core.Policy {
	t.Helper()
	cfg := core.Config{Origins: []string{adaptertest.Allowed}, Credentials: true}
	if c.AnyPolicy {
		cfg = core.Config{Origins: []string{"*"}}
	}
	p, err := core.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// ActualCtx returns a fasthttp request context holding an allowed actual
// request (PUT /r from adaptertest.Allowed), for the fiber adapters' allocation tests
// of the path that hands a request on to the application.
func ActualCtx() *fasthttp.RequestCtx {
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(http.MethodPut)
	rc.Request.SetRequestURI("/r")
	rc.Request.Header.Set("Origin", adaptertest.Allowed)
	return &rc
}

// CheckActualNoAllocs serves rc (from ActualCtx) with h again and again,
// and checks that an allowed actual request reaches the application (which
// counts its runs in ran) with the allowed origin, allocating nothing: the
// mark a crossgate middleware leaves for later ones included.
func CheckActualNoAllocs(t *testing.T, h fasthttp.RequestHandler, rc *fasthttp.RequestCtx, ran *int) {
	t.Helper()
	allocs := testing.AllocsPerRun(1000, func() {
		rc.Response.Reset()
		h(rc)
	})
	if *ran == 0 || string(rc.Response.Header.Peek("Access-Control-Allow-Origin")) != adaptertest.Allowed {
		t.Fatalf("not an allowed actual request: application ran %d times, Access-Control-Allow-Origin %q",
			*ran, rc.Response.Header.Peek("Access-Control-Allow-Origin"))
	}
	if allocs != 0 {
		t.Errorf("allowed actual request: %v allocations per request, want 0", allocs)
	}
}
