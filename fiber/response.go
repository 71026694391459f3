package corsfiber

import (
	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// writeDecision writes d's headers into a fasthttp response. Set and Add
// copy each value into the response's own buffers, so nothing aliases the
// request (or this call's stack) after the handler returns.
func writeDecision(h *fasthttp.ResponseHeader, d *core.Decision) {
	for _, f := range d.Headers() {
		setField(h, f)
	}
	// Vary is added line by line, keeping any Vary that an outer middleware
	// or the application set.
	for _, v := range d.Vary.Values {
		h.Add(fasthttp.HeaderVary, v)
	}
}

// setField replaces any earlier value of f's header with f's lines, as
// net/http's h[name] = lines does.
func setField(h *fasthttp.ResponseHeader, f core.Field) {
	if len(f.Values) == 0 {
		h.Del(f.Name)
		return
	}
	h.Set(f.Name, f.Values[0])
	for _, v := range f.Values[1:] {
		h.Add(f.Name, v)
	}
}
