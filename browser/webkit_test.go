package browser

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/suites/demo"
)

// TestWebKitMatrix runs every demo scenario against every framework in
// WebKit (WebKitGTK's MiniBrowser over WebDriver, Intelligent Tracking
// Prevention on as in Safari), as TestMatrix does in Chromium, and checks
// every cell with the same expectations but where WebKit departs from
// Chromium (webkitDeviations). WebKit's console is not readable under
// WebDriver (webkit.ConsoleReadable); TestWebKitConsole checks its words.
func TestWebKitMatrix(t *testing.T) {
	requireWebKit(t)
	d, err := demo.Start(demo.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)

	wk := startWebKit(t, webkitOptions{ITP: true})
	if err := wk.Navigate(d.URL + "?auto=0"); err != nil {
		t.Fatalf("opening the demo page: %v", err)
	}
	var run string
	if err := wk.Evaluate("window.crossgate.ready.then(() => window.crossgate.run)", &run); err != nil {
		t.Fatalf("the demo page did not get ready: %v", err)
	}
	for _, sc := range demo.Scenarios() {
		dev, deviates := webkitDeviations[sc.ID]
		t.Run(sc.ID, func(t *testing.T) {
			var res scenarioResult
			if err := wk.Evaluate(fmt.Sprintf("window.crossgate.runScenario(%q)", sc.ID), &res); err != nil {
				t.Fatalf("running %s in the page: %v", sc.ID, err)
			}
			for _, a := range d.Adapters {
				t.Run(a.Name, func(t *testing.T) {
					r, ok := res.Adapters[a.Name]
					if !ok {
						t.Fatalf("the page returned no result for %s", a.Name)
					}
					want := sc
					if deviates {
						want.Actuals = dev.Actuals
						// The page judges by Chromium's numbers.
						r.Problems = slices.DeleteFunc(r.Problems, func(p string) bool { return p == dev.PageProblem })
					}
					checkCell(t, want, r, d.Stats(a.Name, run, sc.ID))
				})
			}
		})
	}
	png, err := wk.Screenshot()
	if err != nil {
		t.Errorf("screenshot: %v", err)
	}
	writeArtifacts(t, map[string][]byte{"webkit-matrix.png": png})
}

// webkitDeviation is where WebKit under WebDriver departs from the demo's
// expectations, which are Chromium 156's: its own count of actual
// requests, and the problem the page then reports.
type webkitDeviation struct {
	Actuals     int
	PageProblem string
}

// webkitDeviations are the scenarios WebKit plays differently.
var webkitDeviations = map[string]webkitDeviation{
	// MiniBrowser under automation keeps its data in an ephemeral
	// (private browsing) session (Tools/MiniBrowser/gtk/main.c: "if
	// (privateMode || automationMode) manager =
	// webkit_website_data_manager_new_ephemeral()"), and WebKit opens its
	// HTTP cache only for a session that is not ephemeral
	// (NetworkSession.cpp): Home's second force-cache GET goes to the
	// server too. Every answer is still made out to its origin and
	// readable. TestWebKitAutoRun plays the scenario in a MiniBrowser with
	// a profile, where the cache answers and the count is Chromium's.
	"vary-origin": {Actuals: 3, PageProblem: "server saw 3 actual request(s), expected 2"},
}

// webkitSays is what WebKitGTK 2.50 writes in the console, on the line
// before "Fetch API cannot load URL due to access control checks.", for
// each cause the demo expects (compared without regard to case: WebKit
// names a header as the script spelled it). A refused preflight's 403 is
// blamed before the missing Access-Control-Allow-Origin: WebKit checks the
// preflight's status first (CrossOriginPreflightChecker.cpp,
// validatePreflightResponse), where Chromium and Firefox name the origin.
func webkitSays(c demo.Cause, param string, preflighted bool) string {
	switch c {
	case demo.CauseOrigin:
		if preflighted {
			return "Preflight response is not successful. Status code: 403"
		}
		return "is not allowed by Access-Control-Allow-Origin."
	case demo.CauseMethod:
		return "Method " + param + " is not allowed by Access-Control-Allow-Methods."
	case demo.CauseHeader:
		return "Request header field " + param + " is not allowed by Access-Control-Allow-Headers."
	case demo.CauseWildcard:
		return "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
	}
	return ""
}

// webkitConsole returns WebKit's CORS lines by the URL they blame: WebKit
// writes the cause (a SECURITY ERROR) on the line just before "Fetch API
// cannot load URL due to access control checks.".
func webkitConsole(lines []string) map[string][]string {
	const cannot, due = "Fetch API cannot load ", " due to access control checks."
	out := map[string][]string{}
	for i, l := range lines {
		_, rest, ok := strings.Cut(l, cannot)
		if !ok || i == 0 {
			continue
		}
		url, _, _ := strings.Cut(rest, due)
		out[url] = append(out[url], lines[i-1])
	}
	return out
}
