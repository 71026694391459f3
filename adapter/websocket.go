// WebSocketOriginAllowed is the origin check that the adapters offer to
// WebSocket servers. A WebSocket handshake carries the page's Origin and
// its cookies, and no CORS protects it: the browser opens the connection
// whatever the server answers to CORS, so the server must refuse a foreign
// origin itself (RFC 6455, section 10.2). The check asks the policy about
// the origin as it would about an actual CORS request to the same path.

package adapter

import "github.com/crossgate/crossgate/core"

// WebSocketOriginAllowed tells whether a handshake to path with these Origin lines may
// proceed under p:
//   - no Origin: yes. Browsers always send one; a client without it is not
//     a browser and carries no page's cookies (gorilla/websocket's default
//     check does the same).
//   - several Origin lines, or "null" (sandboxed frames, file: pages): no.
//   - an origin the policy refuses: no.
//   - an origin the policy allows only through "*": only when anyOrigin,
//     since the connection carries the user's cookies, which "*" never
//     lets a CORS response share.
//   - any other origin the policy allows: yes.
func WebSocketOriginAllowed(p *core.Policy, path string, origin []string, anyOrigin bool) bool {
	switch {
	case len(origin) == 0:
		return true
	case len(origin) > 1 || origin[0] == "null":
		return false
	}
	d := p.Decide(core.Request{Method: "GET", Origin: origin, Path: path})
	if !d.Allowed {
		return false
	}
	return anyOrigin || !wildcard(&d)
}

// wildcard tells whether d allows its origin only as any origin: it
// answers Access-Control-Allow-Origin: *.
func wildcard(d *core.Decision) bool {
	for i := range d.Len() {
		if name, lines := d.Header(i); name == "Access-Control-Allow-Origin" {
			return lines[0] == "*"
		}
	}
	return false
}
