package conformance

import (
	"strings"

	"github.com/crossgate/crossgate/core"
)

// rawScenarios send their requests byte for byte (Request.Raw): header
// names in any case, and values with spaces and tabs around them.
//
// HTTP names are case-insensitive, and a field value's leading and
// trailing optional whitespace (SP and HTAB) is not part of it (RFC 9110,
// sections 5.1 and 5.5). net/http applies both rules before any handler
// runs; fasthttp trims only spaces, and with DisableHeaderNormalizing keeps
// each name as it arrived. Every adapter must still give core the same
// lines, so these are answered exactly like their tidy equivalents.
func rawScenarios() []Scenario {
	pn := with(basic(), func(c *core.Config) { c.PrivateNetwork = true })
	starCred := with(credentialed(), func(c *core.Config) { c.RequestHeaders = []string{"*"} })
	// starCredReflected is starCred's answer to an allowed preflight: with
	// credentials "*" is a literal name, so the requested lines come back.
	starCredReflected := func(lines ...string) Response {
		w := want(204, false, ACAO, appOrigin, ACAC, "true", ACAM, basicMethods, ACMA, basicMaxAge, Vary, varyPreflight)
		w.Header[ACAH] = strings.Join(lines, ", ")
		return w
	}
	const padded = " \t https://app.example.com \t "
	return []Scenario{
		// Optional whitespace around values.
		{Name: "raw/origin-tabs", Config: basic(),
			Request: raw("GET", pathItems, "Origin", "\t"+appOrigin+"\t"),
			Want:    basicActualAllowed},
		{Name: "raw/origin-spaces-and-tabs", Config: basic(),
			Request: raw("GET", pathItems, "Origin", padded),
			Want:    basicActualAllowed},
		{Name: "raw/origin-no-space", Config: basic(),
			Request: raw("GET", pathItems, "Origin", appOrigin),
			Want:    basicActualAllowed},
		// Whitespace inside a value is part of it.
		{Name: "raw/origin-inner-tab", Config: basic(),
			Request: raw("GET", pathItems, "Origin", " https://app.example.com\t.evil.test"),
			Want:    actualRefused},
		{Name: "raw/credentials-origin-tabs", Config: credentialed(),
			Request: raw("GET", pathItems, "Origin", "\t"+appOrigin+"\t", "Cookie", " session=1"),
			Want:    want(200, true, ACAO, appOrigin, ACAC, "true", ACEH, "X-Exposed", Vary, varyOrigin)},
		{Name: "raw/preflight-tabs", Config: basic(),
			Request: raw("OPTIONS", itemPath, "Origin", "\t"+appOrigin+"\t",
				hACRM, "\tPUT\t", hACRH, "\t x-token,\tcontent-type\t "),
			Want: basicPreflightAllowed},
		{Name: "raw/preflight-tabs-method-refused", Config: basic(),
			Request: raw("OPTIONS", itemPath, "Origin", "\t"+appOrigin, hACRM, "\tPURGE\t"),
			Want:    basicPreflightListRefused},
		{Name: "raw/preflight-tabs-origin-refused", Config: basic(),
			Request: raw("OPTIONS", pathExplicit, "Origin", "\t"+evilOrigin+"\t", hACRM, "\tPUT"),
			Want:    preflightOriginRefused},
		{Name: "raw/preflight-tabs-reflected", Config: starCred,
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT", hACRH, "\tx-token,x-trace\t"),
			Want:    starCredReflected("x-token,x-trace")},
		{Name: "raw/private-network-tabs", Config: pn,
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT", hACRPN, "\ttrue\t"),
			Want: want(204, false, ACAO, appOrigin, ACAM, basicMethods, ACAH, basicHeaders, ACMA, basicMaxAge,
				ACAPN, "true", Vary, varyPrivate)},

		// Names in any case.
		{Name: "raw/lower-case-origin", Config: basic(),
			Request: raw("GET", pathItems, "origin", " "+appOrigin),
			Want:    basicActualAllowed},
		{Name: "raw/lower-case-origin-tabs", Config: basic(),
			Request: raw("GET", pathItems, "origin", "\t"+appOrigin+"\t"),
			Want:    basicActualAllowed},
		{Name: "raw/lower-case-refused-origin", Config: basic(),
			Request: raw("GET", pathItems, "origin", " "+evilOrigin),
			Want:    actualRefused},
		{Name: "raw/lower-case-preflight", Config: basic(),
			Request: raw("OPTIONS", itemPath, "origin", " "+appOrigin,
				"access-control-request-method", " PUT", "access-control-request-headers", " x-token"),
			Want: basicPreflightAllowed},
		{Name: "raw/mixed-case-preflight", Config: basic(),
			Request: raw("OPTIONS", itemPath, "ORIGIN", " "+appOrigin,
				"Access-control-REQUEST-Method", " PUT", "aCCESS-cONTROL-rEQUEST-hEADERS", " x-token"),
			Want: basicPreflightAllowed},
		// A refused origin's preflight must end in the middleware, also on
		// a route whose own OPTIONS handler would answer 200.
		{Name: "raw/lower-case-refused-origin-preflight", Config: basic(),
			Request: raw("OPTIONS", pathExplicit, "origin", " "+evilOrigin, "access-control-request-method", " PUT"),
			Want:    preflightOriginRefused},
		{Name: "raw/lower-case-private-network", Config: pn,
			Request: raw("OPTIONS", itemPath, "origin", " "+appOrigin,
				"access-control-request-method", " PUT", "access-control-request-private-network", " true"),
			Want: want(204, false, ACAO, appOrigin, ACAM, basicMethods, ACAH, basicHeaders, ACMA, basicMaxAge,
				ACAPN, "true", Vary, varyPrivate)},

		// One header in two lines of different case is one header of two
		// lines: two Origin lines are refused whatever their case.
		{Name: "raw/second-origin-lower-case", Config: credentialed(),
			Request: raw("GET", pathItems, "Origin", " "+appOrigin, "origin", " https://evil.test"),
			Want:    actualRefused},
		{Name: "raw/second-origin-lower-case-allowed-last", Config: credentialed(),
			Request: raw("GET", pathItems, "origin", " https://evil.test", "Origin", " "+appOrigin),
			Want:    actualRefused},
		{Name: "raw/second-origin-lower-case-preflight", Config: credentialed(),
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, "origin", " https://evil.test", hACRM, " PUT"),
			Want:    preflightOriginRefused},
		{Name: "raw/second-acrm-lower-case", Config: basic(),
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT", "access-control-request-method", " PURGE"),
			Want:    basicPreflightListRefused},
		{Name: "raw/second-acrh-lower-case-refused", Config: basic(),
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT",
				hACRH, " x-token", "access-control-request-headers", "\tx-other"),
			Want: basicPreflightListRefused},
		{Name: "raw/second-acrh-lower-case-allowed", Config: basic(),
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT",
				hACRH, " x-token", "access-control-request-headers", "\tcontent-type"),
			Want: basicPreflightAllowed},
		// Reflected in the order the lines came, whatever their case.
		{Name: "raw/mixed-case-acrh-lines-reflected", Config: starCred,
			Request: raw("OPTIONS", itemPath, "Origin", " "+appOrigin, hACRM, " PUT",
				"access-control-request-headers", " x-b", hACRH, "\tx-a\t", "ACCESS-CONTROL-REQUEST-HEADERS", " x-c"),
			Want: starCredReflected("x-b", "x-a", "x-c")},
	}
}

// raw builds a request sent byte for byte; kv alternates header names and
// values, each value with the whitespace that goes after the colon.
func raw(method, path string, kv ...string) Request {
	r := req(method, path, kv...)
	r.Raw = true
	return r
}
