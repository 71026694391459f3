package fasthttptest

import (
	"net/http"

	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/conformance"
)

// ReadBufferSize must hold a whole request head: fasthttp answers 431
// before any middleware runs when the headers exceed it, and the kit's
// hostile scenarios send up to conformance.MaxHeaderBytes of them.
const ReadBufferSize = conformance.MaxHeaderBytes + 64<<10

// Header copies every request header line, repeated ones
// included, into an http.Header: fasthttp's strings alias buffers it
// reuses. Both fibers' observers use it.
func Header(r *fasthttp.RequestHeader) http.Header {
	h := http.Header{}
	r.VisitAll(func(k, v []byte) {
		h.Add(string(k), string(v))
	})
	return h
}
