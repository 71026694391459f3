package corsgin

import (
	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
	"github.com/gin-gonic/gin"
)

// New compiles cfg into a policy and returns the gin middleware that enforces
// it. The error is core.New's, unchanged, so errors.As still finds the typed
// problems it joins.
func New(cfg core.Config) (gin.HandlerFunc, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Must is New for a Config written in the program: it panics with core.New's
// error when cfg is invalid, so that r.Use(corsgin.Must(cfg)) fits on one
// line, as template.Must does for templates.
func Must(cfg core.Config) gin.HandlerFunc { return adapter.Must(New(cfg)) }

// Middleware returns gin middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Attach it with r.Use on the engine, before any route, so that preflights
// to routes without an OPTIONS handler reach it; see the package
// documentation.
//
//go:noinline
func Middleware(p *core.Policy) gin.HandlerFunc { return MiddlewareWithOptions(p, Options{}) }

// Options are the middleware's settings beyond the policy.
type Options struct {
	// Skip, if set, is asked about each request that is not a CORS
	// preflight; a request it returns true for goes on with c.Next
	// untouched: no CORS header, no Vary, no refusal reported. Use it for
	// paths whose responses no page may read (metrics, health checks,
	// webhooks). Skipping hides a response from scripts; it does not stop
	// the request from running. A skip that depends on a request header
	// should be named in the response's own Vary, for caches.
	Skip func(*gin.Context) bool
	// SkipPreflights asks Skip about preflights too. Off by default: a
	// skipped preflight goes on to gin's router, which usually has no
	// OPTIONS route and answers 404 (or 405) without CORS headers, and the
	// browser then refuses the real request. Turn it on only where the
	// application answers those preflights itself or must refuse them.
	SkipPreflights bool
	// TrustProxyHeaders says a reverse proxy you trust sets
	// X-Forwarded-Host and X-Forwarded-Proto: the request's own origin is
	// then read from them, so that a same-origin request refused for its
	// Origin is reported as such (core.Refusal.SameOrigin) behind the
	// proxy. It never changes a decision. Leave it off when clients reach
	// the server directly: anyone can send those headers.
	TrustProxyHeaders bool
}

// MiddlewareWithOptions is Middleware with the settings in o.
//
//go:noinline
func MiddlewareWithOptions(p *core.Policy, o Options) gin.HandlerFunc {
	return func(c *gin.Context) {
		// Read and decided in place: see core.Policy.DecideInto.
		var req core.Request
		p.ReadHTTP(c.Request, &req)
		if o.Skip != nil && adapter.MaySkip(&req, o.SkipPreflights) && o.Skip(c) {
			c.Next()
			return
		}
		if o.TrustProxyHeaders {
			core.ForwardedHTTP(c.Request, &req)
		}
		var d core.Decision
		p.DecideInto(c.Request.Context(), &req, &d)
		p.RespondHTTP(c.Writer.Header(), c.Request, &d)
		if d.End {
			// AbortWithStatus writes the status with an empty body and
			// stops the chain, so the application never sees the preflight.
			c.AbortWithStatus(d.Status)
			return
		}
		c.Next()
	}
}
