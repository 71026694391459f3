package browser

import (
	"fmt"
	"github.com/crossgate/crossgate/suites/servers"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
)

// The origins of the cache sequences: two the policy allows, one it
// refuses.
const (
	cacheOriginA       = "https://a.example"
	cacheOriginB       = "https://b.example"
	cacheOriginRefused = "https://c.example"
)

// cachedAPI is one framework's application behind the shared cache.
type cachedAPI struct {
	Name        string
	Credentials bool
	URL         string // the cache's address
	upstream    cacheSite
	mu          sync.Mutex
	reached     map[string]int // requests that reached the application, by method
}

func (a *cachedAPI) observe(method, _ string, _ http.Header) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reached[method]++
}

// deployCached serves f's application on loopback with answers a shared
// cache may keep (Cache-Control: public, max-age=60), d's other layers
// around it, and binds the socket the cache will serve it on. The
// application is ready for the cache once this returns: its socket is
// listening before Deploy starts serving it, so the cache's first
// connection waits in the backlog instead of being refused.
func deployCached(t *testing.T, f conformance.Framework, name string, credentials bool, d servers.Deployment) *cachedAPI {
	t.Helper()
	return deployCachedFor(t, f, name, credentials, d, []string{cacheOriginA, cacheOriginB})
}

// deployCachedFor is deployCached with a policy that allows these origins.
func deployCachedFor(t *testing.T, f conformance.Framework, name string, credentials bool, d servers.Deployment, origins []string) *cachedAPI {
	t.Helper()
	p, err := core.New(core.Config{
		Origins:        origins,
		Methods:        []string{"GET", "POST", "PUT"},
		RequestHeaders: []string{"X-Token"},
		Credentials:    credentials,
		MaxAge:         600e9,
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &cachedAPI{Name: name, Credentials: credentials, reached: map[string]int{}}
	d.Observe = a.observe
	d.CacheControl = "public, max-age=60"
	stop, err := servers.Deploy(f, ln, p, d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	a.upstream = cacheSite{Listener: listenCacheSite(t), Upstream: ln.Addr().String()}
	a.URL = "http://" + a.upstream.Listener.Addr().String()
	return a
}

// startCache starts one nginx in front of every api.
func startCache(t *testing.T, apis []*cachedAPI) {
	t.Helper()
	sites := make([]cacheSite, len(apis))
	for i, a := range apis {
		sites[i] = a.upstream
	}
	startNginx(t, sites)
}

// cacheStep is one request of a sequence.
type cacheStep struct {
	Method, Origin string
}

// poisoningSequence is what a cache that ignores Vary would mix up: the
// answer made out to A replayed to B, to the refused origin and to a
// request without Origin, and back. It is played twice, so that the second
// round is answered from the cache. Preflights are in it too: nginx does
// not cache them (it cannot), which the sequence also proves.
var poisoningSequence = []cacheStep{
	{"GET", cacheOriginA}, {"GET", cacheOriginB}, {"GET", cacheOriginRefused}, {"GET", ""},
	{"OPTIONS", cacheOriginA}, {"OPTIONS", cacheOriginB}, {"OPTIONS", cacheOriginRefused},
}

// playCache plays poisoningSequence twice through the cache and returns
// every way the answers differ from what the policy alone says, and the
// number of answers the cache served itself.
func playCache(t *testing.T, c *http.Client, a *cachedAPI, transcript *strings.Builder) (problems []string, hits int) {
	t.Helper()
	bad := func(format string, args ...any) {
		problems = append(problems, a.Name+": "+fmt.Sprintf(format, args...))
	}
	for round := 1; round <= 2; round++ {
		for _, s := range poisoningSequence {
			req, err := http.NewRequest(s.Method, a.URL+"/api/items/1", nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Origin != "" {
				req.Header.Set("Origin", s.Origin)
			}
			if s.Method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "PUT")
				req.Header.Set("Access-Control-Request-Headers", "x-token")
			}
			if a.Credentials {
				req.Header.Set("Cookie", "sid=1")
			}
			res, err := c.Do(req)
			if err != nil {
				t.Fatalf("%s %s through the cache: %v", s.Method, a.URL, err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			acao := strings.Join(res.Header.Values("Access-Control-Allow-Origin"), ", ")
			acac := res.Header.Get("Access-Control-Allow-Credentials")
			status := res.Header.Get("X-Cache-Status")
			from := s.Origin
			if from == "" {
				from = "no Origin"
			}
			fmt.Fprintf(transcript, "%s round %d: %s from %s -> %d ACAO=%q ACAC=%q Vary=%q X-Cache-Status=%q\n",
				a.Name, round, s.Method, from, res.StatusCode, acao, acac, res.Header.Values("Vary"), status)
			if status == "HIT" {
				hits++
			}
			allowed := s.Origin == cacheOriginA || s.Origin == cacheOriginB
			switch {
			case allowed && acao != s.Origin:
				bad("round %d: %s from %s received Access-Control-Allow-Origin %q (cache %s)", round, s.Method, from, acao, status)
			case !allowed && acao != "":
				bad("round %d: %s from %s received Access-Control-Allow-Origin %q (cache %s), meant for another origin", round, s.Method, from, acao, status)
			}
			if wantACAC := allowed && a.Credentials; (acac == "true") != wantACAC {
				bad("round %d: %s from %s: Access-Control-Allow-Credentials %q (cache %s)", round, s.Method, from, acac, status)
			}
			if s.Method == "OPTIONS" && status != "" {
				bad("round %d: the preflight from %s has X-Cache-Status %q: nginx was expected not to cache OPTIONS", round, from, status)
			}
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintf(transcript, "%s: the application was reached %v; the cache answered %d time(s)\n", a.Name, a.reached, hits)
	// Every preflight goes through; each GET variant is fetched once.
	if a.reached["OPTIONS"] != 6 {
		bad("the application answered %d preflight(s), want all 6", a.reached["OPTIONS"])
	}
	return problems, hits
}

// cacheClient talks to the cache over fresh connections only, like many
// clients would.
func cacheClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// TestSharedCache puts nginx with proxy_cache in front of every framework
// and plays the sequences that poison a cache which ignores Vary, with and
// without credentials (the credentialed application also has an outer
// middleware that sets Vary: Accept-Encoding first, as a compressor does).
// No origin ever receives another's Access-Control-Allow-Origin, and the
// cache does cache: the second round of GETs is answered from it.
func TestSharedCache(t *testing.T) {
	requireNginx(t)
	var apis []*cachedAPI
	for _, f := range servers.Frameworks() {
		apis = append(apis,
			deployCached(t, f, f.Name+"/without-credentials", false, servers.Deployment{}),
			deployCached(t, f, f.Name+"/credentials", true, servers.Deployment{
				Options: conformance.Options{OuterVary: "Accept-Encoding"},
			}))
	}
	startCache(t, apis)
	c := cacheClient()
	var transcript strings.Builder
	for _, a := range apis {
		t.Run(a.Name, func(t *testing.T) {
			problems, hits := playCache(t, c, a, &transcript)
			for _, p := range problems {
				t.Error(p)
			}
			// Four GET variants (A, B, refused, no Origin), each cached in
			// round 1 and served from the cache in round 2.
			if hits != 4 {
				t.Errorf("the cache answered %d request(s) itself, want the 4 GETs of round 2", hits)
			}
			a.mu.Lock()
			defer a.mu.Unlock()
			if a.reached["GET"] != 4 {
				t.Errorf("the application answered %d GET(s), want 4 (one per Origin; the rest from the cache)", a.reached["GET"])
			}
		})
	}
	writeArtifacts(t, map[string][]byte{"cache-transcript.txt": []byte(transcript.String())})
}

// TestSharedCacheCatchesClobberedVary is the negative control: an outer
// middleware that replaces Vary after CORS has run (as a CORS middleware
// that Sets Vary does) makes the cache hand A's answer to B, and the same
// checks report it.
func TestSharedCacheCatchesClobberedVary(t *testing.T) {
	requireNginx(t)
	var apis []*cachedAPI
	for _, f := range servers.Frameworks() {
		apis = append(apis, deployCached(t, f, f.Name+"/vary-clobbered", true,
			servers.Deployment{ClobberVary: "Accept-Encoding"}))
	}
	startCache(t, apis)
	c := cacheClient()
	var transcript strings.Builder
	for _, a := range apis {
		t.Run(a.Name, func(t *testing.T) {
			problems, _ := playCache(t, c, a, &transcript)
			for _, p := range problems {
				t.Logf("caught: %s", p)
			}
			want := fmt.Sprintf("GET from %s received Access-Control-Allow-Origin %q (cache HIT)", cacheOriginB, cacheOriginA)
			if !containsAll(problems, want) {
				t.Errorf("the checks did not catch the cache serving A's answer to B: want a problem %q", want)
			}
		})
	}
	writeArtifacts(t, map[string][]byte{"cache-control-transcript.txt": []byte(transcript.String())})
}

// TestSharedCacheSplitVary shows the one way crossgate's answers are still
// mixed by nginx before 1.23, which caches by the last Vary line alone: a
// Vary line added after crossgate's (by a compressor inside the CORS
// middleware, or the handler) hides Origin from it, and B receives A's
// answer. crossgate cannot prevent it, since that line is written after it
// ran; adding the Origin to the cache key can, which the test proves too.
// With nginx 1.23 or later the answers must never mix.
func TestSharedCacheSplitVary(t *testing.T) {
	requireNginx(t)
	lastLineOnly := nginxReadsOnlyLastVary(t)
	var plain, keyed []*cachedAPI
	for _, f := range servers.Frameworks() {
		d := servers.Deployment{LateVary: "Accept-Encoding"}
		plain = append(plain, deployCached(t, f, f.Name+"/late-vary", true, d))
		k := deployCached(t, f, f.Name+"/late-vary-origin-in-key", true, d)
		k.upstream.KeyOrigin = true
		keyed = append(keyed, k)
	}
	startCache(t, append(plain, keyed...))
	c := cacheClient()
	var transcript strings.Builder
	mixed := fmt.Sprintf("GET from %s received Access-Control-Allow-Origin %q (cache HIT)", cacheOriginB, cacheOriginA)
	for i := range plain {
		t.Run(plain[i].Name, func(t *testing.T) {
			problems, _ := playCache(t, c, plain[i], &transcript)
			if got := containsAll(problems, mixed); got != lastLineOnly {
				t.Errorf("the cache mixed A's answer into B's: %v, want %v for this nginx\n%s", got, lastLineOnly, strings.Join(problems, "\n"))
			}
		})
		t.Run(keyed[i].Name, func(t *testing.T) {
			problems, hits := playCache(t, c, keyed[i], &transcript)
			for _, p := range problems {
				t.Error(p)
			}
			if hits == 0 {
				t.Errorf("the cache never answered")
			}
		})
	}
	writeArtifacts(t, map[string][]byte{"cache-split-vary-transcript.txt": []byte(transcript.String())})
}
