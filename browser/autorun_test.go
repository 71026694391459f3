package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/suites/demo"
)

// TestAutoRun opens the demo as a person does (the page runs every scenario
// by itself) and checks that the page's own verdict is that everything went
// as expected, so that what `go run ./cmd/demo` shows is what TestMatrix
// proves.
func TestAutoRun(t *testing.T) {
	requireChromium(t)
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	ctx := startChromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL)); err != nil {
		t.Fatal(err)
	}
	limit := time.Duration(len(demo.Scenarios())) * scenarioTimeout
	sctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	status, err := chromedp.Run(sctx, chromedp.Poll[string](
		`(s => s.startsWith("Running") || s.startsWith("Loading") || s.startsWith("Ready") ? null : s)`+
			`(document.querySelector("#status").textContent)`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(limit)))
	if err != nil {
		t.Fatalf("the page did not finish: %v", err)
	}
	t.Logf("page status: %s", status)
	if !strings.HasPrefix(status, "All scenarios went as expected") {
		t.Errorf("page status %q", status)
	}
}
