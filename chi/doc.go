// Package corschi applies a crossgate CORS policy to any net/http handler:
// chi v5 routers, http.ServeMux, gorilla/mux, or a bare http.Handler.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either ends a preflight
// or calls the next handler. The same policy therefore answers the same way
// here as under gin, echo or fiber.
//
// # Where to attach it
//
// Attach the middleware with a top-level r.Use on the chi router (or wrap the
// whole mux), before any route is registered. A preflight is an OPTIONS
// request, and most routes have no OPTIONS handler: only top-level
// middleware runs for such a request (chi's r.Route and Mount sub-routers
// also see it). Middleware added with r.With(...) or inside r.Group(...)
// wraps only the matched endpoint, so a preflight to a route without an
// OPTIONS handler gets chi's 405 without any CORS header and the browser
// blocks the real request.
//
// chi panics if Use is called after a route has been registered, so the
// order mistake that silently loses headers in other frameworks cannot
// happen here.
package corschi
