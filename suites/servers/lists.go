package servers

import (
	"github.com/crossgate/crossgate/chi/chitest"
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/echo/echotest"
	echo5test "github.com/crossgate/crossgate/echov5/echotest"
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
	"github.com/crossgate/crossgate/fiber/fibertest"
	fiber3test "github.com/crossgate/crossgate/fiberv3/fibertest"
	"github.com/crossgate/crossgate/gin/gintest"
	corshttp "github.com/crossgate/crossgate/http"
)

// Frameworks returns the frameworks crossgate supports, each major its
// own, in a fixed order.
func Frameworks() []conformance.Framework {
	return []conformance.Framework{chitest.Standard(), gintest.Standard(), echotest.Standard(), echo5test.Standard(), fibertest.Standard(), fiber3test.Standard()}
}

// FrameworksAndModes returns Frameworks and, after them, each framework
// again in every server setting that changes what its adapter reads: both
// fibers with DisableHeaderNormalizing, where header names keep the case
// they arrived in; then the adapters without a router, plain net/http
// (corshttp around http.ServeMux) and plain fasthttp (corsfasthttp). The
// comparison and attack tests play on all of them.
func FrameworksAndModes() []conformance.Framework {
	return append(Frameworks(), fibertest.RawHeaderNames(), fiber3test.RawHeaderNames(),
		conformance.HTTPFramework("nethttp", corshttp.Middleware), fasthttptest.Standard())
}

// GroupFrameworks returns the frameworks serving the group application,
// each group protected with its adapter's group helper (corschi.Route,
// corsgin.Group, corsecho.Group, corsfiber.Group).
func GroupFrameworks() []conformance.Framework {
	return []conformance.Framework{chitest.Group(), gintest.Group(), echotest.Group(), echo5test.Group(), fibertest.Group(), fiber3test.Group()}
}

// PlainGroupFrameworks returns the frameworks serving the group
// application with each group protected the way the framework suggests
// without crossgate's helper: chi's r.Group with Use, gin's g.Use, echo's
// route-level middleware in a group (echo v4 and v5), fiber v2's
// app.Group(prefix, mw), fiber v3's route-level middleware in a group. They
// are negative controls: each gets some group scenarios wrong.
func PlainGroupFrameworks() []conformance.Framework {
	return []conformance.Framework{chitest.PlainGroup(), gintest.PlainGroup(), echotest.PlainGroup(), echo5test.PlainGroup(), fibertest.PlainGroup(), fiber3test.PlainGroup()}
}
