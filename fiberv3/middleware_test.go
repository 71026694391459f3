package corsfiber_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// newApp is an application with the middleware attached with app.Use,
// built as c says. /r has no OPTIONS handler, so only app.Use middleware
// sees preflights to it; /own answers OPTIONS itself. c.OuterVary adds an
// outer middleware that sets Vary before CORS runs; c.Skip gives the
// middleware a Next for requests with adaptertest.SkipHeader.
func newApp(t *testing.T, c adaptertest.Case) *fiber.App {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	mw := corsfiber.Middleware(p)
	if c.Skip {
		mw = corsfiber.MiddlewareWithConfig(corsfiber.Config{
			Policy:         p,
			Next:           func(c fiber.Ctx) bool { return c.Get(adaptertest.SkipHeader) != "" },
			SkipPreflights: c.SkipPreflights,
		})
	}
	app := fiber.New(fiber.Config{})
	if c.OuterVary {
		app.Use(func(c fiber.Ctx) error {
			c.Set("Vary", "Accept-Encoding")
			return c.Next()
		})
	}
	app.Use(mw)
	handler := func(c fiber.Ctx) error {
		c.Set("X-App", "ran")
		return c.SendString("app")
	}
	app.Get("/r", handler)
	app.Put("/r", handler)
	app.Options("/own", handler)
	return app
}

// serve answers req with newApp(c).
func serve(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
	res, err := newApp(t, c).Test(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestMiddleware(t *testing.T) { adaptertest.Run(t, serve) }

func TestSkip(t *testing.T) { adaptertest.RunSkip(t, serve) }

func TestMust(t *testing.T) {
	adaptertest.CheckMust(t, func(cfg core.Config) { corsfiber.Must(cfg) })
}

// TestMiddlewareWithConfigRefusesNoPolicy: a Config without a Policy fails
// when the middleware is built, with a message that says what to set.
func TestMiddlewareWithConfigRefusesNoPolicy(t *testing.T) {
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, "Config.Policy is nil") {
			t.Errorf("panic = %q, want one naming Config.Policy", msg)
		}
	}()
	corsfiber.MiddlewareWithConfig(corsfiber.Config{})
}
