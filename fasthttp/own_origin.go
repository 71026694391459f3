package corsfasthttp

import (
	"bytes"

	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// SetOwnOrigin sets req's Host and Scheme to the request's own origin, so
// that a refusal can tell a same-origin request (core.Refusal.SameOrigin):
// the Host header and the connection's TLS, or, when trustProxy, the first
// X-Forwarded-Host and X-Forwarded-Proto. Only a request with an Origin can
// be refused, so the others cost one length test. The strings alias the
// request's buffer, like every other string of req.
func SetOwnOrigin(req *core.Request, ctx *fasthttp.RequestCtx, trustProxy bool) {
	if len(req.Origin) == 0 {
		return
	}
	req.Host, req.Scheme = unsafeString(ctx.Host()), "http"
	if ctx.IsTLS() {
		req.Scheme = "https"
	}
	if !trustProxy {
		return
	}
	h := &ctx.Request.Header
	if host := firstElement(h.Peek("X-Forwarded-Host")); len(host) > 0 {
		req.Host = unsafeString(host)
	}
	// Constants, not the header's bytes: switching on a converted []byte
	// costs no allocation, keeping the string would.
	switch string(firstElement(h.Peek("X-Forwarded-Proto"))) {
	case "http":
		req.Scheme = "http"
	case "https":
		req.Scheme = "https"
	}
}

// firstElement returns the first element of a comma-separated forwarded
// value, the one the proxy nearest the client wrote, without the spaces
// around it.
func firstElement(v []byte) []byte {
	if i := bytes.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	return bytes.TrimSpace(v)
}
