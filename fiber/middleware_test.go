package corsfiber_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/gofiber/fiber/v2"
)

const (
	allowed = "https://app.example"
	refused = "https://evil.example"

	// preflightVary is the Vary line of every preflight (docs/SEMANTICS.md).
	preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
)

// config is the policy under test; pass turns on PassPreflight.
func config(pass bool) core.Config {
	return core.Config{
		Origins:        []string{allowed},
		Methods:        []string{http.MethodPut},
		RequestHeaders: []string{"X-Token"},
		PassPreflight:  pass,
	}
}

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
	tests := []struct {
		name      string
		pass      bool
		outerVary bool
		method    string
		path      string
		header    map[string]string
		status    int
		app       bool
		acao      string
		vary      []string
	}{{
		name: "allowed actual request passes", method: "GET", path: "/r",
		header: map[string]string{"Origin": allowed},
		status: 200, app: true, acao: allowed, vary: []string{"Origin"},
	}, {
		name: "allowed preflight ended", method: "OPTIONS", path: "/r",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 204, acao: allowed, vary: []string{preflightVary},
	}, {
		name: "allowed preflight to an unknown path ended", method: "OPTIONS", path: "/nowhere",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 204, acao: allowed, vary: []string{preflightVary},
	}, {
		name: "refused origin preflight 403", method: "OPTIONS", path: "/r",
		header: map[string]string{"Origin": refused, "Access-Control-Request-Method": "PUT"},
		status: 403, vary: []string{preflightVary},
	}, {
		name: "refused preflight never reaches an OPTIONS handler", method: "OPTIONS", path: "/own",
		header: map[string]string{"Origin": refused, "Access-Control-Request-Method": "PUT"},
		status: 403, vary: []string{preflightVary},
	}, {
		name: "Vary appended after outer middleware", outerVary: true, method: "GET", path: "/r",
		header: map[string]string{"Origin": allowed},
		status: 200, app: true, acao: allowed, vary: []string{"Accept-Encoding", "Origin"},
	}, {
		name: "PassPreflight calls the next handler", pass: true, method: "OPTIONS", path: "/own",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 200, app: true, acao: allowed, vary: []string{preflightVary},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := newApp(t, tt.pass, tt.outerVary).Test(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}

			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if ran := res.Header.Get("X-App") == "ran"; ran != tt.app {
				t.Errorf("application ran = %v, want %v", ran, tt.app)
			}
			if !tt.app && len(body) != 0 {
				t.Errorf("body = %q, want empty", body)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.acao)
			}
			if got := res.Header.Values("Vary"); !slices.Equal(got, tt.vary) {
				t.Errorf("Vary = %q, want %q", got, tt.vary)
			}
		})
	}
}
