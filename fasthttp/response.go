package corsfasthttp

import (
	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// headerAllowOrigin is the name an earlier layer's answer carries.
var headerAllowOrigin = []byte("Access-Control-Allow-Origin")

// WriteDecision writes d's headers into a fasthttp response. Set and Add
// copy each value into the response's own buffers, so nothing aliases the
// request (or the caller's stack) after the handler returns.
//
// A CORS field that an earlier layer wrote and d does not set is deleted
// (see core.Decision.Stale), so the last policy to decide answers alone.
func WriteDecision(h *fasthttp.ResponseHeader, d *core.Decision) {
	if len(h.PeekBytes(headerAllowOrigin)) != 0 {
		for _, name := range d.Stale() {
			h.Del(name)
		}
	}
	for i := range d.Len() {
		// Replace any earlier value, as net/http's h[name] = lines does.
		// core's names are already canonical: SetCanonical skips the key
		// normalisation that Set repeats on every call, a quarter of an
		// adapter's time on a preflight. It copies both slices.
		name, lines := d.Header(i)
		h.SetCanonical(unsafeBytes(name), unsafeBytes(lines[0]))
		for _, v := range lines[1:] {
			h.Add(name, v)
		}
	}
	// Vary is added line by line, keeping any Vary that an outer middleware
	// or the application set.
	for _, v := range d.Vary {
		h.Add(fasthttp.HeaderVary, v)
	}
}
