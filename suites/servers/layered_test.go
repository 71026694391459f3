package servers_test

import (
	"fmt"
	"github.com/crossgate/crossgate/suites/servers"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/rawhttp"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsecho5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
	corsgin "github.com/crossgate/crossgate/gin"
)

// siteConfig is the layered application's site-wide policy: every
// subdomain, any method, credentials, one exposed header.
func siteConfig() core.Config {
	return core.Config{
		Origins:        []string{"https://*.example.com"},
		Methods:        []string{"*"},
		ExposedHeaders: []string{"X-Site"},
		Credentials:    true,
	}
}

const evil = "https://evil.example.com"

// layeredCase is one request to the layered application and the CORS
// answer it must get.
type layeredCase struct {
	name, method, path, origin, acrm string
	// header holds more request header lines.
	header           []rawhttp.Line
	status           int
	acao, acac, aceh string
	// app is whether the application's handler must run.
	app bool
}

func (c layeredCase) play(t *testing.T, addr string) {
	t.Helper()
	lines := []rawhttp.Line{{Name: "Origin", Value: c.origin}}
	if c.acrm != "" {
		lines = append(lines, rawhttp.Line{Name: "Access-Control-Request-Method", Value: c.acrm})
	}
	lines = append(lines, c.header...)
	resp, _, err := rawRequest(addr, c.method, c.path, lines)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	got := func(name string) string { return strings.Join(resp.Header.Values(name), ", ") }
	if resp.StatusCode != c.status || got("Access-Control-Allow-Origin") != c.acao ||
		got("Access-Control-Allow-Credentials") != c.acac || got("Access-Control-Expose-Headers") != c.aceh ||
		(resp.Header.Get("X-App") == "ran") != c.app {
		t.Errorf("%s: %s %s from %s: status %d, ACAO %q, ACAC %q, ACEH %q, app ran %v; want %d, %q, %q, %q, %v",
			c.name, c.method, c.path, c.origin, resp.StatusCode, got("Access-Control-Allow-Origin"),
			got("Access-Control-Allow-Credentials"), got("Access-Control-Expose-Headers"), resp.Header.Get("X-App") == "ran",
			c.status, c.acao, c.acac, c.aceh, c.app)
	}
}

// TestScopedPolicyDecidesPreflightAndActual plays the layered-policy
// attack against every framework with the admin policy as a scope of
// the site-wide one: the admin policy decides everything under /admin,
// preflights included, and the site-wide one everything else.
func TestScopedPolicyDecidesPreflightAndActual(t *testing.T) {
	admin, adminPath, home := servers.LayeredAdmin, servers.LayeredAdminPath, servers.LayeredHomePath
	cases := []layeredCase{
		{name: "evil origin's preflight under /admin", method: "OPTIONS", path: adminPath, origin: evil, acrm: "DELETE", status: 403},
		{name: "admin origin asks for a method /admin refuses", method: "OPTIONS", path: adminPath, origin: admin, acrm: "DELETE", status: 204, acao: admin, acac: "true"},
		{name: "admin origin's allowed preflight", method: "OPTIONS", path: adminPath, origin: admin, acrm: "PUT", status: 204, acao: admin, acac: "true"},
		{name: "evil origin's DELETE under /admin", method: "DELETE", path: adminPath, origin: evil, status: 200, app: true},
		{name: "admin origin's PUT under /admin", method: "PUT", path: adminPath, origin: admin, status: 200, acao: admin, acac: "true", app: true},
		{name: "evil origin's preflight elsewhere", method: "OPTIONS", path: home, origin: evil, acrm: "DELETE", status: 204, acao: evil, acac: "true"},
		{name: "evil origin's DELETE elsewhere", method: "DELETE", path: home, origin: evil, status: 200, acao: evil, acac: "true", aceh: "X-Site", app: true},
	}
	for _, f := range servers.LayeredFrameworks(servers.Scoped) {
		t.Run(f.String(), func(t *testing.T) {
			_, addr, stop := serveLoopback(t, f, siteConfig())
			defer stop()
			for _, c := range cases {
				c.play(t, addr)
			}
		})
	}
}

// TestStackedRefusalLeavesNoOuterCORSHeaders plays actual requests
// through two policies stacked with each framework's own scoping: the
// inner policy, which decides last, answers alone. Its refusal removes
// what the outer one wrote, and its answer replaces the outer one's whole.
// The outer policy still answers the preflights here (that is why layered
// policies are written with Scope, as the test above does), so an actual
// request the inner one refuses and that a browser sends only after a
// preflight never reaches the application.
func TestStackedRefusalLeavesNoOuterCORSHeaders(t *testing.T) {
	admin, adminPath := servers.LayeredAdmin, servers.LayeredAdminPath
	cases := []layeredCase{
		{name: "inner refuses what outer allowed", method: "DELETE", path: adminPath, origin: evil, status: core.StatusStackedRefused},
		{name: "inner refuses a simple request outer allowed", method: "GET", path: adminPath, origin: evil, status: 200, app: true},
		{name: "inner allows without the outer's exposed header", method: "PUT", path: adminPath, origin: admin, status: 200, acao: admin, acac: "true", app: true},
	}
	for _, f := range servers.LayeredFrameworks(servers.Stacked) {
		t.Run(f.String(), func(t *testing.T) {
			_, addr, stop := serveLoopback(t, f, siteConfig())
			defer stop()
			for _, c := range cases {
				c.play(t, addr)
			}
		})
	}
}

// TestStackingsSeenAtRunTime plays the attack of issue 19, item 3, on
// the stackings no helper can see when the server is built (a router or
// app mounted under the site-wide policy, e.Pre after the group, fiber's
// app.Use after the group): the site-wide policy answers the admin
// preflights, or, registered after the group, decides last. Whatever the
// order, the admin paths must stay the admin policy's: a request a
// browser sends only after a preflight never reaches the application when
// the admin policy refuses it, and nothing under /admin is readable by an
// origin the admin policy refuses.
func TestStackingsSeenAtRunTime(t *testing.T) {
	admin, adminPath, home := servers.LayeredAdmin, servers.LayeredAdminPath, servers.LayeredHomePath
	json := []rawhttp.Line{{Name: "Content-Type", Value: "application/json"}}
	xhr := []rawhttp.Line{{Name: "X-Requested-With", Value: "XMLHttpRequest"}}
	simple := []rawhttp.Line{{Name: "Accept", Value: "text/html"}, {Name: "Content-Type", Value: "text/plain"}, {Name: "User-Agent", Value: "browser"}}
	refused := core.StatusStackedRefused
	outerFirst := []layeredCase{
		// The site-wide policy answers the preflight: the inner one never
		// sees it. The checks below are what keeps the DELETE out.
		{name: "evil origin's preflight under /admin, the outer's answer", method: "OPTIONS", path: adminPath, origin: evil, acrm: "DELETE", status: 204, acao: evil, acac: "true"},
		{name: "evil origin's DELETE under /admin", method: "DELETE", path: adminPath, origin: evil, status: refused},
		{name: "evil origin's GET with a JSON body type", method: "GET", path: adminPath, origin: evil, header: json, status: refused},
		{name: "evil origin's GET with a script's header", method: "GET", path: adminPath, origin: evil, header: xhr, status: refused},
		{name: "evil origin's simple GET reaches the application unreadable", method: "GET", path: adminPath, origin: evil, header: simple, status: 200, app: true},
		{name: "admin origin's PUT, answered by the admin policy alone", method: "PUT", path: adminPath, origin: admin, status: 200, acao: admin, acac: "true", app: true},
		{name: "evil origin's DELETE elsewhere", method: "DELETE", path: home, origin: evil, status: 200, acao: evil, acac: "true", aceh: "X-Site", app: true},
	}
	innerFirst := []layeredCase{
		{name: "evil origin's preflight under /admin, the admin policy's answer", method: "OPTIONS", path: adminPath, origin: evil, acrm: "DELETE", status: 403},
		{name: "evil origin's simple GET stays unreadable", method: "GET", path: adminPath, origin: evil, status: 200, app: true},
		{name: "evil origin's GET with a script's header stays unreadable", method: "GET", path: adminPath, origin: evil, header: xhr, status: 200, app: true},
		{name: "admin origin's PUT", method: "PUT", path: adminPath, origin: admin, status: 200, acao: admin, acac: "true", aceh: "X-Site", app: true},
		{name: "evil origin's DELETE elsewhere", method: "DELETE", path: home, origin: evil, status: 200, acao: evil, acac: "true", aceh: "X-Site", app: true},
	}
	for _, s := range servers.Stackings() {
		t.Run(s.String(), func(t *testing.T) {
			_, addr, stop := serveLoopback(t, s.Framework, siteConfig())
			defer stop()
			cases := outerFirst
			if s.InnerFirst {
				cases = innerFirst
			}
			for _, c := range cases {
				c.play(t, addr)
			}
		})
	}
}

// TestGroupHelpersRefuseLayering builds servers where a group helper's
// policy would sit under, over or beside another crossgate policy on the
// same paths: each must fail when it is built, saying to use Scope.
func TestGroupHelpersRefuseLayering(t *testing.T) {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	builds := []struct {
		name   string
		build  func()
		refuse bool
	}{
		{"chi: top-level policy, then Route", func() {
			r := chi.NewRouter()
			r.Use(corschi.Middleware(p))
			corschi.Route(r, "/admin", p, nil)
		}, true},
		{"chi: Route in a protected Route", func() {
			corschi.Route(chi.NewRouter(), "/api", p, func(r chi.Router) { corschi.Route(r, "/admin", p, nil) })
		}, true},
		{"chi: top-level policy, then Route inside r.Group", func() {
			r := chi.NewRouter()
			r.Use(corschi.Middleware(p))
			r.Group(func(r chi.Router) { corschi.Route(r, "/admin", p, nil) })
		}, true},
		{"chi: top-level policy, then Route in a group of a group", func() {
			r := chi.NewRouter()
			r.Use(corschi.Middleware(p))
			r.Group(func(r chi.Router) { r.Group(func(r chi.Router) { corschi.Route(r, "/admin", p, nil) }) })
		}, true},
		{"chi: Route on r.With(policy)", func() {
			corschi.Route(chi.NewRouter().With(corschi.Middleware(p)), "/admin", p, nil)
		}, true},
		{"chi: Route inside r.Group of a plain router", func() {
			r := chi.NewRouter()
			r.Group(func(r chi.Router) { corschi.Route(r, "/admin", p, nil) })
		}, false},
		{"chi: sibling Routes", func() {
			r := chi.NewRouter()
			corschi.Route(r, "/api", p, nil)
			corschi.Route(r, "/admin", p, nil)
		}, false},
		{"gin: engine policy, then Group", func() {
			r := gin.New()
			r.Use(corsgin.Middleware(p))
			corsgin.Group(r, "/admin", p)
		}, true},
		{"gin: Group in a protected Group", func() { corsgin.Group(corsgin.Group(gin.New(), "/api", p), "/admin", p) }, true},
		{"gin: sibling Groups", func() {
			r := gin.New()
			corsgin.Group(r, "/api", p)
			corsgin.Group(r, "/admin", p)
		}, false},
		{"echo: e.Use policy, then Group", func() {
			e := echo.New()
			e.Use(corsecho.Middleware(p))
			corsecho.Group(e, "/admin", p)
		}, true},
		{"echo: e.Pre policy, then Group", func() {
			e := echo.New()
			e.Pre(corsecho.Middleware(p))
			corsecho.Group(e, "/admin", p)
		}, true},
		{"echo: Group in a protected Group", func() { corsecho.Group(corsecho.Group(echo.New(), "/api", p), "/admin", p) }, true},
		{"echo: Group in a plain group of a protected Group", func() {
			corsecho.Group(corsecho.Group(echo.New(), "/api", p).Group("/v1"), "/admin", p)
		}, true},
		{"echo: sibling Groups", func() {
			e := echo.New()
			corsecho.Group(e, "/api", p)
			corsecho.Group(e, "/admin", p)
		}, false},
		{"echo v5: e.Use policy, then Group", func() {
			e := echo5.New()
			e.Use(corsecho5.Middleware(p))
			corsecho5.Group(e, "/admin", p)
		}, true},
		{"echo v5: e.Pre policy, then Group", func() {
			e := echo5.New()
			e.Pre(corsecho5.MiddlewareWithConfig(corsecho5.Config{Policy: p, Skipper: func(*echo5.Context) bool { return false }}))
			corsecho5.Group(e, "/admin", p)
		}, true},
		{"echo v5: Group in a protected Group", func() { corsecho5.Group(corsecho5.Group(echo5.New(), "/api", p), "/admin", p) }, true},
		{"echo v5: Group in a plain group of a protected Group", func() {
			corsecho5.Group(corsecho5.Group(echo5.New(), "/api", p).Group("/v1"), "/admin", p)
		}, true},
		{"echo v5: sibling Groups", func() {
			e := echo5.New()
			corsecho5.Group(e, "/api", p)
			corsecho5.Group(e, "/admin", p)
		}, false},
		{"fiber: app.Use policy, then Group", func() {
			app := fiber.New()
			app.Use(corsfiber.Middleware(p))
			corsfiber.Group(app, "/admin", p)
		}, true},
		{"fiber: Group in a protected Group", func() { corsfiber.Group(corsfiber.Group(fiber.New(), "/api", p), "/admin", p) }, true},
		{"fiber: Group below a protected Group", func() {
			app := fiber.New()
			corsfiber.Group(app, "/api", p)
			corsfiber.Group(app, "/api/admin", p)
		}, true},
		{"fiber: Group above a protected Group", func() {
			app := fiber.New()
			corsfiber.Group(app, "/api/admin", p)
			corsfiber.Group(app, "/api", p)
		}, true},
		{"fiber: sibling Groups sharing first bytes", func() {
			app := fiber.New()
			corsfiber.Group(app, "/v1", p)
			corsfiber.Group(app, "/v10", p)
		}, false},
		{"fiber v3: app.Use policy, then Group", func() {
			app := fiber3.New()
			app.Use(corsfiber3.Middleware(p))
			corsfiber3.Group(app, "/admin", p)
		}, true},
		{"fiber v3: skipping policy, then Group", func() {
			app := fiber3.New()
			app.Use(corsfiber3.MiddlewareWithConfig(corsfiber3.Config{Policy: p, Next: func(fiber3.Ctx) bool { return false }}))
			corsfiber3.Group(app, "/admin", p)
		}, true},
		{"fiber v3: Group in a protected Group", func() { corsfiber3.Group(corsfiber3.Group(fiber3.New(), "/api", p), "/admin", p) }, true},
		{"fiber v3: Group below a protected Group", func() {
			app := fiber3.New()
			corsfiber3.Group(app, "/api", p)
			corsfiber3.Group(app, "/api/admin", p)
		}, true},
		{"fiber v3: Group above a protected Group", func() {
			app := fiber3.New()
			corsfiber3.Group(app, "/api/admin", p)
			corsfiber3.Group(app, "/api", p)
		}, true},
		{"fiber v3: sibling Groups sharing first bytes", func() {
			app := fiber3.New()
			corsfiber3.Group(app, "/v1", p)
			corsfiber3.Group(app, "/v10", p)
		}, false},
	}
	for _, b := range builds {
		msg := panicMessage(b.build)
		switch {
		case b.refuse && !strings.Contains(msg, ".Scope("):
			t.Errorf("%s: built without the error that points to Scope (panic: %q)", b.name, msg)
		case !b.refuse && msg != "":
			t.Errorf("%s: refused: %s", b.name, msg)
		}
	}
}

// panicMessage runs build and returns what it panicked with, or "".
func panicMessage(build func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	build()
	return ""
}
