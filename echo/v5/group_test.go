package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo/v5"
	"github.com/labstack/echo/v5"
)

// Ways to attach the policy to the group /v2 in groupApp.
const (
	withGroup  = iota // corsecho.Group
	routeLevel        // g.GET(path, h, mw): misses preflights
	useAfter          // g.Use(mw) after the group's routes
)

// groupApp is a server with CORS only on the group /v2, attached as
// attach says. Its routes have no OPTIONS handler; /v2x and /open are
// outside the group.
func groupApp(t *testing.T, pass bool, attach int) http.Handler {
	t.Helper()
	p, err := core.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	app := func(c *echo.Context) error {
		c.Response().Header().Set("X-App", "ran")
		return c.String(http.StatusOK, "app")
	}
	e := echo.New()
	switch attach {
	case withGroup:
		g := corsecho.Group(e, "/v2", p)
		g.GET("/items", app)
		g.PUT("/items", app)
	case routeLevel:
		g := e.Group("/v2")
		g.GET("/items", app, corsecho.Middleware(p))
		g.PUT("/items", app, corsecho.Middleware(p))
	case useAfter:
		g := e.Group("/v2")
		g.GET("/items", app)
		g.PUT("/items", app)
		g.Use(corsecho.Middleware(p))
	}
	e.GET("/v2x", app)
	e.GET("/open", app)
	return e
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
		{name: "OPTIONS without ACRM gets the group's 404", method: "OPTIONS", path: "/v2/items", header: get, status: 404, acao: allowed, vary: "Origin"},
		{name: "passed preflight gets the group's 404", pass: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 404, acao: allowed, vary: preflightVary},
		{name: "actual request in the group", method: "PUT", path: "/v2/items", header: get, status: 200, app: true, acao: allowed, vary: "Origin"},
		{name: "actual request outside the group", method: "GET", path: "/open", header: get, status: 200, app: true},
		{name: "sibling path outside the group", method: "GET", path: "/v2x", header: get, status: 200, app: true},
		{name: "preflight outside the group is echo's", method: "OPTIONS", path: "/v2x", header: pf(allowed), status: 204},
		// Negative controls: the two ways to get it wrong in echo.
		{name: "route-level middleware misses a preflight", attach: routeLevel, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 204},
		{name: "route-level middleware misses a refused preflight", attach: routeLevel, method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 204},
		{name: "g.Use after the routes misses actual requests", attach: useAfter, method: "PUT", path: "/v2/items", header: get, status: 200, app: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			groupApp(t, tt.pass, tt.attach).ServeHTTP(rec, req)

			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d", rec.Code, tt.status)
			}
			if ran := rec.Header().Get("X-App") == "ran"; ran != tt.app {
				t.Errorf("application ran = %v, want %v", ran, tt.app)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.acao)
			}
			if got := strings.Join(rec.Header().Values("Vary"), ", "); got != tt.vary {
				t.Errorf("Vary = %q, want %q", got, tt.vary)
			}
		})
	}
}

// TestGroupOfGroup checks that Group accepts an *echo.Group as parent and
// protects only the nested prefix.
func TestGroupOfGroup(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	api := e.Group("/api")
	corsecho.Group(api, "/v2", p).GET("/items", func(c *echo.Context) error { return c.NoContent(http.StatusOK) })
	api.GET("/v1/items", func(c *echo.Context) error { return c.NoContent(http.StatusOK) })

	for path, want := range map[string]string{"/api/v2/items": allowed, "/api/v1/items": ""} {
		req := httptest.NewRequest(http.MethodOptions, path, nil)
		req.Header.Set("Origin", allowed)
		req.Header.Set("Access-Control-Request-Method", "PUT")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("preflight to %s: Access-Control-Allow-Origin = %q, want %q", path, got, want)
		}
	}
}

// TestGroupWithoutAutoRoutes checks Group under
// echo.Config.NoGroupAutoRegister404Routes, where echo registers no
// catch-all routes for a group: Group registers them, so preflights to a
// route without an OPTIONS handler and to an unknown path in the group
// still reach the policy. The plain group with middleware is the negative
// control: echo's automatic OPTIONS handler answers without CORS headers.
func TestGroupWithoutAutoRoutes(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	ok := func(c *echo.Context) error { return c.NoContent(http.StatusOK) }
	for _, tt := range []struct {
		name   string
		helper bool
		path   string
		status int
		acao   string
	}{
		{"route without OPTIONS handler", true, "/v2/items", 204, allowed},
		{"unknown path", true, "/v2/nowhere", 204, allowed},
		{"the group's own path", true, "/v2", 204, allowed},
		{"plain group, route without OPTIONS handler", false, "/v2/items", 204, ""},
		{"plain group, unknown path", false, "/v2/nowhere", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := echo.NewWithConfig(echo.Config{NoGroupAutoRegister404Routes: true})
			g := e.Group("/v2", corsecho.Middleware(p))
			if tt.helper {
				g = corsecho.Group(e, "/v2", p)
			}
			g.PUT("/items", ok)
			req := httptest.NewRequest(http.MethodOptions, tt.path, nil)
			req.Header.Set("Origin", allowed)
			req.Header.Set("Access-Control-Request-Method", "PUT")
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); rec.Code != tt.status || got != tt.acao {
				t.Errorf("status %d, Access-Control-Allow-Origin %q; want %d, %q", rec.Code, got, tt.status, tt.acao)
			}
		})
	}
}
