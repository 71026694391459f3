package corschi

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
	corshttp "github.com/crossgate/crossgate/http"
)

// The middleware is net/http's (package corshttp): chi routers are
// http.Handlers, so chi needs nothing of its own to read a request or write
// a decision. These names let a chi program import one package; the group
// helper (Route) is what chi adds.

// Options are the middleware's settings beyond the policy.
type Options = corshttp.Options

// New compiles cfg into a policy and returns the middleware that enforces
// it. The error is core.New's, unchanged, so errors.As still finds the typed
// problems it joins.
func New(cfg core.Config) (func(http.Handler) http.Handler, error) { return corshttp.New(cfg) }

// Must is New for a Config written in the program: it panics with core.New's
// error when cfg is invalid, so that r.Use(corschi.Must(cfg)) fits on one
// line, as template.Must does for templates.
func Must(cfg core.Config) func(http.Handler) http.Handler { return corshttp.Must(cfg) }

// Middleware returns chi middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Attach it with a top-level r.Use, before any route, so that preflights
// to routes without an OPTIONS handler reach it; see the package
// documentation.
func Middleware(p *core.Policy) func(http.Handler) http.Handler { return corshttp.Middleware(p) }

// MiddlewareWithOptions is Middleware with the settings in o.
func MiddlewareWithOptions(p *core.Policy, o Options) func(http.Handler) http.Handler {
	return corshttp.MiddlewareWithOptions(p, o)
}

// WebSocketOptions are the settings of WebSocketOrigin.
type WebSocketOptions = corshttp.WebSocketOptions

// WebSocketOrigin returns a check for a WebSocket handshake's Origin
// (gorilla/websocket's Upgrader.CheckOrigin, coder/websocket's
// OriginPatterns done right); see corshttp.WebSocketOrigin.
func WebSocketOrigin(p *core.Policy, o WebSocketOptions) func(*http.Request) bool {
	return corshttp.WebSocketOrigin(p, o)
}
