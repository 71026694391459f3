package adaptertest

// The group cases are played against an application with CORS on the group
// /v2 only, attached as Case.Attach says: GET and PUT /v2/items without an
// OPTIONS handler, and GET /v2x and /open outside the group. Both majors of
// a framework answer them alike, so each family has one table.

// Ways to attach a group's middleware other than the helper, the negative
// controls.
const (
	// AttachRouteLevel gives the middleware to each route of a plain group.
	AttachRouteLevel = "route-level"
	// AttachUseAfter calls the group's Use after its routes.
	AttachUseAfter = "use-after"
	// AttachPlainGroup makes the group with the middleware, without the
	// helper (fiber v2's string prefix).
	AttachPlainGroup = "plain-group"
)

func groupPreflight(origin string) map[string]string {
	return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}
}

var groupGet = map[string]string{"Origin": Allowed}

// groupCases are what every group helper answers alike; optionsStatus is the
// framework's answer to an OPTIONS the policy hands on, and outsideStatus
// its answer to a preflight outside the group.
func groupCases(optionsStatus, outsideStatus int) []Case {
	return []Case{
		{Name: "preflight to a route without OPTIONS handler", Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Allowed), Status: 204, ACAO: Allowed, Vary: []string{PreflightVary}},
		{Name: "preflight to an unknown path in the group", Method: "OPTIONS", Path: "/v2/a/b", Header: groupPreflight(Allowed), Status: 204, ACAO: Allowed, Vary: []string{PreflightVary}},
		{Name: "preflight to the group's own path", Method: "OPTIONS", Path: "/v2", Header: groupPreflight(Allowed), Status: 204, ACAO: Allowed, Vary: []string{PreflightVary}},
		{Name: "refused preflight", Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Refused), Status: 403, Vary: []string{PreflightVary}},
		{Name: "OPTIONS without ACRM gets the framework's answer", Method: "OPTIONS", Path: "/v2/items", Header: groupGet, Status: optionsStatus, Router: true, ACAO: Allowed, Vary: []string{"Origin"}},
		{Name: "passed preflight gets the framework's answer", Pass: true, Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Allowed), Status: optionsStatus, Router: true, ACAO: Allowed, Vary: []string{PreflightVary}},
		{Name: "actual request in the group", Method: "PUT", Path: "/v2/items", Header: groupGet, Status: 200, App: true, ACAO: Allowed, Vary: []string{"Origin"}},
		{Name: "actual request outside the group", Method: "GET", Path: "/open", Header: groupGet, Status: 200, App: true},
		{Name: "sibling path outside the group", Method: "GET", Path: "/v2x", Header: groupGet, Status: 200, App: true},
		{Name: "preflight outside the group is the framework's", Method: "OPTIONS", Path: "/v2x", Header: groupPreflight(Allowed), Status: outsideStatus, Router: true},
	}
}

// EchoGroupCases are the group cases of echo v4 and v5: echo's group
// catch-all answers 404 what the policy hands on, and its automatic OPTIONS
// handler answers outside the group, and before route-level middleware.
var EchoGroupCases = append(groupCases(404, 204),
	Case{Name: "route-level middleware misses a preflight", Attach: AttachRouteLevel, Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Allowed), Status: 204, Router: true},
	Case{Name: "route-level middleware misses a refused preflight", Attach: AttachRouteLevel, Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Refused), Status: 204, Router: true},
	Case{Name: "g.Use after the routes misses actual requests", Attach: AttachUseAfter, Method: "PUT", Path: "/v2/items", Header: groupGet, Status: 200, App: true},
)

// FiberGroupCases are the group cases of fiber v2 and v3: fiber answers 405
// for a route without the method, before route-level middleware runs.
var FiberGroupCases = append(groupCases(405, 405),
	Case{Name: "OPTIONS without ACRM to an unknown path gets fiber's 404", Method: "OPTIONS", Path: "/v2/nowhere", Header: groupGet, Status: 404, Router: true, ACAO: Allowed, Vary: []string{"Origin"}},
	Case{Name: "route-level middleware misses a preflight", Attach: AttachRouteLevel, Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Allowed), Status: 405, Router: true},
	Case{Name: "route-level middleware misses a refused preflight", Attach: AttachRouteLevel, Method: "OPTIONS", Path: "/v2/items", Header: groupPreflight(Refused), Status: 405, Router: true},
)
