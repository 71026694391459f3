package browser

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/suites/servers"
)

// TestSharedCacheInWebKit plays the cache sequence from real pages: WebKit
// on three page origins (two the policy allows, one it refuses) fetches
// every framework's application through nginx, twice, a GET and a
// preflighted PUT each time, with and without credentials. The pages on
// the allowed origins read every answer and the refused one none, so no
// answer made out to one origin reached another, and the second round of
// GETs came from nginx's cache. WebKit under WebDriver keeps no HTTP cache
// of its own (docs/browser.md), so every GET reaches nginx. The control
// (TestSharedCacheInWebKit/vary-clobbered) shows that the same pages catch
// a cache that hands A's answer to B.
func TestSharedCacheInWebKit(t *testing.T) {
	requireNginx(t)
	requireWebKit(t)
	pages := make([]string, 3) // A, B: allowed; C: refused
	origins := make([]string, 3)
	for i := range pages {
		pages[i], origins[i] = servePlainPage(t)
	}
	allowed := origins[:2]
	var apis, clobbered []*cachedAPI
	for _, f := range servers.Frameworks() {
		apis = append(apis,
			deployCachedFor(t, f, f.Name+"/without-credentials", false, servers.Deployment{}, allowed),
			deployCachedFor(t, f, f.Name+"/credentials", true, servers.Deployment{
				Options: conformance.Options{OuterVary: "Accept-Encoding"},
			}, allowed))
		clobbered = append(clobbered, deployCachedFor(t, f, f.Name+"/vary-clobbered", true,
			servers.Deployment{ClobberVary: "Accept-Encoding"}, allowed))
	}
	startCache(t, append(apis, clobbered...))
	wk := startWebKit(t, webkitOptions{ITP: true})

	// got[site][round][origin] is what the page read: "GET r/w", "PUT r/w"
	// as readable or blocked.
	type outcome struct{ get, put bool }
	got := map[string][2][3]outcome{}
	all := append(apis, clobbered...)
	var transcript strings.Builder
	for round := range 2 {
		for o, page := range pages {
			if err := wk.Navigate(page); err != nil {
				t.Fatal(err)
			}
			var urls []string
			var creds []bool
			for _, a := range all {
				urls = append(urls, a.URL+"/api/items/1")
				creds = append(creds, a.Credentials)
			}
			u, _ := json.Marshal(urls)
			c, _ := json.Marshal(creds)
			// One page load per origin and round: every site in turn,
			// a GET then a PUT, in one script.
			script := fmt.Sprintf(`(async (urls, creds) => {
				const out = [];
				for (let i = 0; i < urls.length; i++) {
					const credentials = creds[i] ? "include" : "same-origin";
					const g = await window.probe(urls[i], {credentials, cache: "no-store"});
					const p = await window.probe(urls[i], {method: "PUT", credentials, cache: "no-store", headers: {"X-Token": "t"}});
					out.push([g.allowed, p.allowed]);
				}
				return out;
			})(%s, %s)`, u, c)
			var res [][2]bool
			if err := wk.Evaluate(script, &res); err != nil {
				t.Fatal(err)
			}
			for i, a := range all {
				r := got[a.Name]
				r[round][o] = outcome{res[i][0], res[i][1]}
				got[a.Name] = r
				fmt.Fprintf(&transcript, "%s round %d from %s: GET readable %v, PUT readable %v\n", a.Name, round+1, origins[o], res[i][0], res[i][1])
			}
		}
	}
	writeArtifacts(t, map[string][]byte{"cache-webkit-transcript.txt": []byte(transcript.String())})

	for _, a := range apis {
		t.Run(a.Name, func(t *testing.T) {
			r := got[a.Name]
			for round := range 2 {
				for o, origin := range origins {
					want := o < 2
					if r[round][o].get != want || r[round][o].put != want {
						t.Errorf("round %d from %s: GET readable %v, PUT readable %v; want %v", round+1, origin, r[round][o].get, r[round][o].put, want)
					}
				}
			}
			a.mu.Lock()
			defer a.mu.Unlock()
			// One GET per origin reached the application; round 2 came from
			// nginx, without mixing origins.
			if a.reached["GET"] != 3 {
				t.Errorf("the application answered %d GET(s), want 3 (one per origin; round 2 from the cache)", a.reached["GET"])
			}
			// Both rounds' allowed PUTs reached it.
			if a.reached["PUT"] != 4 {
				t.Errorf("the application answered %d PUT(s), want 4", a.reached["PUT"])
			}
		})
	}
	for _, a := range clobbered {
		t.Run(a.Name, func(t *testing.T) {
			// B's first GET is answered from the cache with A's answer.
			if got[a.Name][0][1].get {
				t.Errorf("B read its GET in round 1, but the cache should have handed it A's answer (the control did not catch the clobbered Vary)")
			}
		})
	}
}
