package browser

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/audits"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
)

// consoleError is one CORS failure as Chromium reports it over DevTools:
// the console line a developer reads, or the machine-readable issue the
// Issues panel shows. Both are keyed by the URL that was blocked.
type consoleError struct {
	URL string
	// Text is the console line (Log.entryAdded).
	Text string
	// Code and Param come from Audits.issueAdded: a CorsError such as
	// MethodDisallowedByPreflightResponse, and the method or header it names.
	Code  string
	Param string
}

// console collects the CORS errors of one tab. A DevTools listener must not
// block, so events are only appended here under a lock.
type console struct {
	mu     sync.Mutex
	lines  []consoleError // from the Log domain
	issues []consoleError // from the Audits domain
}

// corsMarker is in every console line Chromium writes for a CORS failure.
const corsMarker = "blocked by CORS policy"

// watch enables the Log and Audits domains of a target (the tab, or one of
// its out-of-process iframes) and starts collecting. It must run before the
// target makes the requests of interest.
func (c *console) watch(ctx context.Context) error {
	if err := chromedp.Listen(ctx, c.handle); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, audits.Enable, cdp.Empty{})
	return err
}

// watchFrames watches every iframe that Chromium runs in a process of its
// own. Site isolation puts cross-site frames (localhost inside 127.0.0.1)
// and sandboxed frames there, and their console is not the tab's: DevTools
// reports their CORS errors only to a session attached to the frame's
// target. Site isolation stays on, so that the suite tests the browser
// people use.
func (c *console) watchFrames(tab context.Context) (int, error) {
	infos, err := chromedp.Targets(tab)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, info := range infos {
		if info.Type != "iframe" {
			continue
		}
		// The frame's context lives as long as the tab's.
		fctx, _ := chromedp.NewContext(tab, chromedp.WithTargetID(info.TargetID))
		if err := c.watch(fctx); err != nil {
			return n, fmt.Errorf("watching frame %s: %w", info.URL, err)
		}
		n++
	}
	return n, nil
}

// handle keeps the CORS errors among the DevTools events of a target. It
// runs on chromedp's reading goroutine, so it only appends under the lock.
func (c *console) handle(ev any) {
	switch ev := ev.(type) {
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || !strings.Contains(e.Text, corsMarker) {
			return
		}
		c.mu.Lock()
		c.lines = append(c.lines, consoleError{URL: blockedURL(e.Text), Text: e.Text})
		c.mu.Unlock()
	case *audits.EventIssueAdded:
		if ev.Issue == nil || ev.Issue.Details == nil || ev.Issue.Details.CorsIssueDetails == nil {
			return
		}
		d := ev.Issue.Details.CorsIssueDetails
		if d.CorsErrorStatus == nil || d.Request == nil || d.IsWarning {
			return
		}
		c.mu.Lock()
		c.issues = append(c.issues, consoleError{
			URL:   d.Request.URL,
			Code:  string(d.CorsErrorStatus.CorsError),
			Param: d.CorsErrorStatus.FailedParameter,
		})
		c.mu.Unlock()
	}
}

// blockedURL returns the URL of a console line "Access to fetch at '<url>'
// from origin ... has been blocked by CORS policy: ...".
func blockedURL(text string) string {
	_, rest, ok := strings.Cut(text, "Access to fetch at '")
	if !ok {
		return ""
	}
	u, _, _ := strings.Cut(rest, "'")
	return u
}

// forURL waits up to wait for at least n console lines and n issues about
// url (Chromium may report them just after fetch() has rejected), and
// returns what it has.
func (c *console) forURL(url string, n int, wait time.Duration) (lines, issues []consoleError) {
	deadline := time.Now().Add(wait)
	for {
		lines, issues = c.matching(url)
		if (len(lines) >= n && len(issues) >= n) || time.Now().After(deadline) {
			return lines, issues
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *console) matching(url string) (lines, issues []consoleError) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.lines {
		if e.URL == url {
			lines = append(lines, e)
		}
	}
	for _, e := range c.issues {
		if e.URL == url {
			issues = append(issues, e)
		}
	}
	return lines, issues
}
