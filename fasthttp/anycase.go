package corsfasthttp

import (
	"strings"

	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// readOnePass is ReadRequest for a preflight, and for every request of a
// server with DisableHeaderNamesNormalizing (fiber's
// Config.DisableHeaderNormalizing, anyCase true): it reads the four
// headers in one pass over every line.
//
// With normalizing on (fiber's default) fasthttp has already put every
// name in canonical case, so a name is compared byte for byte, as PeekAll
// would find it. With normalizing off fasthttp keeps every header name as
// it arrived, and PeekAll("Origin") finds only lines spelt exactly
// "Origin". But HTTP names are case-insensitive (RFC 9110, section 5.1):
// "origin: https://evil.test" after "Origin: https://app.example.com" is a
// second Origin line, and "origin" alone is the Origin header, as net/http
// (and so every other adapter) reads them. So that mode compares names
// without regard to ASCII case, on every request.
//
// The pass goes through VisitAll, which first re-serializes the request's
// cookies, parsing them if nothing has yet (and allocates when the request
// has a Trailer header): on a browser-like actual request with a 250-byte
// Cookie it costs 35-80 ns more than one PeekAll when the cookies were
// parsed already, 150-250 ns when this pass parses them. The default mode
// keeps PeekAll for actual requests; a preflight carries no cookies.
// VisitAll, not the iterator All: All arrived in fasthttp 1.65, and this
// module supports the releases before it (fiber v2.52.5 pins fasthttp 1.51).
func readOnePass(h *fasthttp.RequestHeader, method, path string, anyCase bool, l *Lines) core.Request {
	var nOrigin, nMethod, nHeaders, nPrivate int
	h.VisitAll(func(name, value []byte) {
		// The four names differ in length, so a length picks the one
		// candidate before any byte is compared.
		switch len(name) {
		case len(headerOrigin):
			if sameName(name, headerOrigin, anyCase) {
				nOrigin = addLine(l.origin[:], nOrigin, value)
			}
		case len(headerRequestMethod):
			if sameName(name, headerRequestMethod, anyCase) {
				nMethod = addLine(l.method[:], nMethod, value)
			}
		case len(headerRequestHeaders):
			if sameName(name, headerRequestHeaders, anyCase) {
				nHeaders = addLine(l.headers[:], nHeaders, value)
			}
		case len(headerRequestPrivateNetwork):
			if sameName(name, headerRequestPrivateNetwork, anyCase) {
				nPrivate = addLine(l.privateNetwork[:], nPrivate, value)
			}
		}
	})
	// The preflight headers only when the request can be a preflight, as
	// core.FromHTTP reads them.
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

// sameName tells whether name, of canonical's length, is canonical: in any
// ASCII case when anyCase, else byte for byte.
func sameName(name []byte, canonical string, anyCase bool) bool {
	if anyCase {
		return equalFoldASCII(name, canonical)
	}
	return unsafeString(name) == canonical
}

// equalFoldASCII reports whether name is canonical spelt in any ASCII case.
// Only A-Z may fold: Unicode folding takes "\u017f" (long s) for "s" and
// "\u212a" (Kelvin) for "k", and net/http keeps such names apart from the
// CORS headers. With the byte lengths equal, strings.EqualFold folds ASCII
// only: each Unicode letter that folds to an ASCII one takes more bytes.
func equalFoldASCII(name []byte, canonical string) bool {
	return len(name) == len(canonical) && strings.EqualFold(unsafeString(name), canonical)
}
