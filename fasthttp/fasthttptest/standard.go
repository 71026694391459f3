package fasthttptest

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
	corsfasthttp "github.com/crossgate/crossgate/fasthttp"
)

// Standard serves the conformance kit's application with plain fasthttp,
// corsfasthttp.Middleware wrapped around a handler that routes by path.
func Standard() conformance.Framework {
	return conformance.Framework{Name: "fasthttp", Serve: serve}
}

func serve(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
	h := corsfasthttp.Middleware(p)(app)
	if opts.OuterVary != "" {
		inner := h
		h = func(ctx *fasthttp.RequestCtx) {
			ctx.Response.Header.Set("Vary", opts.OuterVary)
			inner(ctx)
		}
	}
	if opts.Observe != nil {
		inner := h
		h = func(ctx *fasthttp.RequestCtx) {
			opts.Observe(string(ctx.Method()), string(ctx.Path()), Header(&ctx.Request.Header))
			inner(ctx)
		}
	}
	return Listen(&fasthttp.Server{Handler: h, ReadBufferSize: ReadBufferSize}, ln), nil
}

// Listen serves srv on ln and returns a function that shuts it down and
// waits for Serve to return.
func Listen(srv *fasthttp.Server, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), conformance.ShutdownTimeout)
		defer cancel()
		_ = srv.ShutdownWithContext(ctx)
		<-done
	}
}

// app is the kit's application: the item routes for every method in
// conformance.AppMethods, and PathExplicit with its own OPTIONS handler.
func app(ctx *fasthttp.RequestCtx) {
	method, path := string(ctx.Method()), string(ctx.Path())
	item := path == conformance.PathItems ||
		strings.HasPrefix(path, conformance.PathItems+"/") && !strings.Contains(path[len(conformance.PathItems)+1:], "/") && len(path) > len(conformance.PathItems)+1
	switch {
	case path == conformance.PathExplicit && method == http.MethodOptions:
		setAppHeaders(ctx)
		ctx.SetContentType("text/plain; charset=utf-8")
		ctx.SetBodyString(conformance.ExplicitOptionsBody)
	case path == conformance.PathExplicit && (method == http.MethodGet || method == http.MethodHead),
		item && slices.Contains(conformance.AppMethods, method):
		setAppHeaders(ctx)
		ctx.SetContentType("application/json")
		ctx.SetBody(conformance.AppJSON(method, path, string(ctx.Request.Header.Peek("Cookie"))))
	default:
		ctx.SetStatusCode(http.StatusNotFound)
	}
}

// setAppHeaders marks an answer as the application's.
func setAppHeaders(ctx *fasthttp.RequestCtx) {
	for _, kv := range conformance.AppHeaders {
		ctx.Response.Header.Set(kv[0], kv[1])
	}
}
