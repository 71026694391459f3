package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crossgate/crossgate/conformance/rawhttp"
	"github.com/crossgate/crossgate/core"
)

// Result is what one played scenario got back.
type Result struct {
	Status int
	// Header holds the response's CORS header lines (CORSHeaders only),
	// exactly as received.
	Header http.Header
	// AppRan reports that the application's handler answered (it marks
	// every answer with "X-App: ran").
	AppRan bool
	Body   string
	// Observed lists "METHOD path" for every request the server saw while
	// the scenario's request was played; it should be exactly that request.
	Observed []string
	// Before holds the results of the scenario's Before exchanges.
	Before []Result
}

// Get returns a CORS header's lines joined with ", " (what a browser's
// header-list "get" reads) and whether the response had it at all.
func (r Result) Get(name string) (string, bool) {
	lines, ok := r.Header[name]
	return strings.Join(lines, ", "), ok
}

// Server is a running application of one framework with two listeners
// sharing one policy: a plain one, and one behind an outer middleware that
// sets Vary (for scenarios with OuterVary). Scenarios are played one at a
// time, each after reconfiguring the shared policy.
type Server struct {
	Framework Framework
	Policy    *core.Policy

	plain, outer string // base URLs
	stops        []func()
	client       *http.Client

	mu   sync.Mutex
	seen []string
}

// initialConfig is the policy a Server starts with, before any scenario
// reconfigures it.
var initialConfig = core.Config{Origins: []string{appOrigin}}

// Start serves f's application on two loopback listeners.
func Start(f Framework) (*Server, error) {
	p, err := core.New(initialConfig)
	if err != nil {
		return nil, err
	}
	s := &Server{Framework: f, Policy: p}
	s.client = &http.Client{
		// Each request on a fresh connection, so that no scenario's
		// connection state (a hostile header, a server that closed)
		// leaks into the next; redirects are answers to check, not follow.
		Transport: &http.Transport{
			Proxy:              nil,
			DisableKeepAlives:  true,
			DisableCompression: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
	observe := func(method, path string, _ http.Header) {
		s.mu.Lock()
		s.seen = append(s.seen, method+" "+path)
		s.mu.Unlock()
	}
	for _, opts := range []Options{
		{Observe: observe},
		{Observe: observe, OuterVary: outerVary},
	} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, err
		}
		stop, err := f.Serve(ln, p, opts)
		if err != nil {
			ln.Close()
			s.Close()
			return nil, fmt.Errorf("%s: serve: %w", f, err)
		}
		s.stops = append(s.stops, stop)
		url := "http://" + ln.Addr().String()
		if opts.OuterVary == "" {
			s.plain = url
		} else {
			s.outer = url
		}
	}
	return s, nil
}

// Close shuts both listeners down and waits for them.
func (s *Server) Close() {
	for _, stop := range s.stops {
		stop()
	}
	s.stops = nil
}

// Play plays sc's Before exchanges and then sc itself, reconfiguring the
// running policy before each. The error is for a failure to play (an
// invalid Config, a network error), not for a response that differs from
// Want: see Check.
func (s *Server) Play(sc Scenario) (Result, error) {
	var before []Result
	for _, b := range sc.Before {
		r, err := s.Play(b)
		if err != nil {
			return Result{}, fmt.Errorf("before %q: %w", b.Name, err)
		}
		before = append(before, r)
	}
	if err := s.Policy.Reconfigure(sc.Config); err != nil {
		return Result{}, fmt.Errorf("reconfigure: %w", err)
	}
	base := s.plain
	if sc.OuterVary {
		base = s.outer
	}
	s.mu.Lock()
	s.seen = nil
	s.mu.Unlock()

	resp, body, err := s.send(base, sc.Request)
	if err != nil {
		return Result{}, err
	}
	r := Result{
		Status: resp.StatusCode,
		Header: http.Header{},
		AppRan: resp.Header.Get(HeaderApp) == ValueApp,
		Body:   string(body),
		Before: before,
	}
	for _, name := range CORSHeaders {
		if v, ok := resp.Header[name]; ok {
			r.Header[name] = v
		}
	}
	s.mu.Lock()
	r.Observed = append([]string(nil), s.seen...)
	s.mu.Unlock()
	return r, nil
}

// send sends q to the server at base and reads its answer.
func (s *Server) send(base string, q Request) (*http.Response, []byte, error) {
	if q.Raw {
		return rawhttp.Send(strings.TrimPrefix(base, "http://"), q.Method, q.Path, q.Header)
	}
	hr, err := http.NewRequest(q.Method, base+q.Path, nil)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range q.Header {
		hr.Header.Add(l.Name, l.Value)
	}
	resp, err := s.client.Do(hr)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	// An application or preflight answer is small; read a little more
	// than any of them to notice one that is not.
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp, body, err
}

// Play starts f's application, plays sc on it and shuts it down. Run and
// the cross-framework comparison keep one Server for all scenarios instead.
func Play(f Framework, sc Scenario) (Result, error) {
	s, err := Start(f)
	if err != nil {
		return Result{}, err
	}
	defer s.Close()
	return s.Play(sc)
}

// Check lists every way r differs from what sc expects, Before exchanges
// included; nil means r conforms.
func Check(sc Scenario, r Result) []string {
	var bad []string
	for i, b := range sc.Before {
		if i >= len(r.Before) {
			bad = append(bad, fmt.Sprintf("before %q: not played", b.Name))
			continue
		}
		for _, m := range Check(b, r.Before[i]) {
			bad = append(bad, fmt.Sprintf("before %q: %s", b.Name, m))
		}
	}
	w := sc.Want
	if r.Status != w.Status {
		bad = append(bad, fmt.Sprintf("status: want %d, got %d", w.Status, r.Status))
	}
	for _, name := range CORSHeaders {
		want, wok := w.Header[name]
		got, gok := r.Get(name)
		switch {
		case wok && !gok:
			bad = append(bad, fmt.Sprintf("%s: want %q, got none", name, want))
		case !wok && gok:
			bad = append(bad, fmt.Sprintf("%s: want none, got %s", name, quoteLines(r.Header[name])))
		case wok && got != want:
			bad = append(bad, fmt.Sprintf("%s: want %q, got %s", name, want, quoteLines(r.Header[name])))
		}
	}
	if r.AppRan != w.AppRan {
		bad = append(bad, fmt.Sprintf("app ran: want %v, got %v", w.AppRan, r.AppRan))
	}
	bad = append(bad, checkBody(sc, r)...)
	if want := sc.Request.Method + " " + sc.Request.Path; len(r.Observed) != 1 || r.Observed[0] != want {
		bad = append(bad, fmt.Sprintf("server saw %q, want exactly [%q]", r.Observed, want))
	}
	return bad
}

// checkBody checks that the application's answer is the right handler's,
// and that a preflight the middleware ended has no body.
func checkBody(sc Scenario, r Result) []string {
	q := sc.Request
	switch {
	case r.AppRan && q.Method == http.MethodOptions && q.Path == PathExplicit:
		if r.Body != ExplicitOptionsBody {
			return []string{fmt.Sprintf("body: want the app's OPTIONS answer %q, got %q", ExplicitOptionsBody, short(r.Body))}
		}
	case r.AppRan && q.Method != http.MethodHead:
		var got appBody
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
			return []string{fmt.Sprintf("body: want the app's JSON, got %q", short(r.Body))}
		}
		want := appBody{Handler: "app", Method: q.Method, Path: q.Path, Cookie: header(q, "Cookie")}
		if got != want {
			return []string{fmt.Sprintf("body: want %+v, got %+v", want, got)}
		}
	case !r.AppRan && isPreflight(q) && r.Body != "":
		return []string{fmt.Sprintf("body: want none from an ended preflight, got %q", short(r.Body))}
	}
	return nil
}

// isPreflight tells a preflight as SEMANTICS.md classifies it.
func isPreflight(q Request) bool {
	return q.Method == http.MethodOptions && header(q, hOrigin) != "" && header(q, hACRM) != ""
}

// header returns the value of the request's first line of name, without
// the optional whitespace around it (which a Raw request may carry), or "".
func header(q Request, name string) string {
	for _, l := range q.Header {
		if http.CanonicalHeaderKey(l.Name) == name {
			return strings.Trim(l.Value, " \t")
		}
	}
	return ""
}

func quoteLines(lines []string) string {
	q := make([]string, len(lines))
	for i, l := range lines {
		q[i] = fmt.Sprintf("%q", short(l))
	}
	if len(q) == 1 {
		return q[0]
	}
	return fmt.Sprintf("%d lines [%s]", len(q), strings.Join(q, " "))
}

// short keeps failure messages readable when a hostile value comes back.
func short(s string) string {
	if len(s) > 200 {
		return fmt.Sprintf("%s...(%d bytes)", s[:200], len(s))
	}
	return s
}

// Run plays every scenario, in order, on one running server of f and
// reports each difference from the contract as a failure of the scenario's
// subtest. It is the one call that proves an adapter:
//
//	func TestConformance(t *testing.T) { conformance.Run(t, myFramework) }
func Run(t *testing.T, f Framework) {
	t.Helper()
	runScenarios(t, f, Scenarios())
}

// Verify plays every scenario on one running server of f, as Run does, and
// returns every difference from the contract, each prefixed with its
// scenario's name; nil means f conforms. It is Run for callers without a
// *testing.T (an Example, a command).
func Verify(f Framework) ([]string, error) {
	s, err := Start(f)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var bad []string
	for _, sc := range Scenarios() {
		r, err := s.Play(sc)
		if err != nil {
			return bad, fmt.Errorf("%s: %s: %w", f, sc.Name, err)
		}
		for _, m := range Check(sc, r) {
			bad = append(bad, sc.Name+": "+m)
		}
	}
	return bad, nil
}

// runScenarios plays scenarios, in order, on one running server of f and
// reports each difference from what a scenario expects as a failure of its
// subtest.
func runScenarios(t *testing.T, f Framework, scenarios []Scenario) {
	t.Helper()
	checkUnique(t, scenarios)
	s := StartForTest(t, f)
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			r, err := s.Play(sc)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, m := range Check(sc, r) {
				t.Errorf("%s %s %s: %s", f, sc.Request.Method, sc.Request.Path, m)
			}
		})
	}
}

// StartForTest starts f's application and shuts it down when t ends.
func StartForTest(t testing.TB, f Framework) *Server {
	t.Helper()
	s, err := Start(f)
	if err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	t.Cleanup(s.Close)
	return s
}

// checkUnique fails t when two scenarios share a name, which would make a
// failure ambiguous.
func checkUnique(t *testing.T, all []Scenario) {
	t.Helper()
	seen := map[string]bool{}
	var dup []string
	for _, sc := range all {
		if seen[sc.Name] {
			dup = append(dup, sc.Name)
		}
		seen[sc.Name] = true
	}
	if len(dup) > 0 {
		sort.Strings(dup)
		t.Errorf("duplicate scenario names: %v", dup)
	}
}
