package conformance

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// The group application is the same in every framework, with CORS attached
// only to groups, so that a scenario can tell a group's policy from none:
//
//	GET, HEAD, POST, PUT, DELETE, PATCH  /v2/items, /v2/items/{id}  group /v2, the served policy
//	GET, PUT                             /v1/items                  group /v1, legacyConfig, fixed
//	GET                                  /api/items, /v2x           no CORS at all
//
// No route has an OPTIONS handler. /v2x shares its first bytes with /v2
// without being in it. A group is protected either with the adapter's
// group helper (GroupFrameworks) or with the attachment a user would
// write without it (PlainGroupFrameworks), which the negative-control test
// shows to be wrong.
const (
	groupPrefix   = "/v2"
	groupItems    = groupPrefix + "/items"
	groupItem     = groupItems + "/42"
	legacyPrefix  = "/v1"
	legacyItems   = legacyPrefix + "/items"
	siblingPath   = "/v2x"
	legacyOrigin  = "https://legacy.example.com"
	groupUnknown  = groupPrefix + "/nowhere"
	groupDeepPath = groupPrefix + "/a/b/c"
)

// legacyConfig is the policy of the group /v1, a sibling of /v2 with a
// policy of its own that scenarios never reconfigure.
func legacyConfig() core.Config {
	return core.Config{Origins: []string{legacyOrigin}, Methods: []string{http.MethodPut}}
}

// GroupFrameworks returns the frameworks serving the group application,
// each group protected with its adapter's group helper (corschi.Route,
// corsgin.Group, corsecho.Group, corsfiber.Group).
func GroupFrameworks() []Framework {
	return []Framework{GroupChi(), GroupGin(), GroupEcho(), GroupEchoV5(), GroupFiber(), GroupFiberV3()}
}

// PlainGroupFrameworks returns the frameworks serving the group
// application with each group protected the way the framework suggests
// without crossgate's helper: chi's r.Group with Use, gin's g.Use, echo's
// route-level middleware in a group (echo v4 and v5), fiber v2's
// app.Group(prefix, mw), fiber v3's route-level middleware in a group. They
// are negative controls: each gets some group scenarios wrong.
func PlainGroupFrameworks() []Framework {
	return []Framework{PlainGroupChi(), PlainGroupGin(), PlainGroupEcho(), PlainGroupEchoV5(), PlainGroupFiber(), PlainGroupFiberV3()}
}

// legacyPolicy returns a new policy for /v1: the group applications serve
// the policy they are given on /v2 and this one on /v1.
func legacyPolicy() (*core.Policy, error) { return core.New(legacyConfig()) }
