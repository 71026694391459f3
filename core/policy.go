package core

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Policy is a compiled CORS policy. It is safe for concurrent use, and
// Reconfigure replaces it atomically while requests are in flight.
type Policy struct {
	current atomic.Pointer[compiled]
	hook    atomic.Pointer[func(Refusal)]
	// scopes hands paths to other policies (see Scope); nil when none.
	scopes   atomic.Pointer[scopeTable]
	scopedIn atomic.Bool // p is another policy's scope
	scopeMu  sync.Mutex  // serializes Scope
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
// set and the request is refused), never panics, and its work is bounded by
// the configuration and one pass over the request's headers.
//
// When p has scopes, the policy of the longest prefix containing r.Path
// decides instead (see Scope).
func (p *Policy) Decide(r Request) Decision {
	// Written out rather than a call: a policy without scopes then pays
	// one atomic load.
	if t := p.scopes.Load(); t != nil {
		p = t.policyFor(r.Path, p)
	}
	// A request without an Origin, the most common one, costs an atomic
	// load and a copy; the others one call more.
	c := p.current.Load()
	// Fetch, #http-origin: a request without Origin is not a CORS request.
	if len(r.Origin) == 0 {
		return c.notCORS
	}
	return c.decideCORS(&r)
}

// install makes c the policy that Decide reads, reporting to p's hook.
func (p *Policy) install(c *compiled) {
	c.hook = &p.hook
	p.current.Store(c)
}

// report hands a refusal to the hook, if one is set. Only scalars and a
// string leave the Decision here, never its slices: escape analysis treats
// a struct as one whole, so passing the hook anything holding the request's
// slices would make every Request escape to the heap, refused or not.
//
//go:noinline
func (c *compiled) report(r *Request, kind Kind, code ReasonCode, value string) {
	if c.hook == nil {
		return // Explain's quiet copy
	}
	hook := c.hook.Load()
	if hook == nil {
		return
	}
	reason := Reason{Code: code, Value: strings.Clone(value), Allowed: c.allowedFor(code)}
	(*hook)(newRefusal(r, kind, reason))
}

// Refusal describes one refused request for a log line. Its strings are
// copies, safe to keep after the request ends.
type Refusal struct {
	Kind Kind
	// Origin is the request's (first) Origin value.
	Origin string
	// Method is the request's method, or for a preflight the method it asks for.
	Method string
	Path   string
	Reason Reason
}

func (r Refusal) String() string {
	return r.Kind.String() + " " + r.Method + " " + r.Path + " from " + quote(r.Origin) + " refused: " + r.Reason.String()
}

// OnRefusal sets a function that receives every refused request, such as
// a logger (see SlogRefusals). It runs synchronously inside Decide, so it
// must be quick. nil turns reporting off; off, it costs one atomic load.
func (p *Policy) OnRefusal(hook func(Refusal)) {
	if hook == nil {
		p.hook.Store(nil)
		return
	}
	p.hook.Store(&hook)
}

// newRefusal copies what the hook may keep: the request's strings can alias
// buffers the server reuses (fasthttp does), and copying them here, rather
// than storing them, keeps the Request itself from escaping to the heap.
func newRefusal(r *Request, kind Kind, reason Reason) Refusal {
	ref := Refusal{
		Kind:   kind,
		Path:   strings.Clone(r.Path),
		Reason: reason,
	}
	if len(r.Origin) > 0 {
		ref.Origin = strings.Clone(r.Origin[0])
	}
	if kind == Preflight && len(r.RequestMethod) > 0 {
		ref.Method = strings.Clone(r.RequestMethod[0])
	} else {
		ref.Method = strings.Clone(r.Method)
	}
	return ref
}
