// Package conformance proves that every crossgate adapter answers CORS
// requests exactly as docs/SEMANTICS.md says, over real HTTP on loopback,
// with the real frameworks.
//
// It is internal on purpose. What it plays against is not a function but an
// application: the same routes, handlers and outer middlewares rebuilt in
// each framework (frameworks.go and one file per framework), observed
// before the router runs, so that any difference between two frameworks'
// answers can only come from their adapters. A third party proving an
// adapter with it would have to rebuild that application byte for byte in
// their framework and follow it every time a scenario needs a new route or
// a new middleware around CORS, which has happened with every suite added
// here (groups, layered policies, deployments). An adapter for a new
// framework is better proven by joining this repository, where it also
// joins the comparison between frameworks, the attack catalogue, the
// browser suites and the benchmarks (docs/ARCHITECTURE.md says how).
// Being internal to the module, it is still importable by the nested
// modules browser/, bench/ and interop/, whose import paths lie under the
// main module's.
//
// The package has four parts:
//
//   - the applications, one file per framework and suite: the standard one
//     with crossgate at the router level (chi.go, gin.go, echo.go,
//     echo5.go, fiber.go, fiber3.go), the group one with CORS only on
//     groups (groups.go, group_*.go), the layered one with a stricter
//     policy for some paths (layered.go), and the standard one dressed as
//     a production deployment for the browser suites (deployment.go);
//   - the scenarios, expected exchanges written as data from the contract
//     (scenarios.go and scenarios_*.go, group_scenarios.go);
//   - the runner, which plays scenarios on a running application and lists
//     every difference (runner.go, group_runner.go);
//   - the tests of this package, which require every framework to answer
//     every scenario identically and play the attack catalogue, the soak
//     and the refusal hooks through every adapter.
//
// Each adapter's package runs the scenarios against itself:
//
//	func TestConformance(t *testing.T) { conformance.Run(t, conformance.Chi()) }
//	func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, conformance.GroupChi()) }
package conformance
