package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/suites/demo"
)

// preflightAnswer is one way a server could answer a preflight it refuses,
// and the console line Chromium then shows.
type preflightAnswer struct {
	name   string
	status int
	// allow adds Access-Control-Allow-Origin (the request's origin) and the
	// allow lists of a policy that permits GET, POST, PUT, DELETE and
	// X-Token, so that what was asked is missing from them.
	allow   bool
	method  string
	headers map[string]string
	console string // what the console line must contain
}

// TestRejectedPreflightAnswers shows in Chromium why crossgate answers a
// refused preflight the way it does (docs/SEMANTICS.md, docs/browser.md):
// for each refusal it tries the alternatives and records the console line.
//
//   - Origin refused: with or without a 2xx status, no
//     Access-Control-Allow-Origin makes the console say so. crossgate sends
//     403, which also tells non-browser clients and logs that it refused.
//   - Method or header refused: a 403 makes the console say only "does not
//     have HTTP ok status"; no Access-Control-Allow-Origin blames the
//     origin. Only a 2xx with the origin allowed and allow lists that lack
//     what was asked makes it name the method or the header: crossgate's
//     answer.
func TestRejectedPreflightAnswers(t *testing.T) {
	requireChromium(t)
	const (
		missingOrigin = "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present"
		notOK         = "Response to preflight request doesn't pass access control check: It does not have HTTP ok status."
		patchRefused  = "Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response."
		headerRefused = "Request header field x-forbidden is not allowed by Access-Control-Allow-Headers in preflight response."
	)
	put := map[string]string{"X-Token": "1"}
	forbidden := map[string]string{"X-Forbidden": "1"}
	answers := []preflightAnswer{
		{"origin-403-bare (crossgate)", 403, false, "PUT", put, missingOrigin},
		{"origin-204-bare", 204, false, "PUT", put, missingOrigin},
		{"method-403-bare", 403, false, "PATCH", nil, missingOrigin},
		{"method-403-allow", 403, true, "PATCH", nil, notOK},
		{"method-204-allow (crossgate)", 204, true, "PATCH", nil, patchRefused},
		{"header-403-bare", 403, false, "GET", forbidden, missingOrigin},
		{"header-403-allow", 403, true, "GET", forbidden, notOK},
		{"header-204-allow (crossgate)", 204, true, "GET", forbidden, headerRefused},
	}

	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	base := serveAnswers(t, answers)

	var cons console
	ctx, _ := openWatchedDemo(t, d.URL, &cons)

	for i, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			url := fmt.Sprintf("%s/answer/%d", base, i)
			step, _ := json.Marshal(map[string]any{"method": a.method, "headers": a.headers})
			sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
			defer cancel()
			res, err := chromedp.Run(sctx, chromedp.Evaluate[stepResult](
				fmt.Sprintf("runStep(%q, %s, 8000)", url, step), awaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if res.Allowed || res.TimedOut {
				t.Fatalf("fetch allowed=%v timedOut=%v, want blocked", res.Allowed, res.TimedOut)
			}
			lines, _ := cons.forURL(url, 1, consoleWait)
			if len(lines) == 0 {
				t.Fatalf("no console line for %s", url)
			}
			t.Logf("%d %s -> console: %s", a.status, a.name, lines[0].Text)
			if !strings.Contains(lines[0].Text, a.console) {
				t.Errorf("console:\n got: %s\nwant: ...%s...", lines[0].Text, a.console)
			}
		})
	}
}

// serveAnswers serves /answer/<i>: a preflight gets answers[i], anything
// else a 200 that any origin may read (it is never reached: every answer
// refuses).
func serveAnswers(t *testing.T, answers []preflightAnswer) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/answer/%d", &i); err != nil || i < 0 || i >= len(answers) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		if r.Method != http.MethodOptions {
			h.Set("Access-Control-Allow-Origin", "*")
			return
		}
		a := answers[i]
		if a.allow {
			h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
			h.Set("Access-Control-Allow-Headers", "x-token")
		}
		w.WriteHeader(a.status)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
