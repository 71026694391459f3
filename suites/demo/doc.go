// Package demo is a live lesson in CORS that doubles as crossgate's browser
// test bench.
//
// Start serves one page on several loopback origins and the same
// application in every supported framework (chi, gin, echo v4 and v5,
// fiber v2 and v3), each on its own port behind crossgate, under three
// policies. The page runs a list
// of scenarios (scenarios.go) with fetch() from those origins — from itself,
// from iframes of other origins, and from a sandboxed iframe whose origin is
// "null" — and shows, for every scenario and framework, what the browser
// allowed, what the server counted and why crossgate refused.
//
// The page and the browser suite in ./browser run exactly the same code: the
// suite opens the page in Chromium and asserts every cell, so what a person
// sees in the demo is what the tests prove.
package demo
