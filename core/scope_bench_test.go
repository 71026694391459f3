package core_test

import (
	"testing"

	"github.com/crossgate/crossgate/core"
)

// BenchmarkScopedDecide measures what choosing a scope costs a preflight
// on a policy with scopes: a clean path is matched as it is, one that needs
// cleaning goes through the stack buffer, and one with an encoded slash is
// cleaned twice.
func BenchmarkScopedDecide(b *testing.B) {
	site, err := core.New(core.Config{Origins: []string{"https://*.example.com"}, Methods: []string{"*"}, Credentials: true})
	if err != nil {
		b.Fatal(err)
	}
	for prefix, origin := range map[string]string{"/admin": "https://admin.example.com", "/api/v2/reports": "https://reports.example.com"} {
		inner, err := core.New(core.Config{Origins: []string{origin}, Methods: []string{"PUT"}, Credentials: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := site.Scope(prefix, inner); err != nil {
			b.Fatal(err)
		}
	}
	for _, path := range []struct{ name, path string }{
		{"clean", "/api/v2/reports/2026/summary"},
		{"empty-segment", "/api/v2//reports/2026/summary"},
		{"encoded", "/api/v2/%72eports/2026/summary"},
		{"encoded-slash", "/api/v2/reports%2F2026/summary"},
	} {
		b.Run(path.name, func(b *testing.B) {
			r := core.Request{Method: "OPTIONS", Origin: []string{"https://reports.example.com"}, RequestMethod: []string{"PUT"}, Path: path.path}
			b.ReportAllocs()
			for b.Loop() {
				sinkScoped = site.Decide(r)
			}
		})
	}
}

var sinkScoped core.Decision
