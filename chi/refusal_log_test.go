package corschi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
)

func TestRefusalLogs(t *testing.T) {
	adaptertest.RunRefusalLogs(t, func(t *testing.T, p *core.Policy, trust bool) string {
		r := chi.NewRouter()
		r.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				ctx := context.WithValue(req.Context(), adaptertest.RequestIDKey, req.Header.Get("X-Request-Id"))
				next.ServeHTTP(w, req.WithContext(ctx))
			})
		})
		r.Use(corschi.MiddlewareWithOptions(p, corschi.Options{TrustProxyHeaders: trust}))
		ok := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
		r.Get("/r", ok)
		r.Post("/r", ok)
		srv := httptest.NewServer(r)
		t.Cleanup(srv.Close)
		return srv.URL
	})
}
