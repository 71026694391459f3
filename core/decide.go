package core

import "strings"

// Canonical names of the response headers crossgate writes.
const (
	headerAllowOrigin         = "Access-Control-Allow-Origin"
	headerAllowCredentials    = "Access-Control-Allow-Credentials"
	headerExposeHeaders       = "Access-Control-Expose-Headers"
	headerAllowMethods        = "Access-Control-Allow-Methods"
	headerAllowHeaders        = "Access-Control-Allow-Headers"
	headerMaxAge              = "Access-Control-Max-Age"
	headerAllowPrivateNetwork = "Access-Control-Allow-Private-Network"
)

// statusOriginRefused ends a preflight whose origin is refused. Without
// Access-Control-Allow-Origin the browser names the origin as the cause
// whatever the status; 403 also tells non-browser clients the truth.
const statusOriginRefused = 403

// The functions below build their Decision in a local variable with direct
// stores and return it by value. Storing a slice of the Request through a
// *Decision would tell the compiler that the Request's slices escape, and
// fiber's adapter, which keeps them in arrays on its stack, would then
// allocate on every request.

func (c *compiled) decide(r *Request) Decision {
	// Fetch, #http-origin: a request without Origin is not a CORS request.
	if len(r.Origin) == 0 {
		return c.notCORS
	}
	// Fetch, #cors-preflight-fetch: a preflight is OPTIONS with
	// Access-Control-Request-Method; any other OPTIONS is the application's.
	if r.Method == "OPTIONS" && len(r.RequestMethod) > 0 {
		return c.decidePreflight(r)
	}
	d := Decision{Kind: Actual, Vary: Field{"Vary", c.varyActual}}
	if d.Reason = c.checkOrigin(r.Origin); d.Reason.Code != ReasonNone {
		// Even the "*" policy varies here: this answer lacks the
		// Access-Control-Allow-Origin that its other answers carry.
		d.Vary.Values = lineOrigin
		return d
	}
	d.Allowed = true
	d.fields, d.n = c.sharedFields(c.allowOriginLine(r))
	return d
}

// notCORSDecision is the answer to every request without an Origin,
// precomputed by compile since it depends on nothing in the request.
func (c *compiled) notCORSDecision() Decision {
	d := Decision{Allowed: true, Vary: Field{"Vary", c.varyNotCORS}}
	if c.origins.any {
		// Fetch, #cors-protocol-and-http-caches: a "*" answer goes on
		// every response, so a cached one serves CORS requests too.
		d.fields, d.n = c.sharedFields(lineStar)
	}
	return d
}

// sharedFields are what every allowed non-preflight response carries
// (Fetch, #http-responses).
func (c *compiled) sharedFields(allowOrigin []string) (fs [maxFields]Field, n uint8) {
	fs[n] = Field{headerAllowOrigin, allowOrigin}
	n++
	if c.credentials {
		fs[n] = Field{headerAllowCredentials, lineTrue}
		n++
	}
	if c.exposeHeaders != nil {
		fs[n] = Field{headerExposeHeaders, c.exposeHeaders}
		n++
	}
	return fs, n
}

// allowOriginLine is "*" for the any-origin policy and otherwise the
// request's own Origin line, as a full-slice expression (see Field).
func (c *compiled) allowOriginLine(r *Request) []string {
	if c.origins.any {
		return lineStar
	}
	return r.Origin[:1:1]
}

// checkOrigin returns why origin, the request's Origin lines, is refused, or
// a zero Reason.
func (c *compiled) checkOrigin(origin []string) Reason {
	code := ReasonNone
	switch {
	case len(origin) > 1:
		// Browsers send one Origin; several mean a proxy or a forger, and
		// answering one of them would be guessing.
		code = ReasonOriginMultiple
	case c.origins.match(origin[0]):
		return Reason{}
	case origin[0] == "null":
		code = ReasonOriginNull
	case !looksLikeOrigin(origin[0]):
		code = ReasonOriginMalformed
	default:
		code = ReasonOriginNotAllowed
	}
	return Reason{Code: code, Value: origin[0], Allowed: c.origins.allowed}
}

// checkMethod returns why the preflight's requested method is refused, or a
// zero Reason.
func (c *compiled) checkMethod(lines []string) Reason {
	method := lines[0]
	switch {
	case len(lines) > 1 || !isToken(method) || len(method) > maxMethodLen:
		return Reason{Code: ReasonMethodMalformed, Value: method}
	case !c.methods.allows(method):
		return Reason{Code: ReasonMethodNotAllowed, Value: method, Allowed: c.methods.allowed}
	}
	return Reason{}
}

func (c *compiled) decidePreflight(r *Request) Decision {
	d := Decision{Kind: Preflight, End: true, Vary: Field{"Vary", c.varyPreflight}}
	if d.Reason = c.checkOrigin(r.Origin); d.Reason.Code != ReasonNone {
		d.Status = statusOriginRefused
		return d
	}
	// From here on the origin is allowed, so the answer carries
	// Access-Control-Allow-Origin and an ok status even when the method or
	// a header is refused: the browser then reports exactly that method or
	// header (Fetch, #cors-preflight-fetch-0, steps for methods and
	// headers), which tells the developer the real cause.
	d.Status = c.preflightStatus
	n := 0
	d.fields[n] = Field{headerAllowOrigin, c.allowOriginLine(r)}
	n++
	if c.credentials {
		d.fields[n] = Field{headerAllowCredentials, lineTrue}
		n++
	}
	allowMethods, allowHeaders := c.allowMethods, c.allowHeaders
	if c.reflectMethod {
		allowMethods = r.RequestMethod[:1:1]
	}
	if c.reflectHeaders {
		k := len(r.RequestHeaders)
		allowHeaders = r.RequestHeaders[:k:k]
	}
	if d.Reason = c.checkMethod(r.RequestMethod); d.Reason.Code != ReasonNone {
		allowMethods, allowHeaders = c.listedMethods, c.listedHeaders
	} else if code, name := c.headers.check(r.RequestHeaders); code != ReasonNone {
		d.Reason = Reason{Code: code, Value: name, Allowed: c.headers.allowed}
		allowHeaders = c.listedHeaders
	}
	if len(allowMethods) > 0 {
		d.fields[n] = Field{headerAllowMethods, allowMethods}
		n++
	}
	if len(allowHeaders) > 0 {
		d.fields[n] = Field{headerAllowHeaders, allowHeaders}
		n++
	}
	if d.Reason.Code != ReasonNone {
		d.n = uint8(n)
		return d
	}
	d.Allowed = true
	d.End = !c.passPreflight
	if c.maxAge != nil {
		d.fields[n] = Field{headerMaxAge, c.maxAge}
		n++
	}
	// WICG Private Network Access, "CORS preflight": answer only a
	// preflight that asks, and only when the policy opts in.
	if c.privateNetwork && len(r.RequestPrivateNetwork) == 1 && r.RequestPrivateNetwork[0] == "true" {
		d.fields[n] = Field{headerAllowPrivateNetwork, lineTrue}
		n++
	}
	d.n = uint8(n)
	return d
}

// looksLikeOrigin tells a malformed Origin from a well-formed one that is
// merely not allowed, for the refusal reason only: lower-case
// scheme://host[:port] with nothing a browser would have escaped or dropped.
func looksLikeOrigin(o string) bool {
	const longest = 2048
	if len(o) > longest {
		return false
	}
	scheme := 0
	for scheme < len(o) && o[scheme] != ':' {
		scheme++
	}
	if scheme == 0 || len(o) < scheme+4 || o[scheme:scheme+3] != "://" || !isScheme(o[:scheme]) {
		return false
	}
	hostPort := o[scheme+3:]
	if hostPort == "" {
		return false
	}
	if i := strings.LastIndexByte(hostPort, ':'); i >= 0 && !strings.HasSuffix(hostPort, "]") {
		if i == 0 || !isRequestPort(hostPort[i+1:]) {
			return false
		}
		hostPort = hostPort[:i]
	}
	for i := 0; i < len(hostPort); i++ {
		c := hostPort[i]
		if !isHostByte(c) && c != '.' && c != ':' && c != '[' && c != ']' {
			return false
		}
	}
	return true
}

// allowedFor is what the policy allows for the check that code names, the
// same text a Reason carries.
func (c *compiled) allowedFor(code ReasonCode) string {
	switch code {
	case ReasonOriginNotAllowed, ReasonOriginNull, ReasonOriginMalformed, ReasonOriginMultiple:
		return c.origins.allowed
	case ReasonMethodNotAllowed:
		return c.methods.allowed
	case ReasonHeaderNotAllowed, ReasonHeaderAuthorization, ReasonHeadersMalformed:
		return c.headers.allowed
	}
	return ""
}
