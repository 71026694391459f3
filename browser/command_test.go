package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/check"
	"github.com/crossgate/crossgate/interop"
	"github.com/crossgate/crossgate/suites/demo"
)

// TestCommandAgreesWithChromium plays the interop proof's calls (rs/cors,
// gin-contrib/cors, echo, fiber and crossgate, each set up right and with
// the usual mistakes) twice: with fetch() from the demo page in Chromium,
// and with the crossgate command's checker from the page's origin. The
// command's verdict must be the browser's, and for a block its cause must
// be the one Chromium's CORS issue names.
func TestCommandAgreesWithChromium(t *testing.T) {
	requireChromium(t)
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	page := d.Origins[demo.Home]

	var cons console
	ctx, _ := openWatchedDemo(t, d.URL, &cons)
	played, blocked := 0, map[check.Cause]int{}
	for _, lib := range interop.Libraries {
		for _, m := range interop.Misconfigs {
			base, stop, err := lib.Start(m.Setup(page))
			if err != nil {
				continue // the library refuses this setup: nothing to play
			}
			t.Cleanup(stop)
			for i, c := range interop.Calls {
				name := lib.Name + "/" + m.Name + "/" + c.Name
				cc := c.Check(base, page)
				cc.URL += fmt.Sprintf("?call=%d", i)
				tool, err := check.Run(context.Background(), cc, check.Options{Send: true})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				res := playInChromium(t, ctx, cc)
				played++
				if res.TimedOut || res.Allowed != tool.Allowed {
					t.Errorf("%s: Chromium allowed=%v (timed out %v), the command allowed=%v cause %q", name, res.Allowed, res.TimedOut, tool.Allowed, tool.Cause)
					continue
				}
				if tool.Allowed {
					continue
				}
				blocked[tool.Cause]++
				_, issues := cons.forURL(cc.URL, 1, consoleWait)
				if len(issues) == 0 {
					t.Errorf("%s: blocked, but Chromium reported no CORS issue", name)
					continue
				}
				if got := causeOfIssue(issues[0].Code); got != tool.Cause {
					t.Errorf("%s: Chromium's issue %s (%s) means cause %q, the command says %q", name, issues[0].Code, issues[0].Param, got, tool.Cause)
				}
			}
		}
	}
	t.Logf("played %d calls in Chromium and with the command; blocked, by cause: %v", played, blocked)
	if played < 60 {
		t.Errorf("played %d calls, want every library, setup and call", played)
	}
}

// playInChromium makes the call with fetch() from the demo page.
func playInChromium(t *testing.T, ctx context.Context, c check.Call) stepResult {
	t.Helper()
	headers := map[string]string{}
	for _, h := range c.Headers {
		headers[h.Name] = h.Value
	}
	step, _ := json.Marshal(map[string]any{"method": c.Method, "headers": headers, "credentials": c.Credentials})
	sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
	defer cancel()
	res, err := chromedp.Run(sctx, chromedp.Evaluate[stepResult](fmt.Sprintf("runStep(%q, %s, 8000)", c.URL, step), awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// causeOfIssue maps Chromium's CorsErrorStatus codes onto the command's
// causes.
func causeOfIssue(code string) check.Cause {
	switch {
	case strings.Contains(code, "Redirect"):
		// RedirectContainsCredentials, PreflightDisallowedRedirect: a
		// redirect the browser refuses to follow.
		return check.CauseRedirect
	case strings.Contains(code, "MultipleAllowOriginValues"), strings.HasPrefix(code, "InvalidAllow"), strings.HasPrefix(code, "PreflightInvalidAllow") && !strings.Contains(code, "Credentials"):
		return check.CauseMalformed
	case strings.Contains(code, "Wildcard"), strings.Contains(code, "Credentials"):
		return check.CauseCredentials
	case strings.Contains(code, "AllowOrigin"):
		return check.CauseOrigin
	case strings.Contains(code, "MethodDisallowed"):
		return check.CauseMethod
	case strings.Contains(code, "HeaderDisallowed"):
		return check.CauseHeader
	case strings.Contains(code, "InvalidStatus"):
		return check.CauseStatus
	}
	return check.Cause("unknown: " + code)
}

// causeOfFailure maps a failed fetch, as Network.loadingFailed reports
// it, onto the command's causes: its CORS error when it has one, and the
// network errors that end a redirect chain.
func causeOfFailure(corsError, errorText string) check.Cause {
	switch {
	case corsError != "":
		return causeOfIssue(corsError)
	case errorText == "net::ERR_TOO_MANY_REDIRECTS", errorText == "net::ERR_UNSAFE_REDIRECT", errorText == "net::ERR_INVALID_REDIRECT":
		return check.CauseRedirect
	}
	return check.Cause("unknown: " + errorText)
}
