package core

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
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
	if d.Allowed || d.Reason.Code != ReasonMethodNotAllowed {
		t.Fatalf("an approved origin asking for DELETE: %+v, want the method refused", d.Reason)
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
		if d.Reason.Code != tt.code || (tn.asked.Load() > 0) != tt.asked {
			t.Errorf("%s: reason %v (%s), asked %v; want %v, asked %v", tt.name, d.Reason.Code, d.Reason, tn.asked.Load() > 0, tt.code, tt.asked)
		}
		if !d.Allowed && d.Len() != 0 {
			t.Errorf("%s: refused with headers", tt.name)
		}
	}
	// DangerouslyAllowInsecureOrigins lets the function decide plain http.
	insecure := mustNew(t, Config{OriginFunc: tn.approve, Credentials: true, DangerouslyAllowInsecureOrigins: true})
	if d := insecure.Decide(actual("GET", "http://tenant.example.net")); !d.Allowed {
		t.Errorf("with DangerouslyAllowInsecureOrigins: %s", d.Reason)
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
		if d.Allowed || d.Reason.Code != ReasonOriginFuncPanicked {
			t.Fatalf("a panicking function: %+v, want ReasonOriginFuncPanicked", d.Reason)
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

func TestOriginFuncAllocatesNothing(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, OriginFunc: newTenants("https://tenant.example.net").approve})
	for _, origin := range []string{"https://tenant.example.net", "https://other.example.net", "null"} {
		r := actual("GET", origin)
		if n := testing.AllocsPerRun(100, func() { sinkDecision = p.Decide(r) }); n != 0 {
			t.Errorf("Decide for %s allocated %v times", origin, n)
		}
	}
}

var sinkDecision Decision
