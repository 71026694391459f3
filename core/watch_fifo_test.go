//go:build unix

package core

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWatchFileNamedPipe: a named pipe put where the policy file was is
// refused without waiting for a writer (opening one for reading would
// block forever), the policy in force is kept, and cancelling the context
// stops the watch within its interval.
func TestWatchFileNamedPipe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(path, []byte(`{"origins": ["https://a.example"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	p := mustNew(t, Config{Origins: []string{"https://start.example"}})
	reports := make(chan error, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopped := make(chan struct{})
	const interval = 10 * time.Millisecond
	go func() {
		p.WatchFile(ctx, path, interval, func(err error) { reports <- err })
		close(stopped)
	}()
	allows := func(origin string) bool { return p.Decide(actual("GET", origin)).Allowed }
	for deadline := time.Now().Add(5 * time.Second); !allows("https://a.example"); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for WatchFile to apply the regular file")
		}
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-reports:
		if !strings.Contains(err.Error(), "a named pipe, not a regular file") {
			t.Errorf("reported %q, want the named pipe named", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("timed out waiting for WatchFile to report the named pipe (an open waiting for a writer never returns)")
	}
	if !allows("https://a.example") {
		t.Error("the named pipe changed the policy in force")
	}

	cancel()
	start := time.Now()
	select {
	case <-stopped:
		if took := time.Since(start); took > interval+time.Second {
			t.Errorf("WatchFile took %v to stop, want about its interval (%v)", took, interval)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("timed out waiting for WatchFile to return after its context was cancelled")
	}
	select {
	case err := <-reports:
		t.Errorf("a second report for the same named pipe: %v", err)
	default:
	}
}

// TestReadRegularFileRefusesNamedPipe: the opened file is checked too, so
// a pipe swapped in between the stat and the open is refused, not waited
// on.
func TestReadRegularFileRefusesNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, _, err := readRegularFile(path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe") {
			t.Errorf("readRegularFile of a named pipe: %v, want it refused as one", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("timed out waiting for readRegularFile to return on a named pipe with no writer")
	}
}
