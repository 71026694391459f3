package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
)

func ExampleMust() {
	r := gin.New()
	r.Use(corsgin.Must(core.PublicAPI())) // panics at start-up on an invalid Config
	r.GET("/items", func(c *gin.Context) { c.String(http.StatusOK, "[]") })

	req := httptest.NewRequest(http.MethodGet, "/items", nil)
	req.Header.Set("Origin", "https://anyone.example")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output: 200 *
}

func ExampleMiddlewareWithOptions() {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	r := gin.New()
	r.Use(corsgin.MiddlewareWithOptions(p, corsgin.Options{
		// No page may read the metrics, whatever the policy allows.
		Skip: func(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/metrics") },
	}))
	ok := func(c *gin.Context) { c.Status(http.StatusOK) }
	r.GET("/metrics", ok)
	r.GET("/items", ok)

	for _, path := range []string{"/metrics", "/items"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		fmt.Printf("%s: %d %q\n", path, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /metrics: 200 ""
	// /items: 200 "https://app.example.com"
}
