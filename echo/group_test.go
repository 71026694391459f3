package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	"github.com/labstack/echo/v4"
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
	app := func(c echo.Context) error {
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
	corsecho.Group(api, "/v2", p).GET("/items", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	api.GET("/v1/items", func(c echo.Context) error { return c.NoContent(http.StatusOK) })

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
