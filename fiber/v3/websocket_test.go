package corsfiber_test

import (
	"net/http"
	"testing"

	corsfiber "github.com/crossgate/crossgate/fiber/v3"
	"github.com/crossgate/crossgate/internal/adaptertest"
	"github.com/gofiber/fiber/v3"
)

func TestWebSocketOrigin(t *testing.T) {
	adaptertest.RunWebSocket(t, func(t *testing.T, c adaptertest.WebSocketCase, req *http.Request) *http.Response {
		app := fiber.New(fiber.Config{})
		guard := corsfiber.WebSocketOrigin(adaptertest.WebSocketPolicy(t, c), corsfiber.WebSocketOptions{AllowAnyOrigin: c.AllowAny})
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
