package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/crossgate/crossgate/suites/demo"
)

// TestWebKitAutoRun opens the demo in WebKit as a person does (MiniBrowser
// with a profile and its HTTP cache, the page running every scenario by
// itself) and checks the page's own verdict, which it writes to the
// console: every cell as expected, the Vary scenario included, which a
// WebDriver session (private browsing, no HTTP cache) cannot prove. It
// also reads WebKit's console, which no WebDriver client can, and checks
// that it names the cause of every refusal in WebKit's words (webkitSays).
func TestWebKitAutoRun(t *testing.T) {
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	mb := startMiniBrowser(t, d.URL)
	limit := time.Duration(len(demo.Scenarios())) * scenarioTimeout
	status, ok := mb.waitFor("crossgate status: ", limit)
	lines := mb.Lines()
	writeArtifacts(t, map[string][]byte{"webkit-console.txt": []byte(strings.Join(lines, "\n") + "\n")})
	if !ok {
		t.Fatalf("the page did not finish within %v", limit)
	}
	t.Logf("page status: %s", status)
	for _, l := range lines {
		if strings.Contains(l, "crossgate cell ") {
			t.Errorf("the page shows a cell as unexpected: %s", l)
		}
	}
	if !strings.HasPrefix(status, "All scenarios went as expected") {
		t.Errorf("page status %q", status)
	}
	checkWebKitConsole(t, d, webkitConsole(lines))
}

// checkWebKitConsole asserts that WebKit's console has, for every
// framework and every fetch a scenario expects blocked, one line naming
// its cause, and none for allowed scenarios.
func checkWebKitConsole(t *testing.T, d *demo.Demo, byURL map[string][]string) {
	t.Helper()
	for _, sc := range demo.Scenarios() {
		blocked := 0
		var want demo.Step
		for _, s := range sc.Steps {
			if !s.Allowed {
				blocked++
				want = s
			}
		}
		text := strings.ToLower(webkitSays(want.Cause, want.Param, sc.Preflights > 0))
		for _, a := range d.Adapters {
			// The page's URL is base/api/items/<run>-<scenario>.
			prefix, suffix := a.Bases[sc.Policy]+"/api/items/", "-"+sc.ID
			var lines []string
			for url, ls := range byURL {
				if strings.HasPrefix(url, prefix) && strings.HasSuffix(url, suffix) {
					lines = append(lines, ls...)
				}
			}
			if len(lines) != blocked {
				t.Errorf("%s/%s: %d console line(s) in WebKit, want %d: %q", sc.ID, a.Name, len(lines), blocked, lines)
			}
			for _, l := range lines {
				if !strings.Contains(strings.ToLower(l), text) {
					t.Errorf("%s/%s: WebKit's console blames something else than the %s:\n got: %s\nwant: ...%s...", sc.ID, a.Name, want.Cause, l, text)
				}
			}
		}
	}
}
