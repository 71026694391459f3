package core

import (
	"context"
	"sync"
	"sync/atomic"
)

// Policy is a compiled CORS policy. It is safe for concurrent use, and
// Reconfigure replaces it atomically while requests are in flight.
type Policy struct {
	current atomic.Pointer[compiled]
	hook    atomic.Pointer[refusalHook]
	// scopes hands paths to other policies (see Scope); nil when none.
	scopes   atomic.Pointer[scopeTable]
	scopedIn atomic.Bool // p is another policy's scope
	// outer is the policy p is a scope of, whose hook hears p's refusals
	// when p has none.
	outer   atomic.Pointer[Policy]
	scopeMu sync.Mutex // serializes Scope
}

// New checks cfg and compiles it. It reports every problem at once: the
// error is an errors.Join of *ConfigError values, each naming the field, the
// value and what to write instead.
func New(cfg Config) (*Policy, error) {
	c, err := compile(cfg)
	if err != nil {
		return nil, err
	}
	p := &Policy{}
	p.install(c)
	return p, nil
}

// Reconfigure checks cfg and, if it is valid, makes it the policy for every
// request decided from now on, without a lock: requests in flight finish
// with the policy they started with. An invalid cfg changes nothing.
func (p *Policy) Reconfigure(cfg Config) error {
	c, err := compile(cfg)
	if err != nil {
		return err
	}
	p.install(c)
	return nil
}

// Decide answers one request: its kind, whether it is allowed and why not,
// and the headers to write. It never allocates (unless a refusal hook is
// set and the request is refused), never panics, not even when the refusal
// hook does, and its work is bounded by the configuration and one pass over
// the request's headers.
//
// When p has scopes, the policy of the longest prefix containing r.Path,
// once cleaned, decides instead (see Scope); a path whose readings fall
// under different scopes is refused (ReasonPathAmbiguous).
func (p *Policy) Decide(r Request) Decision {
	// The body is DecideContext's, written out rather than called: a call
	// would copy the Request once more on every request.
	if t := p.scopes.Load(); t != nil {
		inner, ok := t.policyFor(r.Path, p)
		if !ok {
			return p.current.Load().decideAmbiguousPath(context.Background(), &r)
		}
		p = inner
	}
	c := p.current.Load()
	if len(r.Origin) == 0 {
		return c.notCORS
	}
	if isPreflight(&r) {
		return c.decidePreflight(context.Background(), &r)
	}
	return c.decideActual(context.Background(), &r)
}

// DecideContext is Decide for a request whose context the refusal hook
// should get (Refusal.Context): trace and request IDs that the
// application's logging and tracing middleware put there reach the log
// line, and slog's context-aware handlers work. Adapters pass the
// framework's request context. The Request is passed by pointer, unlike
// Decide's, to save adapters a copy of its 160 bytes on every request;
// DecideContext neither keeps nor modifies it.
func (p *Policy) DecideContext(ctx context.Context, r *Request) Decision {
	// Written out rather than a call: a policy without scopes then pays
	// one atomic load.
	if t := p.scopes.Load(); t != nil {
		inner, ok := t.policyFor(r.Path, p)
		if !ok {
			return p.current.Load().decideAmbiguousPath(ctx, r)
		}
		p = inner
	}
	// A request without an Origin, the most common one, costs an atomic
	// load and a copy; the others one call more.
	c := p.current.Load()
	// Fetch, #http-origin: a request without Origin is not a CORS request.
	if len(r.Origin) == 0 {
		return c.notCORS
	}
	// ctx travels beside the Request, not in it: a context stored in the
	// Request and handed to the hook would make the compiler move every
	// Request to the heap. The kind is told here rather than in a function
	// of its own: each call level returning the 160-byte Decision copies
	// it once more, a tenth of a preflight's Decide.
	if isPreflight(r) {
		return c.decidePreflight(ctx, r)
	}
	return c.decideActual(ctx, r)
}

// install makes c the policy that Decide reads, reporting to p's hook.
func (p *Policy) install(c *compiled) {
	c.owner = p
	p.current.Store(c)
}
