package bench

import (
	"net/http"
	"testing"

	"github.com/crossgate/crossgate/bench/internal/callgrind"
)

// library is one CORS middleware under comparison in a framework whose
// middleware type is M; build translates a scenario's policy into the
// library's own configuration.
type library[M any] struct {
	name  string
	build func(s *scenario, p policy) (M, error)
}

// benchHTTP benchmarks every library of a framework served as an
// http.Handler (net/http, gin, echo) on every scenario, named
// Benchmark<framework>/<scenario>/<library>. serve wraps a middleware into
// the framework's handler for app; the request and the writer are built
// once, so the loop measures the framework and the middleware only.
func benchHTTP[M any](b *testing.B, framework string, libs []library[M], serve func(M) http.Handler) {
	for i := range scenarios {
		s := &scenarios[i]
		b.Run(s.name, func(b *testing.B) {
			for _, lib := range libs {
				b.Run(lib.name, func(b *testing.B) {
					b.ReportAllocs()
					if why := skipReason(framework, s.name, lib.name); why != "" {
						b.Skip(why)
					}
					mw, err := lib.build(s, policies[s.policy])
					if err != nil {
						b.Fatal(err)
					}
					h, r, w := serve(mw), s.httpRequest(), newWriter()
					b.ResetTimer()
					callgrind.Start()
					for b.Loop() {
						w.reset()
						h.ServeHTTP(w, r)
					}
					callgrind.Stop(b.Name())
				})
			}
		})
	}
}

// testHTTPOutcomes checks, for every library of a framework served as an
// http.Handler, that its answer to every scenario is the scenario's outcome
// (see checkOutcome).
func testHTTPOutcomes[M any](t *testing.T, framework string, libs []library[M], serve func(M) http.Handler) {
	for i := range scenarios {
		s := &scenarios[i]
		for _, lib := range libs {
			t.Run(s.name+"/"+lib.name, func(t *testing.T) {
				if why := skipReason(framework, s.name, lib.name); why != "" {
					t.Skip(why)
				}
				mw, err := lib.build(s, policies[s.policy])
				if err != nil {
					t.Fatal(err)
				}
				w := newWriter()
				before := appHits
				serve(mw).ServeHTTP(w, s.httpRequest())
				checkOutcome(t, s, lib.name, response{w.status, w.h, appHits > before})
			})
		}
	}
}
