package core

import (
	"context"
	"strings"
)

// Probe describes a fetch() call the way its author thinks of it, for
// Explain: the page's origin, the method, the request headers the script
// sets, and whether it sends credentials.
type Probe struct {
	Origin string
	Method string
	// Headers are the names of the headers the script sets. Accept,
	// Accept-Language and Content-Language are CORS-safelisted; every other
	// name, Content-Type included (taken as application/json), makes the
	// browser send a preflight.
	Headers []string
	// Credentials is fetch's credentials: "include" (cookies, HTTP auth).
	Credentials bool
	// Path, when set, is the URL path called, as the browser sends it
	// (percent-encoded): it picks the policy of its scope (see
	// Policy.Scope).
	Path string
}

// Explanation is what Explain found: whether the browser would preflight,
// whether the call would succeed, why not, and what to change.
type Explanation struct {
	Preflight bool
	Allowed   bool
	Reason    Reason
	// Fix is the change to the Config that would allow the call, or why
	// none should.
	Fix string
}

func (e Explanation) String() string {
	s := "simple request"
	if e.Preflight {
		s = "preflighted request"
	}
	if e.Allowed {
		return s + ": allowed"
	}
	return s + ": blocked: " + e.Reason.String() + "; " + e.Fix
}

// Explain answers, without a request, what the browser and this policy would
// make of a fetch() call: a support tool for "why is this blocked?". It
// follows the browser's steps: method normalization, whether a preflight is
// needed (Fetch, #cors-preflight-fetch), the preflight, then the actual
// response's CORS check (Fetch, #concept-cors-check).
func (p *Policy) Explain(pr Probe) Explanation {
	ambiguous := false
	if t := p.scopes.Load(); t != nil {
		inner, unambiguous := t.policyFor(pr.Path, p)
		ambiguous, p = !unambiguous, inner
	}
	c := p.current.Load()
	method := normalizeMethod(pr.Method)
	var unsafe []string
	for _, h := range pr.Headers {
		switch strings.ToLower(h) {
		case "accept", "accept-language", "content-language":
		default:
			unsafe = append(unsafe, strings.ToLower(h))
		}
	}
	e := Explanation{Preflight: !isSafelistedMethod(method) || len(unsafe) > 0}
	if ambiguous {
		e.Reason = Reason{Code: ReasonPathAmbiguous, Value: pr.Path}
		e.Fix = fixFor(e.Reason)
		return e
	}
	r := Request{Method: method, Origin: []string{pr.Origin}}
	if e.Preflight {
		r = Request{Method: "OPTIONS", Origin: []string{pr.Origin}, RequestMethod: []string{method}}
		if len(unsafe) > 0 {
			r.RequestHeaders = []string{strings.Join(unsafe, ",")}
		}
	}
	quiet := *c // Explain describes; it reports nothing to the hook
	quiet.owner = nil
	d := quiet.decideCORS(context.Background(), &r) // r has its Origin
	reason := d.Reason()
	if d.Allowed && pr.Credentials && !c.credentials {
		d.Allowed = false
		reason = Reason{Code: ReasonCredentialsNotAllowed}
	}
	e.Allowed, e.Reason = d.Allowed, reason
	if reason.Code == ReasonOriginNotAllowed || reason.Code == ReasonOriginFuncRefused {
		e.Reason = c.reasonFor(reason.Code, reason.Value)
	}
	if !e.Allowed {
		e.Fix = fixFor(reason)
	}
	return e
}

// normalizeMethod upper-cases the methods fetch() normalizes (Fetch,
// #concept-method-normalize) and leaves the rest as written.
func normalizeMethod(m string) string {
	if m == "" {
		return "GET"
	}
	for _, n := range normalizedMethods {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// fixFor says which change to the Config would allow a refused request.
func fixFor(r Reason) string {
	if f := factsOf(r.Code); f != nil && f.fix != nil {
		return f.fix(r.Value)
	}
	return ""
}
