package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
)

// groupApp is an engine with CORS only on the group /v2, made by
// corsgin.Group when helper is true and by a plain g.Use otherwise. Its
// routes have no OPTIONS handler; /v2x and /open are outside the group.
func groupApp(t *testing.T, pass, helper bool) http.Handler {
	t.Helper()
	p, err := core.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	r := gin.New()
	var g *gin.RouterGroup
	if helper {
		g = corsgin.Group(r, "/v2", p)
	} else {
		g = r.Group("/v2")
		g.Use(corsgin.Middleware(p))
	}
	app := func(c *gin.Context) {
		c.Header("X-App", "ran")
		c.String(http.StatusOK, "app")
	}
	g.GET("/items", app)
	g.PUT("/items", app)
	r.GET("/v2x", app)
	r.GET("/open", app)
	return r
}

func TestGroup(t *testing.T) {
	pf := func(origin string) map[string]string {
		return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}
	}
	tests := []struct {
		name   string
		plain  bool // attach with g.Use instead of corsgin.Group
		pass   bool
		method string
		path   string
		header map[string]string
		status int
		app    bool
		acao   string
		vary   string
		body   string
	}{
		{name: "preflight to a route without OPTIONS handler", method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to an unknown path in the group", method: "OPTIONS", path: "/v2/a/b", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to the group's own path", method: "OPTIONS", path: "/v2", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "preflight to the group's path with a slash", method: "OPTIONS", path: "/v2/", header: pf(allowed), status: 204, acao: allowed, vary: preflightVary},
		{name: "refused preflight", method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 403, vary: preflightVary},
		{name: "OPTIONS without ACRM gets gin's 404", method: "OPTIONS", path: "/v2/items", header: map[string]string{"Origin": allowed}, status: 404, acao: allowed, vary: "Origin", body: "404 page not found"},
		{name: "passed preflight gets gin's 404", pass: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 404, acao: allowed, vary: preflightVary, body: "404 page not found"},
		{name: "actual request in the group", method: "GET", path: "/v2/items", header: map[string]string{"Origin": allowed}, status: 200, app: true, acao: allowed, vary: "Origin", body: "app"},
		{name: "actual request outside the group", method: "GET", path: "/open", header: map[string]string{"Origin": allowed}, status: 200, app: true, body: "app"},
		{name: "sibling path outside the group", method: "GET", path: "/v2x", header: map[string]string{"Origin": allowed}, status: 200, app: true, body: "app"},
		{name: "preflight outside the group is gin's", method: "OPTIONS", path: "/v2x", header: pf(allowed), status: 404, body: "404 page not found"},
		// The negative control: without Group, gin never runs the group's
		// middleware for these preflights.
		{name: "plain g.Use misses a preflight", plain: true, method: "OPTIONS", path: "/v2/items", header: pf(allowed), status: 404, body: "404 page not found"},
		{name: "plain g.Use misses a refused preflight", plain: true, method: "OPTIONS", path: "/v2/items", header: pf(refused), status: 404, body: "404 page not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			groupApp(t, tt.pass, !tt.plain).ServeHTTP(rec, req)

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
			if got := rec.Body.String(); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
		})
	}
}

// TestGroupPaths checks which OPTIONS paths Group claims for groups whose
// path ends in a slash, is the root, or has a parameter.
func TestGroupPaths(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		group string
		path  string
		want  int
	}{
		{"/v2/", "/v2/", 204},
		{"/v2/", "/v2/items", 204},
		{"/v2/", "/v2x", 404},
		{"/", "/", 204},
		{"/", "/anything/at/all", 204},
		{"", "/anything", 204},
		{"/t/:tenant", "/t/acme", 204},
		{"/t/:tenant", "/t/acme/items", 204},
		{"/t/:tenant", "/u/acme", 404},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s", tt.group, tt.path), func(t *testing.T) {
			r := gin.New()
			corsgin.Group(r, tt.group, p)
			req := httptest.NewRequest(http.MethodOptions, tt.path, nil)
			req.Header.Set("Origin", allowed)
			req.Header.Set("Access-Control-Request-Method", "PUT")
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status = %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// TestGroupConflicts checks that an OPTIONS route of the application under
// a protected group is refused loudly, whichever comes first, and that
// sibling groups with their own policies coexist.
func TestGroupConflicts(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	noop := func(*gin.Context) {}
	tests := []struct {
		name  string
		build func(r *gin.Engine)
		want  string // substring of the panic; "" for none
	}{
		{"OPTIONS route inside the group", func(r *gin.Engine) {
			corsgin.Group(r, "/v2", p).OPTIONS("/own", noop)
		}, "*corsgin"},
		{"OPTIONS route under the group, on the engine, before it", func(r *gin.Engine) {
			r.OPTIONS("/v2/own", noop)
			corsgin.Group(r, "/v2", p)
		}, `corsgin.Group("/v2")`},
		{"protected group nested in a protected group", func(r *gin.Engine) {
			corsgin.Group(corsgin.Group(r, "/v2", p), "/admin", p)
		}, `corsgin.Group("/v2/admin")`},
		{"sibling groups", func(r *gin.Engine) {
			corsgin.Group(r, "/v1", p)
			corsgin.Group(r, "/v2", p)
			corsgin.Group(r, "/v2x", p)
		}, ""},
		{"OPTIONS route outside the group", func(r *gin.Engine) {
			corsgin.Group(r, "/v2", p)
			r.OPTIONS("/v2x/own", noop)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := panicked(func() { tt.build(gin.New()) })
			switch {
			case tt.want == "" && got != "":
				t.Errorf("panic %q, want none", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("panic %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// panicked runs f and returns what it panicked with, as text.
func panicked(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return ""
}
