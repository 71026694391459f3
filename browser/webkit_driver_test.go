package browser

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crossgate/crossgate/suites/demo"
)

// WebKit as Debian ships it: WebKitGTK's WebDriver (package
// webkit2gtk-driver) and the browser it drives, WebKitGTK's MiniBrowser,
// on a virtual display (package xvfb). scripts/install-browsers.sh
// installs them. The driver speaks classic W3C WebDriver over HTTP, so the
// client below is net/http and encoding/json only.
const (
	webkitDriverPath = "/usr/bin/WebKitWebDriver"
	miniBrowserPath  = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
	xvfbPath         = "/usr/bin/Xvfb"
)

// requireWebKit fails the test when WebKit's driver, its browser or Xvfb
// is missing, saying how to install them; it never skips.
func requireWebKit(t *testing.T) {
	t.Helper()
	const hint = "\n(as root, after apt-get update), or run scripts/install-browsers.sh"
	for _, need := range []struct{ path, pkg string }{
		{webkitDriverPath, "webkit2gtk-driver"},
		{miniBrowserPath, "libwebkit2gtk-4.1-0"}, // a dependency of webkit2gtk-driver
		{xvfbPath, "xvfb"},
	} {
		if _, err := os.Stat(need.path); err != nil {
			t.Fatalf("WebKit is missing: %v.\nInstall it with:\n\tapt-get install -y %s"+hint, err, need.pkg)
		}
	}
}

// webkitOptions are what a session is started with.
type webkitOptions struct {
	// Name is what Engine reports ("webkit" if empty), to tell sessions
	// with other settings apart in artifacts and messages.
	Name string
	// Certificates are the exact certificates WebKit accepts for a host
	// besides the system's roots (webkitgtk:browserOptions "certificates":
	// one PEM file per host), never acceptInsecureCerts.
	Certificates []webkitCertificate
	// ITP turns on Intelligent Tracking Prevention, as Safari ships it
	// (MiniBrowser's --enable-itp; WebKitGTK leaves it off by default).
	ITP bool
}

type webkitCertificate struct {
	Host string `json:"host"`
	File string `json:"certificateFile"`
}

// webkit is a WebDriver session in WebKitGTK's MiniBrowser, driven by
// WebKitWebDriver on a display of its own.
type webkit struct {
	name    string
	session string // http://127.0.0.1:PORT/session/ID
	client  *http.Client
	Version string
}

// webkitStartTimeout bounds the first session: on two busy cores WebKit's
// processes take several seconds to start.
const webkitStartTimeout = 120 * time.Second

// startWebKit starts Xvfb, WebKitWebDriver and a session. All of them stop
// when the test ends.
func startWebKit(t *testing.T, opts webkitOptions) *webkit {
	t.Helper()
	requireWebKit(t)
	display := startXvfb(t)
	addr := startWebKitDriver(t, display)
	w := &webkit{name: opts.Name, client: &http.Client{Timeout: webkitStartTimeout}}
	if w.name == "" {
		w.name = "webkit"
	}

	args := []string{"--automation"}
	if opts.ITP {
		args = append(args, "--enable-itp")
	}
	browserOptions := map[string]any{"binary": miniBrowserPath, "args": args}
	if len(opts.Certificates) > 0 {
		browserOptions["certificates"] = opts.Certificates
	}
	caps := map[string]any{"webkitgtk:browserOptions": browserOptions}
	var created struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := w.do("POST", "http://"+addr+"/session", map[string]any{
		"capabilities": map[string]any{"alwaysMatch": caps},
	}, &created); err != nil {
		t.Fatalf("starting a WebKit session: %v", err)
	}
	w.session = "http://" + addr + "/session/" + created.SessionID
	w.Version = created.Capabilities.BrowserVersion
	t.Cleanup(func() { w.do("DELETE", w.session, nil, nil) })
	t.Logf("WebKitGTK %s (%s) over WebDriver", w.Version, created.Capabilities.BrowserName)

	// A scenario awaits its fetches in one script call.
	if err := w.do("POST", w.session+"/timeouts", map[string]any{
		"script": scenarioTimeout.Milliseconds(), "pageLoad": startTimeout.Milliseconds(),
	}, nil); err != nil {
		t.Fatalf("setting WebKit's timeouts: %v", err)
	}
	if err := w.do("POST", w.session+"/window/rect", map[string]any{"width": 1500, "height": 1000}, nil); err != nil {
		t.Logf("resizing the window: %v", err)
	}
	return w
}

// startXvfb starts a virtual display on a number the server chooses
// itself (-displayfd), so that parallel runs never collide, and returns it
// (":N").
func startXvfb(t *testing.T) string {
	t.Helper()
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out bytes.Buffer
	cmd := exec.Command(xvfbPath, "-displayfd", "3", "-screen", "0", "1500x1000x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	wr.Close()
	stopProcess(t, cmd)
	line := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(io.LimitReader(r, 64))
		line <- strings.TrimSpace(string(b))
	}()
	select {
	case n := <-line:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb printed no display number (%q):\n%s", n, out.String())
		}
		return ":" + n
	case <-time.After(startTimeout):
		t.Fatalf("Xvfb did not start within %v:\n%s", startTimeout, out.String())
	}
	return ""
}

// startWebKitDriver starts WebKitWebDriver on display and returns its
// address once it answers. It takes a port number, not a socket, so the
// port is chosen free and the start retried if another process took it in
// between.
func startWebKitDriver(t *testing.T, display string) string {
	t.Helper()
	var last string
	for attempt := 0; attempt < 3; attempt++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		_, port, _ := net.SplitHostPort(addr)
		var out bytes.Buffer
		cmd := exec.Command(webkitDriverPath, "--port="+port, "--host=local")
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting WebKitWebDriver: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		deadline := time.Now().Add(startTimeout)
		for time.Now().Before(deadline) {
			select {
			case <-exited:
				last = out.String()
			default:
				res, err := http.Get("http://" + addr + "/status")
				if err == nil {
					res.Body.Close()
					t.Cleanup(func() {
						cmd.Process.Signal(os.Interrupt)
						select {
						case <-exited:
						case <-time.After(10 * time.Second):
							cmd.Process.Kill()
							<-exited
						}
					})
					return addr
				}
				time.Sleep(50 * time.Millisecond)
				continue
			}
			break
		}
		cmd.Process.Kill()
		<-exited
	}
	t.Fatalf("WebKitWebDriver did not start:\n%s", last)
	return ""
}

// stopProcess stops cmd when the test ends: politely, then for good.
func stopProcess(t *testing.T, cmd *exec.Cmd) {
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
}

// do makes one WebDriver call and decodes its "value" into out (if not
// nil). A WebDriver error comes back as an error naming it.
func (w *webkit) do(method, url string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := w.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	var reply struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &reply); err != nil {
		return fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, raw)
	}
	if res.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(reply.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, url, e.Error, e.Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(reply.Value, out)
}

// webkitTrust writes the test's leaf certificate to a file and names it
// for every host of n: WebKit then accepts exactly that certificate for
// those hosts (webkit_web_context_allow_tls_certificate_for_host), and
// nothing else that the system's roots do not vouch for.
func webkitTrust(t *testing.T, pki testPKI, n hostNames) []webkitCertificate {
	t.Helper()
	f := filepath.Join(t.TempDir(), "leaf.pem")
	if err := os.WriteFile(f, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: pki.Leaf.Leaf.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	var certs []webkitCertificate
	for _, h := range n.all() {
		certs = append(certs, webkitCertificate{Host: h, File: f})
	}
	return certs
}

// Navigate, Evaluate, Screenshot and CORSLines make the session a
// pageDriver.

func (w *webkit) Engine() string { return w.name }

func (w *webkit) Navigate(url string) error {
	return w.do("POST", w.session+"/url", map[string]any{"url": url}, nil)
}

// evaluateScript runs an expression in the page's global scope, awaits
// the promise it may return, and hands back {ok, value} or {ok, error}:
// a rejection is the script's error, not the driver's.
const evaluateScript = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (0, eval)(arguments[0])).then(
  (value) => done({ok: true, value: value === undefined ? null : value}),
  (e) => done({ok: false, error: String(e)}));`

func (w *webkit) Evaluate(expr string, out any) error {
	var r struct {
		OK    bool            `json:"ok"`
		Value json.RawMessage `json:"value"`
		Error string          `json:"error"`
	}
	if err := w.do("POST", w.session+"/execute/async", map[string]any{"script": evaluateScript, "args": []any{expr}}, &r); err != nil {
		return err
	}
	if !r.OK {
		return fmt.Errorf("the script failed: %s", r.Error)
	}
	return json.Unmarshal(r.Value, out)
}

func (w *webkit) Screenshot() ([]byte, error) {
	var b64 string
	if err := w.do("GET", w.session+"/screenshot", nil, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

// ConsoleReadable is false: MiniBrowser under automation runs in an
// ephemeral session, and WebCore's PageConsoleClient::addMessage hands no
// message of an ephemeral page to the embedder or to stdout (only to Web
// Inspector), so no WebDriver client reads WebKit's console.
// TestWebKitConsole reads it from a MiniBrowser without automation.
func (w *webkit) ConsoleReadable() bool { return false }

func (w *webkit) CORSLines(string, int, time.Duration) []string { return nil }

func (w *webkit) OriginRefused(preflighted bool) string {
	return webkitSays(demo.CauseOrigin, "", preflighted)
}
