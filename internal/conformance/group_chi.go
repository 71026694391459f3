package conformance

import (
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// GroupChi serves the group application with chi, each group a sub-router
// made by corschi.Route.
func GroupChi() Framework {
	return Framework{Name: "chi", Variant: "group-helper", Serve: serveGroupChi(true)}
}

// PlainGroupChi serves the group application with chi, each group's
// routes registered in r.Group with the middleware in its Use: the
// middleware wraps only those endpoints.
func PlainGroupChi() Framework {
	return Framework{Name: "chi", Variant: "plain-group", Serve: serveGroupChi(false)}
}

func serveGroupChi(helper bool) func(net.Listener, *core.Policy, Options) (func(), error) {
	return func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		legacy, err := legacyPolicy()
		if err != nil {
			return nil, err
		}
		r := chi.NewRouter()
		if opts.OuterVary != "" {
			r.Use(outerVaryHTTP(opts.OuterVary))
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
		group(groupPrefix, p, func(r chi.Router, prefix string) {
			for _, m := range appMethods {
				r.Method(m, prefix+"/items", http.HandlerFunc(appHTTP))
				r.Method(m, prefix+"/items/{id}", http.HandlerFunc(appHTTP))
			}
		})
		group(legacyPrefix, legacy, func(r chi.Router, prefix string) {
			r.Get(prefix+"/items", appHTTP)
			r.Put(prefix+"/items", appHTTP)
		})
		r.Get(pathItems, appHTTP)
		r.Get(siblingPath, appHTTP)
		return serveHTTP(ln, r, opts)
	}
}
