package core

import (
	"bytes"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unsafe"
)

// tenants is an OriginFunc that approves the origins of known tenants and
// counts how often it is asked.
type tenants struct {
	known map[string]bool
	asked atomic.Int64
}

func (tn *tenants) approve(origin string) bool {
	tn.asked.Add(1)
	return tn.known[origin]
}

func newTenants(origins ...string) *tenants {
	tn := &tenants{known: map[string]bool{}}
	for _, o := range origins {
		tn.known[o] = true
	}
	return tn
}

func TestOriginFuncDecidesWhatOriginsDoNot(t *testing.T) {
	tn := newTenants("https://tenant.example.net", "http://tenant.example.net", "http://localhost:3000")
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, OriginFunc: tn.approve, Methods: []string{"PUT"}, Credentials: true})
	tn.asked.Store(0) // New's own question

	d := p.Decide(actual("GET", "https://app.example.com"))
	if !d.Allowed || tn.asked.Load() != 0 {
		t.Fatalf("a listed origin: allowed %v, function asked %d times; want allowed without asking", d.Allowed, tn.asked.Load())
	}
	d = p.Decide(actual("GET", "https://tenant.example.net"))
	if h := headerMap(&d); !d.Allowed || strings.Join(h[headerAllowOrigin], "") != "https://tenant.example.net" || strings.Join(d.Vary, "") != "Origin" {
		t.Fatalf("an approved origin: %+v %q, want it echoed exactly with Vary: Origin", d, h)
	}
	// Methods stay the policy's.
	d = p.Decide(preflight("https://tenant.example.net", "DELETE"))
	if d.Allowed || d.Reason().Code != ReasonMethodNotAllowed {
		t.Fatalf("an approved origin asking for DELETE: %+v, want the method refused", d.Reason())
	}
	tests := []struct {
		name   string
		origin []string
		code   ReasonCode
		asked  bool
	}{
		{"unknown tenant", []string{"https://other.example.net"}, ReasonOriginFuncRefused, true},
		{"plain http with Credentials", []string{"http://tenant.example.net"}, ReasonOriginInsecure, false},
		{"loopback http with Credentials", []string{"http://localhost:3000"}, ReasonNone, true},
		{"null", []string{"null"}, ReasonOriginNull, false},
		{"upper case", []string{"https://Tenant.example.net"}, ReasonOriginMalformed, false},
		{"trailing slash", []string{"https://tenant.example.net/"}, ReasonOriginMalformed, false},
		{"default port", []string{"https://tenant.example.net:443"}, ReasonOriginNotAllowed, false},
		{"other scheme", []string{"wss://tenant.example.net"}, ReasonOriginNotAllowed, false},
		{"userinfo", []string{"https://a@tenant.example.net"}, ReasonOriginMalformed, false},
		{"empty label", []string{"https://a..example.net"}, ReasonOriginNotAllowed, false},
		{"oversized", []string{"https://" + strings.Repeat("a.", 200) + "example.net"}, ReasonOriginNotAllowed, false},
		{"two lines", []string{"https://tenant.example.net", "https://tenant.example.net"}, ReasonOriginMultiple, false},
	}
	for _, tt := range tests {
		tn.asked.Store(0)
		d := p.Decide(Request{Method: "GET", Origin: tt.origin})
		if d.Reason().Code != tt.code || (tn.asked.Load() > 0) != tt.asked {
			t.Errorf("%s: reason %v (%s), asked %v; want %v, asked %v", tt.name, d.Reason().Code, d.Reason(), tn.asked.Load() > 0, tt.code, tt.asked)
		}
		if !d.Allowed && d.Len() != 0 {
			t.Errorf("%s: refused with headers", tt.name)
		}
	}
	// DangerouslyAllowInsecureOrigins lets the function decide plain http.
	insecure := mustNew(t, Config{OriginFunc: tn.approve, Credentials: true, DangerouslyAllowInsecureOrigins: true})
	if d := insecure.Decide(actual("GET", "http://tenant.example.net")); !d.Allowed {
		t.Errorf("with DangerouslyAllowInsecureOrigins: %s", d.Reason())
	}
}

func TestOriginFuncRefusalsSayTheFunctionRefused(t *testing.T) {
	p := mustNew(t, Config{OriginFunc: newTenants().approve})
	var got []string
	p.OnRefusal(func(r Refusal) { got = append(got, r.String()) })
	p.Decide(actual("GET", "https://stranger.example.net"))
	if len(got) != 1 || !strings.Contains(got[0], "OriginFunc refused it") {
		t.Errorf("refusal = %q, want it to say OriginFunc refused", got)
	}
	e := p.Explain(Probe{Origin: "https://stranger.example.net"})
	if e.Allowed || !strings.Contains(e.String(), "OriginFunc refused it") || !strings.Contains(e.Fix, "OriginFunc") {
		t.Errorf("Explain = %s", e)
	}
}

func TestOriginFuncPanicRefusesAndIsLoggedOnce(t *testing.T) {
	var log bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	p := mustNew(t, Config{OriginFunc: func(o string) bool {
		if strings.HasPrefix(o, "https://boom.") {
			panic("tenant store down")
		}
		return false
	}})
	for range 3 {
		d := p.Decide(actual("GET", "https://boom.example.net"))
		if d.Allowed || d.Reason().Code != ReasonOriginFuncPanicked {
			t.Fatalf("a panicking function: %+v, want ReasonOriginFuncPanicked", d.Reason())
		}
	}
	if n := strings.Count(log.String(), "OriginFunc panicked"); n != 1 {
		t.Errorf("the panic was logged %d times, want once:\n%s", n, log.String())
	}
}

func TestNewRefusesAnOriginFuncThatApprovesAnything(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"return true", Config{OriginFunc: func(string) bool { return true }}, "approves " + originProbe},
		{"a suffix check that misses .invalid", Config{OriginFunc: func(o string) bool { return !strings.HasSuffix(o, ".example.com") }}, "approves"},
		{"panics", Config{OriginFunc: func(string) bool { panic("no store") }}, "panicked"},
		{"under *", Config{Origins: []string{"*"}, OriginFunc: func(string) bool { return false }}, "never asked"},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg)
		all := ConfigErrors(err)
		if len(all) != 1 || all[0].Field != "OriginFunc" || !strings.Contains(all[0].Problem, tt.want) || all[0].Fix == "" {
			t.Errorf("%s: New = %v, want one OriginFunc error containing %q", tt.name, err, tt.want)
		}
		p := mustNew(t, Config{Origins: []string{"https://a.example"}})
		if err := p.Reconfigure(tt.cfg); !errors.As(err, new(*ConfigError)) || !p.Decide(actual("GET", "https://a.example")).Allowed {
			t.Errorf("%s: Reconfigure = %v, or it changed the policy", tt.name, err)
		}
	}
}

// TestOriginFuncAllocatesOnlyItsCopy: a request that asks the function
// costs one allocation, the copy of the origin the function may keep; one
// that does not ask it (listed, or never a browser's) costs none.
func TestOriginFuncAllocatesOnlyItsCopy(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, OriginFunc: newTenants("https://tenant.example.net").approve})
	for origin, want := range map[string]float64{
		"https://tenant.example.net": 1, "https://other.example.net": 1,
		"https://app.example.com": 0, "null": 0, "https://Upper.example.net": 0,
	} {
		r := actual("GET", origin)
		if n := testing.AllocsPerRun(100, func() { sinkDecision = p.Decide(r) }); n != want {
			t.Errorf("Decide for %s allocated %v times, want %v", origin, n, want)
		}
	}
}

// TestOriginFuncKeepsItsOwnString plays what fasthttp does to a request
// buffer: the bytes behind the Origin line are overwritten by the next
// request on the connection. A function that remembers what it approved
// must still hold the approved origin, not the attacker's that took its
// place (issue 19, item 2).
func TestOriginFuncKeepsItsOwnString(t *testing.T) {
	var remembered []string
	p := mustNew(t, Config{OriginFunc: func(o string) bool {
		if o == "https://tenant-a.example.org" || slices.Contains(remembered, o) {
			remembered = append(remembered, o)
			return true
		}
		return false
	}})
	buf := []byte("https://tenant-a.example.org")
	if d := p.Decide(actual("GET", unsafe.String(&buf[0], len(buf)))); !d.Allowed {
		t.Fatal("the tenant's origin was refused")
	}
	copy(buf, "https://evil-000.example.org") // the next request, same length
	if d := p.Decide(actual("GET", unsafe.String(&buf[0], len(buf)))); d.Allowed {
		t.Errorf("the attacker's origin was approved from the function's memory: it held %q", remembered)
	}
}

var sinkDecision Decision

// TestProbeCatchesOnlyApprovingEverything pins what docs/origins.md says
// of the start-up probe: a suffix match without a dot boundary passes it,
// though it approves a look-alike anyone can register.
func TestProbeCatchesOnlyApprovingEverything(t *testing.T) {
	p := mustNew(t, Config{OriginFunc: func(o string) bool { return strings.HasSuffix(o, "example.com") }})
	if !p.Decide(actual("GET", "https://evilexample.com")).Allowed {
		t.Error("the suffix matcher no longer approves its look-alike: update docs/origins.md on what the probe catches")
	}
}
