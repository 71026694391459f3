package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
	"github.com/labstack/echo/v5"
)

// groupApp is a server with CORS only on the group /v2, attached as
// c.Attach says (see adaptertest.EchoGroupCases). Its routes have no
// OPTIONS handler; /v2x and /open are outside the group.
func groupApp(t *testing.T, c adaptertest.Case) http.Handler {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	app := func(c *echo.Context) error {
		c.Response().Header().Set("X-App", "ran")
		return c.String(http.StatusOK, "app")
	}
	e := echo.New()
	switch c.Attach {
	case "":
		g := corsecho.Group(e, "/v2", p)
		g.GET("/items", app)
		g.PUT("/items", app)
	case adaptertest.AttachRouteLevel:
		g := e.Group("/v2")
		g.GET("/items", app, corsecho.Middleware(p))
		g.PUT("/items", app, corsecho.Middleware(p))
	case adaptertest.AttachUseAfter:
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
	adaptertest.RunGroup(t, adaptertest.EchoGroupCases, func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		groupApp(t, c).ServeHTTP(rec, req)
		return rec.Result()
	})
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
