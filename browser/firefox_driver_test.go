package browser

import (
	"bufio"
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crossgate/crossgate/suites/demo"
)

// firefoxPath is Debian's Firefox ESR; the suite drives it over WebDriver
// BiDi with puppeteer-core from ./firefox (installed with npm ci by
// scripts/install-browsers.sh). No maintained Go client for WebDriver BiDi
// exists on the module proxy; puppeteer-core is the driver Mozilla's
// remote-protocol team tests Firefox against.
const firefoxPath = "/usr/bin/firefox-esr"

// requireFirefox fails the test when Firefox, Node, certutil or the
// driver's packages are missing, saying how to install them; it never
// skips.
func requireFirefox(t *testing.T) {
	t.Helper()
	const hint = "\n(as root, after apt-get update), or run scripts/install-browsers.sh"
	if _, err := os.Stat(firefoxPath); err != nil {
		t.Fatalf("Firefox ESR is missing (%v).\nInstall it with:\n\tapt-get install -y firefox-esr"+hint, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("Node.js is missing (%v): the Firefox driver is puppeteer-core.\nInstall it with:\n\tapt-get install -y nodejs npm"+hint, err)
	}
	if _, err := exec.LookPath("certutil"); err != nil {
		t.Fatalf("certutil is missing (%v): it puts the test's CA in Firefox's profile.\nInstall it with:\n\tapt-get install -y libnss3-tools"+hint, err)
	}
	if _, err := os.Stat(filepath.Join("firefox", "node_modules", "puppeteer-core")); err != nil {
		t.Fatalf("puppeteer-core is not installed (%v).\nRun:\n\t(cd browser/firefox && npm ci)\nor scripts/install-browsers.sh", err)
	}
}

// firefoxOptions are the launch options of the driver.
type firefoxOptions struct {
	// Resolve, if set, is the address every host name resolves to.
	Resolve string
	// CA, if set, is the one authority the fresh profile trusts besides
	// Firefox's built-in roots.
	CA *x509.Certificate
}

// firefox is a running driver (firefox/run.mjs) and its browser.
type firefox struct {
	cmd     *exec.Cmd
	in      io.WriteCloser
	replies chan []byte
	stderr  bytes.Buffer
	dir     string
	Version string
}

// startFirefox starts the driver and Firefox with a fresh profile. Both
// stop when the test ends.
func startFirefox(t *testing.T, opts firefoxOptions) *firefox {
	t.Helper()
	requireFirefox(t)
	f := &firefox{dir: t.TempDir(), replies: make(chan []byte)}
	f.cmd = exec.Command("node", "run.mjs")
	f.cmd.Dir = "firefox"
	f.cmd.Stderr = &f.stderr
	var err error
	if f.in, err = f.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := f.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.cmd.Start(); err != nil {
		t.Fatalf("starting the Firefox driver: %v", err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			f.replies <- bytes.Clone(sc.Bytes())
		}
		close(f.replies)
	}()
	t.Cleanup(func() {
		f.call(startTimeout, map[string]any{"op": "close"}, nil)
		f.in.Close()
		done := make(chan error, 1)
		go func() { done <- f.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(startTimeout):
			f.cmd.Process.Kill()
			<-done
		}
	})
	launch := map[string]any{"op": "launch", "dir": f.dir, "resolve": opts.Resolve}
	if opts.CA != nil {
		launch["ca"] = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: opts.CA.Raw}))
	}
	if err := f.call(startTimeout, launch, &f.Version); err != nil {
		t.Fatalf("starting Firefox: %v", err)
	}
	t.Logf("Firefox %s over WebDriver BiDi", f.Version)
	return f
}

// call sends one command and decodes its value into out (if not nil).
func (f *firefox) call(timeout time.Duration, cmd map[string]any, out any) error {
	b, err := json.Marshal(cmd)
	if err != nil {
		return err
	}
	if _, err := f.in.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("the driver is gone: %v\n%s", err, f.stderr.String())
	}
	var line []byte
	select {
	case l, ok := <-f.replies:
		if !ok {
			return fmt.Errorf("the driver exited\n%s", f.stderr.String())
		}
		line = l
	case <-time.After(timeout):
		f.cmd.Process.Kill()
		return fmt.Errorf("%s: no answer within %v; driver killed\n%s", cmd["op"], timeout, f.stderr.String())
	}
	var reply struct {
		OK    bool            `json:"ok"`
		Value json.RawMessage `json:"value"`
		Error string          `json:"error"`
	}
	if err := json.Unmarshal(line, &reply); err != nil {
		return fmt.Errorf("the driver printed something else than JSON: %v: %s", err, line)
	}
	if !reply.OK {
		return fmt.Errorf("%s: %s", cmd["op"], reply.Error)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(reply.Value, out)
}

// Navigate, Evaluate, Screenshot and CORSLines make the tab a pageDriver.

func (f *firefox) Engine() string { return "firefox" }

func (f *firefox) Navigate(url string) error {
	return f.call(startTimeout, map[string]any{"op": "goto", "url": url}, nil)
}

func (f *firefox) Evaluate(expr string, out any) error {
	return f.call(scenarioTimeout, map[string]any{"op": "eval", "expr": expr}, out)
}

func (f *firefox) Screenshot() ([]byte, error) {
	p := filepath.Join(f.dir, "screenshot.png")
	if err := f.call(startTimeout, map[string]any{"op": "screenshot", "path": p}, nil); err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// firefoxEntry is one BiDi log.entryAdded event.
type firefoxEntry struct {
	Type  string `json:"type"`
	Level string `json:"level"`
	Text  string `json:"text"`
}

// Console returns every console entry so far.
func (f *firefox) Console() ([]firefoxEntry, error) {
	var entries []firefoxEntry
	err := f.call(startTimeout, map[string]any{"op": "console"}, &entries)
	return entries, err
}

// CORSLines waits up to wait for n CORS lines about url.
func (f *firefox) CORSLines(url string, n int, wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for {
		entries, err := f.Console()
		lines := firefoxConsole(entries)[url]
		if err != nil || len(lines) >= n || time.Now().After(deadline) {
			return lines
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (f *firefox) ConsoleReadable() bool { return true }

func (f *firefox) OriginRefused(bool) string { return firefoxSays(demo.CauseOrigin, "") }

// firefoxCORSMarker starts every console line Firefox writes for a CORS
// failure.
const firefoxCORSMarker = "Cross-Origin Request Blocked: "

// firefoxConsole returns Firefox's CORS lines by the URL they blame,
// without the "CORS request did not succeed" line that follows each.
func firefoxConsole(entries []firefoxEntry) map[string][]string {
	out := map[string][]string{}
	for _, e := range entries {
		if !strings.Contains(e.Text, firefoxCORSMarker) || strings.Contains(e.Text, "(Reason: CORS request did not succeed)") {
			continue
		}
		_, rest, _ := strings.Cut(e.Text, "remote resource at ")
		url, _, _ := strings.Cut(rest, ". (Reason:")
		// Some reasons quote the URL: ‘http://…’.
		url = strings.TrimSuffix(strings.TrimPrefix(url, "‘"), "’")
		out[url] = append(out[url], e.Text)
	}
	return out
}
