package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/crossgate/crossgate/check"
	"github.com/crossgate/crossgate/interop"
	"github.com/crossgate/crossgate/suites/demo"
)

// TestCommandInWebKit plays the calls of TestCommandAgreesWithChromium
// (every library of the interop proof, set up right and with the usual
// mistakes) with fetch() from the demo page in WebKit, and compares each
// verdict with the crossgate command's, which follows Chromium. Where the
// engines disagree is webkitDisagreements, exactly: a call that starts or
// stops disagreeing fails the test.
func TestCommandInWebKit(t *testing.T) {
	requireWebKit(t)
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	page := d.Origins[demo.Home]
	wk := startWebKit(t, webkitOptions{ITP: true})
	if err := wk.Navigate(d.URL + "?auto=0"); err != nil {
		t.Fatal(err)
	}
	if err := wk.Evaluate("window.crossgate.ready", new(any)); err != nil {
		t.Fatalf("the demo page did not get ready: %v", err)
	}

	played := 0
	var disagree []string
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
				res := playInPage(t, wk, cc)
				played++
				if res.TimedOut {
					t.Errorf("%s: timed out in WebKit", name)
					continue
				}
				if res.Allowed != tool.Allowed {
					disagree = append(disagree, name)
					t.Logf("%s: WebKit allowed=%v (%s), the command allowed=%v cause %q", name, res.Allowed, res.Error, tool.Allowed, tool.Cause)
				}
			}
		}
	}
	t.Logf("played %d calls in WebKit and with the command; they disagree on %d", played, len(disagree))
	if played < 60 {
		t.Errorf("played %d calls, want every library, setup and call", played)
	}
	for _, name := range disagree {
		if !slices.Contains(webkitDisagreements, name) {
			t.Errorf("%s: WebKit and the command disagree, which webkitDisagreements does not record", name)
		}
	}
	for _, name := range webkitDisagreements {
		if !slices.Contains(disagree, name) {
			t.Errorf("%s: recorded as a disagreement, but WebKit and the command agree now", name)
		}
	}
}

// playInPage makes the call with fetch() from the page the driver shows
// (the demo page, whose runStep it uses).
func playInPage(t *testing.T, tab pageDriver, c check.Call) stepResult {
	t.Helper()
	headers := map[string]string{}
	for _, h := range c.Headers {
		headers[h.Name] = h.Value
	}
	step, _ := json.Marshal(map[string]any{"method": c.Method, "headers": headers, "credentials": c.Credentials})
	var res stepResult
	if err := tab.Evaluate(fmt.Sprintf("runStep(%q, %s, 8000)", c.URL, step), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// webkitDisagreements are the calls WebKit and the command (Chromium)
// judge differently: none in WebKitGTK 2.50. Where WebKit differs is not
// a verdict but what the console blames and how long a preflight is kept
// (docs/browser.md); the command's Max-Age line names Safari's cap.
var webkitDisagreements = []string{}
