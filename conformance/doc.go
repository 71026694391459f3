// Package conformance proves that every crossgate adapter answers CORS
// requests exactly as docs/SEMANTICS.md says, over real HTTP.
//
// It has three parts, one per file: real servers of every supported framework with
// crossgate attached at the router level (frameworks.go and one file per
// framework), the expected exchanges written as data (scenarios.go), and a
// runner that plays them on loopback and compares what came back
// (runner.go). Each adapter's package runs the suite against itself with
//
//	func TestConformance(t *testing.T) { conformance.Run(t, conformance.Chi()) }
//
// and this package's own test checks that the adapters answer every
// scenario identically.
package conformance
