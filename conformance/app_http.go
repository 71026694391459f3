package conformance

import "net/http"

// OuterVaryHTTP stands for a middleware outside CORS, like a compressor,
// that sets Vary before the CORS middleware runs.
func OuterVaryHTTP(v string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Vary", v)
			next.ServeHTTP(w, r)
		})
	}
}

// AppHTTP is the application's item handler in net/http form.
func AppHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, kv := range AppHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(AppJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}

// ExplicitOptionsHTTP is the application's own OPTIONS handler.
func ExplicitOptionsHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, kv := range AppHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(ExplicitOptionsBody))
}
