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

// router is an application with the middleware attached at the top level,
// built as c says. /r has no OPTIONS handler, so only top-level middleware
// sees preflights to it; /own answers OPTIONS itself. c.OuterVary adds an
// outer middleware that sets Vary before CORS runs; c.Skip gives the
// middleware a Skip predicate for requests with adaptertest.SkipHeader.
func router(t *testing.T, c adaptertest.Case) http.Handler {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	mw := corschi.Middleware(p)
	if c.Skip {
		mw = corschi.MiddlewareWithOptions(p, corschi.Options{
			Skip:           func(r *http.Request) bool { return r.Header.Get(adaptertest.SkipHeader) != "" },
			SkipPreflights: c.SkipPreflights,
		})
	}
	r := chi.NewRouter()
	if c.OuterVary {
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

// serve answers req with router(c).
func serve(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	router(t, c).ServeHTTP(rec, req)
	return rec.Result()
}

func TestMiddleware(t *testing.T) { adaptertest.Run(t, serve) }

func TestSkip(t *testing.T) { adaptertest.RunSkip(t, serve) }

func TestMust(t *testing.T) {
	adaptertest.CheckMust(t, func(cfg core.Config) { corschi.Must(cfg) })
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
