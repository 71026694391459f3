package conformance

import (
	"net/http"
	"strings"
)

// GroupScenario is a Scenario for the group application (see groups.go).
type GroupScenario struct {
	Scenario
	// Status, for the frameworks it names, replaces Want.Status. Requests
	// that the policy hands on without a route to take them (an OPTIONS
	// without Access-Control-Request-Method) get the framework's own
	// answer, which is not the same everywhere; the CORS headers are.
	Status map[string]int
}

// For returns the scenario as framework must answer it.
func (g GroupScenario) For(framework string) Scenario {
	sc := g.Scenario
	if s, ok := g.Status[framework]; ok {
		sc.Want.Status = s
	}
	return sc
}

// GroupScenarios returns every group scenario, in the order the runner
// plays them. The served policy is basic() on /v2; /v1 keeps LegacyConfig.
func GroupScenarios() []GroupScenario {
	var all []GroupScenario
	add := func(s ...Scenario) {
		for _, sc := range s {
			all = append(all, GroupScenario{Scenario: sc})
		}
	}
	add(groupPreflightScenarios()...)
	add(groupActualScenarios()...)
	// An OPTIONS without ACRM is an actual request: the policy adds its
	// headers and hands it on. No route in the group answers OPTIONS, so
	// the framework answers it: 404 where the path is unknown; on a route,
	// chi's and fiber's 405, echo's group catch-all's 404 and the 404 of
	// corsgin.Group's catch-all (gin's own answer without it).
	notAllowed := map[string]int{"chi": http.StatusMethodNotAllowed, "fiber": http.StatusMethodNotAllowed, "fiberv3": http.StatusMethodNotAllowed}
	all = append(all,
		GroupScenario{Scenario: Scenario{Name: "group/options-without-acrm-unknown-path", Config: basic(),
			Request: req("OPTIONS", GroupUnknown, hdr{hOrigin, appOrigin}),
			Want:    want(404, false, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})}},
		GroupScenario{Scenario: Scenario{Name: "group/options-without-acrm", Config: basic(),
			Request: req("OPTIONS", GroupItem, hdr{hOrigin, appOrigin}),
			Want:    want(404, false, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})},
			Status: notAllowed},
	)
	add(outsideScenarios()...)
	add(siblingGroupScenarios()...)
	return all
}

// groupPreflightScenarios: every preflight under the group is ended by its
// policy, whether the path has a route (none has an OPTIONS handler) or not.
func groupPreflightScenarios() []Scenario {
	return []Scenario{
		{Name: "group/preflight-route-without-options", Config: basic(),
			Request: preflight(GroupItem, appOrigin, "PUT", hdr{hACRH, "content-type,x-token"}),
			Want:    basicPreflightAllowed},
		{Name: "group/preflight-collection", Config: basic(),
			Request: preflight(GroupItems, appOrigin, "DELETE"),
			Want:    basicPreflightAllowed},
		{Name: "group/preflight-unknown-path", Config: basic(),
			Request: preflight(GroupUnknown, appOrigin, "PATCH", hdr{hACRH, "x-token"}),
			Want:    basicPreflightAllowed},
		{Name: "group/preflight-unknown-deep-path", Config: basic(),
			Request: preflight(GroupDeepPath, appOrigin, "PUT"),
			Want:    basicPreflightAllowed},
		{Name: "group/preflight-group-path", Config: basic(),
			Request: preflight(GroupPrefix, appOrigin, "PUT"),
			Want:    basicPreflightAllowed},
		{Name: "group/preflight-refused-origin", Config: basic(),
			Request: preflight(GroupItem, evilOrigin, "PUT", hdr{hACRH, "x-token"}),
			Want:    preflightOriginRefused},
		{Name: "group/preflight-refused-origin-unknown-path", Config: basic(),
			Request: preflight(GroupUnknown, evilOrigin, "PUT"),
			Want:    preflightOriginRefused},
		{Name: "group/preflight-refused-method", Config: basic(),
			Request: preflight(GroupItem, appOrigin, "PURGE"),
			Want:    basicPreflightListRefused},
	}
}

// groupActualScenarios: the group's routes get the policy's headers.
func groupActualScenarios() []Scenario {
	var s []Scenario
	for _, m := range AppMethods {
		s = append(s, Scenario{Name: "group/actual-allowed-" + strings.ToLower(m), Config: basic(),
			Request: req(m, GroupItem, hdr{hOrigin, appOrigin}),
			Want:    basicActualAllowed})
	}
	return append(s,
		Scenario{Name: "group/actual-refused-origin", Config: basic(),
			Request: req("DELETE", GroupItem, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
		Scenario{Name: "group/not-cors", Config: basic(),
			Request: req("GET", GroupItems),
			Want:    want(200, true, hdr{Vary, varyOrigin})},
		Scenario{Name: "group/actual-allowed-outer-vary", Config: basic(), OuterVary: true,
			Request: req("GET", GroupItem, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, outerVary + ", " + varyOrigin})},
	)
}

// outsideScenarios: routes outside every group have no CORS at all, not
// even Vary, whatever the groups' policies.
func outsideScenarios() []Scenario {
	return []Scenario{
		{Name: "outside/actual", Config: basic(),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true)},
		{Name: "outside/not-cors", Config: basic(),
			Request: req("GET", PathItems),
			Want:    want(200, true)},
		{Name: "outside/sibling-prefix", Config: basic(),
			Request: req("GET", SiblingPath, hdr{hOrigin, appOrigin}),
			Want:    want(200, true)},
	}
}

// siblingGroupScenarios: /v1 answers with its own policy, which refuses
// the origin /v2 allows.
func siblingGroupScenarios() []Scenario {
	return []Scenario{
		{Name: "sibling-group/preflight-own-policy", Config: basic(),
			Request: preflight(LegacyItems, LegacyOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, LegacyOrigin}, hdr{ACAM, "PUT"}, hdr{Vary, varyPreflight})},
		{Name: "sibling-group/preflight-other-groups-origin", Config: basic(),
			Request: preflight(LegacyItems, appOrigin, "PUT"),
			Want:    preflightOriginRefused},
		{Name: "sibling-group/actual", Config: basic(),
			Request: req("GET", LegacyItems, hdr{hOrigin, LegacyOrigin}),
			Want:    want(200, true, hdr{ACAO, LegacyOrigin}, hdr{Vary, varyOrigin})},
	}
}
