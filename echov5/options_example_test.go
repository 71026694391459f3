package corsecho_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
	"github.com/labstack/echo/v5"
)

func ExampleMust() {
	e := echo.New()
	e.Use(corsecho.Must(core.PublicAPI())) // panics at start-up on an invalid Config
	e.GET("/items", func(c *echo.Context) error { return c.String(http.StatusOK, "[]") })

	req := httptest.NewRequest(http.MethodGet, "/items", nil)
	req.Header.Set("Origin", "https://anyone.example")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output: 200 *
}

func ExampleMiddlewareWithConfig() {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	e := echo.New()
	e.Use(corsecho.MiddlewareWithConfig(corsecho.Config{
		Policy: p,
		// No page may read the metrics, whatever the policy allows.
		Skipper: func(c *echo.Context) bool { return strings.HasPrefix(c.Path(), "/metrics") },
	}))
	ok := func(c *echo.Context) error { return c.NoContent(http.StatusOK) }
	e.GET("/metrics", ok)
	e.GET("/items", ok)

	for _, path := range []string{"/metrics", "/items"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		fmt.Printf("%s: %d %q\n", path, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /metrics: 200 ""
	// /items: 200 "https://app.example.com"
}
