package corsfiber_test

import (
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
	"net/http"
	"testing"

	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
)

func TestWebSocketOrigin(t *testing.T) {
	fasthttptest.RunWebSocket(t, func(t *testing.T, c fasthttptest.WebSocketCase, req *http.Request) *http.Response {
		app := fiber.New(fiber.Config{})
		guard := corsfiber.WebSocketOrigin(fasthttptest.WebSocketPolicy(t, c), corsfiber.WebSocketOptions{AllowAnyOrigin: c.AllowAny})
		app.Get("/ws", guard, func(c fiber.Ctx) error {
			c.Set("X-App", "ran")
			return c.SendStatus(http.StatusOK)
		})
		res, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	})
}
