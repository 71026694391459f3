package corschi

import (
	"net/http"

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

// Middleware returns net/http middleware that enforces p. Use it when the
// policy is shared with other adapters or reconfigured at run time: every
// request reads p's current configuration.
//
// Attach it at the top level (chi: r.Use before any route) so that
// preflights to routes without an OPTIONS handler reach it; see the package
// documentation.
//
//go:noinline
func Middleware(p *core.Policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return &handler{policy: p, next: next}
	}
}

// handler is the middleware bound to the handler it wraps. A struct rather
// than a closure keeps the request path free of hidden captures.
type handler struct {
	policy *core.Policy
	next   http.Handler
}

// ServeHTTP writes the policy's headers, then ends the request with the
// decision's status (a preflight) or hands it to the next handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d := h.policy.Decide(core.FromHTTP(r))
	core.WriteHTTP(w.Header(), &d)
	if d.End {
		w.WriteHeader(d.Status)
		return
	}
	h.next.ServeHTTP(w, r)
}
