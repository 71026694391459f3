package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/internal/adaptertest"
	"github.com/go-chi/chi/v5"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// router is an application with the middleware attached at the top level.
// /r has no OPTIONS handler, so only top-level middleware sees preflights to
// it; /own answers OPTIONS itself. outerVary adds an outer middleware that
// sets Vary before CORS runs.
func router(t *testing.T, pass, outerVary bool) http.Handler {
	t.Helper()
	mw, err := corschi.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	r := chi.NewRouter()
	if outerVary {
		r.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Vary", "Accept-Encoding")
				next.ServeHTTP(w, r)
			})
		})
	}
	r.Use(mw)
	app := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-App", "ran")
		_, _ = w.Write([]byte("app"))
	}
	r.Get("/r", app)
	r.Put("/r", app)
	r.Options("/own", app)
	return r
}

func TestMiddleware(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		router(t, c.Pass, c.OuterVary).ServeHTTP(rec, req)
		return rec.Result()
	})
}

func TestNewReturnsCoreError(t *testing.T) {
	cfg := core.Config{Origins: []string{"*"}, Credentials: true}
	_, want := core.New(cfg)
	if want == nil {
		t.Fatal("core.New accepts * with credentials; it must refuse them")
	}
	mw, err := corschi.New(cfg)
	if err == nil || mw != nil {
		t.Fatalf("New = %v, %v; want nil and an error", mw != nil, err)
	}
	if err.Error() != want.Error() {
		t.Errorf("error = %q, want core's %q", err, want)
	}
}
