package conformance

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// Origins the tenant function of the OriginFunc scenarios knows, and one
// that makes it panic.
const (
	tenantOrigin     = "https://tenant.example.net"
	tenantHTTPOrigin = "http://tenant.example.net"
	tenantLoopback   = "http://localhost:3000"
	panicOrigin      = "https://panic.example.net"
)

// tenantOriginFunc stands for an application's lookup of its tenants.
func tenantOriginFunc(origin string) bool {
	switch origin {
	case tenantOrigin, tenantHTTPOrigin, tenantLoopback:
		return true
	case panicOrigin:
		panic("tenant store unavailable")
	}
	return false
}

// tenants is credentialed() with origins decided at run time too.
func tenants() core.Config {
	return with(credentialed(), func(c *core.Config) { c.OriginFunc = tenantOriginFunc })
}

// originFuncScenarios: the function decides only what the static entries
// do not, only for one well-formed origin, never "*", never plain http
// with credentials, and its panic refuses without taking the server down.
func originFuncScenarios() []Scenario {
	approved := func(origin string) Response {
		return want(200, true, hdr{ACAO, origin}, hdr{ACAC, "true"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})
	}
	refusedActual := func(name, origin string) Scenario {
		return Scenario{Name: "origin-func/actual-" + name, Config: tenants(),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, origin}), Want: actualRefused}
	}
	return []Scenario{
		{Name: "origin-func/actual-listed", Config: tenants(),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, appOrigin}), Want: approved(appOrigin)},
		{Name: "origin-func/actual-approved", Config: tenants(),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, tenantOrigin}), Want: approved(tenantOrigin)},
		{Name: "origin-func/actual-approved-without-static-origins",
			Config:  with(tenants(), func(c *core.Config) { c.Origins = nil }),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, tenantOrigin}), Want: approved(tenantOrigin)},
		{Name: "origin-func/preflight-approved", Config: tenants(),
			Request: preflight(itemPath, tenantOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, tenantOrigin}, hdr{ACAC, "true"}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})},
		// The function widens origins only: methods stay the policy's.
		{Name: "origin-func/preflight-approved-origin-refused-method", Config: tenants(),
			Request: preflight(itemPath, tenantOrigin, "PROPFIND"),
			Want:    want(204, false, hdr{ACAO, tenantOrigin}, hdr{ACAC, "true"}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})},
		{Name: "origin-func/preflight-refused", Config: tenants(),
			Request: preflight(itemPath, "https://stranger.example.net", "PUT"), Want: preflightOriginRefused},
		{Name: "origin-func/actual-loopback-http", Config: tenants(),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, tenantLoopback}), Want: approved(tenantLoopback)},
		refusedActual("refused", "https://stranger.example.net"),
		refusedActual("plain-http-with-credentials", tenantHTTPOrigin),
		refusedActual("panics", panicOrigin),
		refusedActual("null", "null"),
		refusedActual("uppercase", "https://TENANT.example.net"),
		refusedActual("default-port", tenantOrigin+":443"),
		refusedActual("trailing-slash", tenantOrigin+"/"),
		{Name: "origin-func/actual-two-origin-lines", Config: tenants(),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, tenantOrigin}, hdr{hOrigin, tenantOrigin}), Want: actualRefused},
		{Name: "origin-func/plain-http-with-insecure-allowed",
			Config:  with(tenants(), func(c *core.Config) { c.DangerouslyAllowInsecureOrigins = true }),
			Request: req(http.MethodGet, PathItems, hdr{hOrigin, tenantHTTPOrigin}), Want: approved(tenantHTTPOrigin)},
	}
}
