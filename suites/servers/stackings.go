package servers

import (
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/echo/echotest"
	echo5test "github.com/crossgate/crossgate/echov5/echotest"
	"github.com/crossgate/crossgate/fiber/fibertest"
	fiber3test "github.com/crossgate/crossgate/fiberv3/fibertest"
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsecho5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
)

// Stacking is the layered application (see Layering) with the admin
// policy stacked under the site-wide one in a way no group helper can see
// when the server is built: only the middlewares themselves, at run time,
// can tell that two policies decide the same request.
type Stacking struct {
	conformance.Framework
	// InnerFirst: the admin policy runs before the site-wide one (fiber,
	// with app.Use registered after the group), so it answers the admin
	// preflights itself, and the site-wide one could only widen what it
	// refused.
	InnerFirst bool
}

// Stackings returns the stackings of issue 19, item 3, in every
// framework they exist in.
func Stackings() []Stacking {
	stacking := func(name, variant string, innerFirst bool, serve layeredServe) Stacking {
		return Stacking{Framework: conformance.Framework{Name: name, Variant: variant, Serve: layered(Stacked, serve)}, InnerFirst: innerFirst}
	}
	return []Stacking{
		stacking("chi", "route-mounted-under-site", false, serveChiRouteMounted),
		stacking("echo", "pre-after-group", false, serveEchoPreAfterGroup),
		stacking("echov5", "pre-after-group", false, serveEchoV5PreAfterGroup),
		stacking("fiber", "policy-in-mounted-app", false, serveFiberMountedPolicy),
		stacking("fiber", "group-in-mounted-app", false, serveFiberMountedGroup),
		stacking("fiber", "site-after-group", true, serveFiberSiteAfterGroup),
		stacking("fiberv3", "policy-in-mounted-app", false, serveFiberV3MountedPolicy),
		stacking("fiberv3", "group-in-mounted-app", false, serveFiberV3MountedGroup),
		stacking("fiberv3", "site-after-group", true, serveFiberV3SiteAfterGroup),
	}
}

var adminMethods = []string{http.MethodGet, http.MethodPut, http.MethodDelete}

// serveChiRouteMounted: corschi.Route on a router that is mounted, later,
// under one that runs the site-wide policy.
func serveChiRouteMounted(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	inner := chi.NewRouter()
	corschi.Route(inner, layeredPrefix, admin, func(r chi.Router) {
		for _, m := range adminMethods {
			r.Method(m, "/users", http.HandlerFunc(conformance.AppHTTP))
		}
	})
	r := chi.NewRouter()
	r.Use(corschi.Middleware(site))
	r.Get(LayeredHomePath, conformance.AppHTTP)
	r.Delete(LayeredHomePath, conformance.AppHTTP)
	r.Mount("/", inner)
	return conformance.ServeHTTP(ln, r, opts)
}

// serveEchoPreAfterGroup: e.Pre with the site-wide policy, registered after
// corsecho.Group.
func serveEchoPreAfterGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	e := echotest.New(opts)
	g := corsecho.Group(e, layeredPrefix, admin)
	for _, m := range adminMethods {
		g.Add(m, "/users", echotest.App)
	}
	e.Pre(corsecho.Middleware(site))
	e.GET(LayeredHomePath, echotest.App)
	e.DELETE(LayeredHomePath, echotest.App)
	return conformance.ServeHTTP(ln, e, opts)
}

func serveEchoV5PreAfterGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	e := echo5test.New(opts)
	g := corsecho5.Group(e, layeredPrefix, admin)
	for _, m := range adminMethods {
		g.Add(m, "/users", echo5test.App)
	}
	e.Pre(corsecho5.Middleware(site))
	e.GET(LayeredHomePath, echo5test.App)
	e.DELETE(LayeredHomePath, echo5test.App)
	return conformance.ServeHTTP(ln, e, opts)
}

// serveFiberMountedPolicy: a sub-app with the admin policy in its Use,
// mounted under an app that runs the site-wide one.
func serveFiberMountedPolicy(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	sub := fiber.New()
	sub.Use(corsfiber.Middleware(admin))
	for _, m := range adminMethods {
		sub.Add(m, "/users", fibertest.App)
	}
	app := fibertest.New(opts)
	app.Use(corsfiber.Middleware(site))
	app.Get(LayeredHomePath, fibertest.App)
	app.Delete(LayeredHomePath, fibertest.App)
	app.Mount(layeredPrefix, sub)
	return fibertest.Listen(app, ln), nil
}

// serveFiberMountedGroup: corsfiber.Group in a sub-app mounted under an
// app that runs the site-wide policy.
func serveFiberMountedGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	sub := fiber.New()
	g := corsfiber.Group(sub, layeredPrefix, admin)
	for _, m := range adminMethods {
		g.Add(m, "/users", fibertest.App)
	}
	app := fibertest.New(opts)
	app.Use(corsfiber.Middleware(site))
	app.Get(LayeredHomePath, fibertest.App)
	app.Delete(LayeredHomePath, fibertest.App)
	app.Mount("/", sub)
	return fibertest.Listen(app, ln), nil
}

// serveFiberSiteAfterGroup: the site-wide app.Use registered after
// corsfiber.Group and before the group's routes, so it runs after the
// group's policy on the admin paths.
func serveFiberSiteAfterGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	app := fibertest.New(opts)
	g := corsfiber.Group(app, layeredPrefix, admin)
	app.Use(corsfiber.Middleware(site))
	for _, m := range adminMethods {
		g.Add(m, "/users", fibertest.App)
	}
	app.Get(LayeredHomePath, fibertest.App)
	app.Delete(LayeredHomePath, fibertest.App)
	return fibertest.Listen(app, ln), nil
}

func serveFiberV3MountedPolicy(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	sub := fiber3.New()
	sub.Use(corsfiber3.Middleware(admin))
	for _, m := range adminMethods {
		sub.Add([]string{m}, "/users", fiber3test.App)
	}
	app := fiber3test.New(opts)
	app.Use(corsfiber3.Middleware(site))
	app.Get(LayeredHomePath, fiber3test.App)
	app.Delete(LayeredHomePath, fiber3test.App)
	app.Use(layeredPrefix, sub)
	return fiber3test.Listen(app, ln), nil
}

func serveFiberV3MountedGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	sub := fiber3.New()
	g := corsfiber3.Group(sub, layeredPrefix, admin)
	for _, m := range adminMethods {
		g.Add([]string{m}, "/users", fiber3test.App)
	}
	app := fiber3test.New(opts)
	app.Use(corsfiber3.Middleware(site))
	app.Get(LayeredHomePath, fiber3test.App)
	app.Delete(LayeredHomePath, fiber3test.App)
	app.Use("/", sub)
	return fiber3test.Listen(app, ln), nil
}

func serveFiberV3SiteAfterGroup(ln net.Listener, site, admin *core.Policy, opts conformance.Options) (func(), error) {
	app := fiber3test.New(opts)
	g := corsfiber3.Group(app, layeredPrefix, admin)
	app.Use(corsfiber3.Middleware(site))
	for _, m := range adminMethods {
		g.Add([]string{m}, "/users", fiber3test.App)
	}
	app.Get(LayeredHomePath, fiber3test.App)
	app.Delete(LayeredHomePath, fiber3test.App)
	return fiber3test.Listen(app, ln), nil
}
