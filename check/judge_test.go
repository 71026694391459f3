package check

import (
	"net/http"
	"slices"
	"testing"
)

// TestJudgePreflight plays preflight answers at the judge, as a table of
// responses and the verdict a browser reaches on each (Fetch,
// #cors-preflight-fetch-0; the cases follow web-platform-tests' cors/ and
// fetch/api/cors/ files).
func TestJudgePreflight(t *testing.T) {
	const o = "https://app.example"
	put := Call{Origin: o, Method: "PUT", Headers: []Header{{"X-Token", "1"}}}
	putCred := put
	putCred.Credentials = true
	auth := Call{Origin: o, Method: "GET", Headers: []Header{{"Authorization", "Bearer x"}}}
	patch := Call{Origin: o, Method: "patch"}
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Add(kv[i], kv[i+1])
		}
		return out
	}
	tests := []struct {
		name   string
		call   Call
		status int
		header http.Header
		cause  Cause // CauseNone: allowed
	}{
		{"all listed", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "X-Token"), CauseNone},
		{"stars without credentials", put, 200, h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*"), CauseNone},
		{"lists over several lines", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Methods", " PUT ,", "Access-Control-Allow-Headers", "x-other, x-token"), CauseNone},
		{"no ACAO", put, 204, h("Access-Control-Allow-Methods", "PUT"), CauseOrigin},
		{"another origin", put, 204, h("Access-Control-Allow-Origin", "https://other.example"), CauseOrigin},
		{"origin with a trailing slash", put, 204, h("Access-Control-Allow-Origin", o+"/"), CauseOrigin},
		{"empty ACAO", put, 204, h("Access-Control-Allow-Origin", ""), CauseOrigin},
		{"two ACAO lines", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Origin", o), CauseMalformed},
		{"ACAO list", put, 204, h("Access-Control-Allow-Origin", o+", https://b.example"), CauseMalformed},
		{"403 with ACAO", put, 403, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-token"), CauseStatus},
		{"redirect", put, 301, h("Access-Control-Allow-Origin", o), CauseStatus},
		{"403 without ACAO blames the origin", put, 403, h(), CauseOrigin},
		{"method missing", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "GET, POST", "Access-Control-Allow-Headers", "x-token"), CauseMethod},
		{"method in lower case", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "put", "Access-Control-Allow-Headers", "x-token"), CauseMethod},
		{"patch is not normalized", patch, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PATCH"), CauseMethod},
		{"patch as sent", patch, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "patch"), CauseNone},
		{"header missing", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-other"), CauseHeader},
		{"header case does not matter", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "X-TOKEN"), CauseNone},
		{"malformed method list", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "Bad method name"), CauseMalformed},
		{"malformed header list", put, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "header name with space"), CauseMalformed},
		{"star origin with credentials", putCred, 204, h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-token"), CauseCredentials},
		{"no ACAC with credentials", putCred, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-token"), CauseCredentials},
		{"ACAC True", putCred, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Credentials", "True", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-token"), CauseCredentials},
		{"credentials all listed", putCred, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-token"), CauseNone},
		{"star method is literal with credentials", putCred, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "x-token"), CauseMethod},
		{"star header is literal with credentials", putCred, 204, h("Access-Control-Allow-Origin", o, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*"), CauseHeader},
		{"star never covers authorization", auth, 204, h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"), CauseHeader},
		{"authorization listed", auth, 204, h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*, Authorization"), CauseNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Allowed: true}
			ok := JudgePreflight(r, &tt.call, Classify(&tt.call), tt.status, tt.header)
			if ok != (tt.cause == CauseNone) || r.Allowed != ok || r.Cause != tt.cause {
				t.Errorf("allowed %v (returned %v), cause %q; want cause %q\nsteps: %v", r.Allowed, ok, r.Cause, tt.cause, r.Steps)
			}
			if !ok && r.Steps[len(r.Steps)-1].Mark != Fail {
				t.Errorf("a block must end with the failed step, got %v", r.Steps)
			}
			if tt.name == "star never covers authorization" && !r.ChromiumAllows {
				t.Error("ChromiumAllows not set for Authorization under *")
			}
		})
	}
}

// TestJudgeActual: the CORS check on an actual response, any status, and
// the headers a script could read.
func TestJudgeActual(t *testing.T) {
	const o = "https://app.example"
	tests := []struct {
		name     string
		cred     bool
		status   int
		header   http.Header
		cause    Cause
		readable []string
		warn     bool
	}{
		{"star", false, 200, http.Header{"Access-Control-Allow-Origin": {"*"}, "Content-Type": {"text/plain"}, "X-Secret": {"1"}}, CauseNone, []string{"Content-Type"}, false},
		{"500 is shared", false, 500, http.Header{"Access-Control-Allow-Origin": {o}, "Vary": {"Origin"}}, CauseNone, nil, false},
		{"expose star without credentials", false, 200, http.Header{"Access-Control-Allow-Origin": {o}, "Vary": {"Accept-Encoding, Origin"}, "Access-Control-Expose-Headers": {"*"}, "X-Secret": {"1"}, "Set-Cookie": {"a=b"}},
			CauseNone, []string{"Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Vary", "X-Secret"}, false},
		{"expose star with credentials is literal", true, 200, http.Header{"Access-Control-Allow-Origin": {o}, "Access-Control-Allow-Credentials": {"true"}, "Vary": {"Origin"}, "Access-Control-Expose-Headers": {"*, x-id"}, "X-Secret": {"1"}, "X-Id": {"2"}},
			CauseNone, []string{"X-Id"}, false},
		{"vary clobbered", false, 200, http.Header{"Access-Control-Allow-Origin": {o}, "Vary": {"Accept-Encoding"}}, CauseNone, nil, true},
		{"missing", false, 200, http.Header{}, CauseOrigin, nil, false},
		{"star with credentials", true, 200, http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Credentials": {"true"}}, CauseCredentials, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Allowed: true}
			c := Call{Origin: o, Credentials: tt.cred}
			JudgeActual(r, &c, tt.status, tt.header)
			if r.Cause != tt.cause || r.Allowed != (tt.cause == CauseNone) {
				t.Fatalf("allowed %v cause %q, want cause %q: %v", r.Allowed, r.Cause, tt.cause, r.Steps)
			}
			if tt.cause != CauseNone {
				return
			}
			if got, want := r.Readable, tt.readable; !slices.Equal(got, want) {
				t.Errorf("readable %q, want %q", got, want)
			}
			warned := false
			for _, s := range r.Steps {
				warned = warned || s.Mark == Warn
			}
			if warned != tt.warn {
				t.Errorf("warned %v, want %v: %v", warned, tt.warn, r.Steps)
			}
		})
	}
}
