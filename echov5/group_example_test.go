package corsecho_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
	"github.com/labstack/echo/v5"
)

func ExampleGroup() {
	p, err := core.New(core.Config{
		Origins: []string{"https://app.example.com"},
		Methods: []string{http.MethodPut},
	})
	if err != nil {
		log.Fatal(err)
	}
	e := echo.New()
	e.GET("/health", func(c *echo.Context) error { return c.NoContent(http.StatusOK) }) // no CORS
	v2 := corsecho.Group(e, "/v2", p)                                                   // CORS on /v2 only
	v2.PUT("/items/:id", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })

	for _, path := range []string{"/v2/items/7", "/health"} {
		// A browser's preflight before a PUT from https://app.example.com.
		req := httptest.NewRequest(http.MethodOptions, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		req.Header.Set("Access-Control-Request-Method", "PUT")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		fmt.Printf("%s: %d %q\n", path, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /v2/items/7: 204 "https://app.example.com"
	// /health: 204 ""
}
