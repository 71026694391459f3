package browser

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium, the browser the suite is written
// against (scripts/install-browsers.sh installs it). The suite never
// downloads a browser.
const chromiumPath = "/usr/bin/chromium"

// requireChromium fails the test when Chromium is missing. It fails rather
// than skips: a browser suite that quietly skips proves nothing, and CI must
// notice.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium is missing (%v).\nInstall it with:\n\tapt-get install -y chromium\n"+
			"(as root, after apt-get update), or run scripts/install-browsers.sh", err)
	}
}

// startChromium starts a headless Chromium with a fresh profile and returns
// a tab's context; extra adds flags. The browser is killed when the test
// ends.
func startChromium(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // containers and root lack the user namespaces the sandbox needs
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1500, 1000),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}
