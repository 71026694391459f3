package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/check"
	"github.com/crossgate/crossgate/interop"
	"github.com/crossgate/crossgate/suites/demo"
)

// pasteCall is a fetch() call the page makes, whose DevTools copies are
// pasted into the command.
type pasteCall struct {
	name        string
	method      string
	headers     map[string]string
	body        string
	credentials bool
}

// pasteCalls: simple and preflighted, with and without credentials, with
// a custom header, a body, and an Authorization header without
// credentials (which "Copy as fetch" writes as credentials "include").
var pasteCalls = []pasteCall{
	{name: "GET", method: "GET"},
	{name: "GET with credentials", method: "GET", credentials: true},
	{name: "POST text/plain", method: "POST", headers: map[string]string{"Content-Type": "text/plain"}, body: "a=1&b='2'"},
	{name: "PUT X-Token with credentials", method: "PUT", headers: map[string]string{"X-Token": "1"}, body: `{"it's":"é"}`, credentials: true},
	{name: "DELETE", method: "DELETE"},
	{name: "GET Authorization", method: "GET", headers: map[string]string{"Authorization": "Bearer t0k"}},
}

// pasteSetups are the interop proof's setups the pasted copies are played
// against: right, and each mistake that changes a verdict or its cause.
var pasteSetups = []string{"correct", "method missing", "star with credentials", "header not listed", "wrong origin"}

// TestPastedCopiesAgreeWithChromium makes calls from the demo page in
// Chromium against crossgate and rs/cors (set up right and with the usual
// mistakes), takes each request as DevTools' Network panel holds it
// (the headers sent, or the provisional ones when the browser never sent
// it, the cookies, the body), writes it with the panel's own "Copy as
// cURL" and "Copy as fetch", and pastes each into the built crossgate
// command, as the argument and on standard input. The command's verdict
// must be Chromium's, and for a block its cause the one Chromium names.
//
// A copy does not always say whether the call sends credentials: a
// request the browser never sent (its preflight failed) is copied without
// its cookies, and "Copy as fetch" writes credentials "omit" for any
// request that sent no cookie and "include" for any with an Authorization
// header. Where a copy says otherwise than the call, a note must name the
// flag that says it. A cURL copy shows a request the browser never sent
// (it has no Origin) and the command infers its credentials, so every
// cURL copy must get Chromium's verdict as pasted; a fetch copy shows
// nothing of the kind, and where it misstates the credentials its verdict
// must be Chromium's with the flag the note names (docs/debugging.md).
func TestPastedCopiesAgreeWithChromium(t *testing.T) {
	requireChromium(t)
	bin := buildCommand(t)
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	page := d.Origins[demo.Home]

	var cons console
	ctx, _ := openWatchedDemo(t, d.URL, &cons)
	reqs, err := watchRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	copier := openCopier(t, ctx)
	// Every server here is on 127.0.0.1, where the page sets a cookie:
	// a call with credentials sends it, as a logged-in user's does.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie = "session=s3cr3t; path=/"`)); err != nil {
		t.Fatal(err)
	}

	played, misstated, flagged := 0, 0, 0
	for _, lib := range interop.Libraries {
		if lib.Name != "crossgate" && lib.Name != "rs/cors" {
			continue
		}
		for _, m := range interop.Misconfigs {
			if !slices.Contains(pasteSetups, m.Name) {
				continue
			}
			base, stop, err := lib.Start(m.Setup(page))
			if err != nil {
				continue // the library refuses this setup: nothing to play
			}
			t.Cleanup(stop)
			for _, c := range pasteCalls {
				played++
				name := lib.Name + "/" + m.Name + "/" + c.name
				url := fmt.Sprintf("%s%s?paste=%d", base, interop.Path, played)
				res := playPasteCall(t, ctx, url, c)
				if res.TimedOut {
					t.Errorf("%s: timed out in Chromium", name)
					continue
				}
				sent, ok := reqs.find(url, c.method, consoleWait)
				if !ok {
					t.Errorf("%s: DevTools reported no %s %s", name, c.method, url)
					continue
				}
				browserCause := ""
				if !res.Allowed {
					browserCause = string(causeOfIssue(sent.CorsError))
				}
				curl, fetch := copier.copies(t, sent)
				for i, cp := range []struct{ kind, text string }{{"curl", curl}, {"fetch", fetch}} {
					says := copySaysCredentials(cp.kind, cp.text)
					if p, err := check.ParsePaste(cp.text); err != nil || p.Call.Credentials != says {
						t.Errorf("%s: the command reads the %s copy with credentials=%v (%v), the copy says %v:\n%s", name, cp.kind, p.Call.Credentials, err, says, cp.text)
					}
					// Half the copies go as the argument, half on standard
					// input, each kind both ways over the calls.
					args, stdin := []string{cp.text, "--send"}, ""
					if (played+i)%2 == 1 {
						args, stdin = []string{"-", "--send"}, cp.text
					}
					got := runCommand(t, bin, stdin, args...)
					if says != c.credentials {
						// The copy misstates the call's credentials: the note
						// must name the flag that corrects it.
						misstated++
						flag := "--credentials=false"
						if c.credentials {
							flag = "--credentials"
						}
						if !strings.Contains(got.Notes, flag) {
							t.Errorf("%s: the %s copy says credentials=%v for a call with credentials=%v, and no note names %s:\n%s", name, cp.kind, says, c.credentials, flag, got.Notes)
						}
						// A cURL copy shows a request the browser never sent
						// (no Origin), and the command infers its
						// credentials; a fetch copy does not show it, and
						// only the flag the note names settles them.
						if cp.kind == "fetch" && (got.Allowed != res.Allowed || got.Cause != browserCause) {
							flagged++
							t.Logf("%s: as copied (fetch), the command says allowed=%v cause %q, Chromium allowed=%v cause %q; so with %s:", name, got.Allowed, got.Cause, res.Allowed, browserCause, flag)
							got = runCommand(t, bin, stdin, append(args, flag)...)
						}
					}
					if got.Allowed != res.Allowed || got.Cause != browserCause {
						t.Errorf("%s: Chromium allowed=%v cause %q (%s), the command on the %s copy says allowed=%v cause %q\n%s\n%s", name, res.Allowed, browserCause, sent.CorsError, cp.kind, got.Allowed, got.Cause, cp.text, got.Notes)
					}
				}
			}
		}
	}
	t.Logf("pasted %d calls' copies (cURL and fetch); %d copies misstated the call's credentials; %d fetch copies changed the verdict until given the flag the note names", played, misstated, flagged)
	if played < 50 {
		t.Errorf("played %d calls, want every setup and call", played)
	}
}

// playPasteCall makes c with fetch() from the demo page.
func playPasteCall(t *testing.T, ctx context.Context, url string, c pasteCall) stepResult {
	t.Helper()
	step, _ := json.Marshal(map[string]any{"method": c.method, "headers": c.headers, "credentials": c.credentials, "body": c.body})
	sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
	defer cancel()
	res, err := chromedp.Run(sctx, chromedp.Evaluate[stepResult](fmt.Sprintf("runStep(%q, %s, 8000)", url, step), awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// copySaysCredentials reads from a copy's text whether it says the call
// sends credentials: cookies (-b or a Cookie header) in a cURL copy,
// credentials "include" in a fetch copy.
func copySaysCredentials(kind, text string) bool {
	if kind == "fetch" {
		return strings.Contains(text, `"credentials": "include"`)
	}
	lower := strings.ToLower(text)
	return strings.Contains(text, "\n  -b ") || strings.Contains(lower, "-h 'cookie:") || strings.Contains(lower, "-h $'cookie:")
}
