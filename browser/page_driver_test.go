package browser

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/suites/demo"
)

// pageDriver is one browser tab, whichever the engine, as the suites that
// run in both engines use it.
type pageDriver interface {
	Engine() string
	// Navigate loads url and waits for it.
	Navigate(url string) error
	// Evaluate runs a script, awaiting a promise it returns, and decodes
	// its value into out.
	Evaluate(expr string, out any) error
	Screenshot() ([]byte, error)
	// CORSLines waits up to wait for at least n console lines about a
	// CORS failure of url, and returns those it has.
	CORSLines(url string, n int, wait time.Duration) []string
	// OriginRefused is what the engine's console line says when the answer
	// lacks Access-Control-Allow-Origin.
	OriginRefused(preflighted bool) string
	// ConsoleReadable says whether the driver reads the engine's console;
	// where it does not (WebKit under WebDriver), the console is checked
	// by a test of its own.
	ConsoleReadable() bool
}

// chromiumTab is a Chromium tab whose console is watched.
type chromiumTab struct {
	ctx  context.Context
	cons *console
}

// newChromiumTab watches the console of the tab of ctx.
func newChromiumTab(t *testing.T, ctx context.Context) *chromiumTab {
	t.Helper()
	c := &chromiumTab{ctx: ctx, cons: &console{}}
	if err := c.cons.watch(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return c
}

func (c *chromiumTab) Engine() string { return "chromium" }

func (c *chromiumTab) Navigate(url string) error {
	ctx, cancel := context.WithTimeout(c.ctx, startTimeout)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Navigate(url))
}

func (c *chromiumTab) Evaluate(expr string, out any) error {
	ctx, cancel := context.WithTimeout(c.ctx, scenarioTimeout)
	defer cancel()
	// Decoded by encoding/json, as the Firefox driver's values are.
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr, awaitPromise))
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

func (c *chromiumTab) Screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(c.ctx, startTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}

func (c *chromiumTab) CORSLines(url string, n int, wait time.Duration) []string {
	lines, _ := c.cons.forURL(url, n, wait)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

func (c *chromiumTab) ConsoleReadable() bool { return true }

func (c *chromiumTab) OriginRefused(preflighted bool) string {
	text, _ := chromiumSays(demo.CauseOrigin, "", preflighted)
	return text
}
