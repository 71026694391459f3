package conformance

import (
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// Chi serves the application with chi v5, crossgate attached with the
// top-level r.Use; any net/http router behaves like it.
func Chi() Framework { return Framework{Name: "chi", Serve: serveChi} }

func serveChi(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
	return serveHTTP(ln, chiRouter(p, opts), opts)
}

// chiRouter is the application in chi, without a server.
func chiRouter(p *core.Policy, opts Options) http.Handler {
	r := chi.NewRouter()
	if opts.OuterVary != "" {
		r.Use(outerVaryHTTP(opts.OuterVary))
	}
	r.Use(corschi.Middleware(p))
	for _, m := range appMethods {
		r.Method(m, pathItems, http.HandlerFunc(appHTTP))
		r.Method(m, pathItems+"/{id}", http.HandlerFunc(appHTTP))
	}
	r.Get(pathExplicit, appHTTP)
	r.Options(pathExplicit, explicitOptionsHTTP)
	return r
}

// outerVaryHTTP stands for a middleware outside CORS, like a compressor,
// that sets Vary before the CORS middleware runs.
func outerVaryHTTP(v string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Vary", v)
			next.ServeHTTP(w, r)
		})
	}
}

// appHTTP is the application's item handler in net/http form.
func appHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, kv := range appHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(appJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}

// explicitOptionsHTTP is the application's own OPTIONS handler.
func explicitOptionsHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, kv := range appHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(explicitOptionsBody))
}
