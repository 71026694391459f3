package conformance

import (
	"net"
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// HTTPFramework returns a Framework that serves the kit's application with
// the standard library's http.ServeMux, wrapped whole in the middleware
// that cors makes from the policy: everything a net/http adapter (or any
// router built on net/http) needs to be proven, without a router of its
// own. name appears in test names and failure messages.
func HTTPFramework(name string, cors func(*core.Policy) func(http.Handler) http.Handler) Framework {
	return Framework{Name: name, Serve: func(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
		h := cors(p)(HTTPMux())
		if opts.OuterVary != "" {
			h = OuterVaryHTTP(opts.OuterVary)(h)
		}
		return ServeHTTP(ln, h, opts)
	}}
}

// HTTPMux returns the application's routes on an http.ServeMux, with no
// CORS middleware: the item routes for every method in AppMethods, and
// PathExplicit with its own OPTIONS handler. Wrap it whole in the
// middleware under test.
func HTTPMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, m := range AppMethods {
		mux.HandleFunc(m+" "+PathItems, AppHTTP)
		mux.HandleFunc(m+" "+PathItems+"/{id}", AppHTTP)
	}
	mux.HandleFunc("GET "+PathExplicit, AppHTTP)
	mux.HandleFunc("OPTIONS "+PathExplicit, ExplicitOptionsHTTP)
	return mux
}
