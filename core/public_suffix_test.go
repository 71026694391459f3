package core_test

import (
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// TestPublicSuffixWildcardRulesRefused: "*." over a domain whose every
// child is a public suffix matches only hosts anyone can register, so New
// refuses it with Credentials, naming the value and the way out.
func TestPublicSuffixWildcardRulesRefused(t *testing.T) {
	for _, o := range []string{"https://*.sch.uk", "https://*.kawasaki.jp", "https://*.compute.amazonaws.com"} {
		_, err := core.New(core.Config{Origins: []string{o}, Credentials: true})
		if err == nil {
			t.Errorf("%s with Credentials: New accepted it", o)
			continue
		}
		for _, want := range []string{o, "public suffix", "DangerouslyAllowInsecureOrigins", "*.yours."} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q does not mention %q", o, err, want)
			}
		}
		if _, err := core.New(core.Config{Origins: []string{o}, Credentials: true, DangerouslyAllowInsecureOrigins: true}); err != nil {
			t.Errorf("%s with DangerouslyAllowInsecureOrigins: %v", o, err)
		}
		if _, err := core.New(core.Config{Origins: []string{o}}); err != nil {
			t.Errorf("%s without Credentials: %v", o, err)
		}
	}
	if _, err := core.New(core.Config{Origins: []string{"https://*.city.kawasaki.jp"}, Credentials: true}); err != nil {
		t.Errorf("an exception of a wildcard rule is a registrable domain: %v", err)
	}
}

// TestPublicSuffixBelowPatternRefused: with Credentials, "*.amazonaws.com"
// does not reach hosts registered under the public suffixes below it
// (s3.amazonaws.com, *.compute.amazonaws.com), while the owner's own hosts
// still match; DangerouslyAllowInsecureOrigins and policies without
// Credentials keep plain matching.
func TestPublicSuffixBelowPatternRefused(t *testing.T) {
	cases := []struct {
		pattern, origin string
		allowed         bool
	}{
		{"https://*.amazonaws.com", "https://attacker-bucket.s3.amazonaws.com", false},
		{"https://*.amazonaws.com", "https://s3.amazonaws.com", false},
		{"https://*.amazonaws.com", "https://ec2-1-2-3-4.compute.amazonaws.com", false},
		{"https://*.amazonaws.com", "https://a.b.attacker-bucket.s3.amazonaws.com", false},
		{"https://*.amazonaws.com", "https://console.amazonaws.com", true},
		{"https://*.amazonaws.com", "https://a.b.console.amazonaws.com", true},
		{"https://*.windows.net", "https://attacker.blob.core.windows.net", false},
		{"https://*.windows.net", "https://portal.windows.net", true},
		{"https://*.mine.s3.amazonaws.com", "https://a.mine.s3.amazonaws.com", true},
		{"https://*.example.com", "https://a.b.c.example.com", true},
	}
	for _, c := range cases {
		p, err := core.New(core.Config{Origins: []string{c.pattern}, Credentials: true})
		if err != nil {
			t.Fatalf("%s: %v", c.pattern, err)
		}
		r := core.Request{Method: "GET", Origin: []string{c.origin}}
		if d := p.Decide(r); d.Allowed != c.allowed {
			t.Errorf("%s with Credentials, Origin %s: allowed=%v, want %v", c.pattern, c.origin, d.Allowed, c.allowed)
		}
		if n := testing.AllocsPerRun(100, func() { p.Decide(r) }); n != 0 {
			t.Errorf("%s, Origin %s: Decide allocates %v times", c.pattern, c.origin, n)
		}
		for _, cfg := range []core.Config{
			{Origins: []string{c.pattern}, Credentials: true, DangerouslyAllowInsecureOrigins: true},
			{Origins: []string{c.pattern}},
		} {
			p, err := core.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if d := p.Decide(r); !d.Allowed {
				t.Errorf("%s (Credentials %v), Origin %s: refused, want plain matching", c.pattern, cfg.Credentials, c.origin)
			}
		}
	}
}
