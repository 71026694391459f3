package bench

import (
	"net/http"
	"strings"
	"testing"

	corschi "github.com/crossgate/crossgate/chi"
	gochicors "github.com/go-chi/cors"
	jub0bs "github.com/jub0bs/cors"
	rscors "github.com/rs/cors"
)

// appHits counts how often the application handler ran, so the test can
// tell a request the middleware ended from one it handed on. Benchmarks run
// on one goroutine, and the increment costs every library the same.
var appHits int

// app is the application: it only answers 200, so the benchmark measures
// the middleware and the framework around it.
var app = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
	appHits++
	w.WriteHeader(http.StatusOK)
})

// writer is a reusable http.ResponseWriter: reset clears its header map in
// place, so the harness allocates nothing per iteration and every library
// starts from the same empty map. httptest.NewRecorder per iteration would
// add its own allocations to every result.
type writer struct {
	h      http.Header
	status int
}

func newWriter() *writer { return &writer{h: make(http.Header, 8)} }

func (w *writer) Header() http.Header { return w.h }

func (w *writer) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *writer) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(p), nil
}

func (w *writer) reset() {
	clear(w.h)
	w.status = 0
}

// lines turns the floor's fields into header slices built once, which the
// floor installs as-is: the cheapest way to write these headers.
func lines(fs []field) ([]string, [][]string) {
	names := make([]string, len(fs))
	vals := make([][]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
		vals[i] = []string{f.value}
	}
	return names, vals
}

// netHTTPLibs builds, for a scenario, each library's middleware around app.
var netHTTPLibs = []library[http.Handler]{
	{"crossgate", func(s *scenario, p policy) (http.Handler, error) {
		mw, err := corschi.New(p.crossgateConfig())
		if err != nil {
			return nil, err
		}
		return mw(app), nil
	}},
	{"rscors", func(s *scenario, p policy) (http.Handler, error) {
		c := rscors.New(rscors.Options{
			AllowedOrigins:   p.origins,
			AllowedMethods:   p.methods,
			AllowedHeaders:   p.requestHeaders,
			ExposedHeaders:   p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		})
		return c.Handler(app), nil
	}},
	{"jub0bs", func(s *scenario, p policy) (http.Handler, error) {
		m, err := jub0bs.NewMiddleware(jub0bs.Config{
			Origins:         p.origins,
			Credentialed:    p.credentials,
			Methods:         p.methods,
			RequestHeaders:  p.requestHeaders,
			MaxAgeInSeconds: p.maxAge,
			ResponseHeaders: p.exposed,
		})
		if err != nil {
			return nil, err
		}
		return m.Wrap(app), nil
	}},
	{"gochicors", func(s *scenario, p policy) (http.Handler, error) {
		return gochicors.Handler(gochicors.Options{
			AllowedOrigins:   p.origins,
			AllowedMethods:   p.methods,
			AllowedHeaders:   p.requestHeaders,
			ExposedHeaders:   p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           p.maxAge,
		})(app), nil
	}},
	{"floor", func(s *scenario, _ policy) (http.Handler, error) {
		f := newHTTPFloor(s)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if end, status := f.answer(r, w.Header()); end {
				w.WriteHeader(status)
				return
			}
			app.ServeHTTP(w, r)
		}), nil
	}},
	{"writeonly", func(s *scenario, _ policy) (http.Handler, error) {
		names, vals := lines(s.want)
		end, status := s.preflight, s.status
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			for i, n := range names {
				h[n] = vals[i]
			}
			if end {
				w.WriteHeader(status)
				return
			}
			app.ServeHTTP(w, r)
		}), nil
	}},
	{"none", func(*scenario, policy) (http.Handler, error) { return app, nil }},
}

// response is what a test reads back from any framework.
type response struct {
	status  int
	header  http.Header
	reached bool // the application handler ran
}

// headerSize is the total size of a response's header values: a hostile
// ACRH must not come back.
func headerSize(h http.Header) int {
	n := 0
	for k, vs := range h {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// lowerList splits comma-separated header lines into trimmed, lower-cased
// elements, skipping empty ones, as a browser reads a list-based header.
func lowerList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for e := range strings.SplitSeq(v, ",") {
			if e = strings.TrimSpace(e); e != "" {
				out = append(out, strings.ToLower(e))
			}
		}
	}
	return out
}

func BenchmarkNetHTTP(b *testing.B) { benchHTTP(b, "NetHTTP", netHTTPLibs, asHandler) }

func TestNetHTTPOutcomes(t *testing.T) { testHTTPOutcomes(t, "NetHTTP", netHTTPLibs, asHandler) }

// asHandler is the serve function of plain net/http: the middleware is
// already the handler.
func asHandler(h http.Handler) http.Handler { return h }
