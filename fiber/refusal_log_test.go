package corsfiber_test

import (
	"context"
	"net"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
)

func TestRefusalLogs(t *testing.T) {
	adaptertest.RunRefusalLogs(t, func(t *testing.T, p *core.Policy, trust bool) string {
		app := fiber.New(fiber.Config{DisableStartupMessage: true})
		app.Use(func(c *fiber.Ctx) error {
			c.SetUserContext(context.WithValue(c.UserContext(), adaptertest.RequestIDKey, c.Get("X-Request-Id")))
			return c.Next()
		})
		app.Use(corsfiber.MiddlewareWithConfig(corsfiber.Config{Policy: p, TrustProxyHeaders: trust}))
		ok := func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) }
		app.Get("/r", ok)
		app.Post("/r", ok)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go app.Listener(ln)
		t.Cleanup(func() { app.Shutdown() })
		return "http://" + ln.Addr().String()
	})
}
