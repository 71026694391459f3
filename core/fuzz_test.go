package core_test

import (
	"context"
	"errors"
	"net"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// The fuzz targets, "nothing gets through that should not".
// FuzzOriginMatch and FuzzRequestHeaders are differential: core must agree
// with the reference model of reference_test.go on every input.
// FuzzDecide checks the invariants every answer keeps whatever the input,
// and FuzzNew checks that what New accepts is what it promises. Run them
// with scripts/fuzz.sh; without -fuzz, go test replays the seeds below and
// the corpus under testdata/fuzz.

// originSeeds are configured entries and request origins worth starting
// from: the attack catalogue's lookalikes.
var originSeeds = []struct{ entries, origin string }{
	{"https://*.example.com", "https://evilexample.com"},
	{"https://*.example.com", "https://a.example.com"},
	{"https://*.example.com", "https://example.com"},
	{"https://*.example.com", "https://.example.com"},
	{"https://*.example.com", "https://a..example.com"},
	{"https://*.example.com", "https://evil.test/x.example.com"},
	{"https://example.com", "https://example.community"},
	{"https://example.com", "https://example.com.evil.test"},
	{"https://example.com", "https://example.com@evil.test"},
	{"https://example.com", "http://example.com"},
	{"https://example.com", "https://example.com:443"},
	{"https://example.com", "https://EXAMPLE.com"},
	{"https://example.com", "https://example.com."},
	{"http://localhost:*", "http://localhost:evil.test"},
	{"http://localhost:*", "http://localhost:3000"},
	{"http://[::1]:*", "http://[::1]:8080"},
	{"https://*.example.com:*", "https://a.b.example.com:8443"},
	{"https://*.example.com:8443", "https://a.b.example.com:8443"},
	{"https://*.example.com:8443", "https://a.example.com:8443:8443"},
	{"https://*.example.com:8443", "https://a.example.com"},
	{"https://*.example.com", "https://a:1.example.com"},
	{"https://*.example.com", "https://a.example.com:443"},
	{"https://*.github.io", "https://a.b.github.io"},
	{"https://xn--bcher-kva.example", "https://bücher.example"},
	{"*", "null"},
	{"https://example.com", "null"},
}

func FuzzOriginMatch(f *testing.F) {
	for _, s := range originSeeds {
		f.Add([]byte{1, 0}, s.entries+"\t"+s.origin)
	}
	f.Add([]byte{3, 2, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 1, 2, 0}, "https://a.example.com")
	f.Fuzz(func(t *testing.T, data []byte, in string) {
		// in is "entries<TAB>origin" when it holds a tab, so a seed can set
		// both; otherwise the entries come from data's fragments.
		pk := picker{data}
		var entries []string
		origin := in
		if e, o, ok := strings.Cut(in, "\t"); ok {
			entries, origin = strings.Split(e, " "), o
		} else {
			entries = pk.origins()
		}
		p, err := core.New(core.Config{Origins: entries, Credentials: pk.bit(), DangerouslyAllowInsecureOrigins: true})
		if err != nil {
			return // FuzzNew covers what New refuses
		}
		candidates := []string{origin, pk.origin(), pk.origin()}
		for _, e := range entries {
			// What each entry should and should not match: itself with its
			// wildcards filled in, by the fuzzer's string too, and the apex.
			sub := strings.Replace(e, "*.", "a.", 1)
			candidates = append(candidates, e, sub,
				strings.Replace(sub, ":*", ":8080", 1),
				strings.Replace(sub, ":*", "", 1),
				strings.Replace(e, "*.", "", 1),
				strings.Replace(e, "*", origin, 1),
				strings.Replace(e, "://", "://"+origin, 1),
				e+origin)
		}
		checkOriginsAgainstReference(t, p, entries, candidates)
		// The same entries among many others, sharing their hosts, schemes
		// and lengths: the matcher's tables rather than its small lists.
		if slices.Contains(entries, "*") {
			return // "*" must stand alone
		}
		padded := padOrigins(entries)
		p, err = core.New(core.Config{Origins: padded, Credentials: pk.bit(), DangerouslyAllowInsecureOrigins: true})
		if err != nil {
			t.Fatalf("the padded policy is invalid although its entries were accepted: %v", err)
		}
		checkOriginsAgainstReference(t, p, padded, append(candidates, "https://a.t7.example.com", "http://a.b.t7.example.com:8080",
			"https://t7.example.com:8443", "https://t7.example.com", "https://a.t7.example.com:8443"))
	})
}

func checkOriginsAgainstReference(t *testing.T, p *core.Policy, entries, candidates []string) {
	t.Helper()
	for _, c := range candidates {
		for _, ls := range [][]string{{c}, lines(c)} {
			if len(ls) == 0 {
				continue // no Origin: not CORS, FuzzDecide's business
			}
			d := p.Decide(core.Request{Method: "GET", Origin: ls, Path: "/"})
			if want := refAllowsOrigin(entries, ls); d.Allowed != want {
				t.Fatalf("Origins %q, Origin lines %q: core allowed=%v, reference allowed=%v (reason %v)",
					entries, ls, d.Allowed, want, d.Reason())
			}
		}
	}
}

// originFillers are valid entries around the fragments' hosts: exact
// origins, "*." and ":*" patterns over the same and nearby hosts, with
// other schemes and ports.
var originFillers = func() []string {
	var out []string
	for i := range 24 {
		t := "t" + strconv.Itoa(i) + ".example.com"
		out = append(out, "https://"+t, "https://*."+t, "http://*."+t+":*", "https://"+t+":*", "https://*."+t+":8443")
	}
	return append(out, "http://*.example.com", "https://*.example.com:8443", "https://*.app.example.com:*",
		"http://*.localhost:*", "https://localhost:*", "https://*.evil.test:1", "http://example.com:*",
		"https://*.com.evil.test", "https://*.xn--bcher-kva.example", "http://127.0.0.1:*", "https://[::1]:*")
}()

// padOrigins returns entries followed by the fillers it does not list.
func padOrigins(entries []string) []string {
	out := slices.Clone(entries)
	for _, f := range originFillers {
		if !slices.Contains(entries, f) {
			out = append(out, f)
		}
	}
	return out
}

func FuzzRequestHeaders(f *testing.F) {
	f.Add([]byte{2, 0, 1}, "x-token,content-type")
	f.Add([]byte{2, 0, 1}, "X-Token , Content-Type\ncontent-type")
	f.Add([]byte{1, 3}, "authorization")
	f.Add([]byte{2, 3, 2}, "authorization,x-anything")
	f.Add([]byte{1, 0}, ",,,,,,,,,,,,,,,,,x-token")
	f.Add([]byte{1, 0}, "x-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token\nx-token")
	f.Add([]byte{1, 0}, strings.Repeat("x-token,", 600))
	f.Add([]byte{1, 0}, "x-token\t,\tx-token")
	f.Add([]byte{1, 0}, "x token")
	f.Add([]byte{1, 3}, "x-é")
	// The browser's own form, which check decides on a fast path: sorted,
	// lower-case, bare commas; and near misses of it.
	f.Add([]byte{3, 1, 4, 6}, "content-type,x-a,x-token")
	f.Add([]byte{3, 1, 4, 6}, "content-type,x-a,x-token,")
	f.Add([]byte{3, 1, 4, 6}, "x-a,content-type")
	f.Add([]byte{3, 1, 4, 6}, "content-type,content-type")
	f.Add([]byte{3, 1, 4, 6}, "content-type-x,x-a")
	f.Add([]byte{3, 1, 4, 3}, "content-type,x-a,x-b")
	f.Fuzz(func(t *testing.T, data []byte, acrh string) {
		pk := picker{data}
		headers := pk.list(fragHeaders, 4)
		p, err := core.New(core.Config{
			Origins:        []string{"https://app.example.com"},
			Methods:        []string{"PUT"},
			RequestHeaders: headers,
			Credentials:    pk.bit(),
		})
		if err != nil {
			return
		}
		req := core.Request{
			Method:         "OPTIONS",
			Origin:         []string{"https://app.example.com"},
			RequestMethod:  []string{"PUT"},
			RequestHeaders: lines(acrh),
		}
		d := p.Decide(req)
		want := refCheckHeaders(headers, req.RequestHeaders)
		got := map[core.ReasonCode]refHeaderVerdict{
			core.ReasonNone:                refHeadersAllowed,
			core.ReasonHeaderNotAllowed:    refHeadersNotAllowed,
			core.ReasonHeaderAuthorization: refHeadersAuthorization,
			core.ReasonHeadersMalformed:    refHeadersMalformed,
		}
		verdict, known := got[d.Reason().Code]
		if !known || verdict != want || d.Allowed != (want == refHeadersAllowed) {
			t.Fatalf("RequestHeaders %q, ACRH lines %q: core %v (allowed=%v), reference verdict %d",
				headers, req.RequestHeaders, d.Reason(), d.Allowed, want)
		}
	})
}

// sink keeps Decide's result alive in the allocation check.
var sink core.Decision

func FuzzDecide(f *testing.F) {
	f.Add([]byte{0, 2, 1, 0}, "OPTIONS", "https://app.example.com", "PUT", "x-token", "true")
	f.Add([]byte{0, 2, 0, 0}, "GET", "https://evil.test", "", "", "")
	f.Add([]byte{0, 0, 0}, "GET", "", "", "", "")
	f.Add([]byte{8, 0}, "OPTIONS", "https://a.example.com\nhttps://b.example.com", "PUT\nDELETE", "x-a\nx-b", "true\ntrue")
	f.Add([]byte{0, 1, 0, 1, 1, 3, 2, 3}, "OPTIONS", "null", "PATCH", "authorization", "")
	f.Add([]byte{1, 17, 1, 1, 1}, "OPTIONS", "https://app.example.com", "X\r\nY", "a\x00b", "true")
	f.Fuzz(func(t *testing.T, data []byte, method, origin, acrm, acrh, acrpn string) {
		pk := picker{data}
		cfg := pk.config()
		p, err := core.New(cfg)
		if err != nil {
			return
		}
		r := core.Request{
			Method:                method,
			Origin:                lines(origin),
			RequestMethod:         lines(acrm),
			RequestHeaders:        lines(acrh),
			RequestPrivateNetwork: lines(acrpn),
			Path:                  "/fuzz",
		}
		d := p.Decide(r)
		if err := checkInvariants(cfg, r, d); err != "" {
			t.Fatalf("%s\nconfig %+v\nrequest %q\ndecision %+v", err, cfg, r, d)
		}
		// DecideInto, which the net/http adapters call, is decidePreflight
		// and decideActual written again: it must agree to the last field.
		var into core.Decision
		p.DecideInto(context.Background(), &r, &into)
		if !reflect.DeepEqual(d, into) {
			t.Fatalf("Decide and DecideInto disagree\nconfig %+v\nrequest %q\nDecide     %+v\nDecideInto %+v", cfg, r, d, into)
		}
		if len(data) > 0 && data[0]%8 == 0 {
			if n := testing.AllocsPerRun(3, func() { sink = p.Decide(r) }); n != 0 {
				t.Fatalf("Decide allocated %v times for request %q under %+v", n, r, cfg)
			}
		}
	})
}

// checkInvariants returns what is wrong with d as an answer to r under cfg,
// or "". These hold for every input, so they are written without knowing
// what the answer should be.
func checkInvariants(cfg core.Config, r core.Request, d core.Decision) string {
	anyOrigin := len(cfg.Origins) == 1 && cfg.Origins[0] == "*"
	header := map[string]string{}
	for name, values := range d.Headers() {
		if _, dup := header[name]; dup {
			return "field " + name + " twice"
		}
		header[name] = strings.Join(values, ", ")
		for _, v := range values {
			for i := 0; i < len(v); i++ {
				if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
					return "control byte in " + name + ": a response-splitting risk"
				}
			}
		}
	}
	acao, hasACAO := header["Access-Control-Allow-Origin"]
	acac, hasACAC := header["Access-Control-Allow-Credentials"]
	wantKind := core.Actual
	switch {
	case len(r.Origin) == 0:
		wantKind = core.NotCORS
	case r.Method == "OPTIONS" && len(r.RequestMethod) > 0:
		wantKind = core.Preflight
	}
	switch {
	case d.Kind != wantKind:
		return "kind " + d.Kind.String() + ", want " + wantKind.String()
	case hasACAO && anyOrigin && acao != "*":
		return "the any-origin policy answered an origin other than *"
	case hasACAO && !anyOrigin && (len(r.Origin) != 1 || acao != r.Origin[0]):
		return "Access-Control-Allow-Origin is not the request's one Origin"
	case hasACAO && !anyOrigin && !refAllowsOrigin(cfg.Origins, r.Origin):
		return "Access-Control-Allow-Origin for an origin the reference model refuses"
	case acao == "*" && hasACAC:
		return `"*" together with Access-Control-Allow-Credentials`
	case hasACAC && (!hasACAO || acac != "true" || !cfg.Credentials):
		return "Access-Control-Allow-Credentials without an allowed origin and Credentials"
	case !anyOrigin && !containsToken(strings.Join(d.Vary, ", "), "Origin"):
		return "no Vary: Origin from a policy whose answer depends on Origin"
	case d.Kind == core.NotCORS && !d.Allowed:
		return "a request without Origin refused"
	case d.Kind != core.NotCORS && d.Allowed && !refAllowsOrigin(cfg.Origins, r.Origin):
		return "allowed an origin the reference model refuses"
	case d.Allowed != (d.Reason().Code == core.ReasonNone):
		return "Allowed disagrees with the reason code"
	case d.Kind != core.Preflight && d.End:
		return "ended a request that is not a preflight"
	case d.Kind == core.Preflight && !d.Allowed && !d.End:
		return "a refused preflight not ended"
	case d.Kind == core.Preflight && d.End && d.Status != 403 && (d.Status < 200 || d.Status > 299):
		return "a preflight ended with a status other than 2xx or 403"
	case d.Kind == core.Preflight && d.Status == 403 && hasACAO:
		return "a 403 preflight with Access-Control-Allow-Origin"
	}
	if d.Kind == core.Preflight && d.Allowed {
		if len(r.RequestMethod) != 1 {
			return "allowed a preflight with several Access-Control-Request-Method lines"
		}
		if v := refCheckHeaders(cfg.RequestHeaders, r.RequestHeaders); v != refHeadersAllowed {
			return "allowed request headers that the reference model refuses"
		}
	}
	return ""
}

// containsToken reports whether the comma-separated list has tok.
func containsToken(list, tok string) bool {
	for _, e := range strings.Split(list, ",") {
		if strings.TrimSpace(e) == tok {
			return true
		}
	}
	return false
}

func FuzzNew(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0}, "https://app.example.com")
	f.Add([]byte{1, 1}, "https://*.com")
	f.Add([]byte{1, 1}, "http://*.localhost:*")
	f.Add([]byte{2, 0}, "https://[::ffff:1.2.3.4]")
	f.Add([]byte{3, 1}, "*")
	f.Add([]byte{0, 0}, "https://*.*.example.com")
	f.Add([]byte{0, 0}, "https://exa*mple.com")
	f.Add([]byte{0, 0}, "https://0x7f.0.0.1")
	f.Add([]byte{0, 0}, "https://"+strings.Repeat("a.", 130)+"com")
	f.Add([]byte{0, 0}, "https://app.example.com:65535")
	f.Add([]byte{0, 0}, "https://a.example.com, B.example.com:443/")
	f.Add([]byte{1, 1}, "HTTP://App.Example.com:80")
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 1}, "put, PATCH,")
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 2}, "Content-Type, Authorization")
	f.Fuzz(func(t *testing.T, data []byte, raw string) {
		pk := picker{data}
		cfg := pk.config()
		switch pk.byte() % 4 {
		case 0:
			cfg.Origins = append(cfg.Origins, raw)
		case 1:
			cfg.Methods = append(cfg.Methods, raw)
		case 2:
			cfg.RequestHeaders = append(cfg.RequestHeaders, raw)
		case 3:
			cfg.ExposedHeaders = append(cfg.ExposedHeaders, raw)
		}
		p, err := core.New(cfg)
		if err != nil {
			checkConfigErrors(t, err)
			// Fixes are right the first time: applied, New accepts them.
			if fixed, manual := core.ApplyFixes(cfg, err); len(manual) == 0 {
				if _, again := core.New(fixed); again != nil {
					t.Fatalf("the fixes of\n%v\ngive %+v, which New refuses:\n%v", err, fixed, again)
				}
			}
			return
		}
		if problem := checkAccepted(cfg); problem != "" {
			t.Fatalf("New accepted %+v: %s", cfg, problem)
		}
		// Every entry, its wildcards filled in, matches as the reference
		// says it should; so do the apex and a lookalike of each.
		for _, e := range cfg.Origins {
			sub := strings.Replace(e, "*.", "sub.", 1)
			for _, o := range []string{e, sub, strings.Replace(sub, ":*", ":8443", 1),
				strings.Replace(sub, ":*", "", 1), strings.Replace(e, "*.", "", 1),
				strings.Replace(e, "*.", "evil", 1)} {
				d := p.Decide(core.Request{Method: "GET", Origin: []string{o}})
				if want := refAllowsOrigin(cfg.Origins, []string{o}); d.Allowed != want {
					t.Fatalf("Origins %q, Origin %q: core allowed=%v, reference %v", cfg.Origins, o, d.Allowed, want)
				}
			}
		}
	})
}

// FuzzNewAcceptsValidOrigins is the other half of FuzzNew: every list of
// distinct origins that the reference model finds valid is accepted, so
// validation is not stricter than the contract.
func FuzzNewAcceptsValidOrigins(f *testing.F) {
	f.Add([]byte{2, 0, 0, 0, 0, 0, 0, 2, 1, 0, 1, 0, 1, 0})
	f.Add([]byte{1, 0, 1, 0, 1, 3, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		pk := picker{data}
		entries := pk.origins()
		seen := map[string]bool{}
		for _, e := range entries {
			if _, ok := refParseEntry(e); !ok || seen[e] {
				return
			}
			seen[e] = true
		}
		if _, err := core.New(core.Config{Origins: entries}); err != nil {
			t.Fatalf("New refused %q, which the reference finds valid: %v", entries, err)
		}
	})
}

// checkConfigErrors checks that a refusal from New is made only of
// ConfigErrors that each say what is wrong and what to write.
func checkConfigErrors(t *testing.T, err error) {
	t.Helper()
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var ce *core.ConfigError
		if !errors.As(e, &ce) || ce.Field == "" || ce.Problem == "" || ce.Fix == "" {
			t.Fatalf("New returned %#v, not a complete *core.ConfigError", e)
		}
	}
}

// checkAccepted re-checks with the reference what New promises about a
// Config it accepted; it returns the broken promise, or "".
func checkAccepted(cfg core.Config) string {
	seen := map[string]bool{}
	for _, o := range cfg.Origins {
		if o == "*" {
			if cfg.Credentials {
				return `"*" with Credentials`
			}
			if len(cfg.Origins) != 1 {
				return `"*" among other origins`
			}
			continue
		}
		e, ok := refParseEntry(o)
		if !ok {
			return "entry " + o + " is not an origin a browser sends"
		}
		if seen[o] {
			return "entry " + o + " twice"
		}
		seen[o] = true
		loopback := e.host == "localhost" || strings.HasSuffix(e.host, ".localhost") ||
			e.host == "[::1]" && !e.subdomains || strings.HasPrefix(e.host, "127.") && !e.subdomains
		if cfg.Credentials && !cfg.DangerouslyAllowInsecureOrigins && e.scheme == "http" && !loopback {
			return "plain http entry " + o + " with Credentials"
		}
	}
	if len(cfg.Origins) == 0 {
		return "no origin"
	}
	for _, m := range cfg.Methods {
		switch {
		case m == "*":
		case !refToken(m):
			return "method " + m + " is not a token"
		case strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK"):
			return "forbidden method " + m
		}
	}
	for _, h := range cfg.RequestHeaders {
		lower := strings.ToLower(h)
		switch {
		case h == "*":
		case !refToken(h):
			return "request header " + h + " is not a token"
		case lower == "cookie" || strings.HasPrefix(lower, "sec-") || strings.HasPrefix(lower, "access-control-"):
			return "request header " + h + " that scripts cannot set"
		}
	}
	for _, h := range cfg.ExposedHeaders {
		switch {
		case h == "*" && cfg.Credentials:
			return `exposed "*" with Credentials`
		case h != "*" && !refToken(h):
			return "exposed header " + h + " is not a token"
		}
	}
	return ""
}

// FuzzDecideOriginFunc decides requests under policies whose OriginFunc
// approves every origin it is shown (but the probe New asks about, which
// New would refuse): whatever the function says, an answer never carries
// "*" or "null", never a value that is not one well-formed serialized
// origin, and never, with Credentials, a plain-http origin other than
// loopback unless the policy says DangerouslyAllowInsecureOrigins.
func FuzzDecideOriginFunc(f *testing.F) {
	f.Add([]byte{0, 2, 1, 0}, "GET", "https://tenant.example.net")
	f.Add([]byte{0, 3, 1, 1}, "OPTIONS", "http://tenant.example.net")
	f.Add([]byte{1, 0, 1}, "GET", "null")
	f.Add([]byte{5, 1}, "GET", "https://a.example\nhttps://b.example")
	f.Add([]byte{7, 1, 0}, "GET", "HTTPS://Tenant.Example.net:443/")
	f.Fuzz(func(t *testing.T, data []byte, method, origin string) {
		pk := picker{data}
		cfg := pk.config()
		if pk.bit() {
			cfg.Origins = nil
		}
		var shown atomic.Int64
		cfg.OriginFunc = func(o string) bool {
			shown.Add(1)
			return !strings.HasSuffix(o, ".invalid")
		}
		p, err := core.New(cfg)
		if err != nil {
			return
		}
		shown.Store(0)
		r := core.Request{Method: method, Origin: lines(origin), RequestMethod: lines("PUT"), Path: "/fuzz"}
		d := p.Decide(r)
		acao := ""
		for name, values := range d.Headers() {
			if name == "Access-Control-Allow-Origin" {
				acao = strings.Join(values, ", ")
			}
		}
		if acao == "" {
			return
		}
		o, ok := refParseOrigin(acao)
		switch {
		case acao == "*" || acao == "null":
			t.Fatalf("OriginFunc path answered %q", acao)
		case len(r.Origin) != 1 || acao != r.Origin[0]:
			t.Fatalf("answered %q for the Origin lines %q", acao, r.Origin)
		case !ok:
			t.Fatalf("answered %q, which is not a serialized origin", acao)
		case cfg.Credentials && !cfg.DangerouslyAllowInsecureOrigins && o.scheme == "http" && !refLoopback(o.host) && !refAllowsOrigin(cfg.Origins, r.Origin):
			t.Fatalf("answered the plain-http origin %q with Credentials", acao)
		}
	})
}

// refLoopback: localhost names and loopback addresses.
func refLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "[::1]" {
		return true
	}
	return strings.HasPrefix(host, "127.") && net.ParseIP(host) != nil
}
