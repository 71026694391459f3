package corsfiber_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber/v3"
	"github.com/gofiber/fiber/v3"
)

// Ways to attach the policy to the group /v2 in groupApp.
const (
	withGroup  = iota // corsfiber.Group
	routeLevel        // g.Get(path, mw, h): misses preflights
)

// groupApp is an app with CORS only on the group /v2, attached as attach
// says. Its routes have no OPTIONS handler; /v2x and /open are outside
// the group.
func groupApp(t *testing.T, pass bool, attach int) *fiber.App {
	t.Helper()
	p, err := core.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	app := func(c fiber.Ctx) error {
		c.Set("X-App", "ran")
		return c.SendString("app")
	}
	a := fiber.New(fiber.Config{})
	switch attach {
	case withGroup:
		g := corsfiber.Group(a, "/v2", p)
		g.Get("/items", app)
		g.Put("/items", app)
	case routeLevel:
		g := a.Group("/v2")
		g.Get("/items", corsfiber.Middleware(p), app)
		g.Put("/items", corsfiber.Middleware(p), app)
	}
	a.Get("/v2x", app)
	a.Get("/open", app)
	return a
}

func TestGroup(t *testing.T) {
	pf := func(origin string) map[string]string {
		return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}
	}
	get := map[string]string{"Origin": allowed}
	tests := []struct {
		name   string
		attach int
		pass   bool
		method string
		path   string
		header map[string]string
		status int
		app    bool
		acao   string
		vary   string
	}{
		{name: "preflight to a route without OPTIONS handler", method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to an unknown path in the group", method: "OPTIONS", path: "/v2/a/b", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to the group's own path", method: "OPTIONS", path: "/v2", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "refused preflight", method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 403, vary: preflightVary},
		{name: "OPTIONS without ACRM gets fiber's 405", method: "OPTIONS", path: "/v2/items", header: get, status: 405, acao: allowed, vary: "Origin"},
		{name: "OPTIONS without ACRM to an unknown path gets fiber's 404", method: "OPTIONS", path: "/v2/nowhere", header: get, status: 404, acao: allowed, vary: "Origin"},
		{name: "passed preflight gets fiber's 405", pass: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 405, acao: allowed, vary: preflightVary},
		{name: "actual request in the group", method: "PUT", path: "/v2/items", header: get, status: 200, app: true, acao: allowed, vary: "Origin"},
		{name: "actual request outside the group", method: "GET", path: "/open", header: get, status: 200, app: true},
		{name: "sibling path outside the group", method: "GET", path: "/v2x", header: get, status: 200, app: true},
		{name: "preflight to a sibling path is fiber's", method: "OPTIONS", path: "/v2x", header: pf(allowed), status: 405},
		// Negative control: route-level middleware misses preflights.
		{name: "route-level middleware misses a preflight", attach: routeLevel, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 405},
		{name: "route-level middleware misses a refused preflight", attach: routeLevel, method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := groupApp(t, tt.pass, tt.attach).Test(req)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, res.Body); err != nil {
				t.Fatal(err)
			}

			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if ran := res.Header.Get("X-App") == "ran"; ran != tt.app {
				t.Errorf("application ran = %v, want %v", ran, tt.app)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.acao)
			}
			if got := strings.Join(res.Header.Values("Vary"), ", "); got != tt.vary {
				t.Errorf("Vary = %q, want %q", got, tt.vary)
			}
		})
	}
}

// TestGroupPaths checks the group's boundary under fiber's routing options
// and with a parameter in the prefix.
func TestGroupPaths(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cfg    fiber.Config
		prefix string
		path   string
		want   int
	}{
		{"trailing slash", fiber.Config{}, "/v2", "/v2/", 204},
		{"case-insensitive by default", fiber.Config{}, "/v2", "/V2/items", 204},
		{"CaseSensitive", fiber.Config{CaseSensitive: true}, "/v2", "/V2/items", 404},
		{"StrictRouting, prefix", fiber.Config{StrictRouting: true}, "/v2", "/v2", 204},
		{"StrictRouting, below", fiber.Config{StrictRouting: true}, "/v2", "/v2/items", 204},
		{"StrictRouting, sibling", fiber.Config{StrictRouting: true}, "/v2", "/v2x", 404},
		{"parameter", fiber.Config{}, "/t/:tenant", "/t/acme/items", 204},
		{"parameter, prefix", fiber.Config{}, "/t/:tenant", "/t/acme", 204},
		{"parameter, elsewhere", fiber.Config{}, "/t/:tenant", "/u/acme", 404},
		{"root", fiber.Config{}, "/", "/anything", 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fiber.New(tt.cfg)
			corsfiber.Group(a, tt.prefix, p)
			req := httptest.NewRequest(http.MethodOptions, tt.path, nil)
			req.Header.Set("Origin", allowed)
			req.Header.Set("Access-Control-Request-Method", "PUT")
			res, err := a.Test(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
}
