package servers

import (
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/fiber/fibertest"
	fiber3test "github.com/crossgate/crossgate/fiberv3/fibertest"
	"net"
	"net/http"

	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
)

// WebSocketGuards serve, in each fasthttp framework, an application whose
// only route, GET /api/items, is guarded by the adapter's WebSocketOrigin
// under the served policy: a refused handshake gets 403, any other request
// reaches the handler, which answers 200 (it stands for the upgrade) and
// keeps the connection open for the next request.
func WebSocketGuards() []conformance.Framework {
	return []conformance.Framework{
		{Name: "fiber", Variant: "websocket", Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			app := fibertest.New(opts)
			app.Get(conformance.PathItems, corsfiber.WebSocketOrigin(p, corsfiber.WebSocketOptions{}), func(c *fiber.Ctx) error {
				return c.SendStatus(http.StatusOK)
			})
			return fibertest.Listen(app, ln), nil
		}},
		{Name: "fiberv3", Variant: "websocket", Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			app := fiber3test.New(opts)
			app.Get(conformance.PathItems, corsfiber3.WebSocketOrigin(p, corsfiber3.WebSocketOptions{}), func(c fiber3.Ctx) error {
				return c.SendStatus(http.StatusOK)
			})
			return fiber3test.Listen(app, ln), nil
		}},
	}
}
