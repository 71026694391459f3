package core

import "context"

// The functions below build their Decision with direct stores and return
// it by value. Storing a slice of the Request through a *Decision would
// tell the compiler that the Request's slices escape, and fiber's adapter,
// which keeps them in arrays on its stack, would then allocate on every
// request.
//
// decideActual and decidePreflight build it in their named result, which
// saves a copy of the 160-byte value, and decideActual sets its one-byte
// fields before the origin check: the caller copies the result in 16-byte
// moves, and a move that reads bytes stored a few instructions earlier
// stalls the core (no store-to-load forwarding). Together they took a fifth
// off an allowed actual request's Decide.

// isPreflight: Fetch, #cors-preflight-fetch: a preflight is OPTIONS with
// Access-Control-Request-Method; any other OPTIONS is the application's.
func isPreflight(r *Request) bool { return r.Method == "OPTIONS" && len(r.RequestMethod) > 0 }

// decideCORS decides a request with an Origin, off the hot path (Explain):
// Decide and DecideContext tell the kind themselves, one call level less.
func (c *compiled) decideCORS(ctx context.Context, r *Request) Decision {
	if isPreflight(r) {
		return c.decidePreflight(ctx, r)
	}
	return c.decideActual(ctx, r)
}

// decideActual decides an actual request: one with an Origin that is not a
// preflight.
func (c *compiled) decideActual(ctx context.Context, r *Request) (d Decision) {
	d.Kind, d.Allowed, d.Vary = Actual, true, c.varyActual
	if v := c.originVerdict(r.Origin); v != ReasonNone {
		d.Allowed = false // set early, see above
		d.reason, d.originShapeUnread = c.originRefusal(r.Origin, v)
		// Even the "*" policy varies here: this answer lacks the
		// Access-Control-Allow-Origin that its other answers carry.
		d.Vary = lineOrigin
		c.reportIfHooked(ctx, r, Actual, d.reason.Code, d.reason.Value, d.originShapeUnread)
		return d
	}
	d.answer = &c.actualAllowed
	// A full-slice expression, so an append elsewhere copies (see Headers).
	d.origin = r.Origin[:1:1]
	return d
}

// originVerdict tells whether origin, the request's Origin lines, is
// allowed (ReasonNone): by a static entry, or else by the OriginFunc.
// Browsers send one Origin; several mean a proxy or a forger, and
// answering one of them would be guessing. On a refusal the code is
// provisional: the function's own verdict, or ReasonOriginNotAllowed,
// which originRefusal makes precise.
//
// The allowed path only answers a small code: building a Reason there too,
// even a zero one, cost a third of an allowed actual request's Decide.
func (c *compiled) originVerdict(origin []string) ReasonCode {
	if len(origin) == 1 {
		if c.origins.match(origin[0]) {
			return ReasonNone
		}
		if c.originFunc != nil {
			return c.originFunc.verdict(origin[0])
		}
	}
	return ReasonOriginNotAllowed
}

// originRefusal returns why origin, which originVerdict refused with code,
// is refused, but for one question: whether the origin is malformed
// rather than not allowed, which shapeUnread leaves to Decision.Reason
// (see shapeOf) and to the hook's report, so that only a refusal whose
// reason is read pays for it.
func (c *compiled) originRefusal(origin []string, code ReasonCode) (_ Reason, shapeUnread bool) {
	switch {
	case len(origin) > 1:
		code = ReasonOriginMultiple
	case origin[0] == "null":
		code = ReasonOriginNull
	default:
		shapeUnread = true
	}
	return Reason{Code: code, Value: origin[0], Allowed: c.origins.allowed}, shapeUnread
}

// shapeOf returns code, or ReasonOriginMalformed when shapeUnread is set
// and origin is not the serialization of an origin: what originRefusal
// left unread.
func shapeOf(code ReasonCode, origin string, shapeUnread bool) ReasonCode {
	if shapeUnread && !looksLikeOrigin(origin) {
		return ReasonOriginMalformed
	}
	return code
}

// methodAllowed tells whether the preflight's requested method, one
// well-formed token, is allowed; like originVerdict, it builds no Reason.
// A listed method is a token (New checked it), so the common request, one
// of them, is decided by the comparisons alone, before the byte-by-byte
// token check that any other method needs.
func (c *compiled) methodAllowed(lines []string) bool {
	if len(lines) != 1 {
		return false
	}
	m := lines[0]
	return c.methods.listedExactly(m) || len(m) <= maxMethodLen && isToken(m) && c.methods.allows(m)
}

// methodRefusal returns why the requested method, which methodAllowed
// refused, is refused.
func (c *compiled) methodRefusal(lines []string) Reason {
	method := lines[0]
	if len(lines) > 1 || len(method) > maxMethodLen || !isToken(method) {
		return Reason{Code: ReasonMethodMalformed, Value: method}
	}
	return Reason{Code: ReasonMethodNotAllowed, Value: method, Allowed: c.methods.allowed}
}

func (c *compiled) decidePreflight(ctx context.Context, r *Request) (d Decision) {
	d.Kind, d.End, d.Vary = Preflight, true, c.varyPreflight
	if v := c.originVerdict(r.Origin); v != ReasonNone {
		d.reason, d.originShapeUnread = c.originRefusal(r.Origin, v)
		d.Status = statusOriginRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, d.originShapeUnread)
		return d
	}
	// From here on the origin is allowed, so the answer carries
	// Access-Control-Allow-Origin and an ok status even when the method or
	// a header is refused: the browser then reports exactly that method or
	// header (Fetch, #cors-preflight-fetch-0, steps for methods and
	// headers), which tells the developer the real cause.
	d.Status = c.preflightStatus
	d.origin = r.Origin[:1:1]
	if !c.methodAllowed(r.RequestMethod) {
		d.reason = c.methodRefusal(r.RequestMethod)
		d.answer = &c.methodRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, false)
		return d
	}
	if c.reflectMethod {
		d.method = r.RequestMethod[:1:1]
	}
	if code, name := c.headers.check(r.RequestHeaders); code != ReasonNone {
		// Field by field: a Reason literal is built aside and copied in
		// 16-byte moves, which wait on the narrower stores that built it
		// (see decide_into.go); a third of a refused header's Decide.
		d.reason.Code, d.reason.Value, d.reason.Allowed = code, name, c.headers.allowed
		d.answer = &c.headerRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, false)
		return d
	}
	variant := 0
	if c.reflectHeaders {
		n := len(r.RequestHeaders)
		d.headers = r.RequestHeaders[:n:n]
		if n == 0 {
			variant |= variantNoHeaders
		}
	}
	// WICG Private Network Access, "CORS preflight": answer only a
	// preflight that asks, and only when the policy opts in.
	if c.privateNetwork && len(r.RequestPrivateNetwork) == 1 && r.RequestPrivateNetwork[0] == "true" {
		variant |= variantPrivateNetwork
	}
	d.Allowed = true
	d.End = !c.passPreflight
	d.answer = &c.preflightAllowed[variant]
	return d
}
