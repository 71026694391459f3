package corshttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corshttp "github.com/crossgate/crossgate/http"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// router is an application with the middleware wrapped around the whole mux,
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
	mw := corshttp.Middleware(p)
	if c.Skip {
		mw = corshttp.MiddlewareWithOptions(p, corshttp.Options{
			Skip:           func(r *http.Request) bool { return r.Header.Get(adaptertest.SkipHeader) != "" },
			SkipPreflights: c.SkipPreflights,
		})
	}
	mux := http.NewServeMux()
	app := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-App", "ran")
		_, _ = w.Write([]byte("app"))
	}
	mux.HandleFunc("GET /r", app)
	mux.HandleFunc("PUT /r", app)
	mux.HandleFunc("OPTIONS /own", app)
	h := mw(mux)
	if c.OuterVary {
		inner := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Vary", "Accept-Encoding")
			inner.ServeHTTP(w, r)
		})
	}
	return h
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
	adaptertest.CheckMust(t, func(cfg core.Config) { corshttp.Must(cfg) })
}

func TestNewReturnsCoreError(t *testing.T) {
	cfg := core.Config{Origins: []string{"*"}, Credentials: true}
	_, want := core.New(cfg)
	if want == nil {
		t.Fatal("core.New accepts * with credentials; it must refuse them")
	}
	mw, err := corshttp.New(cfg)
	if err == nil || mw != nil {
		t.Fatalf("New = %v, %v; want nil and an error", mw != nil, err)
	}
	if err.Error() != want.Error() {
		t.Errorf("error = %q, want core's %q", err, want)
	}
}
