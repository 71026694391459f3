package core_test

import (
	"slices"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// TestPublicAPI checks what the preset promises: New accepts it, any
// origin may read and send a JSON POST, and it refuses what it documents as
// left out (a write method, Authorization).
func TestPublicAPI(t *testing.T) {
	p, err := core.New(core.PublicAPI())
	if err != nil {
		t.Fatalf("New(PublicAPI()): %v", err)
	}
	preflight := func(method, headers string) core.Decision {
		return p.Decide(core.Request{
			Method:         "OPTIONS",
			Origin:         []string{"https://anyone.example"},
			RequestMethod:  []string{method},
			RequestHeaders: []string{headers},
		})
	}
	header := func(d core.Decision, name string) string {
		for n, v := range d.Headers() {
			if n == name {
				return v[0]
			}
		}
		return ""
	}
	if d := preflight("POST", "content-type"); !d.Allowed || header(d, "Access-Control-Allow-Origin") != "*" ||
		header(d, "Access-Control-Max-Age") != "7200" || header(d, "Access-Control-Allow-Credentials") != "" {
		t.Errorf("JSON POST preflight: allowed %v, ACAO %q, Max-Age %q, ACAC %q; want allowed, *, 7200, none",
			d.Allowed, header(d, "Access-Control-Allow-Origin"), header(d, "Access-Control-Max-Age"), header(d, "Access-Control-Allow-Credentials"))
	}
	for _, refused := range []struct{ method, headers string }{{"DELETE", ""}, {"PUT", "content-type"}, {"GET", "authorization"}} {
		if d := preflight(refused.method, refused.headers); d.Allowed {
			t.Errorf("preflight for %s with %q allowed, want refused", refused.method, refused.headers)
		}
	}
	actual := p.Decide(core.Request{Method: "GET", Origin: []string{"https://anyone.example"}})
	if aceh := header(actual, "Access-Control-Expose-Headers"); !actual.Allowed || aceh != "ETag, Link, Location, Retry-After" {
		t.Errorf("GET: allowed %v, Access-Control-Expose-Headers %q", actual.Allowed, aceh)
	}
	// Each call returns its own slices: changing one Config leaves the next alone.
	c := core.PublicAPI()
	c.Methods = append(c.Methods[:0], "PUT")
	if !slices.Equal(core.PublicAPI().Methods, []string{"GET", "HEAD", "POST"}) {
		t.Errorf("PublicAPI shares its slices between calls: %q", core.PublicAPI().Methods)
	}
}
