// Package servers gathers every framework's conformance application (the
// chitest, gintest, echotest and fibertest packages of the adapter
// modules) for what needs all of them at once: the byte-for-byte
// comparison between frameworks, the attack catalogue through every
// adapter, the group and layered suites, the soak, and the deployments the
// browser suites and the demo serve.
//
// It lives in the test-only module suites, which no user downloads: an
// adapter's own module proves that adapter alone through the public kit
// (package conformance), and only this module requires every framework.
package servers
