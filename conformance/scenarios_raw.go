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
		w := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACAM, basicMethods}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})
		w.Header[ACAH] = strings.Join(lines, ", ")
		return w
	}
	const padded = " \t https://app.example.com \t "
	return []Scenario{
		// Optional whitespace around values.
		{Name: "raw/origin-tabs", Config: basic(),
			Request: raw("GET", PathItems, hdr{"Origin", "\t" + appOrigin + "\t"}),
			Want:    basicActualAllowed},
		{Name: "raw/origin-spaces-and-tabs", Config: basic(),
			Request: raw("GET", PathItems, hdr{"Origin", padded}),
			Want:    basicActualAllowed},
		{Name: "raw/origin-no-space", Config: basic(),
			Request: raw("GET", PathItems, hdr{"Origin", appOrigin}),
			Want:    basicActualAllowed},
		// Whitespace inside a value is part of it.
		{Name: "raw/origin-inner-tab", Config: basic(),
			Request: raw("GET", PathItems, hdr{"Origin", " https://app.example.com\t.evil.test"}),
			Want:    actualRefused},
		{Name: "raw/credentials-origin-tabs", Config: credentialed(),
			Request: raw("GET", PathItems, hdr{"Origin", "\t" + appOrigin + "\t"}, hdr{"Cookie", " session=1"}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})},
		{Name: "raw/preflight-tabs", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", "\t" + appOrigin + "\t"},
				hdr{hACRM, "\tPUT\t"}, hdr{hACRH, "\t x-token,\tcontent-type\t "}),
			Want: basicPreflightAllowed},
		{Name: "raw/preflight-tabs-method-refused", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", "\t" + appOrigin}, hdr{hACRM, "\tPURGE\t"}),
			Want:    basicPreflightListRefused},
		{Name: "raw/preflight-tabs-origin-refused", Config: basic(),
			Request: raw("OPTIONS", PathExplicit, hdr{"Origin", "\t" + evilOrigin + "\t"}, hdr{hACRM, "\tPUT"}),
			Want:    preflightOriginRefused},
		{Name: "raw/preflight-tabs-reflected", Config: starCred,
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"}, hdr{hACRH, "\tx-token,x-trace\t"}),
			Want:    starCredReflected("x-token,x-trace")},
		{Name: "raw/private-network-tabs", Config: pn,
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"}, hdr{hACRPN, "\ttrue\t"}),
			Want: want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge},
				hdr{ACAPN, "true"}, hdr{Vary, varyPrivate})},

		// Names in any case.
		{Name: "raw/lower-case-origin", Config: basic(),
			Request: raw("GET", PathItems, hdr{"origin", " " + appOrigin}),
			Want:    basicActualAllowed},
		{Name: "raw/lower-case-origin-tabs", Config: basic(),
			Request: raw("GET", PathItems, hdr{"origin", "\t" + appOrigin + "\t"}),
			Want:    basicActualAllowed},
		{Name: "raw/lower-case-refused-origin", Config: basic(),
			Request: raw("GET", PathItems, hdr{"origin", " " + evilOrigin}),
			Want:    actualRefused},
		{Name: "raw/lower-case-preflight", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"origin", " " + appOrigin},
				hdr{"access-control-request-method", " PUT"}, hdr{"access-control-request-headers", " x-token"}),
			Want: basicPreflightAllowed},
		{Name: "raw/mixed-case-preflight", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"ORIGIN", " " + appOrigin},
				hdr{"Access-control-REQUEST-Method", " PUT"}, hdr{"aCCESS-cONTROL-rEQUEST-hEADERS", " x-token"}),
			Want: basicPreflightAllowed},
		// A refused origin's preflight must end in the middleware, also on
		// a route whose own OPTIONS handler would answer 200.
		{Name: "raw/lower-case-refused-origin-preflight", Config: basic(),
			Request: raw("OPTIONS", PathExplicit, hdr{"origin", " " + evilOrigin}, hdr{"access-control-request-method", " PUT"}),
			Want:    preflightOriginRefused},
		{Name: "raw/lower-case-private-network", Config: pn,
			Request: raw("OPTIONS", itemPath, hdr{"origin", " " + appOrigin},
				hdr{"access-control-request-method", " PUT"}, hdr{"access-control-request-private-network", " true"}),
			Want: want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge},
				hdr{ACAPN, "true"}, hdr{Vary, varyPrivate})},

		// One header in two lines of different case is one header of two
		// lines: two Origin lines are refused whatever their case.
		{Name: "raw/second-origin-lower-case", Config: credentialed(),
			Request: raw("GET", PathItems, hdr{"Origin", " " + appOrigin}, hdr{"origin", " https://evil.test"}),
			Want:    actualRefused},
		{Name: "raw/second-origin-lower-case-allowed-last", Config: credentialed(),
			Request: raw("GET", PathItems, hdr{"origin", " https://evil.test"}, hdr{"Origin", " " + appOrigin}),
			Want:    actualRefused},
		{Name: "raw/second-origin-lower-case-preflight", Config: credentialed(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{"origin", " https://evil.test"}, hdr{hACRM, " PUT"}),
			Want:    preflightOriginRefused},
		{Name: "raw/second-acrm-lower-case", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"}, hdr{"access-control-request-method", " PURGE"}),
			Want:    basicPreflightListRefused},
		{Name: "raw/second-acrh-lower-case-refused", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"},
				hdr{hACRH, " x-token"}, hdr{"access-control-request-headers", "\tx-other"}),
			Want: basicPreflightListRefused},
		{Name: "raw/second-acrh-lower-case-allowed", Config: basic(),
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"},
				hdr{hACRH, " x-token"}, hdr{"access-control-request-headers", "\tcontent-type"}),
			Want: basicPreflightAllowed},
		// Reflected in the order the lines came, whatever their case.
		{Name: "raw/mixed-case-acrh-lines-reflected", Config: starCred,
			Request: raw("OPTIONS", itemPath, hdr{"Origin", " " + appOrigin}, hdr{hACRM, " PUT"},
				hdr{"access-control-request-headers", " x-b"}, hdr{hACRH, "\tx-a\t"}, hdr{"ACCESS-CONTROL-REQUEST-HEADERS", " x-c"}),
			Want: starCredReflected("x-b", "x-a", "x-c")},
	}
}

// raw builds a request sent byte for byte, each line's value with the
// whitespace that goes after the colon.
func raw(method, path string, lines ...hdr) Request {
	r := req(method, path, lines...)
	r.Raw = true
	return r
}
