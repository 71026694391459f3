package adaptertest

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/crossgate/crossgate/core"
)

// requestIDKey is the context key under which a test's outer middleware
// puts the request's X-Request-Id, as a logging or tracing middleware would.
type requestIDKey struct{}

// RequestIDKey is that key, for the adapters' test applications.
var RequestIDKey = requestIDKey{}

// RefusalLogServe starts a real server on 127.0.0.1 for RunRefusalLogs and
// returns its base URL: an outer middleware that puts the X-Request-Id
// header into the request's context under RequestIDKey (in the framework's
// idiom: r.WithContext, c.SetUserContext...), then the adapter's middleware
// enforcing p with TrustProxyHeaders set to trustProxy, then GET and POST
// routes at /r. The server stops when the test ends.
type RefusalLogServe func(t *testing.T, p *core.Policy, trustProxy bool) (baseURL string)

// RunRefusalLogs checks that the adapter hands the refusal hook the
// request's context (so a context-aware slog handler logs the request ID)
// and the request's own origin (so a refused same-origin request is
// reported as such, and logged at level Debug, not Warn), behind a trusted
// proxy too, and never from forwarded headers it was not told to trust.
func RunRefusalLogs(t *testing.T, serve RefusalLogServe) {
	for _, trust := range []bool{false, true} {
		p, err := core.New(core.Config{Origins: []string{Allowed}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var refusals []core.Refusal
		var log bytes.Buffer
		logged := core.SlogRefusals(slog.New(requestIDHandler{slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})}))
		p.OnRefusal(func(r core.Refusal) {
			mu.Lock()
			defer mu.Unlock()
			refusals = append(refusals, r)
			logged(r)
		})
		base := serve(t, p, trust)
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name, method, origin string
			forwarded            bool
			sameOrigin           bool
		}{
			{"cross-origin", http.MethodGet, Refused, false, false},
			{"same-origin POST", http.MethodPost, "http://" + u.Host, false, true},
			{"same origin as forwarded", http.MethodPost, "https://api.example.com", true, trust},
		}
		for i, c := range cases {
			mu.Lock()
			refusals, log = refusals[:0], bytes.Buffer{}
			mu.Unlock()
			id := "req-" + strings.ReplaceAll(c.name, " ", "-")
			req, err := http.NewRequest(c.method, base+"/r", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Origin", c.origin)
			req.Header.Set("X-Request-Id", id)
			if c.forwarded {
				req.Header.Set("X-Forwarded-Host", "api.example.com")
				req.Header.Set("X-Forwarded-Proto", "https")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("case %d: %v", i, err)
			}
			resp.Body.Close()
			mu.Lock()
			got, line := refusals, log.String()
			mu.Unlock()
			if len(got) != 1 {
				t.Errorf("trust %v, %s: %d refusals reported, want 1", trust, c.name, len(got))
				continue
			}
			if v, _ := got[0].Context.Value(RequestIDKey).(string); v != id {
				t.Errorf("trust %v, %s: the hook's context holds request ID %q, want %q", trust, c.name, v, id)
			}
			if got[0].SameOrigin != c.sameOrigin {
				t.Errorf("trust %v, %s: SameOrigin = %v, want %v", trust, c.name, got[0].SameOrigin, c.sameOrigin)
			}
			level := "level=WARN"
			if c.sameOrigin {
				level = "level=DEBUG"
			}
			if !strings.Contains(line, level) || !strings.Contains(line, "request_id="+id) {
				t.Errorf("trust %v, %s: log line %q, want %s and request_id=%s", trust, c.name, line, level, id)
			}
		}
	}
}

// requestIDHandler is a context-aware slog handler, as tracing libraries
// provide: it adds the context's request ID to every record.
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id, ok := ctx.Value(RequestIDKey).(string); ok {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}
