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
	settle(rc, p, r, d, rc.UserValue(layerKey), readEarlier(&rc.Response.Header).allowOrigin)
}

// Earlier is what Respond found on the request of an earlier crossgate
// layer, for HandOn: one read of fasthttp's per-request values serves both.
type Earlier struct{ mark any }

// Respond settles d (Settle) and writes it into the response
// (WriteDecision), reading the response's lines once for both: what an
// adapter calls between deciding and ending or handing on the request.
// Pass what it returns to HandOn.
func Respond(rc *fasthttp.RequestCtx, p *core.Policy, r *core.Request, d *core.Decision) (e Earlier) {
	lines := readEarlier(&rc.Response.Header)
	if d.Kind != core.NotCORS {
		e.mark = rc.UserValue(layerKey)
		settle(rc, p, r, d, e.mark, lines.allowOrigin)
	}
	writeDecision(&rc.Response.Header, d, lines)
	return e
}

// settle is Settle once the request's mark and the response's lines are
// read: answered tells whether they hold an Access-Control-Allow-Origin.
func settle(rc *fasthttp.RequestCtx, p *core.Policy, r *core.Request, d *core.Decision, mark any, answered bool) {
	earlier := core.NoEarlierLayer
	switch mark {
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
// returns; e is what Respond returned. fasthttp clears the values between
// requests, and a connection's context, reused, keeps their storage: no
// allocation.
func HandOn(rc *fasthttp.RequestCtx, d *core.Decision, e Earlier, next func() error) error {
	if d.Kind == core.NotCORS {
		return next()
	}
	mark(rc, d, e)
	err := next()
	rc.SetUserValue(layerKey, e.mark)
	return err
}

// mark marks rc as decided by d, or refused by an earlier policy (e); the
// caller restores e's mark once the next handler returns.
func mark(rc *fasthttp.RequestCtx, d *core.Decision, e Earlier) {
	m := markAllowed
	if !d.Allowed || e.mark == markRefused {
		m = markRefused
	}
	rc.SetUserValue(layerKey, m)
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
