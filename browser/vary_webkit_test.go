package browser

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestVaryMattersInWebKit is TestVaryMatters in WebKit, with its HTTP
// cache (MiniBrowser with a profile): a page on 127.0.0.1:A and its frame
// on 127.0.0.1:B (same site, one cache partition) fetch the same URL with
// cache "force-cache". Without Vary: Origin, WebKit hands B the answer
// cached for A and blocks it; with it, WebKit asks the server again and B
// reads its own answer. The answers carry Cache-Control: max-age=60, which
// WebKit needs to store them at all.
func TestVaryMattersInWebKit(t *testing.T) {
	var hits [2]atomic.Int32
	api := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/vary/%d", &i); err != nil || i < 0 || i > 1 {
			http.NotFound(w, r)
			return
		}
		hits[i].Add(1)
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Cache-Control", "max-age=60")
		if i == 1 {
			w.Header().Set("Vary", "Origin")
		}
		w.Write([]byte("ok"))
	}))
	// The frame on B fetches what the page asks and answers with the
	// outcome.
	frame := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><script>
addEventListener("message", async (ev) => {
  let r;
  try { await (await fetch(ev.data, {cache: "force-cache"})).text(); r = "allowed"; } catch (e) { r = "blocked"; }
  parent.postMessage(r, "*");
});
parent.postMessage("ready", "*");
</script>`))
	}))
	page := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><iframe src="%s/"></iframe><script>
const next = () => new Promise((done) => addEventListener("message", (ev) => done(ev.data), {once: true}));
(async () => {
  await next(); // the frame is ready
  const frame = document.querySelector("iframe").contentWindow;
  for (const i of [0, 1]) {
    const url = "%s/vary/" + i;
    let home;
    try { await (await fetch(url, {cache: "force-cache"})).text(); home = "allowed"; } catch (e) { home = "blocked"; }
    frame.postMessage(url, "*");
    const second = await next();
    console.info("crossgate vary " + i + " home=" + home + " second=" + second);
  }
  console.info("crossgate done");
})();
</script>`, frame, api)
	}))
	mb := startMiniBrowser(t, page+"/")
	if _, ok := mb.waitFor("crossgate done", startTimeout); !ok {
		t.Fatalf("the page did not finish:\n%s", strings.Join(mb.Lines(), "\n"))
	}
	for i, want := range []struct {
		second string
		hits   int32
	}{
		{"blocked", 1}, // no Vary: A's answer replayed to B
		{"allowed", 2}, // Vary: Origin: B asks the server
	} {
		got, _ := mb.waitFor(fmt.Sprintf("crossgate vary %d ", i), 0)
		n := hits[i].Load()
		t.Logf("Vary: Origin %v: %s, server hit %d time(s)", i == 1, got, n)
		if got != "home=allowed second="+want.second || n != want.hits {
			t.Errorf("Vary: Origin %v: %s with %d hit(s), want home=allowed second=%s with %d", i == 1, got, n, want.second, want.hits)
		}
	}
}

// serveHandler serves h on a loopback port and returns its origin.
func serveHandler(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
