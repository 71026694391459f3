package core_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/tenants"
	"github.com/crossgate/crossgate/core"
)

// The policy of a large multi-tenant service: 100,000 exact origins and
// 10,000 patterns.
const (
	scaleExact    = 100_000
	scalePatterns = 10_000
)

// TestScaleMatching: at scale every tenant is allowed, and near misses
// (the apex, another scheme, a lookalike suffix) are refused, without
// allocating.
func TestScaleMatching(t *testing.T) {
	p, err := core.New(core.Config{Origins: tenants.Origins(scaleExact, scalePatterns), Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bool{
		tenants.Exact(0): true, tenants.Exact(scaleExact - 1): true, tenants.Exact(54321): true,
		tenants.PatternHost(0): true, tenants.PatternHost(scalePatterns - 1): true,
		"https://a.b.c.t004242.tenants.example":         true,
		"https://t004242.tenants.example":               false, // the apex
		"http://app.t004242.tenants.example":            false,
		"https://app.t004242.tenants.example:8443":      false,
		"https://app.xt004242.tenants.example":          false,
		"https://app.t004242.tenants.example.evil.test": false,
		"https://app..t004242.tenants.example":          false,
		"https://tenant-100000.customers.example":       false,
		"https://app.t010000.tenants.example":           false,
		"https://tenant-000001.customers.example.":      false,
	}
	for origin, want := range cases {
		r := core.Request{Method: "GET", Origin: []string{origin}}
		if d := p.Decide(r); d.Allowed != want {
			t.Errorf("%s: allowed=%v, want %v", origin, d.Allowed, want)
		}
		if n := testing.AllocsPerRun(10, func() { p.Decide(r) }); n != 0 {
			t.Errorf("%s: %v allocations", origin, n)
		}
	}
}

// TestScaleDiagnosticsBounded: whatever the policy, every text about a
// refusal stays under 1 KiB, and those built for a person (the hook's
// Refusal, Explain) name the tenant whose name the refused origin mistypes.
func TestScaleDiagnosticsBounded(t *testing.T) {
	p, err := core.New(core.Config{Origins: tenants.Origins(scaleExact, scalePatterns), Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	var refusal core.Refusal
	slogHook := core.SlogRefusals(slog.New(slog.NewTextHandler(&log, nil)))
	p.OnRefusal(func(r core.Refusal) { refusal = r; slogHook(r) })
	for typo, meant := range map[string]string{
		"https://tenant-04242.customers.example":        tenants.Exact(4242),   // a dropped digit
		"https://tenant-004242.customers.exmaple":       tenants.Exact(4242),   // swapped letters
		"https://temant-004242.customers.example":       tenants.Exact(4242),   // a wrong letter early on
		"https://app.t004242.tenant.example":            tenants.Pattern(4242), // a dropped letter in the base
		"https://" + strings.Repeat("x", 240) + ".evil": "",
	} {
		log.Reset()
		d := p.Decide(core.Request{Method: "OPTIONS", Origin: []string{typo}, RequestMethod: []string{"PUT"}, Path: "/api"})
		if d.Allowed {
			t.Fatalf("%s allowed", typo)
		}
		e := p.Explain(core.Probe{Origin: typo, Method: "PUT", Credentials: true})
		texts := map[string]string{
			"Reason.Allowed": d.Reason().Allowed, "Reason.String": d.Reason().String(),
			"Refusal.String": refusal.String(), "SlogRefusals": log.String(), "Explain": e.String(),
		}
		for name, text := range texts {
			if len(text) >= 1024 {
				t.Errorf("%s: %s is %d bytes", typo, name, len(text))
			}
		}
		if !strings.Contains(d.Reason().Allowed, " more") {
			t.Errorf("Reason.Allowed %q does not say how many entries it leaves out", d.Reason().Allowed)
		}
		// Decide, allocation-free, carries the precomputed summary; the
		// texts built for a person name the closest entries.
		for _, name := range []string{"Refusal.String", "SlogRefusals", "Explain"} {
			if meant != "" && !strings.Contains(texts[name], meant) {
				t.Errorf("%s for %s does not suggest %s: %s", name, typo, meant, texts[name])
			}
			if !strings.Contains(texts[name], fmt.Sprint(scaleExact+scalePatterns-3)+" more") {
				t.Errorf("%s for %s: %s", name, typo, texts[name])
			}
		}
	}
}

// TestScaleRetainedMemory: the compiled policy of 100,000 origins and
// 10,000 patterns keeps at most three times the bytes of the entries' text
// (the text itself included, once the caller has dropped its Config).
func TestScaleRetainedMemory(t *testing.T) {
	before := retainedHeap()
	p, text := newScalePolicy(t)
	after := retainedHeap()
	runtime.KeepAlive(p)
	retained := int64(after) - int64(before)
	t.Logf("entries' text %d bytes, compiled policy retains %d bytes (%.2fx)", text, retained, float64(retained)/float64(text))
	if retained > 3*int64(text) {
		t.Errorf("the compiled policy retains %d bytes, more than 3x the %d bytes of its entries", retained, text)
	}
}

// newScalePolicy compiles the large policy in a frame of its own, so that
// nothing but the Policy (and the entry strings it keeps) outlives it.
//
//go:noinline
func newScalePolicy(t *testing.T) (*core.Policy, int) {
	origins := tenants.Origins(scaleExact, scalePatterns)
	p, err := core.New(core.Config{Origins: origins, Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, tenants.TextBytes(origins)
}

func retainedHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkNewAtScale measures New of the large policy (the target is at
// most one second on a 2-core machine).
func BenchmarkNewAtScale(b *testing.B) {
	origins := tenants.Origins(scaleExact, scalePatterns)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := core.New(core.Config{Origins: origins, Credentials: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatcherAgreesWithReferenceAtScale: a policy of thousands of entries
// that share hosts, schemes, ports and lengths decides like the reference
// model on origins built around every entry.
func TestMatcherAgreesWithReferenceAtScale(t *testing.T) {
	var entries []string
	for i := range 600 {
		h := fmt.Sprintf("t%d.example.com", i%200)
		switch i / 200 {
		case 0:
			entries = append(entries, "https://"+h, "https://*."+h)
		case 1:
			entries = append(entries, "http://*."+h+":*", "https://"+h+":*")
		case 2:
			entries = append(entries, "https://*."+h+":8443", "http://a."+h+":8080")
		}
	}
	p, err := core.New(core.Config{Origins: entries})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, i := range []int{0, 1, 7, 42, 99, 100, 150, 199, 200, 201, 259} {
		h := fmt.Sprintf("t%d.example.com", i)
		for _, scheme := range []string{"https://", "http://"} {
			for _, host := range []string{h, "a." + h, "b.a." + h, "x" + h, "." + h, "a.." + h, "A." + h} {
				for _, port := range []string{"", ":8443", ":8080", ":443", ":0", ":"} {
					origin := scheme + host + port
					d := p.Decide(core.Request{Method: "GET", Origin: []string{origin}})
					if want := refAllowsOrigin(entries, []string{origin}); d.Allowed != want {
						t.Fatalf("%s: core allowed=%v, reference %v", origin, d.Allowed, want)
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d origins checked against %d entries", checked, len(entries))
}

// BenchmarkHookedRefusalAtScale: what a refused origin costs with a refusal
// hook on the large policy, choosing the entries closest to it included.
func BenchmarkHookedRefusalAtScale(b *testing.B) {
	p, err := core.New(core.Config{Origins: tenants.Origins(scaleExact, scalePatterns)})
	if err != nil {
		b.Fatal(err)
	}
	var reason string
	p.OnRefusal(func(r core.Refusal) { reason = r.Reason.Allowed })
	r := core.Request{Method: "GET", Origin: []string{"https://tenant-04242.customers.example"}, Path: "/"}
	b.ReportAllocs()
	for b.Loop() {
		p.Decide(r)
	}
	if !strings.Contains(reason, tenants.Exact(4242)) {
		b.Fatalf("the hook's reason does not name the closest tenant: %s", reason)
	}
}

// TestDiagnosticsBoundedLongEntries: a few entries as long as hosts go keep
// the texts under 1 KiB too.
func TestDiagnosticsBoundedLongEntries(t *testing.T) {
	label := strings.Repeat("a", 60)
	var origins []string
	for i := range 8 {
		origins = append(origins, fmt.Sprintf("https://%s.%s.%s.%s%d.example", label, label, label, label[:50], i))
	}
	p, err := core.New(core.Config{Origins: origins})
	if err != nil {
		t.Fatal(err)
	}
	var refusal core.Refusal
	p.OnRefusal(func(r core.Refusal) { refusal = r })
	d := p.Decide(core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/"})
	e := p.Explain(core.Probe{Origin: "https://evil.example"})
	for name, text := range map[string]string{"Reason.String": d.Reason().String(), "Refusal.String": refusal.String(), "Explain": e.String()} {
		if len(text) >= 1024 || !strings.Contains(text, " more") {
			t.Errorf("%s is %d bytes: %s", name, len(text), text)
		}
	}
}
