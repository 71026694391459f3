package core_test

import (
	"bytes"
	"log/slog"
	"runtime"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/core"
)

// refusalRecorder is a refusal hook that keeps every Refusal, and the
// SlogRefusals text record of each.
type refusalRecorder struct {
	refusals []core.Refusal
	log      bytes.Buffer
	slog     func(core.Refusal)
}

func newRefusalRecorder(p *core.Policy) *refusalRecorder {
	rec := &refusalRecorder{}
	rec.slog = core.SlogRefusals(slog.New(slog.NewTextHandler(&rec.log, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // the same request logs the same bytes
			}
			return a
		},
	})))
	p.OnRefusal(func(r core.Refusal) {
		rec.refusals = append(rec.refusals, r)
		rec.slog(r)
	})
	return rec
}

// texts returns every text written about the recorded refusals: each one's
// String and Reason.String, and each line SlogRefusals wrote.
func (rec *refusalRecorder) texts() []string {
	var out []string
	for _, ref := range rec.refusals {
		out = append(out, ref.String(), ref.Reason.String())
	}
	if rec.log.Len() > 0 {
		out = append(out, strings.Split(strings.TrimSuffix(rec.log.String(), "\n"), "\n")...)
	}
	return out
}

// reset forgets what was recorded.
func (rec *refusalRecorder) reset() {
	rec.refusals = rec.refusals[:0]
	rec.log.Reset()
}

// sized builds a request of one shape whose hostile value is n bytes long.
type sized struct {
	name  string
	value func(r core.Refusal) string
	build func(n int) core.Request
	// large and larger are two sizes past every bound that changes the
	// reason (an origin over 2048 bytes is malformed, not just refused).
	large, larger int
}

func sizedRequests() []sized {
	fill := func(n int) string { return strings.Repeat("a", n) }
	return []sized{
		{"origin", func(r core.Refusal) string { return r.Origin }, func(n int) core.Request {
			return core.Request{Method: "GET", Origin: []string{"https://" + fill(n) + ".example.com"}, Path: "/"}
		}, 8 << 10, 1 << 20},
		{"requested method", func(r core.Refusal) string { return r.Method }, func(n int) core.Request {
			return core.Request{Method: "OPTIONS", Origin: []string{"https://app.example.com"}, RequestMethod: []string{fill(n)}, Path: "/"}
		}, 8 << 10, 1 << 20},
		{"method", func(r core.Refusal) string { return r.Method }, func(n int) core.Request {
			return core.Request{Method: fill(n), Origin: []string{"https://evil.example"}, Path: "/"}
		}, 8 << 10, 1 << 20},
		{"path", func(r core.Refusal) string { return r.Path }, func(n int) core.Request {
			return core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/" + fill(n)}
		}, 8 << 10, 1 << 20},
		{"request header", func(r core.Refusal) string { return r.Reason.Value }, func(n int) core.Request {
			return core.Request{Method: "OPTIONS", Origin: []string{"https://app.example.com"}, RequestMethod: []string{"PUT"},
				RequestHeaders: []string{"x-" + fill(n)}, Path: "/"}
		}, 1 << 10, 4000}, // past 4096 bytes the list is refused unread
		{"all at once", func(r core.Refusal) string { return r.Path }, func(n int) core.Request {
			return core.Request{Method: "OPTIONS", Origin: []string{"https://" + fill(n) + ".example.com"},
				RequestMethod: []string{fill(n)}, Path: "/" + fill(n)}
		}, 8 << 10, 1 << 20},
	}
}

// TestRefusalValuesBounded: each value a refusal carries is cut to
// core.MaxRefusalValueLen bytes, marked with "...", whatever the request's
// size, and a value within the bound arrives whole.
func TestRefusalValuesBounded(t *testing.T) {
	p := hostilePolicy(t, "https://app.example.com")
	rec := newRefusalRecorder(p)
	for _, s := range sizedRequests() {
		for _, n := range []int{10, s.larger} {
			rec.reset()
			p.Decide(s.build(n))
			if len(rec.refusals) != 1 {
				t.Fatalf("%s of %d bytes: %d refusals reported, want 1", s.name, n, len(rec.refusals))
			}
			r := rec.refusals[0]
			for _, v := range []string{r.Origin, r.Method, r.Path, r.Reason.Value} {
				if len(v) > core.MaxRefusalValueLen {
					t.Errorf("%s of %d bytes: a refusal carries %d bytes (%.40q...), want at most %d", s.name, n, len(v), v, core.MaxRefusalValueLen)
				}
			}
			v := s.value(r)
			if cut := strings.HasSuffix(v, "..."); cut != (n > core.MaxRefusalValueLen) {
				t.Errorf("%s of %d bytes: carried as %.60q, cut marked = %v", s.name, n, v, cut)
			}
			if n < core.MaxRefusalValueLen && !strings.Contains(v, strings.Repeat("a", n)) {
				t.Errorf("%s of %d bytes: carried as %q, want it whole", s.name, n, v)
			}
		}
	}
}

// TestHookedRefusalCostBounded: with SlogRefusals on, what one refusal logs
// and allocates does not depend on the request's size. A 1 MiB value logs
// exactly what an 8 KiB one does, under 1 KiB for one hostile value, and
// allocates a few KiB at most.
func TestHookedRefusalCostBounded(t *testing.T) {
	p := hostilePolicy(t, "https://app.example.com")
	rec := newRefusalRecorder(p)
	for _, s := range sizedRequests() {
		var logged [2]string
		for i, n := range []int{s.large, s.larger} {
			r := s.build(n)
			rec.reset()
			p.Decide(r)
			logged[i] = rec.log.String()
			if problem := attacks.LogLineProblem(strings.TrimSuffix(logged[i], "\n")); problem != "" {
				t.Errorf("%s of %d bytes: logged %s", s.name, n, problem)
			}
			if perRefusal := allocatedBytes(func() { p.Decide(r) }); perRefusal > 8<<10 {
				t.Errorf("%s of %d bytes: %d bytes allocated per refusal, want at most 8 KiB", s.name, n, perRefusal)
			}
		}
		if logged[0] != logged[1] {
			t.Errorf("%s: %d bytes log %d bytes, %d bytes %d: the size leaks into the log", s.name, s.larger, len(logged[1]), s.large, len(logged[0]))
		}
		if s.name != "all at once" && len(logged[1]) > 1<<10 {
			t.Errorf("%s of %d bytes: logged %d bytes, want under 1 KiB:\n%s", s.name, s.larger, len(logged[1]), logged[1])
		}
	}
}

// allocatedBytes returns the bytes f allocates per call, over a few calls.
func allocatedBytes(f func()) uint64 {
	const runs = 16
	f() // warm up pools
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// injection is a path, method and origin that try to forge log lines and
// drive the terminal: CR LF (net/http decodes %0D%0A in a path), ESC
// sequences, NUL, DEL, a C1 control and a byte that is not UTF-8.
var injection = struct{ path, method, origin string }{
	path:   "/api/items\r\n2026/01/01 ADMIN login ok\x1b[2J\x00\x7f",
	method: "PUT\x1b[31m\r\nX",
	origin: "https://evil.example\r\n\x1b]0;pwned\a\u0085\x9b",
}

// TestRefusalTextEscaped: every text the library writes about a refusal
// (Refusal.String, Reason.String, the SlogRefusals record, Explain's text)
// escapes what the request sent, so none of them holds a control byte.
func TestRefusalTextEscaped(t *testing.T) {
	p := hostilePolicy(t, "https://app.example.com")
	rec := newRefusalRecorder(p)
	requests := []core.Request{
		{Method: injection.method, Origin: []string{injection.origin}, Path: injection.path},
		{Method: "OPTIONS", Origin: []string{"https://app.example.com"}, RequestMethod: []string{injection.method}, Path: injection.path},
		{Method: "OPTIONS", Origin: []string{"https://app.example.com"}, RequestMethod: []string{"PUT"},
			RequestHeaders: []string{"x-token, x-\x1b[2J"}, Path: injection.path},
		{Method: "GET", Origin: []string{injection.origin, "https://app.example.com"}, Path: injection.path},
	}
	for _, r := range requests {
		d := p.Decide(r)
		texts := append(rec.texts(), d.Reason().String())
		if len(rec.refusals) != 1 {
			t.Errorf("request %q %q: %d refusals reported, want 1", r.Method, r.Path, len(rec.refusals))
		}
		rec.reset()
		for _, text := range texts {
			if problem := attacks.LogLineProblem(text); problem != "" {
				t.Errorf("request %q %q: %s", r.Method, r.Path, problem)
			}
		}
	}
	for _, pr := range []core.Probe{
		{Origin: injection.origin, Method: "GET"},
		{Origin: "https://app.example.com", Method: injection.method},
		{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"X-\x1b[2J"}},
	} {
		if problem := attacks.LogLineProblem(p.Explain(pr).String()); problem != "" {
			t.Errorf("Explain(%q %q %q): %s", pr.Origin, pr.Method, pr.Headers, problem)
		}
	}
}

// TestRefusalStringReadable: a refusal of an ordinary request reads as
// before, values bare; one whose values hold a space, a quote or anything
// outside printable ASCII has them quoted, so a path cannot pass for the
// rest of the line.
func TestRefusalStringReadable(t *testing.T) {
	for _, c := range []struct {
		ref  core.Refusal
		want string
	}{
		{core.Refusal{Kind: core.Preflight, Origin: "https://app.example.com", Method: "DELETE", Path: "/api/items/1",
			Reason: core.Reason{Code: core.ReasonMethodNotAllowed, Value: "DELETE", Allowed: "PUT"}},
			`preflight DELETE /api/items/1 from "https://app.example.com" refused: method "DELETE" not allowed (allowed: PUT)`},
		{core.Refusal{Kind: core.Actual, Origin: "https://evil.example", Method: "GET",
			Path:   `/x from "https://app.example.com" refused: allowed`,
			Reason: core.Reason{Code: core.ReasonOriginNotAllowed, Value: "https://evil.example"}},
			`actual GET "/x from \"https://app.example.com\" refused: allowed" from "https://evil.example" refused: origin "https://evil.example" not allowed`},
		{core.Refusal{Kind: core.Actual, Origin: "https://evil.example", Method: "",
			Path:   "/a\r\nb\x1b[2J",
			Reason: core.Reason{Code: core.ReasonOriginNotAllowed, Value: "https://evil.example"}},
			`actual "" "/a\r\nb\x1b[2J" from "https://evil.example" refused: origin "https://evil.example" not allowed`},
	} {
		if got := c.ref.String(); got != c.want {
			t.Errorf("String() =\n %s\nwant\n %s", got, c.want)
		}
	}
}

// TestRefusalSameOrigin: a refused Origin is marked same-origin when it is
// the request's Scheme and Host, Host compared without regard to ASCII case
// and with the scheme's default port written or not; a browser serializes
// an origin in lower case, so an Origin in upper case never is.
func TestRefusalSameOrigin(t *testing.T) {
	p := hostilePolicy(t, "https://app.example.com")
	var got []core.Refusal
	p.OnRefusal(func(r core.Refusal) { got = append(got, r) })
	long := strings.Repeat("a", 300) + ".example"
	for _, c := range []struct {
		origin, scheme, host string
		want                 bool
	}{
		{"https://site.example", "https", "site.example", true},
		{"https://site.example", "https", "SITE.Example", true},
		{"https://site.example", "https", "site.example:443", true},
		{"https://site.example:8443", "https", "Site.Example:8443", true},
		{"http://site.example", "http", "site.example:80", true},
		{"http://[::1]:8080", "http", "[::1]:8080", true},
		{"https://site.example", "http", "site.example", false},
		{"http://site.example", "http", "site.example:443", false},
		{"https://site.example", "https", "site.example:8443", false},
		{"https://SITE.example", "https", "site.example", false},
		{"https://site.example", "https", "site.exampl", false},
		{"https://site.example", "https", "site.examples", false},
		{"https://site.example", "https", "", false},
		{"https://site.example", "", "site.example", false},
		{"https://" + long, "https", long, false},                     // no DNS name is that long
		{"https://kite.example", "https", "\u212aite.example", false}, // a Kelvin sign is no K
	} {
		got = got[:0]
		p.Decide(core.Request{Method: "GET", Origin: []string{c.origin}, Path: "/", Scheme: c.scheme, Host: c.host})
		if len(got) != 1 {
			t.Fatalf("%.40q with %s://%.40s: %d refusals, want 1", c.origin, c.scheme, c.host, len(got))
		}
		if got[0].SameOrigin != c.want {
			t.Errorf("%.40q with Scheme %q, Host %.40q: SameOrigin = %v, want %v", c.origin, c.scheme, c.host, got[0].SameOrigin, c.want)
		}
	}
}

// TestRefusalHostCostIndependentOfLength: telling whether a refused request
// is same-origin reads Host (or X-Forwarded-Host) in place, so a 1 MiB Host
// with upper-case letters costs a refused request, hook on, what a short
// one costs: no more allocations and no more bytes.
func TestRefusalHostCostIndependentOfLength(t *testing.T) {
	p := hostilePolicy(t, "https://app.example.com")
	var sameOrigin bool
	p.OnRefusal(func(r core.Refusal) { sameOrigin = r.SameOrigin })
	refused := func(host string) core.Request {
		return core.Request{Method: "GET", Origin: []string{"https://evil.example"}, Path: "/", Scheme: "https", Host: host}
	}
	short, long := refused("evil.example"), refused(strings.Repeat("A", 1<<20)+".example")
	if p.Decide(short); !sameOrigin {
		t.Fatalf("Host %q: not marked same-origin", short.Host)
	}
	shortAllocs := testing.AllocsPerRun(20, func() { sink = p.Decide(short) })
	longAllocs := testing.AllocsPerRun(20, func() { sink = p.Decide(long) })
	if longAllocs > shortAllocs {
		t.Errorf("a refusal with a 1 MiB mixed-case Host makes %v allocations, with a short one %v: want no more", longAllocs, shortAllocs)
	}
	shortBytes := allocatedBytes(func() { sink = p.Decide(short) })
	longBytes := allocatedBytes(func() { sink = p.Decide(long) })
	if longBytes > shortBytes+256 {
		t.Errorf("a refusal with a 1 MiB mixed-case Host allocates %d bytes, with a short one %d: want the same", longBytes, shortBytes)
	}
}
