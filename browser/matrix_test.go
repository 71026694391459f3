package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/suites/demo"
)

// Timeouts. A scenario makes at most three fetches per framework, all on
// loopback; anything slower than this is a hang, not a slow machine.
// consoleWait bounds the wait for the console lines of blocked fetches,
// which both engines write just after fetch() has rejected: the wait polls
// and ends as soon as the lines expected are there, so the bound costs
// nothing when they come, and a scenario that expects none does not wait.
const (
	startTimeout    = 60 * time.Second // browser start, page load, frames
	scenarioTimeout = 30 * time.Second
	consoleWait     = 3 * time.Second
)

// The results the page returns from window.crossgate.runScenario.
type (
	stepResult struct {
		Allowed  bool              `json:"allowed"`
		Status   int               `json:"status"`
		Headers  map[string]string `json:"headers"`
		Body     string            `json:"body"`
		Error    string            `json:"error"`
		TimedOut bool              `json:"timedOut"`
	}
	adapterResult struct {
		URL      string       `json:"url"`
		Steps    []stepResult `json:"steps"`
		Problems []string     `json:"problems"`
	}
	scenarioResult struct {
		ID       string                   `json:"id"`
		Run      string                   `json:"run"`
		Adapters map[string]adapterResult `json:"adapters"`
	}
)

// TestMatrix runs every demo scenario against every framework in Chromium
// and checks every cell of the page's matrix.
func TestMatrix(t *testing.T) {
	requireChromium(t)

	d, err := demo.Start(demo.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)

	var cons console
	ctx, run := openWatchedDemo(t, d.URL, &cons)
	frames, err := cons.watchFrames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo page %s, run %s, %d out-of-process frame(s)", d.URL, run, frames)

	var transcript strings.Builder
	for _, sc := range demo.Scenarios() {
		t.Run(sc.ID, func(t *testing.T) {
			sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
			defer cancel()
			res, err := chromedp.Run(sctx, chromedp.Evaluate[scenarioResult](
				fmt.Sprintf("window.crossgate.runScenario(%q)", sc.ID), awaitPromise))
			if err != nil {
				t.Fatalf("running %s in the page: %v", sc.ID, err)
			}
			for _, a := range d.Adapters {
				t.Run(a.Name, func(t *testing.T) {
					r, ok := res.Adapters[a.Name]
					if !ok {
						t.Fatalf("the page returned no result for %s", a.Name)
					}
					checkCell(t, sc, r, d.Stats(a.Name, run, sc.ID))
					checkConsole(t, sc, r, &cons, &transcript)
				})
			}
		})
	}

	saveArtifacts(t, ctx, transcript.String())
}

// openWatchedDemo starts Chromium, collects its console's CORS errors into
// cons, and loads the demo page at url without running it; it returns the
// browser's context and the page's run id.
func openWatchedDemo(t *testing.T, url string, cons *console) (context.Context, string) {
	t.Helper()
	ctx := startChromium(t)
	if err := cons.watch(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	sctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	run, err := openDemo(sctx, url+"?auto=0")
	if err != nil {
		t.Fatalf("opening the demo page %s: %v", url, err)
	}
	return ctx, run
}

// openDemo loads the page without running it (auto=0), waits until its
// frames are ready, and returns the page's run id.
func openDemo(ctx context.Context, url string) (string, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return "", err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void]("window.crossgate.ready", awaitPromise)); err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[string]("window.crossgate.run"))
}

// awaitPromise makes Evaluate wait for the promise an expression returns.
var awaitPromise = chromedp.EvalAwaitPromise

// checkCell asserts one framework's outcome of one scenario: each fetch
// allowed or blocked as the standard says, the headers a script can read,
// and what the server saw.
func checkCell(t *testing.T, sc demo.Scenario, r adapterResult, server demo.Stats) {
	t.Helper()
	if len(r.Steps) != len(sc.Steps) {
		t.Fatalf("%d steps ran, want %d", len(r.Steps), len(sc.Steps))
	}
	for i, want := range sc.Steps {
		got := r.Steps[i]
		name := fmt.Sprintf("step %d (%s %s from %s)", i+1, want.Method, r.URL, want.From)
		switch {
		case got.TimedOut:
			t.Errorf("%s: timed out", name)
			continue
		case got.Allowed != want.Allowed:
			t.Errorf("%s: allowed = %v, want %v (%s)", name, got.Allowed, want.Allowed, got.Error)
			continue
		case !got.Allowed:
			continue
		}
		if got.Status != 200 {
			t.Errorf("%s: status %d, want 200", name, got.Status)
		}
		for _, h := range want.Readable {
			if _, ok := got.Headers[h]; !ok {
				t.Errorf("%s: script cannot read %s; it reads %v", name, h, keys(got.Headers))
			}
		}
		for _, h := range want.Hidden {
			if v, ok := got.Headers[h]; ok {
				t.Errorf("%s: script reads %s: %q, which is not exposed", name, h, v)
			}
		}
		if want.BodyHas != "" && !strings.Contains(got.Body, want.BodyHas) {
			t.Errorf("%s: body %q lacks %q", name, got.Body, want.BodyHas)
		}
	}

	if server.Preflights != sc.Preflights || server.Actuals != sc.Actuals {
		t.Errorf("server saw %d preflight(s) and %d actual request(s), want %d and %d",
			server.Preflights, server.Actuals, sc.Preflights, sc.Actuals)
	}
	var codes []string
	for _, f := range server.Refusals {
		codes = append(codes, f.Reason)
		if sc.Refusal == 0 || f.Code != sc.Refusal {
			t.Errorf("crossgate refused the %s: %s (want reason code %d)", f.Kind, f.Reason, sc.Refusal)
		}
	}
	if sc.Refusal != 0 && len(server.Refusals) == 0 {
		t.Errorf("crossgate reported no refusal, want reason code %d", sc.Refusal)
	}
	if len(r.Problems) > 0 {
		t.Errorf("the page shows this cell as unexpected: %s", strings.Join(r.Problems, "; "))
	}
	t.Logf("server: %d preflight, %d actual; refusals: %v", server.Preflights, server.Actuals, codes)
}

// checkConsole asserts that Chromium's console and issues name the real
// cause of every fetch the scenario expects blocked, and that nothing else
// was reported about the scenario's URL.
func checkConsole(t *testing.T, sc demo.Scenario, r adapterResult, cons *console, transcript *strings.Builder) {
	t.Helper()
	blocked := 0
	var want demo.Step
	for _, s := range sc.Steps {
		if !s.Allowed {
			blocked++
			want = s // a scenario blocks for one cause only
		}
	}
	wait := consoleWait
	if blocked == 0 {
		wait = 0
	}
	lines, issues := cons.forURL(r.URL, blocked, wait)
	if blocked == 0 {
		for _, l := range lines {
			t.Errorf("console reports a CORS error for an allowed scenario: %s", l.Text)
		}
		return
	}
	// Every scenario that expects preflights blocks its preflighted step.
	text, codes := chromiumSays(want.Cause, want.Param, sc.Preflights > 0)
	if len(lines) != blocked {
		t.Errorf("console has %d CORS error(s) for %s, want %d", len(lines), r.URL, blocked)
	}
	for _, l := range lines {
		fmt.Fprintf(transcript, "%s\n  console: %s\n", t.Name(), l.Text)
		t.Logf("console: %s", l.Text)
		if !strings.Contains(l.Text, text) {
			t.Errorf("console blames something else than the %s:\n got: %s\nwant: ...%s...", want.Cause, l.Text, text)
		}
	}
	if len(issues) == 0 {
		t.Errorf("no CORS issue reported for %s", r.URL)
	}
	for _, is := range issues {
		fmt.Fprintf(transcript, "  issue:   %s %s\n", is.Code, is.Param)
		t.Logf("issue: %s %q", is.Code, is.Param)
		if !slices.Contains(codes, is.Code) {
			t.Errorf("CORS issue %s, want one of %v", is.Code, codes)
		}
		if want.Param != "" && is.Param != want.Param {
			t.Errorf("CORS issue names %q, want %q", is.Param, want.Param)
		}
	}
}

// saveArtifacts writes a screenshot of the matrix and the console
// transcript (see writeArtifacts).
func saveArtifacts(t *testing.T, ctx context.Context, transcript string) {
	t.Helper()
	writeArtifacts(t, map[string][]byte{
		"matrix.png":  screenshot(t, ctx),
		"console.txt": []byte(transcript),
	})
}

// screenshot returns a full-page screenshot of the tab, or nil after
// reporting why it could not take one.
func screenshot(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return nil
	}
	return png
}

// writeArtifacts writes files to $BROWSER_ARTIFACTS, or else to the test's
// artifact directory (kept with go test -artifacts, see docs/browser.md).
// Empty files are left out.
func writeArtifacts(t *testing.T, files map[string][]byte) {
	t.Helper()
	dir := os.Getenv("BROWSER_ARTIFACTS")
	if dir == "" {
		dir = t.ArtifactDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("artifacts: %v", err)
		return
	}
	for name, data := range files {
		if len(data) == 0 {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Errorf("artifacts: %v", err)
			continue
		}
		t.Logf("wrote %s", p)
	}
}

func keys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
