package corsfasthttp

import (
	"strings"

	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// readAnyCase is ReadRequest for a server with
// DisableHeaderNamesNormalizing (fiber's Config.DisableHeaderNormalizing). fasthttp then keeps every header
// name as it arrived, and PeekAll("Origin") finds only lines spelt exactly
// "Origin". But HTTP names are case-insensitive (RFC 9110, section 5.1):
// "origin: https://evil.test" after "Origin: https://app.example.com" is a
// second Origin line, and "origin" alone is the Origin header, as net/http
// (and so every other adapter) reads them. So this reads all four headers
// in one pass over every line, comparing names without regard to ASCII case.
//
// Why only in that mode: with normalizing on (fiber's default) fasthttp has
// already put every name in canonical case, so PeekAll finds all lines. The
// one pass goes through VisitAll, which first
// re-serializes the request's cookies, parsing them if nothing has yet (and
// allocates when the request has a Trailer header): on a browser-like
// request with a 250-byte Cookie it costs an actual request 35-80 ns more
// than one PeekAll when the cookies were parsed already, 150-250 ns when
// this pass parses them, while sparing a preflight three scans. The
// default mode keeps PeekAll; this mode pays the pass's cost. VisitAll, not
// the iterator All: All arrived in fasthttp 1.65, and this module supports
// the releases before it (fiber v2.52.5 pins fasthttp 1.51).
func readAnyCase(h *fasthttp.RequestHeader, method, path string, l *Lines) core.Request {
	var nOrigin, nMethod, nHeaders, nPrivate int
	h.VisitAll(func(name, value []byte) {
		// The four names differ in length, so a length picks the one
		// candidate before any byte is compared.
		switch len(name) {
		case len(headerOrigin):
			if equalFoldASCII(name, headerOrigin) {
				nOrigin = addLine(l.origin[:], nOrigin, value)
			}
		case len(headerRequestMethod):
			if equalFoldASCII(name, headerRequestMethod) {
				nMethod = addLine(l.method[:], nMethod, value)
			}
		case len(headerRequestHeaders):
			if equalFoldASCII(name, headerRequestHeaders) {
				nHeaders = addLine(l.headers[:], nHeaders, value)
			}
		case len(headerRequestPrivateNetwork):
			if equalFoldASCII(name, headerRequestPrivateNetwork) {
				nPrivate = addLine(l.privateNetwork[:], nPrivate, value)
			}
		}
	})
	// The same request ReadRequest builds in the default mode: the
	// preflight headers only when the request can be a preflight.
	r := core.Request{Method: method, Path: path, Origin: linesOf(l.origin[:], nOrigin)}
	if !core.MayBePreflight(r.Method, r.Origin) {
		return r
	}
	r.RequestMethod = linesOf(l.method[:], nMethod)
	if len(r.RequestMethod) > 0 {
		r.RequestHeaders = linesOf(l.headers[:], nHeaders)
		r.RequestPrivateNetwork = linesOf(l.privateNetwork[:], nPrivate)
	}
	return r
}

// equalFoldASCII reports whether name is canonical spelt in any ASCII case.
// Only A-Z may fold: Unicode folding takes "\u017f" (long s) for "s" and
// "\u212a" (Kelvin) for "k", and net/http keeps such names apart from the
// CORS headers. With the byte lengths equal, strings.EqualFold folds ASCII
// only: each Unicode letter that folds to an ASCII one takes more bytes.
func equalFoldASCII(name []byte, canonical string) bool {
	return len(name) == len(canonical) && strings.EqualFold(unsafeString(name), canonical)
}
