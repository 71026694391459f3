package demo

import "github.com/crossgate/crossgate/core"

// From names the page origin a fetch() runs in. The page itself is Home;
// the others are iframes the page embeds.
type From string

const (
	// Home is http://127.0.0.1:A, the page a person opens. The main
	// policies trust it.
	Home From = "home"
	// Second is http://127.0.0.1:B, a second trusted origin. It is
	// same-site with Home, so both share Chromium's HTTP cache partition:
	// that is what lets a cached answer for Home be offered to Second.
	Second From = "second"
	// Localhost is http://localhost:A: the same server and port as Home
	// under another name, hence another origin, which no policy lists.
	Localhost From = "localhost"
	// Stranger is http://127.0.0.1:C, an origin no credentialed policy
	// trusts.
	Stranger From = "stranger"
	// Sandbox is an <iframe sandbox="allow-scripts"> of Home: its origin is
	// opaque and its requests say "Origin: null".
	Sandbox From = "sandbox"
)

// Cause is what a browser blames when it blocks a fetch. The browser suite
// checks that Chromium's console names it, because that message is all a
// developer gets.
type Cause string

const (
	// CauseOrigin: the answer (or the preflight's answer) has no
	// Access-Control-Allow-Origin for this origin.
	CauseOrigin Cause = "origin"
	// CauseMethod: the preflight's answer does not allow the method.
	CauseMethod Cause = "method"
	// CauseHeader: the preflight's answer does not allow a request header.
	CauseHeader Cause = "header"
	// CauseWildcard: the answer says "*" but the request carried
	// credentials, which "*" never covers.
	CauseWildcard Cause = "wildcard"
)

// Step is one fetch() a scenario makes, and what the browser must make of
// it. All steps of a scenario hit the same URL, so that they share the
// browser's preflight cache and HTTP cache entries.
type Step struct {
	From    From              `json:"from"`
	Method  string            `json:"method"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
	// Credentials sends cookies (credentials: "include").
	Credentials bool `json:"credentials,omitempty"`
	// Cache is fetch()'s cache mode; empty means "no-store", so that only
	// the scenarios about caching ever meet a cached answer. Chromium skips
	// its preflight cache too under "no-store", so the preflight-cache
	// scenarios use "default".
	Cache string `json:"cache,omitempty"`

	// Allowed is whether the script may read the answer.
	Allowed bool `json:"allowed"`
	// Readable lists response headers the script must be able to read and
	// Hidden those it must not (lower case), when Allowed.
	Readable []string `json:"readable,omitempty"`
	Hidden   []string `json:"hidden,omitempty"`
	// BodyHas is text the answer's body must contain, when Allowed.
	BodyHas string `json:"bodyHas,omitempty"`
	// Cause and Param are what the browser blames, when not Allowed: the
	// cause, and the method or header name it names (empty for origins).
	Cause Cause  `json:"cause,omitempty"`
	Param string `json:"param,omitempty"`
}

// Scenario is one lesson of the demo: a few fetches against one policy, what
// the browser decides and how many requests reach the server.
type Scenario struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Explain string     `json:"explain"`
	Policy  PolicyName `json:"policy"`
	Steps   []Step     `json:"steps"`
	// Preflights and Actuals are how many of each the server must see for
	// the whole scenario, per framework.
	Preflights int `json:"preflights"`
	Actuals    int `json:"actuals"`
	// Refusal is the check crossgate must report failing (ReasonNone when
	// crossgate allows everything and only the browser refuses).
	Refusal core.ReasonCode `json:"refusal"`
}

// Cookie is the cookie the page sets on its host before the credentialed
// scenarios. Cookies ignore ports, so every adapter on 127.0.0.1 receives
// it when a fetch includes credentials.
const Cookie = "crossgate_demo=chocolate-chip"

// Scenarios returns the lessons in the order the page shows and runs them.
func Scenarios() []Scenario {
	return []Scenario{
		{
			ID:    "simple-get",
			Title: "Simple GET",
			Explain: "A GET with no custom header is a \"simple\" request: the browser sends it " +
				"straight away with an Origin header, and lets the script read the answer only if " +
				"Access-Control-Allow-Origin names that origin. No preflight.",
			Policy:  PolicyMain,
			Steps:   []Step{{From: Home, Method: "GET", Allowed: true, Readable: []string{"content-type"}}},
			Actuals: 1,
		},
		{
			ID:    "credentialed-get",
			Title: "Credentialed GET with a cookie",
			Explain: "credentials: \"include\" sends the page's cookies (set on 127.0.0.1, and " +
				"cookies ignore ports). The answer must echo the exact origin and add " +
				"Access-Control-Allow-Credentials: true; \"*\" would not do.",
			Policy: PolicyMain,
			Steps: []Step{{From: Home, Method: "GET", Credentials: true, Allowed: true,
				BodyHas: Cookie}},
			Actuals: 1,
		},
		{
			ID:    "put-custom-header",
			Title: "PUT with a custom header",
			Explain: "PUT is not a simple method and X-Token is not a safelisted header, so the " +
				"browser first asks with an OPTIONS preflight. The policy allows both, so the PUT " +
				"follows.",
			Policy: PolicyMain,
			Steps: []Step{{From: Home, Method: "PUT", Headers: map[string]string{headerToken: "t0ken"},
				Body: "{}", Allowed: true}},
			Preflights: 1, Actuals: 1,
		},
		{
			ID:    "post-json",
			Title: "POST application/json",
			Explain: "A POST is simple only with a form or text/plain body. Content-Type: " +
				"application/json needs a preflight, which the policy passes because it lists " +
				"Content-Type.",
			Policy: PolicyMain,
			Steps: []Step{{From: Home, Method: "POST", Headers: map[string]string{"Content-Type": "application/json"},
				Body: `{"name":"demo"}`, Allowed: true}},
			Preflights: 1, Actuals: 1,
		},
		{
			ID:    "origin-refused-simple",
			Title: "Disallowed origin, simple request",
			Explain: "The page on http://127.0.0.1:C is not in the policy, and its OriginFunc (a " +
				"tenant lookup) refuses it. A simple request is " +
				"still sent and still runs on the server: the browser only hides the answer, " +
				"because it lacks Access-Control-Allow-Origin. Never rely on CORS to stop a " +
				"state-changing request.",
			Policy:  PolicyMain,
			Steps:   []Step{{From: Stranger, Method: "GET", Cause: CauseOrigin}},
			Actuals: 1, Refusal: core.ReasonOriginFuncRefused,
		},
		{
			ID:    "origin-refused-preflight",
			Title: "Disallowed origin, preflighted request",
			Explain: "The same stranger asks for a PUT. The preflight is refused (403, no " +
				"Access-Control-Allow-Origin), so the PUT itself is never sent.",
			Policy: PolicyMain,
			Steps: []Step{{From: Stranger, Method: "PUT", Headers: map[string]string{headerToken: "t0ken"},
				Body: "{}", Cause: CauseOrigin}},
			Preflights: 1, Refusal: core.ReasonOriginFuncRefused,
		},
		{
			ID:    "method-refused",
			Title: "Disallowed method",
			Explain: "PATCH is not in the policy's methods. crossgate still answers the preflight " +
				"with the origin allowed and its list of methods, so the browser's console says " +
				"exactly that PATCH is not allowed, instead of blaming the origin.",
			Policy:     PolicyMain,
			Steps:      []Step{{From: Home, Method: "PATCH", Body: "{}", Cause: CauseMethod, Param: "PATCH"}},
			Preflights: 1, Refusal: core.ReasonMethodNotAllowed,
		},
		{
			ID:    "header-refused",
			Title: "Disallowed request header",
			Explain: "X-Forbidden is not in the policy's request headers. The preflight answer " +
				"allows the origin and lists the headers that are allowed; the browser names " +
				"x-forbidden as the problem and never sends the GET.",
			Policy: PolicyMain,
			Steps: []Step{{From: Home, Method: "GET", Headers: map[string]string{headerForbidden: "1"},
				Cause: CauseHeader, Param: "x-forbidden"}},
			Preflights: 1, Refusal: core.ReasonHeaderNotAllowed,
		},
		{
			ID:    "exposed-headers",
			Title: "Exposed and unexposed response headers",
			Explain: "The application answers with X-App, X-Exposed and X-Hidden. A script reads " +
				"only the safelisted headers (Content-Type, ...) and those in " +
				"Access-Control-Expose-Headers: X-Exposed is readable, X-Hidden and X-App read " +
				"as null although they crossed the network.",
			Policy: PolicyMain,
			Steps: []Step{{From: Home, Method: "GET", Allowed: true,
				Readable: []string{"content-type", "x-exposed"},
				Hidden:   []string{"x-hidden", "x-app"}}},
			Actuals: 1,
		},
		{
			ID:    "any-origin",
			Title: "\"*\" origin without credentials",
			Explain: "A policy of Origins: [\"*\"] answers Access-Control-Allow-Origin: * and " +
				"lets any page read, even the stranger on port C, with or without a preflight, " +
				"as long as no credentials are sent.",
			Policy: PolicyAny,
			Steps: []Step{
				{From: Stranger, Method: "GET", Allowed: true, Readable: []string{"x-exposed"}, Hidden: []string{"x-hidden"}},
				{From: Stranger, Method: "PUT", Headers: map[string]string{headerToken: "t0ken"}, Body: "{}", Allowed: true},
			},
			Preflights: 1, Actuals: 2,
		},
		{
			ID:    "any-origin-credentials",
			Title: "\"*\" origin with credentials",
			Explain: "The same \"*\" policy, but the fetch includes cookies. The server answers " +
				"normally; the browser refuses, because \"*\" never covers credentialed requests. " +
				"That is why crossgate rejects Origins \"*\" with Credentials at startup.",
			Policy:  PolicyAny,
			Steps:   []Step{{From: Home, Method: "GET", Credentials: true, Cause: CauseWildcard}},
			Actuals: 1,
		},
		{
			ID:    "localhost-vs-ip",
			Title: "localhost and 127.0.0.1 are different origins",
			Explain: "The same page on the same port, once as http://127.0.0.1:A (listed) and " +
				"once as http://localhost:A (not listed). An origin is scheme, host name and " +
				"port as written: the browser never resolves names to compare them.",
			Policy: PolicyMain,
			Steps: []Step{
				{From: Home, Method: "GET", Allowed: true},
				{From: Localhost, Method: "GET", Cause: CauseOrigin},
			},
			Actuals: 2, Refusal: core.ReasonOriginFuncRefused,
		},
		{
			ID:    "preflight-cached",
			Title: "Preflight cache (MaxAge 10m)",
			Explain: "Access-Control-Max-Age: 600 lets the browser reuse the preflight answer for " +
				"the same origin, URL and request: the second PUT goes out without a preflight.",
			Policy: PolicyMain,
			Steps: []Step{
				{From: Home, Method: "PUT", Headers: map[string]string{headerToken: "1"}, Body: "{}", Cache: "default", Allowed: true},
				{From: Home, Method: "PUT", Headers: map[string]string{headerToken: "2"}, Body: "{}", Cache: "default", Allowed: true},
			},
			Preflights: 1, Actuals: 2,
		},
		{
			ID:    "preflight-not-cached",
			Title: "No preflight cache (negative MaxAge)",
			Explain: "A negative MaxAge makes crossgate answer Access-Control-Max-Age: 0 (Chromium " +
				"does not cache -1 either, but the standard would read it as the 5 s default). " +
				"Every PUT is preflighted again.",
			Policy: PolicyNoCache,
			Steps: []Step{
				{From: Home, Method: "PUT", Headers: map[string]string{headerToken: "1"}, Body: "{}", Cache: "default", Allowed: true},
				{From: Home, Method: "PUT", Headers: map[string]string{headerToken: "2"}, Body: "{}", Cache: "default", Allowed: true},
			},
			Preflights: 2, Actuals: 2,
		},
		{
			ID:    "vary-origin",
			Title: "Vary: Origin keeps a cached answer to its origin",
			Explain: "Home fetches with cache: \"force-cache\" twice: the second answer comes from " +
				"the HTTP cache (the server counts one request). Then the second trusted origin " +
				"(127.0.0.1:B, same site, same cache) asks for the same URL. Because crossgate " +
				"sent Vary: Origin, the cached answer, made out to Home, is not replayed: the " +
				"browser asks the server, gets an answer for B, and B can read it.",
			Policy: PolicyMain,
			Steps: []Step{
				{From: Home, Method: "GET", Cache: "force-cache", Allowed: true},
				{From: Home, Method: "GET", Cache: "force-cache", Allowed: true},
				{From: Second, Method: "GET", Cache: "force-cache", Allowed: true},
			},
			Actuals: 2,
		},
		{
			ID:    "sandboxed-null",
			Title: "Sandboxed iframe (origin \"null\")",
			Explain: "A sandboxed iframe has an opaque origin and sends Origin: null, as do data: " +
				"URLs and some redirects. Any page can produce it, so crossgate never allows it " +
				"(except under \"*\").",
			Policy:  PolicyMain,
			Steps:   []Step{{From: Sandbox, Method: "GET", Cause: CauseOrigin}},
			Actuals: 1, Refusal: core.ReasonOriginNull,
		},
	}
}
