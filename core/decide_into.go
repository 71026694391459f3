package core

import "context"

// The functions below are DecideContext, decideActual and decidePreflight
// again, writing the Decision through a pointer instead of returning it.
// A returned Decision is copied, caller after callee, in 16-byte moves,
// and a move that reads fields stored a few instructions earlier by
// narrower stores waits for them (no store-to-load forwarding): on net/http,
// those stalls were a sixth of an allowed actual request's time through
// the adapter, though its instructions barely counted them.
//
// They cannot replace the returning ones: a Request line stored through a
// pointer escapes, in the compiler's eyes, so fiber's adapter, whose lines
// live in an array on its stack, would allocate on every request. They stay
// line for line what the returning ones are; TestDecide and
// FuzzDecide hold them to it.

// DecideInto is DecideContext writing the Decision into *d, for adapters
// whose Request lines live on the heap, as net/http's header map does
// (ReadHTTP): it saves copying the 160-byte Decision, and the stalls that
// copy causes, on every request. The lines stored in *d escape to the heap
// in the compiler's eyes, so an adapter that builds its lines in an array
// on its own stack (corsfasthttp.ReadRequest) calls DecideContext instead,
// which keeps them there.
func (p *Policy) DecideInto(ctx context.Context, r *Request, d *Decision) {
	if p.scopes.Load() != nil {
		*d = p.DecideContext(ctx, r)
		return
	}
	c := p.current.Load()
	if len(r.Origin) == 0 {
		*d = c.notCORS
		return
	}
	if isPreflight(r) {
		c.decidePreflightInto(ctx, r, d)
		return
	}
	c.decideActualInto(ctx, r, d)
}

// decideActualInto is decideActual into *d.
func (c *compiled) decideActualInto(ctx context.Context, r *Request, d *Decision) {
	// Zeroed, then stored field by field: a composite literal would be
	// built aside and copied in, with the very stall this file avoids.
	*d = Decision{}
	d.Kind, d.Allowed, d.Vary = Actual, true, c.varyActual
	if v := c.originVerdict(r.Origin); v != ReasonNone {
		d.Allowed = false
		d.reason, d.originShapeUnread = c.originRefusal(r.Origin, v)
		d.Vary = lineOrigin
		c.reportIfHooked(ctx, r, Actual, d.reason.Code, d.reason.Value, d.originShapeUnread)
		return
	}
	d.answer = &c.actualAllowed
	d.origin = r.Origin[:1:1]
}

// decidePreflightInto is decidePreflight into *d.
func (c *compiled) decidePreflightInto(ctx context.Context, r *Request, d *Decision) {
	*d = Decision{}
	d.Kind, d.End, d.Vary = Preflight, true, c.varyPreflight
	if v := c.originVerdict(r.Origin); v != ReasonNone {
		d.reason, d.originShapeUnread = c.originRefusal(r.Origin, v)
		d.Status = statusOriginRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, d.originShapeUnread)
		return
	}
	d.Status = c.preflightStatus
	d.origin = r.Origin[:1:1]
	if !c.methodAllowed(r.RequestMethod) {
		d.reason = c.methodRefusal(r.RequestMethod)
		d.answer = &c.methodRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, false)
		return
	}
	if c.reflectMethod {
		d.method = r.RequestMethod[:1:1]
	}
	if code, name := c.headers.check(r.RequestHeaders); code != ReasonNone {
		// Field by field, for the reason given at the top of the file.
		d.reason.Code, d.reason.Value, d.reason.Allowed = code, name, c.headers.allowed
		d.answer = &c.headerRefused
		c.reportIfHooked(ctx, r, Preflight, d.reason.Code, d.reason.Value, false)
		return
	}
	variant := 0
	if c.reflectHeaders {
		n := len(r.RequestHeaders)
		d.headers = r.RequestHeaders[:n:n]
		if n == 0 {
			variant |= variantNoHeaders
		}
	}
	if c.privateNetwork && len(r.RequestPrivateNetwork) == 1 && r.RequestPrivateNetwork[0] == "true" {
		variant |= variantPrivateNetwork
	}
	d.Allowed = true
	d.End = !c.passPreflight
	d.answer = &c.preflightAllowed[variant]
}
