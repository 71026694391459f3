package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crossgate/crossgate/check"
)

// hopServer serves the redirect scenarios on three origins of 127.0.0.1
// (the page's and two servers') and records every request to them. What a
// request gets is in its query, so that a chain is written in its URL:
//
//	/hop?code=302&to=URL   answers code with Location: URL
//	/end                   answers 200
//	/loop?n=K              redirects (302) to /loop?n=K-1 until K is 0
//
// and on any of them acao=V adds Access-Control-Allow-Origin: V ("echo":
// the request's Origin), acac=1 Access-Control-Allow-Credentials: true;
// pre=1 answers a preflight as a permissive middleware does, preredirect=1
// answers it with the redirect, and without either a preflight gets 204
// with no CORS header.
type hopServer struct {
	page, x, y string // the origins
	mu         sync.Mutex
	seen       []hopSeen
}

// hopSeen is one request as the server read it.
type hopSeen struct{ Method, Origin, URL string }

func (s *hopSeen) String() string { return s.Method + " " + s.URL + " Origin: " + s.Origin }

func serveHops(t *testing.T) *hopServer {
	t.Helper()
	s := &hopServer{}
	var origins [3]string
	for i := range origins {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{Handler: s}
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		origins[i] = "http://" + ln.Addr().String()
	}
	s.page, s.x, s.y = origins[0], origins[1], origins[2]
	return s
}

func (s *hopServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>redirects</title>"))
		return
	}
	if r.URL.Path != "/hop" && r.URL.Path != "/end" && r.URL.Path != "/loop" {
		http.NotFound(w, r) // the browser's /favicon.ico
		return
	}
	q := r.URL.Query()
	s.mu.Lock()
	s.seen = append(s.seen, hopSeen{r.Method, r.Header.Get("Origin"), "http://" + r.Host + r.URL.RequestURI()})
	s.mu.Unlock()
	h := w.Header()
	if v := q.Get("acao"); v == "echo" {
		h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	} else if v != "" {
		h.Set("Access-Control-Allow-Origin", v)
	}
	if q.Get("acac") == "1" {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	redirect := func(code int, to string) {
		h.Set("Location", to)
		w.WriteHeader(code)
	}
	code, _ := strconv.Atoi(q.Get("code"))
	switch {
	case r.Method == http.MethodOptions && q.Get("preredirect") == "1":
		redirect(code, q.Get("to"))
	case r.Method == http.MethodOptions:
		if q.Get("pre") == "1" {
			h.Set("Access-Control-Allow-Methods", "PUT")
			h.Set("Access-Control-Allow-Headers", "x-token")
		} else {
			h.Del("Access-Control-Allow-Origin")
			h.Del("Access-Control-Allow-Credentials")
		}
		w.WriteHeader(http.StatusNoContent)
	case r.URL.Path == "/hop":
		redirect(code, q.Get("to"))
	case r.URL.Path == "/loop":
		if n, _ := strconv.Atoi(q.Get("n")); n > 0 {
			q.Set("n", strconv.Itoa(n-1))
			redirect(http.StatusFound, "/loop?"+q.Encode())
			return
		}
		w.Write([]byte("ok"))
	default:
		w.Write([]byte("ok"))
	}
}

// take returns the requests seen since the last take.
func (s *hopServer) take() []hopSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := s.seen
	s.seen = nil
	return seen
}

// redirectCase is one chain, played from the page at s.page.
type redirectCase struct {
	name        string
	url         string
	put         bool // PUT with X-Token, which needs a preflight
	credentials bool
}

// redirectCases are the chains issue 19 item 7 names, and their controls.
func redirectCases(s *hopServer) []redirectCase {
	hop := func(from string, code int, to, extra string) string {
		return fmt.Sprintf("%s/hop?code=%d&to=%s%s", from, code, urlQuery(to), extra)
	}
	return []redirectCase{
		{name: "302 with CORS headers to a target without them", url: hop(s.x, 302, s.y+"/end", "&acao=echo")},
		{name: "302 with CORS headers to a target that allows any origin", url: hop(s.x, 302, s.y+"/end?acao=*", "&acao=echo")},
		{name: "to another origin: the origin is null, the target allows only the page", url: hop(s.x, 302, s.y+"/end?acao="+s.page, "&acao=echo")},
		{name: "to another origin: the origin is null, the target allows null", url: hop(s.x, 302, s.y+"/end?acao=null", "&acao=echo")},
		{name: "to another origin with credentials: the target echoes the origin (null)", url: hop(s.x, 302, s.y+"/end?acao=echo&acac=1", "&acao=echo&acac=1"), credentials: true},
		{name: "same-origin chain on the server", url: hop(s.x, 301, hop(s.x, 308, s.x+"/end?acao=echo", "&acao=echo"), "&acao=echo")},
		{name: "same-origin chain, a hop without CORS headers", url: hop(s.x, 302, hop(s.x, 302, s.x+"/end?acao=echo", ""), "&acao=echo")},
		{name: "from the page's own origin to the server", url: hop(s.page, 302, s.x+"/end?acao=echo", "")},
		{name: "from the page's own origin to the server, which allows only null", url: hop(s.page, 302, s.x+"/end?acao=null", "")},
		{name: "within the page's own origin", url: hop(s.page, 302, s.page+"/end", "")},
		{name: "307 PUT, preflighted again at the target", url: hop(s.x, 307, s.y+"/end?pre=1&acao=*", "&pre=1&acao=echo"), put: true},
		{name: "307 PUT, the target refuses the preflight", url: hop(s.x, 307, s.y+"/end?acao=*", "&pre=1&acao=echo"), put: true},
		{name: "303 PUT becomes a GET, which needs no preflight", url: hop(s.x, 303, s.y+"/end?acao=*", "&pre=1&acao=echo"), put: true},
		{name: "a preflight answered with a redirect", url: hop(s.x, 307, s.y+"/end?pre=1&acao=*", "&preredirect=1&acao=echo"), put: true},
		{name: "a redirect to a URL with a password", url: hop(s.x, 302, strings.Replace(s.y, "http://", "http://user:pw@", 1)+"/end?acao=*", "&acao=echo")},
		{name: "20 redirects", url: s.x + "/loop?n=20&acao=*"},
		{name: "21 redirects", url: s.x + "/loop?n=21&acao=*"},
	}
}

// urlQuery escapes u as a query value.
func urlQuery(u string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "?", "%3F", "=", "%3D", "#", "%23", "+", "%2B", " ", "%20")
	return r.Replace(u)
}

// TestRedirectsAgreeWithChromium plays redirect chains (issue 19 item 7)
// with fetch() from a page in Chromium and with the built crossgate
// command: a 302 whose answer carries CORS headers to a target without
// them, redirects to another origin that make the request's origin null,
// same-origin chains, a 307 PUT that is preflighted again, a preflight
// answered with a redirect, 20 and 21 redirects. The command's verdict must
// be Chromium's, for a block its cause the one Chromium names, and the
// requests it sends, hop by hop (method, URL, Origin), those Chromium sent.
func TestRedirectsAgreeWithChromium(t *testing.T) {
	requireChromium(t)
	bin := buildCommand(t)
	s := serveHops(t)
	ctx := startChromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.page+"/")); err != nil {
		t.Fatal(err)
	}
	reqs, err := watchRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range redirectCases(s) {
		t.Run(c.name, func(t *testing.T) {
			s.take()
			res := playRedirect(t, ctx, c)
			sent, ok := reqs.find(c.url, map[bool]string{false: "GET", true: "PUT"}[c.put], consoleWait)
			if res.TimedOut || !ok {
				t.Fatalf("timed out (%v) or DevTools reported no request (%v)", res.TimedOut, ok)
			}
			browserSaw := s.take()
			browserCause := check.CauseNone
			if !res.Allowed {
				browserCause = causeOfFailure(sent.CorsError, sent.Failure)
			}

			args := []string{c.url, "--origin", s.page, "--send"}
			if c.put {
				args = append(args, "--method", "PUT", "--header", "X-Token: 1")
			}
			if c.credentials {
				args = append(args, "--credentials")
			}
			got := runCommand(t, bin, "", args...)
			commandSaw := s.take()
			t.Logf("Chromium: allowed=%v %s %s after %d redirects; the command: allowed=%v cause %q", res.Allowed, sent.CorsError, sent.Failure, sent.Redirects, got.Allowed, got.Cause)
			if got.Allowed != res.Allowed || check.Cause(got.Cause) != browserCause {
				t.Errorf("Chromium allowed=%v cause %q (%s %s), the command allowed=%v cause %q", res.Allowed, browserCause, sent.CorsError, sent.Failure, got.Allowed, got.Cause)
			}
			if !slices.Equal(browserSaw, commandSaw) {
				t.Errorf("the requests differ:\nChromium sent\n\t%s\nthe command sent\n\t%s", hopList(browserSaw), hopList(commandSaw))
			}
		})
	}
}

// playRedirect makes c's call with fetch() from the page.
func playRedirect(t *testing.T, ctx context.Context, c redirectCase) stepResult {
	t.Helper()
	init := map[string]any{"method": "GET", "mode": "cors", "cache": "no-store", "credentials": "same-origin"}
	if c.put {
		init["method"], init["headers"] = "PUT", map[string]string{"X-Token": "1"}
	}
	if c.credentials {
		init["credentials"] = "include"
	}
	js, _ := json.Marshal(init)
	expr := fmt.Sprintf(`fetch(%q, %s).then(async r => ({allowed: true, status: r.status, body: await r.text()}), e => ({allowed: false, error: String(e)}))`, c.url, js)
	sctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
	defer cancel()
	res, err := chromedp.Run(sctx, chromedp.Evaluate[stepResult](expr, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func hopList(seen []hopSeen) string {
	lines := make([]string, len(seen))
	for i := range seen {
		lines[i] = seen[i].String()
	}
	return strings.Join(lines, "\n\t")
}
