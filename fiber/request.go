package corsfiber

import (
	"github.com/crossgate/crossgate/core"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
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

// preflightLines is the storage for the three headers only a preflight
// reads.
type preflightLines struct {
	method, privateNetwork singleLine
	headers                manyLines
}

// readRequest fills a core.Request from c, with its lines in origin and pf:
// arrays on the caller's stack, so that a Request costs no heap allocation.
// The strings alias fasthttp's request buffer, which is reused after the
// request; Decide keeps none of them, and its refusal hook gets copies.
//
// The other headers are looked up only when core.MayBePreflight: each
// PeekAll scans the whole request header.
func readRequest(c *fiber.Ctx, origin *singleLine, pf *preflightLines) core.Request {
	h := &c.Request().Header
	if c.App().Server().DisableHeaderNamesNormalizing {
		return readAnyCase(h, c.Method(), c.Path(), origin, pf)
	}
	r := core.Request{Method: c.Method(), Path: c.Path(), Origin: peekAll(h, fiber.HeaderOrigin, origin[:])}
	if !core.MayBePreflight(r.Method, r.Origin) {
		return r
	}
	r.RequestMethod = peekAll(h, fiber.HeaderAccessControlRequestMethod, pf.method[:])
	if len(r.RequestMethod) > 0 {
		r.RequestHeaders = peekAll(h, fiber.HeaderAccessControlRequestHeaders, pf.headers[:])
		r.RequestPrivateNetwork = peekAll(h, headerRequestPrivateNetwork, pf.privateNetwork[:])
	}
	return r
}

const headerRequestPrivateNetwork = "Access-Control-Request-Private-Network"

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
		dst[n] = trimOWS(utils.UnsafeString(value))
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
