package core

import (
	"strings"
	"sync/atomic"
)

// Policy is a compiled CORS policy. It is safe for concurrent use, and
// Reconfigure replaces it atomically while requests are in flight.
type Policy struct {
	current atomic.Pointer[compiled]
	hook    atomic.Pointer[func(Refusal)]
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
	p.current.Store(c)
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
	p.current.Store(c)
	return nil
}

// Decide answers one request: its kind, whether it is allowed and why not,
// and the headers to write. It never allocates (unless a refusal hook is
// set and the request is refused), never panics, and its work is bounded by
// the configuration and one pass over the request's headers.
func (p *Policy) Decide(r Request) Decision {
	d := p.current.Load().decide(&r)
	if !d.Allowed {
		if hook := p.hook.Load(); hook != nil {
			(*hook)(newRefusal(&r, &d))
		}
	}
	return d
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

func newRefusal(r *Request, d *Decision) Refusal {
	ref := Refusal{Kind: d.Kind, Method: r.Method, Path: strings.Clone(r.Path), Reason: d.Reason}
	if len(r.Origin) > 0 {
		ref.Origin = strings.Clone(r.Origin[0])
	}
	if d.Kind == Preflight && len(r.RequestMethod) > 0 {
		ref.Method = r.RequestMethod[0]
	}
	ref.Method = strings.Clone(ref.Method)
	ref.Reason.Value = strings.Clone(ref.Reason.Value)
	return ref
}
