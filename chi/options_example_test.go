package corschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	"github.com/go-chi/chi/v5"
)

func ExampleMust() {
	r := chi.NewRouter()
	r.Use(corschi.Must(core.PublicAPI())) // panics at start-up on an invalid Config
	r.Get("/items", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "[]") })

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
	r := chi.NewRouter()
	r.Use(corschi.MiddlewareWithOptions(p, corschi.Options{
		// No page may read the metrics, whatever the policy allows.
		Skip: func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/metrics") },
	}))
	ok := func(w http.ResponseWriter, _ *http.Request) {}
	r.Get("/metrics", ok)
	r.Get("/items", ok)

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
