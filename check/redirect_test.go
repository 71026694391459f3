package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// seen is what one request brought to a test server.
type seen struct {
	method, path, origin, acrm, auth string
}

// journal serves handler on 127.0.0.1 and keeps every request's summary.
type journal struct {
	mu   sync.Mutex
	reqs []seen
}

func (j *journal) serve(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		j.mu.Lock()
		j.reqs = append(j.reqs, seen{r.Method, r.URL.Path, r.Header.Get("Origin"), r.Header.Get("Access-Control-Request-Method"), r.Header.Get("Authorization")})
		j.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func (j *journal) all() []seen {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]seen(nil), j.reqs...)
}

// redirector answers every request to from with status to the URL in to,
// and with acao, if set, as Access-Control-Allow-Origin.
func redirector(status int, to *string, acao string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if acao != "" {
			w.Header().Set("Access-Control-Allow-Origin", acao)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		w.Header().Set("Location", *to)
		w.WriteHeader(status)
	}
}

// plain answers 200 with acao, if set, and for OPTIONS what a permissive
// CORS middleware answers.
func plain(acao string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if acao != "" {
			w.Header().Set("Access-Control-Allow-Origin", acao)
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "*")
				w.Header().Set("Access-Control-Allow-Headers", "*, Authorization")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		w.Write([]byte("ok"))
	}
}

// TestRunFollowsRedirectsAsFetch: issue 19 item 7. A 302 that carries
// Access-Control-Allow-Origin to a target without CORS headers is blocked
// by the browser; every hop is checked, the origin turns "null" after a
// redirect to another origin, and a same-origin redirect keeps it.
func TestRunFollowsRedirectsAsFetch(t *testing.T) {
	const page = "https://app.example"
	tests := []struct {
		name        string
		status      int
		targetACAO  string
		credentials bool
		sameOrigin  bool // the redirect stays on the first server
		allowed     bool
		cause       Cause
		origin      string // the Origin the target received
	}{
		{"302 to a target without CORS headers", 302, "", false, false, false, CauseOrigin, "null"},
		{"302 to a target that names the page", 302, page, false, false, false, CauseOrigin, "null"},
		{"302 to a target that answers *", 302, "*", false, false, true, CauseNone, "null"},
		{"302 to a target that answers *, with credentials", 302, "*", true, false, false, CauseCredentials, "null"},
		{"307 to a target that answers null", 307, "null", false, false, true, CauseNone, "null"},
		{"302 within one origin keeps the page's origin", 302, page, false, true, true, CauseNone, page},
		{"302 within one origin to a path without CORS headers", 302, "", false, true, false, CauseOrigin, page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first, second journal
			var to string
			target := second.serve(t, plain(tt.targetACAO))
			base := first.serve(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/target" {
					plain(tt.targetACAO)(w, r)
					return
				}
				redirector(tt.status, &to, page)(w, r)
			})
			to = target + "/target"
			if tt.sameOrigin {
				to = "/target"
			}
			r, err := Run(context.Background(), Call{URL: base + "/api", Origin: page, Credentials: tt.credentials}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Allowed != tt.allowed || r.Cause != tt.cause {
				t.Fatalf("allowed %v cause %q, want %v %q\nsteps: %v", r.Allowed, r.Cause, tt.allowed, tt.cause, r.Steps)
			}
			reqs := append(first.all(), second.all()...)
			last := reqs[len(reqs)-1]
			if len(reqs) != 2 || last.path != "/target" || last.origin != tt.origin {
				t.Errorf("requests %+v: want the target reached second with Origin %q", reqs, tt.origin)
			}
			if len(r.Exchanges) != 2 || r.Exchanges[0].Status != tt.status || r.Exchanges[1].Status != 200 || r.Exchanges[1].Name != "actual after redirect 1" {
				t.Errorf("exchanges %+v", r.Exchanges)
			}
		})
	}
}

// TestRunRedirectFailures: a redirect whose own answer fails the CORS
// check stops the chain there; more than 20 redirects, a Location with a
// password and a preflight answered with a redirect fail the fetch.
func TestRunRedirectFailures(t *testing.T) {
	const page = "https://app.example"
	t.Run("the redirect itself lacks CORS headers", func(t *testing.T) {
		var j, target journal
		to := target.serve(t, plain("*"))
		base := j.serve(t, redirector(302, &to, ""))
		r, err := Run(context.Background(), Call{URL: base, Origin: page}, Options{})
		if err != nil || r.Allowed || r.Cause != CauseOrigin || len(target.all()) != 0 {
			t.Fatalf("err %v allowed %v cause %q target requests %d: want blocked at the 302", err, r.Allowed, r.Cause, len(target.all()))
		}
	})
	t.Run("21 redirects", func(t *testing.T) {
		var j journal
		to := "/again"
		base := j.serve(t, redirector(302, &to, "*"))
		r, err := Run(context.Background(), Call{URL: base, Origin: page}, Options{})
		if err != nil || r.Allowed || r.Cause != CauseRedirect || len(j.all()) != 21 || !strings.Contains(r.Steps[len(r.Steps)-1].Text, "more than 20 redirects") {
			t.Fatalf("err %v allowed %v cause %q requests %d: want blocked after 20 redirects followed\n%v", err, r.Allowed, r.Cause, len(j.all()), r.Steps)
		}
	})
	t.Run("20 redirects", func(t *testing.T) {
		var j journal
		n := 0
		base := j.serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			if n++; n <= 20 {
				w.Header().Set("Location", "/again")
				w.WriteHeader(http.StatusFound)
			}
		})
		r, err := Run(context.Background(), Call{URL: base, Origin: page}, Options{})
		if err != nil || !r.Allowed || len(j.all()) != 21 {
			t.Fatalf("err %v allowed %v requests %d: want allowed after 20 redirects\n%v", err, r.Allowed, len(j.all()), r.Steps)
		}
	})
	t.Run("Location with a password", func(t *testing.T) {
		var j journal
		to := ""
		base := j.serve(t, redirector(302, &to, "*"))
		to = strings.Replace(base, "http://", "http://u:p@", 1) + "/x"
		r, err := Run(context.Background(), Call{URL: base, Origin: page}, Options{})
		if err != nil || r.Allowed || r.Cause != CauseRedirect || len(j.all()) != 1 {
			t.Fatalf("err %v allowed %v cause %q requests %d", err, r.Allowed, r.Cause, len(j.all()))
		}
	})
}

// TestRunRedirectedRequestIsPreflightedAgain: a PUT redirected by 307 to
// another origin is preflighted there, with Origin null; Authorization is
// dropped on the way; a 303 turns a POST into a GET.
func TestRunRedirectedRequestIsPreflightedAgain(t *testing.T) {
	const page = "https://app.example"
	var first, second journal
	target := second.serve(t, plain("*"))
	to := target + "/t"
	base := first.serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			plain(page)(w, r)
			return
		}
		redirector(307, &to, page)(w, r)
	})
	c := Call{URL: base, Origin: page, Method: "PUT", Headers: []Header{{"Authorization", "Bearer x"}, {"X-Token", "1"}}}
	r, err := Run(context.Background(), c, Options{Send: true})
	if err != nil {
		t.Fatal(err)
	}
	got := second.all()
	want := []seen{{"OPTIONS", "/t", "null", "PUT", ""}, {"PUT", "/t", "null", "", ""}}
	if !r.Allowed || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("allowed %v; target saw %+v, want %+v\n%v", r.Allowed, got, want, r.Steps)
	}

	var j journal
	to2 := "/get"
	b2 := j.serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/get" {
			plain(page)(w, r)
			return
		}
		redirector(303, &to2, page)(w, r)
	})
	r, err = Run(context.Background(), Call{URL: b2, Origin: page, Method: "POST", Headers: []Header{{"Content-Type", "text/plain"}}}, Options{Send: true})
	if err != nil || !r.Allowed || len(j.all()) != 2 || j.all()[1].method != "GET" {
		t.Fatalf("err %v allowed %v requests %+v: want the 303 followed with a GET", err, r.Allowed, j.all())
	}
}

// TestRunSameOrigin: a call to the page's own origin is not a CORS request
// and never reported blocked; a redirect to another origin makes it one,
// with the page's origin (not null: the page was the first URL's origin).
func TestRunSameOrigin(t *testing.T) {
	var j, other journal
	target := other.serve(t, plain(""))
	to := target + "/t"
	base := j.serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/away" {
			redirector(302, &to, "")(w, r)
			return
		}
		w.Write([]byte("no CORS headers"))
	})
	r, err := Run(context.Background(), Call{URL: base + "/api", Origin: base, Headers: []Header{{"X-Token", "1"}}}, Options{})
	if err != nil || !r.Allowed || !r.SameOrigin || r.Preflight || len(j.all()) != 1 || j.all()[0].method != "GET" || j.all()[0].origin != "" {
		t.Fatalf("err %v allowed %v same-origin %v preflight %v requests %+v: want allowed, one GET without Origin", err, r.Allowed, r.SameOrigin, r.Preflight, j.all())
	}
	r, err = Run(context.Background(), Call{URL: base + "/api", Origin: base, Method: "DELETE"}, Options{})
	if err != nil || !r.Allowed || len(j.all()) != 1 {
		t.Fatalf("err %v allowed %v requests %d: a same-origin DELETE is allowed and not sent without --send", err, r.Allowed, len(j.all()))
	}
	r, err = Run(context.Background(), Call{URL: base + "/away", Origin: base}, Options{})
	if err != nil || r.Allowed || r.Cause != CauseOrigin || len(other.all()) != 1 || other.all()[0].origin != base {
		t.Fatalf("err %v allowed %v cause %q target saw %+v: want blocked at the other origin, which got Origin %s", err, r.Allowed, r.Cause, other.all(), base)
	}
}

// TestRunRedirectedPreflight: a preflight answered with a redirect fails
// as a redirect, whatever CORS headers the redirect carries, and is not
// asked again: the diagnosis says to call the URL it redirects to.
func TestRunRedirectedPreflight(t *testing.T) {
	const page = "https://app.example"
	for _, acao := range []string{"", page} {
		var j journal
		target := "https://api.example/items/"
		url := j.serve(t, func(w http.ResponseWriter, r *http.Request) {
			if acao != "" {
				w.Header().Set("Access-Control-Allow-Origin", acao)
			}
			http.Redirect(w, r, target, http.StatusPermanentRedirect)
		})
		r, err := Run(context.Background(), Call{URL: url + "/items", Origin: page, Method: "PUT"}, Options{})
		if err != nil || r.Allowed || r.Cause != CauseRedirect || r.RootCause != CauseRedirect || len(j.all()) != 1 || !strings.Contains(r.Diagnosis, "call the URL it redirects to") {
			t.Errorf("ACAO %q: allowed=%v cause %q root %q after %d requests, diagnosis %q (%v)", acao, r.Allowed, r.Cause, r.RootCause, len(j.all()), r.Diagnosis, err)
		}
	}
}
