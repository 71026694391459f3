package servers

import (
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/echo/echotest"
	echo5test "github.com/crossgate/crossgate/echov5/echotest"
	"github.com/crossgate/crossgate/fiber/fibertest"
	fiber3test "github.com/crossgate/crossgate/fiberv3/fibertest"
	"github.com/crossgate/crossgate/gin/gintest"
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsecho5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
	corsgin "github.com/crossgate/crossgate/gin"
)

// The layered application is the same in every framework: a site-wide
// policy at the router level, the served one, and a stricter policy for
// the admin paths:
//
//	GET, PUT, DELETE  /admin/users  group /admin, AdminConfig
//	GET, DELETE       /home         the site-wide policy
//
// No route has an OPTIONS handler. With Scoped the admin policy is a scope
// of the site-wide one (core.Policy.Scope) and /admin a plain group; with
// Stacked the admin group gets its own middleware the way each framework
// scopes middleware (chi's r.Route with Use, gin's g.Use, echo's e.Group
// with middleware, fiber's app.Group with middleware), under the site-wide
// one.
const (
	LayeredAdminPath = "/admin/users"
	LayeredHomePath  = "/home"
	LayeredAdmin     = "https://admin.example.com"
	layeredPrefix    = "/admin"
)

// AdminConfig is the policy of /admin in the layered application.
func AdminConfig() core.Config {
	return core.Config{Origins: []string{LayeredAdmin}, Methods: []string{http.MethodPut}, Credentials: true}
}

// Layering says how the layered application gives /admin its policy.
type Layering int

const (
	// Scoped registers the admin policy as a scope of the site-wide one.
	Scoped Layering = iota
	// Stacked runs the admin policy's own middleware inside the site-wide one.
	Stacked
)

// LayeredFrameworks returns the frameworks serving the layered
// application.
func LayeredFrameworks(l Layering) []conformance.Framework {
	variant := "scoped"
	if l == Stacked {
		variant = "stacked"
	}
	serve := map[string]layeredServe{
		"chi": serveLayeredChi, "gin": serveLayeredGin, "echo": serveLayeredEcho,
		"echov5": serveLayeredEchoV5, "fiber": serveLayeredFiber, "fiberv3": serveLayeredFiberV3,
	}
	var all []conformance.Framework
	for _, f := range Frameworks() {
		all = append(all, conformance.Framework{Name: f.Name, Variant: variant, Serve: layered(l, serve[f.Name])})
	}
	return all
}

// layeredServe builds one framework's layered application around the
// site-wide policy; admin is non-nil when the admin group needs a
// middleware of its own (Stacked).
type layeredServe func(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error)

func layered(l Layering, serve layeredServe) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, site *core.Policy, opts conformance.Options) (func(), error) {
		admin, err := core.New(AdminConfig())
		if err != nil {
			return nil, err
		}
		if l == Scoped {
			if err := site.Scope(layeredPrefix, admin); err != nil {
				return nil, err
			}
			admin = nil
		}
		return serve(ln, site, admin, opts)
	}
}

func serveLayeredChi(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	r := chi.NewRouter()
	r.Use(corschi.Middleware(site))
	r.Route(layeredPrefix, func(r chi.Router) {
		if admin != nil {
			r.Use(corschi.Middleware(admin))
		}
		for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			r.Method(m, "/users", http.HandlerFunc(conformance.AppHTTP))
		}
	})
	r.Get(LayeredHomePath, conformance.AppHTTP)
	r.Delete(LayeredHomePath, conformance.AppHTTP)
	return conformance.ServeHTTP(ln, r, opts)
}

func serveLayeredGin(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	r := gintest.New(opts)
	r.Use(corsgin.Middleware(site))
	g := r.Group(layeredPrefix)
	if admin != nil {
		g.Use(corsgin.Middleware(admin))
	}
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		g.Handle(m, "/users", gintest.App)
	}
	r.GET(LayeredHomePath, gintest.App)
	r.DELETE(LayeredHomePath, gintest.App)
	return conformance.ServeHTTP(ln, r, opts)
}

func serveLayeredEcho(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	e := echotest.New(opts)
	e.Use(corsecho.Middleware(site))
	var mw []echo.MiddlewareFunc
	if admin != nil {
		mw = append(mw, corsecho.Middleware(admin))
	}
	g := e.Group(layeredPrefix, mw...)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		g.Add(m, "/users", echotest.App)
	}
	e.GET(LayeredHomePath, echotest.App)
	e.DELETE(LayeredHomePath, echotest.App)
	return conformance.ServeHTTP(ln, e, opts)
}

func serveLayeredEchoV5(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	e := echo5test.New(opts)
	e.Use(corsecho5.Middleware(site))
	var mw []echo5.MiddlewareFunc
	if admin != nil {
		mw = append(mw, corsecho5.Middleware(admin))
	}
	g := e.Group(layeredPrefix, mw...)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		g.Add(m, "/users", echo5test.App)
	}
	e.GET(LayeredHomePath, echo5test.App)
	e.DELETE(LayeredHomePath, echo5test.App)
	return conformance.ServeHTTP(ln, e, opts)
}

func serveLayeredFiber(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	app := fibertest.New(opts)
	app.Use(corsfiber.Middleware(site))
	var mw []fiber.Handler
	if admin != nil {
		mw = append(mw, corsfiber.Middleware(admin))
	}
	g := app.Group(layeredPrefix, mw...)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		g.Add(m, "/users", fibertest.App)
	}
	app.Get(LayeredHomePath, fibertest.App)
	app.Delete(LayeredHomePath, fibertest.App)
	return fibertest.Listen(app, ln), nil
}

func serveLayeredFiberV3(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	app := fiber3test.New(opts)
	app.Use(corsfiber3.Middleware(site))
	var mw []any
	if admin != nil {
		mw = append(mw, corsfiber3.Middleware(admin))
	}
	g := app.Group(layeredPrefix, mw...)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		g.Add([]string{m}, "/users", fiber3test.App)
	}
	app.Get(LayeredHomePath, fiber3test.App)
	app.Delete(LayeredHomePath, fiber3test.App)
	return fiber3test.Listen(app, ln), nil
}
