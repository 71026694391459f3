package corsfiber_test

import (
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
)

func ExampleWebSocketOrigin() {
	p, err := core.New(core.Config{Origins: []string{"https://chat.example.com"}, Credentials: true})
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New(fiber.Config{})
	// In an app: app.Get("/ws", corsfiber.WebSocketOrigin(p, ...), websocket.New(handler))
	app.Get("/ws", corsfiber.WebSocketOrigin(p, corsfiber.WebSocketOptions{}), func(c fiber.Ctx) error {
		return c.SendString("upgrade here")
	})

	for _, origin := range []string{"https://chat.example.com", "https://evil.example"} {
		req := httptest.NewRequest("GET", "/ws", nil)
		req.Header.Set("Connection", "Upgrade")
		req.Header.Set("Upgrade", "websocket")
		req.Header.Set("Origin", origin)
		res, err := app.Test(req)
		if err != nil {
			log.Fatal(err)
		}
		res.Body.Close()
		fmt.Println(origin, res.StatusCode)
	}
	// Output:
	// https://chat.example.com 200
	// https://evil.example 403
}
