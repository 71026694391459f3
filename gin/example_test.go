package corsgin_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
)

func Example() {
	cors, err := corsgin.New(core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{http.MethodPut, http.MethodDelete},
		RequestHeaders: []string{"Content-Type"},
	})
	if err != nil {
		log.Fatal(err)
	}
	r := gin.New()
	r.Use(cors) // on the engine, before any route: preflights to every path reach it
	r.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	// A browser's preflight before a PUT from https://app.example.com.
	req := httptest.NewRequest(http.MethodOptions, "/items/7", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output: 204 https://app.example.com
}
