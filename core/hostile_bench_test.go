package core_test

import (
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/tenants"
	"github.com/crossgate/crossgate/core"
)

// Hostile inputs and what they cost. The bound is set before any byte is
// scanned: Decide refuses more than core.MaxHeaderLines (16) lines of
// Access-Control-Request-Headers or more than 4096 bytes of them in all,
// more than one Origin line, and any origin longer than the longest the
// policy can match (here 23 bytes, or 8+253+6 with a pattern), so each of
// these costs a few length checks whatever its size, and no allocation.
// Compare rs/cors before 1.11.0 (CVE-2025-47908) and go-chi/cors, which
// allocate in proportion to the commas.

// hostile is one attacker-built request.
type hostile struct {
	name string
	req  core.Request
}

func hostileRequests() []hostile {
	const mib = 1 << 20
	names := make([]string, 10000)
	for i := range names {
		names[i] = "x-h" + strconv.Itoa(i)
	}
	pre := func(acrh ...string) core.Request {
		return core.Request{Method: "OPTIONS", Origin: []string{"https://app.example.com"},
			RequestMethod: []string{"PUT"}, RequestHeaders: acrh, Path: "/"}
	}
	origins := make([]string, 1000)
	for i := range origins {
		origins[i] = "https://app.example.com"
	}
	return []hostile{
		{"ACRH 1MiB commas", pre(strings.Repeat(",", mib))},
		{"ACRH 1MiB spaces", pre(strings.Repeat(" ", mib))},
		{"ACRH 1MiB one allowed name repeated", pre(strings.Repeat("x-token,", mib/len("x-token,")))},
		{"ACRH 10000 distinct names", pre(strings.Join(names, ","))},
		{"1000 Origin lines", core.Request{Method: "GET", Origin: origins, Path: "/"}},
		{"64KiB origin", core.Request{Method: "GET", Origin: []string{"https://" + strings.Repeat("a", 64<<10) + ".example.com"}, Path: "/"}},
		{"64KiB origin preflight", core.Request{Method: "OPTIONS", Origin: []string{"https://" + strings.Repeat("a", 64<<10) + ".example.com"},
			RequestMethod: []string{"PUT"}, Path: "/"}},
		{"126-label origin", core.Request{Method: "GET", Origin: []string{manyLabels}, Path: "/"}},
	}
}

func hostilePolicy(tb testing.TB, origins ...string) *core.Policy {
	tb.Helper()
	p, err := core.New(core.Config{Origins: origins, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"}})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// manyPatterns is the policy that makes origin matching work hardest: 10,000
// tenant patterns, plus one pattern for every odd base length from 9 to 247
// bytes ("*.b.example", "*.b.b.example", ...), so that each label suffix of
// manyLabels is a length some base has and is looked up.
func manyPatterns() []string {
	out := tenants.Origins(0, 10_000)
	for k := 1; k <= 120; k++ {
		out = append(out, "https://*."+strings.Repeat("b.", k)+"example")
	}
	return out
}

// manyLabels is an origin with the most labels a host can have (126 in 249
// bytes), matching none of manyPatterns.
var manyLabels = "https://" + strings.Repeat("a.", 121) + "example"

func BenchmarkHostile(b *testing.B) {
	for _, pol := range []struct {
		name    string
		origins []string
	}{
		{"exact", []string{"https://app.example.com"}},
		{"pattern", []string{"https://*.example.com"}},
		{"10120-patterns", manyPatterns()},
	} {
		p := hostilePolicy(b, pol.origins...)
		for _, h := range hostileRequests() {
			b.Run(pol.name+"/"+h.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sink = p.Decide(h.req)
				}
			})
		}
	}
}

// hookedHostileRequests are hostile requests whose size lands in what a
// refusal carries, the values the refusal hook receives and logs: each is
// cut to core.MaxRefusalValueLen bytes before it is copied, so with
// SlogRefusals on they cost what a short request costs.
func hookedHostileRequests() []hostile {
	const mib = 1 << 20
	big := strings.Repeat("a", mib)
	return []hostile{
		{"1MiB origin", core.Request{Method: "GET", Origin: []string{"https://" + big + ".example.com"}, Path: "/"}},
		{"1MiB requested method", core.Request{Method: "OPTIONS", Origin: []string{"https://app.example.com"},
			RequestMethod: []string{strings.Repeat("M", mib)}, Path: "/"}},
		{"1MiB method", core.Request{Method: strings.Repeat("M", mib), Origin: []string{"https://evil.example"}, Path: "/"}},
		{"1MiB path", core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/" + big}},
		// The refusal tells whether the Origin is the request's own one,
		// reading Host in place: a long one costs what a short one does
		// (neither is same-origin, so both are logged).
		{"short mixed-case Host", core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/",
			Scheme: "https", Host: "Site.example"}},
		{"1MiB mixed-case Host", core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/",
			Scheme: "https", Host: "Site." + big + ".example"}},
	}
}

// BenchmarkHostileHooked measures hostile requests with SlogRefusals on a
// text handler, the hook the README shows, writing to io.Discard.
func BenchmarkHostileHooked(b *testing.B) {
	p := hostilePolicy(b, "https://app.example.com")
	p.OnRefusal(core.SlogRefusals(slog.New(slog.NewTextHandler(io.Discard, nil))))
	for _, h := range hookedHostileRequests() {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = p.Decide(h.req)
			}
		})
	}
}

// TestHostileRefusedWithoutAllocating is the assertion behind the benchmark:
// every hostile request is refused, and refusing it allocates nothing.
func TestHostileRefusedWithoutAllocating(t *testing.T) {
	for _, p := range []*core.Policy{
		hostilePolicy(t, "https://app.example.com", "https://*.example.com"),
		hostilePolicy(t, manyPatterns()...),
	} {
		for _, h := range hostileRequests() {
			if d := p.Decide(h.req); d.Allowed {
				t.Errorf("%s: allowed", h.name)
			}
			if n := testing.AllocsPerRun(20, func() { sink = p.Decide(h.req) }); n != 0 {
				t.Errorf("%s: %v allocations per Decide, want 0", h.name, n)
			}
		}
	}
}
