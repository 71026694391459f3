package corsfasthttp_test

import (
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsfasthttp "github.com/crossgate/crossgate/fasthttp"
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
)

// handler returns the middleware around a handler that counts its calls.
func handler(t *testing.T) (fasthttp.RequestHandler, *int) {
	t.Helper()
	p, err := core.New(adaptertest.Config(false))
	if err != nil {
		t.Fatal(err)
	}
	ran := new(int)
	return corsfasthttp.Middleware(p)(func(*fasthttp.RequestCtx) { *ran++ }), ran
}

// TestAllocsAllowedPreflight checks that an allowed preflight through the
// plain fasthttp middleware allocates nothing.
func TestAllocsAllowedPreflight(t *testing.T) {
	h, ran := handler(t)
	fasthttptest.CheckNoAllocs(t, h, fasthttptest.PreflightCtx(), ran)
}

// TestAllocsAllowedActual checks that an allowed actual request, marked
// and handed on to the next handler, allocates nothing.
func TestAllocsAllowedActual(t *testing.T) {
	h, ran := handler(t)
	fasthttptest.CheckActualNoAllocs(t, h, fasthttptest.ActualCtx(), ran)
}
