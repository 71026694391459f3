package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recorder is a server that answers with fixed CORS headers and keeps the
// requests it received.
type recorder struct {
	mu   sync.Mutex
	seen []*http.Request
}

func (rec *recorder) serve(t *testing.T, preflight, actual http.Header) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Clone(context.Background()))
		rec.mu.Unlock()
		h := actual
		if r.Method == http.MethodOptions {
			h = preflight
		}
		for k, v := range h {
			w.Header()[k] = v
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestRunSendsTheBrowsersPreflight(t *testing.T) {
	const o = "http://localhost:5173"
	var rec recorder
	url := rec.serve(t,
		http.Header{"Access-Control-Allow-Origin": {o}, "Access-Control-Allow-Methods": {"PUT"}, "Access-Control-Allow-Headers": {"x-a, x-b, content-type"}, "Vary": {"Origin"}},
		http.Header{"Access-Control-Allow-Origin": {o}, "Vary": {"Origin"}, "Access-Control-Expose-Headers": {"X-A"}, "X-A": {"1"}})
	c := Call{URL: url, Origin: o, Method: "put", Headers: []Header{{"X-B", "1"}, {"x-a", "2"}, {"Content-Type", "application/json"}, {"Accept", "text/html"}}}

	r, err := Run(context.Background(), c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Allowed || !r.Preflight || len(rec.seen) != 1 {
		t.Fatalf("allowed %v preflight %v requests %d, want an allowed preflight and no PUT without --send: %v", r.Allowed, r.Preflight, len(rec.seen), r.Steps)
	}
	pre := rec.seen[0]
	want := map[string]string{"Origin": o, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type,x-a,x-b", "Accept": "*/*", "X-A": "", "Cookie": ""}
	for k, v := range want {
		if got := pre.Header.Get(k); got != v {
			t.Errorf("preflight %s: %q, want %q", k, got, v)
		}
	}
	if pre.Method != http.MethodOptions {
		t.Errorf("preflight method %s", pre.Method)
	}

	r, err = Run(context.Background(), c, Options{Send: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.seen) != 3 || rec.seen[2].Method != "PUT" || rec.seen[2].Header.Get("X-B") != "1" || rec.seen[2].Header.Get("Origin") != o {
		t.Fatalf("with --send, want the PUT with the script's headers and Origin; got %d requests", len(rec.seen))
	}
	if !r.Allowed || strings.Join(r.Readable, ",") != "Content-Length,X-A" || r.Headers["actual"].Get("X-A") != "1" {
		t.Errorf("allowed %v readable %q headers %v", r.Allowed, r.Readable, r.Headers)
	}
}

func TestRunBlockedGivesTheFix(t *testing.T) {
	const o = "https://app.example"
	var rec recorder
	url := rec.serve(t, http.Header{"Access-Control-Allow-Origin": {o}, "Access-Control-Allow-Methods": {"GET, POST"}}, nil)
	r, err := Run(context.Background(), Call{URL: url, Origin: o, Method: "DELETE", Credentials: true}, Options{Send: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Allowed || r.Cause != CauseCredentials || len(rec.seen) != 1 {
		t.Fatalf("allowed %v cause %q requests %d; want blocked on credentials after the preflight alone", r.Allowed, r.Cause, len(rec.seen))
	}
	if !strings.Contains(r.Config, `Methods:        []string{"DELETE"}`) || !strings.Contains(r.Config, "Credentials:    true") {
		t.Errorf("config:\n%s", r.Config)
	}
	if len(r.ServerMustSend) != 2 || !strings.Contains(r.ServerMustSend[0], "Access-Control-Allow-Credentials: true") {
		t.Errorf("server must send %q", r.ServerMustSend)
	}
}

func TestRunCouldNotCheck(t *testing.T) {
	var rec recorder
	url := rec.serve(t, nil, nil)
	for name, c := range map[string]Call{
		"bad origin":      {URL: url, Origin: "https://app.example/"},
		"no origin":       {URL: url},
		"not http":        {URL: "ftp://x.example/", Origin: "https://app.example"},
		"forbidden":       {URL: url, Origin: "https://app.example", Method: "TRACE"},
		"post not sent":   {URL: url, Origin: "https://app.example", Method: "POST"},
		"unreachable":     {URL: "http://127.0.0.1:1/", Origin: "https://app.example"},
		"bad method name": {URL: url, Origin: "https://app.example", Method: "GET X"},
	} {
		if r, err := Run(context.Background(), c, Options{}); err == nil {
			t.Errorf("%s: no error, report %+v", name, r)
		}
	}
	if len(rec.seen) != 0 {
		t.Errorf("%d requests reached the server; want none", len(rec.seen))
	}
}
