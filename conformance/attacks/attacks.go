// Package attacks is crossgate's catalogue of known CORS misconfigurations
// and bypasses, written as behaviour: a policy, a request an attacker
// controls, and what must not happen. It is data only, so that the same rows
// run against core (core/attacks_test.go) and over real HTTP through every
// adapter (internal/conformance/attacks_test.go): a bypass that one adapter
// lets through while core refuses it is as much a hole as one in core.
//
// The classes start from public advisories against other CORS libraries
// (CVE-2018-20744, CVE-2019-25211, CVE-2024-25124, CVE-2025-47908 /
// GHSA-mh55-gqvf-xfwm, GHSA-vhxv-fg4m-p2w8) and add the lookalikes any
// origin matcher written with string functions invites.
package attacks

import (
	"net/textproto"
	"strings"
	"time"

	"github.com/crossgate/crossgate/conformance/rawhttp"
	"github.com/crossgate/crossgate/core"
)

// Refuse says what a row must never see.
type Refuse uint8

const (
	// Origin: the origin must get no Access-Control-Allow-Origin and no
	// Access-Control-Allow-Credentials; a preflight must not reach the
	// application nor be answered with a 2xx.
	Origin Refuse = iota + 1
	// Preflight: the origin is allowed but what the preflight asks for is
	// not. It must not reach the application, must carry no Max-Age, and no
	// allow list may contain Asked (or "*" for it).
	Preflight
	// Config: New must refuse the policy, so it can never be deployed.
	Config
)

// Attack is one row of the catalogue.
type Attack struct {
	// Class is the kind of attack, and the row's test name.
	Class string
	// Advisory names the public advisory the row reproduces, if any.
	Advisory string
	Config   core.Config
	Method   string // "GET" when empty
	Header   []rawhttp.Line
	Refuse   Refuse
	// Asked is, for Preflight rows, the method or header name that must not
	// appear in Access-Control-Allow-Methods or -Headers; empty when the
	// row is about the request's shape rather than one name.
	Asked string
	// Target is the request target as sent, percent-encoded; Path when
	// empty. Core gets its path as sent too (core.Request.Path), and
	// cleans it only to pick a scope.
	Target string
	// HookPanics makes the policy's refusal hook panic on every refusal:
	// the server must keep answering, and answer exactly as without a hook.
	// Every other row runs with a hook that records what it is given, and
	// no text the library writes about the refusal may carry a control
	// byte or grow with the request (LogLineProblem).
	HookPanics bool
	// Scope, when set, is a stricter policy for the paths under Prefix
	// (which holds Path), registered with core.Policy.Scope on the row's
	// Config: the row checks that the scope decides.
	Scope *Scope
}

// Scope is a policy for a path prefix inside a row's policy.
type Scope struct {
	Prefix string
	Config core.Config
}

// Path is the path a row's request is sent to when it has no Target.
const Path = "/api/items/42"

// Policy builds the row's policy as a server would: Config, and Scope
// registered on it. It fails as New does.
func (a Attack) Policy() (*core.Policy, error) {
	p, err := core.New(a.Config)
	if err != nil || a.Scope == nil {
		return p, err
	}
	return p, a.AddScope(p)
}

// AddScope registers the row's scope, if any, on p.
func (a Attack) AddScope(p *core.Policy) error {
	if a.Scope == nil {
		return nil
	}
	inner, err := core.New(a.Scope.Config)
	if err != nil {
		return err
	}
	return p.Scope(a.Scope.Prefix, inner)
}

// App is the origin the catalogue's policies allow.
const App = "https://app.example.com"

// Request header names.
const (
	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
)

// maxAge is set on the catalogue's policies so that a refused preflight
// that carried it would show.
const maxAge = 10 * time.Minute

func exact() core.Config {
	return core.Config{Origins: []string{App}, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"},
		Credentials: true, MaxAge: maxAge}
}

// siteWide is the permissive policy around a stricter scope: every
// subdomain, any method, credentials.
func siteWide() core.Config {
	return core.Config{Origins: []string{"https://*.example.com"}, Methods: []string{"*"}, Credentials: true, MaxAge: maxAge}
}

// apiScope makes exact() the policy of /api inside a row's policy.
func apiScope() *Scope { return &Scope{Prefix: "/api", Config: exact()} }

// publicScope makes siteWide() the policy of /public inside a row's
// stricter policy.
func publicScope() *Scope { return &Scope{Prefix: "/public", Config: siteWide()} }

func subdomains() core.Config {
	return core.Config{Origins: []string{"https://*.example.com"}, Methods: []string{"PUT"}, Credentials: true, MaxAge: maxAge}
}

func localPorts() core.Config {
	return core.Config{Origins: []string{"http://localhost:*"}, Credentials: true}
}

func anyOrigin() core.Config {
	return core.Config{Origins: []string{"*"}, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"}, MaxAge: maxAge}
}

func starHeadersCredentials() core.Config {
	return core.Config{Origins: []string{App}, Methods: []string{"PUT"}, RequestHeaders: []string{"*"}, Credentials: true, MaxAge: maxAge}
}

func get(origin string) []rawhttp.Line { return []rawhttp.Line{{Name: hOrigin, Value: origin}} }

func preflight(origin, method string, more ...rawhttp.Line) []rawhttp.Line {
	return append([]rawhttp.Line{{Name: hOrigin, Value: origin}, {Name: hACRM, Value: method}}, more...)
}

// belowSuffixes allows the subdomains of two providers' domains, under
// which the public-suffix list has suffixes anyone can register below.
func belowSuffixes() core.Config {
	return core.Config{Origins: []string{"https://*.amazonaws.com", "https://*.windows.net"}, Methods: []string{"PUT"},
		Credentials: true, MaxAge: maxAge}
}

func origins(o ...string) core.Config { return core.Config{Origins: o} }

// All returns the catalogue.
func All() []Attack {
	mib := 1 << 20
	var many []string
	for i := range 10000 {
		many = append(many, "x-h"+strings.Repeat("a", i%7)+string(rune('a'+i%26)))
	}
	return []Attack{
		// Layered policies: a site-wide policy with a stricter one for a
		// path prefix. The stricter one decides its paths, preflights
		// included, never the outer one.
		{Class: "layered: origin only the outer policy allows, preflight", Config: siteWide(), Scope: apiScope(),
			Method: "OPTIONS", Header: preflight("https://evil.example.com", "DELETE"), Refuse: Origin},
		{Class: "layered: origin only the outer policy allows, actual request", Config: siteWide(), Scope: apiScope(),
			Method: "DELETE", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: method only the outer policy allows", Config: siteWide(), Scope: apiScope(),
			Method: "OPTIONS", Header: preflight(App, "DELETE"), Refuse: Preflight, Asked: "DELETE"},
		// The same, through a path that a path-cleaning router or a file
		// server serves from the scope while its bytes do not start with
		// the prefix. A browser sends "//", "%61" and "%2F" as written.
		{Class: "layered: empty segment before the scope, preflight", Config: siteWide(), Scope: apiScope(),
			Target: "//api/items/42", Method: "OPTIONS", Header: preflight("https://evil.example.com", "DELETE"), Refuse: Origin},
		{Class: "layered: percent-encoded letter in the prefix, preflight", Config: siteWide(), Scope: apiScope(),
			Target: "/%61pi/items/42", Method: "OPTIONS", Header: preflight("https://evil.example.com", "DELETE"), Refuse: Origin},
		{Class: "layered: percent-encoded letter in the prefix, actual request", Config: siteWide(), Scope: apiScope(),
			Target: "/%61pi/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: dot segments into the scope", Config: siteWide(), Scope: apiScope(),
			Target: "/home/../api/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: encoded dot segments into the scope", Config: siteWide(), Scope: apiScope(),
			Target: "/home/%2E%2E/api/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: encoded slash into the scope", Config: siteWide(), Scope: apiScope(),
			Target: "/home/..%2Fapi/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		// The reverse layout: a strict site-wide policy and a permissive
		// scope, left through ".." or an encoded slash. Deciding by the
		// most specific scope any reading falls under would grant these.
		{Class: "layered: dot segments out of a permissive scope", Config: exact(), Scope: publicScope(),
			Target: "/public/../api/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: encoded slash out of a permissive scope", Config: exact(), Scope: publicScope(),
			Target: "/public/..%2Fapi/items/42", Header: get("https://evil.example.com"), Refuse: Origin},
		{Class: "layered: encoded slash out of a permissive scope, preflight", Config: exact(), Scope: publicScope(),
			Target: "/public/..%2fapi/items/42", Method: "OPTIONS", Header: preflight("https://evil.example.com", "GET"), Refuse: Origin},
		// Prefix and suffix lookalikes: matching origins with HasSuffix,
		// HasPrefix or an unanchored regex.
		{Class: "suffix lookalike without dot", Advisory: "CVE-2024-25124 (fiber 2.52.1-2 fix)",
			Config: subdomains(), Header: get("https://evilexample.com"), Refuse: Origin},
		{Class: "suffix lookalike preflight", Advisory: "CVE-2024-25124 (fiber 2.52.1-2 fix)",
			Config: subdomains(), Method: "OPTIONS", Header: preflight("https://evilexample.com", "PUT"), Refuse: Origin},
		{Class: "allowed origin as prefix of attacker domain",
			Config: exact(), Header: get("https://app.example.com.evil.test"), Refuse: Origin},
		{Class: "dropped character prefix", Advisory: "CVE-2019-25211 (gin-contrib/cors)",
			Config: origins("https://example.com"), Header: get("https://example.community"), Refuse: Origin},
		{Class: "concatenated allowed origins", Advisory: "GHSA-vhxv-fg4m-p2w8 (jub0bs/cors 0.1.x)",
			Config: origins("https://foo.com", "https://bar.com"), Header: get("https://barfoo.com"), Refuse: Origin},
		{Class: "subdomain pattern does not allow the apex",
			Config: subdomains(), Header: get("https://example.com"), Refuse: Origin},
		{Class: "subdomain pattern other scheme",
			Config: subdomains(), Header: get("http://a.example.com"), Refuse: Origin},
		{Class: "subdomain pattern other port",
			Config: subdomains(), Header: get("https://a.example.com:8443"), Refuse: Origin},

		// Userinfo and path tricks: the allowed name appears in the value,
		// but not as its host.
		{Class: "userinfo before attacker host",
			Config: exact(), Header: get("https://app.example.com@evil.test"), Refuse: Origin},
		{Class: "allowed host as path", Advisory: "echo/fiber wildcard matching",
			Config: subdomains(), Header: get("https://evil.test/x.example.com"), Refuse: Origin},
		{Class: "allowed origin with path",
			Config: exact(), Header: get("https://app.example.com/evil"), Refuse: Origin},
		{Class: "allowed origin with trailing slash",
			Config: exact(), Header: get("https://app.example.com/"), Refuse: Origin},
		{Class: "allowed host as query",
			Config: subdomains(), Header: get("https://evil.test?x.example.com"), Refuse: Origin},

		// Empty labels.
		{Class: "empty leading label", Advisory: "echo/fiber wildcard matching",
			Config: subdomains(), Header: get("https://.example.com"), Refuse: Origin},
		{Class: "empty inner label", Advisory: "echo/fiber wildcard matching",
			Config: subdomains(), Header: get("https://a..example.com"), Refuse: Origin},
		{Class: "empty leading label preflight",
			Config: subdomains(), Method: "OPTIONS", Header: preflight("https://.example.com", "PUT"), Refuse: Origin},

		// Scheme and port confusion.
		{Class: "http for an https origin",
			Config: exact(), Header: get("http://app.example.com"), Refuse: Origin},
		{Class: "explicit default port",
			Config: exact(), Header: get("https://app.example.com:443"), Refuse: Origin},
		{Class: "other port",
			Config: exact(), Header: get("https://app.example.com:8443"), Refuse: Origin},
		{Class: "websocket scheme",
			Config: exact(), Header: get("wss://app.example.com"), Refuse: Origin},
		{Class: "any-port pattern with a host as port", Advisory: "echo http://localhost:*",
			Config: localPorts(), Header: get("http://localhost:evil.test"), Refuse: Origin},
		{Class: "any-port pattern with userinfo",
			Config: localPorts(), Header: get("http://localhost:3000@evil.test"), Refuse: Origin},
		{Class: "any-port pattern with an out-of-range port",
			Config: localPorts(), Header: get("http://localhost:65536"), Refuse: Origin},
		{Class: "any-port pattern with a leading zero",
			Config: localPorts(), Header: get("http://localhost:03000"), Refuse: Origin},
		{Class: "localhost is not 127.0.0.1",
			Config: localPorts(), Header: get("http://127.0.0.1:3000"), Refuse: Origin},

		// The opaque origin.
		{Class: "null from a sandboxed document",
			Config: exact(), Header: get("null"), Refuse: Origin},
		{Class: "null preflight",
			Config: exact(), Method: "OPTIONS", Header: preflight("null", "PUT"), Refuse: Origin},
		{Class: "null listed", Config: origins("null"), Refuse: Config},

		// Case and trailing dots: distinct origins, never folded.
		{Class: "uppercase host",
			Config: exact(), Header: get("https://APP.example.com"), Refuse: Origin},
		{Class: "uppercase scheme",
			Config: exact(), Header: get("HTTPS://app.example.com"), Refuse: Origin},
		{Class: "trailing dot host",
			Config: exact(), Header: get("https://app.example.com."), Refuse: Origin},
		{Class: "trailing dot subdomain",
			Config: subdomains(), Header: get("https://a.example.com."), Refuse: Origin},

		// Public suffixes below a credentialed pattern: anyone can register
		// a bucket or a blob account under the owner's domain.
		{Class: "public suffix below the pattern (S3 bucket)",
			Config: belowSuffixes(), Header: get("https://attacker-bucket.s3.amazonaws.com"), Refuse: Origin},
		{Class: "public suffix below the pattern (S3 bucket) preflight",
			Config: belowSuffixes(), Method: "OPTIONS", Header: preflight("https://attacker-bucket.s3.amazonaws.com", "PUT"), Refuse: Origin},
		{Class: "public suffix below the pattern (wildcard rule)",
			Config: belowSuffixes(), Header: get("https://ec2-1-2-3-4.compute.amazonaws.com"), Refuse: Origin},
		{Class: "public suffix below the pattern (Azure blob)",
			Config: belowSuffixes(), Header: get("https://attacker.blob.core.windows.net"), Refuse: Origin},

		// Unicode and punycode.
		{Class: "raw Unicode for a punycode entry",
			Config: origins("https://xn--bcher-kva.example"), Header: get("https://bücher.example"), Refuse: Origin},
		{Class: "homograph of the allowed host (Cyrillic a)",
			Config: exact(), Header: get("https://\u0430pp.example.com"), Refuse: Origin},
		{Class: "homograph punycode of the allowed host",
			Config: exact(), Header: get("https://xn--pp-8kc.example.com"), Refuse: Origin},
		{Class: "raw Unicode label under a subdomain pattern",
			Config: subdomains(), Header: get("https://\u0430.example.com"), Refuse: Origin},
		{Class: "Unicode entry", Config: origins("https://bücher.example"), Refuse: Config},

		// Several lines where a browser sends one.
		{Class: "two Origin lines, allowed first",
			Config: exact(), Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: hOrigin, Value: "https://evil.test"}}, Refuse: Origin},
		{Class: "two Origin lines, allowed last",
			Config: exact(), Header: []rawhttp.Line{{Name: hOrigin, Value: "https://evil.test"}, {Name: hOrigin, Value: App}}, Refuse: Origin},
		{Class: "two Origin lines, both allowed",
			Config: exact(), Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: hOrigin, Value: App}}, Refuse: Origin},
		{Class: "Origin as a list",
			Config: exact(), Header: get(App + ", https://evil.test"), Refuse: Origin},
		{Class: "two Origin lines on a preflight",
			Config: exact(), Method: "OPTIONS",
			Header: []rawhttp.Line{{Name: hOrigin, Value: "https://evil.test"}, {Name: hOrigin, Value: App}, {Name: hACRM, Value: "PUT"}}, Refuse: Origin},
		{Class: "two request-method lines",
			Config: exact(), Method: "OPTIONS",
			Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: hACRM, Value: "PUT"}, {Name: hACRM, Value: "PURGE"}}, Refuse: Preflight, Asked: "PURGE"},
		{Class: "request-method as a list",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT, PURGE"), Refuse: Preflight, Asked: "PURGE"},

		// The same lines with names in another case: one header for HTTP,
		// which a server that keeps names as received (fiber with
		// DisableHeaderNormalizing) must still read as one.
		{Class: "second Origin line in lower case",
			Config: exact(), Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: "origin", Value: "https://evil.test"}}, Refuse: Origin},
		{Class: "second Origin line in lower case, allowed last",
			Config: exact(), Header: []rawhttp.Line{{Name: "origin", Value: "https://evil.test"}, {Name: hOrigin, Value: App}}, Refuse: Origin},
		{Class: "lower-case refused origin preflight",
			Config: exact(), Method: "OPTIONS",
			Header: []rawhttp.Line{{Name: "origin", Value: "https://evil.test"}, {Name: "access-control-request-method", Value: "PUT"}}, Refuse: Origin},
		{Class: "upper-case refused origin preflight",
			Config: exact(), Method: "OPTIONS",
			Header: []rawhttp.Line{{Name: "ORIGIN", Value: "https://evil.test"}, {Name: "ACCESS-CONTROL-REQUEST-METHOD", Value: "PUT"}}, Refuse: Origin},
		{Class: "second request-method line in lower case",
			Config: exact(), Method: "OPTIONS",
			Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: hACRM, Value: "PUT"}, {Name: "access-control-request-method", Value: "PURGE"}},
			Refuse: Preflight, Asked: "PURGE"},
		{Class: "refused request header on a lower-case line",
			Config: exact(), Method: "OPTIONS",
			Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "x-token"}, rawhttp.Line{Name: "access-control-request-headers", Value: "x-evil"}),
			Refuse: Preflight, Asked: "x-evil"},

		// Tabs: optional whitespace around a value is not part of it (RFC
		// 9110, section 5.5), whitespace inside it is.
		{Class: "tab-padded second Origin line",
			Config: exact(), Header: []rawhttp.Line{{Name: hOrigin, Value: App}, {Name: hOrigin, Value: "\thttps://evil.test\t"}}, Refuse: Origin},
		{Class: "tab inside the origin",
			Config: exact(), Header: get("https://app.example.com\t.evil.test"), Refuse: Origin},
		{Class: "tab-padded refused request method",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "\tPURGE\t"), Refuse: Preflight, Asked: "PURGE"},
		{Class: "tab-separated refused request header",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "\tx-token,\tx-evil\t"}),
			Refuse: Preflight, Asked: "x-evil"},

		// Header names no browser sends.
		{Class: "request header name with a space",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "x-token, x token"}),
			Refuse: Preflight, Asked: "x token"},
		{Class: "request header name with a non-ASCII byte",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "x-tökén"}),
			Refuse: Preflight, Asked: "x-tökén"},
		{Class: "request header name with a separator",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "x-token;x-evil"}),
			Refuse: Preflight, Asked: "x-evil"},
		{Class: "request header name with DEL",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "x-\x7ftoken"}),
			Refuse: Preflight, Asked: "x-\x7ftoken"},
		{Class: "authorization not covered by *",
			Config: with(anyOrigin(), func(c *core.Config) { c.RequestHeaders = []string{"*"} }), Method: "OPTIONS",
			Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: "authorization"}), Refuse: Preflight, Asked: "authorization"},

		// Methods no browser sends.
		{Class: "lower-case method for an upper-case entry",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "put"), Refuse: Preflight, Asked: "put"},
		{Class: "forbidden method under *",
			Config: with(exact(), func(c *core.Config) { c.Methods = []string{"*"} }), Method: "OPTIONS",
			Header: preflight(App, "CONNECT"), Refuse: Preflight, Asked: "CONNECT"},
		{Class: "method with a space",
			Config: with(exact(), func(c *core.Config) { c.Methods = []string{"*"} }), Method: "OPTIONS",
			Header: preflight(App, "PUT X"), Refuse: Preflight, Asked: "PUT X"},
		{Class: "overlong reflected method",
			Config: with(exact(), func(c *core.Config) { c.Methods = []string{"*"} }), Method: "OPTIONS",
			Header: preflight(App, strings.Repeat("M", 65)), Refuse: Preflight, Asked: strings.Repeat("M", 65)},

		// Hostile sizes (the cost class of CVE-2025-47908).
		{Class: "1 MiB of commas in request headers", Advisory: "CVE-2025-47908 / GHSA-mh55-gqvf-xfwm (rs/cors)",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: strings.Repeat(",", mib)}),
			Refuse: Preflight},
		{Class: "17 request-header lines",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT", repeatLine(hACRH, "x-token", 17)...),
			Refuse: Preflight},
		{Class: "unbounded reflection of request headers", Advisory: "GHSA-vhxv-fg4m-p2w8 (jub0bs/cors)",
			Config: starHeadersCredentials(), Method: "OPTIONS",
			Header: preflight(App, "PUT", rawhttp.Line{Name: hACRH, Value: strings.Join(many, ",")}), Refuse: Preflight, Asked: many[0]},
		{Class: "64 KiB origin",
			Config: exact(), Header: get("https://" + strings.Repeat("a", 64<<10) + ".example.com"), Refuse: Origin},

		// What a refusal hook receives: a request's size must not decide
		// what reporting it costs, and its bytes must not forge log lines
		// (CWE-117) or drive the terminal that shows them.
		{Class: "1 MiB origin to the refusal hook",
			Config: exact(), Header: get("https://" + strings.Repeat("a", mib) + ".example.com"), Refuse: Origin},
		{Class: "1 MiB requested method to the refusal hook",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, strings.Repeat("M", mib)),
			Refuse: Preflight, Asked: strings.Repeat("M", mib)},
		{Class: "1 MiB path to the refusal hook",
			Config: exact(), Target: "/api/items/" + strings.Repeat("a", mib), Header: get("https://evil.test"), Refuse: Origin},
		{Class: "CR LF and ESC in the path (log injection)",
			Config: exact(), Target: "/api/items%0D%0A2026/01/01%20ADMIN%20login%20ok%1b[2J", Header: get("https://evil.test"),
			Refuse: Origin},
		{Class: "raw ESC in the path (log injection)",
			Config: exact(), Target: "/api/items/\x1b[2J", Header: get("https://evil.test"), Refuse: Origin},
		{Class: "ESC in the requested method (log injection)",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PUT\x1b[2J"), Refuse: Preflight, Asked: "PUT\x1b[2J"},
		{Class: "ESC in the method (log injection)",
			Config: exact(), Method: "GET\x1b[2J", Header: get("https://evil.test"), Refuse: Origin},
		{Class: "panicking refusal hook, refused origin",
			Config: exact(), Header: get("https://evil.test"), Refuse: Origin, HookPanics: true},
		{Class: "panicking refusal hook, refused preflight origin",
			Config: exact(), Method: "OPTIONS", Header: preflight("https://evil.test", "PUT"), Refuse: Origin, HookPanics: true},
		{Class: "panicking refusal hook, refused method",
			Config: exact(), Method: "OPTIONS", Header: preflight(App, "PATCH"), Refuse: Preflight, Asked: "PATCH", HookPanics: true},

		// Policies that must never be deployed.
		{Class: "* with credentials", Advisory: "CVE-2018-20744 (rs/cors), CVE-2024-25124 (fiber)",
			Config: core.Config{Origins: []string{"*"}, Credentials: true}, Refuse: Config},
		{Class: "partial-label wildcard", Advisory: "rs/cors h* pattern issue",
			Config: origins("h*"), Refuse: Config},
		{Class: "wildcard path", Advisory: "CVE-2019-25211 (gin-contrib/cors)",
			Config: origins("https://example.com/*"), Refuse: Config},
		{Class: "wildcard without a dot",
			Config: origins("https://*example.com"), Refuse: Config},
		{Class: "regex as origin",
			Config: origins(`https://.*\.example\.com`), Refuse: Config},
		{Class: "space before a wildcard entry", Advisory: "fiber 2.52.15 comma-separated origins",
			Config: origins(" https://*.example.com"), Refuse: Config},
		{Class: "public-suffix wildcard with credentials",
			Config: core.Config{Origins: []string{"https://*.github.io"}, Credentials: true}, Refuse: Config},
		{Class: "public-suffix wildcard rule with credentials (sch.uk)",
			Config: core.Config{Origins: []string{"https://*.sch.uk"}, Credentials: true}, Refuse: Config},
		{Class: "public-suffix wildcard rule with credentials (kawasaki.jp)",
			Config: core.Config{Origins: []string{"https://*.kawasaki.jp"}, Credentials: true}, Refuse: Config},
		{Class: "public-suffix wildcard rule with credentials (compute.amazonaws.com)",
			Config: core.Config{Origins: []string{"https://*.compute.amazonaws.com"}, Credentials: true}, Refuse: Config},
		{Class: "plain http with credentials",
			Config: core.Config{Origins: []string{"http://app.example.com"}, Credentials: true}, Refuse: Config},
		{Class: "exposing * with credentials",
			Config: with(exact(), func(c *core.Config) { c.ExposedHeaders = []string{"*"} }), Refuse: Config},
		{Class: "file origin", Config: origins("file://"), Refuse: Config},
	}
}

func with(c core.Config, f func(*core.Config)) core.Config {
	f(&c)
	return c
}

func repeatLine(name, value string, n int) []rawhttp.Line {
	out := make([]rawhttp.Line, n)
	for i := range out {
		out[i] = rawhttp.Line{Name: name, Value: value}
	}
	return out
}

// RequestTarget is the request target the row sends.
func (a Attack) RequestTarget() string {
	if a.Target == "" {
		return Path
	}
	return a.Target
}

// Request turns a row into the core.Request an adapter would build: names
// matched in any case, and each value without the spaces and tabs around it,
// as HTTP servers deliver them (RFC 9110, sections 5.1 and 5.5).
func (a Attack) Request() core.Request {
	path, _, _ := strings.Cut(a.RequestTarget(), "?")
	r := core.Request{Method: a.Method, Path: path}
	if r.Method == "" {
		r.Method = "GET"
	}
	for _, l := range a.Header {
		v := strings.Trim(l.Value, " \t")
		switch textproto.CanonicalMIMEHeaderKey(l.Name) {
		case hOrigin:
			r.Origin = append(r.Origin, v)
		case hACRM:
			r.RequestMethod = append(r.RequestMethod, v)
		case hACRH:
			r.RequestHeaders = append(r.RequestHeaders, v)
		}
	}
	return r
}

// Lists reports whether the allow-list header name's value names asked (or
// "*"): a Preflight row fails when it does. Methods compare
// case-sensitively and header names case-insensitively, as browsers do.
func Lists(name, value, asked string) bool {
	same := func(a, b string) bool { return a == b }
	if name == "Access-Control-Allow-Headers" {
		same = strings.EqualFold
	}
	for _, e := range strings.Split(value, ",") {
		e = strings.TrimSpace(e)
		if e == "*" || e != "" && same(e, strings.TrimSpace(asked)) {
			return true
		}
	}
	return false
}
