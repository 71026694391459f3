package chitest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// Group serves the group application with chi, each group a sub-router
// made by corschi.Route.
func Group() conformance.Framework {
	return conformance.Framework{Name: "chi", Variant: "group-helper", Serve: serveGroup(true)}
}

// PlainGroup serves the group application with chi, each group's
// routes registered in r.Group with the middleware in its Use: the
// middleware wraps only those endpoints.
func PlainGroup() conformance.Framework {
	return conformance.Framework{Name: "chi", Variant: "plain-group", Serve: serveGroup(false)}
}

func serveGroup(helper bool) func(net.Listener, *core.Policy, conformance.Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
		legacy, err := conformance.LegacyPolicy()
		if err != nil {
			return nil, err
		}
		r := chi.NewRouter()
		if opts.OuterVary != "" {
			r.Use(conformance.OuterVaryHTTP(opts.OuterVary))
		}
		group := func(prefix string, p *core.Policy, routes func(r chi.Router, prefix string)) {
			if helper {
				corschi.Route(r, prefix, p, func(r chi.Router) { routes(r, "") })
				return
			}
			r.Group(func(r chi.Router) {
				r.Use(corschi.Middleware(p))
				routes(r, prefix)
			})
		}
		group(conformance.GroupPrefix, p, func(r chi.Router, prefix string) {
			for _, m := range conformance.AppMethods {
				r.Method(m, prefix+"/items", http.HandlerFunc(conformance.AppHTTP))
				r.Method(m, prefix+"/items/{id}", http.HandlerFunc(conformance.AppHTTP))
			}
		})
		group(conformance.LegacyPrefix, legacy, func(r chi.Router, prefix string) {
			r.Get(prefix+"/items", conformance.AppHTTP)
			r.Put(prefix+"/items", conformance.AppHTTP)
		})
		r.Get(conformance.PathItems, conformance.AppHTTP)
		r.Get(conformance.SiblingPath, conformance.AppHTTP)
		return conformance.ServeHTTP(ln, r, opts)
	}
}
