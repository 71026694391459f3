package corsfasthttp

import (
	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// headerAllowOrigin is the name an earlier layer's answer carries.
const headerAllowOrigin = "Access-Control-Allow-Origin"

// WriteDecision writes d's headers into a fasthttp response. Set and Add
// copy each value into the response's own buffers, so nothing aliases the
// request (or the caller's stack) after the handler returns.
//
// A CORS field that an earlier layer wrote and d does not set is deleted
// (see core.Decision.Stale), so the last policy to decide answers alone.
func WriteDecision(h *fasthttp.ResponseHeader, d *core.Decision) {
	writeDecision(h, d, readEarlier(h))
}

// writeDecision is WriteDecision once the caller has read what h held
// before.
func writeDecision(h *fasthttp.ResponseHeader, d *core.Decision, e earlier) {
	if e.allowOrigin {
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
	// Vary keeps any Vary that an outer middleware or the application set:
	// Add appends a line. Without one, SetCanonical writes the first line
	// the same, without the copy and re-normalization of the name that Add
	// makes on every call (as costly as the rest of the write).
	vary := d.Vary
	if len(vary) > 0 && !e.vary {
		h.SetCanonical(varyName, unsafeBytes(vary[0]))
		vary = vary[1:]
	}
	for _, v := range vary {
		h.Add(fasthttp.HeaderVary, v)
	}
}

// varyName is Vary's canonical name, for SetCanonical.
var varyName = []byte(fasthttp.HeaderVary)

// earlier is what a response holds before this layer writes into it.
type earlier struct {
	// allowOrigin: an Access-Control-Allow-Origin, the mark of another
	// layer's answer.
	allowOrigin bool
	// vary: a Vary line to keep.
	vary bool
}

// readEarlier reads what h holds: one pass over the few lines a response
// holds before the handler runs, comparing a length before any byte.
// PeekBytes, which this replaces, copies and re-normalizes the 27-byte
// name on every call, and cost more than the rest of an actual request's
// adapter. Access-Control-Allow-Origin is found spelt canonically, as
// PeekBytes found it (and as Del removes the fields); Vary in any case.
func readEarlier(h *fasthttp.ResponseHeader) (e earlier) {
	h.VisitAll(func(name, _ []byte) {
		switch len(name) {
		case len(headerAllowOrigin):
			e.allowOrigin = e.allowOrigin || unsafeString(name) == headerAllowOrigin
		case len(fasthttp.HeaderVary):
			e.vary = e.vary || equalFoldASCII(name, fasthttp.HeaderVary)
		}
	})
	return e
}
