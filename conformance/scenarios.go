package conformance

import (
	"net/http"
	"strings"
	"time"

	"github.com/crossgate/crossgate/conformance/rawhttp"
	"github.com/crossgate/crossgate/core"
)

// Scenario is one exchange with a server protected by Config: the request a
// client sends and the response docs/SEMANTICS.md says it must get. The
// expectations are written from the contract, never from what an
// implementation happens to answer.
type Scenario struct {
	Name    string
	Config  core.Config
	Request Request
	Want    Response
	// OuterVary plays the request on a server whose outer middleware sets
	// "Vary: Accept-Encoding" before CORS runs (see Options.OuterVary), to
	// prove that CORS appends to Vary instead of replacing it.
	OuterVary bool
	// Before are exchanges played first on the same running server, each
	// after reconfiguring the same policy with its own Config: they prove
	// that a Reconfigure takes effect between two requests.
	Before []Scenario
}

// Request is what the client sends. Header is an ordered list rather than a
// map so that a scenario can send a header several times.
type Request struct {
	Method string
	Path   string
	Header []rawhttp.Line
	// Raw sends the request over a bare TCP connection, each line as
	// Name + ":" + Value (see rawhttp.Send), so that the case of its names and the
	// whitespace around its values reach the server as written.
	Raw bool
}

// Response is what the scenario expects back.
type Response struct {
	Status int
	// Header holds the value of every CORS header (see CORSHeaders) the
	// response must carry, its lines joined with ", " as a browser reads
	// them; a CORS header missing from Header must be absent.
	Header map[string]string
	// AppRan says whether the application's handler answered.
	AppRan bool
}

// The response headers a scenario describes exactly.
const (
	ACAO  = "Access-Control-Allow-Origin"
	ACAC  = "Access-Control-Allow-Credentials"
	ACAM  = "Access-Control-Allow-Methods"
	ACAH  = "Access-Control-Allow-Headers"
	ACEH  = "Access-Control-Expose-Headers"
	ACMA  = "Access-Control-Max-Age"
	ACAPN = "Access-Control-Allow-Private-Network"
	Vary  = "Vary"
)

// CORSHeaders lists the response headers whose presence and value every
// scenario asserts.
var CORSHeaders = []string{ACAO, ACAC, ACAM, ACAH, ACEH, ACMA, ACAPN, Vary}

// Request header names, and the origins the scenarios send.
const (
	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
	hACRPN  = "Access-Control-Request-Private-Network"

	appOrigin   = "https://app.example.com"
	evilOrigin  = "https://evil.example.net"
	outerVary   = "Accept-Encoding"
	itemPath    = PathItems + "/42"
	unknownPath = "/nowhere"
)

// Vary values SEMANTICS.md prescribes.
const (
	varyOrigin    = "Origin"
	varyPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	varyPrivate   = varyPreflight + ", Access-Control-Request-Private-Network"
)

// basic is the policy most scenarios run under: one origin, a few methods
// and headers, one exposed header, a max-age (so that its absence from
// refused preflights shows).
func basic() core.Config {
	return core.Config{
		Origins:        []string{appOrigin},
		Methods:        []string{"PUT", "DELETE", "PATCH"},
		RequestHeaders: []string{"X-Token", "Content-Type"},
		ExposedHeaders: []string{"X-Exposed"},
		MaxAge:         10 * time.Minute,
	}
}

// What basic answers on preflights.
const (
	basicMethods = "PUT, DELETE, PATCH"
	basicHeaders = "x-token, content-type"
	basicMaxAge  = "600"
)

// credentialed is basic with credentials.
func credentialed() core.Config {
	c := basic()
	c.Credentials = true
	return c
}

// anyOrigin is the "*" policy, which never has credentials.
func anyOrigin() core.Config {
	return core.Config{
		Origins:        []string{"*"},
		Methods:        []string{"PUT"},
		RequestHeaders: []string{"X-Token"},
		ExposedHeaders: []string{"X-Exposed"},
	}
}

// with returns c changed by f, so a scenario can state only how its policy
// differs from a base one.
func with(c core.Config, f func(*core.Config)) core.Config {
	f(&c)
	return c
}

// hdr is one header name and its value: a request line for req, an
// expected response header for want. Taking them as one value means a
// name can never be written without its value.
type hdr struct{ name, value string }

// req builds a request with the header lines lines, in order.
func req(method, path string, lines ...hdr) Request {
	r := Request{Method: method, Path: path}
	for _, l := range lines {
		r.Header = append(r.Header, rawhttp.Line{Name: l.name, Value: l.value})
	}
	return r
}

// preflight builds a preflight from origin asking for method, with the
// extra header lines more.
func preflight(path, origin, method string, more ...hdr) Request {
	return req(http.MethodOptions, path, append([]hdr{{hOrigin, origin}, {hACRM, method}}, more...)...)
}

// want builds an expected response carrying exactly the CORS headers
// headers.
func want(status int, appRan bool, headers ...hdr) Response {
	w := Response{Status: status, AppRan: appRan, Header: map[string]string{}}
	for _, h := range headers {
		w.Header[h.name] = h.value
	}
	return w
}

// Shorthands for the responses the contract prescribes under basic.
var (
	// an allowed actual request answered by the application
	basicActualAllowed = want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})
	// a refused actual request: the application still runs, no CORS header
	actualRefused = want(200, true, hdr{Vary, varyOrigin})
	// an allowed preflight, ended by the middleware
	basicPreflightAllowed = want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})
	// a preflight whose method or header is refused: the allow lists but
	// no Max-Age, so the browser names the method or header
	basicPreflightListRefused = want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})
	// a preflight whose origin is refused
	preflightOriginRefused = want(403, false, hdr{Vary, varyPreflight})
)

// Scenarios returns every scenario, in the order the runner plays them.
func Scenarios() []Scenario {
	var all []Scenario
	for _, group := range [][]Scenario{
		notCORSScenarios(),
		actualScenarios(),
		originScenarios(),
		originFuncScenarios(),
		preflightScenarios(),
		methodScenarios(),
		headerScenarios(),
		credentialScenarios(),
		optionScenarios(),
		varyScenarios(),
		privateNetworkScenarios(),
		reconfigureScenarios(),
		rawScenarios(),
	} {
		all = append(all, group...)
	}
	return all
}

func notCORSScenarios() []Scenario {
	return []Scenario{
		{Name: "not-cors/get", Config: basic(),
			Request: req("GET", PathItems),
			Want:    want(200, true, hdr{Vary, varyOrigin})},
		{Name: "not-cors/post-with-cookie", Config: credentialed(),
			Request: req("POST", itemPath, hdr{"Cookie", "session=1"}),
			Want:    want(200, true, hdr{Vary, varyOrigin})},
		{Name: "not-cors/unknown-path", Config: basic(),
			Request: req("GET", unknownPath),
			Want:    want(404, false, hdr{Vary, varyOrigin})},
		// An OPTIONS with ACRM but no Origin is no preflight.
		{Name: "not-cors/options-acrm-without-origin", Config: basic(),
			Request: req("OPTIONS", PathExplicit, hdr{hACRM, "PUT"}),
			Want:    want(200, true, hdr{Vary, varyOrigin})},
		{Name: "not-cors/any-origin-policy", Config: anyOrigin(),
			Request: req("GET", PathItems),
			Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"})},
	}
}

func actualScenarios() []Scenario {
	var s []Scenario
	for _, m := range AppMethods {
		s = append(s, Scenario{Name: "actual/allowed-" + strings.ToLower(m), Config: basic(),
			Request: req(m, itemPath, hdr{hOrigin, appOrigin}),
			Want:    basicActualAllowed})
	}
	return append(s,
		Scenario{Name: "actual/refused-origin", Config: basic(),
			Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
		Scenario{Name: "actual/refused-origin-delete-still-runs", Config: basic(),
			Request: req("DELETE", itemPath, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
		// Actual requests are judged by their origin alone: the method
		// lists are for preflights.
		Scenario{Name: "actual/method-not-listed", Config: core.Config{Origins: []string{appOrigin}},
			Request: req("PATCH", itemPath, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{Vary, varyOrigin})},
		Scenario{Name: "actual/unknown-path", Config: basic(),
			Request: req("GET", unknownPath, hdr{hOrigin, appOrigin}),
			Want:    want(404, false, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})},
		// OPTIONS without ACRM is an ordinary request for the app's handler.
		Scenario{Name: "actual/options-without-acrm", Config: basic(),
			Request: req("OPTIONS", PathExplicit, hdr{hOrigin, appOrigin}),
			Want:    basicActualAllowed},
		Scenario{Name: "actual/options-without-acrm-refused-origin", Config: basic(),
			Request: req("OPTIONS", PathExplicit, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
		Scenario{Name: "actual/expose-several", Config: with(basic(), func(c *core.Config) { c.ExposedHeaders = []string{"X-Exposed", "X-Hidden"} }),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed, X-Hidden"}, hdr{Vary, varyOrigin})},
		Scenario{Name: "actual/expose-star", Config: with(basic(), func(c *core.Config) { c.ExposedHeaders = []string{"*"} }),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "*"}, hdr{Vary, varyOrigin})},
		Scenario{Name: "actual/expose-none", Config: with(basic(), func(c *core.Config) { c.ExposedHeaders = nil }),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{Vary, varyOrigin})},
		Scenario{Name: "actual/any-origin-policy", Config: anyOrigin(),
			Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}),
			Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"})},
		Scenario{Name: "actual/any-origin-policy-null", Config: anyOrigin(),
			Request: req("POST", PathItems, hdr{hOrigin, "null"}),
			Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"})},
		// Several Origin lines are refused even by "*": refused requests
		// get Vary: Origin and nothing else.
		Scenario{Name: "actual/any-origin-policy-two-origin-lines", Config: anyOrigin(),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
	)
}

// originScenarios try the origin checks on actual requests (where a refusal
// leaves only Vary) and preflights (where it is a 403).
func originScenarios() []Scenario {
	patterns := core.Config{
		Origins: []string{"https://*.example.com", "https://example.com"},
		Methods: []string{"PUT"},
	}
	subOnly := core.Config{Origins: []string{"https://*.example.com"}}
	anyPort := core.Config{Origins: []string{"http://localhost:*", "https://*.example.org:*"}}
	allowed := func(origin string) Response { return want(200, true, hdr{ACAO, origin}, hdr{Vary, varyOrigin}) }
	cases := []struct {
		name   string
		cfg    core.Config
		origin string
		ok     bool
	}{
		{"exact", patterns, "https://example.com", true},
		{"subdomain", patterns, "https://api.example.com", true},
		{"subdomain-any-depth", patterns, "https://a.b.c.example.com", true},
		{"lookalike-suffix", patterns, "https://example.com.evil.test", false},
		{"lookalike-prefix", patterns, "https://evilexample.com", false},
		{"lookalike-scheme", patterns, "http://example.com", false},
		{"subdomain-other-port", patterns, "https://api.example.com:8443", false},
		{"pattern-never-apex", subOnly, "https://example.com", false},
		{"pattern-empty-label", subOnly, "https://.example.com", false},
		{"pattern-uppercase-label", subOnly, "https://API.example.com", false},
		{"uppercase-host", basic(), "https://APP.example.com", false},
		{"uppercase-scheme", basic(), "HTTPS://app.example.com", false},
		{"trailing-slash", basic(), appOrigin + "/", false},
		{"default-port", basic(), appOrigin + ":443", false},
		{"null", basic(), "null", false},
		{"empty", basic(), "", false},
		{"port-pattern", anyPort, "http://localhost:5173", true},
		{"port-pattern-letters", anyPort, "http://localhost:abc", false},
		{"port-pattern-lookalike-host", anyPort, "http://localhost.evil.test:5173", false},
		{"port-pattern-other-host", anyPort, "http://127.0.0.1:5173", false},
		{"subdomain-and-port-pattern", anyPort, "https://a.example.org:8443", true},
	}
	var s []Scenario
	for _, c := range cases {
		w := actualRefused
		if c.ok {
			w = allowed(c.origin)
		}
		s = append(s, Scenario{Name: "origin/actual-" + c.name, Config: c.cfg,
			Request: req("GET", PathItems, hdr{hOrigin, c.origin}), Want: w})
	}
	for _, c := range cases {
		w := preflightOriginRefused
		if c.ok {
			w = want(204, false, hdr{ACAO, c.origin}, hdr{Vary, varyPreflight})
			if len(c.cfg.Methods) > 0 {
				w.Header[ACAM] = strings.Join(c.cfg.Methods, ", ")
			}
		}
		s = append(s, Scenario{Name: "origin/preflight-" + c.name, Config: c.cfg,
			Request: preflight(itemPath, c.origin, "GET"), Want: w})
	}
	return append(s,
		Scenario{Name: "origin/actual-two-lines", Config: basic(),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}, hdr{hOrigin, appOrigin}),
			Want:    actualRefused},
		Scenario{Name: "origin/preflight-two-lines", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hOrigin, appOrigin}),
			Want:    preflightOriginRefused},
	)
}

// preflightScenarios cover where preflights are answered: every one is
// ended by the middleware, on routes with and without an OPTIONS handler
// and on unknown paths.
func preflightScenarios() []Scenario {
	return []Scenario{
		{Name: "preflight/allowed", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRH, "content-type,x-token"}),
			Want:    basicPreflightAllowed},
		{Name: "preflight/allowed-no-acrh", Config: basic(),
			Request: preflight(PathItems, appOrigin, "DELETE"),
			Want:    basicPreflightAllowed},
		{Name: "preflight/unknown-path", Config: basic(),
			Request: preflight(unknownPath, appOrigin, "PATCH", hdr{hACRH, "x-token"}),
			Want:    basicPreflightAllowed},
		{Name: "preflight/unknown-path-refused-origin", Config: basic(),
			Request: preflight(unknownPath, evilOrigin, "PATCH"),
			Want:    preflightOriginRefused},
		// The app has an OPTIONS handler here, but without PassPreflight
		// the middleware ends the preflight.
		{Name: "preflight/explicit-route-ended", Config: basic(),
			Request: preflight(PathExplicit, appOrigin, "PUT"),
			Want:    basicPreflightAllowed},
		{Name: "preflight/refused-origin", Config: basic(),
			Request: preflight(itemPath, evilOrigin, "PUT", hdr{hACRH, "x-token"}),
			Want:    preflightOriginRefused},
		{Name: "preflight/refused-origin-explicit-route", Config: basic(),
			Request: preflight(PathExplicit, evilOrigin, "PUT"),
			Want:    preflightOriginRefused},
		{Name: "preflight/no-lists", Config: core.Config{Origins: []string{appOrigin}},
			Request: preflight(itemPath, appOrigin, "POST"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{Vary, varyPreflight})},
		{Name: "preflight/any-origin-policy", Config: anyOrigin(),
			Request: preflight(itemPath, evilOrigin, "PUT", hdr{hACRH, "X-Token"}),
			Want:    want(204, false, hdr{ACAO, "*"}, hdr{ACAM, "PUT"}, hdr{ACAH, "x-token"}, hdr{Vary, varyPreflight})},
		{Name: "preflight/any-origin-policy-null", Config: anyOrigin(),
			Request: preflight(itemPath, "null", "PUT"),
			Want:    want(204, false, hdr{ACAO, "*"}, hdr{ACAM, "PUT"}, hdr{ACAH, "x-token"}, hdr{Vary, varyPreflight})},
		{Name: "preflight/any-origin-policy-method-refused", Config: anyOrigin(),
			Request: preflight(itemPath, appOrigin, "DELETE"),
			Want:    want(204, false, hdr{ACAO, "*"}, hdr{ACAM, "PUT"}, hdr{ACAH, "x-token"}, hdr{Vary, varyPreflight})},
	}
}

func methodScenarios() []Scenario {
	star := with(basic(), func(c *core.Config) { c.Methods = []string{"*"} })
	starWant := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, "*"}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})
	// A refusal must leave out what was asked; "*" would not, so a "*"
	// list is left out of refusals altogether.
	starRefused := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})
	return []Scenario{
		{Name: "method/listed-patch", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PATCH"),
			Want:    basicPreflightAllowed},
		{Name: "method/safelisted-get-unlisted", Config: basic(),
			Request: preflight(itemPath, appOrigin, "GET"),
			Want:    basicPreflightAllowed},
		{Name: "method/safelisted-post-unlisted", Config: basic(),
			Request: preflight(itemPath, appOrigin, "POST", hdr{hACRH, "x-token"}),
			Want:    basicPreflightAllowed},
		{Name: "method/refused", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PURGE"),
			Want:    basicPreflightListRefused},
		// Checked before the headers: a bad method with a bad header is
		// still answered as a method refusal (same headers either way).
		{Name: "method/refused-with-refused-header", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PURGE", hdr{hACRH, "x-other"}),
			Want:    basicPreflightListRefused},
		{Name: "method/case-sensitive", Config: basic(),
			Request: preflight(itemPath, appOrigin, "patch"),
			Want:    basicPreflightListRefused},
		{Name: "method/two-acrm-lines", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRM, "PUT"}),
			Want:    basicPreflightListRefused},
		{Name: "method/not-a-token", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PU T"),
			Want:    basicPreflightListRefused},
		{Name: "method/empty", Config: basic(),
			Request: preflight(itemPath, appOrigin, ""),
			Want:    basicPreflightListRefused},
		{Name: "method/star", Config: star,
			Request: preflight(itemPath, appOrigin, "PURGE"),
			Want:    starWant},
		{Name: "method/star-never-connect", Config: star,
			Request: preflight(itemPath, appOrigin, "CONNECT"),
			Want:    starRefused},
		{Name: "method/star-never-trace", Config: star,
			Request: preflight(itemPath, appOrigin, "TRACE"),
			Want:    starRefused},
		{Name: "method/star-never-track", Config: star,
			Request: preflight(itemPath, appOrigin, "TRACK"),
			Want:    starRefused},
		// On a header refusal the method list is the allowed answer, "*"
		// included, so that the browser blames the header, not the method.
		{Name: "method/star-header-refused", Config: star,
			Request: preflight(itemPath, appOrigin, "PURGE", hdr{hACRH, "x-other"}),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, "*"}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})},
		{Name: "method/star-credentials-header-refused", Config: with(star, func(c *core.Config) { c.Credentials = true }),
			Request: preflight(itemPath, appOrigin, "PURGE", hdr{hACRH, "x-other"}),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACAM, "PURGE"}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})},
		{Name: "method/star-headers-star-authorization-refused", Config: with(star, func(c *core.Config) { c.RequestHeaders = []string{"*"} }),
			Request: preflight(itemPath, appOrigin, "PURGE", hdr{hACRH, "authorization"}),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, "*"}, hdr{Vary, varyPreflight})},
		// With credentials "*" is a literal method name for the browser,
		// so the requested method is reflected.
		{Name: "method/star-credentials-reflects", Config: with(star, func(c *core.Config) { c.Credentials = true }),
			Request: preflight(itemPath, appOrigin, "PURGE"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACAM, "PURGE"}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})},
	}
}

// headerScenarios feed Access-Control-Request-Headers in every shape a
// client can send it.
func headerScenarios() []Scenario {
	pf := func(values ...string) Request {
		var lines []hdr
		for _, v := range values {
			lines = append(lines, hdr{hACRH, v})
		}
		return preflight(itemPath, appOrigin, "PUT", lines...)
	}
	repeat := func(n int, s string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	star := with(basic(), func(c *core.Config) { c.RequestHeaders = []string{"*"} })
	starAuth := with(basic(), func(c *core.Config) { c.RequestHeaders = []string{"*", "Authorization"} })
	starCred := with(star, func(c *core.Config) { c.Credentials = true })
	// starList is the answer to a preflight under a "*"-like header list;
	// acah "" expects no Allow-Headers.
	starList := func(acah string, allowed bool, cred bool) Response {
		headers := []hdr{{ACAO, appOrigin}, {ACAM, basicMethods}, {Vary, varyPreflight}}
		if acah != "" {
			headers = append(headers, hdr{ACAH, acah})
		}
		if cred {
			headers = append(headers, hdr{ACAC, "true"})
		}
		if allowed {
			headers = append(headers, hdr{ACMA, basicMaxAge})
		}
		return want(204, false, headers...)
	}
	return []Scenario{
		{Name: "header/browser-form", Config: basic(), Request: pf("content-type,x-token"), Want: basicPreflightAllowed},
		{Name: "header/any-order", Config: basic(), Request: pf("x-token,content-type"), Want: basicPreflightAllowed},
		{Name: "header/any-case", Config: basic(), Request: pf("X-TOKEN, Content-Type"), Want: basicPreflightAllowed},
		{Name: "header/whitespace", Config: basic(), Request: pf("  x-token \t,\t content-type  "), Want: basicPreflightAllowed},
		{Name: "header/split-lines", Config: basic(), Request: pf("x-token", "content-type"), Want: basicPreflightAllowed},
		{Name: "header/split-lines-with-lists", Config: basic(), Request: pf("x-token, content-type", "X-Token"), Want: basicPreflightAllowed},
		{Name: "header/duplicates", Config: basic(), Request: pf("x-token,x-token,X-TOKEN"), Want: basicPreflightAllowed},
		{Name: "header/empty-elements", Config: basic(), Request: pf(",x-token,, ,content-type,"), Want: basicPreflightAllowed},
		{Name: "header/16-empty-elements", Config: basic(), Request: pf(strings.Repeat(",", 16) + "x-token"), Want: basicPreflightAllowed},
		{Name: "header/17-empty-elements", Config: basic(), Request: pf(strings.Repeat(",", 17) + "x-token"), Want: basicPreflightListRefused},
		{Name: "header/16-lines", Config: basic(), Request: pf(repeat(16, "x-token")...), Want: basicPreflightAllowed},
		{Name: "header/17-lines", Config: basic(), Request: pf(repeat(17, "x-token")...), Want: basicPreflightListRefused},
		// At most 4096 bytes in all, counted before trimming: the padding
		// is whitespace around an element, inside the line.
		{Name: "header/4096-bytes", Config: basic(), Request: pf(padded(4096)), Want: basicPreflightAllowed},
		{Name: "header/4097-bytes", Config: basic(), Request: pf(padded(4097)), Want: basicPreflightListRefused},
		{Name: "header/4096-bytes-over-two-lines", Config: basic(), Request: pf(padded(2048), padded(2048)), Want: basicPreflightAllowed},
		{Name: "header/4097-bytes-over-two-lines", Config: basic(), Request: pf(padded(2048), padded(2049)), Want: basicPreflightListRefused},
		{Name: "header/refused", Config: basic(), Request: pf("x-other"), Want: basicPreflightListRefused},
		{Name: "header/one-refused-among-allowed", Config: basic(), Request: pf("content-type,x-other,x-token"), Want: basicPreflightListRefused},
		{Name: "header/refused-on-second-line", Config: basic(), Request: pf("x-token", "x-other"), Want: basicPreflightListRefused},
		{Name: "header/not-a-token", Config: basic(), Request: pf("x token"), Want: basicPreflightListRefused},
		{Name: "header/prefix-of-allowed", Config: basic(), Request: pf("x-tok"), Want: basicPreflightListRefused},
		{Name: "header/extension-of-allowed", Config: basic(), Request: pf("x-tokens"), Want: basicPreflightListRefused},
		// A hostile megabyte is refused, and nothing of it is reflected
		// (the exact header assertions prove the answer stays small).
		{Name: "header/one-mebibyte", Config: basic(), Request: pf(strings.Repeat("x-token,", 1<<17)), Want: basicPreflightListRefused},
		{Name: "header/one-mebibyte-star-credentials", Config: starCred, Request: pf(strings.Repeat("x-token,", 1<<17)), Want: starList("", false, true)},
		{Name: "header/star", Config: star, Request: pf("x-anything,x-other"), Want: starList("*", true, false)},
		// Refusals leave out a "*" list: Chromium lets Authorization
		// through "*" (docs/browser.md), and the list must lack what was
		// asked.
		{Name: "header/star-not-authorization", Config: star, Request: pf("authorization,x-token"), Want: starList("", false, false)},
		{Name: "header/star-and-authorization", Config: starAuth, Request: pf("authorization,x-other"), Want: starList("*, authorization", true, false)},
		{Name: "header/authorization-listed", Config: with(basic(), func(c *core.Config) { c.RequestHeaders = []string{"Authorization"} }),
			Request: pf("authorization"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, "authorization"}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})},
		// With credentials "*" is a literal name for the browser, so the
		// requested names are reflected, line by line.
		{Name: "header/star-credentials-reflects", Config: starCred, Request: pf("x-token,x-trace"), Want: starList("x-token,x-trace", true, true)},
		{Name: "header/star-credentials-reflects-lines", Config: starCred, Request: pf("x-a", "x-b"), Want: starList("x-a, x-b", true, true)},
		{Name: "header/star-credentials-not-authorization", Config: starCred, Request: pf("authorization"), Want: starList("", false, true)},
	}
}

func credentialScenarios() []Scenario {
	return []Scenario{
		{Name: "credentials/actual-allowed", Config: credentialed(),
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}, hdr{"Cookie", "session=1"}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})},
		{Name: "credentials/actual-refused", Config: credentialed(),
			Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}, hdr{"Cookie", "session=1"}),
			Want:    actualRefused},
		{Name: "credentials/preflight-allowed", Config: credentialed(),
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRH, "x-token"}),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPreflight})},
		{Name: "credentials/preflight-method-refused", Config: credentialed(),
			Request: preflight(itemPath, appOrigin, "PURGE"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAC, "true"}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})},
		{Name: "credentials/preflight-origin-refused", Config: credentialed(),
			Request: preflight(itemPath, evilOrigin, "PUT"),
			Want:    preflightOriginRefused},
	}
}

// optionScenarios cover MaxAge, PreflightStatus and PassPreflight.
func optionScenarios() []Scenario {
	maxAge := func(d time.Duration) core.Config {
		return with(basic(), func(c *core.Config) { c.MaxAge = d })
	}
	noMaxAge := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})
	status200 := with(basic(), func(c *core.Config) { c.PreflightStatus = 200 })
	pass := with(basic(), func(c *core.Config) { c.PassPreflight = true })
	passed := basicPreflightAllowed
	passed.Status, passed.AppRan = 200, true
	return []Scenario{
		{Name: "max-age/zero-omitted", Config: maxAge(0),
			Request: preflight(itemPath, appOrigin, "PUT"), Want: noMaxAge},
		{Name: "max-age/negative-zero", Config: maxAge(-time.Second),
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, "0"}, hdr{Vary, varyPreflight})},
		{Name: "max-age/ten-minutes", Config: maxAge(10 * time.Minute),
			Request: preflight(itemPath, appOrigin, "PUT"), Want: basicPreflightAllowed},
		{Name: "max-age/two-hours", Config: maxAge(2 * time.Hour),
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, "7200"}, hdr{Vary, varyPreflight})},
		{Name: "max-age/not-on-actual", Config: maxAge(10 * time.Minute),
			Request: req("PUT", itemPath, hdr{hOrigin, appOrigin}), Want: basicActualAllowed},
		{Name: "preflight-status/200-allowed", Config: status200,
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    with200(basicPreflightAllowed)},
		{Name: "preflight-status/200-method-refused", Config: status200,
			Request: preflight(itemPath, appOrigin, "PURGE"),
			Want:    with200(basicPreflightListRefused)},
		{Name: "preflight-status/200-origin-refused", Config: status200,
			Request: preflight(itemPath, evilOrigin, "PUT"),
			Want:    preflightOriginRefused},
		{Name: "pass-preflight/allowed-reaches-app", Config: pass,
			Request: preflight(PathExplicit, appOrigin, "PUT", hdr{hACRH, "x-token"}),
			Want:    passed},
		{Name: "pass-preflight/method-refused-ended", Config: pass,
			Request: preflight(PathExplicit, appOrigin, "PURGE"),
			Want:    basicPreflightListRefused},
		{Name: "pass-preflight/header-refused-ended", Config: pass,
			Request: preflight(PathExplicit, appOrigin, "PUT", hdr{hACRH, "x-other"}),
			Want:    basicPreflightListRefused},
		{Name: "pass-preflight/origin-refused-ended", Config: pass,
			Request: preflight(PathExplicit, evilOrigin, "PUT"),
			Want:    preflightOriginRefused},
		{Name: "pass-preflight/options-without-acrm", Config: pass,
			Request: req("OPTIONS", PathExplicit, hdr{hOrigin, appOrigin}),
			Want:    basicActualAllowed},
	}
}

// with200 is w with status 200, for PreflightStatus: 200.
func with200(w Response) Response {
	w.Status = 200
	return w
}

// varyScenarios run behind an outer middleware that already set Vary.
func varyScenarios() []Scenario {
	outer := func(v string) string { return outerVary + ", " + v }
	return []Scenario{
		{Name: "vary/not-cors", Config: basic(), OuterVary: true,
			Request: req("GET", PathItems),
			Want:    want(200, true, hdr{Vary, outer(varyOrigin)})},
		{Name: "vary/actual-allowed", Config: basic(), OuterVary: true,
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, appOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, outer(varyOrigin)})},
		{Name: "vary/actual-refused", Config: basic(), OuterVary: true,
			Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}),
			Want:    want(200, true, hdr{Vary, outer(varyOrigin)})},
		{Name: "vary/preflight-allowed", Config: basic(), OuterVary: true,
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, outer(varyPreflight)})},
		{Name: "vary/preflight-origin-refused", Config: basic(), OuterVary: true,
			Request: preflight(itemPath, evilOrigin, "PUT"),
			Want:    want(403, false, hdr{Vary, outer(varyPreflight)})},
		{Name: "vary/preflight-unknown-path", Config: basic(), OuterVary: true,
			Request: preflight(unknownPath, appOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, outer(varyPreflight)})},
		{Name: "vary/any-origin-not-cors", Config: anyOrigin(), OuterVary: true,
			Request: req("GET", PathItems),
			Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, outerVary})},
		{Name: "vary/any-origin-actual", Config: anyOrigin(), OuterVary: true,
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}),
			Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"}, hdr{Vary, outerVary})},
	}
}

func privateNetworkScenarios() []Scenario {
	pn := with(basic(), func(c *core.Config) { c.PrivateNetwork = true })
	allowed := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{Vary, varyPrivate})
	granted := want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{ACMA, basicMaxAge}, hdr{ACAPN, "true"}, hdr{Vary, varyPrivate})
	return []Scenario{
		{Name: "private-network/granted", Config: pn,
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRPN, "true"}),
			Want:    granted},
		{Name: "private-network/not-asked", Config: pn,
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    allowed},
		{Name: "private-network/asked-false", Config: pn,
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRPN, "false"}),
			Want:    allowed},
		{Name: "private-network/method-refused", Config: pn,
			Request: preflight(itemPath, appOrigin, "PURGE", hdr{hACRPN, "true"}),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, basicMethods}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPrivate})},
		{Name: "private-network/origin-refused", Config: pn,
			Request: preflight(itemPath, evilOrigin, "PUT", hdr{hACRPN, "true"}),
			Want:    want(403, false, hdr{Vary, varyPrivate})},
		{Name: "private-network/off", Config: basic(),
			Request: preflight(itemPath, appOrigin, "PUT", hdr{hACRPN, "true"}),
			Want:    basicPreflightAllowed},
		{Name: "private-network/not-on-actual", Config: pn,
			Request: req("GET", PathItems, hdr{hOrigin, appOrigin}, hdr{hACRPN, "true"}),
			Want:    basicActualAllowed},
	}
}

// reconfigureScenarios change the running policy between two requests on
// the same server, and expect the second answer to follow the new policy.
func reconfigureScenarios() []Scenario {
	newOrigin := "https://new.example.org"
	added := with(basic(), func(c *core.Config) { c.Origins = append(c.Origins, newOrigin) })
	noPut := with(basic(), func(c *core.Config) { c.Methods = []string{"DELETE"} })
	return []Scenario{
		{Name: "reconfigure/origin-added",
			Before: []Scenario{{Name: "before", Config: basic(),
				Request: req("GET", PathItems, hdr{hOrigin, newOrigin}),
				Want:    actualRefused}},
			Config:  added,
			Request: req("GET", PathItems, hdr{hOrigin, newOrigin}),
			Want:    want(200, true, hdr{ACAO, newOrigin}, hdr{ACEH, "X-Exposed"}, hdr{Vary, varyOrigin})},
		{Name: "reconfigure/method-removed",
			Before: []Scenario{{Name: "before", Config: basic(),
				Request: preflight(itemPath, appOrigin, "PUT"),
				Want:    basicPreflightAllowed}},
			Config:  noPut,
			Request: preflight(itemPath, appOrigin, "PUT"),
			Want:    want(204, false, hdr{ACAO, appOrigin}, hdr{ACAM, "DELETE"}, hdr{ACAH, basicHeaders}, hdr{Vary, varyPreflight})},
		{Name: "reconfigure/any-origin-to-list",
			Before: []Scenario{{Name: "before", Config: anyOrigin(),
				Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}),
				Want:    want(200, true, hdr{ACAO, "*"}, hdr{ACEH, "X-Exposed"})}},
			Config:  basic(),
			Request: req("GET", PathItems, hdr{hOrigin, evilOrigin}),
			Want:    actualRefused},
	}
}

// padded returns an Access-Control-Request-Headers line of exactly n bytes
// (n >= 21) that basic allows: "x-token", spaces, ",content-type".
func padded(n int) string {
	const head, tail = "x-token", ",content-type"
	return head + strings.Repeat(" ", n-len(head)-len(tail)) + tail
}
