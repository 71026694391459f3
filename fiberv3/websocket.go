package corsfiber

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/fasthttp"
	"github.com/gofiber/fiber/v3"
)

// WebSocketOptions are the settings of WebSocketOrigin.
type WebSocketOptions struct {
	// AllowAnyOrigin lets a policy that allows every origin ("*") accept
	// handshakes from every origin. Off by default: a WebSocket connection
	// carries the user's cookies, so under "*" any site's page could act as
	// the user over it, which a "*" CORS answer never allows.
	AllowAnyOrigin bool
}

// WebSocketOrigin returns middleware that ends with 403 a WebSocket
// handshake whose origin p refuses, and hands every other request on. Put
// it in front of fiber's websocket handler, whose own Origins option
// compares exact strings only:
//
//	app.Get("/ws", corsfiber.WebSocketOrigin(p, corsfiber.WebSocketOptions{}), websocket.New(handler))
//
// CORS does not protect a WebSocket handshake: the browser sends the page's
// Origin and cookies and opens the connection whatever the server's CORS
// answers, so the server must refuse foreign origins itself. The check
// asks p about the handshake's Origin as it would about an actual CORS
// request to the same path (scopes included). It refuses several Origin
// lines and "null", and an origin p allows only through "*" unless
// o.AllowAnyOrigin. A handshake without Origin is allowed: browsers always
// send one, so it comes from a client that holds no page's cookies.
func WebSocketOrigin(p *core.Policy, o WebSocketOptions) fiber.Handler {
	return func(c fiber.Ctx) error {
		if corsfasthttp.WebSocketRefused(&c.Request().Header, corsfasthttp.Path(c.Request()), c.App().Server().DisableHeaderNamesNormalizing, p, o.AllowAnyOrigin) {
			c.Status(http.StatusForbidden)
			return nil
		}
		return c.Next()
	}
}
