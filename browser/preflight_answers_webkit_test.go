package browser

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRejectedPreflightAnswersInWebKit tries in WebKit the refusals that
// TestRejectedPreflightAnswers tries in Chromium, and records what WebKit's
// console blames for each. WebKit checks a preflight's status before its
// headers, so a refused origin answered with crossgate's 403 is blamed on
// the status, where the same answer with 204 names the origin; for a
// method or a header, crossgate's 2xx with the allow lists names them, as
// in Chromium.
func TestRejectedPreflightAnswersInWebKit(t *testing.T) {
	const (
		statusRefused = "Preflight response is not successful. Status code: 403"
		originRefused = "is not allowed by Access-Control-Allow-Origin. Status code: 204"
		patchRefused  = "Method PATCH is not allowed by Access-Control-Allow-Methods."
		headerRefused = "Request header field X-Forbidden is not allowed by Access-Control-Allow-Headers."
	)
	put := map[string]string{"X-Token": "1"}
	forbidden := map[string]string{"X-Forbidden": "1"}
	answers := []preflightAnswer{
		{"origin-403-bare (crossgate)", 403, false, "PUT", put, statusRefused},
		{"origin-204-bare", 204, false, "PUT", put, originRefused},
		{"method-403-bare", 403, false, "PATCH", nil, statusRefused},
		{"method-403-allow", 403, true, "PATCH", nil, statusRefused},
		{"method-204-allow (crossgate)", 204, true, "PATCH", nil, patchRefused},
		{"header-403-bare", 403, false, "GET", forbidden, statusRefused},
		{"header-403-allow", 403, true, "GET", forbidden, statusRefused},
		{"header-204-allow (crossgate)", 204, true, "GET", forbidden, headerRefused},
	}
	base := serveAnswers(t, answers)
	type call struct {
		URL    string            `json:"url"`
		Method string            `json:"method"`
		Header map[string]string `json:"headers"`
	}
	var calls []call
	for i, a := range answers {
		calls = append(calls, call{fmt.Sprintf("%s/answer/%d", base, i), a.method, a.headers})
	}
	plan, _ := json.Marshal(calls)
	page := `<!doctype html><title>refused preflights</title><script>
(async () => {
  for (const c of ` + string(plan) + `) {
    try { await fetch(c.url, {method: c.method, headers: c.headers || {}, cache: "no-store"}); console.info("crossgate allowed " + c.url); }
    catch (e) { console.info("crossgate blocked " + c.url + ": " + e); }
  }
  console.info("crossgate done");
})();
</script>`
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	mb := startMiniBrowser(t, "http://"+ln.Addr().String()+"/")
	if _, ok := mb.waitFor("crossgate done", startTimeout); !ok {
		t.Fatalf("the page did not finish:\n%s", strings.Join(mb.Lines(), "\n"))
	}
	lines := mb.Lines()
	byURL := webkitConsole(lines)
	for i, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			url := calls[i].URL
			for _, l := range lines {
				if strings.Contains(l, "crossgate allowed "+url) {
					t.Fatalf("fetch allowed, want blocked")
				}
			}
			got := byURL[url]
			if len(got) != 1 {
				t.Fatalf("%d console line(s) for %s, want 1: %q", len(got), url, got)
			}
			t.Logf("%d %s -> console: %s", a.status, a.name, got[0])
			if !strings.Contains(got[0], a.console) {
				t.Errorf("console:\n got: %s\nwant: ...%s...", got[0], a.console)
			}
		})
	}
}
