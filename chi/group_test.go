package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	"github.com/go-chi/chi/v5"
)

// routeApp is a router with CORS only under /v2, made by corschi.Route when
// helper is true and by r.Group with Use otherwise. Its routes have no
// OPTIONS handler; /v2x and /open are outside.
func routeApp(t *testing.T, pass, helper bool) http.Handler {
	t.Helper()
	p, err := core.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	app := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-App", "ran")
		_, _ = w.Write([]byte("app"))
	}
	r := chi.NewRouter()
	if helper {
		corschi.Route(r, "/v2", p, func(r chi.Router) {
			r.Get("/items", app)
			r.Put("/items", app)
		})
	} else {
		r.Group(func(r chi.Router) {
			r.Use(corschi.Middleware(p))
			r.Get("/v2/items", app)
			r.Put("/v2/items", app)
		})
	}
	r.Get("/v2x", app)
	r.Get("/open", app)
	return r
}

func TestRoute(t *testing.T) {
	pf := func(origin string) map[string]string {
		return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}
	}
	tests := []struct {
		name   string
		plain  bool // attach inside r.Group instead of corschi.Route
		pass   bool
		method string
		path   string
		header map[string]string
		status int
		app    bool
		acao   string
		vary   string
		allow  string
	}{
		{name: "preflight to a route without OPTIONS handler", method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to an unknown path in the sub-router", method: "OPTIONS", path: "/v2/a/b", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to the pattern itself", method: "OPTIONS", path: "/v2", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "refused preflight", method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 403, vary: preflightVary},
		{name: "OPTIONS without ACRM gets chi's 405", method: "OPTIONS", path: "/v2/items", header: map[string]string{"Origin": allowed}, status: 405, acao: allowed, vary: "Origin", allow: "GET, PUT"},
		{name: "OPTIONS without ACRM to an unknown path gets chi's 404", method: "OPTIONS", path: "/v2/nowhere", header: map[string]string{"Origin": allowed}, status: 404, acao: allowed, vary: "Origin"},
		{name: "passed preflight gets chi's 405", pass: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 405, acao: allowed, vary: preflightVary, allow: "GET, PUT"},
		{name: "actual request in the sub-router", method: "PUT", path: "/v2/items", header: map[string]string{"Origin": allowed}, status: 200, app: true, acao: allowed, vary: "Origin"},
		{name: "actual request outside", method: "GET", path: "/open", header: map[string]string{"Origin": allowed}, status: 200, app: true},
		{name: "sibling path outside", method: "GET", path: "/v2x", header: map[string]string{"Origin": allowed}, status: 200, app: true},
		{name: "preflight outside is chi's", method: "OPTIONS", path: "/v2x", header: pf(allowed), status: 405, allow: "GET"},
		// The negative control: r.Group's middleware wraps only its
		// endpoints, so chi answers these preflights itself.
		{name: "plain r.Group misses a preflight", plain: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 405, allow: "GET, PUT"},
		{name: "plain r.Group misses a refused preflight", plain: true, method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 405, allow: "GET, PUT"},
		{name: "plain r.Group misses an unknown path", plain: true, method: "OPTIONS", path: "/v2/nowhere", header: pf(allowed), status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			routeApp(t, tt.pass, !tt.plain).ServeHTTP(rec, req)

			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d", rec.Code, tt.status)
			}
			if ran := rec.Header().Get("X-App") == "ran"; ran != tt.app {
				t.Errorf("application ran = %v, want %v", ran, tt.app)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.acao)
			}
			if got := strings.Join(rec.Header().Values("Vary"), ", "); got != tt.vary {
				t.Errorf("Vary = %q, want %q", got, tt.vary)
			}
			// chi lists allowed methods in no fixed order.
			if got := sortedList(rec.Header().Values("Allow")); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
		})
	}
}

// sortedList joins the comma-separated elements of lines, sorted.
func sortedList(lines []string) string {
	var all []string
	for _, l := range lines {
		for _, e := range strings.Split(l, ",") {
			all = append(all, strings.TrimSpace(e))
		}
	}
	slices.Sort(all)
	return strings.Join(all, ", ")
}

// TestRouteNilFn checks that routes added to the returned sub-router after
// Route are protected too.
func TestRouteNilFn(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	r := chi.NewRouter()
	sub := corschi.Route(r, "/v2", p, nil)
	sub.Get("/late", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("app")) })

	req := httptest.NewRequest(http.MethodGet, "/v2/late", nil)
	req.Header.Set("Origin", allowed)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Access-Control-Allow-Origin") != allowed {
		t.Errorf("GET /v2/late: status %d, Access-Control-Allow-Origin %q; want 200 and %q",
			rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), allowed)
	}
}

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// The origins of the shared cases, by the names this package's tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)
