package check

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// strict answers as rs/cors does: a preflight or a request it refuses, for
// any reason, gets no CORS header at all.
func strict(origin string, methods, headers []string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Origin") != origin {
			return
		}
		if r.Method != http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			return
		}
		m := r.Header.Get("Access-Control-Request-Method")
		if m != "GET" && m != "HEAD" && m != "POST" && !slices.Contains(methods, m) {
			return
		}
		for h := range strings.SplitSeq(r.Header.Get("Access-Control-Request-Headers"), ",") {
			if h != "" && !slices.Contains(headers, h) {
				return
			}
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Methods", m)
		w.Header().Set("Access-Control-Allow-Headers", r.Header.Get("Access-Control-Request-Headers"))
	}
}

// TestRootCause: the console's cause is "origin" for every refusal of a
// server that answers without CORS headers; asking again with OPTIONS and
// a simple GET only names the method, the headers or the origin.
func TestRootCause(t *testing.T) {
	const page = "https://app.example"
	call := Call{Origin: page, Method: "DELETE", Headers: []Header{{"X-A", "1"}, {"X-B", "1"}}}
	tests := []struct {
		name             string
		origin           string
		methods, headers []string
		root             Cause
		refused          []string
	}{
		{"header x-b", page, []string{"DELETE"}, []string{"x-a"}, CauseHeader, []string{"x-b"}},
		{"method", page, nil, []string{"x-a", "x-b"}, CauseMethod, []string{"DELETE"}},
		{"method and header", page, nil, []string{"x-a"}, CauseMethod, []string{"DELETE", "x-b"}},
		{"origin", "https://other.example", []string{"DELETE"}, []string{"x-a", "x-b"}, CauseOrigin, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var j journal
			c := call
			c.URL = j.serve(t, strict(tt.origin, tt.methods, tt.headers))
			r, err := Run(context.Background(), c, Options{Send: true})
			if err != nil {
				t.Fatal(err)
			}
			if r.Allowed || r.Cause != CauseOrigin || r.RootCause != tt.root || !slices.Equal(r.Refused, tt.refused) || r.Diagnosis == "" {
				t.Errorf("allowed %v cause %q root %q refused %q, want origin %q %q\n%s", r.Allowed, r.Cause, r.RootCause, r.Refused, tt.root, tt.refused, r.Diagnosis)
			}
			for _, s := range j.all() {
				if s.method != "OPTIONS" && s.method != "GET" {
					t.Errorf("sent a %s: re-probes send only OPTIONS and a simple GET", s.method)
				}
			}
			if len(r.Exchanges) != len(j.all()) {
				t.Errorf("%d exchanges reported, %d requests received", len(r.Exchanges), len(j.all()))
			}
		})
	}
}
