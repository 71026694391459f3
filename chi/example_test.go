package corschi_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	"github.com/go-chi/chi/v5"
)

func Example() {
	cors, err := corschi.New(core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{http.MethodPut, http.MethodDelete},
		RequestHeaders: []string{"Content-Type"},
	})
	if err != nil {
		log.Fatal(err)
	}
	r := chi.NewRouter()
	r.Use(cors) // top level, before any route: preflights to every path reach it
	r.Put("/items/{id}", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	// A browser's preflight before a PUT from https://app.example.com.
	req := httptest.NewRequest(http.MethodOptions, "/items/7", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output: 204 https://app.example.com
}
