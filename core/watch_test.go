package core

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWatchFileUnderTraffic keeps a policy in step with a file that is
// swapped through a symbolic link (as Kubernetes updates a ConfigMap),
// broken, deleted and restored, while goroutines decide requests: every
// decision is one of the two policies, a bad file keeps the policy in
// force and is reported once, and the watcher stops with its context.
func TestWatchFileUnderTraffic(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	link := filepath.Join(dir, "policy.json")
	swap := func(target string) { // atomic, like kubelet's ..data swap
		tmp := link + ".tmp"
		os.Remove(tmp)
		if err := os.Symlink(target, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, link); err != nil {
			t.Fatal(err)
		}
	}
	a, b := "https://a.example", "https://b.example"
	swap(write("v1.json", `{"origins": ["`+a+`"]}`))

	p := mustNew(t, Config{Origins: []string{"https://start.example"}})
	var mu sync.Mutex
	var reports []string
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		p.WatchFile(ctx, link, 2*time.Millisecond, func(err error) {
			mu.Lock()
			reports = append(reports, err.Error())
			mu.Unlock()
		})
		close(stopped)
	}()

	// Traffic: every decision is whole, one policy's answer: allowed with
	// its origin echoed, or refused with no header at all.
	var traffic sync.WaitGroup
	var done atomic.Bool
	var bad atomic.Int64
	for range 4 {
		traffic.Add(1)
		go func() {
			defer traffic.Done()
			for !done.Load() {
				for _, origin := range []string{a, b, "https://start.example"} {
					d := p.Decide(actual("GET", origin))
					_, acao := headerMap(&d)["Access-Control-Allow-Origin"]
					if d.Allowed != acao {
						bad.Add(1)
					}
				}
			}
		}()
	}
	allows := func(origin string) bool { return p.Decide(actual("GET", origin)).Allowed }
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	reported := func(part string) func() bool {
		return func() bool {
			mu.Lock()
			defer mu.Unlock()
			n := 0
			for _, r := range reports {
				if strings.Contains(r, part) {
					n++
				}
			}
			return n > 0
		}
	}

	waitFor("the first file", func() bool { return allows(a) })
	swap(write("v2.json", `{"origins": ["`+b+`"]}`))
	waitFor("the swapped file", func() bool { return allows(b) && !allows(a) })

	swap(write("v3.json", `{"allowed_origins": ["`+a+`"]}`))
	waitFor("the invalid file's report", reported(`did you mean "origins"`))
	time.Sleep(20 * time.Millisecond) // several ticks on the same bad file
	if !allows(b) || allows(a) {
		t.Fatal("an invalid file changed the policy in force")
	}

	os.Remove(link)
	waitFor("the deleted file's report", reported("no such file"))
	if !allows(b) {
		t.Fatal("a deleted file changed the policy in force")
	}
	swap(write("v4.json", `{"origins": ["`+a+`", "`+b+`"], "credentials": true}`))
	waitFor("the restored file", func() bool { return allows(a) && allows(b) })
	if !p.Config().Credentials {
		t.Fatal("the restored file's credentials are not in force")
	}

	cancel()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("WatchFile did not stop with its context")
	}
	done.Store(true)
	traffic.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d decisions were not one policy's whole answer", bad.Load())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reports) != 2 {
		t.Fatalf("reports = %q, want one for the invalid file and one for the deleted one", reports)
	}
}

func headerMap(d *Decision) map[string][]string {
	m := map[string][]string{}
	for name, lines := range d.Headers() {
		m[name] = lines
	}
	return m
}
