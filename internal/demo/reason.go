package demo

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// refusal tells why p refuses a request that a server is about to handle,
// from the headers the server observed before its middleware ran.
//
// It asks Decide a second time, which is cheap and gives the same answer
// the adapter is about to get. It is the only place that knows how the demo
// learns about refusals: when core reports them to a hook, this function is
// replaced by that hook and nothing else changes.
func refusal(p *core.Policy, method, path string, h http.Header) (core.Reason, bool) {
	d := p.Decide(core.Request{
		Method:                method,
		Origin:                h["Origin"],
		RequestMethod:         h["Access-Control-Request-Method"],
		RequestHeaders:        h["Access-Control-Request-Headers"],
		RequestPrivateNetwork: h["Access-Control-Request-Private-Network"],
		Path:                  path,
	})
	if d.Allowed {
		return core.Reason{}, false
	}
	return d.Reason, true
}
