package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/suites/demo"
)

// TestVaryMatters is the control of the demo's vary-origin scenario: it
// shows that, in the same page and the same cache partition, Chromium does
// replay a cached answer to another origin when the answer lacks
// Vary: Origin, so the scenario's passing proves crossgate's Vary and not a
// cache that was never used.
func TestVaryMatters(t *testing.T) {
	requireChromium(t)
	d, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)

	var hits [2]atomic.Int32
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// A hand-written CORS answer that reflects the origin, with Vary on
	// /vary/1 and without it on /vary/0.
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/vary/%d", &i); err != nil || i < 0 || i > 1 {
			http.NotFound(w, r)
			return
		}
		hits[i].Add(1)
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		if i == 1 {
			w.Header().Set("Vary", "Origin")
		}
		w.Write([]byte("ok"))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String()

	var cons console
	ctx, _ := openWatchedDemo(t, d.URL, &cons)

	for i, vary := range []bool{false, true} {
		url := fmt.Sprintf("%s/vary/%d", base, i)
		step := `{"method":"GET","cache":"force-cache"}`
		var got []stepResult
		for _, from := range []demo.From{demo.Home, demo.Second} {
			sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
			r, err := chromedp.Run(sctx, chromedp.Evaluate[stepResult](
				fmt.Sprintf("window.crossgate.runFrom(%q, %q, %s)", from, url, step), awaitPromise))
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, r)
		}
		n := hits[i].Load()
		t.Logf("Vary: Origin %v: home allowed=%v, second allowed=%v, server hit %d time(s)", vary, got[0].Allowed, got[1].Allowed, n)
		if !got[0].Allowed {
			t.Errorf("Vary %v: the first fetch was blocked: %s", vary, got[0].Error)
		}
		if vary && (!got[1].Allowed || n != 2) {
			t.Errorf("with Vary: Origin, the second origin should be asked for and allowed (allowed=%v, %d hits)", got[1].Allowed, n)
		}
		if !vary {
			if got[1].Allowed || n != 1 {
				t.Errorf("without Vary, Chromium should have replayed home's answer to the second origin and blocked it (allowed=%v, %d hits)", got[1].Allowed, n)
			}
			lines, _ := cons.forURL(url, 1, consoleWait)
			for _, l := range lines {
				t.Logf("console: %s", l.Text)
				if !strings.Contains(l.Text, "is not equal to the supplied origin") {
					t.Errorf("console: %s", l.Text)
				}
			}
			if len(lines) == 0 {
				t.Errorf("no console line for the replayed answer")
			}
		}
	}
}
