package core

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
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

// TestWatchFileParsesEachVersionOnce drives one watch tick by tick: an
// unchanged file is not read again once its modification time is old
// enough to trust, and not parsed again in any case; an invalid version is
// parsed once and reported once, and a second invalid version, failing
// alike, once more; a valid change after an invalid one is applied; bytes
// rewritten unchanged are read but not parsed.
func TestWatchFileParsesEachVersionOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.json")
	long := time.Now().Add(-time.Hour)
	write := func(content string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	p := mustNew(t, Config{Origins: []string{"https://start.example"}})
	var reports []string
	w := fileWatch{policy: p, path: path, report: func(err error) { reports = append(reports, err.Error()) }}
	ticks := func(n int) {
		for range n {
			w.check()
		}
	}
	expect := func(step string, reads, parses, reported int) {
		t.Helper()
		if w.reads != reads || w.parses != parses || len(reports) != reported {
			t.Fatalf("%s: %d reads, %d parses, %d reports (%.300q); want %d reads, %d parses, %d reports",
				step, w.reads, w.parses, len(reports), reports, reads, parses, reported)
		}
	}
	allows := func(origin string) bool { return p.Decide(actual("GET", origin)).Allowed }

	write(`{"origins": ["https://a.example"]}`, long)
	ticks(5)
	expect("a valid file, unchanged for an hour", 1, 1, 0)
	if !allows("https://a.example") {
		t.Fatal("the file was not applied")
	}

	write(`{"allowed_origins": ["https://b.example"]}`, time.Now())
	ticks(5)
	if w.parses != 2 || len(reports) != 1 {
		t.Fatalf("an invalid version, just written: %d parses, %d reports (%.300q); want 2 parses, 1 report", w.parses, len(reports), reports)
	}
	if !allows("https://a.example") || allows("https://b.example") {
		t.Fatal("an invalid version changed the policy in force")
	}

	write(`{"allowed_origins": ["https://c.example"]}`, long.Add(time.Minute))
	ticks(5)
	reads := w.reads
	expect("a second invalid version, failing alike", reads, 3, 2)
	if reports[0] != reports[1] {
		t.Fatalf("the two invalid versions fail differently: %q", reports)
	}

	write(`{"origins": ["https://c.example"]}`, long.Add(2*time.Minute))
	ticks(5)
	expect("a valid version after an invalid one", reads+1, 4, 2)
	if !allows("https://c.example") || allows("https://a.example") {
		t.Fatal("the valid version after an invalid one was not applied")
	}

	write(`{"origins": ["https://c.example"]}`, long.Add(3*time.Minute))
	ticks(5)
	expect("the same bytes written again", reads+2, 4, 2)

	var tenants strings.Builder
	tenants.WriteString(`{"origins": ["https://c.example"`)
	for i := range 150_000 {
		fmt.Fprintf(&tenants, `, "https://tenant-%d.example"`, i)
	}
	tenants.WriteString(`]}`)
	big := tenants.String()
	write(big, long.Add(4*time.Minute))
	ticks(5)
	expect(fmt.Sprintf("a %d MB file, unchanged", len(big)>>20), reads+3, 5, 2)
}

// BenchmarkWatchFileTick measures one tick of a watch on an unchanged
// policy file of 150,000 origins (about 4.4 MB).
func BenchmarkWatchFileTick(b *testing.B) {
	path := filepath.Join(b.TempDir(), "policy.json")
	origins := make([]string, 150_000)
	for i := range origins {
		origins[i] = fmt.Sprintf("https://tenant-%d.example", i)
	}
	data, err := json.Marshal(Config{Origins: origins})
	if err != nil {
		b.Fatal(err)
	}
	long := time.Now().Add(-time.Hour)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.Chtimes(path, long, long); err != nil {
		b.Fatal(err)
	}
	p, err := New(Config{Origins: []string{"https://start.example"}})
	if err != nil {
		b.Fatal(err)
	}
	w := fileWatch{policy: p, path: path, report: func(err error) { b.Fatal(err) }}
	w.check()
	b.ReportAllocs()
	for b.Loop() {
		w.check()
	}
}

// TestWatchFileReportsAMissingFileOnce: a file removed between a tick's
// stat and its open is noticed by the open, then by every later stat; the
// two errors differ in words but are one problem, reported once (found by
// scripts/stress.sh: TestWatchFileUnderTraffic saw both reported).
func TestWatchFileReportsAMissingFileOnce(t *testing.T) {
	var reports []error
	w := fileWatch{path: "policy.json", report: func(err error) { reports = append(reports, err) }}
	w.problem(&fs.PathError{Op: "open", Path: "policy.json", Err: fs.ErrNotExist})
	w.problem(&fs.PathError{Op: "stat", Path: "policy.json", Err: fs.ErrNotExist})
	if len(reports) != 1 {
		t.Fatalf("reports = %q, want the missing file once", reports)
	}
	w.problem(&fs.PathError{Op: "open", Path: "policy.json", Err: fs.ErrPermission})
	if len(reports) != 2 {
		t.Fatalf("reports = %q, want a new problem reported", reports)
	}
}
