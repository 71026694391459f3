package corschi

import (
	"github.com/crossgate/crossgate/core"
	"github.com/go-chi/chi/v5"
)

// Route mounts a new sub-router at pattern under r, protected by p, and
// calls fn to register its routes, as chi's r.Route does.
//
// It is r.Route with the middleware as the sub-router's first Use. A
// mounted sub-router receives every request under pattern, whatever its
// method, so the policy sees preflights to the sub-router's routes that
// have no OPTIONS handler and to paths it does not route at all. That is
// not true of chi's other ways of scoping middleware: r.Group(fn) and
// r.With(mw) wrap only the endpoints they register, so a preflight to
// such a route gets chi's 405 without CORS headers and the browser blocks
// the real request. A sub-router made with chi.NewRouter, given
// Middleware(p) with Use and attached with r.Mount, is protected the same
// way.
//
// Requests the policy hands on (actual requests, and OPTIONS without
// Access-Control-Request-Method) get whatever the sub-router answers,
// its 404 and 405 included. fn may be nil; routes can then be added to the
// returned router.
//
// Route panics when r already runs a crossgate policy (a top-level r.Use,
// also seen through r.Group and r.With, or a protected sub-router Route is
// nested in): that outer policy would
// end the sub-router's preflights before its own policy ran, so its
// stricter rules would not hold. Give per-path policies to one top-level
// policy instead, with core.Policy.Scope: the longest prefix decides, and
// a plain r.Route needs no helper under it. A policy wrapped around the
// whole router from outside (corschi.Middleware(site)(r)), or over a
// router mounted later, is invisible here: the middlewares then catch the
// stacking at run time (see docs/groups.md), but use Scope there too.
func Route(r chi.Router, pattern string, p *core.Policy, fn func(chi.Router)) chi.Router {
	refuseLayering(r, pattern)
	return r.Route(pattern, func(sub chi.Router) {
		sub.Use(Middleware(p))
		if fn != nil {
			fn(sub)
		}
	})
}
