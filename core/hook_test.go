package core_test

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// captureDefaultLog makes slog.Default write to the returned buffer until
// the test ends.
func captureDefaultLog(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// refusedRequests are one request for each way Decide refuses.
func refusedRequests() map[string]core.Request {
	const app, evil = "https://app.example.com", "https://evil.example"
	return map[string]core.Request{
		"actual, origin refused":    {Method: "GET", Origin: []string{evil}, Path: "/a"},
		"preflight, origin refused": {Method: "OPTIONS", Origin: []string{evil}, RequestMethod: []string{"PUT"}, Path: "/a"},
		"preflight, method refused": {Method: "OPTIONS", Origin: []string{app}, RequestMethod: []string{"PATCH"}, Path: "/a"},
		"preflight, header refused": {Method: "OPTIONS", Origin: []string{app}, RequestMethod: []string{"PUT"},
			RequestHeaders: []string{"x-other"}, Path: "/a"},
	}
}

// TestPanickingHookRecovered: a hook that panics changes nothing in the
// answer, Decide does not panic, and the panic is logged once per hook, not
// once per request.
func TestPanickingHookRecovered(t *testing.T) {
	log := captureDefaultLog(t)
	p := hostilePolicy(t, "https://app.example.com")
	want := map[string]core.Decision{}
	for name, r := range refusedRequests() {
		want[name] = p.Decide(r)
	}
	for _, payload := range []any{"boom", nil, core.Refusal{Path: "/\x1b[2J"}} {
		log.Reset()
		p.OnRefusal(func(core.Refusal) { panic(payload) })
		for range 3 {
			for name, r := range refusedRequests() {
				got := decideOrPanic(t, p, r)
				if !reflect.DeepEqual(got, want[name]) {
					t.Errorf("panic(%v), %s: decided %+v, want %+v as without the hook", payload, name, got, want[name])
				}
			}
		}
		if n := strings.Count(log.String(), "refusal hook panicked"); n != 1 {
			t.Errorf("panic(%v): the panic was logged %d times over 12 refusals, want once:\n%s", payload, n, log)
		}
		if !strings.Contains(log.String(), "hook_test.go") {
			t.Errorf("panic(%v): the log does not show the hook's stack:\n%s", payload, log)
		}
	}
}

// decideOrPanic calls Decide and fails the test if it panics.
func decideOrPanic(t *testing.T, p *core.Policy, r core.Request) (d core.Decision) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("Decide panicked: %v", v)
		}
	}()
	return p.Decide(r)
}

// TestPanickingDefaultLogger: Decide does not panic even when reporting the
// hook's panic panics in turn.
func TestPanickingDefaultLogger(t *testing.T) {
	old := slog.Default()
	slog.SetDefault(slog.New(panickingHandler{}))
	t.Cleanup(func() { slog.SetDefault(old) })
	p := hostilePolicy(t, "https://app.example.com")
	p.OnRefusal(func(core.Refusal) { panic("hook") })
	if d := decideOrPanic(t, p, refusedRequests()["actual, origin refused"]); d.Allowed {
		t.Errorf("allowed")
	}
}

// panickingHandler is a slog.Handler that panics on every record.
type panickingHandler struct{}

func (panickingHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (panickingHandler) Handle(context.Context, slog.Record) error { panic("handler") }
func (h panickingHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h panickingHandler) WithGroup(string) slog.Handler           { return h }

// TestSlogRefusalsNilLogger: SlogRefusals(nil) logs to slog.Default, the one
// current at each refusal.
func TestSlogRefusalsNilLogger(t *testing.T) {
	log := captureDefaultLog(t)
	p := hostilePolicy(t, "https://app.example.com")
	p.OnRefusal(core.SlogRefusals(nil))
	decideOrPanic(t, p, refusedRequests()["actual, origin refused"])
	if !strings.Contains(log.String(), `msg="CORS request refused" kind=actual origin=https://evil.example`) {
		t.Errorf("SlogRefusals(nil) logged %q, want the refusal in slog.Default's log", log)
	}
}

// TestReportsRefusals: an adapter that skips fetching the request context
// when no hook can hear a refusal must be told of every hook that can: the
// policy's own, and those reached through scopes.
func TestReportsRefusals(t *testing.T) {
	cfg := core.Config{Origins: []string{"https://app.example.com"}}
	newPolicy := func() *core.Policy {
		p, err := core.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := newPolicy()
	if p.ReportsRefusals() {
		t.Fatal("a policy without a hook or scopes reports refusals")
	}
	p.OnRefusal(func(core.Refusal) {})
	if !p.ReportsRefusals() {
		t.Fatal("a policy with a hook does not report refusals")
	}
	p.OnRefusal(nil)
	if p.ReportsRefusals() {
		t.Fatal("a policy whose hook was removed still reports refusals")
	}
	inner := newPolicy()
	if err := p.Scope("/api", inner); err != nil {
		t.Fatal(err)
	}
	if !p.ReportsRefusals() || !inner.ReportsRefusals() {
		t.Fatalf("with a scope: outer reports %v, scope reports %v; want both true (a scope's hook, or its outer's, may hear)",
			p.ReportsRefusals(), inner.ReportsRefusals())
	}
}

// TestHookToldMalformedOrigin: Decide leaves telling a malformed Origin
// from one not listed to Decision.Reason; the hook's report must still
// tell them apart, on actual requests and preflights alike.
func TestHookToldMalformedOrigin(t *testing.T) {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []core.ReasonCode
	p.OnRefusal(func(r core.Refusal) { got = append(got, r.Reason.Code) })
	for _, tt := range []struct {
		origin string
		want   core.ReasonCode
	}{
		{"https://APP.example.com", core.ReasonOriginMalformed},
		{"https://evil.example", core.ReasonOriginNotAllowed},
	} {
		for _, req := range []core.Request{
			{Method: "GET", Origin: []string{tt.origin}},
			{Method: "OPTIONS", Origin: []string{tt.origin}, RequestMethod: []string{"PUT"}},
		} {
			got = got[:0]
			d := p.Decide(req)
			if d.Reason().Code != tt.want || len(got) != 1 || got[0] != tt.want {
				t.Errorf("%s %s: Decision.Reason %v, hook heard %v; want %v in both", req.Method, tt.origin, d.Reason().Code, got, tt.want)
			}
		}
	}
}
