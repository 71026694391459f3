package corsgin_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
)

const (
	allowed = "https://app.example"
	refused = "https://evil.example"

	// preflightVary is the Vary line of every preflight (docs/SEMANTICS.md).
	preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
)

func TestMain(m *testing.M) {
	// Debug mode prints route tables to stdout, which Example's output
	// would then contain.
	gin.SetMode(gin.ReleaseMode)
	os.Exit(m.Run())
}

// config is the policy under test; pass turns on PassPreflight.
func config(pass bool) core.Config {
	return core.Config{
		Origins:        []string{allowed},
		Methods:        []string{http.MethodPut},
		RequestHeaders: []string{"X-Token"},
		PassPreflight:  pass,
	}
}

// router is an application with the middleware attached to the engine.
// /r has no OPTIONS handler, so only engine middleware sees preflights to
// it; /own answers OPTIONS itself. outerVary adds an outer middleware that
// sets Vary before CORS runs.
func router(t *testing.T, pass, outerVary bool) http.Handler {
	t.Helper()
	mw, err := corsgin.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	r := gin.New()
	if outerVary {
		r.Use(func(c *gin.Context) { c.Header("Vary", "Accept-Encoding") })
	}
	r.Use(mw)
	app := func(c *gin.Context) {
		c.Header("X-App", "ran")
		c.String(http.StatusOK, "app")
	}
	r.GET("/r", app)
	r.PUT("/r", app)
	r.OPTIONS("/own", app)
	return r
}

func TestMiddleware(t *testing.T) {
	tests := []struct {
		name      string
		pass      bool
		outerVary bool
		method    string
		path      string
		header    map[string]string
		status    int
		app       bool
		acao      string
		vary      []string
	}{{
		name: "allowed actual request passes", method: "GET", path: "/r",
		header: map[string]string{"Origin": allowed},
		status: 200, app: true, acao: allowed, vary: []string{"Origin"},
	}, {
		name: "allowed preflight ended", method: "OPTIONS", path: "/r",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 204, acao: allowed, vary: []string{preflightVary},
	}, {
		name: "allowed preflight to an unknown path ended", method: "OPTIONS", path: "/nowhere",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 204, acao: allowed, vary: []string{preflightVary},
	}, {
		name: "refused origin preflight 403", method: "OPTIONS", path: "/r",
		header: map[string]string{"Origin": refused, "Access-Control-Request-Method": "PUT"},
		status: 403, vary: []string{preflightVary},
	}, {
		name: "refused preflight never reaches an OPTIONS handler", method: "OPTIONS", path: "/own",
		header: map[string]string{"Origin": refused, "Access-Control-Request-Method": "PUT"},
		status: 403, vary: []string{preflightVary},
	}, {
		name: "Vary appended after outer middleware", outerVary: true, method: "GET", path: "/r",
		header: map[string]string{"Origin": allowed},
		status: 200, app: true, acao: allowed, vary: []string{"Accept-Encoding", "Origin"},
	}, {
		name: "PassPreflight calls the next handler", pass: true, method: "OPTIONS", path: "/own",
		header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"},
		status: 200, app: true, acao: allowed, vary: []string{preflightVary},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			router(t, tt.pass, tt.outerVary).ServeHTTP(rec, req)

			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if ran := res.Header.Get("X-App") == "ran"; ran != tt.app {
				t.Errorf("application ran = %v, want %v", ran, tt.app)
			}
			if !tt.app && rec.Body.Len() != 0 {
				t.Errorf("body = %q, want empty", rec.Body)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.acao)
			}
			if got := res.Header.Values("Vary"); !slices.Equal(got, tt.vary) {
				t.Errorf("Vary = %q, want %q", got, tt.vary)
			}
		})
	}
}
