package check

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestRunPastedUnsent: a copy of a request the browser never sent is
// played with credentials when it passes without them, and a block then
// is the verdict; when it passes both ways, the report says that
// something other than CORS stopped it.
func TestRunPastedUnsent(t *testing.T) {
	const o = "http://localhost:5173"
	star := http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Methods": {"PUT"}, "Access-Control-Allow-Headers": {"x-token"}}
	named := http.Header{"Access-Control-Allow-Origin": {o}, "Access-Control-Allow-Credentials": {"true"}, "Access-Control-Allow-Methods": {"PUT"}, "Access-Control-Allow-Headers": {"x-token"}, "Vary": {"Origin"}}
	tests := []struct {
		name      string
		answer    http.Header
		unsent    bool
		allowed   bool
		cause     Cause
		step      string
		exchanges int
	}{
		{"unsent, blocked only with credentials", star, true, false, CauseCredentials, "so the script passes credentials", 3},
		{"unsent, allowed both ways", named, true, true, CauseNone, "something other than CORS stopped it", 4},
		{"sent: played as copied", star, false, true, CauseNone, "", 2},
	}
	for _, tt := range tests {
		var rec recorder
		url := rec.serve(t, tt.answer, tt.answer)
		c := Call{URL: url, Origin: o, Method: "PUT", Headers: []Header{{"X-Token", "1"}}}
		r, err := RunPasted(context.Background(), c, tt.unsent, Options{Send: true})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var steps strings.Builder
		for _, s := range r.Steps {
			steps.WriteString(s.Text + "\n")
		}
		if r.Allowed != tt.allowed || r.Cause != tt.cause || !strings.Contains(steps.String(), tt.step) || len(rec.seen) != tt.exchanges {
			t.Errorf("%s: allowed=%v cause %q after %d requests, want %v %q after %d, and a step saying %q:\n%s", tt.name, r.Allowed, r.Cause, len(rec.seen), tt.allowed, tt.cause, tt.exchanges, tt.step, steps.String())
		}
	}
}
