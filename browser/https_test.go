package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/crossgate/crossgate/suites/servers"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
)

// pageSite is one origin a page is served from, and what the policy
// https://*.crossgate.test:* must make of it.
type pageSite struct {
	Host string
	// Allowed: the policy lets this origin read the API's answers.
	Allowed bool
	// SameSite: the page is on the API's site (crossgate.test), so
	// SameSite=Lax cookies go with its fetches.
	SameSite bool
}

// pageSites are the four page origins: subdomains at two depths (allowed),
// the apex (same site, refused: "*." never matches the domain itself) and
// a look-alike that ends with the same letters (another site, refused).
func pageSites(n hostNames) []pageSite {
	return []pageSite{
		{Host: n.App, Allowed: true, SameSite: true},
		{Host: n.Deep, Allowed: true, SameSite: true},
		{Host: n.Apex, Allowed: false, SameSite: true},
		{Host: n.Lookalike, Allowed: false, SameSite: false},
	}
}

// subdomainPolicy is the production policy the HTTPS suite proves: every
// subdomain of the apex on any port, with credentials.
func subdomainPolicy(n hostNames) core.Config {
	return core.Config{
		Origins:        []string{"https://*." + n.Apex + ":*"},
		Methods:        []string{"GET", "POST", "PUT"},
		RequestHeaders: []string{"X-Token"},
		Credentials:    true,
	}
}

// hostResolverRules maps the test names to loopback inside Chromium only.
const hostResolverRules = "MAP *.crossgate.test 127.0.0.1, MAP crossgate.test 127.0.0.1, MAP evilcrossgate.test 127.0.0.1"

// startChromiumHTTPS starts Chromium resolving the test names to loopback
// and trusting exactly the test leaf.
func startChromiumHTTPS(t *testing.T, pki testPKI) context.Context {
	t.Helper()
	return startChromium(t,
		chromedp.Flag("host-resolver-rules", hostResolverRules),
		chromedp.Flag("ignore-certificate-errors-spki-list", pki.SPKIHash),
	)
}

// probePage is the page every page origin serves: it only offers probe(),
// which fetches and reports what the script could read, and lists each
// result so that a screenshot shows them.
const probePage = `<!doctype html><meta charset="utf-8"><title>crossgate probe</title>
<style>body{font:14px monospace} .no{color:#a00} .yes{color:#070}</style>
<h1></h1><ol id="log"></ol>
<script>
document.querySelector("h1").textContent = location.origin;
window.probe = async (url, init) => {
  const r = {allowed: false, status: 0, headers: {}, body: "", error: ""};
  try {
    const res = await fetch(url, init);
    r.allowed = true;
    r.status = res.status;
    res.headers.forEach((v, k) => { r.headers[k] = v; });
    r.body = await res.text();
  } catch (e) {
    r.error = String(e);
  }
  const li = document.createElement("li");
  li.className = r.allowed ? "yes" : "no";
  li.textContent = (init.method || "GET") + " " + url + " -> " +
    (r.allowed ? "read " + r.status + " " + r.body : "blocked: " + r.error);
  document.getElementById("log").append(li);
  return r;
};
</script>`

// servePages serves probePage over TLS (HTTP/2) on one loopback port for
// every host name, and returns the port.
func servePages(t *testing.T, pki testPKI) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		TLSConfig: pki.serverTLS(),
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(probePage))
		}),
	}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// seenRequest is a request as the API server read it, before any
// middleware.
type seenRequest struct {
	Method, Origin, Cookie string
}

// requestLog records what an API server read.
type requestLog struct {
	mu     sync.Mutex
	reqs   []seenRequest
	protos map[string]int
}

func (l *requestLog) observe(method, _ string, h http.Header) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = append(l.reqs, seenRequest{Method: method, Origin: h.Get("Origin"), Cookie: strings.Join(h.Values("Cookie"), "; ")})
}

func (l *requestLog) proto(p string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.protos == nil {
		l.protos = map[string]int{}
	}
	l.protos[p]++
}

// from returns the requests with this Origin and method.
func (l *requestLog) from(origin, method string) []seenRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []seenRequest
	for _, r := range l.reqs {
		if r.Origin == origin && r.Method == method {
			out = append(out, r)
		}
	}
	return out
}

// siteAPI is one API server under test over HTTPS.
type siteAPI struct {
	Name string
	Base string // https://api.crossgate.test:PORT
	// Proto is the protocol the server must read every request in.
	Proto string
	// Cookies are what its session login sets.
	None, Lax string
	Log       *requestLog
}

// deployAPI serves a framework's application over TLS with the policy, as
// https://<host>:PORT.
func deployAPI(t *testing.T, f conformance.Framework, pki testPKI, cfg core.Config, host string) siteAPI {
	t.Helper()
	p, err := core.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rlog := &requestLog{}
	stop, err := servers.Deploy(f, ln, p, servers.Deployment{
		Options: conformance.Options{Observe: rlog.observe},
		TLS:     pki.serverTLS(),
		Proto:   rlog.proto,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	proto := "HTTP/2.0"
	if f.HTTP1Only() {
		proto = "HTTP/1.1" // fasthttp has no HTTP/2
	}
	none, lax := servers.SessionCookies(f.Name)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return siteAPI{Name: f.Name, Base: "https://" + host + ":" + port, Proto: proto,
		None: none.Name + "=" + none.Value, Lax: lax.Name + "=" + lax.Value, Log: rlog}
}

// TestHTTPS proves every adapter the way production runs, in Chromium and
// in Firefox: pages on https://app.crossgate.test and
// https://a.b.crossgate.test (allowed), on the apex https://crossgate.test
// and the look-alike https://evilcrossgate.test (refused) call
// https://api.crossgate.test with the session cookies the API set, over
// HTTP/2 where the framework serves it. The browsers resolve the names to
// loopback and trust exactly the test's certificate (Chromium its key,
// Firefox its CA in a fresh profile).
func TestHTTPS(t *testing.T) {
	for _, engine := range httpsEngines {
		t.Run(engine.Name, func(t *testing.T) {
			pki := newTestPKI(t)
			pagePort := servePages(t, pki)
			tab := engine.Start(t, pki)
			var transcript strings.Builder
			shots := map[string][]byte{}
			for _, f := range servers.Frameworks() {
				t.Run(f.Name, func(t *testing.T) {
					api := deployAPI(t, f, pki, subdomainPolicy(engine.Names), engine.Names.API)
					for _, p := range playSites(t, tab, engine, api, pagePort, &transcript, shots) {
						t.Error(p)
					}
				})
			}
			shots[engine.Name+"-https-console.txt"] = []byte(transcript.String())
			writeArtifacts(t, shots)
		})
	}
}

// TestHTTPSCatchesSuffixMatching is the negative control of TestHTTPS: an
// API that trusts every origin whose host ends with "crossgate.test" (the
// classic hand-written check) lets the apex and the look-alike read, and
// the same checks report exactly that, in both engines.
func TestHTTPSCatchesSuffixMatching(t *testing.T) {
	for _, engine := range httpsEngines {
		t.Run(engine.Name, func(t *testing.T) {
			pki := newTestPKI(t)
			pagePort := servePages(t, pki)
			tab := engine.Start(t, pki)
			api := serveSuffixMatchingAPI(t, pki, engine.Names)
			var transcript strings.Builder
			problems := playSites(t, tab, engine, api, pagePort, &transcript, nil)
			for _, p := range problems {
				t.Logf("caught: %s", p)
			}
			for _, host := range []string{engine.Names.Apex, engine.Names.Lookalike} {
				origin := "https://" + host + ":" + pagePort
				if !containsAll(problems, origin, "could read") {
					t.Errorf("the checks did not catch that %s could read the API's answer", origin)
				}
			}
			for _, host := range []string{engine.Names.App, engine.Names.Deep} {
				if containsAll(problems, "https://"+host+":"+pagePort) {
					t.Errorf("the checks blamed an allowed origin %s", host)
				}
			}
		})
	}
}

// httpsEngine starts a browser for the HTTPS suites.
type httpsEngine struct {
	Name  string
	Start func(t *testing.T, pki testPKI) pageDriver
	// Names are the host names the engine is given.
	Names hostNames
	// CrossSiteCookies: the engine sends the API's SameSite=None cookie
	// with a fetch from another site (observed, see docs/browser.md).
	CrossSiteCookies bool
}

var httpsEngines = []httpsEngine{
	{Name: "chromium", Names: testNames, Start: func(t *testing.T, pki testPKI) pageDriver {
		requireChromium(t)
		return newChromiumTab(t, startChromiumHTTPS(t, pki))
	}},
	{Name: "firefox", Names: testNames, Start: func(t *testing.T, pki testPKI) pageDriver {
		return startFirefox(t, firefoxOptions{Resolve: "127.0.0.1", CA: pki.CA})
	}},
	// WebKit as Safari ships it, with Intelligent Tracking Prevention.
	{Name: "webkit", Names: localhostNames, Start: func(t *testing.T, pki testPKI) pageDriver {
		return startWebKit(t, webkitOptions{Certificates: webkitTrust(t, pki, localhostNames), ITP: true})
	}},
	// WebKitGTK's default, without it: the cookie policy "no third party"
	// only stops third parties from setting cookies, so the SameSite=None
	// cookie goes with cross-site fetches.
	{Name: "webkit-without-itp", Names: localhostNames, CrossSiteCookies: true, Start: func(t *testing.T, pki testPKI) pageDriver {
		return startWebKit(t, webkitOptions{Name: "webkit-without-itp", Certificates: webkitTrust(t, pki, localhostNames)})
	}},
}

// containsAll reports whether one of lines contains every part.
func containsAll(lines []string, parts ...string) bool {
	for _, l := range lines {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// serveSuffixMatchingAPI is a wrong CORS implementation: it reflects any
// origin whose host name ends with the apex ("crossgate.test"), with
// credentials.
func serveSuffixMatchingAPI(t *testing.T, pki testPKI, n hostNames) siteAPI {
	t.Helper()
	rlog := &requestLog{}
	none, lax := servers.SessionCookies("naive")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rlog.observe(r.Method, r.URL.Path, r.Header)
		rlog.proto(r.Proto)
		if r.URL.Path == servers.SessionPath {
			http.SetCookie(w, none)
			http.SetCookie(w, lax)
			return
		}
		origin := r.Header.Get("Origin")
		if u, err := url.Parse(origin); err == nil && strings.HasSuffix(u.Hostname(), n.Apex) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Set("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PUT")
			w.Header().Set("Access-Control-Allow-Headers", "X-Token")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"cookie": r.Header.Get("Cookie")})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, TLSConfig: pki.serverTLS()}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return siteAPI{Name: "suffix-matching", Base: "https://" + n.API + ":" + port, Proto: "HTTP/2.0",
		None: none.Name + "=" + none.Value, Lax: lax.Name + "=" + lax.Value, Log: rlog}
}

// probeResult is what window.probe returns.
type probeResult struct {
	Allowed bool              `json:"allowed"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	Error   string            `json:"error"`
}

// playSites logs in to api (a top-level visit to its session path), then
// from each page origin makes a credentialed GET and a credentialed,
// preflighted PUT, and returns every way the outcome differs from what
// pageSites says: who could read, which cookies the server saw, how many
// requests reached it and in which protocol, and what the console blamed.
// shots, if not nil, receives a screenshot of each page.
func playSites(t *testing.T, tab pageDriver, engine httpsEngine, api siteAPI, pagePort string,
	transcript *strings.Builder, shots map[string][]byte) (problems []string) {
	t.Helper()
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if err := tab.Navigate(api.Base + servers.SessionPath); err != nil {
		t.Fatalf("session login: %v", err)
	}
	type blocked struct {
		url         string
		preflighted bool
	}
	var refusals []blocked
	for _, site := range pageSites(engine.Names) {
		origin := "https://" + site.Host + ":" + pagePort
		if err := tab.Navigate(origin + "/"); err != nil {
			t.Fatalf("opening %s: %v", origin, err)
		}
		var secure bool
		if err := tab.Evaluate("window.isSecureContext", &secure); err != nil || !secure {
			bad("%s is not a secure context (%v): the browser did not accept the test certificate", origin, err)
		}
		for _, c := range []struct {
			name, init  string
			preflighted bool
		}{
			{"get", `{credentials: "include"}`, false},
			{"put", `{method: "PUT", credentials: "include", headers: {"X-Token": "t"}}`, true},
		} {
			u := fmt.Sprintf("%s/api/items/1?from=%s&case=%s", api.Base, site.Host, c.name)
			var r probeResult
			if err := tab.Evaluate(fmt.Sprintf("window.probe(%q, %s)", u, c.init), &r); err != nil {
				t.Fatalf("probe from %s: %v", origin, err)
			}
			what := fmt.Sprintf("%s in %s: %s %s from %s", api.Name, tab.Engine(), strings.ToUpper(c.name), u, origin)
			fmt.Fprintf(transcript, "%s: allowed=%v status=%d body=%s %s\n", what, r.Allowed, r.Status, r.Body, r.Error)
			switch {
			case r.Allowed && !site.Allowed:
				bad("%s: the page could read the answer (%d %s), but the origin must be refused", what, r.Status, r.Body)
			case !r.Allowed && site.Allowed:
				bad("%s: blocked (%s), but the origin is allowed", what, r.Error)
			case r.Allowed:
				if !strings.Contains(r.Body, api.None) {
					bad("%s: the answer %s shows the SameSite=None cookie %s did not arrive", what, r.Body, api.None)
				}
				if strings.Contains(r.Body, api.Lax) != site.SameSite {
					bad("%s: the answer %s: SameSite=Lax cookie %s sent = %v, want %v", what, r.Body, api.Lax, !site.SameSite, site.SameSite)
				}
			default:
				refusals = append(refusals, blocked{u, c.preflighted})
			}
		}
		// What the server read from this origin.
		gets, preflights, puts := api.Log.from(origin, "GET"), api.Log.from(origin, "OPTIONS"), api.Log.from(origin, "PUT")
		if len(gets) != 1 || len(preflights) != 1 {
			bad("%s: the server read %d GET and %d preflight(s) from %s, want 1 and 1", api.Name, len(gets), len(preflights), origin)
		}
		wantPuts := 0
		if site.Allowed {
			wantPuts = 1
		}
		if len(puts) != wantPuts {
			bad("%s: the server read %d PUT(s) from %s, want %d (a refused preflight stops the PUT)", api.Name, len(puts), origin, wantPuts)
		}
		for _, g := range gets {
			// The server sees the cookies even when the page may not read
			// the answer: CORS hides answers, it does not stop requests.
			// Chromium 156 (fresh profile) blocks third-party cookies and
			// Firefox ESR 153 partitions them (Total Cookie Protection),
			// so even the SameSite=None cookie set on the API's own page
			// goes with same-site fetches only; WebKit depends on its
			// tracking prevention (observed; docs/browser.md).
			wantNone := site.SameSite || engine.CrossSiteCookies
			if got := strings.Contains(g.Cookie, api.None); got != wantNone {
				bad("%s: the GET from %s: SameSite=None cookie present = %v, want %v (Cookie: %q)", api.Name, origin, got, wantNone, g.Cookie)
			}
			if strings.Contains(g.Cookie, api.Lax) != site.SameSite {
				bad("%s: the GET from %s: SameSite=Lax cookie present = %v, want %v (Cookie: %q)", api.Name, origin, !site.SameSite, site.SameSite, g.Cookie)
			}
		}
		for _, p := range preflights {
			if p.Cookie != "" {
				bad("%s: a preflight from %s carried cookies: %q", api.Name, origin, p.Cookie)
			}
		}
		if shots != nil {
			png, err := tab.Screenshot()
			if err != nil {
				t.Errorf("screenshot: %v", err)
			}
			shots[fmt.Sprintf("%s-https-%s-%s.png", tab.Engine(), api.Name, site.Host)] = png
		}
	}
	api.Log.mu.Lock()
	for proto, n := range api.Log.protos {
		if proto != api.Proto {
			bad("%s: the server read %d request(s) in %s, want every one in %s", api.Name, n, proto, api.Proto)
		}
	}
	fmt.Fprintf(transcript, "%s: the server read %v\n", api.Name, api.Log.protos)
	api.Log.mu.Unlock()

	// The console must name the cause of every refusal, and nothing else
	// (WebKit's console is checked by TestWebKitConsole: see
	// webkit.ConsoleReadable).
	if !tab.ConsoleReadable() {
		refusals = nil
	}
	for _, b := range refusals {
		lines := tab.CORSLines(b.url, 1, consoleWait)
		text := tab.OriginRefused(b.preflighted)
		if len(lines) == 0 {
			bad("%s in %s: no console line for the refused %s", api.Name, tab.Engine(), b.url)
		}
		for _, l := range lines {
			fmt.Fprintf(transcript, "  console: %s\n", l)
			if !strings.Contains(l, text) {
				bad("%s in %s: the console blames something else than the origin:\n got: %s\nwant: ...%s...", api.Name, tab.Engine(), l, text)
			}
		}
	}
	return problems
}
