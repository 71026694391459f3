package conformance

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// The group application is the same in every framework, with CORS attached
// only to groups, so that a scenario can tell a group's policy from none:
//
//	GET, HEAD, POST, PUT, DELETE, PATCH  /v2/items, /v2/items/{id}  group /v2, the served policy
//	GET, PUT                             /v1/items                  group /v1, LegacyConfig, fixed
//	GET                                  /api/items, /v2x           no CORS at all
//
// No route has an OPTIONS handler. /v2x shares its first bytes with /v2
// without being in it. A group is protected either with the adapter's
// group helper (GroupFrameworks) or with the attachment a user would
// write without it (PlainGroupFrameworks), which the negative-control test
// shows to be wrong.
const (
	GroupPrefix   = "/v2"
	GroupItems    = GroupPrefix + "/items"
	GroupItem     = GroupItems + "/42"
	LegacyPrefix  = "/v1"
	LegacyItems   = LegacyPrefix + "/items"
	SiblingPath   = "/v2x"
	LegacyOrigin  = "https://legacy.example.com"
	GroupUnknown  = GroupPrefix + "/nowhere"
	GroupDeepPath = GroupPrefix + "/a/b/c"
)

// LegacyConfig is the policy of the group /v1, a sibling of /v2 with a
// policy of its own that scenarios never reconfigure.
func LegacyConfig() core.Config {
	return core.Config{Origins: []string{LegacyOrigin}, Methods: []string{http.MethodPut}}
}

// LegacyPolicy returns a new policy for /v1: the group applications serve
// the policy they are given on /v2 and this one on /v1.
func LegacyPolicy() (*core.Policy, error) { return core.New(LegacyConfig()) }
