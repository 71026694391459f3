package corsfasthttp

import (
	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

// layerMark is the type of the key and values by which a crossgate
// middleware marks a request it handed on, in fasthttp's per-request
// values (fiber's Locals): pointers, so storing them allocates nothing.
type layerMark struct{ name string }

var (
	layerKey    = &layerMark{"crossgate: decided by"}
	markAllowed = &layerMark{"a policy that allowed it"}
	markRefused = &layerMark{"a policy that refused it"}
)

// Settle applies core.Policy.Settle to d, which p decided for r: the
// earlier layer is a crossgate middleware that marked the request (see
// HandOn), or one that wrote Access-Control-Allow-Origin into the
// response. A request without an Origin costs nothing; another, one scan
// of the few per-request values and one of the response's lines.
func Settle(rc *fasthttp.RequestCtx, p *core.Policy, r *core.Request, d *core.Decision) {
	if d.Kind == core.NotCORS {
		return
	}
	settle(rc, p, r, d, readEarlier(&rc.Response.Header).allowOrigin)
}

// Respond settles d (Settle) and writes it into the response
// (WriteDecision), reading the response's lines once for both: what an
// adapter calls between deciding and ending or handing on the request.
func Respond(rc *fasthttp.RequestCtx, p *core.Policy, r *core.Request, d *core.Decision) {
	e := readEarlier(&rc.Response.Header)
	if d.Kind != core.NotCORS {
		settle(rc, p, r, d, e.allowOrigin)
	}
	writeDecision(&rc.Response.Header, d, e)
}

// settle is Settle once the response's lines are read: answered tells
// whether they hold an Access-Control-Allow-Origin.
func settle(rc *fasthttp.RequestCtx, p *core.Policy, r *core.Request, d *core.Decision, answered bool) {
	earlier := core.NoEarlierLayer
	switch rc.UserValue(layerKey) {
	case markRefused:
		earlier = core.EarlierRefused
	case markAllowed:
		earlier = core.EarlierAllowed
	default:
		if answered {
			earlier = core.EarlierAllowed
		}
	}
	if earlier != core.NoEarlierLayer {
		p.Settle(d, r, earlier, func() bool { return needsPreflight(&rc.Request.Header) })
	}
}

// HandOn calls next with the request marked as decided (allowed, or
// refused by d or by an earlier policy), so that a crossgate middleware
// running after this one can tell, and takes the mark back when next
// returns. fasthttp clears the values between requests, and a
// connection's context, reused, keeps their storage: no allocation.
func HandOn(rc *fasthttp.RequestCtx, d *core.Decision, next func() error) error {
	if d.Kind == core.NotCORS {
		return next()
	}
	prev := mark(rc, d)
	err := next()
	rc.SetUserValue(layerKey, prev)
	return err
}

// mark marks rc as decided by d, or refused by an earlier policy, and
// returns the mark it replaced, which the caller restores once the next
// handler returns.
func mark(rc *fasthttp.RequestCtx, d *core.Decision) (prev any) {
	prev = rc.UserValue(layerKey)
	m := markAllowed
	if !d.Allowed || prev == markRefused {
		m = markRefused
	}
	rc.SetUserValue(layerKey, m)
	return prev
}

// needsPreflight tells whether a line of h shows that the request passed
// a preflight (core.HeaderNeedsPreflight), names in any case.
func needsPreflight(h *fasthttp.RequestHeader) bool {
	needs := false
	h.VisitAll(func(name, value []byte) {
		needs = needs || core.HeaderNeedsPreflight(unsafeString(name), unsafeString(value))
	})
	return needs
}
