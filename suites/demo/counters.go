package demo

import (
	"net/http"
	"strings"
	"sync"

	"github.com/crossgate/crossgate/core"
)

// Stats is what one framework's server saw of one scenario: how many
// preflights and actual requests reached it (the browser's own caches
// decide that), and why crossgate refused any of them.
type Stats struct {
	Preflights int       `json:"preflights"`
	Actuals    int       `json:"actuals"`
	Refusals   []Refusal `json:"refusals,omitempty"`
}

// Refusal is one request crossgate refused, as a server log would show it.
type Refusal struct {
	Kind   string          `json:"kind"` // "preflight" or "actual"
	Code   core.ReasonCode `json:"code"`
	Reason string          `json:"reason"`
}

// maxKeys bounds the counters: every page load adds one key per scenario and
// framework, and a demo left open for days must not grow without end.
const maxKeys = 1 << 14

// maxRefusals bounds the refusals kept per key.
const maxRefusals = 8

// counters are the server-side tallies, keyed by framework and by the last
// segment of the request path, which the page makes unique per scenario
// and page load ("<run>-<scenario>").
type counters struct {
	mu sync.Mutex
	m  map[counterKey]*Stats
}

type counterKey struct{ framework, id string }

// itemsPrefix is where the application's routes live; anything else (a
// favicon, a stray probe) is not part of a scenario.
const itemsPrefix = "/api/items/"

// observe counts one request that framework's server is about to handle.
// It runs before any middleware, so it sees the preflights that crossgate
// ends.
func (c *counters) observe(framework, method, path string, h http.Header) {
	id, ok := scenarioID(path)
	if !ok {
		return
	}
	preflight := method == http.MethodOptions && len(h["Origin"]) > 0 &&
		len(h["Access-Control-Request-Method"]) > 0
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.entry(framework, id)
	if preflight {
		s.Preflights++
	} else {
		s.Actuals++
	}
}

// refused records crossgate's refusal of a request to framework's server.
func (c *counters) refused(framework string, r core.Refusal) {
	id, ok := scenarioID(r.Path)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.entry(framework, id)
	if len(s.Refusals) < maxRefusals {
		s.Refusals = append(s.Refusals, Refusal{Kind: r.Kind.String(), Code: r.Reason.Code, Reason: r.Reason.String()})
	}
}

// entry returns the tallies of one key, making them if needed; c.mu is held.
func (c *counters) entry(framework, id string) *Stats {
	k := counterKey{framework, id}
	s := c.m[k]
	if s == nil {
		if c.m == nil || len(c.m) >= maxKeys {
			c.m = make(map[counterKey]*Stats)
		}
		s = &Stats{}
		c.m[k] = s
	}
	return s
}

// scenarioID returns the last segment of an item path, the id the page
// gives each scenario; other paths are not part of any scenario.
func scenarioID(path string) (string, bool) {
	id, ok := strings.CutPrefix(path, itemsPrefix)
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// get returns a copy of the tallies of one framework and id.
func (c *counters) get(framework, id string) Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.m[counterKey{framework, id}]
	if s == nil {
		return Stats{}
	}
	cp := *s
	cp.Refusals = append([]Refusal(nil), s.Refusals...)
	return cp
}
