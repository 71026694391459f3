package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/tenants"
	"github.com/crossgate/crossgate/core"
	jub0bs "github.com/jub0bs/cors"
	rscors "github.com/rs/cors"
)

// scaleCase is one policy size of BenchmarkScale: N exact origins or N
// "*." patterns, one per tenant (conformance/tenants), and two actual
// requests: from a tenant in the middle of the list (a library that scans
// the list in order pays for half of it) and from an origin that matches no
// tenant but looks like one (the attacker's request, which scans it all).
type scaleCase struct {
	kind             string // "exact" or "pattern"
	n                int
	origins          []string
	allowed, refused string
}

func scaleCases() []scaleCase {
	var out []scaleCase
	for _, n := range []int{1, 10, 100, 1000, 10_000, 100_000} {
		out = append(out, scaleCase{kind: "exact", n: n, origins: tenants.Origins(n, 0),
			allowed: tenants.Exact(n / 2), refused: "https://tenant-x.customers.example"})
	}
	for _, n := range []int{1, 10, 100, 1000, 10_000} {
		out = append(out, scaleCase{kind: "pattern", n: n, origins: tenants.Origins(0, n),
			allowed: tenants.PatternHost(n / 2), refused: "https://app.tx.tenants.example"})
	}
	return out
}

// scaleLibs builds each library's net/http middleware for a list of
// origins, without credentials (all three express the same policy then);
// "crossgate-decide" is crossgate's core alone, without net/http.
var scaleLibs = []struct {
	name  string
	build func(origins []string) (http.Handler, error)
}{
	{"crossgate", func(origins []string) (http.Handler, error) {
		mw, err := corschi.New(core.Config{Origins: origins})
		if err != nil {
			return nil, err
		}
		return mw(app), nil
	}},
	{"jub0bs", func(origins []string) (http.Handler, error) {
		m, err := jub0bs.NewMiddleware(jub0bs.Config{Origins: origins})
		if err != nil {
			return nil, err
		}
		return m.Wrap(app), nil
	}},
	{"rscors", func(origins []string) (http.Handler, error) {
		return rscors.New(rscors.Options{AllowedOrigins: origins}).Handler(app), nil
	}},
}

// BenchmarkScale: the cost of one actual CORS request as the policy grows,
// named Scale/<exact|pattern>-<N>/<allowed|refused>/<library>.
func BenchmarkScale(b *testing.B) {
	for _, c := range scaleCases() {
		b.Run(fmt.Sprintf("%s-%d", c.kind, c.n), func(b *testing.B) {
			for _, outcome := range []string{"allowed", "refused"} {
				origin := c.allowed
				if outcome == "refused" {
					origin = c.refused
				}
				b.Run(outcome, func(b *testing.B) {
					r := httptest.NewRequest(http.MethodGet, "http://backend.internal/", nil)
					r.Header.Set("Origin", origin)
					b.Run("crossgate-decide", func(b *testing.B) {
						b.ReportAllocs()
						p, err := core.New(core.Config{Origins: c.origins})
						if err != nil {
							b.Fatal(err)
						}
						req := core.FromHTTP(r)
						if d := p.Decide(req); d.Allowed != (outcome == "allowed") {
							b.Fatalf("%s: allowed=%v", origin, d.Allowed)
						}
						for b.Loop() {
							sinkDecision = p.Decide(req)
						}
					})
					for _, lib := range scaleLibs {
						b.Run(lib.name, func(b *testing.B) {
							b.ReportAllocs()
							h, err := lib.build(c.origins)
							if err != nil {
								b.Fatal(err)
							}
							w := newWriter()
							h.ServeHTTP(w, r)
							if got := w.h.Get("Access-Control-Allow-Origin") == origin; got != (outcome == "allowed") {
								b.Fatalf("%s: %s answered Access-Control-Allow-Origin %q", origin, lib.name, w.h.Get("Access-Control-Allow-Origin"))
							}
							for b.Loop() {
								w.reset()
								h.ServeHTTP(w, r)
							}
						})
					}
				})
			}
		})
	}
}
