package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crossgate/crossgate/core"
)

// policy is one CORS policy written neutrally; each library's builder
// translates it into that library's configuration, so that every library
// enforces the same thing.
type policy struct {
	origins        []string
	methods        []string
	requestHeaders []string
	exposed        []string
	credentials    bool
	maxAge         int // seconds
	wildcard       bool
}

const (
	allowedOrigin  = "https://app.example.com"
	subdomainOrig  = "https://api.example.com"
	refusedOrigin  = "https://evil.example.org"
	maxAgeSeconds  = 600
	allowedHeaders = "content-type,x-requested-with"
)

var (
	methods        = []string{"GET", "POST", "PUT", "DELETE"}
	requestHeaders = []string{"Content-Type", "X-Requested-With"}
	exposedHeaders = []string{"X-Request-Id", "X-Total-Count"}
)

// hundredOrigins puts the allowed origin last among 100 exact entries: the
// scenario measures how a library scales with the list, and last is where a
// linear scan pays the most. Documented in BENCHMARKS.md.
func hundredOrigins() []string {
	o := make([]string, 0, 100)
	for i := range 99 {
		o = append(o, fmt.Sprintf("https://tenant%02d.example.net", i))
	}
	return append(o, allowedOrigin)
}

var policies = map[string]policy{
	"one": {
		origins: []string{allowedOrigin}, methods: methods,
		requestHeaders: requestHeaders, maxAge: maxAgeSeconds,
	},
	"hundred": {
		origins: hundredOrigins(), methods: methods,
		requestHeaders: requestHeaders, maxAge: maxAgeSeconds,
	},
	"wildcard": {
		origins: []string{"https://*.example.com"}, methods: methods,
		requestHeaders: requestHeaders, maxAge: maxAgeSeconds, wildcard: true,
	},
	"cred": {
		origins: []string{allowedOrigin}, methods: methods,
		requestHeaders: requestHeaders, exposed: exposedHeaders,
		credentials: true, maxAge: maxAgeSeconds,
	},
}

// crossgateConfig is p as a core.Config.
func (p policy) crossgateConfig() core.Config {
	return core.Config{
		Origins:        p.origins,
		Methods:        p.methods,
		RequestHeaders: p.requestHeaders,
		ExposedHeaders: p.exposed,
		Credentials:    p.credentials,
		MaxAge:         time.Duration(p.maxAge) * time.Second,
	}
}

// verdict is what a scenario expects a browser to conclude from the answer.
type verdict uint8

const (
	// passThrough: not CORS; the application answers and no CORS header
	// grants anything.
	passThrough verdict = iota
	// granted: the browser lets the script read the response (actual) or
	// sends the actual request (preflight).
	granted
	// refused: the browser blocks it.
	refused
	// hostile: an input no browser sends; the middleware must end the
	// preflight itself and reflect nothing unbounded. Whether a rival then
	// "grants" an empty header list is its own business.
	hostile
)

// field is one response header the floor writes.
type field struct{ name, value string }

// scenario is one request and what every library must make of it.
type scenario struct {
	name    string
	policy  string
	method  string
	origin  string
	acrm    string
	acrh    string
	verdict verdict
	// preflight is true when the middleware must end the request itself.
	preflight bool
	// want is what crossgate answers per docs/SEMANTICS.md: the floor
	// replays exactly these headers and this status unconditionally, and
	// the test holds crossgate to them so that the floor is the same work.
	want   []field
	status int // ended preflights only
}

const (
	varyPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	acam          = "GET, POST, PUT, DELETE"
	acah          = "content-type, x-requested-with"
)

func preflightAnswer(origin string, maxAge bool) []field {
	f := []field{
		{"Access-Control-Allow-Origin", origin},
		{"Access-Control-Allow-Methods", acam},
		{"Access-Control-Allow-Headers", acah},
	}
	if maxAge {
		f = append(f, field{"Access-Control-Max-Age", fmt.Sprint(maxAgeSeconds)})
	}
	return append(f, field{"Vary", varyPreflight})
}

// The 1 KiB and 1 MiB ACRH values are commas: the input class of
// CVE-2025-47908 (rs/cors, allocations per comma) and of go-chi/cors'
// unbounded parse.
var (
	acrh1K = strings.Repeat(",", 1<<10)
	acrh1M = strings.Repeat(",", 1<<20)
)

var scenarios = []scenario{
	{name: "nocors", policy: "one", method: "GET", verdict: passThrough,
		want: []field{{"Vary", "Origin"}}},
	{name: "actual-one", policy: "one", method: "GET", origin: allowedOrigin, verdict: granted,
		want: []field{{"Access-Control-Allow-Origin", allowedOrigin}, {"Vary", "Origin"}}},
	{name: "actual-100", policy: "hundred", method: "GET", origin: allowedOrigin, verdict: granted,
		want: []field{{"Access-Control-Allow-Origin", allowedOrigin}, {"Vary", "Origin"}}},
	{name: "actual-wildcard", policy: "wildcard", method: "GET", origin: subdomainOrig, verdict: granted,
		want: []field{{"Access-Control-Allow-Origin", subdomainOrig}, {"Vary", "Origin"}}},
	{name: "actual-refused", policy: "one", method: "GET", origin: refusedOrigin, verdict: refused,
		want: []field{{"Vary", "Origin"}}},
	{name: "actual-cred", policy: "cred", method: "GET", origin: allowedOrigin, verdict: granted,
		want: []field{
			{"Access-Control-Allow-Origin", allowedOrigin},
			{"Access-Control-Allow-Credentials", "true"},
			{"Access-Control-Expose-Headers", "X-Request-Id, X-Total-Count"},
			{"Vary", "Origin"},
		}},
	{name: "preflight-ok", policy: "one", method: "OPTIONS", origin: allowedOrigin,
		acrm: "PUT", acrh: allowedHeaders, verdict: granted, preflight: true,
		want: preflightAnswer(allowedOrigin, true), status: 204},
	{name: "preflight-bad-origin", policy: "one", method: "OPTIONS", origin: refusedOrigin,
		acrm: "PUT", acrh: allowedHeaders, verdict: refused, preflight: true,
		want: []field{{"Vary", varyPreflight}}, status: 403},
	{name: "preflight-bad-method", policy: "one", method: "OPTIONS", origin: allowedOrigin,
		acrm: "PATCH", acrh: allowedHeaders, verdict: refused, preflight: true,
		want: preflightAnswer(allowedOrigin, false), status: 204},
	{name: "preflight-bad-header", policy: "one", method: "OPTIONS", origin: allowedOrigin,
		acrm: "PUT", acrh: "content-type,x-secret", verdict: refused, preflight: true,
		want: preflightAnswer(allowedOrigin, false), status: 204},
	{name: "preflight-acrh-1k", policy: "one", method: "OPTIONS", origin: allowedOrigin,
		acrm: "PUT", acrh: acrh1K, verdict: hostile, preflight: true,
		want: preflightAnswer(allowedOrigin, false), status: 204},
	{name: "preflight-acrh-1m", policy: "one", method: "OPTIONS", origin: allowedOrigin,
		acrm: "PUT", acrh: acrh1M, verdict: hostile, preflight: true,
		want: preflightAnswer(allowedOrigin, false), status: 204},
}

// httpRequest builds the scenario's request once; benchmarks reuse it.
// None of the libraries measured writes to the request.
func (s *scenario) httpRequest() *http.Request {
	r := httptest.NewRequest(s.method, "http://backend.internal/", nil)
	if s.origin != "" {
		r.Header.Set("Origin", s.origin)
	}
	if s.acrm != "" {
		r.Header.Set("Access-Control-Request-Method", s.acrm)
	}
	if s.acrh != "" {
		r.Header.Set("Access-Control-Request-Headers", s.acrh)
	}
	return r
}

// skips records, per framework/scenario/library, the scenarios a library
// cannot express faithfully with any configuration. A skipped benchmark
// reports the reason with b.Skip, and the test checks the reason still holds.
var skips = map[string]string{
	"EchoV5/actual-wildcard/echo": "echo v5's AllowOrigins compares origins exactly (v4's patterns are gone): " +
		"\"https://*.example.com\" is a literal no browser sends, and UnsafeAllowOriginFunc would measure a matcher of ours",
}

func skipReason(framework, scen, lib string) string {
	return skips[framework+"/"+scen+"/"+lib]
}

// TestSkips lists the skipped comparisons with their reasons (run.sh copies
// them next to the table) and checks that each names a real benchmark.
func TestSkips(t *testing.T) {
	libs := map[string][]string{
		"NetHTTP": {"crossgate", "rscors", "jub0bs", "gochicors", "floor", "writeonly", "none"},
		"Gin":     {"crossgate", "gincontrib", "floor", "writeonly", "none"},
		"Echo":    {"crossgate", "echo", "floor", "writeonly", "none"},
		"EchoV5":  {"crossgate", "echo", "floor", "writeonly", "none"},
		"Fiber":   {"crossgate", "fiber", "floor", "writeonly", "none"},
		"FiberV3": {"crossgate", "fiber", "floor", "writeonly", "none"},
	}
	for key, why := range skips {
		parts := strings.Split(key, "/")
		if len(parts) != 3 || !slices.Contains(libs[parts[0]], parts[2]) ||
			!slices.ContainsFunc(scenarios, func(s scenario) bool { return s.name == parts[1] }) {
			t.Errorf("skip %q names no benchmark", key)
		}
		t.Logf("SKIP %s: %s", key, why)
	}
}
