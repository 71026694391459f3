package core

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
)

// refusalHook is a function set by OnRefusal, with the flag that keeps its
// panics from being reported more than once.
type refusalHook struct {
	fn       func(Refusal)
	panicked atomic.Bool
}

// OnRefusal sets a function that receives every refused request, such as
// a logger (see SlogRefusals). It runs synchronously inside Decide, so it
// must be quick. nil turns reporting off; off, it costs one atomic load.
//
// A hook that panics does not take the server down: Decide recovers, answers
// exactly as it would have without the hook, and logs the hook's first panic
// (with its stack) through slog.Default at level Error; later panics of the
// same hook are not logged, so a hook that panics on every refusal cannot
// flood the log. Setting a hook again re-arms the report.
func (p *Policy) OnRefusal(hook func(Refusal)) {
	if hook == nil {
		p.hook.Store(nil)
		return
	}
	p.hook.Store(&refusalHook{fn: hook})
}

// ReportsRefusals tells whether a refusal by p may reach a hook (OnRefusal
// on p, on the policy p is a scope of, or on one of p's scopes), so that an
// adapter whose request context costs a lookup, such as fiber's, fetches it
// for DecideContext only then and passes context.Background() otherwise.
// A hook set between this call and DecideContext receives that one
// request's refusal with the background context.
func (p *Policy) ReportsRefusals() bool {
	return p.hook.Load() != nil || p.scopes.Load() != nil || p.outer.Load() != nil
}

// report hands a refusal to the hook, if one is set. Only scalars and a
// string leave the Decision here, never its slices: escape analysis treats
// a struct as one whole, so passing the hook anything holding the request's
// slices would make every Request escape to the heap, refused or not.
//
//go:noinline
func (c *compiled) report(ctx context.Context, h *refusalHook, r *Request, kind Kind, code ReasonCode, value string) {
	// value is copied here, not in newRefusal: a Reason holding the
	// request's own string would make value, and with it the Request, leak
	// to the hook in the compiler's eyes, and fiber's stack-built Requests
	// would move to the heap.
	reason := c.reasonFor(code, boundedCopy(value))
	h.call(newRefusal(ctx, r, kind, reason))
}

// refusalHook returns the hook that p's refusals go to: p's own, or, for a
// scope without one, the hook of the policy it is a scope of, so that a
// hook set on the router-level policy hears every refusal.
func (p *Policy) refusalHook() *refusalHook {
	if h := p.hook.Load(); h != nil {
		return h
	}
	if o := p.outer.Load(); o != nil {
		return o.hook.Load()
	}
	return nil
}

// call runs the hook. The recovery lives here, on the refused path only,
// so that Decide without a hook, or allowing, pays nothing for it.
func (h *refusalHook) call(ref Refusal) {
	defer h.recoverPanic()
	h.fn(ref)
}

// recoverPanic stops a panic of the hook and logs the first one.
func (h *refusalHook) recoverPanic() {
	v := recover()
	if v == nil || h.panicked.Swap(true) {
		return
	}
	logHookPanic(v, debug.Stack())
}

// logHookPanic tells the operator that the refusal hook is broken. Whatever
// the default logger does, even panic in turn, stays in here: Decide never
// panics.
func logHookPanic(v any, stack []byte) {
	defer func() { _ = recover() }()
	slog.Default().Error("crossgate: the refusal hook panicked; the request was answered as decided, and further panics of this hook are not logged",
		slog.String("panic", fmt.Sprint(v)),
		slog.String("stack", string(stack)))
}

// reportIfHooked reports a refusal when a hook is set; the check is inlined
// so that a refusal without a hook costs no call.
// shapeUnread is the Decision's originShapeUnread: the report tells a
// malformed Origin itself.
func (c *compiled) reportIfHooked(ctx context.Context, r *Request, kind Kind, code ReasonCode, value string, shapeUnread bool) {
	if c.owner != nil {
		if h := c.owner.refusalHook(); h != nil {
			c.report(ctx, h, r, kind, shapeOf(code, value, shapeUnread), value)
		}
	}
}
