package corshttp

import (
	"net/http"

	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
)

// WebSocketOptions are the settings of WebSocketOrigin.
type WebSocketOptions struct {
	// AllowAnyOrigin lets a policy that allows every origin ("*") accept
	// handshakes from every origin. Off by default: a WebSocket connection
	// carries the user's cookies, so under "*" any site's page could act as
	// the user over it, which a "*" CORS answer never allows.
	AllowAnyOrigin bool
}

// WebSocketOrigin returns p's origin check for WebSocket handshakes, in the
// shape gorilla/websocket's Upgrader.CheckOrigin takes. It works for any
// net/http server, gin's and echo's included (their requests are
// *http.Request).
//
// CORS does not protect a WebSocket handshake: the browser sends the page's
// Origin and cookies and opens the connection whatever the server's CORS
// answers, so the server must refuse foreign origins itself. The check
// asks p about the request's Origin as it would about an actual CORS
// request to the same path (scopes included). It refuses several Origin
// lines and "null", and an origin p allows only through "*" unless
// o.AllowAnyOrigin. A request without Origin is allowed: browsers always
// send one, so it comes from a client that holds no page's cookies (as
// gorilla's own default check decides).
//
// With coder/websocket, call it before websocket.Accept, answer 403 when it
// refuses, and set AcceptOptions.InsecureSkipVerify so that Accept does not
// apply its own same-host rule on top.
func WebSocketOrigin(p *core.Policy, o WebSocketOptions) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return adapter.WebSocketOriginAllowed(p, r.URL.Path, r.Header["Origin"], o.AllowAnyOrigin)
	}
}
