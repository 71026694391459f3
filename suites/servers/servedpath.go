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
	"os"
	"path/filepath"

	"github.com/go-chi/chi/v5"
	chimiddleware "github.com/go-chi/chi/v5/middleware"
	fiber3static "github.com/gofiber/fiber/v3/middleware/static"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsecho5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
	corsgin "github.com/crossgate/crossgate/gin"
)

// The file application serves a directory under /files with each
// framework's usual file server, and the policy at the router level:
//
//	/files/public/hello.txt    FilesHello
//	/files/private/secret.txt  FilesSecret
//
// Tests give the policy a scope for /files/private or /files/public and
// ask for the secret through paths that the file server cleans into
// FilesSecretPath: the policy that decides must be the one of the file
// served.
const (
	FilesPrefix        = "/files"
	FilesPublicPrefix  = "/files/public"
	FilesPrivatePrefix = "/files/private"
	FilesHelloPath     = "/files/public/hello.txt"
	FilesSecretPath    = "/files/private/secret.txt"
	FilesHello         = "hello, anyone\n"
	FilesSecret        = "the secret\n"
)

// WriteFiles writes the file application's directory under dir and
// returns its root.
func WriteFiles(dir string) (string, error) {
	root := filepath.Join(dir, "files")
	for name, body := range map[string]string{"public/hello.txt": FilesHello, "private/secret.txt": FilesSecret} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return "", err
		}
	}
	return root, nil
}

// FileFrameworks returns the frameworks serving the file application
// from root: chi with http.FileServer, gin's Static, echo's Static (v4
// and v5), fiber's Static and fiber v3's static middleware.
func FileFrameworks(root string) []conformance.Framework {
	const variant = "files"
	return []conformance.Framework{
		{Name: "chi", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			r := chi.NewRouter()
			r.Use(corschi.Middleware(p))
			r.Handle(FilesPrefix+"/*", http.StripPrefix(FilesPrefix, http.FileServer(http.Dir(root))))
			return conformance.ServeHTTP(ln, r, opts)
		}},
		{Name: "gin", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			r := gintest.New(opts)
			r.Use(corsgin.Middleware(p))
			r.Static(FilesPrefix, root)
			return conformance.ServeHTTP(ln, r, opts)
		}},
		{Name: "echo", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			e := echotest.New(opts)
			e.Use(corsecho.Middleware(p))
			e.Static(FilesPrefix, root)
			return conformance.ServeHTTP(ln, e, opts)
		}},
		{Name: "echov5", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			e := echo5test.New(opts)
			e.Use(corsecho5.Middleware(p))
			e.Static(FilesPrefix, root)
			return conformance.ServeHTTP(ln, e, opts)
		}},
		{Name: "fiber", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			app := fibertest.New(opts)
			app.Use(corsfiber.Middleware(p))
			app.Static(FilesPrefix, root)
			return fibertest.Listen(app, ln), nil
		}},
		{Name: "fiberv3", Variant: variant, Serve: func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
			app := fiber3test.New(opts)
			app.Use(corsfiber3.Middleware(p))
			app.Get(FilesPrefix+"*", fiber3static.New(root))
			return fiber3test.Listen(app, ln), nil
		}},
	}
}

// CleaningFrameworks returns the layered application (see
// LayeredFrameworks, Scoped) in the routers that clean the path before
// they route: chi with middleware.CleanPath and gin with
// RemoveExtraSlash, which route "//admin/users" to the admin routes.
func CleaningFrameworks() []conformance.Framework {
	chiClean := func(ln net.Listener, site, _ *core.Policy, opts conformance.Options) (func(), error) {
		r := chi.NewRouter()
		r.Use(chimiddleware.CleanPath)
		r.Use(corschi.Middleware(site))
		r.Route(layeredPrefix, func(r chi.Router) {
			for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
				r.Method(m, "/users", http.HandlerFunc(conformance.AppHTTP))
			}
		})
		r.Get(LayeredHomePath, conformance.AppHTTP)
		return conformance.ServeHTTP(ln, r, opts)
	}
	ginClean := func(ln net.Listener, site, _ *core.Policy, opts conformance.Options) (func(), error) {
		r := gintest.New(opts)
		r.RemoveExtraSlash = true
		r.Use(corsgin.Middleware(site))
		g := r.Group(layeredPrefix)
		for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			g.Handle(m, "/users", gintest.App)
		}
		r.GET(LayeredHomePath, gintest.App)
		return conformance.ServeHTTP(ln, r, opts)
	}
	return []conformance.Framework{
		{Name: "chi", Variant: "cleanpath", Serve: layered(Scoped, chiClean)},
		{Name: "gin", Variant: "removeextraslash", Serve: layered(Scoped, ginClean)},
	}
}
