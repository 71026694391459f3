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

func Example() {
	cors, err := corsecho.New(core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{http.MethodPut, http.MethodDelete},
		RequestHeaders: []string{"Content-Type"},
	})
	if err != nil {
		log.Fatal(err)
	}
	e := echo.New()
	e.Use(cors) // e.Use, not route-level: preflights to every path reach it
	e.PUT("/items/:id", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })

	// A browser's preflight before a PUT from https://app.example.com.
	req := httptest.NewRequest(http.MethodOptions, "/items/7", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output: 204 https://app.example.com
}
