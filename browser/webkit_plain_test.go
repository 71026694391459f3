package browser

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// miniBrowser is WebKitGTK's MiniBrowser run as a person runs it, without
// automation: a profile of its own under a temporary HOME, which keeps an
// HTTP cache as Safari's normal windows do (a WebDriver session is private
// browsing, with none), Intelligent Tracking Prevention on as in Safari,
// and every console message written to its standard error, which is the
// only way to read WebKit's console (webkit.ConsoleReadable). The page it
// opens must report what it found in the console.
type miniBrowser struct {
	mu    sync.Mutex
	lines []string
}

// startMiniBrowser opens url; the browser stops when the test ends.
func startMiniBrowser(t *testing.T, url string) *miniBrowser {
	t.Helper()
	requireWebKit(t)
	display := startXvfb(t)
	home := t.TempDir()
	cmd := exec.Command(miniBrowserPath, "--enable-write-console-messages-to-stdout=true", "--enable-itp", url)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting MiniBrowser: %v", err)
	}
	m := &miniBrowser{}
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			m.mu.Lock()
			m.lines = append(m.lines, sc.Text())
			m.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { <-read; cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return m
}

// Lines returns what the browser wrote so far.
func (m *miniBrowser) Lines() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.lines...)
}

// waitFor waits up to timeout for a console line containing text and
// returns what follows text on it.
func (m *miniBrowser) waitFor(text string, timeout time.Duration) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		for _, l := range m.Lines() {
			if _, rest, ok := strings.Cut(l, text); ok {
				return rest, true
			}
		}
		if time.Now().After(deadline) {
			return "", false
		}
		time.Sleep(100 * time.Millisecond)
	}
}
