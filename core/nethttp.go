package core

import (
	"net/http"
	"strings"
)

// FromHTTP reads the headers Decide needs from a net/http request, without
// copying: the slices are the request's own header lines. Host and Scheme
// are the connection's (see ForwardedHTTP behind a trusted proxy), and
// Path is the path as sent (see httpPath).
func FromHTTP(r *http.Request) (req Request) {
	fromHTTP(r, nil, &req)
	return req
}

// FromHTTP is the package's FromHTTP for requests that p decides, as
// adapters call it: it leaves out Access-Control-Request-Private-Network
// unless p answers Private Network Access preflights (Config.PrivateNetwork)
// or has scopes, which might, and the Path of a request without an Origin
// unless p has scopes. Decide reads that header nowhere else, and
// its lookup, a hash of a 38-byte name in the header map, is a twentieth
// of a preflight's cost.
func (p *Policy) FromHTTP(r *http.Request) (req Request) {
	fromHTTP(r, p, &req)
	return req
}

// ReadHTTP is FromHTTP filling *req, for adapters that then call
// DecideInto: the Request is written field by field where the adapter
// keeps it, where FromHTTP's result is built and then copied, a copy whose
// 16-byte moves wait for the fields just stored (see DecideInto).
func (p *Policy) ReadHTTP(r *http.Request, req *Request) {
	fromHTTP(r, p, req)
}

// readsPrivateNetwork tells whether a request p decides may need its
// Access-Control-Request-Private-Network lines.
func (p *Policy) readsPrivateNetwork() bool {
	return p.scopes.Load() != nil || p.current.Load().privateNetwork
}

// fromHTTP fills req, FromHTTP's result, for requests that p decides (nil:
// read every header). It fills the caller's variable rather than returning
// a Request: the two FromHTTP are inlined, so the 160-byte Request is
// built where the adapter keeps it, without the copy that each returning
// call level makes.
func fromHTTP(r *http.Request, p *Policy, req *Request) {
	h := r.Header
	// Zeroed, then stored field by field: a composite literal assigned
	// through req is built aside and copied in 16-byte moves, which wait
	// on the narrower stores that built it.
	*req = Request{}
	req.Method, req.Origin, req.Host, req.Scheme = r.Method, h["Origin"], r.Host, "http"
	// The path picks a scope and is reported in refusals: a request
	// without an Origin, which is never refused, needs it only to find
	// its scope.
	if p == nil || len(req.Origin) > 0 || p.scopes.Load() != nil {
		req.Path = httpPath(r)
	}
	if r.TLS != nil {
		req.Scheme = "https"
	}
	if !MayBePreflight(req.Method, req.Origin) {
		return
	}
	req.RequestMethod = h["Access-Control-Request-Method"]
	if len(req.RequestMethod) > 0 {
		req.RequestHeaders = h["Access-Control-Request-Headers"]
		// p is asked only here, on a preflight.
		if p == nil || p.readsPrivateNetwork() {
			req.RequestPrivateNetwork = h["Access-Control-Request-Private-Network"]
		}
	}
}

// WriteHTTP writes a Decision's headers into a net/http header map: it sets
// each field and appends to Vary, keeping whatever Vary an outer middleware
// or the application set. It allocates only to append to an existing Vary.
//
// A CORS field that an earlier layer wrote and d does not set is deleted
// (see Decision.Stale), so the last policy to decide answers alone.
func WriteHTTP(h http.Header, d *Decision) {
	empty, layered := answeredBefore(h)
	writeHTTP(h, d, empty, layered)
}

// answeredBefore tells whether h is empty, and whether it holds an earlier
// layer's Access-Control-Allow-Origin. The common case, a header map
// without an earlier CORS answer, costs one length test (an empty map) or
// one lookup.
func answeredBefore(h http.Header) (empty, layered bool) {
	if len(h) == 0 {
		return true, false
	}
	_, layered = h[headerAllowOrigin]
	return false, layered
}

// writeHTTP is WriteHTTP once answeredBefore has looked at h.
func writeHTTP(h http.Header, d *Decision, empty, layered bool) {
	if layered {
		for _, name := range d.Stale() {
			delete(h, name)
		}
	}
	for i := range d.Len() {
		// Installing the lines as-is saves the allocation that
		// http.Header.Set makes for every value (see Decision.Header).
		name, lines := d.Header(i)
		h[name] = lines
	}
	if len(d.Vary) == 0 {
		return
	}
	// A map that was empty holds no Vary to keep: the common path saves a
	// lookup.
	if !empty {
		if old := h["Vary"]; len(old) > 0 {
			// The full-slice expression makes append copy: the old lines
			// may be shared with another response.
			h["Vary"] = append(old[:len(old):len(old)], d.Vary...)
			return
		}
	}
	h["Vary"] = d.Vary
}

// ForwardedHTTP sets req's Host and Scheme from the request's
// X-Forwarded-Host and X-Forwarded-Proto (their first values), as a reverse
// proxy in front of the server sets them. They only tell a refusal whether
// the request was same-origin; call it only when a proxy you trust
// overwrites those headers, since any client can send them. A request
// without an Origin, which no refusal concerns, costs one length test.
func ForwardedHTTP(r *http.Request, req *Request) {
	if len(req.Origin) == 0 {
		return
	}
	if host := firstForwarded(r.Header.Get("X-Forwarded-Host")); host != "" {
		req.Host = host
	}
	switch proto := firstForwarded(r.Header.Get("X-Forwarded-Proto")); proto {
	case "http", "https":
		req.Scheme = proto
	}
}

// firstForwarded returns the first element of a comma-separated forwarded
// value, the one the proxy nearest the client wrote.
func firstForwarded(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// httpPath returns r's path as the client sent it, percent-encoded, which
// is what Request.Path holds: the request target's path
// (r.RequestURI without its query, origin-form or absolute-form). URL.Path
// is decoded, which loses whether a "/" was sent as "%2F" (see
// Policy.Scope). When URL.Path no longer decodes from the target, because
// a middleware rewrote it (http.StripPrefix) or the request was built
// rather than received, it is r.URL.EscapedPath(), which allocates when
// the path holds an escape.
func httpPath(r *http.Request) string {
	// A target without a '%' anywhere, the common one, was sent as
	// URL.Path reads it (rewritten or not): one vectorized scan.
	if r.RequestURI != "" && strings.IndexByte(r.RequestURI, '%') < 0 {
		return r.URL.Path
	}
	if target := targetPath(r.RequestURI); target != "" && decodesTo(target, r.URL.Path) {
		return target
	}
	return r.URL.EscapedPath()
}

// targetPath returns the path of a request target (RFC 9112, section
// 3.2): up to the query in origin-form ("/p?q"), after the authority in
// absolute-form ("http://host/p?q"); "" for the asterisk form or a target
// without a path.
func targetPath(target string) string {
	if target == "" || target[0] != '/' {
		_, rest, ok := strings.Cut(target, "://")
		if !ok {
			return ""
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return ""
		}
		target = rest[i:]
	}
	if i := strings.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	return target
}

// decodesTo tells whether percent-decoding raw gives decoded, without
// building the decoded string. The common request has no escape at all,
// and costs one comparison.
func decodesTo(raw, decoded string) bool {
	if raw == decoded {
		return true
	}
	j := 0
	for i := 0; i < len(raw); j++ {
		c, w := decodeAt(raw, i)
		if j >= len(decoded) || decoded[j] != c {
			return false
		}
		i += w
	}
	return j == len(decoded)
}
