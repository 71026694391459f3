package core

import (
	"errors"
	"slices"
	"testing"
)

// layered returns the policies of the layered-policy attack: a permissive
// site-wide policy with scopes for /admin (one origin, PUT only) and
// /admin/audit (no CORS methods beyond the safe ones).
func layered(t *testing.T) (site, admin, audit *Policy) {
	t.Helper()
	site = mustNew(t, Config{Origins: []string{"https://*.example.com"}, Methods: []string{"*"}, Credentials: true})
	admin = mustNew(t, Config{Origins: []string{"https://admin.example.com"}, Methods: []string{"PUT"}, Credentials: true})
	audit = mustNew(t, Config{Origins: []string{"https://audit.example.com"}})
	for prefix, p := range map[string]*Policy{"/admin": admin, "/admin/audit": audit} {
		if err := site.Scope(prefix, p); err != nil {
			t.Fatal(err)
		}
	}
	return site, admin, audit
}

func mustNew(t *testing.T, cfg Config) *Policy {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScopeLongestPrefixDecides(t *testing.T) {
	site, _, _ := layered(t)
	tests := []struct {
		path, origin, method string
		allowed              bool
	}{
		{"/home", "https://evil.example.com", "DELETE", true},
		{"/admin", "https://evil.example.com", "DELETE", false},
		{"/admin/users", "https://evil.example.com", "DELETE", false},
		{"/ADMIN/users", "https://evil.example.com", "DELETE", false},
		{"/admin/users", "https://admin.example.com", "DELETE", false},
		{"/admin/users", "https://admin.example.com", "PUT", true},
		{"/adminx/users", "https://evil.example.com", "DELETE", true},
		{"/admin/audit/log", "https://admin.example.com", "PUT", false},
		{"/admin/audit/log", "https://audit.example.com", "GET", true},
		{"/admin/auditx", "https://admin.example.com", "PUT", true},
	}
	for _, tt := range tests {
		r := preflight(tt.origin, tt.method)
		r.Path = tt.path
		d := site.Decide(r)
		if d.Allowed != tt.allowed {
			t.Errorf("preflight %s %s from %s: allowed %v, want %v (%s)", tt.method, tt.path, tt.origin, d.Allowed, tt.allowed, d.Reason())
		}
		if got := site.Explain(Probe{Origin: tt.origin, Method: tt.method, Path: tt.path}).Allowed; got != tt.allowed {
			t.Errorf("Explain %s %s from %s: allowed %v, want %v", tt.method, tt.path, tt.origin, got, tt.allowed)
		}
	}
}

func TestScopeRefusalReachesTheDecidingPolicysHook(t *testing.T) {
	site, admin, _ := layered(t)
	var siteRefusals, adminRefusals int
	site.OnRefusal(func(Refusal) { siteRefusals++ })
	admin.OnRefusal(func(Refusal) { adminRefusals++ })
	r := preflight("https://evil.example.com", "DELETE")
	r.Path = "/admin/users"
	site.Decide(r)
	if siteRefusals != 0 || adminRefusals != 1 {
		t.Errorf("refusals reported: site %d, admin %d; want 0 and 1", siteRefusals, adminRefusals)
	}
	// A scope without a hook of its own reports to the outer policy's.
	admin.OnRefusal(nil)
	site.Decide(r)
	if siteRefusals != 1 || adminRefusals != 1 {
		t.Errorf("after admin's hook is removed, refusals reported: site %d, admin %d; want 1 and 1", siteRefusals, adminRefusals)
	}
}

func TestScopeRefusesWhatCannotBeDecidedAlike(t *testing.T) {
	site, admin, _ := layered(t)
	other := mustNew(t, Config{Origins: []string{"https://other.example.com"}})
	tests := []struct {
		name   string
		outer  *Policy
		prefix string
		inner  *Policy
	}{
		{"no leading slash", site, "api", other},
		{"root", site, "/", other},
		{"trailing slash", site, "/api/", other},
		{"pattern", site, "/api/:id", other},
		{"wildcard", site, "/api/*", other},
		{"dot segment", site, "/api/../x", other},
		{"empty segment", site, "/api//x", other},
		{"space", site, "/a b", other},
		{"itself", other, "/x", other},
		{"nil", site, "/x", nil},
		{"duplicate", site, "/Admin", other},
		{"inner has scopes", other, "/x", site},
		{"outer is a scope", admin, "/x", other},
		{"inner scoped elsewhere", other, "/x", admin},
	}
	for _, tt := range tests {
		err := tt.outer.Scope(tt.prefix, tt.inner)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Fix == "" || ce.Value != tt.prefix {
			t.Errorf("%s: Scope(%q) = %v, want a *ConfigError naming the prefix with a fix", tt.name, tt.prefix, err)
		}
	}
}

func TestStaleNamesWhatADecisionDoesNotSet(t *testing.T) {
	site, _, _ := layered(t)
	plain := mustNew(t, Config{Origins: []string{"https://app.example.com"}})
	tests := []struct {
		name string
		p    *Policy
		r    Request
		want []string
	}{
		{"no origin", plain, Request{Method: "GET"}, nil},
		{"actual refused", plain, actual("GET", "https://evil.example.com"), []string{headerAllowOrigin, headerAllowCredentials, headerExposeHeaders}},
		{"actual allowed", plain, actual("GET", "https://app.example.com"), []string{headerAllowCredentials, headerExposeHeaders}},
		{"actual allowed with credentials", site, actual("GET", "https://a.example.com"), []string{headerExposeHeaders}},
		{"preflight refused origin", plain, preflight("https://evil.example.com", "PUT"), preflightNames},
		{"preflight refused method", plain, preflight("https://app.example.com", "PUT"),
			[]string{headerAllowCredentials, headerExposeHeaders, headerAllowMethods, headerAllowHeaders, headerMaxAge, headerAllowPrivateNetwork}},
	}
	for _, tt := range tests {
		d := tt.p.Decide(tt.r)
		if got := d.Stale(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Stale() = %q, want %q", tt.name, got, tt.want)
		}
		for name := range d.Headers() {
			if slices.Contains(d.Stale(), name) {
				t.Errorf("%s: %s is both set and stale", tt.name, name)
			}
		}
	}
}
