package chitest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// Standard serves the application with chi v5, crossgate attached with the
// top-level r.Use; any net/http router behaves like it.
func Standard() conformance.Framework { return conformance.Framework{Name: "chi", Serve: serve} }

func serve(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
	return conformance.ServeHTTP(ln, Handler(p, opts), opts)
}

// Handler is the application in chi, without a server.
func Handler(p *core.Policy, opts conformance.Options) http.Handler {
	r := chi.NewRouter()
	if opts.OuterVary != "" {
		r.Use(conformance.OuterVaryHTTP(opts.OuterVary))
	}
	r.Use(corschi.Middleware(p))
	for _, m := range conformance.AppMethods {
		r.Method(m, conformance.PathItems, http.HandlerFunc(conformance.AppHTTP))
		r.Method(m, conformance.PathItems+"/{id}", http.HandlerFunc(conformance.AppHTTP))
	}
	r.Get(conformance.PathExplicit, conformance.AppHTTP)
	r.Options(conformance.PathExplicit, conformance.ExplicitOptionsHTTP)
	return r
}
