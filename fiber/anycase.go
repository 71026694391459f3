package corsfiber

import (
	"strings"

	"github.com/crossgate/crossgate/core"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/valyala/fasthttp"
)

// readAnyCase is readRequest for an app with
// fiber.Config.DisableHeaderNormalizing. fasthttp then keeps every header
// name as it arrived, and PeekAll("Origin") finds only lines spelt exactly
// "Origin". But HTTP names are case-insensitive (RFC 9110, section 5.1):
// "origin: https://evil.test" after "Origin: https://app.example.com" is a
// second Origin line, and "origin" alone is the Origin header, as net/http
// (and so every other adapter) reads them. So this reads all four headers
// in one pass over every line, comparing names without regard to ASCII case.
//
// Why only in that mode: with normalizing on (fiber's default) fasthttp has
// already put every name in canonical case, so PeekAll finds all lines. The
// one pass goes through VisitAll, which first re-serializes the request's
// cookies (and allocates when the request has a Trailer header): on a
// browser-like request with a 250-byte Cookie it cost an actual request
// about 35-80 ns more than one PeekAll, while sparing a preflight three
// scans. The default mode keeps PeekAll; this mode pays VisitAll's cost.
func readAnyCase(h *fasthttp.RequestHeader, method, path string, origin *singleLine, pf *preflightLines) core.Request {
	var nOrigin, nMethod, nHeaders, nPrivate int
	h.VisitAll(func(name, value []byte) {
		// The four names differ in length, so a length picks the one
		// candidate before any byte is compared.
		switch len(name) {
		case len(fiber.HeaderOrigin):
			if equalFoldASCII(name, fiber.HeaderOrigin) {
				nOrigin = addLine(origin[:], nOrigin, value)
			}
		case len(fiber.HeaderAccessControlRequestMethod):
			if equalFoldASCII(name, fiber.HeaderAccessControlRequestMethod) {
				nMethod = addLine(pf.method[:], nMethod, value)
			}
		case len(fiber.HeaderAccessControlRequestHeaders):
			if equalFoldASCII(name, fiber.HeaderAccessControlRequestHeaders) {
				nHeaders = addLine(pf.headers[:], nHeaders, value)
			}
		case len(headerRequestPrivateNetwork):
			if equalFoldASCII(name, headerRequestPrivateNetwork) {
				nPrivate = addLine(pf.privateNetwork[:], nPrivate, value)
			}
		}
	})
	// The same request readRequest builds in the default mode: the
	// preflight headers only when the request can be a preflight.
	r := core.Request{Method: method, Path: path, Origin: linesOf(origin[:], nOrigin)}
	if !core.MayBePreflight(r.Method, r.Origin) {
		return r
	}
	r.RequestMethod = linesOf(pf.method[:], nMethod)
	if len(r.RequestMethod) > 0 {
		r.RequestHeaders = linesOf(pf.headers[:], nHeaders)
		r.RequestPrivateNetwork = linesOf(pf.privateNetwork[:], nPrivate)
	}
	return r
}

// equalFoldASCII reports whether name is canonical spelt in any ASCII case.
// Only A-Z may fold: Unicode folding takes "\u017f" (long s) for "s" and
// "\u212a" (Kelvin) for "k", and net/http keeps such names apart from the
// CORS headers. With the byte lengths equal, strings.EqualFold folds ASCII
// only: each Unicode letter that folds to an ASCII one takes more bytes.
func equalFoldASCII(name []byte, canonical string) bool {
	return len(name) == len(canonical) && strings.EqualFold(utils.UnsafeString(name), canonical)
}
