// Package corsfasthttp applies a crossgate CORS policy to plain fasthttp
// handlers, and moves a CORS decision between core and fasthttp's header
// types for the fiber adapters (fiber v2 and v3), which both build on it.
//
// It is its own module (github.com/crossgate/crossgate/fasthttp) so that a
// fasthttp user downloads fasthttp and core, nothing else, and so that both
// fibers share one public, documented reader and writer instead of another
// module's internal package. The strings a core.Request gets from it view
// fasthttp's request buffer, which fasthttp reuses for the connection's
// next request: core copies whatever it hands to user code, and nothing
// here keeps them after the handler returns.
//
// Wrap the server's whole handler, not one route's: a preflight is an
// OPTIONS request that most routes do not handle.
//
//	cors := corsfasthttp.Must(cfg)
//	fasthttp.ListenAndServe(":8080", cors(router.Handler))
package corsfasthttp
