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

func ExampleRoute() {
	p, err := core.New(core.Config{
		Origins: []string{"https://app.example.com"},
		Methods: []string{http.MethodPut},
	})
	if err != nil {
		log.Fatal(err)
	}
	r := chi.NewRouter()
	r.Get("/health", func(w http.ResponseWriter, _ *http.Request) {}) // no CORS
	corschi.Route(r, "/v2", p, func(r chi.Router) {                   // CORS under /v2 only
		r.Put("/items/{id}", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusNoContent)
		})
	})

	for _, path := range []string{"/v2/items/7", "/health"} {
		// A browser's preflight before a PUT from https://app.example.com.
		req := httptest.NewRequest(http.MethodOptions, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		req.Header.Set("Access-Control-Request-Method", "PUT")
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		fmt.Printf("%s: %d %q\n", path, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /v2/items/7: 204 "https://app.example.com"
	// /health: 405 ""
}
