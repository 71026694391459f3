package corshttp

import (
	"net/http"

	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
)

// New compiles cfg into a policy and returns the middleware that enforces
// it. The error is core.New's, unchanged, so errors.As still finds the typed
// problems it joins.
func New(cfg core.Config) (func(http.Handler) http.Handler, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Must is New for a Config written in the program: it panics with core.New's
// error when cfg is invalid, so that r.Use(corshttp.Must(cfg)) fits on one
// line, as template.Must does for templates.
func Must(cfg core.Config) func(http.Handler) http.Handler { return adapter.Must(New(cfg)) }

// Middleware returns net/http middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Wrap the whole mux (chi: r.Use before any route) so that
// preflights to routes without an OPTIONS handler reach it; see the package
// documentation.
//
//go:noinline
func Middleware(p *core.Policy) func(http.Handler) http.Handler {
	return MiddlewareWithOptions(p, Options{})
}

// Options are the middleware's settings beyond the policy.
type Options struct {
	// Skip, if set, is asked about each request that is not a CORS
	// preflight; a request it returns true for goes to the next handler
	// untouched: no CORS header, no Vary, no refusal reported. Use it for
	// paths whose responses no page may read (metrics, health checks,
	// webhooks). Skipping hides a response from scripts; it does not stop
	// the request from running. A skip that depends on a request header
	// should be named in the response's own Vary, for caches.
	Skip func(*http.Request) bool
	// SkipPreflights asks Skip about preflights too. Off by default: a
	// skipped preflight goes on to the router, which usually has no OPTIONS
	// route and answers 404 or 405 without CORS headers, and the browser
	// then refuses the real request. Turn it on only where the application
	// answers those preflights itself or must refuse them.
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
func MiddlewareWithOptions(p *core.Policy, o Options) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return &handler{policy: p, opts: o, next: next}
	}
}

// handler is the middleware bound to the handler it wraps. A struct rather
// than a closure keeps the request path free of hidden captures.
type handler struct {
	policy *core.Policy
	opts   Options
	next   http.Handler
}

// ServeHTTP writes the policy's headers, then ends the request with the
// decision's status (a preflight) or hands it to the next handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Read and decided in place: see core.Policy.DecideInto.
	var req core.Request
	h.policy.ReadHTTP(r, &req)
	if h.opts.Skip != nil && adapter.MaySkip(&req, h.opts.SkipPreflights) && h.opts.Skip(r) {
		h.next.ServeHTTP(w, r)
		return
	}
	if h.opts.TrustProxyHeaders {
		core.ForwardedHTTP(r, &req)
	}
	var d core.Decision
	h.policy.DecideInto(r.Context(), &req, &d)
	h.policy.RespondHTTP(w.Header(), r, &d)
	if d.End {
		w.WriteHeader(d.Status)
		return
	}
	h.next.ServeHTTP(w, r)
}
