package check

import "net/http"

// Cause names the check a blocked call failed, in one word.
type Cause string

const (
	CauseNone        Cause = ""
	CauseOrigin      Cause = "origin"      // Access-Control-Allow-Origin missing or another origin
	CauseMethod      Cause = "method"      // the method is not in Access-Control-Allow-Methods
	CauseHeader      Cause = "header"      // a request header is not in Access-Control-Allow-Headers
	CauseCredentials Cause = "credentials" // "*" with credentials, or no Access-Control-Allow-Credentials: true
	CauseStatus      Cause = "status"      // the preflight's status is not 200-299
	CauseMalformed   Cause = "malformed"   // a CORS header the browser cannot parse, such as two origins
	CauseRedirect    Cause = "redirect"    // a redirect the browser refuses to follow: too many, userinfo, not http(s)
)

// Mark says how a step went.
type Mark string

const (
	Pass Mark = "pass" // a check the answer passed
	Fail Mark = "fail" // the check that blocked the call
	Info Mark = "info" // what was done or found, not a check
	Warn Mark = "warn" // allowed, but wrong in a way that bites later
)

// Step is one thing the browser does or checks, in plain words.
type Step struct {
	Mark Mark   `json:"mark"`
	Text string `json:"text"`
}

// Report is everything found about one call: the verdict, the steps that
// led to it, and for a block the cause, what the server must send instead
// and the crossgate Config that would allow the call.
type Report struct {
	Allowed   bool  `json:"allowed"`
	Preflight bool  `json:"preflight"`
	Cause     Cause `json:"cause"`
	// RootCause is what to change on the server, which the console's
	// cause can hide: rs/cors answers a refused method with no CORS header
	// at all, so the console blames the origin. Run finds it by asking
	// again (see rootcause.go); it equals Cause when Cause says it already.
	RootCause Cause `json:"root_cause"`
	// Refused names what the root cause is about: the method or headers
	// the server refuses, or the preflight's status.
	Refused []string `json:"refused,omitempty"`
	// Diagnosis says, for a root cause found by asking again, what to
	// change on the server.
	Diagnosis string `json:"diagnosis,omitempty"`
	// SameOrigin: the page's origin is the URL's, so CORS does not apply
	// to the first request.
	SameOrigin bool   `json:"same_origin,omitempty"`
	Steps      []Step `json:"steps"`
	// Readable lists the response headers a script could read, for an
	// allowed call whose actual response was seen.
	Readable []string `json:"readable,omitempty"`
	// ChromiumAllows marks the one block Chromium does not enforce yet:
	// Authorization under Access-Control-Allow-Headers "*".
	ChromiumAllows bool `json:"chromium_allows,omitempty"`
	// Fix says what to change, for Explain's verdicts on a policy.
	Fix string `json:"fix,omitempty"`
	// ServerMustSend is the answer that would allow the call.
	ServerMustSend []string `json:"server_must_send,omitempty"`
	// Config is the crossgate core.Config, as Go, that would allow the call.
	Config string `json:"config,omitempty"`
	// Headers are the response headers seen, by exchange ("preflight",
	// "actual").
	Headers map[string]http.Header `json:"headers,omitempty"`
	// Exchanges are the requests sent, in order, with the status of each
	// answer: the preflight, the actual request, each redirect followed,
	// and the re-probes that found the root cause.
	Exchanges []Exchange `json:"exchanges,omitempty"`
}

// Exchange is one request sent and the status it was answered with.
type Exchange struct {
	// Name is the key of its headers in Report.Headers: "preflight",
	// "actual", "actual after redirect 1", "probe: ...".
	Name   string `json:"name"`
	Method string `json:"method"`
	URL    string `json:"url"`
	// Origin is the Origin header sent, if any.
	Origin string `json:"origin,omitempty"`
	Status int    `json:"status"`
}

func (r *Report) add(m Mark, text string) {
	r.Steps = append(r.Steps, Step{Mark: m, Text: text})
}

// block records the failed check and its cause.
func (r *Report) block(c Cause, text string) {
	r.Allowed = false
	r.Cause = c
	r.RootCause = c
	r.add(Fail, text)
}
