// Package chitest serves the conformance kit's applications with chi v5 and
// this module's adapter (corschi): Standard, with the middleware at the
// router level, proven by conformance.Run; Group and PlainGroup, with CORS
// only on groups (through the group helper, and the plain attachment that
// misses preflights), proven by conformance.RunGroups. The adapter's own
// tests play the kit against them, and the test-only module suites
// gathers every framework's to compare their answers byte for byte.
package chitest
