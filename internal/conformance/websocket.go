package conformance

import (
	"net"
	"net/http"

	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiber/v3"
)

// WebSocketGuards serve, in each fasthttp framework, an application whose
// only route, GET /api/items, is guarded by the adapter's WebSocketOrigin
// under the served policy: a refused handshake gets 403, any other request
// reaches the handler, which answers 200 (it stands for the upgrade) and
// keeps the connection open for the next request.
func WebSocketGuards() []Framework {
	return []Framework{
		{Name: "fiber", Variant: "websocket", Serve: func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
			app := newFiberApp(opts)
			app.Get(pathItems, corsfiber.WebSocketOrigin(p, corsfiber.WebSocketOptions{}), func(c *fiber.Ctx) error {
				return c.SendStatus(http.StatusOK)
			})
			return listenFiber(app, ln), nil
		}},
		{Name: "fiberv3", Variant: "websocket", Serve: func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
			app := newFiberV3App(opts)
			app.Get(pathItems, corsfiber3.WebSocketOrigin(p, corsfiber3.WebSocketOptions{}), func(c fiber3.Ctx) error {
				return c.SendStatus(http.StatusOK)
			})
			return listenFiberV3(app, ln), nil
		}},
	}
}
