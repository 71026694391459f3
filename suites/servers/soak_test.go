package servers_test

import (
	"fmt"
	"github.com/crossgate/crossgate/suites/servers"
	"io"
	"net/http"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/conformance/tenants"
	"github.com/crossgate/crossgate/core"
)

// The soak test: concurrent clients against a real server of each adapter
// while the policy is reconfigured back and forth under them. Reconfigure
// swaps a compiled policy atomically, so every response must be exactly
// what one of the two policies answers; a torn read (one policy's origin
// check, the other's headers), an error or a leaked goroutine fails.
// Bounded by work, not by the clock: soakRequests per adapter, each within
// the client's timeout, and minFlips reconfigurations, each within
// soakFlipTimeout. A budget for the whole test measures the machine
// instead: under -race with the cores busy the large soak took up to 51
// seconds of a former 60-second budget, and past it with more load.
const (
	soakClients  = 8
	soakRequests = 2000
	// soakFlipTimeout bounds the wait for one reconfiguration while the
	// clients wait for minFlips of them: compiling the large policy takes
	// a fraction of a second, a few seconds under -race on busy cores, so
	// reaching the bound means Reconfigure is stuck.
	soakFlipTimeout = 60 * time.Second
)

// soakA and soakB differ in every field a response shows, so a response
// mixing them matches neither.
var (
	soakA = core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{"PUT"},
		RequestHeaders: []string{"X-Token"},
		ExposedHeaders: []string{"X-Exposed"},
		Credentials:    true,
		MaxAge:         10 * time.Minute,
	}
	soakB = core.Config{
		Origins:         []string{"https://*.example.org"},
		Methods:         []string{"DELETE", "PATCH"},
		RequestHeaders:  []string{"X-Other"},
		MaxAge:          -1,
		PreflightStatus: 200,
	}
)

// soakRequest is one request the clients send, as method and header lines.
type soakRequest struct {
	method string
	header [][2]string
}

var soakMix = []soakRequest{
	{"GET", nil},
	{"GET", [][2]string{{"Origin", "https://app.example.com"}}},
	{"GET", [][2]string{{"Origin", "https://x.example.org"}}},
	{"POST", [][2]string{{"Origin", "https://evil.test"}}},
	{"OPTIONS", [][2]string{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "PUT"},
		{"Access-Control-Request-Headers", "x-token"}}},
	{"OPTIONS", [][2]string{{"Origin", "https://x.example.org"}, {"Access-Control-Request-Method", "DELETE"},
		{"Access-Control-Request-Headers", "x-other"}}},
	{"OPTIONS", [][2]string{{"Origin", "https://evil.test"}, {"Access-Control-Request-Method", "PUT"}}},
}

// soakSignature is what a response shows of the policy: status, whether
// the application ran, and every CORS header.
func soakSignature(resp *http.Response) string {
	var parts []string
	for _, name := range conformance.CORSHeaders {
		if v, ok := resp.Header[name]; ok {
			parts = append(parts, name+"="+strings.Join(v, ", "))
		}
	}
	sort.Strings(parts)
	return fmt.Sprintf("%d app=%v %s", resp.StatusCode, resp.Header.Get("X-App") != "", strings.Join(parts, " "))
}

func soakDo(c *http.Client, base string, r soakRequest) (string, error) {
	req, err := http.NewRequest(r.method, base+"/api/items/42", nil)
	if err != nil {
		return "", err
	}
	for _, l := range r.header {
		req.Header.Add(l[0], l[1])
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return "", err
	}
	return soakSignature(resp), nil
}

func TestSoakReconfigure(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test skipped with -short")
	}
	for _, f := range servers.Frameworks() {
		t.Run(f.String(), func(t *testing.T) {
			before := len(goroutines())
			soak(t, f, soakA, soakB, 0)
			waitGoroutines(t, before)
		})
	}
}

// The large soak: the same two policies, each also listing the origins of
// soakLargeExact and soakLargePatterns tenants, so that every Reconfigure
// compiles a multi-tenant policy while the clients keep going. Under -race,
// where compiling is several times slower, half of that, to keep the
// test under 20 seconds.
var (
	soakLargeExact    = 100_000
	soakLargePatterns = 10_000
)

func init() {
	if raceEnabled {
		soakLargeExact, soakLargePatterns = 50_000, 5_000
	}
}

// soakLargeFlips is how many reconfigurations the clients must see
// through: a large policy compiles in a fraction of a second, so the
// requests continue until that many have been installed.
const soakLargeFlips = 4

func TestSoakReconfigureLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test skipped with -short")
	}
	large := tenants.Origins(soakLargeExact, soakLargePatterns)
	a, b := soakA, soakB
	a.Origins = append(slices.Clone(a.Origins), large...)
	b.Origins = append(slices.Clone(b.Origins), large...)
	for _, f := range servers.Frameworks() {
		t.Run(f.String(), func(t *testing.T) {
			before := len(goroutines())
			soak(t, f, a, b, soakLargeFlips)
			waitGoroutines(t, before)
		})
	}
}

// soak serves f under policy a, flips it between a and b while the clients
// send at least soakRequests, and until minFlips reconfigurations are done.
func soak(t *testing.T, f conformance.Framework, a, b core.Config, minFlips int64) {
	p, addr, shutdown := serveLoopback(t, f, a)
	defer shutdown()
	transport := &http.Transport{MaxIdleConnsPerHost: soakClients}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	base := "http://" + addr

	// The two answers each request may get, recorded with the policy held
	// still. The requests without Origin or from evil.test are controls,
	// answered alike by both; the four others must tell the policies apart.
	golden := make([][2]string, len(soakMix))
	for i, cfg := range []core.Config{a, b} {
		if err := p.Reconfigure(cfg); err != nil {
			t.Fatal(err)
		}
		for j, r := range soakMix {
			var err error
			if golden[j][i], err = soakDo(client, base, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	differ := 0
	for _, g := range golden {
		if g[0] != g[1] {
			differ++
		}
	}
	if differ != 4 {
		t.Fatalf("%d requests tell the policies apart, want 4: %q", differ, golden)
	}

	stop := make(chan struct{})
	var flipped atomic.Int64
	var lastFlip atomic.Int64 // when the last reconfiguration was installed, in Unix nanoseconds
	lastFlip.Store(time.Now().UnixNano())
	flipperGone := make(chan struct{})
	var flips sync.WaitGroup
	flips.Add(1)
	go func() {
		defer flips.Done()
		defer close(flipperGone)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			cfg := a
			if i%2 == 1 {
				cfg = b
			}
			if err := p.Reconfigure(cfg); err != nil {
				t.Error(err)
				return
			}
			flipped.Add(1)
			lastFlip.Store(time.Now().UnixNano())
			time.Sleep(100 * time.Microsecond)
		}
	}()

	// stuck says why the clients cannot count on the next reconfiguration:
	// the flipper gave up (its error is reported), or the last
	// reconfiguration was installed more than soakFlipTimeout ago.
	stuck := func() string {
		select {
		case <-flipperGone:
			return "the reconfigurations stopped"
		default:
		}
		if since := time.Since(time.Unix(0, lastFlip.Load())); since > soakFlipTimeout {
			return fmt.Sprintf("no reconfiguration installed for %v (after %d)", since.Round(time.Second), flipped.Load())
		}
		return ""
	}
	var clients sync.WaitGroup
	errs := make(chan string, soakClients)
	var seenMu sync.Mutex
	seen := make([][2]bool, len(soakMix))
	for c := range soakClients {
		clients.Add(1)
		go func() {
			defer clients.Done()
			for i := 0; i < soakRequests/soakClients || flipped.Load() < minFlips; i++ {
				if i >= soakRequests/soakClients {
					if why := stuck(); why != "" {
						errs <- fmt.Sprintf("%s, want %d while the clients run", why, minFlips)
						return
					}
				}
				j := (c + i) % len(soakMix)
				got, err := soakDo(client, base, soakMix[j])
				if err != nil {
					errs <- err.Error()
					return
				}
				if got != golden[j][0] && got != golden[j][1] {
					errs <- fmt.Sprintf("request %d answered %q, neither policy's %q", j, got, golden[j])
					return
				}
				seenMu.Lock()
				seen[j][0] = seen[j][0] || got == golden[j][0]
				seen[j][1] = seen[j][1] || got == golden[j][1]
				seenMu.Unlock()
			}
		}()
	}
	clients.Wait()
	close(stop)
	flips.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// The policy did change under the clients: every request that tells
	// the policies apart got both answers.
	for j, g := range golden {
		if g[0] != g[1] && !(seen[j][0] && seen[j][1]) {
			t.Errorf("request %d got only one policy's answer: the reconfiguration never overlapped it", j)
		}
	}
}

// lingering are goroutines that fasthttp leaves on purpose, which
// waitGoroutines does not count: the process-wide Date updater, started once
// and never stopped, and each server's worker-pool cleaner, which sleeps
// MaxIdleWorkerDuration (10s by default) before it sees the server stopped.
// Neither holds a connection or the policy.
var lingering = []string{
	"created by github.com/valyala/fasthttp.updateServerDate",
	"created by github.com/valyala/fasthttp.(*workerPool).Start",
}

// goroutines returns the stacks of every goroutine but the lingering ones.
func goroutines() []string {
	buf := make([]byte, 4<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
next:
	for _, g := range strings.Split(string(buf), "\n\n") {
		for _, l := range lingering {
			if strings.Contains(g, l) {
				continue next
			}
		}
		out = append(out, g)
	}
	return out
}

// waitGoroutines fails unless the goroutine count falls back to before
// within a grace period: servers, connections and clients all ended.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	grace := time.Now().Add(5 * time.Second)
	for {
		now := goroutines()
		if len(now) <= before {
			return
		}
		if time.Now().After(grace) {
			t.Fatalf("%d goroutines left behind (before: %d):\n%s", len(now)-before, before, strings.Join(now, "\n\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
