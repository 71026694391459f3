package core

import "testing"

// TestRefusalHints pins the fix Explain gives for each refusal class: a
// "*." pattern only over a parent domain it covers safely, the case note
// only for a method fetch() does not normalize.
func TestRefusalHints(t *testing.T) {
	p, err := New(Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		probe Probe
		fix   string
	}{
		{"subdomain of a registrable domain", Probe{Origin: "https://admin.example.com"},
			`add "https://admin.example.com" to Origins (or the pattern "https://*.example.com", which covers every subdomain of example.com)`},
		{"subdomain with a port", Probe{Origin: "http://dev.example.co.uk:8080"},
			`add "http://dev.example.co.uk:8080" to Origins (or the pattern "http://*.example.co.uk:8080", which covers every subdomain of example.co.uk)`},
		{"localhost", Probe{Origin: "http://localhost:5173"}, `add "http://localhost:5173" to Origins`},
		{"IPv4 address", Probe{Origin: "http://192.168.1.10:3000"}, `add "http://192.168.1.10:3000" to Origins`},
		{"IPv6 address", Probe{Origin: "http://[::1]:3000"}, `add "http://[::1]:3000" to Origins`},
		{"bare registrable apex", Probe{Origin: "https://example.com"}, `add "https://example.com" to Origins`},
		{"apex under a two-label suffix", Probe{Origin: "https://example.co.uk"}, `add "https://example.co.uk" to Origins`},
		{"site under a public suffix", Probe{Origin: "https://someone.github.io"}, `add "https://someone.github.io" to Origins`},
		{"parent with public suffixes below", Probe{Origin: "https://console.amazonaws.com"}, `add "https://console.amazonaws.com" to Origins`},
		{"unlisted top-level domain", Probe{Origin: "https://app.internal"}, `add "https://app.internal" to Origins`},
		{"normalized method", Probe{Origin: "https://app.example.com", Method: "delete"}, `add "DELETE" to Methods`},
		{"PUT", Probe{Origin: "https://app.example.com", Method: "put", Headers: []string{"X-Token"}}, ""},
		{"patch as written", Probe{Origin: "https://app.example.com", Method: "patch"},
			`add "patch" to Methods (methods are case-sensitive, and fetch sends patch as the page writes it: list it in that case)`},
		{"PATCH", Probe{Origin: "https://app.example.com", Method: "PATCH"},
			`add "PATCH" to Methods (methods are case-sensitive, and fetch sends PATCH as the page writes it: list it in that case)`},
		{"header", Probe{Origin: "https://app.example.com", Headers: []string{"X-Other"}}, `add "x-other" to RequestHeaders`},
		{"authorization", Probe{Origin: "https://app.example.com", Headers: []string{"Authorization"}}, `add "authorization" to RequestHeaders`},
		{"credentials", Probe{Origin: "https://app.example.com", Credentials: true}, `set Credentials: true, with exact origins (not "*")`},
		{"null", Probe{Origin: "null"}, "no change should allow it: serve the page from a real origin and list that"},
	}
	for _, tt := range tests {
		if got := p.Explain(tt.probe).Fix; got != tt.fix {
			t.Errorf("%s: fix\n  %s\nwant\n  %s", tt.name, got, tt.fix)
		}
	}
}
