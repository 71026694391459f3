package corsfasthttp

import (
	"unsafe"

	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// Room for the lines of one request header. Decide refuses more than one
// Origin or Access-Control-Request-Method line and more than
// core.MaxHeaderLines Access-Control-Request-Headers lines, so one line more
// than it accepts lets it see the excess without this package deciding.
type (
	singleLine [2]string
	manyLines  [core.MaxHeaderLines + 1]string
)

// Lines is the storage behind a Request's header lines. An adapter declares
// one as a local variable, so that it lives on the goroutine's stack for the
// length of the call and a Request costs no heap allocation.
type Lines struct {
	origin, method, privateNetwork singleLine
	headers                        manyLines
}

// Names of the request headers the CORS protocol reads.
const (
	headerOrigin                = "Origin"
	headerRequestMethod         = "Access-Control-Request-Method"
	headerRequestHeaders        = "Access-Control-Request-Headers"
	headerRequestPrivateNetwork = "Access-Control-Request-Private-Network"
)

// ReadRequest fills a core.Request from h, with its lines in l. The strings
// alias fasthttp's request buffer, which is reused after the request;
// Decide keeps none of them, and its refusal hook gets copies. method is
// the framework's (fiber's own, possibly overridden, value), path the one
// Path returns.
// rawNames is the server's DisableHeaderNamesNormalizing: header names
// are then kept as received and read in any case (see readOnePass).
//
// An actual request costs one PeekAll, of Origin. A preflight (OPTIONS)
// is read in one pass over the request's lines instead of four PeekAll
// calls: each of those copies and re-normalizes its name (a loop over
// the name's bytes, 103 bytes for the four names) before it scans every
// line, which made reading a preflight cost more than deciding it. The
// pass goes through VisitAll, which serializes the request's cookies
// first; a browser sends a preflight without cookies (Fetch,
// #cors-preflight-fetch: the credentials mode is "omit"), so that costs
// nothing on a real preflight and stays linear in the header's size on a
// forged one.
func ReadRequest(h *fasthttp.RequestHeader, method, path string, rawNames bool, l *Lines) core.Request {
	if rawNames || method == "OPTIONS" {
		return readOnePass(h, method, path, rawNames, l)
	}
	return core.Request{Method: method, Path: path, Origin: peekAll(h, headerOrigin, l.origin[:])}
}

// Path returns the request's path as the client sent it, percent-encoded,
// which is what core.Request.Path holds: fasthttp's PathOriginal, which
// fiber's c.Path(override) rewrites too. fiber's c.Path() is the same
// bytes, except that with UnescapePath it is decoded, and core would then
// decode it twice. Like the header lines, it aliases the request buffer.
func Path(r *fasthttp.Request) string { return unsafeString(r.URI().PathOriginal()) }

// peekAll copies the lines of header name into dst, as strings that share
// the request's bytes, and returns them; nil when the header is absent, as
// net/http would. PeekAll reuses one [][]byte between calls, so the lines
// must be taken out of it before the next call.
func peekAll(h *fasthttp.RequestHeader, name string, dst []string) []string {
	n := 0
	for _, b := range h.PeekAll(name) {
		n = addLine(dst, n, b)
	}
	return linesOf(dst, n)
}

// addLine stores value as the line after the n already in dst, if there is
// room, and returns the count of lines seen. The value is stored without
// the optional whitespace around it (RFC 9110, section 5.5: OWS is SP or
// HTAB): fasthttp trims only spaces, net/http trims tabs too, and every
// adapter must hand core the same bytes.
func addLine(dst []string, n int, value []byte) int {
	if n < len(dst) {
		dst[n] = trimOWS(unsafeString(value))
	}
	return n + 1
}

// linesOf returns the lines addLine stored for a count of n seen: nil when
// there were none, as net/http would give, and at most len(dst).
func linesOf(dst []string, n int) []string {
	if n == 0 {
		return nil
	}
	n = min(n, len(dst))
	return dst[:n:n]
}

// trimOWS removes spaces and tabs from both ends of a field value.
func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// unsafeString returns b's bytes as a string without copying them. The
// string is valid only while fasthttp keeps the buffer, that is for the
// length of the request.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// unsafeBytes returns s's bytes without copying them, for fasthttp calls
// that take a []byte and copy it; nothing may write to them.
func unsafeBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
