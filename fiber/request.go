package corsfiber

import (
	"github.com/crossgate/crossgate/core"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/valyala/fasthttp"
)

// lineBuf holds the lines of one request header. One more than
// core.MaxHeaderLines lets Decide see that a request has too many lines and
// refuse it, without this package deciding anything.
type lineBuf [core.MaxHeaderLines + 1]string

// requestLines is the storage behind a core.Request built from a fasthttp
// request: fixed arrays, so that a Request costs no heap allocation.
type requestLines struct {
	origin, method, headers, privateNetwork lineBuf
}

// read fills l from c's request and returns the core.Request that views it.
// The strings alias fasthttp's request buffer, which is reused after the
// request; Decide keeps none of them, and its refusal hook gets copies.
func (l *requestLines) read(c *fiber.Ctx) core.Request {
	h := &c.Request().Header
	return core.Request{
		Method:                c.Method(),
		Origin:                peekAll(h, fiber.HeaderOrigin, &l.origin),
		RequestMethod:         peekAll(h, fiber.HeaderAccessControlRequestMethod, &l.method),
		RequestHeaders:        peekAll(h, fiber.HeaderAccessControlRequestHeaders, &l.headers),
		RequestPrivateNetwork: peekAll(h, "Access-Control-Request-Private-Network", &l.privateNetwork),
		Path:                  c.Path(),
	}
}

// peekAll copies the lines of header name into dst, as strings that share
// the request's bytes, and returns them; nil when the header is absent, as
// net/http would. PeekAll reuses one [][]byte between calls, so the lines
// must be taken out of it before the next call.
func peekAll(h *fasthttp.RequestHeader, name string, dst *lineBuf) []string {
	n := 0
	for _, b := range h.PeekAll(name) {
		if n == len(dst) {
			break
		}
		dst[n] = utils.UnsafeString(b)
		n++
	}
	if n == 0 {
		return nil
	}
	return dst[:n]
}
