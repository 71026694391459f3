package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crossgate/crossgate/internal/demo"
)

// firefoxPath is Debian's Firefox ESR; the suite drives it over WebDriver
// BiDi with puppeteer-core from ./firefox (installed with npm ci by
// scripts/install-browsers.sh).
const firefoxPath = "/usr/bin/firefox-esr"

// firefoxTimeout bounds one run of the driver: a browser start and every
// demo scenario.
const firefoxTimeout = 5 * time.Minute

// requireFirefox fails the test when Firefox, Node or the driver's
// packages are missing, saying how to install them; it never skips.
func requireFirefox(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(firefoxPath); err != nil {
		t.Fatalf("Firefox ESR is missing (%v).\nInstall it with:\n\tapt-get install -y firefox-esr\n"+
			"(as root, after apt-get update), or run scripts/install-browsers.sh", err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("Node.js is missing (%v): the Firefox driver is puppeteer-core.\n"+
			"Install it with apt-get install -y nodejs npm, or run scripts/install-browsers.sh", err)
	}
	if _, err := os.Stat(filepath.Join("firefox", "node_modules", "puppeteer-core")); err != nil {
		t.Fatalf("puppeteer-core is not installed (%v).\nRun:\n\t(cd browser/firefox && npm ci)\n"+
			"or scripts/install-browsers.sh", err)
	}
}

// firefoxEntry is one BiDi log.entryAdded event.
type firefoxEntry struct {
	Type  string `json:"type"`
	Level string `json:"level"`
	Text  string `json:"text"`
}

// runFirefox runs the driver's command with args and decodes what it
// prints into out; screenshots and the profile go to dir.
func runFirefox(t *testing.T, out any, command string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), firefoxTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{"run.mjs", command}, args...)...)
	cmd.Dir = "firefox"
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the Firefox driver failed: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		t.Fatalf("the Firefox driver printed something else than JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
}

// TestFirefoxMatrix runs every demo scenario against every framework in
// Firefox ESR, as TestMatrix does in Chromium, and checks every cell with
// the same expectations; the console (BiDi log.entryAdded) must name the
// cause of every refusal in Firefox's words (firefoxSays).
func TestFirefoxMatrix(t *testing.T) {
	requireFirefox(t)
	d, err := demo.Start(demo.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)

	dir := t.TempDir()
	var res struct {
		Run     string           `json:"run"`
		Results []scenarioResult `json:"results"`
		Console []firefoxEntry   `json:"console"`
	}
	runFirefox(t, &res, "matrix", d.URL, dir)
	byID := map[string]scenarioResult{}
	for _, r := range res.Results {
		byID[r.ID] = r
	}
	var transcript strings.Builder
	for _, e := range res.Console {
		fmt.Fprintf(&transcript, "%s %s: %s\n", e.Type, e.Level, e.Text)
	}
	cons := firefoxConsole(res.Console)
	for _, sc := range demo.Scenarios() {
		dev, deviates := firefoxDeviations[sc.ID]
		if deviates {
			sc.Preflights = dev.Preflights
		}
		t.Run(sc.ID, func(t *testing.T) {
			r, ok := byID[sc.ID]
			if !ok {
				t.Fatalf("Firefox returned no result for %s", sc.ID)
			}
			for _, a := range d.Adapters {
				t.Run(a.Name, func(t *testing.T) {
					ar, ok := r.Adapters[a.Name]
					if !ok {
						t.Fatalf("the page returned no result for %s", a.Name)
					}
					if deviates {
						// The page judges by Chromium's numbers.
						ar.Problems = slices.DeleteFunc(ar.Problems, func(p string) bool { return p == dev.PageProblem })
					}
					checkCell(t, sc, ar, d.Stats(a.Name, res.Run, sc.ID))
					checkFirefoxConsole(t, sc, ar, cons)
				})
			}
		})
	}
	png, _ := os.ReadFile(filepath.Join(dir, "firefox-matrix.png"))
	writeArtifacts(t, map[string][]byte{
		"firefox-matrix.png":  png,
		"firefox-console.txt": []byte(transcript.String()),
	})
}

// firefoxDeviation is where Firefox ESR 153 departs from the demo's
// expectations, which are Chromium 156's: its own count of preflights, and
// the problem the page (which judges by Chromium's numbers) reports.
type firefoxDeviation struct {
	Preflights  int
	PageProblem string
}

// firefoxDeviations are the scenarios Firefox plays differently.
var firefoxDeviations = map[string]firefoxDeviation{
	// Observed: with Access-Control-Max-Age: 600, Firefox preflights the
	// second credentialed PUT again, where Chromium reuses the cached
	// answer. Both are allowed by the standard (a user agent may evict).
	"preflight-cached": {Preflights: 2, PageProblem: "server saw 2 preflight(s), expected 1"},
}

// firefoxCORSMarker starts every console line Firefox writes for a CORS
// failure.
const firefoxCORSMarker = "Cross-Origin Request Blocked: "

// firefoxConsole returns Firefox's CORS lines by the URL they blame,
// without the "CORS request did not succeed" line that follows each.
func firefoxConsole(entries []firefoxEntry) map[string][]string {
	out := map[string][]string{}
	for _, e := range entries {
		if !strings.Contains(e.Text, firefoxCORSMarker) || strings.Contains(e.Text, "(Reason: CORS request did not succeed)") {
			continue
		}
		_, rest, _ := strings.Cut(e.Text, "remote resource at ")
		url, _, _ := strings.Cut(rest, ". (Reason:")
		// Some reasons quote the URL: ‘http://…’.
		url = strings.TrimSuffix(strings.TrimPrefix(url, "‘"), "’")
		out[url] = append(out[url], e.Text)
	}
	return out
}

// firefoxSays is what Firefox ESR 153 writes in the console for each cause
// the demo expects.
func firefoxSays(c demo.Cause, param string) string {
	switch c {
	case demo.CauseOrigin:
		return "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing)"
	case demo.CauseMethod:
		return "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)"
	case demo.CauseHeader:
		return "(Reason: header ‘" + param + "’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)"
	case demo.CauseWildcard:
		return "(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)"
	}
	return ""
}

// checkFirefoxConsole asserts that Firefox's console names the real cause
// of every fetch the scenario expects blocked, and reports nothing for
// allowed ones.
func checkFirefoxConsole(t *testing.T, sc demo.Scenario, r adapterResult, cons map[string][]string) {
	t.Helper()
	blocked := 0
	var want demo.Step
	for _, s := range sc.Steps {
		if !s.Allowed {
			blocked++
			want = s
		}
	}
	lines := cons[r.URL]
	if blocked == 0 {
		for _, l := range lines {
			t.Errorf("console reports a CORS error for an allowed scenario: %s", l)
		}
		return
	}
	if len(lines) != blocked {
		t.Errorf("console has %d CORS error(s) for %s, want %d", len(lines), r.URL, blocked)
	}
	text := firefoxSays(want.Cause, want.Param)
	for _, l := range lines {
		t.Logf("console: %s", l)
		if !strings.Contains(l, text) {
			t.Errorf("console blames something else than the %s:\n got: %s\nwant: ...%s...", want.Cause, l, text)
		}
	}
}
