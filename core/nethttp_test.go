package core_test

import (
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// TestPolicyFromHTTPPrivateNetwork checks that Policy.FromHTTP leaves out
// Access-Control-Request-Private-Network only where nothing reads it, and
// that a policy answering Private Network Access, directly or through a
// scope, still grants it.
func TestPolicyFromHTTPPrivateNetwork(t *testing.T) {
	cfg := core.Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}}
	plain, err := core.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.PrivateNetwork = true
	pna, err := core.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.PrivateNetwork = false
	scoped, err := core.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := scoped.Scope("/intranet", pna); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		p       *core.Policy
		path    string
		reads   bool
		granted bool
	}{
		{"no PrivateNetwork", plain, "/", false, false},
		{"PrivateNetwork", pna, "/", true, true},
		{"scopes, the scope's path", scoped, "/intranet/x", true, true},
		{"scopes, the outer path", scoped, "/x", true, false},
	} {
		r := httptest.NewRequest("OPTIONS", "http://backend.internal"+c.path, nil)
		r.Header.Set("Origin", "https://app.example.com")
		r.Header.Set("Access-Control-Request-Method", "PUT")
		r.Header.Set("Access-Control-Request-Private-Network", "true")
		req := c.p.FromHTTP(r)
		if got := len(req.RequestPrivateNetwork) == 1; got != c.reads {
			t.Errorf("%s: read Access-Control-Request-Private-Network %v, want %v", c.name, got, c.reads)
		}
		if all := core.FromHTTP(r); len(all.RequestPrivateNetwork) != 1 {
			t.Errorf("%s: core.FromHTTP left out Access-Control-Request-Private-Network", c.name)
		}
		d := c.p.Decide(req)
		granted := false
		for name := range d.Headers() {
			granted = granted || name == "Access-Control-Allow-Private-Network"
		}
		if !d.Allowed || granted != c.granted {
			t.Errorf("%s: allowed %v, Access-Control-Allow-Private-Network %v; want allowed, %v", c.name, d.Allowed, granted, c.granted)
		}
	}
}
