package bench

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// checkOutcome holds one library's answer to the scenario's verdict, judged
// the way a browser judges it (Fetch, "CORS check" and "CORS-preflight
// fetch"), not by comparing headers with crossgate's: libraries answer in
// different shapes, and what matters is that each one was configured to
// reach the same conclusion. The floor and crossgate are also held to the
// exact headers of SEMANTICS.md, so that the floor does the same writing.
func checkOutcome(t *testing.T, s *scenario, lib string, r response) {
	t.Helper()
	if lib == "none" {
		return // the bare framework: a baseline, not a CORS implementation
	}
	p := policies[s.policy]
	h := r.header
	switch s.verdict {
	case passThrough:
		if !r.reached {
			t.Errorf("application not reached (status %d)", r.status)
		}
		if len(h.Values("Access-Control-Allow-Origin")) != 0 {
			t.Errorf("non-CORS request got ACAO %q", h.Values("Access-Control-Allow-Origin"))
		}
	case granted, refused:
		got := browserAllows(s, p, r)
		if want := s.verdict == granted; got != want {
			t.Errorf("browser verdict %v, want %v; status %d, headers %v", got, want, r.status, h)
		}
		if s.preflight && r.reached {
			t.Errorf("preflight reached the application")
		}
		if !s.preflight && s.verdict == granted && !r.reached {
			t.Errorf("allowed actual request did not reach the application")
		}
	case hostile:
		if r.reached {
			t.Errorf("hostile preflight reached the application")
		}
		if n := headerSize(h); n > 4096 {
			t.Errorf("answer carries %d bytes of headers: input reflected", n)
		}
	}
	if lib == "crossgate" || lib == "floor" || lib == "writeonly" {
		checkExact(t, s, r)
	}
}

// checkExact holds an answer to the scenario's headers and status exactly.
func checkExact(t *testing.T, s *scenario, r response) {
	t.Helper()
	want := http.Header{}
	for _, f := range s.want {
		want[f.name] = append(want[f.name], f.value)
	}
	got := r.header.Clone()
	// Frameworks add headers of their own (content type, length...); only
	// the CORS ones and Vary are the middleware's.
	for k := range got {
		if !strings.HasPrefix(k, "Access-Control-") && k != "Vary" {
			delete(got, k)
		}
	}
	// Vary may come as one line or several; compare its elements.
	if g, w := lowerList(got["Vary"]), lowerList(want["Vary"]); !slices.Equal(g, w) {
		t.Errorf("Vary %q, want %q", got["Vary"], want["Vary"])
	}
	delete(got, "Vary")
	delete(want, "Vary")
	for k, w := range want {
		if g := got[k]; !slices.Equal(g, w) {
			t.Errorf("%s: %q, want %q", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s: %q", k, g)
		}
	}
	if s.preflight && r.status != s.status {
		t.Errorf("status %d, want %d", r.status, s.status)
	}
}

// browserAllows is a browser's CORS check on a response to the scenario's
// request.
func browserAllows(s *scenario, p policy, r response) bool {
	h := r.header
	acao := h.Values("Access-Control-Allow-Origin")
	if len(acao) != 1 || (acao[0] != s.origin && acao[0] != "*") {
		return false
	}
	if p.credentials && (acao[0] == "*" || h.Get("Access-Control-Allow-Credentials") != "true") {
		return false
	}
	if !s.preflight {
		for _, e := range p.exposed {
			if !slices.Contains(lowerList(h.Values("Access-Control-Expose-Headers")), strings.ToLower(e)) {
				return false
			}
		}
		return true
	}
	if r.status < 200 || r.status > 299 {
		return false
	}
	star := !p.credentials
	switch s.acrm {
	case "GET", "HEAD", "POST":
	default:
		var ms []string
		for _, v := range h.Values("Access-Control-Allow-Methods") {
			for e := range strings.SplitSeq(v, ",") {
				ms = append(ms, strings.TrimSpace(e))
			}
		}
		if !slices.Contains(ms, s.acrm) && !(star && slices.Contains(ms, "*")) {
			return false
		}
	}
	allowed := lowerList(h.Values("Access-Control-Allow-Headers"))
	for _, name := range lowerList([]string{s.acrh}) {
		if slices.Contains(allowed, name) {
			continue
		}
		if star && name != "authorization" && slices.Contains(allowed, "*") {
			continue
		}
		return false
	}
	return true
}
