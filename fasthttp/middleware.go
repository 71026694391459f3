package corsfasthttp

import (
	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
)

// New compiles cfg into a policy and returns the middleware that enforces
// it. The error is core.New's, unchanged, so errors.As still finds the
// typed problems it joins.
func New(cfg core.Config) (func(fasthttp.RequestHandler) fasthttp.RequestHandler, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Must is New for a Config written in the program: it panics with
// core.New's error when cfg is invalid.
func Must(cfg core.Config) func(fasthttp.RequestHandler) fasthttp.RequestHandler {
	return adapter.Must(New(cfg))
}

// Middleware returns fasthttp middleware that enforces p; every request
// reads p's current configuration, so p can be reconfigured live.
func Middleware(p *core.Policy) func(fasthttp.RequestHandler) fasthttp.RequestHandler {
	return MiddlewareWithOptions(p, Options{})
}

// Options are the middleware's settings beyond the policy.
type Options struct {
	// RawHeaderNames must be set when the server runs with
	// DisableHeaderNamesNormalizing: header names then keep the case they
	// arrived in, and the middleware looks for every spelling.
	RawHeaderNames bool
	// TrustProxyHeaders says a reverse proxy you trust sets
	// X-Forwarded-Host and X-Forwarded-Proto, so that a same-origin request
	// refused for its Origin is reported as such. It never changes a
	// decision.
	TrustProxyHeaders bool
}

// MiddlewareWithOptions is Middleware with the settings in o.
func MiddlewareWithOptions(p *core.Policy, o Options) func(fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(next fasthttp.RequestHandler) fasthttp.RequestHandler {
		return func(ctx *fasthttp.RequestCtx) {
			// The lines live on this goroutine's stack for the length of
			// the call; Decide keeps none of them.
			var lines Lines
			req := ReadRequest(&ctx.Request.Header, unsafeString(ctx.Method()), Path(&ctx.Request), o.RawHeaderNames, &lines)
			SetOwnOrigin(&req, ctx, o.TrustProxyHeaders)
			d := p.DecideContext(ctx, &req)
			e := Respond(ctx, p, &req, &d)
			if d.End {
				ctx.SetStatusCode(d.Status)
				return
			}
			if d.Kind == core.NotCORS {
				next(ctx)
				return
			}
			// As HandOn, without a closure: mark the request decided for a
			// crossgate middleware further in, and take the mark back.
			mark(ctx, &d, e)
			next(ctx)
			ctx.SetUserValue(layerKey, e.mark)
		}
	}
}
