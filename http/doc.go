// Package corshttp applies a crossgate CORS policy to plain net/http: an
// http.ServeMux, gorilla/mux, or a bare http.Handler. It needs no router
// and imports nothing beyond the standard library and core; chi users
// import corschi (github.com/crossgate/crossgate/chi), which is this
// middleware plus chi's group helper.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either ends a preflight
// or calls the next handler. The same policy therefore answers the same way
// here as under gin, echo or fiber.
//
// # Where to attach it
//
// Wrap the whole mux, not one route: a preflight is an OPTIONS request,
// and most routes have no OPTIONS handler, so middleware wrapped around
// one route's handler never sees it. http.ServeMux answers such a
// preflight 405 (Go 1.22 method patterns) or runs the route's handler for
// every method, and the browser blocks the real request.
//
//	http.ListenAndServe(":8080", cors(mux))
package corshttp
