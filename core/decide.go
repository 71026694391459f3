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

func (c *compiled) decide(r *Request) (d Decision) {
	// Fetch, #http-origin: a request without Origin is not a CORS request.
	if len(r.Origin) == 0 {
		d.Allowed = true
		d.Vary = Field{Name: "Vary", Values: c.varyNotCORS}
		if c.origins.any {
			// Fetch, #cors-protocol-and-http-caches: a "*" answer goes on
			// every response, so a cached one serves CORS requests too.
			c.addSharedHeaders(&d, lineStar)
		}
		return d
	}
	// Fetch, #cors-preflight-fetch: a preflight is OPTIONS with
	// Access-Control-Request-Method; any other OPTIONS is the application's.
	if r.Method == "OPTIONS" && len(r.RequestMethod) > 0 {
		c.decidePreflight(r, &d)
		return d
	}
	d.Kind = Actual
	d.Vary = Field{Name: "Vary", Values: c.varyActual}
	if !c.checkOrigin(r.Origin, &d) {
		return d
	}
	d.Allowed = true
	c.addSharedHeaders(&d, c.allowOriginLine(r))
	return d
}

// addSharedHeaders adds what every allowed non-preflight response carries
// (Fetch, #http-responses).
func (c *compiled) addSharedHeaders(d *Decision, allowOrigin []string) {
	d.add(Field{headerAllowOrigin, allowOrigin})
	if c.credentials {
		d.add(Field{headerAllowCredentials, lineTrue})
	}
	if c.exposeHeaders != nil {
		d.add(Field{headerExposeHeaders, c.exposeHeaders})
	}
}

// allowOriginLine is "*" for the any-origin policy and otherwise the
// request's own Origin line, as a full-slice expression (see Field).
func (c *compiled) allowOriginLine(r *Request) []string {
	if c.origins.any {
		return lineStar
	}
	return r.Origin[:1:1]
}

func (c *compiled) checkOrigin(origin []string, d *Decision) bool {
	code := ReasonNone
	switch {
	case len(origin) > 1:
		// Browsers send one Origin; several mean a proxy or a forger, and
		// answering one of them would be guessing.
		code = ReasonOriginMultiple
	case c.origins.match(origin[0]):
		return true
	case origin[0] == "null":
		code = ReasonOriginNull
	case !looksLikeOrigin(origin[0]):
		code = ReasonOriginMalformed
	default:
		code = ReasonOriginNotAllowed
	}
	d.Reason = Reason{Code: code, Value: origin[0], Allowed: c.origins.allowed}
	return false
}

func (c *compiled) decidePreflight(r *Request, d *Decision) {
	d.Kind = Preflight
	d.End = true
	d.Vary = Field{Name: "Vary", Values: c.varyPreflight}
	if !c.checkOrigin(r.Origin, d) {
		d.Status = statusOriginRefused
		return
	}
	// From here on the origin is allowed, so the answer carries
	// Access-Control-Allow-Origin and an ok status even when the method or
	// a header is refused: the browser then reports exactly that method or
	// header (Fetch, #cors-preflight-fetch-0, steps for methods and
	// headers), which tells the developer the real cause.
	d.Status = c.preflightStatus
	d.add(Field{headerAllowOrigin, c.allowOriginLine(r)})
	if c.credentials {
		d.add(Field{headerAllowCredentials, lineTrue})
	}
	method := r.RequestMethod[0]
	switch {
	case len(r.RequestMethod) > 1 || !isToken(method) || len(method) > maxMethodLen:
		d.Reason = Reason{Code: ReasonMethodMalformed, Value: method}
	case !c.methods.allows(method):
		d.Reason = Reason{Code: ReasonMethodNotAllowed, Value: method, Allowed: c.methods.allowed}
	}
	if d.Reason.Code != ReasonNone {
		d.addIf(headerAllowMethods, c.listedMethods)
		d.addIf(headerAllowHeaders, c.listedHeaders)
		return
	}
	if c.reflectMethod {
		d.add(Field{headerAllowMethods, r.RequestMethod[:1:1]})
	} else {
		d.addIf(headerAllowMethods, c.allowMethods)
	}
	if code, name := c.headers.check(r.RequestHeaders); code != ReasonNone {
		d.Reason = Reason{Code: code, Value: name, Allowed: c.headers.allowed}
		d.addIf(headerAllowHeaders, c.listedHeaders)
		return
	}
	d.Allowed = true
	d.End = !c.passPreflight
	if c.reflectHeaders {
		n := len(r.RequestHeaders)
		d.addIf(headerAllowHeaders, r.RequestHeaders[:n:n])
	} else {
		d.addIf(headerAllowHeaders, c.allowHeaders)
	}
	d.addIf(headerMaxAge, c.maxAge)
	// WICG Private Network Access, "CORS preflight": answer only a
	// preflight that asks, and only when the policy opts in.
	if c.privateNetwork && len(r.RequestPrivateNetwork) == 1 && r.RequestPrivateNetwork[0] == "true" {
		d.add(Field{headerAllowPrivateNetwork, lineTrue})
	}
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
