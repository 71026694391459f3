package core

import "strconv"

// ReasonCode names the check that refused a request.
type ReasonCode uint8

const (
	// ReasonNone: the request was allowed.
	ReasonNone ReasonCode = iota
	// ReasonOriginNotAllowed: the origin matches no entry of Config.Origins.
	ReasonOriginNotAllowed
	// ReasonOriginNull: the opaque origin "null" (sandboxed documents, data:
	// URLs, some redirects) is never allowed, since any page can send it.
	ReasonOriginNull
	// ReasonOriginMalformed: the Origin value is not a serialized origin a
	// browser sends (uppercase, a path, a trailing slash, too long...).
	ReasonOriginMalformed
	// ReasonOriginMultiple: the request has several Origin lines.
	ReasonOriginMultiple
	// ReasonMethodNotAllowed: the preflight asks for a method the policy
	// does not allow.
	ReasonMethodNotAllowed
	// ReasonMethodMalformed: Access-Control-Request-Method is not one valid
	// method token, or appears several times.
	ReasonMethodMalformed
	// ReasonHeaderNotAllowed: the preflight asks for a request header the
	// policy does not allow.
	ReasonHeaderNotAllowed
	// ReasonHeaderAuthorization: the preflight asks for Authorization, which
	// "*" does not cover (Fetch, #cors-non-wildcard-request-header-name).
	ReasonHeaderAuthorization
	// ReasonHeadersMalformed: Access-Control-Request-Headers holds something
	// that is not a header name, or is larger than any browser sends.
	ReasonHeadersMalformed
	// ReasonCredentialsNotAllowed: the request sends credentials but the
	// policy has no Credentials. A server cannot see this (preflights never
	// carry credentials), so only Explain reports it.
	ReasonCredentialsNotAllowed
	// ReasonOriginFuncRefused: no entry of Config.Origins matches the
	// origin, and Config.OriginFunc refused it.
	ReasonOriginFuncRefused
	// ReasonOriginFuncPanicked: Config.OriginFunc panicked when asked about
	// the origin; the request is refused.
	ReasonOriginFuncPanicked
	// ReasonOriginInsecure: the origin is plain http (not loopback) and the
	// policy has Credentials, so Config.OriginFunc was not asked.
	ReasonOriginInsecure
	// ReasonPathAmbiguous: the path holds an encoded slash ("%2F"), and
	// read as a separator it falls under another scope (Policy.Scope) than
	// read as a byte of its segment. Routers and file servers read it
	// either way, so no scope is sure to be the served path's.
	ReasonPathAmbiguous
)

// Reason says why a request was refused: which check failed, on which value
// of the request, and what the policy allows for that check. Its strings are
// precomputed or alias the request, so carrying it costs nothing; String
// builds the sentence only when someone asks.
type Reason struct {
	Code ReasonCode
	// Value is the offending part of the request, as it arrived: the
	// origin, the method or the header name; empty when the refusal is
	// about a header as a whole (several Origin lines, an
	// Access-Control-Request-Headers larger than any browser sends). In a
	// Decision it aliases the request's memory.
	Value string
	// Allowed is what the policy allows for the failed check, precomputed by
	// New ("GET, HEAD, POST, PUT"); empty when there is nothing to list.
	// It is bounded whatever the policy: an origin list longer than a few
	// hundred bytes shows a few entries and "and N more" (the first ones in
	// a Decision; in a Refusal and in Explain, those closest to Value).
	Allowed string
}

// String is the sentence a server log should show, such as
// `method PATCH not allowed (allowed: GET, HEAD, POST, PUT)`.
func (r Reason) String() string {
	f := factsOf(r.Code)
	if f == nil {
		return "refused"
	}
	s := f.sentence(quote(r.Value))
	if f.listsAllowed && r.Allowed != "" {
		s += " (allowed: " + r.Allowed + ")"
	}
	return s
}

// quote shortens and quotes a request value for a log line: a hostile value
// can be a megabyte long.
func quote(v string) string {
	const max = 80
	if len(v) > max {
		v = v[:max] + "..."
	}
	return strconv.Quote(v)
}

// reasonFor is the Reason a refusal hook and Explain give: the one Decide
// gives, except that a large policy's origin list names the entries closest
// to the refused origin (see origin_suggest.go), which Decide, allocation-free,
// cannot compute.
func (c *compiled) reasonFor(code ReasonCode, value string) Reason {
	r := Reason{Code: code, Value: value, Allowed: c.allowedFor(code)}
	if code == ReasonOriginNotAllowed || code == ReasonOriginFuncRefused {
		r.Allowed = c.origins.allowedNear(value)
	}
	return r
}

// allowedFor is what the policy allows for the check that code names, the
// same text a Reason carries.
func (c *compiled) allowedFor(code ReasonCode) string {
	if f := factsOf(code); f != nil {
		switch f.list {
		case listOrigins:
			return c.origins.allowed
		case listMethods:
			return c.methods.allowed
		case listHeaders:
			return c.headers.allowed
		}
	}
	return ""
}
