package demo

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/suites/servers"
)

// startDemo starts the demo for one test and stops it after.
func startDemo(t *testing.T) *Demo {
	t.Helper()
	d, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// TestExplainAgreesWithScenarios checks every step's expectation against
// crossgate's own model of the browser (core's Explain). The browser suite
// then checks the same expectations against Chromium, so the three agree.
// Cache effects are not Explain's business and no step depends on them for
// being allowed.
func TestExplainAgreesWithScenarios(t *testing.T) {
	d := startDemo(t)
	for _, sc := range Scenarios() {
		for i, st := range sc.Steps {
			e := d.explain(sc, st)
			if e.Allowed != st.Allowed {
				t.Errorf("%s step %d: Explain says %v, the scenario expects allowed=%v", sc.ID, i+1, e, st.Allowed)
			}
		}
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestScenarioIDsUnique checks the scenario list: the ids become URL path
// segments and keys of the counters.
func TestScenarioIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range Scenarios() {
		if seen[sc.ID] || !idPattern.MatchString(sc.ID) {
			t.Errorf("scenario id %q is duplicated or not [a-z0-9-]", sc.ID)
		}
		seen[sc.ID] = true
		if len(sc.Steps) == 0 || sc.Explain == "" || sc.Title == "" {
			t.Errorf("scenario %s lacks steps, a title or an explanation", sc.ID)
		}
	}
}

// TestPageServer checks what the page server answers, without a browser:
// the configuration on every page origin, the redirect to origin A, the
// refusal of unknown host names, and the counters of a simple request.
func TestPageServer(t *testing.T) {
	d := startDemo(t)
	get := func(url, host string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if host != "" {
			req.Host = host
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}

	var cfg pageConfig
	res := get(d.Origins[Stranger]+"/config.json", "")
	if err := json.NewDecoder(res.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Adapters) != len(servers.Frameworks()) || len(cfg.Scenarios) != len(Scenarios()) || len(cfg.Explain) != len(Scenarios()) {
		t.Errorf("config.json: %d adapters, %d scenarios, %d explanations", len(cfg.Adapters), len(cfg.Scenarios), len(cfg.Explain))
	}

	if res := get(d.Origins[Localhost]+"/", ""); res.StatusCode != http.StatusFound || res.Header.Get("Location") != d.URL {
		t.Errorf("page on localhost: %s to %q, want a redirect to %s", res.Status, res.Header.Get("Location"), d.URL)
	}
	page, _ := io.ReadAll(get(d.URL, "").Body)
	if !strings.Contains(string(page), `href="https://github.com/crossgate/crossgate#debugging-a-cors-error"`) {
		t.Error("the page does not link to the README's Debugging a CORS error")
	}
	if res := get(d.URL, "evil.example:80"); res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("unknown host: %s, want 421", res.Status)
	}
	res = get(d.Origins[Second]+"/frame.html", "")
	body, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(body), `content="`+d.Origins[Home]+`"`) ||
		res.Header.Get("Content-Security-Policy") != "frame-ancestors "+d.Origins[Home] {
		t.Errorf("frame.html does not name the page's origin:\n%s\n%v", body, res.Header)
	}

	// One refused simple request: counted, reported, and still answered.
	req, _ := http.NewRequest("GET", d.Adapters[0].Bases[PolicyMain]+itemsPrefix+"r1-simple-get", nil)
	req.Header.Set("Origin", d.Origins[Stranger])
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	s := d.Stats(d.Adapters[0].Name, "r1", "simple-get")
	if res.StatusCode != 200 || s.Actuals != 1 || s.Preflights != 0 || len(s.Refusals) != 1 {
		t.Errorf("refused simple request: %s, stats %+v", res.Status, s)
	}
	if res := get(d.URL+"state?run=BAD!", ""); res.StatusCode != http.StatusBadRequest {
		t.Errorf("state with a bad run id: %s", res.Status)
	}
}

// TestRefusalLogEscaped: the demo's log line for a refused request whose
// path holds CR LF and ESC (each framework decodes, or not, %0D%0A%1b)
// carries no raw control byte, in every framework.
func TestRefusalLogEscaped(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	d, err := Start(Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	for _, a := range d.Adapters {
		req, _ := http.NewRequest("GET", a.Bases[PolicyMain]+itemsPrefix+"x%0D%0A2026/01/01%20ADMIN%20login%20ok%1b[2J", nil)
		req.Header.Set("Origin", d.Origins[Stranger])
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		res.Body.Close()
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lines) != len(d.Adapters) {
		t.Fatalf("%d refusals logged, want one per framework (%d): %q", len(lines), len(d.Adapters), lines)
	}
	for _, line := range lines {
		if problem := attacks.LogLineProblem(line); problem != "" {
			t.Errorf("log line: %s", problem)
		}
	}
}
