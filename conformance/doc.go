// Package conformance is a public kit that proves a CORS middleware answers
// exactly as crossgate's contract (docs/SEMANTICS.md) says, over real HTTP
// on loopback, in the spirit of testing/fstest.TestFS: the scenarios are
// data, and one call plays them all against the application a caller
// serves.
//
// A third party who writes a crossgate adapter for a framework this
// repository does not ship (hertz, iris, gorilla/mux, connect...) proves it
// with one test:
//
//	func TestConformance(t *testing.T) {
//		conformance.Run(t, conformance.Framework{Name: "myframework", Serve: serve})
//	}
//
// where serve starts the kit's application on the listener it is given,
// with the middleware made from the policy attached at the router level:
//
//   - PathItems and PathItems + "/{id}" answer every method in AppMethods
//     with AppJSON, carrying AppHeaders;
//   - PathExplicit answers GET like the items and OPTIONS with its own
//     handler (ExplicitOptionsBody);
//   - no other route, and no other OPTIONS handler;
//   - Options.Observe sees every request before any middleware runs, and
//     Options.OuterVary is a Vary an outer middleware sets before CORS.
//
// For a net/http framework, AppHTTP, ExplicitOptionsHTTP, OuterVaryHTTP
// and ServeHTTP are the pieces; HTTPFramework serves the whole application
// with http.ServeMux around any func(http.Handler) http.Handler middleware.
// Verify is Run without a *testing.T. RunGroups plays the group scenarios
// (GroupScenarios) against an application whose CORS is attached only to
// groups (see groups.go for its routes).
//
// The kit imports no framework. Each of crossgate's adapters proves itself
// through this same entry point in its own module's tests (for example
// github.com/crossgate/crossgate/chi/chitest serves the application with
// chi), and the test-only module suites compares every framework's answers
// byte for byte.
//
// The package has three parts: the application's contract (frameworks.go,
// app_http.go, nethttp.go, groups.go); the scenarios, expected exchanges
// written as data from the contract (scenarios.go, scenarios_*.go,
// group_scenarios.go); and the runner, which plays scenarios on a running
// application and lists every difference (runner.go, group_runner.go,
// render.go). Subpackages: attacks (known bypasses as data), rawhttp
// (requests written byte for byte), adaptertest (in-process cases for an
// adapter's own wiring) and tenants (multi-tenant policies for scale tests).
package conformance
