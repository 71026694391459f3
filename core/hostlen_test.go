package core_test

import (
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// TestSubdomainPatternHostLength: no DNS name is longer than 253 bytes
// (RFC 1035), and core's maxHostLen says so ("the longest host a pattern
// can match"). A "*." pattern once matched hosts up to the length bound of
// the whole origin (259 bytes for https without a port), because only the
// subdomain part was measured; the reference model disagreed. Harmless in
// practice (no such host resolves), but the code must keep the bound it
// states, and this test keeps it kept.
func TestSubdomainPatternHostLength(t *testing.T) {
	p, err := core.New(core.Config{Origins: []string{"https://*.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{121, 122, 123, 124} {
		host := strings.Repeat("a.", n) + "example.com"
		o := "https://" + host
		want := len(host) <= 253
		if got := p.Decide(core.Request{Method: "GET", Origin: []string{o}}).Allowed; got != want {
			t.Errorf("host of %d bytes: allowed=%v, want %v", len(host), got, want)
		}
	}
}
