package core

import (
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core/internal/suffixgen/pslread"
	"golang.org/x/net/publicsuffix"
)

// TestSuffixesBelowTableCurrent: the generated table is what x/net's copy
// of the list gives today; after updating golang.org/x/net, run go generate
// in core.
func TestSuffixesBelowTableCurrent(t *testing.T) {
	rules, version, err := pslread.FromModule()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(pslread.BelowRegistrable(rules), "\n") + "\n"
	if version != suffixesBelowVersion || want != suffixesBelowText {
		t.Fatalf("suffixes_below_table.go is stale (table from %q, x/net has %q): run go generate in core", suffixesBelowVersion, version)
	}
	if len(rules) < 5000 || !strings.Contains(want, "\ns3.amazonaws.com\n") {
		t.Fatalf("decoded %d rules, table without s3.amazonaws.com: the decoder is broken", len(rules))
	}
}

// TestReachesSuffixBelowAgreesWithXNet compares the allocation-free check
// with x/net's PublicSuffix on hosts built around every rule of the table,
// under every domain above them that someone owns.
func TestReachesSuffixBelowAgreesWithXNet(t *testing.T) {
	x := theSuffixesBelow()
	checked := 0
	for _, line := range strings.Split(strings.TrimSuffix(suffixesBelowText, "\n"), "\n") {
		name := strings.TrimPrefix(strings.TrimPrefix(line, "*."), "!")
		for _, host := range []string{name, "a." + name, "b.a." + name, "a-b.c." + name} {
			for base := host; ; {
				_, parent, ok := strings.Cut(base, ".")
				if !ok {
					break
				}
				base = parent
				if !x.owners[base] {
					continue
				}
				ps, _ := publicsuffix.PublicSuffix(host)
				want := len(ps) > len(base)
				if got := x.reachesSuffixBelow(host, len(base)); got != want {
					t.Errorf("host %q under %q: got %v, x/net's public suffix %q", host, base, got, ps)
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d cases checked", checked)
	}
}

func TestUnderWildcardRule(t *testing.T) {
	for domain, want := range map[string]bool{
		"sch.uk": true, "kawasaki.jp": true, "compute.amazonaws.com": true,
		"amazonaws.com": false, "github.io": false, "example.com": false, "city.kawasaki.jp": false,
	} {
		if got := underWildcardRule(domain); got != want {
			t.Errorf("underWildcardRule(%q) = %v, want %v", domain, got, want)
		}
	}
}
