package corsfiber_test

import (
	"net/http"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/crossgate/crossgate/internal/adaptertest"
	"github.com/gofiber/fiber/v2"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// newApp is an application with the middleware attached with app.Use.
// /r has no OPTIONS handler, so only app.Use middleware sees preflights to
// it; /own answers OPTIONS itself. outerVary adds an outer middleware that
// sets Vary before CORS runs.
func newApp(t *testing.T, pass, outerVary bool) *fiber.App {
	t.Helper()
	mw, err := corsfiber.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	if outerVary {
		app.Use(func(c *fiber.Ctx) error {
			c.Set("Vary", "Accept-Encoding")
			return c.Next()
		})
	}
	app.Use(mw)
	handler := func(c *fiber.Ctx) error {
		c.Set("X-App", "ran")
		return c.SendString("app")
	}
	app.Get("/r", handler)
	app.Put("/r", handler)
	app.Options("/own", handler)
	return app
}

func TestMiddleware(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		res, err := newApp(t, c.Pass, c.OuterVary).Test(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	})
}
